//! Lua 5.4 (`lua/lua.wasm`, the standalone interpreter built from Debian's source by
//! `guest-fixtures/lua/build.sh`) runs `files.lua`, a file-I/O workout through C stdio:
//! 5,000 buffered lines, unbuffered appends (one after a seek to 0), `r+` overwrites and a
//! write past the end, `io.lines` in several formats, renames over existing files and
//! removals, with the failures Lua reports as `nil, message, errno`. Its output files equal
//! byte for byte what Node's WASI produced (`guest-fixtures/lua/reference.sha256`, recorded
//! by `reference.mjs` with the same arguments and environment).
//!
//! Every Lua error and every yield from C goes through `lua.wasm`'s own setjmp/longjmp
//! (Binaryen Asyncify, `guest-fixtures/lua/wasi/sjlj.c`); `unwind.lua` pins those paths.

use crate::support::{backends, files_left, fixture, get, hex, put, FsRef};
use std::rc::Rc;
use std::time::Instant;
use wasip1_host::abi::Errno;
use wasip1_host::fs::{Fs, MemFs};
use wasip1_host::Host;

const LUA: &str = "lua/lua.wasm";

/// Backends that cannot run the scenario, with the reason. Empty: all of them can.
const CANNOT_RUN: &[(&str, &str)] = &[];

/// Runs `lua files.lua` on `fs` and returns the lines of `reference.sha256` it produces.
fn scenario(fs: Rc<dyn Fs>, what: &str) -> String {
    put(&*fs, "files.lua", &fixture("lua/files.lua"));
    let start = Instant::now();
    let out = Host::new()
        .args(["lua", "files.lua"])
        .run_with(&fixture(LUA), Rc::clone(&fs))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let elapsed = start.elapsed();
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert_eq!(
        (out.exit_code, String::from_utf8_lossy(&out.stderr).as_ref()),
        (0, ""),
        "{what}: stdout {stdout:?}"
    );
    assert_eq!(stdout, "files.lua: ok\n", "{what}");
    assert_eq!(
        files_left(&*fs, what),
        ["appended.txt", "files.lua", "renamed.txt", "results.txt"],
        "{what}"
    );
    for gone in ["data.txt", "numbers.txt", "scratch1.txt", "scratch2.txt"] {
        assert_eq!(get(&*fs, gone), Err(Errno::NOENT), "{what}: {gone}");
    }
    let mut lines = format!("{}  stdout\n", hex(stdout.as_bytes()));
    for name in ["results.txt", "renamed.txt", "appended.txt"] {
        let bytes = get(&*fs, name).unwrap_or_else(|e| panic!("{what}: {name}: {e}"));
        lines.push_str(&format!("{}  {name}\n", hex(&bytes)));
    }
    eprintln!("lua files.lua on {what}: {elapsed:.2?}");
    lines
}

fn reference() -> String {
    String::from_utf8(fixture("lua/reference.sha256")).unwrap()
}

/// Shows `results.txt` when the hashes differ, so a failure names the step.
fn assert_matches_reference(fs: &dyn Fs, got: &str, what: &str) {
    if got != reference() {
        let results = get(fs, "results.txt").unwrap_or_default();
        panic!(
            "{what}: differs from Node's reference\n  got:\n{got}  expected:\n{}\nresults.txt:\n{}",
            reference(),
            String::from_utf8_lossy(&results)
        );
    }
}

/// The whole scenario in memory: a `MemFs` and nothing else, no host disk.
#[test]
fn memfs_output_files_match_node() {
    let fs: Rc<dyn Fs> = Rc::new(MemFs::new());
    let got = scenario(Rc::clone(&fs), "MemFs");
    assert_matches_reference(&*fs, &got, "MemFs");
}

/// The same on every other backend of `support::backends()`.
#[test]
fn every_backend_matches_node() {
    for (name, make) in backends() {
        if name == "MemFs" {
            continue; // memfs_output_files_match_node
        }
        if let Some((_, why)) = CANNOT_RUN.iter().find(|(b, _)| *b == name) {
            eprintln!("lua: not run on {name}: {why}");
            continue;
        }
        let fs: FsRef = make();
        let got = scenario(Rc::clone(&fs), name);
        assert_matches_reference(&*fs, &got, name);
    }
}

/// Errors, nested handlers, coroutines, 2,000 caught errors in a row and the C-stack limit,
/// all through `wasi/sjlj.c`; then an uncaught error ends the run with exit code 1.
#[test]
fn errors_and_coroutines_unwind() {
    let fs = MemFs::new();
    put(&fs, "unwind.lua", &fixture("lua/unwind.lua"));
    let out = Host::new()
        .args(["lua", "unwind.lua"])
        .run_with(&fixture(LUA), fs)
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "error\tfalse unwind.lua:15: boom\t1\n\
         error object\tfalse obj\n\
         runtime error\tfalse unwind.lua:17: attempt to index a nil value (local 't')\n\
         nested\tfalse outer after false inner\n\
         gsub\tfalse at a\n\
         sort\tfalse cmp\n\
         coroutine\t2\t4\t6\tdone\n\
         coroutine error\tfalse in coroutine\tdead\n\
         yield across pcall\tyielded in pcall\ttrue 42\n\
         loop\t2000\n\
         depth limit\tC stack overflow\n\
         xpcall\tfalse handled x\n"
    );
    assert_eq!(out.exit_code, 1);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "lua: unwind.lua:58: the end\nstack traceback:\n\t[C]: in function 'error'\n\t\
         unwind.lua:58: in main chunk\n\t[C]: in ?\n"
    );
}
