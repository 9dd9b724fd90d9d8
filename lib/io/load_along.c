/*
 * The scan of a dataset file on a second thread, beside the record pass (load_along.h).
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "io/load_along.h"
#include "core/issues.h"
#include "dataset/check.h"
#include "dataset/ids.h"
#include "util/strtab.h"
#include "care.h"
#include "util/alloc.h"

#define MAX_NAMES 16
/* How far ahead of the record pass the scan may run in the list being read: the text
 * between them stays in the cache. */
size_t care_along__lead = (size_t)16 << 20;
/* Elements of a big list told at once (one lock each time). */
#define BATCH 1024
/* Completions the scan decodes ahead of the record pass. */
size_t care_along__ring = 32768;
/* Records of the parsed list the scan parses ahead of it (each slot keeps its tree: few, so
 * that their nodes stay in the cache), and told at once. */
size_t care_along__trees = 512;
#define PARSE_BATCH 64

typedef struct seen {
	int state;           /* 0 not found, 1 being scanned, 2 scanned */
	int big;             /* a list whose elements keep only their lengths */
	int assumed;         /* taken as absent by the record pass */
	care__json_member m; /* the member as the scan had it when it told (no key) */
} seen;

struct care__along {
	/* care_along__ring (as a power of two, for a mask) and care_along__lead when started */
	size_t ring_size, lead;
	care__decoded *ring;  /* element i of the decoded list in ring[i & (ring_size - 1)] */
	void *ring_alloc;     /* where ring was allocated (ring is on a cache line) */
	int decode;           /* the list whose elements the scan decodes, -1 none */
	size_t consumed;      /* elements of it the record pass is done with (under mu) */
	size_t consumed_seen; /* the scan's copy of it */
	/* The same of the parsed list. */
	size_t trees_size;
	care__parsed *trees;
	int parse;
	care_kind parse_kind;
	size_t parsed, parsed_seen;
	care_issues *scrap; /* the issues of a decode on the scan's thread (then not taken) */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	const char *text;
	size_t len;
	const char *const *names;
	size_t name_count;
	const char *const *compact;
	care__json_doc doc;
	care__json_watch watch;
	/* The scan's side. */
	int current;    /* the named member being scanned, -1 for any other */
	size_t pending; /* elements of the current list since the last told */
	int in_big;     /* inside a big list's value */
	int done, rc;
	long line, column;
	const char *reason;
	seen seen[MAX_NAMES];
	int scan_waits;
	size_t fused;                /* the element element_value() read last (SIZE_MAX: none) */
	size_t hold_end, hold_count; /* where the scan is while it is held back */
	size_t hold_parsed;          /* the same in the parsed list */
	/* The record pass's side, a cache line apart from the scan's: each thread writes its own
	 * for every element, and the other would otherwise fetch the line back each time. */
	char apart[64];
	size_t read_pos; /* how far it has read */
	int reader_waits, reader_left;
	int known_name; /* element_count known for list known_name (no lock needed below it) */
	size_t known;
	char after[64];
};

static int name_of(const care__along *a, const char *key, size_t key_len)
{
	size_t i;

	for (i = 0; i < a->name_count; i++)
		if (strlen(a->names[i]) == key_len && memcmp(a->names[i], key, key_len) == 0)
			return (int)i;
	return -1;
}

static void wake(care__along *a, int waiting)
{
	if (waiting)
		pthread_cond_broadcast(&a->cv);
}

/* Wake the record pass if it waits for the scan (the lock held). It is no longer waiting
 * from now on, though it may not have run yet: it says so again if it must wait more. */
static void wake_reader(care__along *a)
{
	if (a->reader_waits) {
		pthread_cond_broadcast(&a->cv);
		a->reader_waits = 0;
	}
}

/* ---- told by the scan, on its thread ---- */

static void member_start(void *ctx, const care__json_member *m, int compact)
{
	care__along *a = ctx;
	int n = name_of(a, m->key, m->key_len);

	pthread_mutex_lock(&a->mu);
	a->in_big = compact && m->value.type == CARE__JSON_ARRAY;
	a->current = -1;
	if (n >= 0 && a->seen[n].state == 0) {
		seen *s = &a->seen[n];
		s->state = 1;
		/* The parsed list is read as the scan goes, like a big one; it keeps its
		 * elements, which the pass has once the list has ended. */
		s->big = a->in_big || (n == a->parse && m->value.type == CARE__JSON_ARRAY);
		s->m = *m;
		s->m.key = NULL;
		s->m.lengths = NULL;
		s->m.elements = NULL;
		s->m.element_count = 0;
		a->current = n;
	}
	a->pending = 0;
	wake_reader(a);
	pthread_mutex_unlock(&a->mu);
}

