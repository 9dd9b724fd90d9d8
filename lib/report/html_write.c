/*
 * The pieces of the HTML pages: escaping, the page head and style, cells.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/html_write.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* The one style sheet of every page: system fonts only, A4 when printed. */
static const char style[] =
    ":root{--blue:#005eb8;--ink:#212b32;--grey:#4c6272;--line:#d8dde0;--pale:#f0f4f5;"
    "--green:#007f3b;--amber:#ffb81c;--red:#d5281b}"
    "*{box-sizing:border-box}"
    "body{margin:0 auto;max-width:1100px;padding:24px 32px;color:var(--ink);background:#fff;"
    "font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}"
    "header{border-bottom:4px solid var(--blue);margin-bottom:20px;padding-bottom:8px}"
    "h1{font-size:26px;margin:0 0 4px;color:var(--blue)}"
    "h2{font-size:20px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}"
    "h3{font-size:16px;margin:20px 0 6px}"
    "p{margin:6px 0}.meta{color:var(--grey);margin:2px 0}"
    "section{break-inside:auto}"
    "table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-variant-numeric:tabular-nums}"
    "caption{text-align:left;font-weight:600;padding:4px 0;color:var(--grey)}"
    "th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}"
    "thead th{background:var(--pale);border-bottom:2px solid var(--grey);font-size:13px}"
    "td.n,th.n{text-align:right}td.n{white-space:nowrap}"
    "tbody th{font-weight:600}"
    "tr.total th,tr.total td{border-top:2px solid var(--grey);font-weight:700}"
    ".rag{display:inline-block;min-width:3.6em;padding:1px 6px;border-radius:10px;"
    "text-align:center;font-weight:700}"
    ".rag.green{background:#e3f2e8;color:var(--green);border:1px solid var(--green)}"
    ".rag.amber{background:#fff4d6;color:#6b4b00;border:1px solid #c58a00}"
    ".rag.red{background:#fbe4e2;color:#a3150a;border:1px solid var(--red)}"
    ".rag.none{color:var(--grey)}"
    ".key{font-size:13px;color:var(--grey)}"
    ".d1{padding-left:24px}.d2{padding-left:44px}.d3{padding-left:64px}.d4{padding-left:84px}"
    ".d5{padding-left:104px}"
    ".id{color:var(--grey);font-weight:400;font-size:12px;margin-left:6px}"
    ".status-overdue{color:#a3150a;font-weight:700}.status-expiring{color:#6b4b00;font-weight:700}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:10px 0}"
    ".card{flex:1 1 200px;border:1px solid var(--line);border-left:6px solid var(--grey);"
    "padding:8px 12px;border-radius:4px}"
    ".card.green{border-left-color:var(--green)}.card.amber{border-left-color:var(--amber)}"
    ".card.red{border-left-color:var(--red)}"
    ".card .big{font-size:26px;font-weight:700}.card .what{font-size:13px;color:var(--grey)}"
    "figure{margin:12px 0}figcaption{font-size:13px;color:var(--grey)}"
    "svg{width:100%;max-width:960px;height:auto;font-family:inherit}"
    "time{white-space:nowrap}"
    "table.matrix{font-size:13px}table.matrix th,table.matrix td{padding:4px 5px}"
    "table.matrix thead th{overflow-wrap:anywhere}table.matrix tbody th{min-width:13em}"
    ".card .rag{font-size:12px;margin-left:6px;vertical-align:middle}"
    "svg text{fill:var(--ink)}"
    "footer{margin-top:32px;color:var(--grey);font-size:12px;border-top:1px solid var(--line);"
    "padding-top:8px}"
    "@page{size:A4;margin:14mm 12mm}"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}"
    "h2{break-after:avoid}tr,figure,.card{break-inside:avoid}thead{display:table-header-group}"
    "th,td{padding:3px 5px}}";

