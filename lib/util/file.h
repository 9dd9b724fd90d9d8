/*
 * Files (util).
 */
#ifndef CARE_UTIL_FILE_H
#define CARE_UTIL_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Read a whole regular file into memory (NUL-terminated). Anything else (a
 * FIFO, a device, a directory) is refused, as is a file of more than
 * max_bytes (0: no limit). 0, CARE_EIO or CARE_ENOMEM.
 */
int care_file__read(char **out, size_t *len, const char *path, size_t max_bytes);

/*
 * A regular file mapped read-only (or read, where it cannot be mapped), with the same checks
 * and errors as care_file__read. `data` holds `len` bytes (not NUL-terminated). The file must
 * not shrink while it is mapped.
 */
typedef struct care__file_map {
	const char *data;
	size_t len;
	void *base; /* the mapping, or NULL */
	size_t map_len;
	char *owned; /* the copy, when read */
} care__file_map;

int care_file__map(care__file_map *m, const char *path, size_t max_bytes);

/* Give back the memory of the mapped pages wholly inside bytes [from, to); they are read
 * again from the file if touched later. Nothing for a copy. Returns where the pages given
 * back end (`to` down to a page; `from` when none were): the `from` of the next call that
 * gives back the pages after them. */
size_t care_file__drop(const care__file_map *m, size_t from, size_t to);

void care_file__unmap(care__file_map *m);

/*
 * fopen(path, "rb") of a regular file only: a FIFO or a device is refused at once
 * (NULL, errno EFTYPE_NOT_REGULAR) rather than waited on or read for ever.
 * NULL with errno set otherwise (ENOENT when there is no such file).
 */
#include <errno.h>
#include <stdio.h>
#define EFTYPE_NOT_REGULAR EINVAL
FILE *care_file__open_regular(const char *path);

/*
 * Replace `path` with `len` bytes, so that a reader sees the old file or the
 * new one, never a mixture: write "PATH.care-save" beside it, fsync, rename
 * over it. Through a symbolic link, the file it points to is replaced (the
 * link stays). A new file gets 0666 less the umask; an existing file keeps
 * its mode. On failure the old file is untouched and the temporary file
 * removed; after a crash, the next save of the same file reuses it.
 */
int care_file__write_atomic(const char *path, const char *data, size_t len);

/* Whether a and b name the same existing file. */
int care_file__same(const char *a, const char *b);

/* The system calls a save makes, replaceable so that tests can make each fail. */
typedef struct care__file_ops {
	ssize_t (*write)(int fd, const void *data, size_t len);
	int (*fsync)(int fd);
	int (*rename)(const char *from, const char *to);
	int (*close)(int fd);
} care__file_ops;

/* Use `ops` for every later save (NULL: the real calls). Tests only; not thread-safe. */
void care_file__set_ops(const care__file_ops *ops);

#endif
