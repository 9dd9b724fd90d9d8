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

/* The requirements of each role; the in-force dates are set when the catalogue is added
 * (synth_requirement_from). */
#define REQ(competency, days)                                                                      \
	{                                                                                          \
		competency, days, CARE_DATE_NONE, CARE_DATE_NONE                                   \
	}
static const care_requirement req_rec[] = {REQ("customer-care", 90),
                                           REQ("difficult-conversations", 180),
                                           REQ("information-governance", 30)};
static const care_requirement req_book[] = {
    REQ("customer-care", 90), REQ("difficult-conversations", 180), REQ("ers-booking", 60),
    REQ("information-governance", 30)};
static const care_requirement req_pac[] = {
    REQ("customer-care", 90), REQ("difficult-conversations", 180), REQ("complaints-handling", 180),
    REQ("ers-booking", 60), REQ("information-governance", 30)};
static const care_requirement req_wlv[] = {REQ("customer-care", 90), REQ("ers-booking", 60),
                                           REQ("information-governance", 30)};
static const care_requirement req_trans[] = {REQ("customer-care", 90),
                                             REQ("difficult-conversations", 180),
                                             REQ("information-governance", 30)};
static const care_requirement req_medsec[] = {REQ("customer-care", 120),
                                              REQ("information-governance", 30)};
static const care_requirement req_tl[] = {
    REQ("customer-care", 60), REQ("difficult-conversations", 120), REQ("complaints-handling", 90),
    REQ("information-governance", 30)};
static const care_requirement req_mgr[] = {REQ("customer-care", 60), REQ("complaints-handling", 90),
                                           REQ("information-governance", 30)};
static const care_requirement req_ig[] = {REQ("information-governance", 30)};
#undef REQ

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
    {{"TL", "Team Leader", CARE_SG_ADMIN_CLERICAL, 1, 0, req_tl, 4},
     {1, 5, 9, 11}, 6, 0.4, {10, 10, 5, 50, 0, 0, 5, 20}, {50, 30, 0, 15, 0, 0, 2, 0, 3}},
    {{"NURSE", "Staff Nurse (Day Surgery)", CARE_SG_NURSING_MIDWIFERY, 1, 1, req_ig, 1},
     {17, 17, 17, 17}, 6, 0.2, {5, 0, 0, 40, 0, 0, 0, 55}, {40, 50, 0, 0, 0, 0, 10, 0, 0}},
    {{"ANALYST", "Performance Analyst", CARE_SG_ADMIN_CLERICAL, 0, 0, req_ig, 1},
     {1, 13, 1, 13}, 4, 0, {0, 0, 0, 0, 0, 0, 0, 1}, {1, 0, 0, 0, 0, 0, 0, 0, 0}},
    /* The management posts (synth_posts), never drawn for anyone else (weight 0). */
    {{"MGR", "Service Manager", CARE_SG_ADMIN_CLERICAL, 1, 0, req_mgr, 3},
     {1, 5, 9, 13}, 0, 0.2, {5, 5, 0, 60, 0, 0, 10, 20}, {45, 25, 5, 25, 0, 0, 0, 0, 0}},
    {{"HOS", "Head of Service", CARE_SG_ADMIN_CLERICAL, 0, 0, req_ig, 1},
     {0, 16, 0, 16}, 0, 0, {0, 0, 0, 0, 0, 0, 0, 1}, {1, 0, 0, 0, 0, 0, 0, 0, 0}},
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

/*
 * The management line of each trust: a head of service over each directorate,
 * a service manager over each department of Operations, a team leader over
 * each of its teams. The Day Surgery Unit has no post of its own: its staff
 * report to the head of service for Surgery. Each post is held by one person
 * (the first people of each trust, synth_post_holder); everyone else reports
 * to the holder of the nearest post at or above their unit.
 */
const synth_post synth_posts[] = {
    {0, SYNTH_R_HOS},  {16, SYNTH_R_HOS}, {1, SYNTH_R_MGR}, {5, SYNTH_R_MGR}, {9, SYNTH_R_MGR},
    {11, SYNTH_R_MGR}, {13, SYNTH_R_MGR}, {2, SYNTH_R_TL},  {3, SYNTH_R_TL},  {4, SYNTH_R_TL},
    {6, SYNTH_R_TL},   {7, SYNTH_R_TL},   {8, SYNTH_R_TL},  {10, SYNTH_R_TL}, {12, SYNTH_R_TL},
    {14, SYNTH_R_TL},  {15, SYNTH_R_TL},
};
SYNTH_COUNTED(synth_posts, SYNTH_POST_COUNT);