const char *care_html__rag_name(const care__rag *rag, double rate)
{
	/* 1e-9: 29 of 100 is 28.999999999999996 in binary, and is 29%. */
	double percent = rate * 100.0 + 1e-9;

	if (isnan(rate))
		return NULL;
	if (percent >= (double)rag->green)
		return "green";
	return percent >= (double)rag->amber ? "amber" : "red";
}

void care_html__text(care__buf *b, const char *s)
{
	const char *run = s;

	if (s == NULL)
		return;
	for (; *s; s++) {
		const char *entity;
		switch (*s) {
		case '&':
			entity = "&amp;";
			break;
		case '<':
			entity = "&lt;";
			break;
		case '>':
			entity = "&gt;";
			break;
		case '"':
			entity = "&quot;";
			break;
		case '\'':
			entity = "&#39;";
			break;
		default:
			continue;
		}
		care_buf__append(b, run, (size_t)(s - run));
		care_buf__puts(b, entity);
		run = s + 1;
	}
	care_buf__append(b, run, (size_t)(s - run));
}

void care_html__page_begin(care__buf *b, const char *title)
{
	care_buf__puts(b,
	               "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
	               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	               "'none'; style-src 'unsafe-inline'\">\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	               "<meta name=\"generator\" content=\"libcare ");
	care_buf__puts(b, care_version(NULL));
	care_buf__puts(b, "\">\n<title>");
	care_html__text(b, title);
	care_buf__puts(b, "</title>\n<style>");
	care_buf__puts(b, style);
	care_buf__puts(b, "</style>\n</head>\n<body>\n");
}

void care_html__page_end(care__buf *b)
{
	care_buf__puts(b, "<footer>Made by libcare ");
	care_buf__puts(b, care_version(NULL));
	care_buf__puts(b, ". Definitions of every figure: the libcare documentation, "
	                  "docs/reports.md.</footer>\n</body>\n</html>\n");
}

/* n >= 0 with a comma every three digits. */
static void grouped(care__buf *b, int64_t n)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n), i, at = 0;

	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[at++] = ',';
		out[at++] = digits[i];
	}
	care_buf__append(b, out, (size_t)at);
}

void care_html__count(care__buf *b, int64_t n)
{
	if (n == CARE_SUPPRESSED)
		care_buf__puts(b, "*");
	else if (n < 0)
		care_buf__puts(b, "&ndash;");
	else
		grouped(b, n);
}

void care_html__percent(care__buf *b, double rate)
{
	/* Rounded down, so that a rate never looks better than it is: 94.9% is 94%, not
	 * 95%. 1e-9: 29 of 100 is 28.999999999999996 in binary, and is 29%. */
	double p = rate * 100.0 + 1e-9;

	if (isnan(rate))
		care_buf__puts(b, "&ndash;");
	else if ((p > 0.0 && p < 1.0) || (p > 99.0 && p < 100.0))
		care_buf__printf(b, "%.1f%%", floor(p * 10.0) / 10.0);
	else
		care_buf__printf(b, "%.0f%%", floor(p));
}

void care_html__date(care__buf *b, care_date d)
{
	char text[11];

	if (d == CARE_DATE_NONE) {
		care_buf__puts(b, "&ndash;");
		return;
	}
	care_date_format(text, d);
	care_buf__printf(b, "<time datetime=\"%s\">%s</time>", text, text);
}

void care_html__money(care__buf *b, int64_t pence)
{
	if (pence < 0) {
		care_buf__puts(b, "&ndash;");
		return;
	}
	care_buf__puts(b, "&pound;");
	grouped(b, pence / 100);
	if (pence % 100)
		care_buf__printf(b, ".%02d", (int)(pence % 100));
}

static void cell_open(care__buf *b, const char *field)
{
	care_buf__puts(b, "<td class=\"n\"");
	if (field)
		care_buf__printf(b, " data-field=\"%s\"", field);
}

