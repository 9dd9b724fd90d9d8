/*
 * libcare — reading and writing the dataset file (docs/model.md#the-dataset-file).
 */
#ifndef CARE_IO_H
#define CARE_IO_H

#include "common.h"
#include "dataset.h"
#include "validate.h"

CARE_BEGIN_DECLS

/** Options for the loaders. Initialise with CARE_LOAD_OPTIONS_INIT. */
typedef struct care_load_options {
	unsigned int version; /**< CARE_LOAD_OPTIONS_VERSION */
	/**
	 * 0 (the default): lenient; records with errors are rejected and kept,
	 * the rest load. 1: strict; any error fails the whole load.
	 */
	int strict;
	/**
	 * Called now and then with the fraction of the file done (0 to 1), from
	 * the loading thread, for a progress bar; NULL for none.
	 */
	void (*progress)(void *data, double done);
	void *progress_data; /**< passed to progress */
	/* Version 2: */
	/**
	 * The largest file a loader reads, in bytes: CARE_LOAD_MAX_BYTES (16 GiB)
	 * by default; 0 for no limit. A larger file fails with CARE_EIO before
	 * anything is read. (Only regular files are read at all: a FIFO or a
	 * device is refused, so that a load can neither block nor run forever.)
	 */
	size_t max_bytes;
} care_load_options;

/** The default largest dataset file: 16 GiB (a national file is about 5 GB). */
#define CARE_LOAD_MAX_BYTES ((size_t)16 << 30)

#define CARE_LOAD_OPTIONS_VERSION 2
#define CARE_LOAD_OPTIONS_INIT                                                                     \
	{                                                                                          \
		CARE_LOAD_OPTIONS_VERSION, 0, NULL, NULL, CARE_LOAD_MAX_BYTES                      \
	}

/** Initialise options to the defaults. @return 0, or CARE_EINVAL. */
CARE_API int care_load_options_init(care_load_options *opts, unsigned int version);

/**
 * Load a dataset file.
 *
 * @param out    receives the dataset, sealed, on 0; NULL otherwise. Release
 *               with care_dataset_free().
 * @param issues if not NULL, receives every issue found (possibly none),
 *               whatever the result, except on CARE_EINVAL and CARE_ENOMEM
 *               when it is set to NULL. Release with care_issues_free().
 * @param path   the file
 * @param opts   NULL for the defaults
 * @return 0 (rejected records may have been set aside: see
 *         care_dataset_rejected_count()); CARE_EIO when the file cannot be
 *         read; CARE_ESYNTAX (one `syntax` issue with line and column);
 *         CARE_EFORMAT (one `format` issue); CARE_EINVALID in strict mode
 *         when any error was found; CARE_EINVAL; CARE_ENOMEM.
 */
CARE_API int care_dataset_load_file(care_dataset **out, care_issues **issues, const char *path,
                                    const care_load_options *opts);

/** As care_dataset_load_file(), from `len` bytes of memory (not copied). */
CARE_API int care_dataset_load_buffer(care_dataset **out, care_issues **issues, const char *data,
                                      size_t len, const care_load_options *opts);

/**
 * Write the dataset in the canonical form (docs/model.md#canonical-writing) (rejected records are
 * not written). The file is replaced atomically: the text is written to a
 * temporary file beside it, flushed to disk and renamed over `path`, so a
 * failure leaves any existing file untouched.
 * @return 0, CARE_EIO, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_save(const care_dataset *ds, const char *path);

/**
 * The canonical text that care_dataset_save() writes, NUL-terminated; *len
 * (if not NULL) receives its length. Release *out with care_free().
 * @return 0, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_dump(char **out, size_t *len, const care_dataset *ds);

/**
 * Write the records rejected by the load as a dataset file of their own (the
 * header of the original, then each rejected record exactly as it was
 * written, in its list), atomically as care_dataset_save() does.
 * @return 0, CARE_EIO, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_save_rejects(const care_dataset *ds, const char *path);

/** As care_dataset_save_rejects(), into memory; release *out with care_free(). */
CARE_API int care_dataset_dump_rejects(char **out, size_t *len, const care_dataset *ds);

