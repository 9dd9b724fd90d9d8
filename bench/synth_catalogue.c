/*
 * The catalogue of the synthetic trust: its units, roles and modules, and the
 * tables the generator draws people's records from (see synth_internal.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "synth_internal.h"

/* Each table has the length its count says (the other files see only the count). */
#define SYNTH_COUNTED(table, count)                                                                \
	_Static_assert(sizeof table / sizeof table[0] == (size_t)(count),                          \
	               #table " has " #count " entries")

/* ---- the fixed parts: units, roles, modules ---- */

const synth_unit synth_units[] = {
    {"OPS", "Operations", NULL},
    {"PA", "Patient Access", "OPS"},
    {"PA-CBS", "Central Booking Service", "PA"},
    {"PA-RMC", "Referral Management Centre", "PA"},
    {"PA-WLV", "Waiting List Validation", "PA"},
    {"OP", "Outpatients", "OPS"},
    {"OP-MAIN", "Main Outpatients Reception, General Hospital", "OP"},
    {"OP-EYE", "Eye Clinic Reception, General Hospital", "OP"},
    {"OP-CH", "Outpatients Reception, Community Hospital", "OP"},
    {"EA", "Elective Admissions", "OPS"},
    {"EA-ADM", "Admissions Office", "EA"},
    {"PT", "Patient Transport", "OPS"},
    {"PT-BOOK", "Transport Booking Desk", "PT"},
    {"MR", "Medical Records", "OPS"},
    {"MR-LIB", "Records Library", "MR"},
    {"MR-SEC", "Medical Secretaries", "MR"},
    {"SURG", "Surgery", NULL},
    {"SURG-DSU", "Day Surgery Unit", "SURG"},
};
SYNTH_COUNTED(synth_units, SYNTH_UNIT_COUNT);

static const care_requirement req_rec[] = {
    {"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE}, {"difficult-conversations", 180, CARE_DATE_NONE, CARE_DATE_NONE}, {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_book[] = {{"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE},
                                            {"difficult-conversations", 180, CARE_DATE_NONE, CARE_DATE_NONE},
                                            {"ers-booking", 60, CARE_DATE_NONE, CARE_DATE_NONE},
                                            {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_pac[] = {{"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE},
                                           {"difficult-conversations", 180, CARE_DATE_NONE, CARE_DATE_NONE},
                                           {"complaints-handling", 180, CARE_DATE_NONE, CARE_DATE_NONE},
                                           {"ers-booking", 60, CARE_DATE_NONE, CARE_DATE_NONE},
                                           {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_wlv[] = {
    {"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE}, {"ers-booking", 60, CARE_DATE_NONE, CARE_DATE_NONE}, {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_trans[] = {
    {"customer-care", 90, CARE_DATE_NONE, CARE_DATE_NONE}, {"difficult-conversations", 180, CARE_DATE_NONE, CARE_DATE_NONE}, {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_medsec[] = {{"customer-care", 120, CARE_DATE_NONE, CARE_DATE_NONE},
                                              {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_tl[] = {{"customer-care", 60, CARE_DATE_NONE, CARE_DATE_NONE},
                                          {"difficult-conversations", 120, CARE_DATE_NONE, CARE_DATE_NONE},
                                          {"complaints-handling", 90, CARE_DATE_NONE, CARE_DATE_NONE},
                                          {"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};
static const care_requirement req_ig[] = {{"information-governance", 30, CARE_DATE_NONE, CARE_DATE_NONE}};

/* The roles (synth_internal.h says what the numbers are). */
const synth_role synth_roles[] = {
    /* One role in two lines: the role; its units, weight, contacts, kinds and channels. */
    /* clang-format off */
    {{"REC", "Receptionist", CARE_SG_ADMIN_CLERICAL, 1, 0, req_rec, 3},
     {6, 7, 8, 10}, 24, 1.3, {30, 15, 8, 40, 0, 0, 0, 7}, {25, 65, 0, 3, 0, 2, 0, 3, 2}},
    {{"BOOK", "Booking Clerk", CARE_SG_ADMIN_CLERICAL, 1, 0, req_book, 4},
     {2, 2, 2, 6}, 20, 1.2, {45, 25, 15, 10, 0, 0, 0, 5}, {60, 5, 10, 10, 5, 5, 0, 4, 1}},
    {{"PAC", "Patient Access Coordinator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_pac, 5},
     {3, 3, 2, 10}, 10, 1.0, {20, 10, 5, 15, 5, 0, 40, 5}, {55, 5, 5, 25, 0, 3, 2, 4, 1}},
    {{"WLV", "Waiting List Validator", CARE_SG_ADMIN_CLERICAL, 1, 0, req_wlv, 3},
     {4, 4, 4, 4}, 9, 1.0, {5, 5, 10, 5, 70, 0, 0, 5}, {45, 0, 25, 5, 15, 8, 0, 2, 0}},
    {{"TRANS", "Patient Transport Booker", CARE_SG_ADMIN_CLERICAL, 1, 0, req_trans, 3},
     {12, 12, 12, 12}, 7, 1.0, {0, 0, 10, 10, 0, 75, 0, 5}, {85, 5, 0, 5, 0, 0, 0, 3, 2}},
    {{"MEDSEC", "Medical Secretary", CARE_SG_ADMIN_CLERICAL, 1, 0, req_medsec, 2},
     {15, 15, 15, 14}, 12, 0.7, {10, 25, 10, 45, 0, 0, 5, 5}, {55, 0, 20, 20, 0, 0, 0, 3, 2}},
    {{"TL", "Patient Access Team Leader", CARE_SG_ADMIN_CLERICAL, 1, 0, req_tl, 4},
     {1, 5, 9, 11}, 6, 0.4, {10, 10, 5, 50, 0, 0, 5, 20}, {50, 30, 0, 15, 0, 0, 2, 0, 3}},
    {{"NURSE", "Staff Nurse (Day Surgery)", CARE_SG_NURSING_MIDWIFERY, 1, 1, req_ig, 1},
     {17, 17, 17, 17}, 6, 0.2, {5, 0, 0, 40, 0, 0, 0, 55}, {40, 50, 0, 0, 0, 0, 10, 0, 0}},
    {{"ANALYST", "Performance Analyst", CARE_SG_ADMIN_CLERICAL, 0, 0, req_ig, 1},
     {1, 13, 1, 13}, 4, 0, {0, 0, 0, 0, 0, 0, 0, 1}, {1, 0, 0, 0, 0, 0, 0, 0, 0}},
    /* clang-format on */
};
SYNTH_COUNTED(synth_roles, SYNTH_ROLE_COUNT);

const char *const synth_competencies[] = {"customer-care", "difficult-conversations",
                                          "complaints-handling", "ers-booking",
                                          "information-governance"};
SYNTH_COUNTED(synth_competencies, SYNTH_COMPETENCY_COUNT);

/* The modules, each with its lag after the programme start. */
const synth_module synth_modules[] = {
    {{"CC-ELEARN", "Customer care in elective services (e-learning)", "customer-care", 36,
      CARE_DELIVERY_E_LEARNING, 45, 80, CARE_NONE, "NHS England e-Learning for Healthcare",
      "https://www.e-lfh.org.uk/xapi/activities/customer-care-elective"},
     56},
    {{"CC-WORKSHOP", "Customer care workshop (90 minutes)", "customer-care", 36,
      CARE_DELIVERY_WORKSHOP, 90, NAN, 4500, "Trust Learning and Development", NULL},
     0},
    {{"DC-WORKSHOP", "Handling difficult conversations with compassion", "difficult-conversations",
      24, CARE_DELIVERY_BLENDED, 180, NAN, 6000, "Trust Learning and Development", NULL},
     0},
    {{"CH-ELEARN", "Dealing with complaints (e-learning)", "complaints-handling", 24,
      CARE_DELIVERY_E_LEARNING, 40, 75, CARE_NONE, "NHS England e-Learning for Healthcare",
      "https://www.e-lfh.org.uk/xapi/activities/complaints-handling"},
     56},
    {{"ERS-ELEARN", "e-Referral Service: referral, booking and waiting-list management",
      "ers-booking", 0, CARE_DELIVERY_E_LEARNING, 60, 70, CARE_NONE, "NHS England",
      "https://digital.nhs.uk/xapi/activities/e-rs-training"},
     -1},
    {{"IG-ELEARN", "Data security awareness", "information-governance", 12,
      CARE_DELIVERY_E_LEARNING, 30, 80, 0, "NHS England e-Learning for Healthcare", NULL},
     -1},
};
SYNTH_COUNTED(synth_modules, SYNTH_MODULE_COUNT);

const char *const synth_exemption_reasons[] = {"long-term sickness", "maternity leave",
                                               "secondment outside patient-facing work",
                                               "phased return after illness"};
SYNTH_COUNTED(synth_exemption_reasons, SYNTH_EXEMPTION_REASON_COUNT);

/* Treatment function codes, the commoner first. */
const int synth_specialties[] = {130, 110, 502, 100, 101, 120, 300, 320, 330, 140, 800, 191};
const int synth_specialty_weights[] = {14, 16, 10, 9, 7, 8, 7, 6, 6, 5, 3, 3};
SYNTH_COUNTED(synth_specialties, SYNTH_SPECIALTY_COUNT);
SYNTH_COUNTED(synth_specialty_weights, SYNTH_SPECIALTY_COUNT);

/* ---- adding them ---- */

/* A unit's id: prefixed with its trust's number when there are several. */
void synth_unit_id(char *out, size_t size, size_t trust, const char *id, size_t trusts)
{
	if (trusts > 1)
		snprintf(out, size, "R%03zu-%s", trust, id);
	else
		snprintf(out, size, "%s", id);
}

/* The first day module m could be taken. */
care_date synth_module_available(const gen *g, size_t m)
{
	if (synth_modules[m].lag < 0 || g->o->programme_start == CARE_DATE_NONE)
		return CARE_DATE_MIN;
	return g->o->programme_start + synth_modules[m].lag;
}

int synth_add_catalogue(gen *g)
{
	const synth_options *o = g->o;
	size_t t, i;
	char id[64], parent[64], name[160];
	care_issues *issues = NULL;
	int rc;

	for (t = 0; t < o->trusts; t++) {
		for (i = 0; i < SYNTH_UNIT_COUNT; i++) {
			care_unit u;
			synth_unit_id(id, sizeof id, t, synth_units[i].id, o->trusts);
			if (synth_units[i].parent)
				synth_unit_id(parent, sizeof parent, t, synth_units[i].parent,
				              o->trusts);
			if (o->trusts > 1)
				snprintf(name, sizeof name, "%s (trust %03zu)", synth_units[i].name,
				         t);
			else
				snprintf(name, sizeof name, "%s", synth_units[i].name);
			u.id = id;
			u.name = name;
			u.parent = synth_units[i].parent ? parent : NULL;
			rc = care_dataset_add_unit(g->ds, &u, &issues);
			if (synth_added(g, rc, issues, "unit", id) != 0)
				return rc;
		}
	}
	for (i = 0; i < SYNTH_ROLE_COUNT; i++) {
		rc = care_dataset_add_role(g->ds, &synth_roles[i].role, &issues);
		if (synth_added(g, rc, issues, "role", synth_roles[i].role.id) != 0)
			return rc;
	}
	for (i = 0; i < SYNTH_MODULE_COUNT; i++) {
		rc = care_dataset_add_module(g->ds, &synth_modules[i].module, &issues);
		if (synth_added(g, rc, issues, "module", synth_modules[i].module.id) != 0)
			return rc;
	}
	return 0;
}
