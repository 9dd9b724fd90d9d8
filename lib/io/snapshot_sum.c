/*
 * The checksum of the snapshot file: XXH64 with seed 0 (Yann Collet's xxHash, whose
 * specification is public), fed in pieces so a section is summed as it is copied.
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

/* Little-endian reads: the snapshot is little-endian and so is every host that opens it. */
uint64_t care_snapshot__read64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

uint32_t care_snapshot__read32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t round64(uint64_t acc, uint64_t input)
{
	acc += input * P2;
	acc = rotl(acc, 31);
	return acc * P1;
}

static uint64_t merge(uint64_t acc, uint64_t v)
{
	acc ^= round64(0, v);
	return acc * P1 + P4;
}

static void stripe(uint64_t v[4], const unsigned char *p)
{
	v[0] = round64(v[0], care_snapshot__read64(p));
	v[1] = round64(v[1], care_snapshot__read64(p + 8));
	v[2] = round64(v[2], care_snapshot__read64(p + 16));
	v[3] = round64(v[3], care_snapshot__read64(p + 24));
}

void care_snapshot_sum__init(care__snap_sum *s)
{
	memset(s, 0, sizeof *s);
	s->v[0] = P1 + P2;
	s->v[1] = P2;
	s->v[2] = 0;
	s->v[3] = (uint64_t)0 - P1;
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
		stripe(s->v, s->buf);
		s->buffered = 0;
	}
	for (; len >= 32; p += 32, len -= 32)
		stripe(s->v, p);
	memcpy(s->buf, p, len);
	s->buffered = len;
}

uint64_t care_snapshot_sum__digest(const care__snap_sum *s)
{
	const unsigned char *p = s->buf, *end = s->buf + s->buffered;
	uint64_t h;

	if (s->total >= 32) {
		h = rotl(s->v[0], 1) + rotl(s->v[1], 7) + rotl(s->v[2], 12) + rotl(s->v[3], 18);
		h = merge(h, s->v[0]);
		h = merge(h, s->v[1]);
		h = merge(h, s->v[2]);
		h = merge(h, s->v[3]);
	} else {
		h = P5;
	}
	h += s->total;
	for (; end - p >= 8; p += 8)
		h = rotl(h ^ round64(0, care_snapshot__read64(p)), 27) * P1 + P4;
	if (end - p >= 4) {
		h = rotl(h ^ (uint64_t)care_snapshot__read32(p) * P1, 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		h = rotl(h ^ *p * P5, 11) * P1;
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
		uint64_t extent = care__snap_extent(care_snapshot__read64(e + 16), care_snapshot__read32(e + 4));
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
