/*
 * trust_status — load a trust's CSV extract with its column mapping, print every person's
 * status for one competency, and write the trust's compliance report as JSON.
 *
 *   trust_status [-m MAPPING] [-c COMPETENCY] [-d YYYY-MM-DD] [-o REPORT.json] [EXTRACT]
 *
 * EXTRACT is a folder of CSV files (docs/csv.md) or a dataset file; without one it reads the
 * ESR-style sample, examples/esr, with examples/esr/mapping.json. The date defaults to the
 * extract's date, the competency to customer-care, the report to compliance.json.
 *
 * Build it against an installed libcare:
 *
 *   cc -std=c11 -o trust_status trust_status.c $(pkg-config --cflags --libs libcare)
 *
 * Every call that can fail returns 0 or a negative CARE_E* code; care_error_last() says what
 * went wrong. Every object the library hands over is released with its own free function.
 */
#define _POSIX_C_SOURCE 200809L /* getopt */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <care.h>

struct settings {
	const char *extract;
	const char *mapping; /* NULL: the files are in the library's own CSV form */
	const char *competency;
	const char *as_of; /* NULL: the extract's date */
	const char *report;
};

/* Print the issues of a load: where each is (the CSV file, line and column) and what. Only a
 * few, with the counts: the rest are in the load's issue list (care validate shows them). */
static void print_issues(const care_issues *issues)
{
	size_t i, n = care_issues_count(issues);

	if (n == 0)
		return;
	fprintf(stderr, "%zu errors, %zu warnings in the extract\n", care_issues_errors(issues),
	        care_issues_warnings(issues));
	for (i = 0; i < n && i < 10; i++) {
		const care_issue *is = care_issues_get(issues, i);
		fprintf(stderr, "  ");
		if (is->file && is->column > 0) /* a CSV load: where the cell is */
			fprintf(stderr, "%s:%ld:%ld: ", is->file, is->line, is->column);
		else if (is->file) /* a whole row, or the header */
			fprintf(stderr, "%s:%ld: ", is->file, is->line);
		fprintf(stderr, "%s: %s\n", care_issue_code_name(is->code), is->message);
	}
	if (n > 10)
		fprintf(stderr, "  ... and %zu more\n", n - 10);
}

/* Load the extract, with the mapping if there is one. Lenient: records with errors are set
 * aside (rejected) and the rest load; the issues say which. */
static int load(care_dataset **out, const struct settings *s)
{
	care_csv_mapping *mapping = NULL;
	care_issues *issues = NULL;
	int rc;

	if (s->mapping) {
		rc = care_csv_mapping_load(&mapping, s->mapping);
		if (rc != 0) {
			fprintf(stderr, "trust_status: the mapping: %s\n", care_error_last());
			return rc;
		}
	}
	rc = care_dataset_load_path(out, &issues, s->extract, mapping, NULL);
	if (rc != 0)
		fprintf(stderr, "trust_status: %s\n", care_error_last());
	print_issues(issues); /* on failure too: a syntax error says where it is */
	care_issues_free(issues);
	care_csv_mapping_free(mapping); /* the dataset does not need it once loaded */
	return rc;
}

static const char *date_or_dash(char buf[11], care_date date)
{
	return date == CARE_DATE_NONE ? "-" : care_date_format(buf, date);
}

/* One line per person who must hold the competency on that date: id, name, status and its
 * dates (expires on, end of grace, overdue since). The staff list report gives them all. */
static int print_statuses(const care_dataset *ds, const char *competency, care_date as_of)
{
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *report = NULL;
	char d1[11], d2[11], d3[11];
	size_t i, n;
	int rc;

	opts.as_of = as_of;
	opts.competency = competency;
	rc = care_report_new(&report, CARE_REPORT_STAFF, ds, &opts);
	if (rc != 0) {
		fprintf(stderr, "trust_status: %s: %s\n", competency, care_error_last());
		return rc;
	}
	n = care_report_row_count(report);
	printf("staff\tname\tstatus\texpires_on\tgrace_end\toverdue_since\n");
	for (i = 0; i < n; i++) {
		const care_staff_row *row = care_report_staff_row(report, i);
		printf("%s\t%s\t%s\t%s\t%s\t%s\n", row->staff, row->name ? row->name : "-",
		       care_status_name(row->status), date_or_dash(d1, row->expires_on),
		       date_or_dash(d2, row->grace_end), date_or_dash(d3, row->overdue_since));
	}
	care_report_free(report);
	return 0;
}

/* The compliance report of the whole trust on that date, as JSON, into `path`. */
static int write_report(const care_dataset *ds, care_date as_of, const char *path)
{
	care_report_options opts = CARE_REPORT_OPTIONS_INIT;
	care_report *report = NULL;
	char *json = NULL;
	FILE *f;
	int rc, failed;

	opts.as_of = as_of;
	rc = care_report_new(&report, CARE_REPORT_COMPLIANCE, ds, &opts);
	if (rc == 0)
		rc = care_report_to_json(&json, report);
	care_report_free(report);
	if (rc != 0) {
		fprintf(stderr, "trust_status: the compliance report: %s\n", care_error_last());
		return rc;
	}
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		care_free(json);
		return CARE_EIO;
	}
	failed = fputs(json, f) == EOF || fputc('\n', f) == EOF;
	failed = fclose(f) != 0 || failed; /* fclose reports a write that failed late */
	care_free(json);
	if (failed) {
		perror(path);
		return CARE_EIO;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: trust_status [-m MAPPING] [-c COMPETENCY] [-d YYYY-MM-DD] "
	                "[-o REPORT.json] [EXTRACT]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct settings s = {"examples/esr", NULL, "customer-care", NULL, "compliance.json"};
	care_dataset *ds = NULL;
	care_date as_of;
	int opt, rc;

	while ((opt = getopt(argc, argv, "m:c:d:o:")) != -1) {
		switch (opt) {
		case 'm':
			s.mapping = optarg;
			break;
		case 'c':
			s.competency = optarg;
			break;
		case 'd':
			s.as_of = optarg;
			break;
		case 'o':
			s.report = optarg;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind > 1)
		return usage();
	if (optind < argc)
		s.extract = argv[optind];
	else if (s.mapping == NULL)
		s.mapping = "examples/esr/mapping.json"; /* the sample comes with its mapping */

	if (load(&ds, &s) != 0)
		return 1;
	if (s.as_of) {
		if (care_date_parse(&as_of, s.as_of, strlen(s.as_of)) != 0) {
			fprintf(stderr, "trust_status: %s is not a date YYYY-MM-DD\n", s.as_of);
			care_dataset_free(ds);
			return 2;
		}
	} else if ((as_of = care_dataset_extracted_on(ds)) == CARE_DATE_NONE) {
		fprintf(stderr, "trust_status: the extract has no date: give one with -d\n");
		care_dataset_free(ds);
		return 2;
	}

	rc = print_statuses(ds, s.competency, as_of);
	if (rc == 0)
		rc = write_report(ds, as_of, s.report);
	care_dataset_free(ds);
	if (fflush(stdout) != 0 || ferror(stdout)) { /* a full disk or a closed pipe */
		perror("trust_status: standard output");
		return 1;
	}
	return rc == 0 ? 0 : 1;
}
