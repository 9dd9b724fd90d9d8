/*
 * One entry point for either form of a dataset: a file, or a folder of CSV files.
 */
#include <sys/stat.h>

#include "care.h"
#include "util/error.h"

int care_dataset_load_path(care_dataset **out, care_issues **issues, const char *path,
                           const care_csv_mapping *mapping, const care_load_options *opts)
{
	struct stat st;

	if (issues)
		*issues = NULL;
	if (out == NULL || path == NULL)
		return care__error(CARE_EINVAL, "care_dataset_load_path: bad argument");
	*out = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return care_dataset_load_csv(out, issues, path, mapping, opts);
	if (mapping != NULL)
		return care__error(CARE_EINVAL, "%s: a mapping applies to a folder of CSV files",
		                   path);
	return care_dataset_load_file(out, issues, path, opts);
}
