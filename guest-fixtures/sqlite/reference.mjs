// Records reference.sha256: what sqlite3.wasm leaves behind when Node's built-in
// WASI (node:wasi, preview1) runs the two steps of tests/all/sqlite.rs. Run from
// anywhere:
//
//   node --no-warnings guest-fixtures/sqlite/reference.mjs > guest-fixtures/sqlite/reference.sha256
//
// (recorded with Node v20.20.2). The guest's root "/" is a fresh temporary
// directory holding create.sql and reopen.sql; its working directory is "/",
// its environment only HOME=/ (so the shell looks for /.sqliterc, finds none
// and says nothing), stdin is empty. Each step is one shell run:
//
//   1. sqlite3 -bail -batch items.db ".read create.sql"
//   2. sqlite3 -bail -batch items.db ".read reopen.sql"
//
// Both must exit 0 with nothing on stderr. The output is one sha256sum-style
// line per recorded byte string, in this order: step1/stdout, step1/items.db,
// step2/stdout, step2/items.db, step2/dump.sql.
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const here = dirname(fileURLToPath(import.meta.url));
const module = await WebAssembly.compile(readFileSync(join(here, 'sqlite3.wasm')));
const root = mkdtempSync(join(tmpdir(), 'sqlite-reference-'));
const io = mkdtempSync(join(tmpdir(), 'sqlite-reference-io-'));
for (const script of ['create.sql', 'reopen.sql']) {
  copyFileSync(join(here, script), join(root, script));
}

// Runs one command with `root` preopened as "/"; returns its stdout.
async function run(step, args) {
  const paths = ['stdin', 'stdout', 'stderr'].map((name) => join(io, `${step}.${name}`));
  const [stdin, stdout, stderr] = paths.map((p, i) => openSync(p, i === 0 ? 'w+' : 'w'));
  const wasi = new WASI({
    version: 'preview1',
    args,
    env: { HOME: '/' },
    preopens: { '/': root },
    stdin,
    stdout,
    stderr,
    returnOnExit: true,
  });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  const code = wasi.start(instance);
  [stdin, stdout, stderr].forEach((fd) => closeSync(fd));
  const err = readFileSync(paths[2], 'utf8');
  if (code !== 0 || err !== '') {
    throw new Error(`${step}: ${args.join(' ')} exited ${code}, stderr: ${JSON.stringify(err)}`);
  }
  return readFileSync(paths[1]);
}

const lines = [];
const record = (name, bytes) =>
  lines.push(`${createHash('sha256').update(bytes).digest('hex')}  ${name}`);
const db = () => readFileSync(join(root, 'items.db'));

record('step1/stdout', await run('step1', ['sqlite3', '-bail', '-batch', 'items.db', '.read create.sql']));
record('step1/items.db', db());
record('step2/stdout', await run('step2', ['sqlite3', '-bail', '-batch', 'items.db', '.read reopen.sql']));
record('step2/items.db', db());
record('step2/dump.sql', readFileSync(join(root, 'dump.sql')));

rmSync(root, { recursive: true });
rmSync(io, { recursive: true });
process.stdout.write(lines.join('\n') + '\n');
