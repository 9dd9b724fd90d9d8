/*
 * Lists of validation issues (validate.h) and the validation report JSON.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/issues.h"
#include "util/alloc.h"
#include "util/json_write.h"
#include "util/error.h"
#include "util/buf.h"

struct care_issues {
	care_issue *items;
	size_t count, cap;
	size_t errors;
	int failed;
};

#define CODE_NAME(name, text, severity) text,
static const char *const code_names[CARE_ISSUE_CODE_COUNT] = {CARE_ISSUE_MAP(CODE_NAME)};
#define CODE_SEVERITY(name, text, severity) CARE_SEVERITY_##severity,
static const care_severity code_severities[CARE_ISSUE_CODE_COUNT] = {CARE_ISSUE_MAP(CODE_SEVERITY)};

const char *care_issue_code_name(care_issue_code code)
{
	if ((int)code < 0 || code >= CARE_ISSUE_CODE_COUNT)
		return NULL;
	return code_names[code];
}

int care_issue_code_parse(const char *name)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < CARE_ISSUE_CODE_COUNT; i++)
		if (strcmp(code_names[i], name) == 0)
			return i;
	return -1;
}

care_severity care_issue_code_severity(care_issue_code code)
{
	if ((int)code < 0 || code >= CARE_ISSUE_CODE_COUNT)
		return CARE_SEVERITY_ERROR;
	return code_severities[code];
}

care_issues *care_issues__new(void)
{
	return care__calloc(1, sizeof(care_issues));
}

int care_issues__add(care_issues *list, care_issue_code code, care_kind kind, const char *id,
                     long index, const char *field, long line, long column, const char *fmt, ...)
{
	care_severity severity = care_issue_code_severity(code);
	char message[512];
	size_t id_len = id ? strlen(id) + 1 : 0, field_len = field ? strlen(field) + 1 : 0;
	size_t message_len;
	care_issue *issue;
	char *text;
	va_list ap;

	if (severity == CARE_SEVERITY_ERROR)
		list->errors++;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	message_len = strlen(message) + 1;
	if (care__grow((void **)&list->items, &list->cap, list->count + 1, sizeof(care_issue)) !=
	    0) {
		list->failed = 1;
		return severity == CARE_SEVERITY_ERROR;
	}
	/* One allocation per issue holds its id, field and message. */
	text = care__malloc(id_len + field_len + message_len);
	if (text == NULL) {
		list->failed = 1;
		return severity == CARE_SEVERITY_ERROR;
	}
	issue = &list->items[list->count++];
	memcpy(text, message, message_len);
	issue->message = text;
	issue->id = NULL;
	issue->field = NULL;
	if (id) {
		memcpy(text + message_len, id, id_len);
		issue->id = text + message_len;
	}
	if (field) {
		memcpy(text + message_len + id_len, field, field_len);
		issue->field = text + message_len + id_len;
	}
	issue->severity = severity;
	issue->code = code;
	issue->kind = kind;
	issue->index = index;
	issue->line = line;
	issue->column = column;
	issue->file = NULL;
	return severity == CARE_SEVERITY_ERROR;
}

void care_issues__place(care_issues *list, size_t index, const char *file, long line, long column)
{
	care_issue *is;
	size_t m, i, f, n;
	char *text;

	if (list == NULL || index >= list->count)
		return;
	is = &list->items[index];
	is->line = line;
	is->column = column;
	if (file == NULL || (is->file && strcmp(is->file, file) == 0))
		return;
	/* The issue's one block holds message, id, field and now the file. */
	m = strlen(is->message) + 1;
	i = is->id ? strlen(is->id) + 1 : 0;
	f = is->field ? strlen(is->field) + 1 : 0;
	n = strlen(file) + 1;
	text = care__malloc(m + i + f + n);
	if (text == NULL) {
		list->failed = 1;
		return;
	}
	memcpy(text, is->message, m);
	if (is->id)
		memcpy(text + m, is->id, i);
	if (is->field)
		memcpy(text + m + i, is->field, f);
	memcpy(text + m + i + f, file, n);
	care__free((void *)is->message);
	is->message = text;
	is->id = is->id ? text + m : NULL;
	is->field = is->field ? text + m + i : NULL;
	is->file = text + m + i + f;
}

