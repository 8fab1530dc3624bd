// The seed's Structured Streaming word count as DuckDB SQL over an NDJSON file: a peer in
// bench/compare. Same contract as tests/reference/seed_wordcount.py:
//   node duckdb_wordcount.mjs FILE [--top N] [--threads T]
// prints {"tweets":N,"tokens":N,"distinct":N,"top":[["word",count],...]}, top sorted by count
// descending then by the word's bytes ascending (DuckDB's default collation is binary).
//
// read_ndjson reads only `text` and `extended_tweet.full_text`; lines without a text (delete,
// limit notices) come back NULL and are dropped, blank keep-alive lines produce no row. The
// counted text is full_text when present, split on '\n' and then on ' ' with string_split,
// which keeps empty strings exactly as Python's str.split(" ") does.
//
// @duckdb/node-api is resolved from FIRECOUNT_NODE_DIR (bench/compare installs it there).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function usage(message) {
  process.stderr.write(`duckdb_wordcount: ${message}\n` +
      'usage: node duckdb_wordcount.mjs FILE [--top N] [--threads T]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let file = null;
let top = 30;
let threads = 0;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--top' || args[i] === '--threads') {
    const value = Number(args[++i]);
    if (!Number.isInteger(value) || value < 0) usage(`${args[i - 1]} needs a non-negative integer`);
    if (args[i - 1] === '--top') top = value; else threads = value;
  } else if (file === null) {
    file = args[i];
  } else {
    usage(`unexpected argument '${args[i]}'`);
  }
}
if (file === null) usage('FILE is required');

const nodeDir = process.env.FIRECOUNT_NODE_DIR || path.join(path.dirname(new URL(import.meta.url).pathname), '..', '.node');
const require = createRequire(path.join(nodeDir, 'resolve.js'));
let duckdb;
try {
  duckdb = await import(pathToFileURL(require.resolve('@duckdb/node-api')).href);
} catch (error) {
  process.stderr.write(`duckdb_wordcount: @duckdb/node-api is not installed in ${nodeDir}: ${error.message}\n`);
  process.exit(3);
}

const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await duckdb.DuckDBInstance.create(':memory:', {
  autoinstall_known_extensions: 'false',  // json is statically linked: never touch the network
});
const connection = await instance.connect();
if (threads > 0) await connection.run(`SET threads = ${threads}`);
await connection.run(`
  CREATE TEMP TABLE tweets AS
  SELECT coalesce(extended_tweet.full_text, "text") AS t
  FROM read_ndjson(${quote(file)},
                   columns = {'text': 'VARCHAR', 'extended_tweet': 'STRUCT(full_text VARCHAR)'})
  WHERE "text" IS NOT NULL`);
await connection.run(`
  CREATE TEMP TABLE counts AS
  SELECT word, count(*) AS n
  FROM (SELECT unnest(string_split(line, ' ')) AS word
        FROM (SELECT unnest(string_split(t, chr(10))) AS line FROM tweets))
  GROUP BY word`);
const totals = (await connection.runAndReadAll(`
  SELECT (SELECT count(*) FROM tweets), coalesce((SELECT sum(n) FROM counts), 0), (SELECT count(*) FROM counts)`)).getRows()[0];
const rows = (await connection.runAndReadAll(
    `SELECT word, n FROM counts ORDER BY n DESC, word ASC LIMIT ${top}`)).getRows();
const result = {
  tweets: Number(totals[0]),
  tokens: Number(totals[1]),
  distinct: Number(totals[2]),
  top: rows.map(([word, n]) => [word, Number(n)]),
};
process.stdout.write(JSON.stringify(result) + '\n');
