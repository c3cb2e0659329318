// Reference runs of ffmpeg.wasm under Node's built-in WASI (node:wasi, preview1),
// to check that wasip1-host makes the same bytes from the same module and arguments.
//
// Recorded with Node v20.20.2 (any Node >= 20 has node:wasi with version 'preview1'):
//
//   node guest-fixtures/ffmpeg/reference.mjs > guest-fixtures/ffmpeg/reference.sha256
//
// (add --no-warnings to hide Node's "WASI is an experimental feature" warning)
//
// It runs the SCENARIOS below in order in one fresh temporary directory, preopened
// as "/" (the working directory is "/", so relative paths resolve there), with
// in/cover.png copied in and out/ created first, an empty environment and stdin
// from /dev/null, and prints a comment line with this command, then
// "<sha256>  <path>" for each output file (ffmpeg's own log goes to stderr). The argument
// lists must stay identical to the ones in tests/all/ffmpeg.rs.
//
// The other form runs ffmpeg once in a directory of your choice:
//
//   node guest-fixtures/ffmpeg/reference.mjs run DIR ARG...    (ARG... after argv[0])
//
// cover.png was made that way (see README.md).

import { WASI } from 'node:wasi';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// The arguments are the ones of the issue, unchanged: no -fflags +bitexact or
// creation_time is needed. These outputs do not depend on the clock or on
// randomness (ffmpeg writes mvhd/tkhd/mdhd times of 0 unless the creation_time
// metadata is set, and calls neither random_get nor the clock for the bytes it
// writes), so the deterministic wasip1-host (virtual clock, seeded random) and
// Node (real ones) must agree byte for byte. The "Lavc59.37.100"/"Lavf59.27.100"
// version strings ffmpeg embeds come from the module itself.
export const SCENARIOS = [
  {
    output: 'out/reel.mp4',
    args: ['-nostdin', '-f', 'lavfi', '-i', 'testsrc=size=128x72:rate=10', '-t', '1',
      '-c:v', 'mpeg4', '-movflags', '+faststart', 'out/reel.mp4'],
  },
  {
    output: 'out/cover.mp4',
    args: ['-nostdin', '-loop', '1', '-framerate', '10', '-t', '1', '-i', 'in/cover.png',
      '-c:v', 'mpeg4', '-movflags', '+faststart', 'out/cover.mp4'],
  },
  {
    output: 'out/reel.framemd5',
    args: ['-nostdin', '-i', 'out/reel.mp4', '-f', 'framemd5', 'out/reel.framemd5'],
  },
];

async function run(module, dir, args) {
  const wasi = new WASI({
    version: 'preview1',
    args: ['ffmpeg', ...args],
    env: {},
    preopens: { '/': dir },
    stdin: openSync('/dev/null', 'r'),
    returnOnExit: true,
  });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  return wasi.start(instance);
}

const module = await WebAssembly.compile(readFileSync(join(here, 'ffmpeg.wasm')));
const [mode, ...rest] = process.argv.slice(2);
if (mode === 'run') {
  const [dir, ...args] = rest;
  process.exitCode = await run(module, dir, args);
} else if (mode === undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'ffmpeg-reference-'));
  process.stdout.write('# node guest-fixtures/ffmpeg/reference.mjs > '
    + `guest-fixtures/ffmpeg/reference.sha256 (Node ${process.version})\n`);
  try {
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'out'));
    copyFileSync(join(here, 'cover.png'), join(dir, 'in/cover.png'));
    for (const { output, args } of SCENARIOS) {
      const code = await run(module, dir, args);
      if (code !== 0) throw new Error(`ffmpeg ${args.join(' ')} exited with ${code}`);
      const hash = createHash('sha256').update(readFileSync(join(dir, output))).digest('hex');
      process.stdout.write(`${hash}  ${output}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.error('usage: reference.mjs | reference.mjs run DIR ARG...');
  process.exitCode = 2;
}
