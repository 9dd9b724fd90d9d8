/*
 * Files as an unlucky operator meets them: inputs that never end or never
 * come, saves through links, under a strict umask, after a crash, and with
 * each step of a save failing in turn. A save either replaces the file whole
 * or leaves it exactly as it was, and says why.
 */
#define _DEFAULT_SOURCE /* mkdtemp, symlink, lstat */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "care.h"
#include "helpers.h"
#include "util/file.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/care-files.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *in_dir(const char *name)
{
	static char paths[4][128];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof paths[0], "%s/%s", dir, name);
	return p;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *path)
{
	size_t len;

	return slurp(path, &len);
}

static care_dataset *small(void)
{
	care_dataset *ds = NULL;

	assert_int_equal(care_dataset_load_file(&ds, NULL, "tests/data/small.json", NULL), 0);
	return ds;
}

/*
 * A mapped file reads as the file's bytes, including after its pages are given back; an empty
 * file maps to no bytes; what care_file__read refuses, mapping refuses with the same words.
 */
static void a_mapped_file_reads_as_its_bytes(void **state)
{
	care__file_map m;
	char *big, *copy, *text;
	size_t i, n = 3 * 65536 + 123, len;
	FILE *f;

	(void)state;
	big = malloc(n);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 23);
	f = fopen(in_dir("big"), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(big, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(care_file__map(&m, in_dir("big"), 0), 0);
	assert_int_equal(m.len, n);
	assert_memory_equal(m.data, big, n);
	care_file__drop(&m, 0, n);
	care_file__drop(&m, 100, 70000);
	care_file__drop(&m, 5, n + 99); /* beyond the end: nothing */
	assert_memory_equal(m.data, big, n);
	care_file__unmap(&m);
	assert_null(m.data);

	write_text(in_dir("empty"), "");
	assert_int_equal(care_file__map(&m, in_dir("empty"), 0), 0);
	assert_int_equal(m.len, 0);
	care_file__unmap(&m);

	assert_int_equal(care_file__map(&m, in_dir("big"), 1000), CARE_EIO);
	copy = strdup(care_error_last());
	assert_non_null(copy);
	assert_int_equal(care_file__read(&text, &len, in_dir("big"), 1000), CARE_EIO);
	assert_string_equal(copy, care_error_last());
	free(copy);
	assert_int_equal(care_file__map(&m, dir, 0), CARE_EIO);
	assert_non_null(strstr(care_error_last(), "not a regular file"));
	assert_int_equal(care_file__map(&m, in_dir("absent"), 0), CARE_EIO);
	free(big);
}

/* A FIFO with no writer is refused at once, not waited on; so is /dev/zero. */
static void inputs_that_never_come_or_never_end(void **state)
{
	const char *fifo = in_dir("fifo.json");
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	time_t start = time(NULL);

	(void)state;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(care_dataset_load_file(&ds, &issues, fifo, NULL), CARE_EIO);
	assert_non_null(strstr(care_error_last(), "not a regular file"));
	assert_true(time(NULL) - start < 5);
	assert_null(ds);
	care_issues_free(issues);
	assert_int_equal(care_dataset_load_file(&ds, NULL, "/dev/zero", NULL), CARE_EIO);
	assert_non_null(strstr(care_error_last(), "not a regular file"));
	assert_int_equal(care_dataset_load_file(&ds, NULL, dir, NULL), CARE_EIO);
}

/* A file over the caller's limit is refused before it is read; 0 lifts the limit. */
static void the_size_limit(void **state)
{
	care_load_options o = CARE_LOAD_OPTIONS_INIT;
	care_dataset *ds = NULL;

	(void)state;
	assert_int_equal(o.max_bytes, CARE_LOAD_MAX_BYTES);
	o.max_bytes = 100;
	assert_int_equal(care_dataset_load_file(&ds, NULL, "tests/data/small.json", &o), CARE_EIO);
	assert_non_null(strstr(care_error_last(), "limit"));
	o.max_bytes = 0;
	assert_int_equal(care_dataset_load_file(&ds, NULL, "tests/data/small.json", &o), 0);
	care_dataset_free(ds);
}

/* Saving through a symbolic link replaces the file it points to; the link stays. */
static void saving_through_a_link(void **state)
{
	const char *target = in_dir("real.json"), *link = in_dir("link.json");
	care_dataset *ds = small();
	struct stat st;
	char *saved, *expected;
	size_t len;

	(void)state;
	write_text(target, "old");
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(care_dataset_save(ds, link), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(care_dataset_dump(&expected, &len, ds), 0);
	saved = read_text(target);
	assert_string_equal(saved, expected);
	free(saved);
	care_free(expected);
	care_dataset_free(ds);
}

/* A new file obeys the umask (these files name staff); an old one keeps its mode. */
static void modes_and_the_umask(void **state)
{
	const char *fresh = in_dir("fresh.json"), *old = in_dir("old.json");
	care_dataset *ds = small();
	struct stat st;
	mode_t before = umask(077);

	(void)state;
	assert_int_equal(care_dataset_save(ds, fresh), 0);
	assert_int_equal(stat(fresh, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	write_text(old, "old");
	assert_int_equal(chmod(old, 0640), 0);
	assert_int_equal(care_dataset_save(ds, old), 0);
	assert_int_equal(stat(old, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	umask(before);
	care_dataset_free(ds);
}

/* What a killed save leaves behind is reused by the next save, which removes it. */
static void a_crash_leaves_one_file_that_the_next_save_clears(void **state)
{
	const char *path = in_dir("crashed.json"), *tmp = in_dir("crashed.json.care-save");
	care_dataset *ds = small();

	(void)state;
	write_text(tmp, "half a file from a save that was killed");
	assert_int_equal(care_dataset_save(ds, path), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	care_dataset_free(ds);
}

/* ---- each step of a save failing in turn ---- */

static int fail_step, step;

static int failing(void)
{
	return ++step == fail_step;
}

static ssize_t test_write(int fd, const void *data, size_t len)
{
	if (failing()) {
		errno = ENOSPC;
		return -1;
	}
	/* Short writes, so that a save takes several. */
	return write(fd, data, len > 512 ? 512 : len);
}

static int test_fsync(int fd)
{
	if (failing()) {
		errno = EIO;
		return -1;
	}
	return fsync(fd);
}

static int test_rename(const char *from, const char *to)
{
	if (failing()) {
		errno = EXDEV;
		return -1;
	}
	return rename(from, to);
}

static int test_close(int fd)
{
	/* Counted but not failed: after the rename the new file is in place. */
	(void)failing();
	return close(fd);
}

static const care__file_ops test_ops = {test_write, test_fsync, test_rename, test_close};

static void every_step_of_a_save_may_fail(void **state)
{
	const char *path = in_dir("precious.json"), *tmp = in_dir("precious.json.care-save");
	care_dataset *ds = small();
	char *text, *after;
	size_t len;
	int steps, n;

	(void)state;
	assert_int_equal(care_dataset_dump(&text, &len, ds), 0);
	assert_true(len > 3 * 512); /* several writes */
	write_text(path, "the old file, which must survive");
	/* Count the steps of a clean save, on another file. */
	care_file__set_ops(&test_ops);
	fail_step = -1;
	step = 0;
	assert_int_equal(care_dataset_save(ds, in_dir("count.json")), 0);
	steps = step;
	assert_true(steps >= 6);      /* writes, fsync, rename, close */
	for (n = 1; n < steps; n++) { /* the last step is the close after the rename */
		fail_step = n;
		step = 0;
		assert_int_equal(care_dataset_save(ds, path), CARE_EIO);
		assert_non_null(strstr(care_error_last(), "unchanged"));
		after = read_text(path);
		assert_string_equal(after, "the old file, which must survive");
		free(after);
		assert_int_equal(access(tmp, F_OK), -1);
	}
	fail_step = -1;
	assert_int_equal(care_dataset_save(ds, path), 0);
	care_file__set_ops(NULL);
	after = read_text(path);
	assert_string_equal(after, text);
	free(after);
	care_free(text);
	care_dataset_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(inputs_that_never_come_or_never_end),
	    cmocka_unit_test(a_mapped_file_reads_as_its_bytes),
	    cmocka_unit_test(the_size_limit),
	    cmocka_unit_test(saving_through_a_link),
	    cmocka_unit_test(modes_and_the_umask),
	    cmocka_unit_test(a_crash_leaves_one_file_that_the_next_save_clears),
	    cmocka_unit_test(every_step_of_a_save_may_fail),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