/*
 * Whether the slot of element i is free, with the counts the pass is done with read again
 * (the scan's copies are made only every batch, and the pass may have caught up since).
 * For the parsed list (`wait`), the scan waits for the pass to free it, unless the pass is
 * waiting for the scan; for the decoded list it does not: with no room, the pass reads i
 * itself.
 */
static int room(care__along *a, size_t i, int wait)
{
	int free;

	pthread_mutex_lock(&a->mu);
	for (;;) {
		a->consumed_seen = a->consumed;
		a->parsed_seen = a->parsed;
		free =
		    wait ? i < a->parsed_seen + a->trees_size : i < a->consumed_seen + a->ring_size;
		if (free || !wait || a->reader_waits || a->reader_left)
			break;
		/* Woken by care_along__reading once the pass is half way there. */
		a->hold_end = a->hold_count = 0;
		a->hold_parsed = i;
		a->scan_waits = 1;
		pthread_cond_wait(&a->cv, &a->mu);
		a->scan_waits = 0;
	}
	pthread_mutex_unlock(&a->mu);
	return free;
}

/* The slot of element i - 1 when it holds that element, decoded from all-ASCII text (the
 * decode of element i then compares its strings with that one's), else NULL. */
static const care__direct *before(const care__along *a, size_t i)
{
	const care__decoded *prev = &a->ring[(i - 1) & (a->ring_size - 1)];

	return i > 0 && prev->index == i - 1 && prev->taken && prev->d.ascii ? &prev->d : NULL;
}

/* Slot of element i [start, end) holds its decoded completion: its id hashed while its text is
 * in this core's cache (the pass then need not read the id at all when it is a UUID). */
static void decode_done(care__decoded *slot, size_t i, size_t start, size_t end)
{
	slot->hash = slot->d.rec.id ? care_strtab__hash(slot->d.rec.id, slot->d.id_len) : 0;
	slot->taken = 1;
	slot->index = i;
	slot->start = start;
	slot->end = end;
}

/* Element i [start, end) needs the general decoder. */
static void decode_declined(care__decoded *slot, size_t i, size_t start, size_t end)
{
	slot->taken = 0;
	slot->index = i;
	slot->start = start;
	slot->end = end;
}

/*
 * Decode element i of the decoded list into its slot of the ring, unless the record pass may
 * still be reading the slot's element before it (then the pass decodes i itself).
 */
static void decode(care__along *a, size_t i, size_t start, size_t end)
{
	care__decoded *slot = &a->ring[i & (a->ring_size - 1)];
	size_t used;
	int rc;

	if (i >= a->consumed_seen + a->ring_size && !room(a, i, 0))
		return;
	rc =
	    care_direct__completion(&slot->d, before(a, i), a->text + start, a->len - start, &used);
	if (rc < 0)
		slot->index = SIZE_MAX; /* out of memory: the pass finds out itself */
	else if (rc == 1 && start + used == end)
		decode_done(slot, i, start, end);
	else
		decode_declined(slot, i, start, end);
}

/*
 * Parse and decode element i of the parsed list [start, end), scanned, into its slot,
 * unless the record pass may still be reading the slot's element before it. A decode that
 * has anything to say, or no memory, leaves the element to the pass.
 */
