/*
 * Charts as inline SVG. Coordinates are in the viewBox's units; the SVG
 * scales to the width of the page (and of an A4 sheet when printed).
 */
#include <math.h>
#include <string.h>

#include "report/html_chart.h"
#include "util/alloc.h"
#include "util/buf.h"

/* Colours that people with the common colour-vision deficiencies tell apart (Okabe and Ito). */
static const char *const palette[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                      "#56b4e9", "#e69f00", "#000000", "#7f7f7f"};
#define PALETTE_SIZE (sizeof palette / sizeof palette[0])

static const char *rag_fill(const char *name)
{
	if (name == NULL)
		return "#aeb7bd";
	if (strcmp(name, "green") == 0)
		return "#007f3b";
	return strcmp(name, "amber") == 0 ? "#ffb81c" : "#d5281b";
}

/* <figure><svg ...><title>…</title><desc>, left open for the description. */
static void open_chart(care__buf *b, const char *id, const char *title, double width, double height)
{
	care_buf__printf(b,
	                 "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	                 "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
	                 "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">",
	                 width, height, width, height, id, id, id);
	care_html__text(b, title);
	care_buf__printf(b, "</title><desc id=\"%s-d\">", id);
}

static void percent_text(care__buf *b, double rate)
{
	care_html__percent(b, rate);
}

/* A label of at most `max` characters: a longer one is cut with an ellipsis (the whole of it
 * is in the chart's description and in the table). */
static void label(care__buf *b, const char *text, size_t max)
{
	size_t bytes = 0, chars = 0;

	if (text == NULL)
		return;
	while (text[bytes] && chars < max) {
		bytes++;
		while (((unsigned char)text[bytes] & 0xC0) == 0x80) /* continuation bytes */
			bytes++;
		chars++;
	}
	if (text[bytes] == '\0') {
		care_html__text(b, text);
		return;
	}
	while (chars > max - 1) { /* room for the ellipsis */
		do
			bytes--;
		while (bytes > 0 && ((unsigned char)text[bytes] & 0xC0) == 0x80);
		chars--;
	}
	{
		care__buf cut = {0};
		char *copy;
		care_buf__append(&cut, text, bytes);
		if (care_buf__finish(&cut, &copy, NULL) != 0) {
			b->failed = 1;
			return;
		}
		care_html__text(b, copy);
		care__free(copy);
		care_buf__puts(b, "&hellip;");
	}
}

/* ---- bars ---- */

enum { BAR_LABEL = 390, BAR_WIDTH = 480, BAR_ROW = 26, BAR_TOP = 30 };

void care_chart__bars(care__buf *b, const char *id, const char *title, const care__bar *bars,
                      size_t n, const care__rag *rag)
{
	double height = BAR_TOP + (double)n * BAR_ROW + 30, x0 = BAR_LABEL, green;
	size_t i;

	open_chart(b, id, title, 960, height);
	for (i = 0; i < n; i++) {
		care_html__text(b, bars[i].label);
		care_buf__puts(b, ": ");
		if (isnan(bars[i].value))
			care_html__text(b, bars[i].note ? bars[i].note : "no figure");
		else
			percent_text(b, bars[i].value);
		care_buf__puts(b, i + 1 < n ? "; " : ".");
	}
	care_buf__printf(b, " The line marks the target of %d%%.</desc>\n", rag->green);
	/* Axis: 0, 25, 50, 75, 100%. */
	for (i = 0; i <= 4; i++) {
		double x = x0 + BAR_WIDTH * (double)i / 4.0;
		care_buf__printf(
		    b,
		    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d8dde0\"/>"
		    "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
		    "fill=\"#4c6272\">%d%%</text>\n",
		    x, BAR_TOP - 6, x, height - 24, x, BAR_TOP - 12, (int)i * 25);
	}
	for (i = 0; i < n; i++) {
		double y = BAR_TOP + (double)i * BAR_ROW, v = bars[i].value;
		const char *colour = care_html__rag_name(rag, v);
		care_buf__printf(
		    b, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"start\">",
		    8 + 14 * bars[i].depth, y + 17);
		label(b, bars[i].label, 50 - 2 * (size_t)(bars[i].depth > 5 ? 5 : bars[i].depth));
		care_buf__puts(b, "</text>");
		if (isnan(v)) {
			care_buf__printf(b,
			                 "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
			                 "fill=\"#4c6272\">",
			                 x0 + 6, y + 17);
			care_html__text(b, bars[i].note ? bars[i].note : "no figure");
			care_buf__puts(b, "</text>\n");
			continue;
		}
		care_buf__printf(
		    b,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\" "
		    "rx=\"2\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
		    "font-weight=\"700\">",
		    x0, y + 4,
		    BAR_WIDTH * (v < 0   ? 0
		                 : v > 1 ? 1
		                         : v),
		    rag_fill(colour), x0 + BAR_WIDTH * (v > 1 ? 1 : v) + 6, y + 17);
		percent_text(b, v);
		care_buf__puts(b, "</text>\n");
	}
	green = x0 + BAR_WIDTH * rag->green / 100.0;
	care_buf__printf(b,
	                 "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#212b32\" "
	                 "stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
	                 "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">"
	                 "target %d%%</text>\n</svg>",
	                 green, BAR_TOP - 4, green, height - 22, green, height - 8, rag->green);
	care_buf__printf(b,
	                 "<figcaption>Bars: green at or above %d%%, amber from %d%%, red "
	                 "below.</figcaption></figure>\n",
	                 rag->green, rag->amber);
}

