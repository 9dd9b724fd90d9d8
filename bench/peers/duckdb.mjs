// The compliance report grouped by unit, computed by DuckDB from a libcare dataset file.
//
//   node bench/peers/duckdb.mjs DATASET.json AS_OF OUT.json
//
// 1. split: the dataset file's lists into NDJSON files (the dataset file holds one record
//    per line, as care-gen and care_dataset_save write it); 2. load: load them with
//    load.sql; 3. report: run report.sql and shape its rows as care's JSON. Prints
//    "split SECONDS", "load SECONDS" (from the NDJSON files) and "report SECONDS" to stderr.
import { createReadStream, mkdtempSync, openSync, writeSync, closeSync, readFileSync,
         writeFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, asOf, out] = process.argv.slice(2);
if (!file || !/^\d{4}-\d{2}-\d{2}$/.test(asOf || '') || !out) {
  console.error('usage: node duckdb.mjs DATASET.json YYYY-MM-DD OUT.json');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const lists = ['units', 'roles', 'modules', 'staff', 'completions'];

// One NDJSON file per list the report reads; the other lists are skipped.
async function split(dir) {
  const fds = {}, pending = {};
  for (const l of lists) { fds[l] = openSync(join(dir, `${l}.ndjson`), 'w'); pending[l] = []; }
  let current = null, size = 0;
  const flush = (l) => { writeSync(fds[l], pending[l].join('')); pending[l] = []; };
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }),
                                  crlfDelay: Infinity });
  for await (const line of lines) {
    const start = /^"([a-z_]+)":\[$/.exec(line);
    if (start) { current = lists.includes(start[1]) ? start[1] : null; continue; }
    if (line === ']' || line === '],' || line.startsWith('"')) { current = null; continue; }
    if (current === null) continue;
    pending[current].push(line.endsWith(',') ? line.slice(0, -1) + '\n' : line + '\n');
    if ((size += line.length) > (1 << 22)) { for (const l of lists) flush(l); size = 0; }
  }
  for (const l of lists) { flush(l); closeSync(fds[l]); }
}

function row(r) {
  const o = { competency: r.competency, required: r.required, compliant: r.compliant,
              expiring: r.expiring, not_due: r.not_due, overdue: r.overdue, exempt: r.exempt,
              rate: r.required ? r.compliant / r.required : null };
  return o;
}

const t0 = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'care-duckdb-'));
await split(dir);
const ts = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(readFileSync(join(here, 'load.sql'), 'utf8').replaceAll('{DIR}', dir));
rmSync(dir, { recursive: true, force: true });
const t1 = performance.now();
const reader = await db.runAndReadAll(
  readFileSync(join(here, 'report.sql'), 'utf8').replaceAll('{AS_OF}', asOf));
const rows = reader.getRowObjectsJS();
const groups = new Map();
for (const r of rows) {
  if (!groups.has(r.grp))
    groups.set(r.grp, { key: r.grp, label: r.label, competencies: [],
                        staff_required: r.staff_required, staff_compliant: r.staff_compliant });
  groups.get(r.grp).competencies.push(row(r));
}
const bytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const finish = (g) => {
  g.competencies.sort((a, b) => bytes(a.competency, b.competency));
  g.staff_rate = g.staff_required ? g.staff_compliant / g.staff_required : null;
  return g;
};
const totals = groups.get('') || { competencies: [], staff_required: 0, staff_compliant: 0 };
groups.delete('');
const report = {
  report: 'compliance', as_of: asOf, group_by: 'unit',
  filters: { unit: null, role: null, staff_group: null, patient_facing: false, competency: null,
             manager: null, all_reports: false },
  due_soon_days: 30, min_cell: 0,
  groups: [...groups.values()].sort((a, b) => bytes(a.key, b.key)).map(finish),
  totals: (({ competencies, staff_required, staff_compliant }) =>
    finish({ competencies, staff_required, staff_compliant }))(totals),
};
writeFileSync(out, JSON.stringify(report) + '\n');
const t2 = performance.now();
console.error(`split ${((ts - t0) / 1000).toFixed(3)}`);
console.error(`load ${((t1 - ts) / 1000).toFixed(3)}`);
console.error(`report ${((t2 - t1) / 1000).toFixed(3)}`);
