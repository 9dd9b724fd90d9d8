/*
 * libcare — reports as HTML pages for people (docs/html.md): one report on
 * a page, and the manager's page that puts the reports a service manager
 * reads together (compliance with the unit tree, the trend, the worklist of
 * the overdue and expiring, the forecast and cost, training and patient
 * outcomes).
 *
 * Every page is one self-contained HTML file: no script, no external style,
 * font or image, and a Content-Security-Policy that forbids every fetch, so
 * it opens the same from an e-mail attachment. Charts are inline SVG with a
 * text alternative; tables have header cells; the page prints on A4. Every
 * text that comes from the data is escaped. Small-number suppression is that
 * of the reports (their min_cell option).
 */
#ifndef CARE_HTML_H
#define CARE_HTML_H

#include "common.h"
#include "dataset.h"
#include "metrics.h"

CARE_BEGIN_DECLS

/**
 * Options of the HTML pages. Initialise with CARE_HTML_OPTIONS_INIT or
 * care_html_options_init(); fields are only ever appended.
 */
typedef struct care_html_options {
	unsigned int version; /**< CARE_HTML_OPTIONS_VERSION */
	/** The page's heading; NULL: the report's name (and the organisation's, on the manager's
	 * page). */
	const char *title;
	/** A rate at or above this percentage is green (default 95); also the forecast's default
	 * target. */
	int green_percent;
	/** At or above this percentage (and below green) amber, below it red (default 80). */
	int amber_percent;
	/**
	 * The manager's page: the competency whose uptake the unit chart shows and
	 * whose training the outcomes section compares; NULL: the report options'
	 * competency filter, else "customer-care" when the dataset has it, else the
	 * first competency required.
	 */
	const char *focus_competency;
	/** The manager's page: at most this many rows in the worklist (default 1000; 0: all). */
	size_t worklist_limit;
} care_html_options;

#define CARE_HTML_OPTIONS_VERSION 1
#define CARE_HTML_OPTIONS_INIT                                                                     \
	{                                                                                          \
		CARE_HTML_OPTIONS_VERSION, NULL, 95, 80, NULL, 1000                                \
	}

/** Initialise options to the defaults. @return 0 or CARE_EINVAL. */
CARE_API int care_html_options_init(care_html_options *opts, unsigned int version);

/**
 * A report as a self-contained HTML page: its tables (and its chart, for the
 * compliance report grouped by unit, the trend and the outcomes), with the
 * figures of its JSON form, suppression applied.
 *
 * @param out   receives the page, NUL-terminated; release it with care_free()
 * @param report a report of any kind
 * @param opts  the page's options, or NULL for the defaults
 * @return 0, CARE_EINVAL (a NULL argument, thresholds out of 0-100 or amber
 *         above green), CARE_ENOMEM.
 */
CARE_API int care_report_to_html(char **out, const care_report *report,
                                 const care_html_options *opts);

/**
 * The manager's page for the people a set of report options selects.
 *
 * From `report_opts` it reads: as_of (required); the filters (unit, role,
 * staff_group, patient_facing, competency, manager, all_reports);
 * due_soon_days; min_cell (suppression of the compliance figures, the trend
 * and the outcomes); threads; progress. The period from–to is that of the
 * trend and of the outcomes: CARE_DATE_NONE for `from` means the day the
 * focus competency's requirement came into force (the mandate), or twelve
 * months before as_of when it has always been in force; for `to`, as_of.
 * The forecast runs from as_of to `target` (CARE_DATE_NONE: six months after
 * as_of) for `target_percent` (CARE_NONE: green_percent).
 *
 * The page: a summary card per competency with red-amber-green colouring;
 * the unit tree, indented, with every unit's roll-up; a bar chart of the
 * focus competency by unit; the trend as lines; the worklist of the overdue
 * and expiring with names, line managers and dates; the forecast with
 * places and cost; the complaint rates of trained and untrained staff with
 * the rate ratio and its confidence interval.
 *
 * @param out         receives the page, NUL-terminated; release it with care_free()
 * @param ds          a sealed dataset
 * @param report_opts as above
 * @param opts        the page's options, or NULL for the defaults
 * @return 0; CARE_EINVAL and CARE_ENOTFOUND as care_report_new() for the
 *         reports made with these options, or for bad page options;
 *         CARE_ENOMEM. The detail is in care_error_last().
 */
CARE_API int care_html_page(char **out, const care_dataset *ds,
                            const care_report_options *report_opts, const care_html_options *opts);

CARE_END_DECLS

#endif
