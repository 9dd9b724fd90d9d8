/*
 * Command-line helpers of the `care` program.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int listed(const char *const *list, const char *name, size_t len)
{
	for (; list && *list; list++)
		if (strlen(*list) == len && strncmp(*list, name, len) == 0)
			return 1;
	return 0;
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("care: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (try `care help`)\n", stderr);
	return EXIT_USAGE;
}

int cli_error(const cli_args *a, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "care: %s: ", a->command);
	if (a->file)
		fprintf(stderr, "%s: ", a->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (try `care help`)\n", stderr);
	return EXIT_USAGE;
}

int cli_parse(cli_args *out, const char *command, int argc, char **argv, const char *const *flags,
              const char *const *valued)
{
	char problem[200] = "";
	int i;

	memset(out, 0, sizeof *out);
	out->command = command;
	/*
	 * Read the whole line before saying what is wrong, so that the message
	 * can name the dataset file even when it comes after the bad option.
	 */
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq, *name;
		size_t len;
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			/* convert and import-xapi take a second path: OUT, STATEMENTS. */
			if (out->file != NULL && out->second == NULL &&
			    (strcmp(command, "convert") == 0 ||
			     strcmp(command, "import-xapi") == 0)) {
				out->second = arg;
				continue;
			}
			if (out->file != NULL) {
				if (!problem[0])
					snprintf(problem, sizeof problem,
					         "unexpected argument '%s'", arg);
				continue;
			}
			out->file = arg;
			continue;
		}
		name = arg + 2;
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (problem[0])
			continue;
		if (out->count == 32) {
			snprintf(problem, sizeof problem, "too many options");
		} else if (listed(flags, name, len)) {
			if (eq)
				snprintf(problem, sizeof problem, "--%.*s takes no value", (int)len,
				         name);
			out->names[out->count] = name;
			out->values[out->count++] = NULL;
		} else if (listed(valued, name, len)) {
			const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (value == NULL) {
				snprintf(problem, sizeof problem, "--%.*s needs a value", (int)len,
				         name);
				continue;
			}
			/* Keep the bare name: a copy would need freeing; compare by length. */
			out->names[out->count] = name;
			out->values[out->count++] = value;
		} else {
			snprintf(problem, sizeof problem, "unknown option '--%.*s'", (int)len,
			         name);
			/* Its value, if it has one, is not the dataset file. */
			if (!eq && i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0 &&
			    access(argv[i + 1], F_OK) != 0)
				i++;
		}
	}
	if (problem[0]) {
		cli_error(out, "%s", problem);
		return -1;
	}
	if (out->file == NULL) {
		cli_usage_error("%s: which dataset file?", command);
		return -1;
	}
	return 0;
}

static int same_name(const char *stored, const char *name)
{
	size_t len = strlen(name);

	return strncmp(stored, name, len) == 0 && (stored[len] == '\0' || stored[len] == '=');
}

const char *cli_value(const cli_args *a, const char *name)
{
	int i;
	const char *found = NULL;

	/* The last of a repeated option wins, as with most programs. */
	for (i = 0; i < a->count; i++)
		if (same_name(a->names[i], name) && a->values[i])
			found = a->values[i];
	return found;
}

int cli_flag(const cli_args *a, const char *name)
{
	int i;

	for (i = 0; i < a->count; i++)
		if (same_name(a->names[i], name))
			return 1;
	return 0;
}

int cli_date(const cli_args *a, const char *name, care_date *out, int required)
{
	const char *v = cli_value(a, name);

	*out = CARE_DATE_NONE;
	if (v == NULL) {
		if (required) {
			cli_error(a, "--%s DATE is required", name);
			return -1;
		}
		return 0;
	}
	if (care_date_parse(out, v, strlen(v)) != 0) {
		cli_error(a, "--%s '%s' is not a date YYYY-MM-DD from 1900-01-01 to 2199-12-31",
		          name, v);
		return -1;
	}
	return 0;
}

int cli_int(const cli_args *a, const char *name, int *out, int min, int max)
{
	const char *v = cli_value(a, name);
	char *end;
	long n;

	if (v == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < min || n > max || (*v < '0' || *v > '9')) {
		cli_error(a, "--%s '%s' must be a whole number from %d to %d", name, v, min, max);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int bar_shown;

void cli_progress(void *label, double done)
{
	int width = 30, filled = (int)(done * width + 0.5), i;

	if (!isatty(STDERR_FILENO))
		return;
	if (filled > width)
		filled = width;
	fprintf(stderr, "\r%-10s [", (const char *)label);
	for (i = 0; i < width; i++)
		fputc(i < filled ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", (int)(done * 100 + 0.5));
	fflush(stderr);
	bar_shown = 1;
}

void cli_progress_end(void)
{
	if (bar_shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		bar_shown = 0;
	}
}

/* Whether file is a snapshot: a regular file that begins with the snapshot's magic bytes. */
static int is_snapshot(const char *file)
{
	static const unsigned char magic[8] = {0x89, 'C', 'A', 'R', 'E', '\r', '\n', 0x1a};
	unsigned char head[8];
	struct stat st;
	FILE *f;
	size_t n = 0;

	if (stat(file, &st) != 0 || !S_ISREG(st.st_mode) || (f = fopen(file, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	return n == sizeof head && memcmp(head, magic, sizeof head) == 0;
}

int cli_same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

int cli_is_folder(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cli_load(care_dataset **out, care_issues **issues_out, const char *file, const char *mapping,
             int quiet)
{
	care_load_options opts = CARE_LOAD_OPTIONS_INIT;
	care_issues *issues = NULL;
	care_csv_mapping *map = NULL;
	size_t rejected = 0;
	int rc, k;

	opts.progress = cli_progress;
	opts.progress_data = (void *)"loading";
	*out = NULL;
	if (issues_out)
		*issues_out = NULL;
	if (mapping && !cli_is_folder(file)) {
		fprintf(stderr, "care: %s: --mapping %s: a mapping is for a folder of CSV files\n",
		        file, mapping);
		return EXIT_USAGE;
	}
	if (mapping && care_csv_mapping_load(&map, mapping) != 0) {
		fprintf(stderr, "care: %s\n", care_error_last());
		return EXIT_USAGE;
	}
	if (is_snapshot(file))
		rc = care_dataset_open_snapshot(out, file);
	else
		rc = care_dataset_load_path(out, &issues, file, map, &opts);
	care_csv_mapping_free(map);
	cli_progress_end();
	if (rc == CARE_ESYNTAX || rc == CARE_EFORMAT) {
		const care_issue *is = care_issues_get(issues, 0);
		/* A syntax issue's message starts with its line and column. */
		fprintf(stderr, "care: %s: %s\n", file, is ? is->message : care_error_last());
		/* The caller may still want the one issue (validate --format json). */
		if (issues_out)
			*issues_out = issues;
		else
			care_issues_free(issues);
		return EXIT_USAGE;
	}
	if (rc != 0) {
		fprintf(stderr, "care: %s\n", care_error_last());
		care_issues_free(issues);
		return EXIT_USAGE;
	}
	for (k = CARE_KIND_UNIT; k <= CARE_KIND_COMPLAINT; k++)
		rejected += care_dataset_rejected_count(*out, (care_kind)k);
	if (!quiet && rejected > 0)
		fprintf(stderr,
		        "care: %s: %zu record%s rejected (run `care validate %s` for why)\n", file,
		        rejected, rejected == 1 ? "" : "s", file);
	if (issues_out)
		*issues_out = issues;
	else
		care_issues_free(issues);
	return 0;
}
