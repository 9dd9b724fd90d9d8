/*
 * Reading a whole file, and replacing one safely.
 *
 * Reading refuses what is not a regular file (a FIFO with no writer would
 * block for ever, /dev/zero never ends) and a file larger than the caller's
 * limit. Replacing writes a temporary file beside the target and renames it
 * over the target, so a reader sees the old file or the new one, never a
 * torn one; see write_atomic below for what each step guards.
 */
#define _DEFAULT_SOURCE /* realpath, flock */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"

/* ---- the system calls, replaceable by tests ---- */

static ssize_t sys_write(int fd, const void *data, size_t len)
{
	return write(fd, data, len);
}

static int sys_fsync(int fd)
{
	return fsync(fd);
}

static int sys_rename(const char *from, const char *to)
{
	return rename(from, to);
}

static int sys_close(int fd)
{
	return close(fd);
}

static const care__file_ops default_ops = {sys_write, sys_fsync, sys_rename, sys_close};
static const care__file_ops *ops = &default_ops;

void care_file__set_ops(const care__file_ops *replacement)
{
	ops = replacement ? replacement : &default_ops;
}

/* ---- reading ---- */

/* Open a regular file of at most max_bytes for reading: the descriptor, or -1 (error set). */
static int open_checked(const char *path, size_t max_bytes, struct stat *st)
{
	int fd, e;

	/* O_NONBLOCK: opening a FIFO with no writer must not wait. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		care__error(CARE_EIO, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0) {
		e = errno;
		close(fd);
		care__error(CARE_EIO, "%s: %s", path, strerror(e));
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		care__error(CARE_EIO, "%s: not a regular file", path);
		return -1;
	}
	if (max_bytes > 0 && (uint64_t)st->st_size > (uint64_t)max_bytes) {
		close(fd);
		care__error(CARE_EIO,
		            "%s: %lld bytes is larger than the limit of %zu bytes (raise "
		            "max_bytes to read it)",
		            path, (long long)st->st_size, max_bytes);
		return -1;
	}
	return fd;
}

int care_file__read(char **out, size_t *len, const char *path, size_t max_bytes)
{
	struct stat st;
	char *data = NULL;
	size_t size = 0, cap = 0;
	int fd, e;

	*out = NULL;
	fd = open_checked(path, max_bytes, &st);
	if (fd < 0)
		return CARE_EIO;
	/* A regular file: blocking reads again (it has no writer to wait for). */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		ssize_t n;
		size_t want = st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
		if (size + 1 >= cap &&
		    care__grow((void **)&data, &cap, size + (size < want ? want - size : 65536) + 1,
		               1) != 0) {
			close(fd);
			care__free(data);
			return care__error(CARE_ENOMEM, "%s: out of memory", path);
		}
		n = read(fd, data + size, cap - size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			care__free(data);
			return care__error(CARE_EIO, "%s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		size += (size_t)n;
		/* A file that grows while it is read still obeys the limit. */
		if (max_bytes > 0 && size > max_bytes) {
			close(fd);
			care__free(data);
			return care__error(CARE_EIO, "%s: larger than the limit of %zu bytes", path,
			                   max_bytes);
		}
	}
	close(fd);
	if (data == NULL && care__grow((void **)&data, &cap, 1, 1) != 0)
		return care__error(CARE_ENOMEM, "%s: out of memory", path);
	data[size] = '\0';
	*out = data;
	*len = size;
	return 0;
}

/* ---- mapping ---- */

int care_file__map(care__file_map *m, const char *path, size_t max_bytes)
{
	struct stat st;
	void *base;
	int fd, rc;
	char *copy;

	memset(m, 0, sizeof *m);
	fd = open_checked(path, max_bytes, &st);
	if (fd < 0)
		return CARE_EIO;
	if (st.st_size == 0) {
		close(fd);
		m->data = "";
		return 0;
	}
	base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (base == MAP_FAILED) {
		/* A file system that cannot map: read it instead. */
		rc = care_file__read(&copy, &m->len, path, max_bytes);
		if (rc != 0)
			return rc;
		m->owned = copy;
		m->data = copy;
		return 0;
	}
	(void)madvise(base, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->base = base;
	m->map_len = (size_t)st.st_size;
	m->data = base;
	m->len = (size_t)st.st_size;
	return 0;
}

size_t care_file__drop(const care__file_map *m, size_t from, size_t to)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (m->base == NULL || page == 0 || to > m->map_len)
		return from;
	from = (from + page - 1) / page * page;
	to = to / page * page;
	if (to <= from)
		return from;
	/* The mapping is private and never written: dropped pages read the file again. */
	(void)madvise((char *)m->base + from, to - from, MADV_DONTNEED);
	return to;
}

void care_file__unmap(care__file_map *m)
{
	if (m->base)
		munmap(m->base, m->map_len);
	care__free(m->owned);
	memset(m, 0, sizeof *m);
}

FILE *care_file__open_regular(const char *path)
{
	struct stat st;
	FILE *f;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int e = errno;
		close(fd);
		errno = S_ISREG(st.st_mode) ? e : EFTYPE_NOT_REGULAR;
		return NULL;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	f = fdopen(fd, "rb");
	if (f == NULL)
		close(fd);
	return f;
}

/* ---- replacing ---- */

/*
 * The file a save writes to: the target of a symbolic link (so that saving
 * through a link replaces the file it points to and keeps the link), else
 * path itself. Caller frees.
 */
static char *save_target(const char *path)
{
	struct stat st;
	char *resolved;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (resolved = realpath(path, NULL)) != NULL) {
		char *copy = care__strdup(resolved);
		free(resolved); /* realpath's own malloc */
		return copy;
	}
	return care__strdup(path);
}

