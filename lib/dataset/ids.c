/*
 * Record ids: the id index of each kind, who owns an id, and the generated
 * ids of completions that have none.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <uuid/uuid.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#endif

#include "dataset/ids.h"
#include "util/jobs.h"
#include "util/error.h"
#include "util/alloc.h"
#include "util/radix.h"

int care_ids__simd = 1;

typedef struct kind_ctx {
	const care_dataset *ds;
	care_kind kind;
} kind_ctx;

/* The bytes of an id: A-Z a-z 0-9 . _ : - (the NUL that ends it is not one). */
static const unsigned char id_byte[256] = {
    ['-'] = 1, ['.'] = 1, [':'] = 1, ['_'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
    ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
    ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
    ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

int care_ids__valid_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	unsigned ok = 1;

	if (n < 1 || n > 64)
		return 0;
	for (i = 0; i < n; i++)
		ok &= id_byte[u[i]];
	return (int)ok;
}

int care_ids__valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	/* At most 65 bytes are looked at: the 65th, if it is an id byte, makes it too long. */
	while (n <= 64 && id_byte[u[n]])
		n++;
	return n >= 1 && n <= 64 && u[n] == '\0';
}

const char *care_ids__of(const care_dataset *ds, care_kind kind, uint32_t i, char buf[37])
{
	switch (kind) {
	case CARE_KIND_UNIT:
		return ds->units[i].id;
	case CARE_KIND_ROLE:
		return ds->roles[i].id;
	case CARE_KIND_MODULE:
		return ds->modules[i].id;
	case CARE_KIND_STAFF:
		return ds->staff[i].id;
	case CARE_KIND_COMPLETION:
		return care_ids__completion(ds, i, buf);
	case CARE_KIND_INTERACTION:
		return ds->interactions[i].id;
	case CARE_KIND_COMPLAINT:
		return ds->complaints[i].id;
	default:
		return "";
	}
}

static const char *record_key(const void *ctx, uint32_t i, char buf[37])
{
	const kind_ctx *k = ctx;

	return care_ids__of(k->ds, k->kind, i, buf);
}

uint32_t care_ids__hash(const char *id)
{
	return care_strtab__hash(id, strlen(id));
}

void care_ids__prefetch(const care_dataset *ds, care_kind kind, uint32_t hash)
{
	/* Only a hint: a released index is not made for it. */
	if (kind == CARE_KIND_COMPLETION && care_ids__completions_released(ds))
		return;
	care_idindex__prefetch(&ds->ids[kind], hash);
}

static uint32_t find_hashed(const care_dataset *ds, care_kind kind, const char *id, uint32_t hash)
{
	kind_ctx k = {ds, kind};

	/* Out of memory, nothing is found: callers that can fail made the index ready first. */
	if (kind == CARE_KIND_COMPLETION && care_ids__completions_ready(ds) != 0)
		return CARE__NO;
	return care_idindex__find(&ds->ids[kind], id, hash, &k, record_key);
}

uint32_t care_ids__find(const care_dataset *ds, care_kind kind, const char *id)
{
	return find_hashed(ds, kind, id, care_strtab__hash(id, strlen(id)));
}

int care_ids__reserve(care_dataset *ds, care_kind kind, size_t need)
{
	if (kind == CARE_KIND_COMPLETION && ds->deferring)
		return 0; /* the hashes' groups make room as they are added */
	/* Room is made for records to be put: the index must hold the others first. */
	if (kind == CARE_KIND_COMPLETION && care_ids__completions_ready(ds) != 0)
		return CARE_ENOMEM;
	return care_idindex__grow(&ds->ids[kind], need);
}

/* ---- the completions' id index, released by a seal ---- */

int care_ids__completions_released(const care_dataset *ds)
{
	/* Acquire: when it says no, the index another thread made is all there to read. */
	return atomic_load_explicit(&ds->completion_ids_released, memory_order_acquire);
}

size_t care_ids__rebuild_alone = 65536;

/* The id-index hashes of completions first .. first + n - 1 into hash[0 .. n - 1]. */
typedef struct hash_job {
	const care_dataset *ds;
	size_t first, n;
	uint32_t *hash;
} hash_job;

