/*
 * libFuzzer target for reading a serialised report (care_report_deserialize): any input must
 * be read or refused cleanly. Most random inputs fail the checksum, so the target also reads
 * each input with its header's length and checksum forged to match, which takes the fuzzer into
 * the body. Whatever is read must write out, travel again to the same bytes, and merge with
 * itself.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void forge(uint8_t *p, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 32; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ull;
	}
	for (i = 0; i < 8; i++) {
		p[16 + i] = (uint8_t)((uint64_t)(len - 32) >> (8 * i));
		p[24 + i] = (uint8_t)(h >> (8 * i));
	}
}

static void read_one(const uint8_t *data, size_t size)
{
	care_report *r = NULL, *again = NULL;
	char *text = NULL, *bytes = NULL, *bytes2 = NULL;
	size_t len = 0, len2 = 0;

	if (care_report_deserialize(&r, (const char *)data, size) != 0) {
		if (r != NULL)
			abort();
		return;
	}
	if (care_report_to_json(&text, r) != 0)
		abort();
	care_free(text);
	if (care_report_serialize(&bytes, &len, r) != 0 ||
	    care_report_deserialize(&again, bytes, len) != 0 ||
	    care_report_serialize(&bytes2, &len2, again) != 0 || len != len2 ||
	    memcmp(bytes, bytes2, len) != 0)
		abort();
	if (care_report_merge(r, again) != 0)
		abort();
	if (care_report_to_json(&text, r) != 0)
		abort();
	care_free(text);
	care_free(bytes);
	care_free(bytes2);
	care_report_free(again);
	care_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy;

	read_one(data, size);
	if (size < 32)
		return 0;
	copy = malloc(size);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	memcpy(copy, "CARERPT", 8);
	forge(copy, size);
	read_one(copy, size);
	free(copy);
	return 0;
}
