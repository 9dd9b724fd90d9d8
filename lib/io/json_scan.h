/*
 * A strict RFC 8259 scanner for the dataset file (private).
 *
 * cJSON is lenient in places dataset files are not (it does not report the exact
 * byte of a syntax error, and it accepts some inputs the format calls invalid), so
 * the whole text is first checked by this scanner, which also finds the
 * top-level members and the byte span of every element of top-level arrays.
 * Each record is then parsed by cJSON from its span.
 */
#ifndef CARE_JSON_SCAN_H
#define CARE_JSON_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef enum care__json_type {
	CARE__JSON_NULL = 0,
	CARE__JSON_FALSE,
	CARE__JSON_TRUE,
	CARE__JSON_NUMBER,
	CARE__JSON_STRING,
	CARE__JSON_ARRAY,
	CARE__JSON_OBJECT
} care__json_type;

/* A value: bytes [start, end) of the text, without surrounding whitespace. */
typedef struct care__json_span {
	size_t start, end;
	care__json_type type;
} care__json_span;

/* A member of the top-level object. */
typedef struct care__json_member {
	char *key;      /* decoded (escapes resolved), NUL-terminated, owned */
	size_t key_len; /* bytes, without the NUL (a key may contain \u0000) */
	care__json_span value;
	care__json_span *elements; /* when value is an array: its elements, owned */
	size_t element_count;
	/*
	 * Instead of elements, for the lists named by care_json__scan_behind's `compact`: the
	 * length in bytes of each element (CARE__JSON_LONG when 2^32 - 1 or more), owned. The
	 * elements are the values between the list's brackets, apart from whitespace and commas.
	 */
	uint32_t *lengths;
	size_t open_start; /* (while scanning: where the element being scanned starts) */
} care__json_member;

#define CARE__JSON_LONG UINT32_MAX

typedef struct care__json_doc {
	care__json_type top_type; /* the type of the top-level value */
	/* When the top level is an object: its members in order of first
	 * appearance; a repeated key keeps its first occurrence only. */
	care__json_member *members;
	size_t member_count;
} care__json_doc;

/*
 * Scan `len` bytes. On success returns 0 and fills *doc (release it with
 * care_json__doc_free). On a syntax error returns CARE_ESYNTAX and sets
 * *line and *column (1-based; column in bytes) of the first byte that cannot
 * continue a JSON text (the position just past the last byte at end of
 * input), and *reason to a static English phrase ("expected ',' or '}'").
 * Returns CARE_ENOMEM when an allocation fails (doc is then empty).
 */
int care_json__scan(care__json_doc *doc, const char *text, size_t len, long *line, long *column,
                    const char **reason);

/*
 * The same, keeping only lengths for the top-level lists whose names are in `compact` (NULL,
 * or NULL-terminated; the big lists, read in order), and calling behind(ctx, upto) now and then
 * (every few megabytes, at the start of an element of a top-level list) once the text before `upto`
 * has been scanned, so that a mapped file's pages can be given back as the scan goes.
 */
int care_json__scan_behind(care__json_doc *doc, const char *text, size_t len, long *line,
                           long *column, const char **reason,
                           void (*behind)(void *ctx, size_t upto), void *ctx,
                           const char *const *compact);

/*
 * What a scan tells as it goes, from the thread that scans (every member may be NULL):
 * member_start when a top-level member's value begins (its key decoded, value.start and
 * value.type set; `compact`: its elements will keep only their lengths), member_end when
 * that value has been scanned (value.end, and elements or lengths, complete), element_end
 * when element `count` - 1 of a compact list, [start, end) of the text, has been scanned,
 * and behind as for
 * care_json__scan_behind. The member is the scan's, valid only during the call.
 */
typedef struct care__json_watch {
	void *ctx;
	void (*member_start)(void *ctx, const care__json_member *m, int compact);
	void (*member_end)(void *ctx, const care__json_member *m);
	void (*element_end)(void *ctx, size_t count, size_t start, size_t end);
	void (*behind)(void *ctx, size_t upto);
	/*
	 * May be NULL. Offered each element of a compact list that is an object, at `start`
	 * (element `count` - 1), with the most elements it may read from there on (1 while
	 * the list keeps lengths): how many it read, each as strictly as the scan would and
	 * found valid, with *last and *end the start and end of the last one; the scan goes on
	 * from *end. 0: it declines (the scan reads the object itself). Elements before the
	 * last one read are separated only by whitespace and a comma, and not told of by
	 * element_end (the watcher knows them), nor by behind.
	 */
	size_t (*element_value)(void *ctx, size_t count, size_t start, size_t most, size_t *last,
	                        size_t *end);
	/* The compact lists keep only their element count, no lengths (the watcher, told of
	 * each element, does not need them; a reader finds an element's end itself). */
	int count_only;
	/* element_end is told of the elements of every top-level list, not only compact ones
	 * (those keep their elements as ever). */
	int every_list;
} care__json_watch;

/*
 * care_json__scan_behind with a watch. On failure *doc keeps what was scanned (so that a
 * reader beside the scan may still hold parts of it): release it with care_json__doc_free.
 */
int care_json__scan_watched(care__json_doc *doc, const char *text, size_t len, long *line,
                            long *column, const char **reason, const care__json_watch *watch,
                            const char *const *compact);

/*
 * Decode one escape of a string the scanner has accepted: t[*at] is the byte after its
 * backslash. Writes its bytes at o (at most 6; 4 for a surrogate pair) and returns where
 * they end; *at moves to the escape's last byte. "\u0000" is a NUL byte, or with
 * `nul_as_ff` six 0xFF bytes (as care_decode__parse, so that no string is cut short).
 */
char *care_json__unescape(const unsigned char *t, size_t *at, char *o, int nul_as_ff);

/*
 * The end of the value that starts at `at` (no whitespace before it) in a text the scanner
 * has accepted.
 */
size_t care_json__value_end(const char *text, size_t at);

void care_json__doc_free(care__json_doc *doc);

#endif
