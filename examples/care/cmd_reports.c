/*
 * care report|trend|staff|outcomes|complaints|forecast: the reports of docs/reports.md.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- text forms ---- */

static void compliance_rows(cli_table *t, const char *group, const care_compliance_group *g)
{
	char b[8][32];
	size_t i;

	for (i = 0; i < g->row_count; i++) {
		const care_compliance_row *r = &g->rows[i];
		const char *cells[9] = {i == 0 ? group : "",          r->competency,
		                        fmt_count(b[0], r->required), fmt_count(b[1], r->compliant),
		                        fmt_count(b[2], r->expiring), fmt_count(b[3], r->not_due),
		                        fmt_count(b[4], r->overdue),  fmt_count(b[5], r->exempt),
		                        fmt_rate(b[6], r->rate)};
		table_row(t, cells);
	}
	{
		/* A group (a trend point) with no rows still shows its name on this line. */
		const char *cells[9] = {g->row_count ? "" : group,
		                        "(staff)",
		                        fmt_count(b[0], g->staff_required),
		                        fmt_count(b[1], g->staff_compliant),
		                        "",
		                        "",
		                        "",
		                        "",
		                        fmt_rate(b[6], g->staff_rate)};
		table_row(t, cells);
	}
}

/* One line saying which filters are in force, or nothing when there are none. */
static void print_filters(const care_report_options *o)
{
	char line[512];
	size_t at = 0;

#define ADD(...)                                                                                   \
	do {                                                                                       \
		if (at < sizeof line)                                                              \
			at += (size_t)snprintf(line + at, sizeof line - at, __VA_ARGS__);          \
	} while (0)
	if (o->unit)
		ADD("; unit %s and below", o->unit);
	if (o->role)
		ADD("; role %s", o->role);
	if (o->staff_group != CARE_NONE)
		ADD("; staff group %s", care_enum_name(CARE_ENUM_STAFF_GROUP, o->staff_group));
	if (o->patient_facing)
		ADD("; patient-facing roles");
	if (o->competency)
		ADD("; competency %s", o->competency);
	if (o->manager)
		ADD("; %s %s", o->all_reports ? "the whole line below" : "direct reports of",
		    o->manager);
#undef ADD
	if (at > 0)
		printf("Only: %s\n", line + 2);
}

static const char *const compliance_head[] = {"Group",     "Competency", "Required",
                                              "Compliant", "Expiring",   "Not due",
                                              "Overdue",   "Exempt",     "Rate"};
static const int compliance_right[] = {0, 0, 1, 1, 1, 1, 1, 1, 1};

/*
 * Grouped by unit, the groups in the order of the unit tree (each unit, then
 * the units below it, in byte order) with each one's depth below the top
 * unit shown: JSON and CSV keep byte order, people read a tree.
 */
typedef struct tree_place {
	const char *path[16]; /* the unit's ids from its top ancestor down */
	size_t depth;
	size_t group;
} tree_place;

static int tree_cmp(const void *x, const void *y)
{
	const tree_place *a = x, *b = y;
	size_t i;

	for (i = 0; i < a->depth && i < b->depth; i++) {
		int c = strcmp(a->path[i], b->path[i]);
		if (c)
			return c;
	}
	return (a->depth > b->depth) - (a->depth < b->depth);
}

static tree_place *tree_order(const care_report *r, const care_dataset *ds, size_t *min_depth)
{
	size_t n = care_report_group_count(r), i;
	tree_place *p = calloc(n ? n : 1, sizeof *p);

	if (p == NULL)
		return NULL;
	*min_depth = SIZE_MAX;
	for (i = 0; i < n; i++) {
		const char *up[16], *u = care_report_group(r, i)->key;
		size_t k = 0, j;
		for (; u != NULL && k < 16; u = care_dataset_unit_parent(ds, u))
			up[k++] = u;
		for (j = 0; j < k; j++)
			p[i].path[j] = up[k - 1 - j];
		p[i].depth = k;
		p[i].group = i;
		if (k < *min_depth)
			*min_depth = k;
	}
	qsort(p, n, sizeof *p, tree_cmp);
	return p;
}

