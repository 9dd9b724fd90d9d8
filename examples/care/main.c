/*
 * care — the command-line program of libcare: validates a dataset file and
 * prints every report of SPEC 5 (see `care help` and SPEC 6.1).
 */
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: care COMMAND FILE [OPTIONS]\n"
    "\n"
    "  care validate   FILE [--strict] [--rejects OUT] [--format text|json]\n"
    "  care report     FILE --as-of D [--by unit|role|staff-group|competency] [FILTERS]\n"
    "                       [--due-soon-days N] [--min-cell K] [--format text|json|csv]\n"
    "  care trend      FILE --from D --to D [FILTERS] [--min-cell K] [--format text|json|csv]\n"
    "  care staff      FILE --as-of D [FILTERS] [--status S] [--competency C]\n"
    "                       [--format text|json|csv]\n"
    "  care outcomes   FILE --competency C --from D --to D [--min-cell K] [--format text|json]\n"
    "  care complaints FILE --from D --to D [--min-cell K] [--format text|json]\n"
    "  care forecast   FILE --as-of D --target T [--target-percent P] [FILTERS]\n"
    "                       [--format text|json|csv]\n"
    "  FILTERS: --unit ID  --role ID  --staff-group G  --patient-facing\n"
    "\n"
    "Dates are YYYY-MM-DD. Exit status: 0 success; 1 validate found errors;\n"
    "2 a usage error, an unreadable file, or a file that is not a libcare dataset.\n";

int main(int argc, char **argv)
{
	const char *command = argc > 1 ? argv[1] : NULL;

	if (command == NULL) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(command, "help") == 0 || strcmp(command, "--help") == 0 ||
	    strcmp(command, "-h") == 0) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (strcmp(command, "--version") == 0 || strcmp(command, "version") == 0) {
		printf("care (libcare) %s\n", care_version(NULL));
		return EXIT_OK;
	}
	if (strcmp(command, "validate") == 0)
		return cmd_validate(argc - 2, argv + 2);
	if (strcmp(command, "report") == 0 || strcmp(command, "trend") == 0 ||
	    strcmp(command, "staff") == 0 || strcmp(command, "outcomes") == 0 ||
	    strcmp(command, "complaints") == 0 || strcmp(command, "forecast") == 0)
		return cmd_report(command, argc - 2, argv + 2);
	return cli_usage_error("unknown command '%s'", command);
}
