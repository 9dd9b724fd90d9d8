/*
 * The report tests' trust: see report_fixture.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "helpers.h"
#include "report_fixture.h"

/*
 * Units (a three-level tree and a second root):
 *   DIR Operations Directorate
 *     DEPA Patient Access
 *       TA1 Booking Team
 *       TA2 Switchboard Team
 *     DEPB Outpatients
 *   OTHER Estates
 * Roles: REC (admin-clerical, patient-facing): CC 90 days, IG 30;
 *        BOOK (admin-clerical, patient-facing): CC 60, ERS 30;
 *        NURSE (nursing-midwifery, patient-facing): IG 30;
 *        ANALYST (admin-clerical, not patient-facing): IG 30.
 * Modules: CC-EL (CC, 12 months), CC-WS (CC, 24 months), IG-EL (IG, 12),
 *          ERS-EL (ERS, 36).
 */
const char HEAD[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'DIR','name':'Operations Directorate'},"
    "{'id':'DEPA','name':'Patient Access','parent':'DIR'},"
    "{'id':'DEPB','name':'Outpatients','parent':'DIR'},"
    "{'id':'TA1','name':'Booking Team','parent':'DEPA'},"
    "{'id':'TA2','name':'Switchboard Team','parent':'DEPA'},"
    "{'id':'OTHER','name':'Estates'}],"
    "'roles':["
    "{'id':'REC','title':'Receptionist','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':90},"
    "{'competency':'IG','due_within_days':30}]},"
    "{'id':'BOOK','title':'Booking Clerk','staff_group':'admin-clerical','patient_facing':true,"
    "'clinical':false,'requirements':[{'competency':'CC','due_within_days':60},"
    "{'competency':'ERS','due_within_days':30}]},"
    "{'id':'NURSE','title':'Staff Nurse','staff_group':'nursing-midwifery',"
    "'patient_facing':true,'clinical':true,"
    "'requirements':[{'competency':'IG','due_within_days':30}]},"
    "{'id':'ANALYST','title':'Data Analyst','staff_group':'admin-clerical',"
    "'patient_facing':false,'clinical':false,"
    "'requirements':[{'competency':'IG','due_within_days':30}]}],"
    "'modules':["
    "{'id':'CC-EL','title':'Customer care','competency':'CC','validity_months':12,"
    "'delivery':'e-learning','cost_pence':1500},"
    "{'id':'CC-WS','title':'Customer care workshop','competency':'CC','validity_months':24,"
    "'delivery':'workshop','cost_pence':900},"
    "{'id':'IG-EL','title':'Information governance','competency':'IG','validity_months':12,"
    "'delivery':'e-learning'},"
    "{'id':'ERS-EL','title':'e-Referral Service','competency':'ERS','validity_months':36,"
    "'delivery':'e-learning','cost_pence':0}],";

/*
 * The main population, as of D = 2025-06-30. Everyone but S04 started on
 * 2024-01-01 with the assignment shown from that day, so P = 2024-01-01 and
 * the grace ends are: CC under REC 2024-03-31 (+90), IG 2024-01-31 (+30),
 * ERS under BOOK 2024-01-31 (+30), all long past.
 *
 * S01 REC@TA1   CC-EL 2025-01-10 -> expires 2026-01-10: CC compliant
 *               IG-EL 2024-07-20 -> expires 2025-07-20, 20 days: IG
 *               compliant and expiring
 * S02 REC@TA2   no CC (a failed CC-EL does not count): CC overdue
 *               IG-EL 2025-05-01 -> 2026-05-01: IG compliant
 * S03 BOOK@TA2 and BOOK@TA1
 *               CC-WS 2024-02-01 -> 2026-02-01: CC compliant
 *               no ERS: ERS overdue
 * S04 NURSE@DEPB, started 2025-06-01: IG grace end 2025-07-01 > D: not-due
 */
const char STAFF_A[] = "{'id':'S01','started_on':'2024-01-01',"
                       "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}]},"
                       "{'id':'S02','started_on':'2024-01-01',"
                       "'assignments':[{'role':'REC','unit':'TA2','from':'2024-01-01'}]},"
                       "{'id':'S03','started_on':'2024-01-01',"
                       "'assignments':[{'role':'BOOK','unit':'TA2','from':'2024-01-01'},"
                       "{'role':'BOOK','unit':'TA1','from':'2024-01-01'}]},"
                       "{'id':'S04','started_on':'2025-06-01',"
                       "'assignments':[{'role':'NURSE','unit':'DEPB','from':'2025-06-01'}]}";