/* Display names: a first name and a made-up surname of two parts ("Priya Oakford"). */
static const char *const first_names[] = {
    "Alex",  "Amira", "Ben",  "Chloe",    "Daniel", "Deepa", "Ella",   "Faisal", "Grace", "Hannah",
    "Harry", "Imran", "Isla", "Jack",     "Jade",   "James", "Joy",    "Kate",   "Kwame", "Leah",
    "Liam",  "Lucy",  "Maya", "Mohammed", "Nadia",  "Noah",  "Olivia", "Omar",   "Priya", "Rachel",
    "Ravi",  "Rosa",  "Ryan", "Sam",      "Sofia",  "Tom",   "Wei",    "Yusuf",  "Zara",  "Zoe"};
static const char *const surname_starts[] = {"Ash",  "Birch", "Bram",  "Dun",  "Elm",  "Fern",
                                             "Glen", "Hazel", "Hol",   "Kirk", "Lark", "Moor",
                                             "Oak",  "Pine",  "Thorn", "Wes"};
static const char *const surname_ends[] = {"by",  "dale", "field", "ford",
                                           "ham", "ley",  "ton",   "wood"};

/* Treatment function codes, the commoner first. */
const int synth_specialties[] = {130, 110, 502, 100, 101, 120, 300, 320, 330, 140, 800, 191};
const int synth_specialty_weights[] = {14, 16, 10, 9, 7, 8, 7, 6, 6, 5, 3, 3};
SYNTH_COUNTED(synth_specialties, SYNTH_SPECIALTY_COUNT);
SYNTH_COUNTED(synth_specialty_weights, SYNTH_SPECIALTY_COUNT);

/* ---- adding them ---- */

/* A unit's id: prefixed with its trust's number when there are several. */
void synth_unit_id(char *out, size_t size, size_t trust, const char *id, const synth_options *o)
{
	const char *prefix = o->id_prefix ? o->id_prefix : "";

	if (o->trusts > 1)
		snprintf(out, size, "%sR%03zu-%s", prefix, trust, id);
	else
		snprintf(out, size, "%s%s", prefix, id);
}

/*
 * Person n's display name, from a stream of its own (so that names change no
 * other draw): the same seed and n give the same name.
 */
void synth_name(char *out, size_t size, uint64_t seed, size_t n)
{
	rng r;
	uint64_t x;

	r.state = seed ^ ((uint64_t)n * 0xD1B54A32D192ED03ull);
	x = next(&r);
	snprintf(out, size, "%s %s%s", first_names[x % (sizeof first_names / sizeof *first_names)],
	         surname_starts[(x >> 16) % (sizeof surname_starts / sizeof *surname_starts)],
	         surname_ends[(x >> 32) % (sizeof surname_ends / sizeof *surname_ends)]);
}

/* The unit's parent (an index into synth_units), or -1 at the top. */
static int unit_parent(size_t u)
{
	size_t i;

	if (synth_units[u].parent == NULL)
		return -1;
	for (i = 0; strcmp(synth_units[i].id, synth_units[u].parent) != 0; i++)
		;
	return (int)i;
}

/* The person (a 0-based number) holding post j of the trust, or SYNTH_NOBODY. */
size_t synth_post_holder(const gen *g, size_t trust, size_t j)
{
	size_t n = trust * SYNTH_POST_COUNT + j;

	return n < g->o->staff ? n : SYNTH_NOBODY;
}

size_t synth_manager(const gen *g, size_t trust, size_t unit, size_t self)
{
	int u;
	size_t j, m;

	for (u = (int)unit; u >= 0; u = unit_parent((size_t)u))
		for (j = 0; j < SYNTH_POST_COUNT; j++)
			if (synth_posts[j].unit == u &&
			    (m = synth_post_holder(g, trust, j)) != SYNTH_NOBODY && m != self)
				return m;
	return SYNTH_NOBODY;
}

/* Whether the competency is one of the programme's (a module awards it only after its start). */
static int in_programme(const char *competency)
{
	size_t m;

	for (m = 0; m < SYNTH_MODULE_COUNT; m++)
		if (synth_modules[m].lag >= 0 &&
		    strcmp(synth_modules[m].module.competency, competency) == 0)
			return 1;
	return 0;
}

care_date synth_requirement_from(const gen *g, const char *competency)
{
	if (g->o->mandate_from == CARE_DATE_NONE || !in_programme(competency))
		return CARE_DATE_NONE;
	return g->o->mandate_from;
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
			care_unit u = CARE_UNIT_INIT;
			synth_unit_id(id, sizeof id, t, synth_units[i].id, o);
			if (synth_units[i].parent)
				synth_unit_id(parent, sizeof parent, t, synth_units[i].parent, o);
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
		care_role role = synth_roles[i].role;
		care_requirement reqs[SYNTH_COMPETENCY_COUNT];
		size_t q;
		for (q = 0; q < role.requirement_count; q++) {
			reqs[q] = role.requirements[q];
			reqs[q].from = synth_requirement_from(g, reqs[q].competency);
			reqs[q].to = CARE_DATE_NONE;
		}
		role.requirements = reqs;
		rc = care_dataset_add_role(g->ds, &role, &issues);
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
