-- The records the compliance report reads, from the NDJSON files that duckdb.mjs splits out of
-- the dataset file (one file per list). Columns are given, so nothing is guessed.
CREATE TABLE units AS
SELECT * FROM read_json('{DIR}/units.ndjson', format = 'newline_delimited',
    columns = {id: 'VARCHAR', name: 'VARCHAR', parent: 'VARCHAR'});

CREATE TABLE roles AS
SELECT * FROM read_json('{DIR}/roles.ndjson', format = 'newline_delimited',
    columns = {id: 'VARCHAR', requirements:
        'STRUCT(competency VARCHAR, due_within_days INTEGER, "from" DATE, "to" DATE)[]'});

CREATE TABLE modules AS
SELECT * FROM read_json('{DIR}/modules.ndjson', format = 'newline_delimited',
    columns = {id: 'VARCHAR', competency: 'VARCHAR', validity_months: 'INTEGER'});

CREATE TABLE staff AS
SELECT * FROM read_json('{DIR}/staff.ndjson', format = 'newline_delimited',
    columns = {id: 'VARCHAR', started_on: 'DATE', left_on: 'DATE',
        assignments: 'STRUCT(role VARCHAR, unit VARCHAR, "from" DATE, "to" DATE, manager VARCHAR)[]',
        exemptions: 'STRUCT(competency VARCHAR, "from" DATE, "to" DATE)[]'});

CREATE TABLE completions AS
SELECT * FROM read_json('{DIR}/completions.ndjson', format = 'newline_delimited',
    columns = {staff: 'VARCHAR', module: 'VARCHAR', completed_on: 'DATE', outcome: 'VARCHAR'});
