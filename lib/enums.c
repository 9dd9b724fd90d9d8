/*
 * The closed enumerations of SPEC 3.1 and their spellings.
 */
#include <string.h>

#include "internal.h"

static const char *const kinds[] = {"dataset", "unit",       "role",        "module",
                                    "staff",   "completion", "interaction", "complaint"};
static const char *const staff_groups[] = {"add-prof-scientific-technical",
                                           "additional-clinical-services",
                                           "admin-clerical",
                                           "allied-health-professionals",
                                           "estates-ancillary",
                                           "healthcare-scientists",
                                           "medical-dental",
                                           "nursing-midwifery",
                                           "students"};
static const char *const deliveries[] = {"e-learning", "workshop", "virtual", "blended", "other"};
static const char *const completion_outcomes[] = {"completed", "passed", "failed"};
static const char *const channels[] = {"phone",   "in-person", "letter", "email", "sms",
                                       "nhs-app", "video",     "web",    "other"};
static const char *const interaction_kinds[] = {"booking",
                                                "rescheduling",
                                                "cancellation",
                                                "enquiry",
                                                "waiting-list-validation",
                                                "transport-booking",
                                                "referral-management",
                                                "other"};
static const char *const interaction_outcomes[] = {"resolved", "escalated", "unresolved"};
static const char *const subjects[] = {"access-to-treatment",  "admissions-discharge-transfers",
                                       "appointments",         "clinical-treatment",
                                       "commissioning",        "communications",
                                       "complaints-handling",  "consent",
                                       "end-of-life-care",     "facilities",
                                       "integrated-care",      "patient-care",
                                       "prescribing",          "privacy-dignity-wellbeing",
                                       "staff-numbers",        "transport",
                                       "trust-administration", "values-and-behaviours",
                                       "waiting-times",        "other"};
static const char *const complaint_outcomes[] = {"upheld", "partially-upheld", "not-upheld",
                                                 "withdrawn"};

#define TABLE(t)                                                                                   \
	{                                                                                          \
		t, sizeof t / sizeof t[0]                                                          \
	}
static const struct {
	const char *const *names;
	int count;
} tables[] = {
    TABLE(kinds),
    TABLE(staff_groups),
    TABLE(deliveries),
    TABLE(completion_outcomes),
    TABLE(channels),
    TABLE(interaction_kinds),
    TABLE(interaction_outcomes),
    TABLE(subjects),
    TABLE(complaint_outcomes),
};

int care_enum_count(care_enum type)
{
	if ((unsigned)type >= sizeof tables / sizeof tables[0])
		return 0;
	return tables[type].count;
}

const char *care_enum_name(care_enum type, int value)
{
	if (value < 0 || value >= care_enum_count(type))
		return NULL;
	return tables[type].names[value];
}

int care_enum_parse(care_enum type, const char *text, size_t len)
{
	int i, n = care_enum_count(type);

	if (text == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = tables[type].names[i];
		if (strlen(name) == len && memcmp(name, text, len) == 0)
			return i;
	}
	return -1;
}
