/*
 * care html: the manager's page (docs/html.md), one self-contained HTML
 * file made by care_html_page().
 *
 *   care html FILE --as-of D [FILTERS] [--manager ID [--all-reports]]
 *             [--from D --to D] [--target T] [--target-percent P]
 *             [--due-soon-days N] [--min-cell K] [--green P] [--amber P]
 *             [--focus C] [--worklist-limit N] [--title TEXT] --out report.html
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_html(int argc, char **argv);

static int write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	int failed;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	failed = fwrite(text, 1, len, f) != len;
	if (f == stdout)
		failed |= fflush(f) != 0;
	else
		failed |= fclose(f) != 0;
	if (failed)
		perror(path);
	return failed ? -1 : 0;
}

/* The filters and the page's options from the command line: 0, or -1 after a usage error. */
static int options(const cli_args *a, care_report_options *o, care_html_options *h)
{
	const char *g = cli_value(a, "staff-group");
	int limit = -1;

	if (cli_date(a, "as-of", &o->as_of, 1) || cli_date(a, "from", &o->from, 0) ||
	    cli_date(a, "to", &o->to, 0) || cli_date(a, "target", &o->target, 0) ||
	    cli_int(a, "target-percent", &o->target_percent, 0, 100) ||
	    cli_int(a, "due-soon-days", &o->due_soon_days, 0, 3650) ||
	    cli_int(a, "min-cell", &o->min_cell, 0, 1000000) ||
	    cli_int(a, "green", &h->green_percent, 0, 100) ||
	    cli_int(a, "amber", &h->amber_percent, 0, 100) ||
	    cli_int(a, "worklist-limit", &limit, 0, 100000000))
		return -1;
	if (o->from != CARE_DATE_NONE && o->to != CARE_DATE_NONE && o->from > o->to) {
		cli_usage_error("html: --from is after --to");
		return -1;
	}
	if (o->target != CARE_DATE_NONE && o->target <= o->as_of) {
		cli_usage_error("html: the target date must be after the as-of date");
		return -1;
	}
	if (h->amber_percent > h->green_percent) {
		cli_usage_error("html: --amber %d is above --green %d", h->amber_percent,
		                h->green_percent);
		return -1;
	}
	if (limit >= 0)
		h->worklist_limit = (size_t)limit;
	o->unit = cli_value(a, "unit");
	o->role = cli_value(a, "role");
	o->competency = cli_value(a, "competency");
	o->manager = cli_value(a, "manager");
	o->all_reports = cli_flag(a, "all-reports");
	o->patient_facing = cli_flag(a, "patient-facing");
	if (o->all_reports && o->manager == NULL) {
		cli_usage_error("html: --all-reports needs --manager ID");
		return -1;
	}
	if (g) {
		o->staff_group = care_enum_parse(CARE_ENUM_STAFF_GROUP, g, strlen(g));
		if (o->staff_group < 0) {
			cli_usage_error("html: --staff-group '%s' is not an ESR staff group", g);
			return -1;
		}
	}
	h->title = cli_value(a, "title");
	h->focus_competency = cli_value(a, "focus");
	return 0;
}

/* An id filter the dataset does not have is a usage error, as in the other commands. */
static int check_ids(const cli_args *a, const care_dataset *ds, const care_report_options *o)
{
	static const struct {
		const char *option, *what;
		care_kind kind;
	} ids[] = {{"unit", "unit", CARE_KIND_UNIT},
	           {"role", "role", CARE_KIND_ROLE},
	           {"manager", "staff member", CARE_KIND_STAFF}};
	const char *values[3];
	size_t i, ignored;

	values[0] = o->unit;
	values[1] = o->role;
	values[2] = o->manager;
	for (i = 0; i < 3; i++)
		if (values[i] && care_dataset_find(&ignored, ds, ids[i].kind, values[i]) != 0)
			return cli_usage_error("html: %s: no %s '%s' (absent or rejected)", a->file,
			                       ids[i].what, values[i]);
	return 0;
}

int cmd_html(int argc, char **argv)
{
	static const char *const flags[] = {"patient-facing", "all-reports", NULL};
	static const char *const valued[] = {
	    "as-of",          "from",     "to",          "target",     "target-percent",
	    "unit",           "role",     "staff-group", "competency", "manager",
	    "due-soon-days",  "min-cell", "green",       "amber",      "focus",
	    "worklist-limit", "title",    "out",         "mapping",    NULL};
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_html_options h = CARE_HTML_OPTIONS_INIT;
	care_dataset *ds = NULL;
	const char *out_path;
	char *page = NULL;
	cli_args a;
	int rc;

	if (cli_parse(&a, "html", argc, argv, flags, valued) != 0)
		return EXIT_USAGE;
	if (options(&a, &o, &h) != 0)
		return EXIT_USAGE;
	out_path = cli_value(&a, "out");
	if (out_path == NULL)
		return cli_usage_error("html: --out FILE is required (- for standard output)");
	if ((rc = cli_load(&ds, NULL, a.file, cli_value(&a, "mapping"), 0)) != 0)
		return rc;
	if (check_ids(&a, ds, &o) != 0) {
		care_dataset_free(ds);
		return EXIT_USAGE;
	}
	o.progress = cli_progress;
	o.progress_data = (void *)"html";
	rc = care_html_page(&page, ds, &o, &h);
	cli_progress_end();
	care_dataset_free(ds);
	if (rc != 0) {
		fprintf(stderr, "care: html: %s\n", care_error_last());
		return EXIT_USAGE;
	}
	rc = write_file(out_path, page);
	care_free(page);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}
