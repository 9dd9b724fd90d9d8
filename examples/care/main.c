/*
 * care — the command-line program of libcare: validates a dataset file and
 * prints every report of docs/reports.md (see `care help` and docs/care.md).
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: care COMMAND FILE [OPTIONS]\n"
    "\n"
    "  care validate   FILE [--strict] [--rejects OUT] [--format text|json]\n"
    "  care report     FILE --as-of D [--by "
    "unit|role|staff-group|competency|manager|organisation]\n"
    "                       [FILTERS] [--due-soon-days N] [--min-cell K] [--format text|json|csv]\n"
    "  care trend      FILE --from D --to D [FILTERS] [--min-cell K] [--format text|json|csv]\n"
    "  care staff      FILE --as-of D [FILTERS] [--status S|expiring] [--due-soon-days N]\n"
    "                       [--format text|json|csv]\n"
    "  care outcomes   FILE --competency C --from D --to D [--min-cell K] [--format text|json]\n"
    "  care complaints FILE --from D --to D [--min-cell K] [--format text|json]\n"
    "  care forecast   FILE --as-of D --target T [--target-percent P] [FILTERS]\n"
    "                       [--format text|json|csv]\n"
    "  care html       FILE --as-of D [FILTERS] [--from D --to D] [--target T]\n"
    "                       [--target-percent P] --out PAGE.html\n"
    "  care convert    IN OUT [--rejects R]    (OUT: a folder/ for CSV, .json, .care)\n"
    "  care import-xapi DATASET STATEMENTS --out NEW [--rejects R]\n"
    "\n"
    "  FILE, IN, DATASET: a dataset file (.json), a folder of CSV files (with\n"
    "  --mapping MAP for an export whose columns need mapping) or a snapshot (.care).\n"
    "\n"
    "  FILTERS (report, trend, staff, forecast):\n"
    "    --unit ID          only assignments in this unit or below it\n"
    "    --role ID          only assignments to this role\n"
    "    --staff-group G    only roles of this ESR staff group\n"
    "    --patient-facing   only patient-facing roles\n"
    "    --competency C     only the requirements of competency C\n"
    "    --manager ID       only assignments whose line manager is ID\n"
    "    --all-reports      with --manager: everyone in the line below ID\n"
    "\n"
    "`care help COMMAND` lists the options of one command.\n"
    "Dates are YYYY-MM-DD. Exit status: 0 success; 1 validate found errors;\n"
    "2 a usage error, an unreadable file, or a file that is not a libcare dataset.\n";

/* Every option, one line each, with the commands that take it (space-separated). */
static const struct {
	const char *commands, *option, *text;
} options[] = {
    {" report staff forecast html ", "--as-of D", "the date of the report (required)"},
    {" html ", "--out PAGE", "write the page to PAGE (- for standard output; required)"},
    {" html ", "--from D / --to D", "the trend and outcomes period (default: since the mandate)"},
    {" html ", "--target T", "the forecast's target date (default: six months after --as-of)"},
    {" html ", "--focus C", "the competency of the unit chart and the complaints comparison"},
    {" html ", "--green P / --amber P", "the rates shown green and amber (default 95, 80)"},
    {" html ", "--worklist-limit N", "the most rows of the worklist (default 1000)"},
    {" html ", "--title TEXT", "the page's title"},
    {" trend outcomes complaints ", "--from D", "the first day of the period (required)"},
    {" trend outcomes complaints ", "--to D", "the last day of the period (required)"},
    {" forecast ", "--target T", "the target date, after --as-of (required)"},
    {" forecast html ", "--target-percent P", "the target percentage, 0 to 100"},
    {" report ", "--by G", "group by unit, role, staff-group, competency, manager or organisation"},
    {" report trend staff forecast html ", "--unit ID",
     "only assignments in this unit or below it"},
    {" report trend staff forecast html ", "--role ID", "only assignments to this role"},
    {" report trend staff forecast html ", "--staff-group G", "only roles of this ESR staff group"},
    {" report trend staff forecast html ", "--patient-facing", "only patient-facing roles"},
    {" report trend staff forecast html ", "--competency C",
     "only the requirements of competency C"},
    {" outcomes ", "--competency C", "the competency studied (required)"},
    {" report trend staff forecast html ", "--manager ID",
     "only assignments whose line manager is ID"},
    {" report trend staff forecast html ", "--all-reports",
     "with --manager: everyone in the line below ID"},
    {" staff ", "--status S", "keep one status: exempt, compliant, not-due, overdue, or expiring"},
    {" report staff html ", "--due-soon-days N",
     "the window of \"expiring\", 0 to 3650 (default 30)"},
    {" report trend outcomes complaints html ", "--min-cell K",
     "show counts from 1 to K-1 as suppressed"},
    {" validate ", "--strict", "count warnings as errors for the exit status"},
    {" validate convert import-xapi ", "--rejects OUT",
     "write the rejected records to OUT (CSV files for a CSV input)"},
    {" validate report trend staff outcomes complaints forecast html convert import-xapi ",
     "--mapping MAP", "read a folder of CSV files with the column mapping MAP"},
    {" import-xapi ", "--out NEW", "write the dataset with the statements' completions to NEW"},
    {" validate outcomes complaints ", "--format F", "text (the default) or json"},
    {" report trend staff forecast ", "--format F", "text (the default), json or csv"},
};

/* `care help COMMAND`: the command's line of the summary, then its options. */
static int command_help(const char *command)
{
	char word[24];
	const char *line;
	size_t i;

	snprintf(word, sizeof word, "  care %s ", command);
	line = strlen(command) < 12 ? strstr(usage, word) : NULL;
	if (line == NULL)
		return cli_usage_error("help: unknown command '%s'", command);
	/* The command's summary line and its continuation lines. */
	do {
		const char *end = strchr(line, '\n');
		printf("%.*s\n", (int)(end - line), line);
		line = end + 1;
	} while (strncmp(line, "                       ", 23) == 0);
	puts("\noptions:");
	snprintf(word, sizeof word, " %s ", command);
	for (i = 0; i < sizeof options / sizeof options[0]; i++)
		if (strstr(options[i].commands, word))
			printf("  %-20s %s\n", options[i].option, options[i].text);
	return EXIT_OK;
}

static int is_help(const char *arg)
{
	return strcmp(arg, "help") == 0 || strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int main(int argc, char **argv)
{
	const char *command = argc > 1 ? argv[1] : NULL;
	int i;

	if (command == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (is_help(command)) {
		if (argc > 2)
			return command_help(argv[2]);
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(command, "--version") == 0 || strcmp(command, "version") == 0) {
		printf("care (libcare) %s\n", care_version(NULL));
		return EXIT_OK;
	}
	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return command_help(command);
	if (strcmp(command, "validate") == 0)
		return cmd_validate(argc - 2, argv + 2);
	if (strcmp(command, "report") == 0 || strcmp(command, "trend") == 0 ||
	    strcmp(command, "staff") == 0 || strcmp(command, "outcomes") == 0 ||
	    strcmp(command, "complaints") == 0 || strcmp(command, "forecast") == 0)
		return cmd_report(command, argc - 2, argv + 2);
	if (strcmp(command, "html") == 0)
		return cmd_html(argc - 2, argv + 2);
	if (strcmp(command, "convert") == 0)
		return cmd_convert(argc - 2, argv + 2);
	if (strcmp(command, "import-xapi") == 0)
		return cmd_import_xapi(argc - 2, argv + 2);
	return cli_usage_error("unknown command '%s'", command);
}