static void *hash_rows(void *arg)
{
	const hash_job *j = arg;
	char buf[37];
	size_t i;

	for (i = 0; i < j->n; i++)
		j->hash[i] = care_ids__hash(care_ids__completion(j->ds, j->first + i, buf));
	return NULL;
}

/* The same on the machine's cores: a completion without an id of its own costs a SHA-1
 * (about 0.6 us), 14 s for 30 million on one core. A thread that cannot be started leaves
 * its share to this one. */
static void hash_rows_on_cores(const care_dataset *ds, size_t first, size_t n, uint32_t *hash)
{
	enum { MOST = 8 };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t t = cores > 1 ? (size_t)cores : 1, k, share;
	hash_job jobs[MOST];

	if (t > MOST)
		t = MOST;
	if (n < care_ids__rebuild_alone)
		t = 1;
	share = (n + t - 1) / t;
	for (k = 0; k < t; k++) {
		size_t from = k * share < n ? k * share : n;
		jobs[k].ds = ds;
		jobs[k].first = first + from;
		jobs[k].n = n - from < share ? n - from : share;
		jobs[k].hash = hash + from;
	}
	care__run_jobs(hash_rows, jobs, sizeof *jobs, t);
}

int care_ids__completions_index(const care_dataset *ds, care__id_index *out)
{
	kind_ctx k = {ds, CARE_KIND_COMPLETION};
	size_t n = ds->completions.count, chunk, done, m, i;
	uint32_t *hash = NULL;
	char buf[37];
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return 0;
	/* The hashes a chunk at a time (as put_many groups them), not a column of them. */
	chunk = care_idindex__chunk && care_idindex__chunk < n ? care_idindex__chunk : n;
	if ((hash = care__malloc(chunk * sizeof *hash)) == NULL || care_idindex__grow(out, n) != 0)
		rc = CARE_ENOMEM;
	for (done = 0; done < n && rc == 0; done += m) {
		m = n - done < chunk ? n - done : chunk;
		hash_rows_on_cores(ds, done, m, hash);
		rc = care_idindex__put_many(out, (uint32_t)done, hash, m, &k, record_key);
	}
	care__free(hash);
	if (rc == 1) {
		/* Two rows share an id, which no check lets happen: index every row all the
		 * same, as their inserts did, so that nothing changes. */
		size_t cap = out->cap;
		memset(out->slots, 0xff, cap * sizeof *out->slots); /* every index CARE__NO */
		out->count = 0;
		for (i = 0; i < n; i++)
			care_idindex__put(out, (uint32_t)i,
			                  care_ids__hash(care_ids__completion(ds, i, buf)));
		rc = 0;
	}
	if (rc != 0)
		care_idindex__free(out);
	return rc;
}

int care_ids__completions_ready(const care_dataset *ds)
{
	/* The index is a cache of the rows: making it again changes nothing a reader can see,
	 * so a sealed (const) dataset may, under its lock. */
	care_dataset *cache = (care_dataset *)(uintptr_t)ds;
	care__id_index made;
	int rc = 0;

	if (!care_ids__completions_released(ds))
		return 0;
	pthread_mutex_lock(&cache->ids_lock);
	if (atomic_load_explicit(&ds->completion_ids_released, memory_order_relaxed)) {
		rc = care_ids__completions_index(ds, &made);
		if (rc == 0) {
			cache->ids[CARE_KIND_COMPLETION] = made;
			/* Release: a reader that sees 0 sees the index whole. */
			atomic_store_explicit(&cache->completion_ids_released, 0,
			                      memory_order_release);
		}
	}
	pthread_mutex_unlock(&cache->ids_lock);
	return rc;
}

void care_ids__defer(care_dataset *ds)
{
	ds->deferring = 1;
	ds->deferred_clash = 0;
	ds->deferred_from = ds->completions.count;
	care_radix__groups_free(&ds->deferred);
}

int care_ids__defer_put(care_dataset *ds, uint32_t hash)
{
	return care_radix__add(&ds->deferred, hash,
	                       (uint32_t)(ds->completions.count - 1 - ds->deferred_from));
}

/* ---- duplicate completion ids, found without the index ---- */

/*
 * A 64-bit hash of an id, apart from care_strtab__hash: the ids whose 32-bit hashes collide
 * (a hundred thousand pairs among thirty million) are sorted by it, so that only ids equal
 * in both are compared, however many share a 32-bit hash. FNV-1a.
 */
