/*
 * What the generator's files share (synth.h is its interface):
 *
 *   synth.c            the options, the driver (synth_build) and its state
 *   synth_catalogue.c  the fixed parts: units, roles, modules and the tables
 *                      the generator draws from
 *   synth_people.c     each person: employment, assignments, exemptions and
 *                      the completions of their training
 *   synth_contacts.c   patient contacts and the complaints, linked or not
 *   synth_faulty.c     the faulty sample
 *
 * Deterministic for a seed: one splitmix64 stream (`gen.r`) drives every
 * choice, so the order of the draws is part of the output; moving code
 * between these files must keep it.
 */
#ifndef CARE_SYNTH_INTERNAL_H
#define CARE_SYNTH_INTERNAL_H

#include <math.h>
#include <stdint.h>

#include "synth.h"

/* ---- randomness ---- */

typedef struct rng {
	uint64_t state;
} rng;

static inline uint64_t next(rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi] (hi >= lo). */
static inline int between(rng *r, int lo, int hi)
{
	return lo + (int)(next(r) % (uint64_t)((int64_t)hi - lo + 1));
}

static inline int chance(rng *r, double p)
{
	return (double)(next(r) >> 11) / 9007199254740992.0 < p;
}

/* An index in [0, n) drawn with the given weights (not all 0). */
static inline int pick(rng *r, const int *weights, int n)
{
	int total = 0, x, i;

	for (i = 0; i < n; i++)
		total += weights[i];
	x = between(r, 0, total - 1);
	for (i = 0; i < n - 1; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* x rounded down or up at random, so that the mean is x. */
static inline size_t round_random(rng *r, double x)
{
	double whole = floor(x);

	return (size_t)whole + (chance(r, x - whole) ? 1u : 0u);
}

static inline care_date min_date(care_date a, care_date b)
{
	return a < b ? a : b;
}

static inline care_date max_date(care_date a, care_date b)
{
	return a > b ? a : b;
}

/* ---- the catalogue (synth_catalogue.c) ---- */

enum {
	SYNTH_UNIT_COUNT = 18,
	SYNTH_ROLE_COUNT = 11,
	SYNTH_DRAWN_ROLE_COUNT = 9, /* the roles drawn for people; then the posts' own */
	SYNTH_POST_COUNT = 17,      /* management posts per trust */
	SYNTH_COMPETENCY_COUNT = 5,
	SYNTH_MODULE_COUNT = 6,
	SYNTH_EXEMPTION_REASON_COUNT = 4,
	SYNTH_SPECIALTY_COUNT = 12,
	SYNTH_KIND_COUNT = CARE_IK_OTHER + 1,         /* care_interaction_kind values */
	SYNTH_CHANNEL_COUNT = CARE_CHANNEL_OTHER + 1, /* care_channel values */
	/* Units and modules the generator treats apart (indexes). */
	SYNTH_U_OP_EYE = 7,
	SYNTH_U_SURG_DSU = 17,
	SYNTH_R_TL = 6,
	SYNTH_R_MGR = 9,
	SYNTH_R_HOS = 10,
	SYNTH_CC_ELEARN = 0,
	SYNTH_CC_WORKSHOP = 1
};

/* A unit of one trust's tree; parent NULL at the top. */
typedef struct synth_unit {
	const char *id, *name, *parent;
} synth_unit;

/*
 * A role, with the units its holders work in (indexes into synth_units),
 * their share of the workforce, how many contacts they handle (relative to
 * interactions_per_staff_year) and what kind of contacts, by which channel.
 */
typedef struct synth_role {
	care_role role;
	unsigned char units[4];
	int weight;
	double contacts;
	int kinds[SYNTH_KIND_COUNT];       /* weights by care_interaction_kind */
	int channels[SYNTH_CHANNEL_COUNT]; /* weights by care_channel */
} synth_role;

/*
 * A module, and when it became available: `lag` days after the programme
 * start (the trust's own workshops first, the national e-learning later), or
 * -1 for a module that has always been there.
 */
typedef struct synth_module {
	care_module module;
	int lag;
} synth_module;

/* A management post: the unit it leads and the role its holder has (indexes). */
typedef struct synth_post {
	unsigned char unit, role;
} synth_post;

#define SYNTH_NOBODY ((size_t)-1)

extern const synth_unit synth_units[];              /* SYNTH_UNIT_COUNT */
extern const synth_post synth_posts[];              /* SYNTH_POST_COUNT */
extern const synth_role synth_roles[];              /* SYNTH_ROLE_COUNT */
extern const char *const synth_competencies[];      /* SYNTH_COMPETENCY_COUNT */
extern const synth_module synth_modules[];          /* SYNTH_MODULE_COUNT */
extern const char *const synth_exemption_reasons[]; /* SYNTH_EXEMPTION_REASON_COUNT */
extern const int synth_specialties[];               /* treatment function codes, */
extern const int synth_specialty_weights[];         /* the commoner first */

/* ---- the generator's state ---- */

typedef struct gen {
	care_dataset *ds;
	const synth_options *o;
	rng r;
	care_date history; /* the first day of the history */
	care_date closures[2];
	size_t completions, interactions, complaints;
	size_t warnings;
} gen;

/* A person as generated, kept only while their records are made. */
typedef struct person {
	size_t n, trust;
	int post; /* the management post held (index into synth_posts), or -1 */
	char id[24], name[32];
	care_date started, left, last; /* last: the last day employed up to the extract */
	size_t assignment_count;
	care_assignment as[3];
	size_t role[3], unit[3];
	char role_ids[3][16], unit_ids[3][80], manager_ids[3][24];
	int has_exemption;
	care_exemption ex;
	/* Spells of valid customer-care training [from, until): who is trained. */
	size_t trained_count;
	care_date trained_from[32], trained_until[32];
} person;

/* synth.c: report an add that failed (and a warning, which the generator
 * should never cause); frees `issues` and returns rc. */
int synth_added(gen *g, int rc, care_issues *issues, const char *what, const char *id);

/* synth_catalogue.c */
void synth_unit_id(char *out, size_t size, size_t trust, const char *id, const synth_options *o);
/* The id prefix of synth_options, or "". */
#define SYNTH_PREFIX(g) ((g)->o->id_prefix ? (g)->o->id_prefix : "")
care_date synth_module_available(const gen *g, size_t m);
/* The first day a role's requirement for the competency is in force, or CARE_DATE_NONE. */
care_date synth_requirement_from(const gen *g, const char *competency);
void synth_name(char *out, size_t size, uint64_t seed, size_t n);
size_t synth_post_holder(const gen *g, size_t trust, size_t j);
/* The manager of person `self` in a unit of the trust: the holder of the
 * nearest post at or above the unit other than `self`, or SYNTH_NOBODY. */
size_t synth_manager(const gen *g, size_t trust, size_t unit, size_t self);
int synth_add_catalogue(gen *g); /* the units of every trust, the roles and the modules */

/* synth_people.c: person n's staff record, then their completions. */
int synth_add_person(gen *g, person *p, size_t n);
int synth_add_completions(gen *g, person *p);

/* synth_contacts.c: the person's contacts and the complaints they draw; the
 * complaints linked to no contact, once everyone is in. */
int synth_add_contacts(gen *g, const person *p);
int synth_add_unlinked_complaints(gen *g);

#endif
