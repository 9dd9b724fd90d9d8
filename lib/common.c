/*
 * The allocator hook, thread-local error detail, the text buffer and file
 * helpers shared by the rest of the library.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "internal.h"

static care_allocator allocator = {malloc, realloc, free};

int care_set_allocator(const care_allocator *a)
{
	cJSON_Hooks hooks;

	if (a == NULL) {
		allocator.malloc = malloc;
		allocator.realloc = realloc;
		allocator.free = free;
		cJSON_InitHooks(NULL);
		return 0;
	}
	if (a->malloc == NULL || a->realloc == NULL || a->free == NULL)
		return care__error(CARE_EINVAL, "care_set_allocator: a function is missing");
	allocator = *a;
	hooks.malloc_fn = a->malloc;
	hooks.free_fn = a->free;
	cJSON_InitHooks(&hooks);
	return 0;
}

void *care__malloc(size_t size)
{
	return allocator.malloc(size ? size : 1);
}

void *care__calloc(size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size)
		return NULL;
	p = care__malloc(count * size);
	if (p != NULL)
		memset(p, 0, count * size);
	return p;
}

void *care__realloc(void *ptr, size_t size)
{
	return allocator.realloc(ptr, size ? size : 1);
}

void care__free(void *ptr)
{
	if (ptr != NULL)
		allocator.free(ptr);
}

void care_free(void *ptr)
{
	care__free(ptr);
}

char *care__strndup(const char *s, size_t len)
{
	char *copy = care__malloc(len + 1);

	if (copy != NULL) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

char *care__strdup(const char *s)
{
	return care__strndup(s, strlen(s));
}

int care__grow(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t new_cap;
	void *p;

	if (need <= *cap)
		return 0;
	new_cap = *cap ? *cap : 8;
	while (new_cap < need) {
		if (new_cap > SIZE_MAX / 2)
			return CARE_ENOMEM;
		new_cap *= 2;
	}
	if (new_cap > SIZE_MAX / size)
		return CARE_ENOMEM;
	p = care__realloc(*ptr, new_cap * size);
	if (p == NULL)
		return CARE_ENOMEM;
	*ptr = p;
	*cap = new_cap;
	return 0;
}

/* ---- errors ---- */

static _Thread_local char error_text[512];
static _Thread_local int error_code;

const char *care_strerror(int code)
{
	switch (code) {
	case CARE_OK:
		return "no error";
	case CARE_ERROR:
		return "internal error";
	case CARE_ENOMEM:
		return "out of memory";
	case CARE_EINVAL:
		return "invalid argument";
	case CARE_EIO:
		return "input/output error";
	case CARE_ESYNTAX:
		return "not valid JSON";
	case CARE_EFORMAT:
		return "not a libcare dataset of a supported version";
	case CARE_EINVALID:
		return "validation failed";
	case CARE_ENOTFOUND:
		return "not found";
	default:
		return "unknown error";
	}
}

int care__error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error_text, sizeof error_text, fmt, ap);
	va_end(ap);
	error_code = code;
	return code;
}

const char *care_error_last(void)
{
	return error_text;
}

int care_error_last_code(void)
{
	return error_code;
}

void care_error_clear(void)
{
	error_text[0] = '\0';
	error_code = CARE_OK;
}

const char *care_version(int *number)
{
	if (number != NULL)
		*number = CARE_VERSION_NUMBER;
	return CARE_VERSION_STRING;
}

/* ---- text buffer ---- */

void care__buf_append(care__buf *b, const char *s, size_t len)
{
	if (b->failed)
		return;
	if (care__grow((void **)&b->data, &b->cap, b->len + len + 1, 1) != 0) {
		b->failed = 1;
		return;
	}
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void care__buf_puts(care__buf *b, const char *s)
{
	care__buf_append(b, s, strlen(s));
}

void care__buf_printf(care__buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		care__buf_append(b, small, (size_t)n);
		return;
	}
	if (b->failed || care__grow((void **)&b->data, &b->cap, b->len + (size_t)n + 1, 1) != 0) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence starting at s (1-4), or 0 when it is not one. */
size_t care__utf8_sequence(const unsigned char *s, size_t left)
{
	unsigned c = s[0], cp, min;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void care__buf_json_string(care__buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0;

	care__buf_append(b, "\"", 1);
	while (i < len) {
		unsigned char c = u[i];
		size_t n;
		char esc[7];

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (n = care__utf8_sequence(u + i, len - i)) > 0) {
			i += n;
			continue;
		}
		care__buf_append(b, s + run, i - run);
		run = ++i;
		switch (c) {
		case '"':
			care__buf_append(b, "\\\"", 2);
			break;
		case '\\':
			care__buf_append(b, "\\\\", 2);
			break;
		case '\n':
			care__buf_append(b, "\\n", 2);
			break;
		case '\r':
			care__buf_append(b, "\\r", 2);
			break;
		case '\t':
			care__buf_append(b, "\\t", 2);
			break;
		case '\b':
			care__buf_append(b, "\\b", 2);
			break;
		case '\f':
			care__buf_append(b, "\\f", 2);
			break;
		default:
			if (c >= 0x80) {
				/* Not UTF-8 (text as written in a rejected record, or a
				 * message that quotes it): the replacement character keeps
				 * the output valid JSON. */
				care__buf_append(b, "\\ufffd", 6);
				break;
			}
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			care__buf_append(b, esc, 6);
		}
	}
	care__buf_append(b, s + run, len - run);
	care__buf_append(b, "\"", 1);
}

int care__buf_finish(care__buf *b, char **out, size_t *len)
{
	if (!b->failed && b->data == NULL)
		care__buf_append(b, "", 0);
	if (b->failed) {
		care__buf_free(b);
		*out = NULL;
		return care__error(CARE_ENOMEM, "out of memory");
	}
	*out = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return 0;
}

void care__buf_free(care__buf *b)
{
	care__free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

/* ---- files ---- */

int care__read_file(char **out, size_t *len, const char *path)
{
	FILE *f;
	char *data = NULL;
	size_t size = 0, cap = 0, n;

	*out = NULL;
	f = fopen(path, "rb");
	if (f == NULL)
		return care__error(CARE_EIO, "%s: %s", path, strerror(errno));
	for (;;) {
		if (care__grow((void **)&data, &cap, size + 65536 + 1, 1) != 0) {
			fclose(f);
			care__free(data);
			return care__error(CARE_ENOMEM, "%s: out of memory", path);
		}
		n = fread(data + size, 1, cap - size - 1, f);
		size += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		care__free(data);
		return care__error(CARE_EIO, "%s: %s", path, strerror(e));
	}
	fclose(f);
	data[size] = '\0';
	*out = data;
	*len = size;
	return 0;
}

int care__write_file_atomic(const char *path, const char *data, size_t len)
{
	size_t plen = strlen(path), done = 0;
	char *tmp = care__malloc(plen + 16);
	int fd, e;

	if (tmp == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmp.XXXXXX", 12);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		care__free(tmp);
		return care__error(CARE_EIO, "%s: cannot create a temporary file: %s", path,
		                   strerror(e));
	}
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		done += (size_t)n;
	}
	/* mkstemp makes the file 0600: keep the old file's mode, or 0644 for a
	 * new one (umask cannot be read without changing it, not thread-safe). */
	{
		struct stat st;
		mode_t mode = 0644;
		if (stat(path, &st) == 0)
			mode = st.st_mode & 07777;
		if (fchmod(fd, mode) != 0)
			goto fail;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	care__free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	care__free(tmp);
	return care__error(CARE_EIO, "%s: %s", path, strerror(e));
}
