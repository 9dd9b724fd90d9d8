/*
 * A program that uses libcare as an outside project would: only the installed headers and
 * library. tests/consumer/run.sh builds it through pkg-config and through the CMake package.
 */
#include <care.h>

#include <stdio.h>
#include <string.h>

static const char dataset[] = "{\"format\": \"libcare-dataset\", \"version\": 1,"
                              " \"units\": [{\"id\": \"U1\", \"name\": \"Outpatients\"}]}";

int main(void)
{
	int number = 0;
	const char *version = care_version(&number);
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	int rc;

	if (number != CARE_VERSION_NUMBER || strcmp(version, CARE_VERSION_STRING) != 0) {
		fprintf(stderr, "headers are %s (%d), library is %s (%d)\n", CARE_VERSION_STRING,
		        CARE_VERSION_NUMBER, version, number);
		return 1;
	}
	printf("libcare %s\n", version);

	rc = care_dataset_load_buffer(&ds, &issues, dataset, strlen(dataset), NULL);
	if (rc != 0) {
		fprintf(stderr, "load: %s: %s\n", care_strerror(rc), care_error_last());
		care_issues_free(issues);
		return 1;
	}
	printf("units %zu, issues %zu\n", care_dataset_count(ds, CARE_KIND_UNIT),
	       care_issues_count(issues));
	care_issues_free(issues);
	care_dataset_free(ds);
	return 0;
}
