/*
 * The `care` program: shared command-line helpers.
 */
#ifndef CARE_CLI_H
#define CARE_CLI_H

#include <stdio.h>

#include <care.h>

/* Exit statuses of the program (docs/care.md). */
enum { EXIT_OK = 0, EXIT_FOUND_ERRORS = 1, EXIT_USAGE = 2 };

/* Parsed command line: FILE and --name value pairs. */
typedef struct cli_args {
	const char *command;
	const char *file;
	const char *second; /* convert's OUT, import-xapi's STATEMENTS */
	const char *names[32];
	const char *values[32]; /* NULL for a flag */
	int count;
} cli_args;

/*
 * Split argv (after the subcommand) into FILE and options. `flags` lists the
 * options without a value, `valued` those with one (both NULL-terminated,
 * names without "--"). Prints a usage error and returns -1 on a problem.
 */
int cli_parse(cli_args *out, const char *command, int argc, char **argv, const char *const *flags,
              const char *const *valued);

/* The value of --name, or NULL; cli_flag tells whether --name was given. */
const char *cli_value(const cli_args *a, const char *name);
int cli_flag(const cli_args *a, const char *name);

/* Report a usage error on stderr (one line, with the program name); returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/*
 * Report a usage error about the command line `a` on stderr, one line naming
 * the command and the dataset file (when given); returns EXIT_USAGE.
 */
int cli_error(const cli_args *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A date option: 0 and *out, or -1 after a usage error. Absent: *out = CARE_DATE_NONE. */
int cli_date(const cli_args *a, const char *name, care_date *out, int required);
/* A non-negative integer option within [min, max]. */
int cli_int(const cli_args *a, const char *name, int *out, int min, int max);

/*
 * Load FILE leniently with a progress bar on a terminal, say on stderr how
 * many records were rejected, and map failures to the program's exit statuses.
 * FILE is a dataset file, a folder of CSV files (read with the mapping file
 * `mapping` when not NULL) or a snapshot. Returns 0 and the dataset (and the
 * issues when `issues` is not NULL; none for a snapshot), or an exit status.
 */
int cli_load(care_dataset **out, care_issues **issues, const char *file, const char *mapping,
             int quiet);
/* Whether two paths name one existing file or folder (through links, or written differently). */
int cli_same_file(const char *a, const char *b);
/* Whether path is an existing folder. */
int cli_is_folder(const char *path);

/* A progress bar on stderr when it is a terminal; usable as the options' callback. */
void cli_progress(void *label, double done);
void cli_progress_end(void);

/* A text table with aligned columns, for people. */
typedef struct cli_table {
	int cols;
	const char *head[16];
	int right[16];       /* right-align this column (numbers) */
	char **cells;        /* rows * cols, owned (NULL in a rule) */
	unsigned char *rule; /* per row: 1 for a rule */
	size_t rows, cap;
	int failed;
} cli_table;

void table_init(cli_table *t, int cols, const char *const *head, const int *right);
/* Add a row of `cols` cells (copied, escaped by text_escape); a NULL cell prints as empty. */
void table_row(cli_table *t, const char *const *cells);
/* Add a rule (a line of dashes) between rows. */
void table_rule(cli_table *t);
/* Print the table. 0 or -1 (out of memory). */
int table_print(cli_table *t, FILE *out);
void table_free(cli_table *t);
/* Text from the data as a terminal should show it: control characters and
 * bytes that are not UTF-8 as \xNN, a backslash as \\. Caller frees; NULL when out of memory. */
char *text_escape(const char *s);

/* Text forms of figures: a count ("*" when suppressed), a rate as a
 * percentage ("-" when null), a date ("-" when none). buf: 32 bytes. */
const char *fmt_count(char *buf, int64_t n);
const char *fmt_rate(char *buf, double rate);
const char *fmt_date(char *buf, care_date d);

/* The subcommands. */
int cmd_validate(int argc, char **argv);
int cmd_report(const char *command, int argc, char **argv);
/* care html: the manager's page (cmd_html.c). */
int cmd_html(int argc, char **argv);
/* care convert and care import-xapi (cmd_convert.c). */
int cmd_convert(int argc, char **argv);
int cmd_import_xapi(int argc, char **argv);

#endif
