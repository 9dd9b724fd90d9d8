/*
 * The faulty sample (synth_faulty_text): the sample trust with 40 staff and
 * deliberate faults added to its JSON text. It uses the generator only
 * through synth.h.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "synth.h"

/*
 * Each fault: the list it goes in and the record as JSON; the comment says
 * what it breaks. docs/sample-data.md lists them for people.
 */
static const struct {
	const char *list, *json;
} faults[] = {
    /* unit-cycle (two units), then a unit below the cycle: dangling-ref */
    {"units", "{\"id\":\"LOOP-A\",\"name\":\"Loop A\",\"parent\":\"LOOP-B\"}"},
    {"units", "{\"id\":\"LOOP-B\",\"name\":\"Loop B\",\"parent\":\"LOOP-A\"}"},
    {"units", "{\"id\":\"UNDER-LOOP\",\"name\":\"Under the loop\",\"parent\":\"LOOP-A\"}"},
    /* duplicate-id, bad-id, type, unknown-field */
    {"units", "{\"id\":\"OPS\",\"name\":\"Operations again\"}"},
    {"units", "{\"id\":\"bad id!\",\"name\":\"Spaces are not allowed\"}"},
    {"units", "{\"id\":\"U-TYPE\",\"name\":42,\"colour\":\"blue\"}"},
    /* duplicate-requirement (the first entry has no end, so it overlaps the second),
     * date-order (a requirement in force to a day before its start), out-of-range, bad-enum */
    {"roles", "{\"id\":\"TWICE\",\"title\":\"Listed twice\",\"staff_group\":\"admin-clerical\","
              "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":"
              "\"customer-care\",\"due_within_days\":90,\"from\":\"2025-04-01\"},"
              "{\"competency\":\"customer-care\",\"due_within_days\":30,"
              "\"from\":\"2025-10-01\"}]}"},
    {"roles", "{\"id\":\"BACKWARDS\",\"title\":\"Ends before it starts\",\"staff_group\":"
              "\"admin-clerical\",\"patient_facing\":true,\"clinical\":false,\"requirements\":"
              "[{\"competency\":\"customer-care\",\"due_within_days\":90,\"from\":"
              "\"2025-10-01\",\"to\":\"2025-03-31\"}]}"},
    {"roles", "{\"id\":\"LATE\",\"title\":\"Too long to comply\",\"staff_group\":\"clerks\","
              "\"patient_facing\":true,\"clinical\":false,\"requirements\":[{\"competency\":"
              "\"customer-care\",\"due_within_days\":4000}]}"},
    /* required (no title), out-of-range validity */
    {"modules", "{\"id\":\"NO-TITLE\",\"validity_months\":601,\"delivery\":\"e-learning\"}"},
    /* bad-date */
    {"staff", "{\"id\":\"X-BADDATE\",\"started_on\":\"2025-02-30\",\"assignments\":[]}"},
    /* date-order (left before the start); its assignment lies outside employment */
    {"staff", "{\"id\":\"X-ORDER\",\"started_on\":\"2024-05-01\",\"left_on\":\"2024-04-30\","
              "\"assignments\":[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-05-01\"}]}"},
    /* warnings only, so the record loads: outside-employment, overlapping-assignment,
     * after-extract */
    {"staff",
     "{\"id\":\"X-WARN\",\"started_on\":\"2023-01-09\",\"assignments\":["
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2022-12-01\"},"
     "{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2023-06-01\",\"to\":\"2023-12-31\"},"
     "{\"role\":\"BOOK\",\"unit\":\"PA-CBS\",\"from\":\"2026-05-01\"}]}"},
    /* unknown-manager (warnings; the record loads): a manager outside the extract, and
     * one whose own record is rejected */
    {"staff", "{\"id\":\"X-AWAY\",\"name\":\"Robin Farfield\",\"started_on\":\"2024-01-08\","
              "\"assignments\":[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-01-08\","
              "\"manager\":\"S999999\"},{\"role\":\"BOOK\",\"unit\":\"PA-CBS\",\"from\":"
              "\"2024-06-03\",\"manager\":\"X-BADDATE\"}]}"},
    /* a name that is not text (type); a malformed manager id (bad-id) */
    {"staff", "{\"id\":\"X-BADMGR\",\"name\":42,\"started_on\":\"2024-01-08\",\"assignments\":"
              "[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-01-08\","
              "\"manager\":\"line manager\"}]}"},
    /* dangling-ref to a rejected role */
    {"staff", "{\"id\":\"X-REJROLE\",\"started_on\":\"2024-01-08\",\"assignments\":["
              "{\"role\":\"TWICE\",\"unit\":\"PA-CBS\",\"from\":\"2024-01-08\"}]}"},
    /* score-below-pass-mark; a completion of a rejected person (dangling-ref) */
    {"completions", "{\"id\":\"X-LOWSCORE\",\"staff\":\"S000001\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":61}"},
    {"completions", "{\"staff\":\"X-REJROLE\",\"module\":\"CC-ELEARN\","
                    "\"completed_on\":\"2025-06-02\",\"outcome\":\"passed\",\"score\":91}"},
    /* looks-like-nhs-number; a bad timestamp and a bad channel */
    {"interactions", "{\"id\":\"X-NHSNO\",\"staff\":\"S000001\",\"at\":\"2026-01-12T10:00:00Z\","
                     "\"channel\":\"phone\",\"kind\":\"booking\",\"outcome\":\"resolved\","
                     "\"patient_ref\":\"9434765919\"}"},
    {"interactions", "{\"id\":\"X-BADTIME\",\"staff\":\"S000001\",\"at\":\"2026-01-12 10:00\","
                     "\"channel\":\"fax\",\"kind\":\"booking\",\"outcome\":\"resolved\"}"},
    /* required (closed without outcome); date-order and required (empty subjects);
     * dangling-refs to a rejected person, to nobody and to a rejected contact */
    {"complaints", "{\"id\":\"X-NOOUTCOME\",\"received_on\":\"2026-01-05\",\"closed_on\":"
                   "\"2026-02-01\",\"subjects\":[\"communications\"]}"},
    {"complaints", "{\"id\":\"X-EARLYACK\",\"received_on\":\"2026-01-05\",\"acknowledged_on\":"
                   "\"2026-01-02\",\"subjects\":[]}"},
    {"complaints", "{\"id\":\"X-GHOSTS\",\"received_on\":\"2026-01-05\",\"subjects\":"
                   "[\"waiting-times\"],\"staff\":[\"X-REJROLE\",\"NOBODY\"],"
                   "\"interaction\":\"X-NHSNO\"}"},
};