void care_html__count_cell(care__buf *b, const char *field, int64_t n)
{
	cell_open(b, field);
	if (n >= 0)
		care_buf__printf(b, " data-value=\"%lld\">", (long long)n);
	else
		care_buf__puts(b, " data-value=\"\">");
	care_html__count(b, n);
	care_buf__puts(b, "</td>");
}

void care_html__rate_cell(care__buf *b, const char *field, double rate, const care__rag *rag)
{
	const char *colour = rag ? care_html__rag_name(rag, rate) : NULL;

	cell_open(b, field);
	if (isnan(rate))
		care_buf__puts(b, " data-value=\"\">");
	else
		care_buf__printf(b, " data-value=\"%.17g\">", rate);
	if (rag)
		care_buf__printf(b, "<span class=\"rag %s\">", colour ? colour : "none");
	care_html__percent(b, rate);
	if (rag)
		care_buf__puts(b, "</span>");
	care_buf__puts(b, "</td>");
}

void care_html__date_cell(care__buf *b, const char *field, care_date d)
{
	care_buf__puts(b, "<td");
	if (field)
		care_buf__printf(b, " data-field=\"%s\"", field);
	care_buf__puts(b, ">");
	care_html__date(b, d);
	care_buf__puts(b, "</td>");
}

void care_html__money_cell(care__buf *b, const char *field, int64_t pence)
{
	cell_open(b, field);
	if (pence >= 0)
		care_buf__printf(b, " data-value=\"%lld\">", (long long)pence);
	else
		care_buf__puts(b, " data-value=\"\">");
	care_html__money(b, pence);
	care_buf__puts(b, "</td>");
}

void care_html__head_row(care__buf *b, const char *const *names, size_t n)
{
	size_t i;

	care_buf__puts(b, "<thead><tr>");
	for (i = 0; i < n; i++) {
		/* A leading '#' marks a numeric column, aligned right like its cells. */
		if (names[i][0] == '#')
			care_buf__printf(b, "<th scope=\"col\" class=\"n\">%s</th>", names[i] + 1);
		else
			care_buf__printf(b, "<th scope=\"col\">%s</th>", names[i]);
	}
	care_buf__puts(b, "</tr></thead>\n");
}

void care_html__suppression_note(care__buf *b, int min_cell)
{
	if (min_cell > 1)
		care_buf__printf(
		    b,
		    "<p class=\"key\">* fewer than %d people: the figure is not shown, "
		    "so that nobody can be identified, and neither is a rate made "
		    "from it.</p>\n",
		    min_cell);
}

void care_html__filters(care__buf *b, const care_report_options *o)
{
	static const char *const names[] = {"unit", "role", "competency", "line manager"};
	const char *values[4];
	int i;

	values[0] = o->unit;
	values[1] = o->role;
	values[2] = o->competency;
	values[3] = o->manager;
	for (i = 0; i < 4; i++) {
		if (values[i] == NULL)
			continue;
		care_buf__printf(b, ", %s ", names[i]);
		care_html__text(b, values[i]);
		if (i == 3)
			care_buf__puts(b, o->all_reports ? " (the whole line below)"
			                                 : " (direct reports)");
	}
	if (o->staff_group != CARE_NONE)
		care_buf__printf(b, ", staff group %s",
		                 care_enum_name(CARE_ENUM_STAFF_GROUP, o->staff_group));
	if (o->patient_facing)
		care_buf__puts(b, ", patient-facing roles only");
}

/* 0 or CARE_EINVAL for options the pages cannot use. */
int care_html__check_options(const care_html_options *opts)
{
	if (opts->version < 1 || opts->version > CARE_HTML_OPTIONS_VERSION)
		return care__error(CARE_EINVAL, "unsupported care_html_options version %u",
		                   opts->version);
	if (opts->green_percent < 0 || opts->green_percent > 100 || opts->amber_percent < 0 ||
	    opts->amber_percent > opts->green_percent)
		return care__error(CARE_EINVAL,
		                   "the thresholds must be 0 <= amber <= green <= 100");
	return 0;
}