/* ---- lines ---- */

enum { LINE_LEFT = 56, LINE_RIGHT = 90, LINE_TOP = 16, LINE_PLOT = 260, LINE_W = 960 };

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void care_chart__lines(care__buf *b, const char *id, const char *title, const care_date *dates,
                       size_t n, const care__series *series, size_t k, const care__rag *rag)
{
	double width = LINE_W - LINE_LEFT - LINE_RIGHT, bottom = LINE_TOP + LINE_PLOT;
	double legend_rows = (double)((k + 2) / 3), height = bottom + 44 + legend_rows * 22;
	size_t i, s, step = n > 12 ? (n + 11) / 12 : 1;
	char text[11];

	open_chart(b, id, title, LINE_W, height);
	for (s = 0; s < k; s++) {
		size_t last = n;
		for (i = 0; i < n; i++)
			if (!isnan(series[s].values[i]))
				last = i;
		care_html__text(b, series[s].name);
		if (last == n) {
			care_buf__puts(b, ": no figure. ");
			continue;
		}
		care_buf__puts(b, ": ");
		for (i = 0; i < n; i++) {
			if (isnan(series[s].values[i]))
				continue;
			care_buf__printf(b, "%s ", care_date_format(text, dates[i]));
			percent_text(b, series[s].values[i]);
			care_buf__puts(b, i == last ? ". " : ", ");
		}
	}
	care_buf__printf(b, "The dashed line marks the target of %d%%.</desc>\n", rag->green);
	for (i = 0; i <= 4; i++) {
		double y = bottom - LINE_PLOT * (double)i / 4.0;
		care_buf__printf(
		    b,
		    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d8dde0\"/>"
		    "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" "
		    "fill=\"#4c6272\">%d%%</text>\n",
		    LINE_LEFT, y, LINE_LEFT + width, y, LINE_LEFT - 6, y + 4, (int)i * 25);
	}
	for (i = 0; i < n; i += step) {
		int year, month, day;
		double x = LINE_LEFT + (n > 1 ? width * (double)i / (double)(n - 1) : width / 2);
		care_date_to_ymd(dates[i], &year, &month, &day);
		care_buf__printf(
		    b,
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
		    "fill=\"#4c6272\">%s %02d</text>\n",
		    x, bottom + 18, month_names[month - 1], year % 100);
	}
	{
		double y = bottom - LINE_PLOT * rag->green / 100.0;
		care_buf__printf(
		    b,
		    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#212b32\" "
		    "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">target %d%%</text>\n",
		    LINE_LEFT, y, LINE_LEFT + width, y, LINE_LEFT + width + 6, y + 4, rag->green);
	}
	for (s = 0; s < k; s++) {
		const char *colour = palette[s % PALETTE_SIZE];
		int pen = 0;
		care_buf__printf(b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" d=\"",
		                 colour);
		for (i = 0; i < n; i++) {
			double v = series[s].values[i];
			double x =
			    LINE_LEFT + (n > 1 ? width * (double)i / (double)(n - 1) : width / 2);
			if (isnan(v)) {
				pen = 0;
				continue;
			}
			care_buf__printf(b, "%s%.1f %.1f ", pen ? "L" : "M", x,
			                 bottom - LINE_PLOT * v);
			pen = 1;
		}
		care_buf__puts(b, "\"/>");
		for (i = 0; i < n; i++) {
			double v = series[s].values[i];
			double x =
			    LINE_LEFT + (n > 1 ? width * (double)i / (double)(n - 1) : width / 2);
			if (!isnan(v))
				care_buf__printf(
				    b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x,
				    bottom - LINE_PLOT * v, colour);
		}
		care_buf__printf(
		    b,
		    "\n<g><rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"4\" "
		    "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\">",
		    LINE_LEFT + (double)(s % 3) * 280, bottom + 36 + (double)(s / 3) * 22, colour,
		    LINE_LEFT + (double)(s % 3) * 280 + 24, bottom + 41 + (double)(s / 3) * 22);
		care_html__text(b, series[s].name);
		care_buf__puts(b, "</text></g>\n");
	}
	care_buf__puts(b, "</svg></figure>\n");
}

/* ---- outcomes ---- */

/* x of a rate ratio on the log scale from lo to hi. */
static double ratio_x(double v, double lo, double hi, double x0, double w)
{
	return x0 + w * (log(v) - log(lo)) / (log(hi) - log(lo));
}

