/*
 * care validate FILE [--strict] [--rejects OUT] [--format text|json]
 */
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char *const kind_lists[] = {"dataset", "units",       "roles",        "modules",
                                         "staff",   "completions", "interactions", "complaints"};
static const char *const kind_one[] = {"dataset", "unit",       "role",        "module",
                                       "staff",   "completion", "interaction", "complaint"};

/* "; loaded: 16 units, 1 role, ..." for one of the two counts of each list. */
static void print_counts(const care_dataset *ds, const char *label,
                         size_t (*count)(const care_dataset *, care_kind))
{
	int k;

	printf("; %s: ", label);
	for (k = CARE_KIND_UNIT; k <= CARE_KIND_COMPLAINT; k++) {
		size_t n = count(ds, (care_kind)k);
		printf("%s%zu %s", k > CARE_KIND_UNIT ? ", " : "", n,
		       n == 1 ? kind_one[k] : kind_lists[k]);
	}
}

static void print_text(const care_issues *issues, const care_dataset *ds)
{
	size_t i, n = care_issues_count(issues);
	cli_table t;
	static const char *const head[] = {"severity", "code", "where", "field", "message"};

	table_init(&t, 5, head, NULL);
	for (i = 0; i < n; i++) {
		const care_issue *is = care_issues_get(issues, i);
		char where[160];
		const char *cells[5];
		if (is->line)
			snprintf(where, sizeof where, "line %ld, column %ld", is->line, is->column);
		else if (is->index >= 0)
			snprintf(where, sizeof where, "%s[%ld]%s%.64s", kind_lists[is->kind],
			         is->index, is->id ? " " : "", is->id ? is->id : "");
		else
			snprintf(where, sizeof where, "%s",
			         care_enum_name(CARE_ENUM_KIND, (int)is->kind));
		cells[0] = is->severity == CARE_SEVERITY_ERROR ? "error" : "warning";
		cells[1] = care_issue_code_name(is->code);
		cells[2] = where;
		cells[3] = is->field ? is->field : "-";
		cells[4] = is->message;
		table_row(&t, cells);
	}
	if (n > 0)
		table_print(&t, stdout);
	table_free(&t);
	/* One summary line, easy to grep in a log. */
	printf("%zu error%s, %zu warning%s", care_issues_errors(issues),
	       care_issues_errors(issues) == 1 ? "" : "s", care_issues_warnings(issues),
	       care_issues_warnings(issues) == 1 ? "" : "s");
	if (ds != NULL) {
		print_counts(ds, "loaded", care_dataset_count);
		print_counts(ds, "rejected", care_dataset_rejected_count);
	}
	fputc('\n', stdout);
}

int cmd_validate(int argc, char **argv)
{
	static const char *const flags[] = {"strict", NULL};
	static const char *const valued[] = {"rejects", "format", "mapping", NULL};
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	cli_args a;
	const char *format, *rejects;
	int rc, status;

	if (cli_parse(&a, "validate", argc, argv, flags, valued) != 0)
		return EXIT_USAGE;
	format = cli_value(&a, "format");
	if (format == NULL)
		format = "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return cli_usage_error("validate: --format must be text or json, not '%s'", format);
	rejects = cli_value(&a, "rejects");
	if (rejects && cli_same_file(rejects, a.file))
		return cli_usage_error(
		    "validate: %s: --rejects %s: that is the input file, which the "
		    "rejects would overwrite",
		    a.file, rejects);
	rc = cli_load(&ds, &issues, a.file, cli_value(&a, "mapping"), 1);
	if (rc != 0) {
		if (issues && strcmp(format, "json") == 0) {
			char *json = NULL;
			if (care_issues_to_json(&json, issues) == 0)
				puts(json);
			care_free(json);
		}
		care_issues_free(issues);
		return rc;
	}
	if (strcmp(format, "json") == 0) {
		char *json = NULL;
		if (care_issues_to_json(&json, issues) != 0) {
			fprintf(stderr, "care: %s\n", care_error_last());
			care_issues_free(issues);
			care_dataset_free(ds);
			return EXIT_USAGE;
		}
		puts(json);
		care_free(json);
	} else {
		print_text(issues, ds);
	}
	status = EXIT_OK;
	/* The rejects in the input's form: CSV files for a folder, else a dataset file. */
	if (rejects && (cli_is_folder(a.file) ? care_dataset_save_rejects_csv(ds, issues, rejects)
	                                      : care_dataset_save_rejects(ds, rejects)) != 0) {
		fprintf(stderr, "care: %s\n", care_error_last());
		status = EXIT_USAGE;
	}
	if (status == EXIT_OK && (care_issues_errors(issues) > 0 ||
	                          (cli_flag(&a, "strict") && care_issues_warnings(issues) > 0)))
		status = EXIT_FOUND_ERRORS;
	care_issues_free(issues);
	care_dataset_free(ds);
	return status;
}