static void parse(care__along *a, size_t i, size_t start, size_t end)
{
	care__parsed *slot = &a->trees[i & (a->trees_size - 1)];
	care__check c;
	char buf[37];
	int rc;

	if (i >= a->parsed_seen + a->trees_size && !room(a, i, 1))
		return;
	slot->index = SIZE_MAX;
	slot->start = start;
	slot->end = end;
	if (a->parse_kind == CARE_KIND_STAFF) {
		/* A plain person without a tree. */
		rc = care_direct__staff(&slot->staff, a->text + start, end - start);
		if (rc < 0)
			return;
		if (rc == 1) {
			slot->tree = NULL;
			slot->rec.staff = slot->staff.rec;
			slot->id = slot->staff.rec.id;
			slot->hash = care_ids__hash(slot->id);
			slot->taken = 1;
			slot->index = i;
			return;
		}
	}
	slot->tree = care_jpool__parse(&slot->pool, a->text + start, end - start);
	if (slot->tree == NULL)
		return; /* out of memory: the pass finds out itself */
	care_kinds__begin(&c, NULL, a->scrap, a->parse_kind, NULL, (long)i);
	rc = care_decode__record(&c, &slot->scratch, slot->tree, &slot->rec);
	slot->taken = rc == 0 && !c.nomem && c.errors == 0 && care_issues_count(a->scrap) == 0;
	if (care_issues_count(a->scrap) != 0) {
		care_issues *fresh = care_issues__new();
		if (fresh == NULL)
			return;
		care_issues_free(a->scrap);
		a->scrap = fresh;
	}
	slot->id = care_decode__issue_id(a->parse_kind, slot->tree, buf);
	if (slot->id == buf)
		slot->taken = 0; /* a generated id lives in buf: the pass makes it itself */
	slot->hash = slot->id ? care_ids__hash(slot->id) : 0;
	slot->start = start;
	slot->end = end;
	slot->index = i;
}

static void element_end(void *ctx, size_t count, size_t start, size_t end)
{
	care__along *a = ctx;
	int decoding = a->current >= 0 && a->current == a->decode;
	int parsing = a->current >= 0 && a->current == a->parse;

	if (decoding && a->fused != count - 1)
		decode(a, count - 1, start, end);
	if (parsing)
		parse(a, count - 1, start, end);
	if (a->current < 0 || ++a->pending < (parsing ? PARSE_BATCH : BATCH))
		return;
	a->pending = 0;
	pthread_mutex_lock(&a->mu);
	a->seen[a->current].m.element_count = count;
	wake_reader(a);
	/* Held back while the record pass, busy, is far behind: in the text, or in the ring;
	 * once held, until the pass has caught up half the way (care_along__reading wakes
	 * the scan only then). */
	a->hold_end = end;
	a->hold_count = decoding ? count : 0;
	a->hold_parsed = parsing ? count : 0;
	while (!a->reader_left && !a->reader_waits &&
	       (end > a->read_pos + a->lead ||
	        (decoding && count + 2 * BATCH > a->consumed + a->ring_size) ||
	        (parsing && count + 2 * PARSE_BATCH > a->parsed + a->trees_size))) {
		a->scan_waits = 1;
		pthread_cond_wait(&a->cv, &a->mu);
	}
	a->scan_waits = 0;
	a->consumed_seen = a->consumed;
	a->parsed_seen = a->parsed;
	pthread_mutex_unlock(&a->mu);
}

/* Whitespace, a comma and whitespace from p, then the start of the next object, or NULL. */
static const char *next_object(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	if (p == end || *p++ != ',')
		return NULL;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p < end && *p == '{' ? p : NULL;
}

/*
 * Elements of the decoded list read here, before the scan, from element count - 1 at `start`
 * on, while they decode and the ring has room: the scan skips them. Each but the last is
 * told of here as the scan would (element_end), once the one after it has decoded.
 */
static size_t element_value(void *ctx, size_t count, size_t start, size_t most, size_t *last,
                            size_t *end)
{
	care__along *a = ctx;
	const char *text = a->text, *next;
	size_t i = count - 1, at = start, read = 0, used;

	if (a->current < 0 || a->current != a->decode)
		return 0;
	for (;;) {
		care__decoded *slot;
		if (i >= a->consumed_seen + a->ring_size && !room(a, i, 0))
			break;
		slot = &a->ring[i & (a->ring_size - 1)];
		/* The text a few records on, from the file's pages (the first to read it). */
		if (at + 4096 < a->len)
			care__prefetch_bytes(text + at + 2048, 128);
		if (care_direct__completion(&slot->d, before(a, i), text + at, a->len - at,
		                            &used) != 1) {
			slot->index = SIZE_MAX; /* the scan reads it, then decode() */
			break;
		}
		decode_done(slot, i, at, at + used);
		if (read > 0)
			element_end(a, i, *last, *end); /* the one before, now not the last */
		a->fused = i;
		read++;
		*last = at;
		*end = at + used;
		if (read == most || (next = next_object(text + *end, text + a->len)) == NULL)
			break;
		at = (size_t)(next - text);
		i++;
	}
	return read;
}

static void member_end(void *ctx, const care__json_member *m)
{
	care__along *a = ctx;

	pthread_mutex_lock(&a->mu);
	if (a->current >= 0) {
		seen *s = &a->seen[a->current];
		s->m = *m; /* its elements or lengths are complete and move no more */
		s->m.key = NULL;
		s->state = 2;
	}
	a->current = -1;
	a->in_big = 0;
	wake_reader(a);
	pthread_mutex_unlock(&a->mu);
}

