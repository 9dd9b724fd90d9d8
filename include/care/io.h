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
		CARE_LOAD_OPTIONS_VERSION, 0, NULL, NULL, CARE_LOAD_MAX_BYTES                       \
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
 * Open a snapshot written by care_dataset_save_snapshot(). The file is mapped and
 * each record copied once into a new dataset that does not depend on the file
 * afterwards; every size, offset, reference and checksum is checked first.
 *
 * @param out  receives the dataset, sealed, on 0; NULL otherwise. Release with
 *             care_dataset_free().
 * @param path the snapshot
 * @return 0; CARE_EIO when the file cannot be read; CARE_EFORMAT when it is not a
 *         snapshot, is of another version, is truncated or fails a check (the last
 *         error says which); CARE_EINVAL; CARE_ENOMEM.
 */
CARE_API int care_dataset_open_snapshot(care_dataset **out, const char *path);

CARE_END_DECLS

#endif
