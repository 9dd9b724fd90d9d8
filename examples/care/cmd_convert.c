/*
 * care convert IN OUT [--mapping MAP] [--rejects R]
 * care import-xapi DATASET STATEMENTS --out NEW [--mapping MAP] [--rejects R]
 *
 * A dataset moves between its forms by the name of the output (docs/care.md):
 * an existing folder, or a name ending in "/", is the CSV form; a name ending
 * in ".json" the dataset file, written canonically; ".care" a snapshot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

enum form { FORM_JSON, FORM_CSV, FORM_SNAPSHOT, FORM_UNKNOWN };

#define FORMS                                                                                      \
	"say the form by the name: a folder (or a name ending in /) for CSV files, .json for "     \
	"the dataset file, .care for a snapshot"

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

static enum form form_of(const char *path)
{
	if (cli_is_folder(path) || ends_with(path, "/"))
		return FORM_CSV;
	if (ends_with(path, ".json"))
		return FORM_JSON;
	if (ends_with(path, ".care"))
		return FORM_SNAPSHOT;
	return FORM_UNKNOWN;
}

/* Write ds to path in the form the name says. 0, or an exit status after a message. */
static int write_as(const care_dataset *ds, const char *path)
{
	int rc;

	switch (form_of(path)) {
	case FORM_CSV:
		if (!cli_is_folder(path) && mkdir(path, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "care: %s: %s\n", path, strerror(errno));
			return EXIT_USAGE;
		}
		rc = care_dataset_save_csv(ds, path);
		break;
	case FORM_JSON:
		rc = care_dataset_save(ds, path);
		break;
	case FORM_SNAPSHOT:
		rc = care_dataset_save_snapshot(ds, path);
		break;
	default:
		return cli_usage_error("%s: " FORMS, path);
	}
	if (rc != 0) {
		fprintf(stderr, "care: %s\n", care_error_last());
		return EXIT_USAGE;
	}
	return 0;
}

/* The rejects of a load from `input`, in its form: CSV files for a folder, else a dataset file. */
static int write_rejects(const care_dataset *ds, const care_issues *issues, const char *input,
                         const char *path)
{
	int rc;

	if (cli_is_folder(input)) {
		if (!cli_is_folder(path) && mkdir(path, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "care: %s: %s\n", path, strerror(errno));
			return EXIT_USAGE;
		}
		rc = care_dataset_save_rejects_csv(ds, issues, path);
	} else {
		rc = care_dataset_save_rejects(ds, path);
	}
	if (rc != 0) {
		fprintf(stderr, "care: %s\n", care_error_last());
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_convert(int argc, char **argv)
{
	static const char *const flags[] = {NULL};
	static const char *const valued[] = {"mapping", "rejects", NULL};
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	const char *out, *rejects;
	cli_args a;
	int rc;

	if (cli_parse(&a, "convert", argc, argv, flags, valued) != 0)
		return EXIT_USAGE;
	out = a.second;
	if (a.file == NULL || out == NULL)
		return cli_error(&a, "the output is missing (care convert IN OUT)");
	if (form_of(out) == FORM_UNKNOWN)
		return cli_error(&a, "%s: " FORMS, out);
	rejects = cli_value(&a, "rejects");
	if (cli_same_file(out, a.file) || (rejects && cli_same_file(rejects, a.file)))
		return cli_error(&a, "%s: that is the input, which would be overwritten",
		                 cli_same_file(out, a.file) ? out : rejects);
	if ((rc = cli_load(&ds, &issues, a.file, cli_value(&a, "mapping"), 1)) != 0)
		return rc;
	rc = write_as(ds, out);
	if (rc == 0 && rejects)
		rc = write_rejects(ds, issues, a.file, rejects);
	if (rc == 0) {
		size_t errors = care_issues_errors(issues);
		printf("%s: %zu error%s, %zu warning%s; written to %s\n", a.file, errors,
		       errors == 1 ? "" : "s", care_issues_warnings(issues),
		       care_issues_warnings(issues) == 1 ? "" : "s", out);
		rc = errors > 0 ? EXIT_FOUND_ERRORS : EXIT_OK;
	}
	care_issues_free(issues);
	care_dataset_free(ds);
	return rc;
}

/* Read a whole file (the statements). NULL after a message. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (f == NULL) {
		fprintf(stderr, "care: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (*len + 65536 > cap) {
			char *p = realloc(data, cap = cap * 2 + 65536);
			if (p == NULL) {
				free(data);
				fclose(f);
				fprintf(stderr, "care: %s: out of memory\n", path);
				return NULL;
			}
			data = p;
		}
		n = fread(data + *len, 1, cap - *len, f);
		if (n == 0)
			break;
		*len += n;
	}
	if (ferror(f)) {
		fprintf(stderr, "care: %s: %s\n", path, strerror(errno));
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

int cmd_import_xapi(int argc, char **argv)
{
	static const char *const flags[] = {NULL};
	static const char *const valued[] = {"out", "mapping", "rejects", NULL};
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	care_xapi_result result;
	const char *statements = NULL, *out, *rejects;
	char *text;
	size_t len;
	cli_args a;
	int rc;

	if (cli_parse(&a, "import-xapi", argc, argv, flags, valued) != 0)
		return EXIT_USAGE;
	statements = a.second;
	out = cli_value(&a, "out");
	if (a.file == NULL || statements == NULL || out == NULL)
		return cli_error(&a, "care import-xapi DATASET STATEMENTS --out NEW");
	if (form_of(out) == FORM_UNKNOWN)
		return cli_error(&a, "--out %s: " FORMS, out);
	rejects = cli_value(&a, "rejects");
	if ((rc = cli_load(&ds, NULL, a.file, cli_value(&a, "mapping"), 0)) != 0)
		return rc;
	if ((text = slurp(statements, &len)) == NULL) {
		care_dataset_free(ds);
		return EXIT_USAGE;
	}
	memset(&result, 0, sizeof result);
	rc = care_dataset_import_xapi(ds, &result, &issues, text, len);
	free(text);
	if (rc != 0 && rc != CARE_EINVALID) {
		fprintf(stderr, "care: %s: %s\n", statements, care_error_last());
		rc = EXIT_USAGE;
	} else {
		size_t k;
		printf(
		    "%s: %zu added, %zu already present, %zu removed, %zu skipped, %zu rejected\n",
		    statements, result.added, result.present, result.removed, result.skipped,
		    result.rejected);
		for (k = 0; k < care_issues_count(issues); k++) {
			const care_issue *is = care_issues_get(issues, k);
			char *msg = text_escape(is->message);
			printf("  statement %ld: %s: %s\n", is->index,
			       care_issue_code_name(is->code), msg ? msg : "");
			free(msg);
		}
		rc = write_as(ds, out);
		if (rc == 0 && rejects) {
			const char *json = result.rejects ? result.rejects : "[]\n";
			size_t n = result.rejects ? result.rejects_len : 3;
			FILE *f = fopen(rejects, "wb");
			int bad = f == NULL;
			if (f != NULL) {
				bad = fwrite(json, 1, n, f) != n;
				bad |= fclose(f) != 0;
			}
			if (bad) {
				fprintf(stderr, "care: %s: %s\n", rejects, strerror(errno));
				rc = EXIT_USAGE;
			}
		}
		if (rc == 0)
			rc = result.rejected > 0 ? EXIT_FOUND_ERRORS : EXIT_OK;
	}
	care_xapi_result_clear(&result);
	care_issues_free(issues);
	care_dataset_free(ds);
	return rc;
}