static uint64_t id_hash64(const char *id)
{
	const unsigned char *u = (const unsigned char *)id;
	uint64_t h = 0xcbf29ce484222325u;

	for (; *u != '\0'; u++)
		h = (h ^ *u) * 0x100000001b3u;
	return h;
}

/* An id whose 32-bit hash another id has: a completion's row, or a rejected id. */
typedef struct shared_id {
	uint64_t hash; /* id_hash64 */
	uint32_t row;  /* CARE__NO: rejected id number `rejected` */
	uint32_t rejected;
} shared_id;

static int shared_cmp(const void *x, const void *y)
{
	const shared_id *a = x, *b = y;

	return (a->hash > b->hash) - (a->hash < b->hash);
}

static const char *shared_text(const care_dataset *ds, const shared_id *e, char buf[37])
{
	return e->row != CARE__NO ? care_ids__completion(ds, e->row, buf)
	                          : ds->rejected_ids[CARE_KIND_COMPLETION].text[e->rejected];
}

/*
 * The ids whose 32-bit hash another id has, of rows or rejected, into *out (care__free it),
 * *count of them, each with its id_hash64: the radix pass finds them by the hashes alone.
 * 0 or CARE_ENOMEM.
 */
static int shared_ids(care_dataset *ds, size_t n, shared_id **out, size_t *count)
{
	const care__id_index *ix = &ds->ids[CARE_KIND_COMPLETION];
	const care__intern *rejected = &ds->rejected_ids[CARE_KIND_COMPLETION];
	uint32_t *row = NULL, *probe;
	size_t m = n + ix->count, i;
	care__radix_hit *hit = NULL;
	char buf[37];
	int rc = 0;

	*out = NULL;
	*count = 0;
	/* Rows indexed before the deferred ones (a load has none): theirs from the slots, added
	 * after the deferred rows (n of them). */
	if (ix->count != 0) {
		size_t at = n;
		if ((row = care__malloc(ix->count * sizeof *row)) == NULL)
			return CARE_ENOMEM;
		for (i = 0; i < ix->cap && rc == 0; i++)
			if (ix->slots[i].index != CARE__NO) {
				row[at - n] = ix->slots[i].index;
				rc = care_radix__add(&ds->deferred, ix->slots[i].hash,
				                     (uint32_t)at++);
			}
	}
	/* An id a rejected completion owns may also be a stored one's. */
	probe = care__malloc((rejected->count ? rejected->count : 1) * sizeof *probe);
	if (probe == NULL)
		rc = CARE_ENOMEM;
	for (i = 0; i < rejected->count && rc == 0; i++)
		probe[i] = care_ids__hash(rejected->text[i]);
	if (rc == 0)
		rc = care_radix__repeated(&ds->deferred, probe, rejected->count, &hit, count);
	care__free(probe);
	if (rc == 0 && *count != 0 && (*out = care__malloc(*count * sizeof **out)) == NULL)
		rc = CARE_ENOMEM;
	for (i = 0; rc == 0 && i < *count; i++) {
		shared_id *e = &(*out)[i];
		uint32_t at = hit[i].at;
		e->row = at < n   ? (uint32_t)(ds->deferred_from + at)
		         : at < m ? row[at - n]
		                  : CARE__NO;
		e->rejected = e->row == CARE__NO ? at - (uint32_t)m : 0;
		e->hash = id_hash64(shared_text(ds, e, buf));
	}
	care__free(row);
	care__free(hit);
	return rc;
}

/* Whether two of the ids sharing a 32-bit hash are the same id: 1, else 0 (1 also when too
 * many share their 64-bit hash too: the caller then checks each id itself). */
static int any_same(const care_dataset *ds, shared_id *e, size_t n)
{
	char a[37], b[37];
	size_t i, j, end;

	qsort(e, n, sizeof *e, shared_cmp);
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && e[end].hash == e[i].hash; end++)
			;
		/* Ids made to share both hashes, many of them: each pair is not compared (that
		 * grows as their square); the loader checks every id one by one instead. */
		if (end - i > 32)
			return 1;
		/* Rejected ids are each kept once: two of them are never the same. */
		for (j = i; j < end; j++) {
			size_t k;
			for (k = j + 1; k < end; k++)
				if ((e[j].row != CARE__NO || e[k].row != CARE__NO) &&
				    strcmp(shared_text(ds, &e[j], a), shared_text(ds, &e[k], b)) ==
				        0)
					return 1;
		}
	}
	return 0;
}