char *synth_faulty_text(uint64_t seed)
{
	synth_options o;
	care_dataset *ds = NULL;
	char *text = NULL, *out = NULL, long_text[1101];
	cJSON *root = NULL, *rec;
	size_t i;

	synth_options_sample(&o);
	o.seed = seed;
	o.staff = 40;
	if (care_dataset_new(&ds) != 0 || synth_build(ds, &o) != 0 ||
	    care_dataset_dump(&text, NULL, ds) != 0)
		goto done;
	root = cJSON_Parse(text);
	if (root == NULL)
		goto done;
	for (i = 0; i < sizeof faults / sizeof faults[0]; i++) {
		rec = cJSON_Parse(faults[i].json);
		if (rec == NULL)
			goto done;
		cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, faults[i].list), rec);
	}
	/* bad-text: a name that is not UTF-8 (cJSON writes the byte as it is)... */
	rec = cJSON_CreateObject();
	if (rec == NULL)
		goto done;
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "units"), rec);
	cJSON_AddStringToObject(rec, "id", "BAD-UTF8");
	cJSON_AddStringToObject(rec, "name", "Caf\xe9 (Latin-1, not UTF-8)");
	/* ...and an exemption reason over 1024 bytes. */
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	rec = cJSON_Parse(
	    "{\"id\":\"X-LONGREASON\",\"started_on\":\"2024-01-08\",\"assignments\":"
	    "[{\"role\":\"REC\",\"unit\":\"OP-MAIN\",\"from\":\"2024-01-08\"}],"
	    "\"exemptions\":[{\"competency\":\"customer-care\",\"from\":\"2024-02-01\"}]}");
	if (rec == NULL)
		goto done;
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(root, "staff"), rec);
	cJSON_AddStringToObject(
	    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(rec, "exemptions"), 0), "reason",
	    long_text);
	out = cJSON_Print(root);
done:
	cJSON_Delete(root);
	care_free(text);
	care_dataset_free(ds);
	return out;
}