static void *scan_thread(void *arg)
{
	care__along *a = arg;
	long line = 0, column = 0;
	const char *reason = NULL;
	int rc = care_json__scan_watched(&a->doc, a->text, a->len, &line, &column, &reason,
	                                 &a->watch, a->compact);

	pthread_mutex_lock(&a->mu);
	a->rc = rc;
	a->line = line;
	a->column = column;
	a->reason = reason;
	a->done = 1;
	a->current = -1;
	a->in_big = 0;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

/* ---- asked by the record pass ---- */

/* Free the ring (after the scan's thread has ended). */
static void ring_free(care__along *a)
{
	size_t i;

	if (a->trees != NULL) {
		for (i = 0; i < a->trees_size; i++) {
			care_jpool__free(&a->trees[i].pool);
			care_decode__scratch_free(&a->trees[i].scratch);
			care_direct__staff_free(&a->trees[i].staff);
		}
		care__free(a->trees);
		a->trees = NULL;
	}
	care_issues_free(a->scrap);
	a->scrap = NULL;
	if (a->ring == NULL)
		return;
	for (i = 0; i < a->ring_size; i++)
		care_direct__free(&a->ring[i].d);
	care__free(a->ring_alloc);
	a->ring = NULL;
	a->ring_alloc = NULL;
}

/* The least power of two at least n. */
static size_t power_of_two(size_t n)
{
	size_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

int care_along__start(care__along **out, const char *text, size_t len, const char *const *names,
                      const char *const *compact, int decode, int parse, care_kind parse_kind)
{
	care__along *a = care__calloc(1, sizeof *a);
	size_t i;

	*out = NULL;
	if (a == NULL)
		return CARE_ENOMEM;
	a->decode = -1;
	a->ring_size =
	    power_of_two(care_along__ring > 2 * BATCH ? care_along__ring : 2 * BATCH + 1);
	a->lead = care_along__lead;
	if (decode >= 0 &&
	    (a->ring_alloc = care__calloc(a->ring_size + 1, sizeof *a->ring)) != NULL) {
		a->ring = (care__decoded *)(((uintptr_t)a->ring_alloc + 63) & ~(uintptr_t)63);
		for (i = 0; i < a->ring_size; i++)
			a->ring[i].index = SIZE_MAX;
		a->decode = decode;
	}
	a->parse = -1;
	a->trees_size = power_of_two(care_along__trees > 4 * PARSE_BATCH ? care_along__trees
	                                                                 : 4 * PARSE_BATCH + 1);
	if (parse >= 0 && (a->scrap = care_issues__new()) != NULL &&
	    (a->trees = care__calloc(a->trees_size, sizeof *a->trees)) != NULL) {
		for (i = 0; i < a->trees_size; i++)
			a->trees[i].index = SIZE_MAX;
		a->parse = parse;
		a->parse_kind = parse_kind;
	}
	a->text = text;
	a->len = len;
	a->names = names;
	while (names[a->name_count] && a->name_count < MAX_NAMES)
		a->name_count++;
	a->compact = compact;
	a->current = -1;
	a->known_name = -1;
	a->watch.ctx = a;
	a->watch.member_start = member_start;
	a->watch.member_end = member_end;
	a->watch.element_end = element_end;
	/* The pass is told of each element as the scan goes: the big lists keep only their
	 * count (a pass started again from the finished scan finds each element's end). */
	a->watch.count_only = 1;
	a->fused = SIZE_MAX;
	if (a->ring)
		a->watch.element_value = element_value;
	a->watch.every_list = a->trees != NULL;
	if (pthread_mutex_init(&a->mu, NULL) != 0) {
		ring_free(a);
		care__free(a);
		return CARE_ENOMEM;
	}
	if (pthread_cond_init(&a->cv, NULL) != 0) {
		pthread_mutex_destroy(&a->mu);
		ring_free(a);
		care__free(a);
		return CARE_ENOMEM;
	}
	if (pthread_create(&a->thread, NULL, scan_thread, a) != 0) {
		pthread_cond_destroy(&a->cv);
		pthread_mutex_destroy(&a->mu);
		ring_free(a);
		care__free(a);
		return CARE_ENOMEM;
	}
	*out = a;
	return 0;
}

/* Wait for the scan to tell something (the lock held); the scan is not held back meanwhile. */
static void wait_scan(care__along *a)
{
	a->reader_waits = 1;
	wake(a, a->scan_waits);
	pthread_cond_wait(&a->cv, &a->mu);
	a->reader_waits = 0;
}

int care_along__member(care__along *a, int name, int may_assume, care__json_member *out)
{
	int found = 0;

	pthread_mutex_lock(&a->mu);
	for (;;) {
		seen *s = &a->seen[name];
		if (s->state == 2 || (s->state == 1 && s->big)) {
			*out = s->m;
			found = 1;
			break;
		}
		if (a->done || (s->state == 0 && may_assume && a->in_big)) {
			s->assumed = !a->done;
			break;
		}
		wait_scan(a);
	}
	pthread_mutex_unlock(&a->mu);
	return found;
}

int care_along__element(care__along *a, int name, size_t i)
{
	int has;

	if (a->known_name == name && i < a->known)
		return 1;
	pthread_mutex_lock(&a->mu);
	for (;;) {
		seen *s = &a->seen[name];
		a->known_name = name;
		a->known = s->m.element_count;
		if (i < a->known || s->state == 2 || a->done) {
			has = i < a->known;
			break;
		}
		wait_scan(a);
	}
	pthread_mutex_unlock(&a->mu);
	return has;
}

const care__decoded *care_along__decoded(const care__along *a, size_t i)
{
	const care__decoded *slot;

	/* Only an element the pass knows to be told of: the scan has written its slot. */
	if (a->ring == NULL || a->known_name != a->decode || i >= a->known)
		return NULL;
	slot = &a->ring[i & (a->ring_size - 1)];
	return slot->index == i ? slot : NULL;
}

const care__parsed *care_along__parsed(const care__along *a, size_t i)
{
	const care__parsed *slot;

	if (a->trees == NULL || a->known_name != a->parse || i >= a->known)
		return NULL;
	slot = &a->trees[i & (a->trees_size - 1)];
	return slot->index == i ? slot : NULL;
}

void care_along__prefetch_parsed(const care__along *a, size_t i)
{
	const care__parsed *slot;

	if (a->trees == NULL || a->known_name != a->parse || i >= a->known)
		return;
	slot = &a->trees[i & (a->trees_size - 1)];
	care__prefetch_bytes(slot, sizeof *slot);
	if (slot->index == i && slot->taken) {
		if (slot->tree != NULL)
			care__prefetch_bytes(slot->pool.text, slot->pool.text_used);
		else
			care__prefetch_bytes(slot->staff.strings, slot->end - slot->start);
		care__prefetch_bytes(slot->rec.staff.assignments,
		                     slot->rec.staff.assignment_count * sizeof(care_assignment));
	}
}

void care_along__prefetch(const care__along *a, size_t i)
{
	if (a->ring != NULL && a->known_name == a->decode && i < a->known)
		care__prefetch_bytes(&a->ring[i & (a->ring_size - 1)], CARE__DECODED_READ);
}

void care_along__reading(care__along *a, size_t pos, int name, size_t consumed)
{
	pthread_mutex_lock(&a->mu);
	a->read_pos = pos;
	if (name == a->decode && consumed > a->consumed)
		a->consumed = consumed;
	if (name == a->parse && consumed > a->parsed)
		a->parsed = consumed;
	wake(a, a->scan_waits && a->hold_end <= pos + a->lead / 2 &&
	            a->hold_count <= a->consumed + a->ring_size / 2 &&
	            a->hold_parsed <= a->parsed + a->trees_size / 2);
	pthread_mutex_unlock(&a->mu);
}

int care_along__finish(care__along *a, care__json_doc *doc, long *line, long *column,
                       const char **reason, int *assumed_wrong)
{
	size_t i;
	int rc;

	pthread_mutex_lock(&a->mu);
	a->reader_left = 1;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->thread, NULL);
	rc = a->rc;
	*assumed_wrong = 0;
	for (i = 0; i < a->name_count; i++)
		if (a->seen[i].assumed && a->seen[i].state != 0)
			*assumed_wrong = 1;
	if (rc == 0) {
		*doc = a->doc;
	} else {
		care_json__doc_free(&a->doc);
		memset(doc, 0, sizeof *doc);
		*line = a->line;
		*column = a->column;
		*reason = a->reason;
	}
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
	ring_free(a);
	care__free(a);
	return rc;
}
