/*
 * Reading a whole file, and replacing one atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"
#include "util/file.h"

/* ---- files ---- */

int care_file__read(char **out, size_t *len, const char *path)
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

int care_file__write_atomic(const char *path, const char *data, size_t len)
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
