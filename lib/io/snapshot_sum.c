/*
 * The checksum of the snapshot file (docs/snapshot.md): a four-lane Fletcher sum of 64-bit
 * words, finished with the rounds and the avalanche of XXH64 (Yann Collet's xxHash). Fed
 * in pieces, so a section is summed as it is checked.
 */
#include <string.h>

#include "io/snapshot.h"

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t round64(uint64_t acc, uint64_t input)
{
	acc += input * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

/* Four lanes of a Fletcher sum over 64-bit words: each lane adds its word to `a` and `a` to
 * `b`, so a changed word changes `a` and a moved one changes `b`. Only additions: it runs
 * at the speed of memory. */
static void stripe(care__snap_sum *s, const unsigned char *p)
{
	int j;

	for (j = 0; j < 4; j++) {
		s->a[j] += care_snapshot__read64(p + 8 * j);
		s->b[j] += s->a[j];
	}
}

void care_snapshot_sum__init(care__snap_sum *s)
{
	memset(s, 0, sizeof *s);
}

void care_snapshot_sum__update(care__snap_sum *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->total += len;
	if (s->buffered) {
		size_t take = 32 - s->buffered < len ? 32 - s->buffered : len;
		memcpy(s->buf + s->buffered, p, take);
		s->buffered += take;
		p += take;
		len -= take;
		if (s->buffered < 32)
			return;
		stripe(s, s->buf);
		s->buffered = 0;
	}
	if (len >= 32) {
		/* In registers: the bytes read may alias the state, as far as the compiler knows.
		 */
		uint64_t a0 = s->a[0], a1 = s->a[1], a2 = s->a[2], a3 = s->a[3];
		uint64_t b0 = s->b[0], b1 = s->b[1], b2 = s->b[2], b3 = s->b[3];
		for (; len >= 32; p += 32, len -= 32) {
			a0 += care_snapshot__read64(p);
			a1 += care_snapshot__read64(p + 8);
			a2 += care_snapshot__read64(p + 16);
			a3 += care_snapshot__read64(p + 24);
			b0 += a0;
			b1 += a1;
			b2 += a2;
			b3 += a3;
		}
		s->a[0] = a0, s->a[1] = a1, s->a[2] = a2, s->a[3] = a3;
		s->b[0] = b0, s->b[1] = b1, s->b[2] = b2, s->b[3] = b3;
	}
	memcpy(s->buf, p, len);
	s->buffered = len;
}

/* The lanes, the last stripe padded with zeros and the length, mixed into 64 bits by
 * XXH64's rounds and avalanche. */
uint64_t care_snapshot_sum__digest(const care__snap_sum *s)
{
	care__snap_sum t = *s;
	uint64_t h = P5 + t.total;
	int j;

	if (t.buffered) {
		memset(t.buf + t.buffered, 0, 32 - t.buffered);
		stripe(&t, t.buf);
	}
	for (j = 0; j < 4; j++) {
		h = rotl(h ^ round64(0, t.a[j]), 27) * P1 + P4;
		h = rotl(h ^ round64(0, t.b[j]), 27) * P1 + P4;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	return h;
}

uint64_t care_snapshot_sum__of(const void *data, size_t len)
{
	care__snap_sum s;

	care_snapshot_sum__init(&s);
	care_snapshot_sum__update(&s, data, len);
	return care_snapshot_sum__digest(&s);
}

void care_snapshot_sum__reseal(unsigned char *data, size_t len)
{
	uint64_t table, n, i, sum;
	uint32_t entry;

	if (len < CARE__SNAP_HEADER)
		return;
	table = care_snapshot__read64(data + CARE__SNAP_H_TABLE);
	n = care_snapshot__read32(data + CARE__SNAP_H_SECTIONS);
	entry = care_snapshot__read32(data + CARE__SNAP_H_ENTRY);
	if (entry != CARE__SNAP_ENTRY || n > CARE__SNAP_MAX_SECTIONS || table > len ||
	    n * CARE__SNAP_ENTRY > len - table)
		return;
	for (i = 0; i < n; i++) {
		unsigned char *e = data + table + i * CARE__SNAP_ENTRY;
		uint64_t offset = care_snapshot__read64(e + 8);
		uint64_t extent =
		    care__snap_extent(care_snapshot__read64(e + 16), care_snapshot__read32(e + 4));
		if (offset > len || extent > len - offset)
			continue;
		sum = care_snapshot_sum__of(data + offset, (size_t)extent);
		memcpy(e + 24, &sum, 8);
	}
	sum = care_snapshot_sum__of(data + table, (size_t)(n * CARE__SNAP_ENTRY));
	memcpy(data + CARE__SNAP_H_TABLE_SUM, &sum, 8);
	sum = care_snapshot_sum__of(data, CARE__SNAP_H_SUM);
	memcpy(data + CARE__SNAP_H_SUM, &sum, 8);
}