int care_ids__settle_unique(care_dataset *ds)
{
	size_t n = ds->completions.count - ds->deferred_from, count = 0;
	shared_id *e = NULL;
	int rc = 0;

	if (!ds->deferring)
		return 0;
	ds->deferring = 0;
	if (ds->deferred_clash)
		rc = 1;
	if (rc == 0)
		rc = shared_ids(ds, n, &e, &count);
	if (rc == 0 && count != 0)
		rc = any_same(ds, e, count);
	care__free(e);
	care_radix__groups_free(&ds->deferred);
	if (rc == 0) {
		/* As care_dataset__release_ids leaves it: made from the rows on first need. */
		care_idindex__free(&ds->ids[CARE_KIND_COMPLETION]);
		atomic_store_explicit(&ds->completion_ids_released, 1, memory_order_relaxed);
	}
	return rc;
}

void care_ids__put(care_dataset *ds, care_kind kind, uint32_t index, const char *id)
{
	care_idindex__put(&ds->ids[kind], index, care_strtab__hash(id, strlen(id)));
}

void care_ids__put_hashed(care_dataset *ds, care_kind kind, uint32_t index, uint32_t hash)
{
	care_idindex__put(&ds->ids[kind], index, hash);
}

/* The number of stored records a reference may name. */
static size_t referable(const care_dataset *ds, care_kind kind)
{
	switch (kind) {
	case CARE_KIND_UNIT:
		return ds->unit_count;
	case CARE_KIND_ROLE:
		return ds->role_count;
	case CARE_KIND_MODULE:
		return ds->module_count;
	case CARE_KIND_STAFF:
		return ds->staff_count;
	case CARE_KIND_INTERACTION:
		return ds->interaction_count;
	default:
		return 0; /* completions are never referred to, and may be removed */
	}
}

int care_ids__recent(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index)
{
	size_t refs = referable(ds, kind);
	unsigned k, at = ds->recent_at[kind];
	char buf[37];

	/* The latest first. Stored records of these kinds are never removed, so a position
	 * below the count is still that record. */
	for (k = 0; k < CARE__RECENT; k++) {
		unsigned slot = (at + CARE__RECENT - k) % CARE__RECENT;
		uint32_t r = ds->recent[kind][slot];
		const char *kept = ds->recent_id[kind][slot];
		if (r == 0 || r - 1 >= refs)
			continue;
		if (kept[0] != '\0' ? care_strtab__same_text(kept, id)
		                    : strcmp(care_ids__of(ds, kind, r - 1, buf), id) == 0) {
			*index = r - 1;
			return 1;
		}
	}
	/* The next record of the list. */
	if (ds->recent[kind][at] != 0 && ds->recent[kind][at] < refs &&
	    strcmp(care_ids__of(ds, kind, ds->recent[kind][at], buf), id) == 0) {
		*index = ds->recent[kind][at];
		return 2;
	}
	return 0;
}

void care_ids__remember(care_dataset *ds, care_kind kind, uint32_t index)
{
	unsigned at = (ds->recent_at[kind] + 1u) % CARE__RECENT;
	char buf[37];
	const char *id = care_ids__of(ds, kind, index, buf);
	size_t len = strlen(id);

	ds->recent[kind][at] = index + 1;
	ds->recent_at[kind] = (uint8_t)at;
	if (len < CARE__RECENT_ID)
		memcpy(ds->recent_id[kind][at], id, len + 1);
	else
		ds->recent_id[kind][at][0] = '\0';
}

int care_ids__own_rejected(care_dataset *ds, care_kind kind, const char *id)
{
	uint32_t ignored;

	return care_intern__add(&ds->rejected_ids[kind], &ds->arena, id, &ignored);
}

int care_ids__owner(const care_dataset *ds, care_kind kind, const char *id, uint32_t *index)
{
	return care_ids__owner_hashed(ds, kind, id, care_strtab__hash(id, strlen(id)), index);
}