static void text_compliance(const care_report *r, const care_report_options *o,
                            const care_dataset *ds)
{
	tree_place *order = NULL;
	size_t top = 0;
	cli_table t;
	char d[11];
	size_t i;

	printf("Compliance as of %s%s%s\n", care_date_format(d, o->as_of),
	       o->group_by ? ", by " : "", o->group_by ? care_group_by_name(o->group_by) : "");
	print_filters(o);
	table_init(&t, 9, compliance_head, compliance_right);
	if (o->group_by == CARE_GROUP_UNIT)
		order = tree_order(r, ds, &top);
	for (i = 0; i < care_report_group_count(r); i++) {
		const care_compliance_group *g = care_report_group(r, order ? order[i].group : i);
		int indent = order ? 2 * (int)(order[i].depth - top) : 0;
		char label[240];
		if (strcmp(g->key, g->label) == 0)
			snprintf(label, sizeof label, "%*s%s", indent, "", g->key);
		else
			snprintf(label, sizeof label, "%*s%s (%s)", indent, "", g->label, g->key);
		compliance_rows(&t, label, g);
	}
	free(order);
	if (care_report_group_count(r) > 0)
		table_rule(&t);
	compliance_rows(&t, "Total", care_report_totals(r));
	table_print(&t, stdout);
	table_free(&t);
	if (o->min_cell > 0)
		printf("* fewer than %d, suppressed\n", o->min_cell);
}

static void text_trend(const care_report *r, const care_report_options *o)
{
	static const char *const head[] = {"As of",     "Competency", "Required",
	                                   "Compliant", "Expiring",   "Not due",
	                                   "Overdue",   "Exempt",     "Rate"};
	cli_table t;
	size_t i;
	char d[11];

	printf("Compliance at each month end from %s", care_date_format(d, o->from));
	printf(" to %s\n", care_date_format(d, o->to));
	print_filters(o);
	table_init(&t, 9, head, compliance_right);
	for (i = 0; i < care_report_group_count(r); i++) {
		const care_compliance_group *g = care_report_group(r, i);
		compliance_rows(&t, care_date_format(d, g->as_of), g);
	}
	table_print(&t, stdout);
	table_free(&t);
}

