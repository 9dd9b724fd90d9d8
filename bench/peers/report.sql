-- The compliance report grouped by unit, as of {AS_OF}, written from the definitions in
-- docs/reports.md (who must comply, the requirement period and grace end, valid completions,
-- status, groups by unit with every ancestor). No filters; due_soon_days 30; min_cell 0.
-- One row per (group, competency); group '' holds the totals. duckdb.mjs shapes the JSON.
WITH RECURSIVE
d AS (SELECT DATE '{AS_OF}' AS d),
-- A requirement of an assignment, as the days on which it requires the competency: employed,
-- the assignment active and the requirement in force (open ends unbounded).
spans AS (
    SELECT s.id AS staff, a.unit, q.competency, q.due_within_days AS due,
        greatest(s.started_on, a."from", coalesce(q."from", DATE '0001-01-01')) AS first_day,
        least(coalesce(s.left_on, DATE '9999-12-31'), coalesce(a."to", DATE '9999-12-31'),
              coalesce(q."to", DATE '9999-12-31')) AS last_day
    FROM staff s, unnest(s.assignments) AS t(a), roles r, unnest(r.requirements) AS u(q)
    WHERE r.id = a.role
),
-- Assignments that require C on D: the pairs and the units they fall in.
requiring AS (
    SELECT staff, unit, competency FROM spans, d WHERE first_day <= d.d AND d.d <= last_day
),
pairs AS (SELECT DISTINCT staff, competency FROM requiring),
-- The requirement period start P: the start of the last run of covered days (runs that touch
-- or overlap merge), among spans that began by D.
runs AS (
    SELECT p.staff, p.competency, sp.first_day, least(sp.last_day, d.d) AS last_day,
        max(least(sp.last_day, d.d)) OVER (PARTITION BY p.staff, p.competency
            ORDER BY sp.first_day, sp.last_day ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
            AS before_end
    FROM pairs p JOIN spans sp USING (staff, competency), d
    WHERE sp.first_day <= d.d AND sp.first_day <= sp.last_day
),
period AS (
    SELECT staff, competency, max(first_day) AS p
    FROM runs WHERE before_end IS NULL OR first_day > before_end + 1
    GROUP BY staff, competency
),
-- The grace end: P plus the smallest due_within_days of the spans that cover P.
grace AS (
    SELECT pe.staff, pe.competency, pe.p + min(sp.due)::INTEGER AS grace_end
    FROM period pe JOIN spans sp USING (staff, competency)
    WHERE sp.first_day <= pe.p AND pe.p <= sp.last_day
    GROUP BY pe.staff, pe.competency, pe.p
),
exempt AS (
    SELECT DISTINCT s.id AS staff, e.competency
    FROM staff s, unnest(s.exemptions) AS t(e), d
    WHERE e."from" <= d.d AND d.d <= coalesce(e."to", DATE '9999-12-31')
),
-- Counting completions valid on D, by person and competency: whether any never expires, and
-- the latest expiry.
valid AS (
    SELECT c.staff, coalesce(m.competency, m.id) AS competency,
        bool_or(m.validity_months = 0) AS never,
        max(CASE WHEN m.validity_months > 0
            THEN (c.completed_on + to_months(m.validity_months))::DATE END) AS expires_on
    FROM completions c JOIN modules m ON m.id = c.module, d
    WHERE c.outcome IN ('completed', 'passed') AND c.completed_on <= d.d
      AND (m.validity_months = 0
           OR d.d < (c.completed_on + to_months(m.validity_months))::DATE)
    GROUP BY ALL
),
status AS (
    SELECT p.staff, p.competency,
        CASE WHEN x.staff IS NOT NULL THEN 'exempt'
             WHEN v.staff IS NOT NULL THEN 'compliant'
             WHEN d.d < g.grace_end THEN 'not_due'
             ELSE 'overdue' END AS status,
        x.staff IS NULL AND v.staff IS NOT NULL AND NOT v.never
            AND date_diff('day', d.d, v.expires_on) <= 30 AS expiring
    FROM pairs p JOIN grace g USING (staff, competency)
    LEFT JOIN exempt x USING (staff, competency)
    LEFT JOIN valid v USING (staff, competency), d
),
-- Each unit with itself and every ancestor.
ancestors AS (
    SELECT id AS unit, id AS ancestor, parent FROM units
    UNION ALL
    SELECT a.unit, u.id, u.parent FROM ancestors a JOIN units u ON u.id = a.parent
),
members AS (
    SELECT DISTINCT an.ancestor AS grp, r.staff, r.competency
    FROM requiring r JOIN ancestors an ON an.unit = r.unit
    UNION ALL
    SELECT '' AS grp, staff, competency FROM pairs
),
cells AS (SELECT m.grp, s.* FROM members m JOIN status s USING (staff, competency)),
people AS (
    SELECT grp, count(*)::INTEGER AS staff_required,
        count(*) FILTER (WHERE all_compliant)::INTEGER AS staff_compliant
    FROM (SELECT grp, staff, bool_and(status = 'compliant') AS all_compliant
          FROM cells WHERE status <> 'exempt' GROUP BY grp, staff)
    GROUP BY grp
)
SELECT c.grp, coalesce(u.name, '') AS label, c.competency,
    count(*) FILTER (WHERE status <> 'exempt')::INTEGER AS required,
    count(*) FILTER (WHERE status = 'compliant')::INTEGER AS compliant,
    count(*) FILTER (WHERE expiring)::INTEGER AS expiring,
    count(*) FILTER (WHERE status = 'not_due')::INTEGER AS not_due,
    count(*) FILTER (WHERE status = 'overdue')::INTEGER AS overdue,
    count(*) FILTER (WHERE status = 'exempt')::INTEGER AS exempt,
    coalesce(any_value(pe.staff_required), 0) AS staff_required,
    coalesce(any_value(pe.staff_compliant), 0) AS staff_compliant
FROM cells c LEFT JOIN units u ON u.id = c.grp LEFT JOIN people pe ON pe.grp = c.grp
GROUP BY c.grp, u.name, c.competency
ORDER BY c.grp, c.competency;