int care_ids__owner_hashed(const care_dataset *ds, care_kind kind, const char *id, uint32_t hash,
                           uint32_t *index)
{
	uint32_t i = find_hashed(ds, kind, id, hash);

	if (i != CARE__NO) {
		*index = i;
		return 1;
	}
	if (ds->rejected_ids[kind].count &&
	    care_intern__find(&ds->rejected_ids[kind], id) != CARE__NO)
		return 2;
	return 0;
}

/* ---- completion ids ---- */

int care_completion_make_id(char buf[37], const char *staff, const char *module,
                            const char *completed_on, const char *outcome)
{
	static const uuid_t ns = {0x6f, 0x1c, 0x3a, 0x52, 0x8d, 0x0e, 0x4b, 0x7a,
	                          0x9c, 0x41, 0x2e, 0x5d, 0x7b, 0x3f, 0x8a, 0x10};
	char small[256], *name = small;
	size_t ls, lm, ld, lo, len;
	uuid_t out;

	if (buf == NULL || staff == NULL || module == NULL || completed_on == NULL ||
	    outcome == NULL)
		return care__error(CARE_EINVAL, "care_completion_make_id: a field is NULL");
	ls = strlen(staff), lm = strlen(module), ld = strlen(completed_on), lo = strlen(outcome);
	len = ls + lm + ld + lo + 3;
	if (len > sizeof small) {
		name = care__malloc(len);
		if (name == NULL)
			return care__error(CARE_ENOMEM, "out of memory");
	}
	memcpy(name, staff, ls);
	name[ls] = '\x1f';
	memcpy(name + ls + 1, module, lm);
	name[ls + 1 + lm] = '\x1f';
	memcpy(name + ls + lm + 2, completed_on, ld);
	name[ls + lm + 2 + ld] = '\x1f';
	memcpy(name + ls + lm + ld + 3, outcome, lo);
	uuid_generate_sha1(out, ns, name, len);
	uuid_unparse_lower(out, buf);
	if (name != small)
		care__free(name);
	return 0;
}

int care_ids__uuid_parse(const char *s, uint8_t out[16])
{
	/* strnlen first: no byte past a shorter string's end is read. */
	return care_ids__uuid_parse_len(s, strnlen(s, 37), out);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101u
/*
 * The four bytes written as the eight lower-case hex digits in x (the first digit in its
 * lowest byte), into out; 1 when all eight are such digits. Eight at a time in one word:
 * a byte below 0x80 plus (0x80 - c) has its top bit set exactly when it is c or more.
 */
static int hex8(uint64_t x, uint8_t out[4])
{
	const uint64_t high = 0x80 * ONES;
	uint64_t digit = (x + 0x50 * ONES) & ~(x + 0x46 * ONES);  /* '0' to '9' */
	uint64_t letter = (x + 0x1f * ONES) & ~(x + 0x19 * ONES); /* 'a' to 'f' */
	/* Each digit's value: its low four bits, plus 9 for a letter (bit 6 set). */
	uint64_t nibble = (x & 0x0f * ONES) + ((x >> 6) & ONES) * 9;
	uint64_t u = (nibble & 0x000f000f000f000fu) << 4 | (nibble >> 8 & 0x000f000f000f000fu);
	uint32_t v;

	u = (u | u >> 8) & 0x0000ffff0000ffffu;
	u = (u | u >> 16) & 0xffffffffu;
	v = (uint32_t)u;
	memcpy(out, &v, 4);
	return (x & high) == 0 && ((digit | letter) & high) == high;
}

static uint64_t load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

static uint64_t load4(const char *p)
{
	uint32_t x;

	memcpy(&x, p, 4);
	return x;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define UUID_SSSE3 1

/* The 16 digits in v as their values, and in *ok 0xff for each byte that is a digit. */
__attribute__((target("ssse3"))) static __m128i hex16(__m128i v, __m128i *ok)
{
	const __m128i d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
	const __m128i l = _mm_sub_epi8(v, _mm_set1_epi8('a'));
	const __m128i is_d = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
	const __m128i is_l = _mm_cmpeq_epi8(_mm_min_epu8(l, _mm_set1_epi8(5)), l);

	*ok = _mm_or_si128(is_d, is_l);
	return _mm_or_si128(_mm_and_si128(is_d, d),
	                    _mm_and_si128(is_l, _mm_add_epi8(l, _mm_set1_epi8(10))));
}

/*
 * The 32 digits of a UUID whose hyphens are in place, sixteen at a time: gathered in order
 * from three loads within its 36 bytes, read, and each two made one byte.
 */
__attribute__((target("ssse3"))) static int uuid_ssse3(const char *s, uint8_t out[16])
{
	const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
	const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
	const __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 20));
	/* Digits 0-7, 9-12, 14-17, then 19-22, 24-35. */
	const __m128i x =
	    _mm_or_si128(_mm_shuffle_epi8(a, _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12,
	                                                   14, 15, -1, -1)),
	                 _mm_shuffle_epi8(b, _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	                                                   -1, -1, -1, -1, 0, 1)));
	const __m128i y =
	    _mm_or_si128(_mm_shuffle_epi8(b, _mm_setr_epi8(3, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	                                                   -1, -1, -1, -1, -1, -1)),
	                 _mm_shuffle_epi8(c, _mm_setr_epi8(-1, 0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11,
	                                                   12, 13, 14, 15)));
	const __m128i pair = _mm_set1_epi16(0x0110); /* high digit times 16, low digit times 1 */
	__m128i ok_x, ok_y, bytes;

	bytes = _mm_packus_epi16(_mm_maddubs_epi16(hex16(x, &ok_x), pair),
	                         _mm_maddubs_epi16(hex16(y, &ok_y), pair));
	_mm_storeu_si128((__m128i *)(void *)out, bytes);
	return _mm_movemask_epi8(_mm_and_si128(ok_x, ok_y)) == 0xffff;
}
#endif