void care_chart__outcomes(care__buf *b, const char *id, const char *title, const care_outcomes *o)
{
	const double x0 = 200, w = 500;
	double top = 0, lo = 0.25, hi = 4;
	const care_outcome_group *g[2] = {&o->trained, &o->untrained};
	static const char *const names[2] = {"Trained staff", "Untrained staff"};
	static const char *const fills[2] = {"#0072b2", "#d55e00"};
	int i;

	for (i = 0; i < 2; i++)
		if (!isnan(g[i]->per_1000) && g[i]->per_1000 > top)
			top = g[i]->per_1000;
	top = top > 0 ? top * 1.15 : 1;
	if (!isnan(o->rate_ratio)) {
		while (o->rate_ratio_low < lo && lo > 1e-6)
			lo /= 2;
		while (o->rate_ratio_high > hi && hi < 1e6)
			hi *= 2;
	}
	open_chart(b, id, title, 960, 220);
	for (i = 0; i < 2; i++) {
		care_buf__printf(b, "%s: ", names[i]);
		if (isnan(g[i]->per_1000))
			care_buf__puts(b, "no figure");
		else
			care_buf__printf(b, "%.2f complaints per 1,000 interactions",
			                 g[i]->per_1000);
		care_buf__puts(b, ". ");
	}
	if (isnan(o->rate_ratio))
		care_buf__puts(b, "No rate ratio: a count is zero or suppressed.");
	else
		care_buf__printf(b,
		                 "Rate ratio, untrained to trained: %.2f (95%% confidence interval "
		                 "%.2f to %.2f).",
		                 o->rate_ratio, o->rate_ratio_low, o->rate_ratio_high);
	care_buf__puts(b, "</desc>\n<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"700\">"
	                  "Complaints per 1,000 interactions</text>\n");
	for (i = 0; i < 2; i++) {
		double y = 28 + i * 30, v = g[i]->per_1000;
		care_buf__printf(b, "<text x=\"0\" y=\"%.1f\" font-size=\"13\">%s</text>", y + 15,
		                 names[i]);
		if (isnan(v)) {
			care_buf__printf(
			    b,
			    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#4c6272\">"
			    "no figure</text>\n",
			    x0 + 6, y + 15);
			continue;
		}
		care_buf__printf(
		    b,
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"20\" "
		    "fill=\"%s\" rx=\"2\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" "
		    "font-weight=\"700\">%.2f</text>\n",
		    x0, y, w * v / top, fills[i], x0 + w * v / top + 6, y + 15, v);
	}
	care_buf__puts(b,
	               "<text x=\"0\" y=\"118\" font-size=\"13\" font-weight=\"700\">Rate ratio, "
	               "untrained to trained, with its 95% confidence interval</text>\n");
	if (isnan(o->rate_ratio)) {
		care_buf__printf(
		    b,
		    "<text x=\"%.1f\" y=\"160\" font-size=\"12\" fill=\"#4c6272\">no rate "
		    "ratio: a count is zero or suppressed</text></svg></figure>\n",
		    x0);
		return;
	}
	{
		double ticks[] = {0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32};
		size_t t;
		for (t = 0; t < sizeof ticks / sizeof ticks[0]; t++) {
			double x;
			if (ticks[t] < lo || ticks[t] > hi)
				continue;
			x = ratio_x(ticks[t], lo, hi, x0, w);
			care_buf__printf(
			    b,
			    "<line x1=\"%.1f\" y1=\"130\" x2=\"%.1f\" y2=\"180\" "
			    "stroke=\"%s\" %s/><text x=\"%.1f\" y=\"196\" font-size=\"12\" "
			    "text-anchor=\"middle\" fill=\"#4c6272\">%g</text>\n",
			    x, x, ticks[t] == 1 ? "#212b32" : "#d8dde0",
			    ticks[t] == 1 ? "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"" : "", x,
			    ticks[t]);
		}
	}
	{
		double xl = ratio_x(o->rate_ratio_low, lo, hi, x0, w);
		double xh = ratio_x(o->rate_ratio_high, lo, hi, x0, w);
		double xr = ratio_x(o->rate_ratio, lo, hi, x0, w);
		care_buf__printf(
		    b,
		    "<line x1=\"%.1f\" y1=\"155\" x2=\"%.1f\" y2=\"155\" stroke=\"#212b32\" "
		    "stroke-width=\"2\"/><line x1=\"%.1f\" y1=\"148\" x2=\"%.1f\" "
		    "y2=\"162\" stroke=\"#212b32\" stroke-width=\"2\"/><line x1=\"%.1f\" "
		    "y1=\"148\" x2=\"%.1f\" y2=\"162\" stroke=\"#212b32\" "
		    "stroke-width=\"2\"/><rect x=\"%.1f\" y=\"149\" width=\"12\" "
		    "height=\"12\" fill=\"#d55e00\"/>\n",
		    xl, xh, xl, xl, xh, xh, xr - 6);
		care_buf__printf(
		    b,
		    "<text x=\"0\" y=\"160\" font-size=\"13\">%.2f (%.2f to %.2f)</text>\n"
		    "<text x=\"%.1f\" y=\"214\" font-size=\"12\" text-anchor=\"middle\" "
		    "fill=\"#4c6272\">1 = no difference; above 1, more complaints from "
		    "untrained staff</text></svg></figure>\n",
		    o->rate_ratio, o->rate_ratio_low, o->rate_ratio_high, x0 + w / 2);
	}
}