void care_issues__append(care_issues *dst, care_issues *src)
{
	size_t i;

	if (src == NULL)
		return;
	dst->failed |= src->failed;
	if (src->count == 0)
		return;
	if (care__grow((void **)&dst->items, &dst->cap, dst->count + src->count,
	               sizeof(care_issue)) != 0) {
		dst->failed = 1;
		for (i = 0; i < src->count; i++)
			care__free((void *)src->items[i].message);
		src->count = 0;
		return;
	}
	memcpy(dst->items + dst->count, src->items, src->count * sizeof(care_issue));
	dst->count += src->count;
	dst->errors += src->errors;
	dst->failed |= src->failed;
	src->count = 0;
	src->errors = 0;
}

int care_issues__failed(const care_issues *list)
{
	return list->failed;
}

size_t care_issues_count(const care_issues *issues)
{
	return issues ? issues->count : 0;
}

const care_issue *care_issues_get(const care_issues *issues, size_t index)
{
	if (issues == NULL || index >= issues->count)
		return NULL;
	return &issues->items[index];
}

size_t care_issues_errors(const care_issues *issues)
{
	return issues ? issues->errors : 0;
}

size_t care_issues_warnings(const care_issues *issues)
{
	size_t i, n = 0;

	if (issues == NULL)
		return 0;
	for (i = 0; i < issues->count; i++)
		n += issues->items[i].severity == CARE_SEVERITY_WARNING;
	return n;
}

void care_issues_free(care_issues *issues)
{
	size_t i;

	if (issues == NULL)
		return;
	for (i = 0; i < issues->count; i++)
		care__free((void *)issues->items[i].message);
	care__free(issues->items);
	care__free(issues);
}

static void json_text_or_null(care__buf *b, const char *s)
{
	if (s == NULL)
		care_buf__puts(b, "null");
	else
		care_json__string(b, s, strlen(s));
}

static void json_long_or_null(care__buf *b, long v, long none)
{
	if (v == none)
		care_buf__puts(b, "null");
	else
		care_buf__printf(b, "%ld", v);
}

int care_issues_to_json(char **out, const care_issues *issues)
{
	static const char *const kinds[] = {"dataset", "unit",       "role",        "module",
	                                    "staff",   "completion", "interaction", "complaint"};
	care__buf b = {0};
	size_t i;

	if (out == NULL)
		return care__error(CARE_EINVAL, "care_issues_to_json: out is NULL");
	*out = NULL;
	care_buf__printf(&b,
	                 "{\"report\":\"validation\",\"errors\":%zu,\"warnings\":%zu,\"issues\":[",
	                 care_issues_errors(issues), care_issues_warnings(issues));
	for (i = 0; i < care_issues_count(issues); i++) {
		const care_issue *is = &issues->items[i];
		if (i)
			care_buf__puts(&b, ",");
		care_buf__printf(&b, "{\"severity\":\"%s\",\"code\":\"%s\",\"kind\":\"%s\",\"id\":",
		                 is->severity == CARE_SEVERITY_ERROR ? "error" : "warning",
		                 code_names[is->code], kinds[is->kind]);
		json_text_or_null(&b, is->id);
		care_buf__puts(&b, ",\"index\":");
		json_long_or_null(&b, is->index, -1);
		care_buf__puts(&b, ",\"field\":");
		json_text_or_null(&b, is->field);
		care_buf__puts(&b, ",\"line\":");
		json_long_or_null(&b, is->line, 0);
		care_buf__puts(&b, ",\"column\":");
		json_long_or_null(&b, is->column, 0);
		care_buf__puts(&b, ",\"file\":");
		json_text_or_null(&b, is->file);
		care_buf__puts(&b, ",\"message\":");
		json_text_or_null(&b, is->message);
		care_buf__puts(&b, "}");
	}
	care_buf__puts(&b, "]}");
	return care_buf__finish(&b, out, NULL);
}