/*
 * Open the temporary file "TARGET.care-save" beside the target, locked.
 * The name is fixed, so a save that was killed leaves at most this one file
 * behind, which the next save of the same file truncates and reuses. The
 * lock keeps two saves of one file from writing it at once; a save that got
 * the lock on a file another save has meanwhile renamed into place opens the
 * name again, so it never truncates a live file.
 */
static int open_temp(const char *tmp)
{
	for (;;) {
		struct stat held, named;
		int fd = open(tmp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0)
			return -1;
		if (flock(fd, LOCK_EX) != 0) {
			close(fd);
			return -1;
		}
		if (fstat(fd, &held) == 0 && stat(tmp, &named) == 0 &&
		    held.st_ino == named.st_ino && held.st_dev == named.st_dev &&
		    S_ISREG(held.st_mode)) {
			if (ftruncate(fd, 0) != 0) {
				close(fd);
				return -1;
			}
			return fd;
		}
		close(fd); /* renamed into place by the save we waited for: again */
	}
}

int care_file__write_atomic(const char *path, const char *data, size_t len)
{
	char *target, *tmp = NULL;
	size_t done = 0, plen;
	struct stat st;
	int fd = -1, e, have_old;

	target = save_target(path);
	if (target == NULL)
		return care__error(CARE_ENOMEM, "out of memory");
	plen = strlen(target);
	tmp = care__malloc(plen + sizeof ".care-save");
	if (tmp == NULL) {
		care__free(target);
		return care__error(CARE_ENOMEM, "out of memory");
	}
	memcpy(tmp, target, plen);
	memcpy(tmp + plen, ".care-save", sizeof ".care-save");
	have_old = stat(target, &st) == 0;
	if (have_old && !S_ISREG(st.st_mode)) {
		care__free(tmp);
		care__free(target);
		return care__error(CARE_EIO, "%s: not a regular file", path);
	}
	/* Created 0666 less the umask, as any new file; an old file's mode is kept. */
	fd = open_temp(tmp);
	if (fd < 0) {
		e = errno;
		care__free(tmp);
		care__free(target);
		return care__error(CARE_EIO, "%s: cannot create a temporary file: %s", path,
		                   strerror(e));
	}
	if (have_old && fchmod(fd, st.st_mode & 07777) != 0)
		goto fail;
	while (done < len) {
		ssize_t n = ops->write(fd, data + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0) {
			errno = ENOSPC;
			goto fail;
		}
		done += (size_t)n;
	}
	if (ops->fsync(fd) != 0)
		goto fail;
	if (ops->rename(tmp, target) != 0)
		goto fail;
	/* Closing drops the lock; the rename is done, so a failure here is only reported. */
	if (ops->close(fd) != 0) {
		fd = -1;
		goto fail_after_rename;
	}
	care__free(tmp);
	care__free(target);
	return 0;
fail:
	e = errno;
	unlink(tmp); /* while we hold the lock: nobody else writes it */
	if (fd >= 0)
		ops->close(fd);
	care__free(tmp);
	care__free(target);
	return care__error(CARE_EIO, "%s: %s (the file is unchanged)", path, strerror(e));
fail_after_rename:
	e = errno;
	care__free(tmp);
	care__free(target);
	return care__error(CARE_EIO, "%s: %s", path, strerror(e));
}

int care_file__same(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}