const char COMPLETIONS_A[] =
    "{'staff':'S01','module':'CC-EL','completed_on':'2025-01-10','outcome':'passed'},"
    "{'staff':'S01','module':'IG-EL','completed_on':'2024-07-20','outcome':'completed'},"
    "{'staff':'S02','module':'IG-EL','completed_on':'2025-05-01','outcome':'passed'},"
    "{'staff':'S02','module':'CC-EL','completed_on':'2025-06-01','outcome':'failed'},"
    "{'staff':'S03','module':'CC-WS','completed_on':'2024-02-01','outcome':'completed'}";
/*
 * S05 REC@DEPA  exempt from CC from 2025-06-30 (from == D): CC exempt
 *               IG-EL 2024-06-30 -> expires 2025-06-30 == D, not valid: IG
 *               overdue since max(2024-01-31, 2025-06-30) = 2025-06-30
 * S06 ANALYST@OTHER  IG-EL 2025-03-03 -> 2026-03-03: IG compliant
 * S07 REC@TA1   left_on 2025-06-29, the day before D: no pairs at all
 * S08 REC@DIR   CC-EL 2024-07-30 -> 2025-07-30, exactly 30 days: CC
 *               compliant and expiring
 *               exempt from IG until 2025-06-30 (to == D): IG exempt
 */
const char STAFF_B[] = "{'id':'S05','started_on':'2024-01-01',"
                       "'assignments':[{'role':'REC','unit':'DEPA','from':'2024-01-01'}],"
                       "'exemptions':[{'competency':'CC','from':'2025-06-30','to':'2025-09-30',"
                       "'reason':'maternity leave'}]},"
                       "{'id':'S06','started_on':'2024-01-01',"
                       "'assignments':[{'role':'ANALYST','unit':'OTHER','from':'2024-01-01'}]},"
                       "{'id':'S07','started_on':'2024-01-01','left_on':'2025-06-29',"
                       "'assignments':[{'role':'REC','unit':'TA1','from':'2024-01-01'}]},"
                       "{'id':'S08','started_on':'2024-01-01',"
                       "'assignments':[{'role':'REC','unit':'DIR','from':'2024-01-01'}],"
                       "'exemptions':[{'competency':'IG','from':'2025-01-01','to':'2025-06-30',"
                       "'reason':'secondment'}]}";
const char COMPLETIONS_B[] =
    "{'staff':'S05','module':'IG-EL','completed_on':'2024-06-30','outcome':'passed'},"
    "{'staff':'S06','module':'IG-EL','completed_on':'2025-03-03','outcome':'completed'},"
    "{'staff':'S07','module':'CC-EL','completed_on':'2025-01-01','outcome':'passed'},"
    "{'staff':'S08','module':'CC-EL','completed_on':'2024-07-30','outcome':'passed'}";

/* The pairs this makes on AS_OF are listed in report_fixture.h. */
care_dataset *load_main(void)
{
	return load(HEAD, "'staff':[", STAFF_A, ",", STAFF_B, "],'completions':[", COMPLETIONS_A,
	            ",", COMPLETIONS_B, "]}", END);
}

const char AS_OF[] = "2025-06-30";

/*
 * Keys and competencies that sort differently in byte order than in
 * alphabetical or natural order: units C and b; role r requires b-lower, Z
 * and A; role Q requires A. s-lower is r@b and Q@C, S9 r@C, S10 Q@b; all
 * since 2024-01-01 with 30 days' grace and no training.
 */
const char BYTE_ORDER_TRUST[] =
    "{'format':'libcare-dataset','version':1,"
    "'units':[{'id':'b','name':'Lower b'},{'id':'C','name':'Upper C'}],"
    "'roles':[{'id':'r','title':'Role r','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':["
    "{'competency':'b-lower','due_within_days':30},{'competency':'Z','due_within_days':30},"
    "{'competency':'A','due_within_days':30}]},"
    "{'id':'Q','title':'Role Q','staff_group':'admin-clerical',"
    "'patient_facing':true,'clinical':false,'requirements':["
    "{'competency':'A','due_within_days':30}]}],"
    "'staff':[{'id':'s-lower','started_on':'2024-01-01','assignments':["
    "{'role':'r','unit':'b','from':'2024-01-01'},{'role':'Q','unit':'C','from':'2024-01-01'"
    "}]},"
    "{'id':'S9','started_on':'2024-01-01','assignments':["
    "{'role':'r','unit':'C','from':'2024-01-01'}]},"
    "{'id':'S10','started_on':'2024-01-01','assignments':["
    "{'role':'Q','unit':'b','from':'2024-01-01'}]}]}";
