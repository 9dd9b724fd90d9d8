/*
 * The report tests' trust (tests/report_fixture.c), worked by hand in
 * test_report_compliance*.c and test_report_staff.c: six units in a
 * three-level tree and a second root, four roles, four modules, and eight
 * staff in two halves (S01-S04 and S05-S08) so that merging the reports of
 * the halves can be checked against the report of the whole.
 *
 * The pairs on AS_OF (2025-06-30), which every expectation is counted from:
 *
 *   S01 CC compliant          TA1  REC
 *   S01 IG compliant+expiring TA1  REC
 *   S02 CC overdue            TA2  REC
 *   S02 IG compliant          TA2  REC
 *   S03 CC compliant          TA1,TA2 BOOK
 *   S03 ERS overdue           TA1,TA2 BOOK
 *   S04 IG not-due            DEPB NURSE
 *   S05 CC exempt             DEPA REC
 *   S05 IG overdue            DEPA REC
 *   S06 IG compliant          OTHER ANALYST
 *   S08 CC compliant+expiring DIR  REC
 *   S08 IG exempt             DIR  REC
 *
 * (S07 left the day before: no pairs.) The dates behind each are in
 * report_fixture.c.
 */
#ifndef CARE_TEST_REPORT_FIXTURE_H
#define CARE_TEST_REPORT_FIXTURE_H

#include "care.h"

/* The dataset file up to its staff: the format, units, roles and modules,
 * ending in a comma. */
extern const char HEAD[];

/* The staff and completions of each half: list items, without brackets. */
extern const char STAFF_A[], COMPLETIONS_A[];
extern const char STAFF_B[], COMPLETIONS_B[];

/* The date every expectation on this trust is counted from. */
extern const char AS_OF[];

/* A whole dataset of its own, for byte order: ids and competencies whose
 * upper and lower case, and digits, sort differently by bytes. */
extern const char BYTE_ORDER_TRUST[];

/* The whole trust, loaded with load() (unload() it). */
care_dataset *load_main(void);

#endif