int care_ids__uuid_parse_len(const char *s, size_t n, uint8_t out[16])
{
	int ok;

	if (n != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return 0;
#ifdef UUID_SSSE3
	if (care_ids__simd && __builtin_cpu_supports("ssse3"))
		return uuid_ssse3(s, out) && (out[8] & 0xc0) == 0x80;
#endif
	ok = hex8(load8(s), out);
	ok &= hex8(load4(s + 9) | load4(s + 14) << 32, out + 4);
	ok &= hex8(load4(s + 19) | load4(s + 24) << 32, out + 8);
	ok &= hex8(load8(s + 28), out + 12);
	return ok && (out[8] & 0xc0) == 0x80;
}
#else
/* The value of a lower-case hex digit plus one, 0 for any other byte. */
static const unsigned char hex_value[256] = {
    ['0'] = 1, ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
}; /* stored plus one, so that 0 means "not a digit" */

int care_ids__uuid_parse_len(const char *s, size_t n, uint8_t out[16])
{
	/* Where the two digits of each byte are. */
	static const unsigned char at[16] = {0,  2,  4,  6,  9,  11, 14, 16,
	                                     19, 21, 24, 26, 28, 30, 32, 34};
	const unsigned char *u = (const unsigned char *)s;
	unsigned bad = 0, hi, lo;
	int k;

	if (n != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-')
		return 0;
	for (k = 0; k < 16; k++) {
		hi = hex_value[u[at[k]]];
		lo = hex_value[u[at[k] + 1]];
		bad |= (hi == 0) | (lo == 0);
		out[k] = (uint8_t)((hi - 1) << 4 | ((lo - 1) & 15));
	}
	return !bad && (out[8] & 0xc0) == 0x80;
}
#endif

int care_ids__uuid_row(const care__completions *c, size_t i)
{
	return c->uuid != NULL && (c->uuid[i][8] & 0xc0) == 0x80;
}

const char *care_ids__completion(const care_dataset *ds, size_t i, char buf[37])
{
	const care__completions *c = &ds->completions;
	char date[11];

	if (c->id != NULL && c->id[i] != NULL)
		return c->id[i];
	if (care_ids__uuid_row(c, i)) {
		uuid_unparse_lower(c->uuid[i], buf);
		return buf;
	}
	care_date_format(date, c->completed_on[i]);
	if (care_completion_make_id(
	        buf, ds->staff[c->staff[i]].id, ds->modules[care__number(&c->module, i)].id, date,
	        care_enum_name(CARE_ENUM_COMPLETION_OUTCOME, c->outcome[i])) != 0)
		buf[0] = '\0';
	return buf;
}
