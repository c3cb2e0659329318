// Records reference.sha256: what lua.wasm leaves behind when Node's built-in
// WASI (node:wasi, preview1) runs files.lua as tests/all/lua.rs does. Run from
// anywhere:
//
//   node --no-warnings guest-fixtures/lua/reference.mjs > guest-fixtures/lua/reference.sha256
//
// (recorded with Node v20.20.2). The guest's root "/" is a fresh temporary
// directory holding only files.lua; its working directory is "/", its
// environment empty, stdin empty. The command is `lua files.lua`; it must exit
// 0 with nothing on stderr and leave exactly appended.txt, files.lua,
// renamed.txt and results.txt. The output is one sha256sum-style line per
// recorded byte string, in this order: stdout, results.txt, renamed.txt,
// appended.txt.
import {
  closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

const here = dirname(fileURLToPath(import.meta.url));
const module = await WebAssembly.compile(readFileSync(join(here, 'lua.wasm')));
const root = mkdtempSync(join(tmpdir(), 'lua-reference-'));
const io = mkdtempSync(join(tmpdir(), 'lua-reference-io-'));
copyFileSync(join(here, 'files.lua'), join(root, 'files.lua'));

const paths = ['stdin', 'stdout', 'stderr'].map((name) => join(io, name));
const [stdin, stdout, stderr] = paths.map((p, i) => openSync(p, i === 0 ? 'w+' : 'w'));
const wasi = new WASI({
  version: 'preview1',
  args: ['lua', 'files.lua'],
  env: {},
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
  throw new Error(`lua files.lua exited ${code}, stderr: ${JSON.stringify(err)}`);
}
const left = readdirSync(root).sort().join(' ');
if (left !== 'appended.txt files.lua renamed.txt results.txt') {
  throw new Error(`unexpected files left: ${left}`);
}

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex');
const lines = [`${hash(readFileSync(paths[1]))}  stdout`];
for (const name of ['results.txt', 'renamed.txt', 'appended.txt']) {
  lines.push(`${hash(readFileSync(join(root, name)))}  ${name}`);
}
rmSync(root, { recursive: true });
rmSync(io, { recursive: true });
process.stdout.write(lines.join('\n') + '\n');
