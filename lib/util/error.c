/*
 * Error codes and this thread's detail of the last failure.
 */
#include <stdarg.h>
#include <stdio.h>

#include "util/error.h"

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