static void join(char *out, size_t size, const char *const *items, size_t n)
{
	size_t i, at = 0;

	out[0] = '\0';
	for (i = 0; i < n && at + 2 < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s", i ? ", " : "", items[i]);
}

static void text_staff(const care_report *r, const care_report_options *o)
{
	static const char *const head[] = {"Staff",   "Name",      "Competency",    "Status",
	                                   "Expires", "Grace end", "Overdue since", "Units",
	                                   "Roles",   "Managers"};
	cli_table t;
	size_t i, n = care_report_row_count(r);
	char d[3][11], units[256], roles[256], managers[256];

	printf("Staff as of %s: %zu requirement%s", care_date_format(d[0], o->as_of), n,
	       n == 1 ? "" : "s");
	if (o->status == CARE_STATUS_EXPIRING)
		printf(" compliant but expiring within %d days", o->due_soon_days);
	else if (o->status != CARE_NONE)
		printf(" %s", care_status_name((care_status)o->status));
	fputc('\n', stdout);
	print_filters(o);
	table_init(&t, 10, head, NULL);
	for (i = 0; i < n; i++) {
		const care_staff_row *row = care_report_staff_row(r, i);
		char status[32];
		const char *cells[10];
		snprintf(status, sizeof status, "%s%s", care_status_name(row->status),
		         row->expiring ? " (expiring)" : "");
		join(units, sizeof units, row->units, row->unit_count);
		join(roles, sizeof roles, row->roles, row->role_count);
		join(managers, sizeof managers, row->managers, row->manager_count);
		cells[0] = row->staff;
		cells[1] = row->name ? row->name : "-";
		cells[2] = row->competency;
		cells[3] = status;
		cells[4] = fmt_date(d[0], row->expires_on);
		cells[5] = fmt_date(d[1], row->grace_end);
		cells[6] = fmt_date(d[2], row->overdue_since);
		cells[7] = units;
		cells[8] = roles;
		cells[9] = row->manager_count ? managers : "-";
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
}

static void text_outcomes(const care_report *r)
{
	const care_outcomes *o = care_report_outcomes(r);
	static const char *const head[] = {"", "Interactions", "Complaints", "Per 1,000"};
	static const int right[] = {0, 1, 1, 1};
	cli_table t;
	char b[6][32], d[2][11];
	int i;

	printf("Complaints per 1,000 interactions by training in %s, %s to %s\n", o->competency,
	       care_date_format(d[0], o->from), care_date_format(d[1], o->to));
	table_init(&t, 4, head, right);
	{
		const char *c1[4] = {"Trained", fmt_count(b[0], o->trained.interactions),
		                     fmt_count(b[1], o->trained.complaints), NULL};
		const char *c2[4] = {"Untrained", fmt_count(b[3], o->untrained.interactions),
		                     fmt_count(b[4], o->untrained.complaints), NULL};
		char p1[32], p2[32];
		snprintf(p1, sizeof p1, "%.2f", o->trained.per_1000);
		snprintf(p2, sizeof p2, "%.2f", o->untrained.per_1000);
		c1[3] = o->trained.per_1000 == o->trained.per_1000 ? p1 : "-";
		c2[3] = o->untrained.per_1000 == o->untrained.per_1000 ? p2 : "-";
		table_row(&t, c1);
		table_row(&t, c2);
	}
	table_print(&t, stdout);
	table_free(&t);
	if (o->rate_ratio == o->rate_ratio)
		printf("Rate ratio (untrained / trained): %.2f (95%% CI %.2f to %.2f)\n",
		       o->rate_ratio, o->rate_ratio_low, o->rate_ratio_high);
	else
		puts("Rate ratio (untrained / trained): - (a count is zero or suppressed)");
	printf("Complaints not linked to an interaction: %s\n",
	       fmt_count(b[5], o->unlinked_complaints));
	fputs("Interactions by channel:", stdout);
	for (i = 0; i < care_enum_count(CARE_ENUM_CHANNEL); i++)
		printf(" %s %s%s", care_enum_name(CARE_ENUM_CHANNEL, i),
		       fmt_count(b[0], o->channels[i]),
		       i + 1 < care_enum_count(CARE_ENUM_CHANNEL) ? "," : "\n");
}

static void text_complaints(const care_report *r)
{
	const care_complaints *c = care_report_complaints(r);
	static const char *const head[] = {"", "Count"};
	static const int right[] = {0, 1};
	cli_table t;
	char b[4][32], d[2][11], median[32];
	int i;

	printf("Complaints received %s to %s\n", care_date_format(d[0], c->from),
	       care_date_format(d[1], c->to));
	printf("  received                     %s\n", fmt_count(b[0], c->received));
	printf("  acknowledged in 3 work days  %s (%s)\n",
	       fmt_count(b[1], c->acknowledged_in_3_days), fmt_rate(b[2], c->acknowledged_rate));
	snprintf(median, sizeof median, "%.1f", c->median_working_days_to_close);
	printf("  closed                       %s, median %s working days to close\n",
	       fmt_count(b[3], c->closed),
	       c->median_working_days_to_close == c->median_working_days_to_close ? median : "-");
	printf("  over six months              %s\n", fmt_count(b[0], c->over_six_months));
	table_init(&t, 2, head, right);
	for (i = 0; i < care_enum_count(CARE_ENUM_SUBJECT); i++) {
		const char *cells[2] = {care_enum_name(CARE_ENUM_SUBJECT, i),
		                        fmt_count(b[0], c->by_subject[i])};
		table_row(&t, cells);
	}
	table_rule(&t);
	for (i = 0; i < 5; i++) {
		const char *cells[2] = {i < 4 ? care_enum_name(CARE_ENUM_COMPLAINT_OUTCOME, i)
		                              : "open",
		                        fmt_count(b[0], c->by_outcome[i])};
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
}

/* Pence as pounds ("-" when null; "too large" when it had all it needed but overflowed). */
static const char *fmt_cost(char *buf, int64_t pence, int known_parts)
{
	if (pence < 0)
		return known_parts ? "too large" : "-";
	snprintf(buf, 32, "£%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
	return buf;
}

/* Pence as pounds ("-" when null). buf: 32 bytes. */
static const char *fmt_pence(char *buf, int64_t pence)
{
	if (pence < 0)
		return "-";
	snprintf(buf, 32, "£%lld.%02lld", (long long)(pence / 100), (long long)(pence % 100));
	return buf;
}

static void text_forecast(const care_report *r, const care_report_options *o)
{
	static const char *const head[] = {"Competency", "Required", "Compliant on target",
	                                   "Rate",       "Places",   "Places for target",
	                                   "Unit cost",  "Cost",     "Cost for target"};
	static const int right[] = {0, 1, 1, 1, 1, 1, 1, 1, 1};
	int target = o->target_percent != CARE_NONE, cols = target ? 9 : 8;
	cli_table t;
	size_t i;
	int any_cost = 0;
	char d[2][11], b[8][32];

	printf("Forecast from %s to %s", care_date_format(d[0], o->as_of),
	       care_date_format(d[1], o->target));
	if (target)
		printf(", target %d%%", o->target_percent);
	fputc('\n', stdout);
	print_filters(o);
	table_init(&t, cols, head, right);
	for (i = 0; i < care_report_row_count(r); i++) {
		const care_forecast_row *row = care_report_forecast_row(r, i);
		const char *cells[9];
		cells[0] = row->competency;
		cells[1] = fmt_count(b[0], row->required);
		cells[2] = fmt_count(b[1], row->projected_compliant);
		cells[3] = fmt_rate(b[2], row->projected_rate);
		cells[4] = fmt_count(b[3], row->places);
		cells[5] =
		    row->places_for_target < 0 ? "-" : fmt_count(b[4], row->places_for_target);
		cells[6] = fmt_pence(b[5], row->unit_cost_pence);
		cells[7] = fmt_cost(b[6], row->cost_pence, row->unit_cost_pence >= 0);
		cells[8] = fmt_cost(b[7], row->cost_for_target_pence,
		                    row->unit_cost_pence >= 0 && row->places_for_target >= 0);
		any_cost |= row->unit_cost_pence >= 0;
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
	printf("Total cost: %s\n", fmt_cost(b[0], care_report_total_cost_pence(r), any_cost));
	if (target)
		printf("Total cost for the target: %s\n",
		       fmt_cost(b[0], care_report_total_cost_for_target_pence(r), any_cost));
}

/* ---- options ---- */

static int filters(const cli_args *a, const care_dataset *ds, care_report_options *o)
{
	const char *g = cli_value(a, "staff-group");
	size_t ignored;

	o->unit = cli_value(a, "unit");
	o->role = cli_value(a, "role");
	o->manager = cli_value(a, "manager");
	o->patient_facing = cli_flag(a, "patient-facing");
	if (o->unit && care_dataset_find(&ignored, ds, CARE_KIND_UNIT, o->unit) != 0)
		return cli_error(a, "no unit '%s' (absent or rejected)", o->unit);
	if (o->role && care_dataset_find(&ignored, ds, CARE_KIND_ROLE, o->role) != 0)
		return cli_error(a, "no role '%s' (absent or rejected)", o->role);
	if (o->manager && care_dataset_find(&ignored, ds, CARE_KIND_STAFF, o->manager) != 0)
		return cli_error(a, "--manager: no staff member '%s' (absent or rejected)",
		                 o->manager);
	if (g) {
		o->staff_group = care_enum_parse(CARE_ENUM_STAFF_GROUP, g, strlen(g));
		if (o->staff_group < 0)
			return cli_error(a, "--staff-group '%s' is not an ESR staff group", g);
	}
	return 0;
}

/* The filters of the population reports, as the `allowed` lists spell them. */
#define FILTERS " unit role staff-group patient-facing competency manager all-reports "

int cmd_report(const char *command, int argc, char **argv)
{
	static const char *const flags[] = {"patient-facing", "all-reports", NULL};
	static const char *const valued[] = {"as-of",       "by",
	                                     "unit",        "role",
	                                     "staff-group", "due-soon-days",
	                                     "min-cell",    "from",
	                                     "to",          "status",
	                                     "competency",  "manager",
	                                     "target",      "target-percent",
	                                     "format",      "mapping",
	                                     NULL};
	static const struct {
		const char *name;
		care_report_kind kind;
		const char *allowed; /* options this command takes, space-separated */
		int csv;
	} commands[] = {
	    {"report", CARE_REPORT_COMPLIANCE,
	     " as-of by" FILTERS "due-soon-days min-cell format mapping ", 1},
	    {"trend", CARE_REPORT_TREND, " from to" FILTERS "min-cell format mapping ", 1},
	    {"staff", CARE_REPORT_STAFF, " as-of" FILTERS "status due-soon-days format mapping ",
	     1},
	    {"outcomes", CARE_REPORT_OUTCOMES, " competency from to min-cell format mapping ", 0},
	    {"complaints", CARE_REPORT_COMPLAINTS, " from to min-cell format mapping ", 0},
	    {"forecast", CARE_REPORT_FORECAST,
	     " as-of target target-percent" FILTERS "format mapping ", 1},
	};
	care_report_options o = CARE_REPORT_OPTIONS_INIT;
	care_dataset *ds = NULL;
	care_report *r = NULL;
	const char *format, *by, *status;
	cli_args a;
	size_t c, i;
	int rc, exit_status = EXIT_OK;

	for (c = 0; strcmp(commands[c].name, command) != 0; c++)
		;
	if (cli_parse(&a, command, argc, argv, flags, valued) != 0)
		return EXIT_USAGE;
	for (i = 0; i < (size_t)a.count; i++) {
		char word[40];
		size_t len = strcspn(a.names[i], "=");
		snprintf(word, sizeof word, " %.*s ", (int)(len < 30 ? len : 30), a.names[i]);
		if (strstr(commands[c].allowed, word) == NULL)
			return cli_error(&a, "unknown option '--%.*s' (%s does not take it)",
			                 (int)len, a.names[i], command);
	}
	format = cli_value(&a, "format");
	if (format == NULL)
		format = "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 &&
	    !(commands[c].csv && strcmp(format, "csv") == 0))
		return cli_error(&a, "--format must be text, json%s, not '%s'",
		                 commands[c].csv ? " or csv" : "", format);
	if (cli_date(&a, "as-of", &o.as_of, strstr(commands[c].allowed, " as-of ") != NULL) ||
	    cli_date(&a, "from", &o.from, strstr(commands[c].allowed, " from ") != NULL) ||
	    cli_date(&a, "to", &o.to, strstr(commands[c].allowed, " to ") != NULL) ||
	    cli_date(&a, "target", &o.target, commands[c].kind == CARE_REPORT_FORECAST) ||
	    cli_int(&a, "due-soon-days", &o.due_soon_days, 0, 3650) ||
	    cli_int(&a, "min-cell", &o.min_cell, 0, 1000000) ||
	    cli_int(&a, "target-percent", &o.target_percent, 0, 100))
		return EXIT_USAGE;
	if (o.from != CARE_DATE_NONE && o.to != CARE_DATE_NONE && o.from > o.to)
		return cli_error(&a, "--from %s is after --to %s", cli_value(&a, "from"),
		                 cli_value(&a, "to"));
	if (commands[c].kind == CARE_REPORT_FORECAST && o.target <= o.as_of)
		return cli_error(&a, "--target %s must be after --as-of %s",
		                 cli_value(&a, "target"), cli_value(&a, "as-of"));
	by = cli_value(&a, "by");
	if (by) {
		int k;
		for (k = CARE_GROUP_UNIT; k < CARE_GROUP_BY_COUNT; k++)
			if (strcmp(by, care_group_by_name((care_group_by)k)) == 0)
				o.group_by = (care_group_by)k;
		if (o.group_by == CARE_GROUP_NONE)
			return cli_error(&a,
			                 "--by must be unit, role, staff-group, competency or "
			                 "manager, not '%s'",
			                 by);
	}
	status = cli_value(&a, "status");
	if (status) {
		/* The library's care_status_parse() does not know "expiring" (a filter only). */
		o.status = strcmp(status, "expiring") == 0 ? (int)CARE_STATUS_EXPIRING
		                                           : care_status_parse(status);
		if (o.status < 0 || o.status == CARE_STATUS_NOT_REQUIRED)
			return cli_error(&a,
			                 "--status must be exempt, compliant, not-due, overdue or "
			                 "expiring, not '%s'",
			                 status);
	}
	o.all_reports = cli_flag(&a, "all-reports");
	if (o.all_reports && cli_value(&a, "manager") == NULL)
		return cli_error(&a, "--all-reports needs --manager ID (whose line?)");
	o.competency = cli_value(&a, "competency");
	if (commands[c].kind == CARE_REPORT_OUTCOMES && o.competency == NULL)
		return cli_error(&a, "--competency C is required");
	if ((rc = cli_load(&ds, NULL, a.file, cli_value(&a, "mapping"), 0)) != 0)
		return rc;
	if (filters(&a, ds, &o) != 0) {
		care_dataset_free(ds);
		return EXIT_USAGE;
	}
	o.progress = cli_progress;
	o.progress_data = (void *)command;
	rc = care_report_new(&r, commands[c].kind, ds, &o);
	cli_progress_end();
	if (rc != 0) {
		/* Options the library refuses, such as a competency nothing requires. */
		cli_error(&a, "%s", care_error_last());
		care_dataset_free(ds);
		return EXIT_USAGE;
	}
	if (strcmp(format, "text") == 0) {
		switch (commands[c].kind) {
		case CARE_REPORT_COMPLIANCE:
			text_compliance(r, &o, ds);
			break;
		case CARE_REPORT_TREND:
			text_trend(r, &o);
			break;
		case CARE_REPORT_STAFF:
			text_staff(r, &o);
			break;
		case CARE_REPORT_OUTCOMES:
			text_outcomes(r);
			break;
		case CARE_REPORT_COMPLAINTS:
			text_complaints(r);
			break;
		default:
			text_forecast(r, &o);
			break;
		}
	} else {
		char *text = NULL;
		rc = strcmp(format, "json") == 0 ? care_report_to_json(&text, r)
		                                 : care_report_to_csv(&text, r);
		if (rc == 0) {
			fputs(text, stdout);
			if (strcmp(format, "json") == 0)
				fputc('\n', stdout);
		} else {
			fprintf(stderr, "care: %s: %s\n", command, care_error_last());
			exit_status = EXIT_USAGE;
		}
		care_free(text);
	}
	care_report_free(r);
	care_dataset_free(ds);
	return exit_status;
}
