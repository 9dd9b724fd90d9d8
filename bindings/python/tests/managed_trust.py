"""A small trust with a management line, worked by hand in test_managers.py and test_build.py.

Customer care became compulsory for booking clerks on 2025-04-01 (90 days' grace); information
governance has always been required (30 days); an old induction was withdrawn after 2024-12-31.

    M1 Mary Manager   in post 2005, managed by M2   } a loop: M1 and M2 manage each other
    M2 Martin Lead    in post 2006, managed by M1   }
    S1 Sam Clerk      in post 2009, managed by M1
    S2 Two Managers   in post 2010: one assignment in PA managed by M1, one in OPS by M2
    S3 (no name)      in post 2012, managed by S1

Completions of customer care (CC-E, 12 months): S3 on 2024-09-15 (valid to 2025-09-15),
M1 on 2025-06-01. Nobody holds information governance.
"""

import datetime

D = datetime.date


def _assignment(unit, since, manager):
    return {"role": "BOOK", "unit": unit, "from": since, "manager": manager}


def records():
    """The keyword arguments of Dataset.from_records for the trust above."""
    return {
        "units": [{"id": "PA", "name": "Patient Access"}, {"id": "OPS", "name": "Operations"}],
        "roles": [{"id": "BOOK", "title": "Booking clerk", "staff_group": "admin-clerical",
                   "patient_facing": True, "clinical": False, "requirements": [
                       {"competency": "customer-care", "due_within_days": 90,
                        "from": D(2025, 4, 1)},
                       {"competency": "info-gov", "due_within_days": 30},
                       {"competency": "old-induction", "due_within_days": 30,
                        "to": D(2024, 12, 31)}]}],
        "modules": [{"id": "CC-E", "title": "Customer care", "competency": "customer-care",
                     "validity_months": 12, "delivery": "e-learning", "cost_pence": 2500},
                    {"id": "CC-W", "title": "Customer care workshop",
                     "competency": "customer-care", "validity_months": 12,
                     "delivery": "workshop", "cost_pence": 9000},
                    {"id": "IG", "title": "Information governance", "competency": "info-gov",
                     "validity_months": 12, "delivery": "e-learning"}],
        "staff": [
            {"id": "M1", "name": "Mary Manager", "started_on": D(2005, 1, 1),
             "assignments": [_assignment("PA", D(2005, 1, 1), "M2")]},
            {"id": "M2", "name": "Martin Lead", "started_on": D(2006, 1, 1),
             "assignments": [_assignment("PA", D(2006, 1, 1), "M1")]},
            {"id": "S1", "name": "Sam Clerk", "started_on": D(2009, 6, 1),
             "assignments": [_assignment("PA", D(2009, 6, 1), "M1")]},
            {"id": "S2", "name": "Two Managers", "started_on": D(2010, 1, 1),
             "assignments": [_assignment("PA", D(2010, 1, 1), "M1"),
                             _assignment("OPS", D(2010, 1, 1), "M2")]},
            {"id": "S3", "started_on": D(2012, 1, 1),
             "assignments": [_assignment("PA", D(2012, 1, 1), "S1")]},
        ],
        "completions": [
            {"staff": "S3", "module": "CC-E", "completed_on": D(2024, 9, 15),
             "outcome": "passed"},
            {"staff": "M1", "module": "CC-E", "completed_on": D(2025, 6, 1),
             "outcome": "passed"},
        ],
    }
