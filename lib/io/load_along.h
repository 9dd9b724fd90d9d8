/*
 * The scan of a dataset file on a second thread, beside the record pass (private).
 *
 * A big file's scan (json_scan.h) and its record pass each take a share of a load. Run one
 * after the other, the record pass also reads the text a second time from memory. Beside
 * each other, the scan runs a little ahead on its own thread and the record pass reads each
 * record while its text is still in the cache: the scan tells of each top-level member as it
 * begins and ends and of each element of a big list as it ends; the record pass asks for a
 * member by name and for element i of a list, waiting when the scan has not got there.
 *
 * The scan of a big list is held back (kept a few megabytes ahead of where the record pass
 * has read) while the record pass is busy, so the text between them stays small and in the
 * cache; whenever the record pass waits for the scan, the scan runs free.
 *
 * A member the record pass needs before the scan has found it may come later in the file.
 * While the scan is inside a big list, the record pass may take such a member as absent
 * rather than wait for the whole scan; care_along__finish() then says whether that was
 * wrong (the member exists after all), and the loader starts the record pass again from
 * the finished scan. Files written by libcare put every other member before the big lists.
 *
 * One care__along is used by the thread that started it and the scan's own thread only.
 */
#ifndef CARE_IO_LOAD_ALONG_H
#define CARE_IO_LOAD_ALONG_H

#include <stddef.h>

#include "io/json_decode.h"
#include "io/json_direct.h"
#include "io/json_pool.h"
#include "io/json_scan.h"

typedef struct care__along care__along;

/* An element of the decoded list as the scan's thread decoded it: what the record pass reads
 * of it in the first two cache lines (care_along__prefetch fetches them). */
#define CARE__DECODED_READ 128
typedef struct care__decoded {
	_Alignas(64) size_t index; /* the element (SIZE_MAX: none yet) */
	size_t start, end;         /* its bytes */
	int taken;                 /* d.rec holds it (else it needs the general decoder) */
	uint32_t hash;             /* when taken with an id: the id-index hash of the id */
	care__direct d;
} care__decoded;

_Static_assert(offsetof(care__decoded, d.strings) + sizeof(char *) <= CARE__DECODED_READ,
               "what the record pass reads of a decoded completion fits two cache lines");

/*
 * An element of the parsed list (the staff) as the scan's thread parsed it into a tree and
 * decoded it: taken when the decoder found nothing to say (the record pass then checks and
 * stores rec); else the pass reads the element itself, as it would without the scan.
 */
typedef struct care__parsed {
	size_t index;      /* the element (SIZE_MAX: none yet) */
	size_t start, end; /* its bytes */
	int taken;         /* rec holds it, decoded without an issue */
	const char *id;    /* its id as written, or NULL (in the tree) */
	uint32_t hash;     /* the id-index hash of id */
	cJSON *tree;       /* in pool: rec's strings; NULL when decoded straight from the text */
	care__record rec;  /* its lists in scratch, or its strings and lists in staff */
	care__jpool pool;
	care__scratch scratch;
	care__direct_staff staff;
} care__parsed;

/* The loader scans files of at least this many bytes beside its record pass; the scan keeps
 * at most care_along__lead bytes ahead of the pass, and decodes at most care_along__ring
 * completions ahead (raised to a power of two, and to a few batches; tests lower them; set
 * them before any load). */
extern size_t care_load__along_from;
/* Completion ids are checked one by one as the records come, never all at once after their
 * list (tests set it, to compare the two). */
extern int care_load__precise;
extern size_t care_along__lead, care_along__ring, care_along__trees;

/*
 * Start scanning `len` bytes of text on a new thread, keeping only lengths for the lists in
 * `compact` (as care_json__scan_behind) and telling of the members named in `names`
 * (NULL-terminated, at most 16). The scan's thread also decodes the elements of list
 * names[decode] (a big list of completions; -1 none) with care_direct__completion, and
 * parses and decodes those of list names[parse] (records of `parse_kind`; -1 none), a
 * little ahead of the record pass. 0, or CARE_ENOMEM when the thread or memory cannot be
 * had (the caller then scans on its own).
 */
int care_along__start(care__along **out, const char *text, size_t len, const char *const *names,
                      const char *const *compact, int decode, int parse, care_kind parse_kind);

/*
 * The first member named names[name]: 1 with *out filled (its value; its elements when it
 * is a list the scan has finished; element_count so far, lengths NULL, for a big list still
 * being scanned), 0 when the file has none. Waits while the scan may still find it; when
 * `may_assume` and the scan is inside a big list, answers 0 at once and remembers that.
 */
int care_along__member(care__along *a, int name, int may_assume, care__json_member *out);

/*
 * Whether the list names[name] (found by care_along__member) has an element i: 1 once the
 * scan has passed its end, 0 when the list ends before it. Waits for the scan.
 */
int care_along__element(care__along *a, int name, size_t i);

/*
 * Element i of the decoded list as the scan decoded it, or NULL when the scan did not (the
 * record pass then decodes it). Only for elements the pass has not yet said it is done with;
 * NULL for one care_along__element() has not yet said exists.
 */
const care__decoded *care_along__decoded(const care__along *a, size_t i);

/* Element i of the parsed list as care_along__decoded() gives one of the decoded list. */
const care__parsed *care_along__parsed(const care__along *a, size_t i);

/* Start fetching element i's slot of the ring into the cache (when it has been told of). */
void care_along__prefetch(const care__along *a, size_t i);
/* The same for the parsed list, with the record's strings and assignments. */
void care_along__prefetch_parsed(const care__along *a, size_t i);

/*
 * How far the record pass has read: the scan keeps a few megabytes ahead of `pos`; and how
 * many elements of list names[name] it is done with (when it is the decoded or the parsed
 * list, their slots may be used again).
 */
void care_along__reading(care__along *a, size_t pos, int name, size_t consumed);

/*
 * Wait for the scan and free *a. Its result as care_json__scan_behind's (*doc filled on
 * success, empty otherwise), except that the big lists have only their element count, no
 * lengths; *assumed_wrong set when a member taken as absent exists.
 */
int care_along__finish(care__along *a, care__json_doc *doc, long *line, long *column,
                       const char **reason, int *assumed_wrong);

#endif