/**
 * The text of rejected record `index` of `kind` exactly as it was written,
 * borrowed from the dataset (not NUL-terminated: *len gives its length).
 * NULL when out of range.
 */
CARE_API const char *care_dataset_rejected(const care_dataset *ds, care_kind kind, size_t index,
                                           size_t *len);

/* ---- snapshots (docs/snapshot.md) ---- */

/**
 * Write the dataset as a snapshot: a versioned binary file that
 * care_dataset_open_snapshot() opens without parsing, for a system that restarts
 * or an analyst who runs many reports on one extract. The dataset file (JSON)
 * stays the form for exchange; a snapshot is for the same library version family
 * on a little-endian machine. Rejected records are kept in it. The file is
 * replaced atomically, as care_dataset_save() does.
 * @return 0, CARE_EIO, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_save_snapshot(const care_dataset *ds, const char *path);

/**
 * Open a snapshot written by care_dataset_save_snapshot(). The file is mapped
 * (privately, read-only) and the dataset keeps the mapping until it is freed: most of
 * it is used where it lies rather than copied. The file may be replaced (as a save
 * does) or deleted meanwhile, not truncated or rewritten in place (docs/snapshot.md).
 * Every size, offset, reference and checksum is checked first.
 *
 * @param out  receives the dataset, sealed, on 0; NULL otherwise. Release with
 *             care_dataset_free().
 * @param path the snapshot
 * @return 0; CARE_EIO when the file cannot be read; CARE_EFORMAT when it is not a
 *         snapshot, is of another version, is truncated or fails a check (the last
 *         error says which); CARE_EINVAL; CARE_ENOMEM.
 */
CARE_API int care_dataset_open_snapshot(care_dataset **out, const char *path);

/* ---- the CSV form (docs/csv.md) ---- */

/**
 * A column mapping: how an export names its files and columns, writes its dates and spells
 * its values (docs/csv.md#mapping). Opaque; read-only once loaded, so one mapping may serve
 * loads on many threads at once.
 */
typedef struct care_csv_mapping care_csv_mapping;

/**
 * Read a mapping file (JSON, docs/csv.md#mapping).
 * @param out receives the mapping on 0, NULL otherwise; release with
 *            care_csv_mapping_free().
 * @return 0; CARE_EIO when the file cannot be read; CARE_EFORMAT when it is not a
 *         mapping (care_error_last() says why: a list, column or date format it does not
 *         know, a value of the wrong type); CARE_EINVAL; CARE_ENOMEM.
 */
CARE_API int care_csv_mapping_load(care_csv_mapping **out, const char *path);

/** As care_csv_mapping_load(), from `len` bytes of JSON text in memory. */
CARE_API int care_csv_mapping_parse(care_csv_mapping **out, const char *json, size_t len);

/** Release a mapping. Accepts NULL. */
CARE_API void care_csv_mapping_free(care_csv_mapping *mapping);

/**
 * Load the CSV form of a dataset: a folder of CSV files, one per list (docs/csv.md). Each
 * file is read in chunks; the result and the issues are those of the equivalent dataset file,
 * except that issues carry the file, line and column of the offending cell, and an unknown
 * column is one warning.
 *
 * @param out     receives the dataset, sealed, on 0; NULL otherwise. Release with
 *                care_dataset_free(). Its rejected records (care_dataset_rejected()) are
 *                kept as the JSON of their rows.
 * @param issues  as for care_dataset_load_file()
 * @param folder  the folder; absent files are empty lists
 * @param mapping NULL to read the files as the library writes them
 * @param opts    NULL for the defaults
 * @return 0; CARE_ESYNTAX (one `syntax` issue with file, line and column: a row with more
 *         or fewer cells than its header, a quote left open, a stray quote); CARE_EFORMAT
 *         (one `format` issue: a header that lacks a needed column or a column the mapping
 *         names, or names a column twice; a folder with none of the files); CARE_EIO;
 *         CARE_EINVALID in strict mode when any error was found; CARE_EINVAL; CARE_ENOMEM.
 *         Thread-safe for distinct outputs.
 */
