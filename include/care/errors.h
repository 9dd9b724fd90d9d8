/*
 * libcare — error codes and error detail.
 *
 * A function that can fail returns 0 or one of the negative codes below. The
 * codes never change meaning. care_error_last() gives a message about the
 * most recent failure on the calling thread.
 */
#ifndef CARE_ERRORS_H
#define CARE_ERRORS_H

#include "common.h"

CARE_BEGIN_DECLS

typedef enum care_error_code {
	CARE_OK = 0,
	CARE_ERROR = -1,    /**< an unexpected internal failure */
	CARE_ENOMEM = -2,   /**< out of memory */
	CARE_EINVAL = -3,   /**< a bad argument (NULL, out of range, unknown id) */
	CARE_EIO = -4,      /**< a file could not be read or written */
	CARE_ESYNTAX = -5,  /**< the text is not JSON (see the issue's line and column) */
	CARE_EFORMAT = -6,  /**< JSON, but not a libcare dataset of a supported version */
	CARE_EINVALID = -7, /**< validation found errors (strict load, or a rejected record) */
	CARE_ENOTFOUND = -8 /**< no record with that id */
} care_error_code;

/**
 * A static description of an error code ("out of memory", ...). Never NULL;
 * unknown codes give "unknown error".
 */
CARE_API const char *care_strerror(int code);

/**
 * Detail of the last failure on this thread (for example the path and the
 * system's reason for CARE_EIO). Never NULL: "" when nothing has failed. The
 * text stays valid until the next libcare call on this thread.
 */
CARE_API const char *care_error_last(void);

/** The code of the last failure on this thread, CARE_OK if none. */
CARE_API int care_error_last_code(void);

/** Forget the last failure on this thread. */
CARE_API void care_error_clear(void);

CARE_END_DECLS

#endif
