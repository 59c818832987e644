// Runs SQL statements in one in-memory DuckDB (the npm package @duckdb/node-api) for
// bench/compare. Usage: node duckdb_run.mjs NODE_MODULES_DIR JOB.json
// JOB: {"threads": N, "statements": [{"name": "...", "sql": "..."}, ...]}
// Prints JSON: {"version": "...", "results": [{"name", "columns", "rows", "seconds"}, ...]}
// (numbers as strings: counts are BIGINT). A failing statement prints its error and exits 1.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const [modules, jobPath] = process.argv.slice(2);
const require = createRequire(resolve(modules) + '/');
const { DuckDBInstance } = require('@duckdb/node-api');
const job = JSON.parse(readFileSync(jobPath, 'utf8'));

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET threads = ${Number(job.threads)}`);
// Spill nothing to disk and keep insertion order off: counts only.
await connection.run('SET preserve_insertion_order = false');
const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
const results = [];
for (const s of job.statements) {
  const t0 = performance.now();
  let reader;
  try {
    reader = await connection.runAndReadAll(s.sql);
  } catch (e) {
    process.stderr.write(`duckdb: ${s.name}: ${e.message}\n`);
    process.exit(1);
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = reader.getRows().map((r) => r.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
  results.push({ name: s.name, columns: reader.columnNames(), rows, seconds });
}
process.stdout.write(JSON.stringify({ version, results }) + '\n');