CARE_API int care_dataset_load_csv(care_dataset **out, care_issues **issues, const char *folder,
                                   const care_csv_mapping *mapping, const care_load_options *opts);

/** One CSV file in memory, for care_dataset_load_csv_files(). */
typedef struct care_csv_file {
	const char *name; /**< its name ("staff.csv"); a folder part is ignored */
	const char *data; /**< its bytes (not copied), `len` of them */
	size_t len;
} care_csv_file;

/**
 * As care_dataset_load_csv(), from files in memory (a file not among them is absent).
 */
CARE_API int care_dataset_load_csv_files(care_dataset **out, care_issues **issues,
                                         const care_csv_file *files, size_t count,
                                         const care_csv_mapping *mapping,
                                         const care_load_options *opts);

/**
 * Load a dataset from a file (the dataset file) or a folder (its CSV form, read with
 * `mapping`, which must be NULL for a file).
 * @return as care_dataset_load_file() and care_dataset_load_csv().
 */
CARE_API int care_dataset_load_path(care_dataset **out, care_issues **issues, const char *path,
                                    const care_csv_mapping *mapping, const care_load_options *opts);

/**
 * Write the dataset's CSV form into `folder` (created if need be): all eleven files, every
 * column in its order, UTF-8, CRLF, cells quoted only when they must be and empty strings
 * always quoted. Each file is replaced atomically. Loading the folder gives the same
 * dataset, and its canonical dataset file is byte for byte the one care_dataset_save()
 * writes. Rejected records are not written.
 * @return 0, CARE_EIO, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_save_csv(const care_dataset *ds, const char *folder);

/**
 * Write the records rejected by the load as CSV files of the same names and columns in
 * `folder`, each row with a last column `issues` (the issues found on that row, one per
 * line), so that they can be fixed in a spreadsheet and loaded again. A rejected role or
 * person takes their rows of requirements.csv, assignments.csv and exemptions.csv along.
 * `issues` is the list the load gave (NULL leaves the column empty).
 * @return 0, CARE_EIO, CARE_EINVAL, CARE_ENOMEM.
 */
CARE_API int care_dataset_save_rejects_csv(const care_dataset *ds, const care_issues *issues,
                                           const char *folder);

/* ---- xAPI statements (docs/xapi.md) ---- */

/** What an import of xAPI statements did. Clear with care_xapi_result_clear(). */
typedef struct care_xapi_result {
	size_t added;    /**< completions added */
	size_t present;  /**< statements whose id was already a completion's (none added) */
	size_t removed;  /**< completions removed by voiding statements */
	size_t skipped;  /**< statements of other verbs, and voids without a target */
	size_t rejected; /**< statements not imported, with issues */
	/** The rejected statements, whole, as a JSON array (NUL-terminated); owned. */
	char *rejects;
	size_t rejects_len;
} care_xapi_result;

/**
 * Import xAPI statements (a JSON array, or one statement per line) into ds as completions
 * (docs/xapi.md). Voiding statements are applied after the others. ds may be sealed or not;
 * it is sealed again on return. On CARE_ESYNTAX ds is unchanged; on CARE_ENOMEM some
 * statements may have been imported (import again: those are then already present).
 *
 * @param result  receives the counts and the rejects; clear with care_xapi_result_clear()
 * @param issues  if not NULL, receives the issues (kind `completion`, `index` the
 *                statement's 0-based position among all statements; a line of
 *                one-per-line input that is not JSON is a `syntax` issue with its line)
 * @return 0 (some statements may have been rejected: see result->rejected); CARE_ESYNTAX
 *         when the text is neither a JSON array nor statements one per line (one `syntax`
 *         issue); CARE_EINVAL; CARE_ENOMEM. Not thread-safe for ds.
 */
CARE_API int care_dataset_import_xapi(care_dataset *ds, care_xapi_result *result,
                                      care_issues **issues, const char *text, size_t len);

/** Release what a result holds and zero it. Accepts NULL. */
CARE_API void care_xapi_result_clear(care_xapi_result *result);

CARE_END_DECLS

#endif
