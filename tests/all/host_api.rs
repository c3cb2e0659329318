//! `Host::run` and its builder: outcomes, distinct errors, determinism, bounds.

use crate::support::fixture;
use wasip1_host::clock::{SeededRandom, VirtualClock};
use wasip1_host::fs::MemFs;
use wasip1_host::{Error, Host};

fn wat(src: &str) -> Vec<u8> {
    wat::parse_str(src).unwrap()
}

#[test]
fn exit_code_and_stderr_are_reported() {
    let out = Host::run(&fixture("wat/exit_code.wasm"), MemFs::new()).unwrap();
    assert_eq!(out.exit_code, 42);
    assert_eq!(out.stderr, b"exiting\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_trap_is_an_error_with_the_output_so_far() {
    match Host::run(&fixture("wat/trap.wasm"), MemFs::new()) {
        Err(Error::Trap {
            message, stdout, ..
        }) => {
            assert_eq!(stdout, b"before trap\n");
            assert!(message.contains("unreachable"), "{message}");
        }
        other => panic!("expected a trap, got {other:?}"),
    }
}

#[test]
fn module_problems_are_distinct_errors() {
    assert!(matches!(
        Host::run(&fixture("wat/no_start.wasm"), MemFs::new()),
        Err(Error::MissingStart)
    ));
    assert!(matches!(
        Host::run(&fixture("wat/no_memory.wasm"), MemFs::new()),
        Err(Error::MissingMemory)
    ));
    assert!(matches!(
        Host::run(b"\0asm\x01\0\0\0garbage", MemFs::new()),
        Err(Error::InvalidModule(_))
    ));
    assert!(matches!(
        Host::run(b"", MemFs::new()),
        Err(Error::InvalidModule(_))
    ));
    let unknown = wat(
        r#"(module (import "env" "nope" (func)) (memory (export "memory") 1)
        (func (export "_start")))"#,
    );
    match Host::run(&unknown, MemFs::new()) {
        Err(Error::UnknownImport { module, name }) => {
            assert_eq!((module.as_str(), name.as_str()), ("env", "nope"))
        }
        other => panic!("{other:?}"),
    }
    let wrong_name = wat(
        r#"(module (import "wasi_snapshot_preview1" "fd_frobnicate" (func))
        (memory (export "memory") 1) (func (export "_start")))"#,
    );
    assert!(matches!(
        Host::run(&wrong_name, MemFs::new()),
        Err(Error::UnknownImport { .. })
    ));
    let wrong_type = wat(
        r#"(module (import "wasi_snapshot_preview1" "fd_close" (func (param i64)))
        (memory (export "memory") 1) (func (export "_start")))"#,
    );
    assert!(matches!(
        Host::run(&wrong_type, MemFs::new()),
        Err(Error::Instantiation(_))
    ));
}

#[test]
fn fuel_bounds_a_runaway_guest() {
    let spin = wat(r#"(module (memory (export "memory") 1)
        (func (export "_start") (loop (br 0))))"#);
    assert!(matches!(
        Host::new().fuel(100_000).run_with(&spin, MemFs::new()),
        Err(Error::OutOfFuel { .. })
    ));
}

#[test]
fn args_and_env_are_exactly_what_was_given() {
    let out = Host::new()
        .args(["args_env.wasm", "x", "y z"])
        .env("K", "v")
        .run_with(&fixture("wat/args_env.wasm"), MemFs::new())
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "arg[0]=args_env.wasm\narg[1]=x\narg[2]=y z\nenv[0]=K=v\nargc=3 envc=1\n"
    );
    let out = Host::run(&fixture("wat/args_env.wasm"), MemFs::new()).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "arg[0]=main.wasm\nargc=1 envc=0\n"
    );
}

#[test]
fn runs_are_deterministic_by_default() {
    let run = || Host::run(&fixture("wat/clock_random.wasm"), MemFs::new()).unwrap();
    let (a, b) = (run(), run());
    assert_eq!(a.exit_code, 0);
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert!(text.starts_with("realtime=1700000000000000000 "), "{text}");
    let other = Host::new()
        .random(SeededRandom::new(1))
        .clock(VirtualClock::new(0, 5))
        .run_with(&fixture("wat/clock_random.wasm"), MemFs::new())
        .unwrap();
    let other = String::from_utf8(other.stdout).unwrap();
    assert!(other.starts_with("realtime=0 5 "), "{other}");
    assert_ne!(text.split("random=").nth(1), other.split("random=").nth(1));
}

#[test]
fn stdin_bytes_reach_the_guest() {
    // Reads up to 64 bytes from stdin and writes them to stdout.
    let cat = wat(r#"(module
        (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "_start")
          (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 64))
          (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
          (i32.store (i32.const 4) (i32.load (i32.const 8)))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#);
    let out = Host::new()
        .stdin("hello stdin")
        .run_with(&cat, MemFs::new())
        .unwrap();
    assert_eq!(out.stdout, b"hello stdin");
}

/// A pointer out of bounds traps before any side effect: the file is not created, and
/// nothing reaches stdout.
#[test]
fn out_of_bounds_pointers_trap_before_side_effects() {
    let fs = MemFs::new();
    // path_open(3, 0, "new.txt", CREAT, ..., opened_fd = 0xFFFF_FFF0)
    let open_oob = wat(r#"(module
        (import "wasi_snapshot_preview1" "path_open"
          (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 16) "new.txt")
        (func (export "_start")
          (drop (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 7) (i32.const 1)
                 (i64.const -1) (i64.const -1) (i32.const 0) (i32.const -16)))))"#);
    let err = Host::run(&open_oob, fs.clone()).unwrap_err();
    assert!(
        matches!(&err, Error::Trap { message, .. } if message.contains("out of bounds")),
        "{err:?}"
    );
    assert!(
        fs.read_file("new.txt").is_err(),
        "the file must not have been created"
    );

    // fd_write(1, iovs: one good iovec and one past the end, ...)
    let write_oob = wat(r#"(module
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 100) "visible")
        (func (export "_start")
          (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 7))
          (i32.store (i32.const 8) (i32.const 65530)) (i32.store (i32.const 12) (i32.const 100))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 2) (i32.const 32)))))"#);
    match Host::run(&write_oob, MemFs::new()) {
        Err(Error::Trap { stdout, .. }) => assert!(stdout.is_empty(), "{stdout:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn proc_raise_traps_and_never_signals_the_host() {
    let m = wat(r#"(module
        (import "wasi_snapshot_preview1" "sched_yield" (func $y (result i32)))
        (import "wasi_snapshot_preview1" "proc_raise" (func $raise (param i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func (export "_start")
          ;; sched_yield succeeds; an unknown signal is INVAL (28); SIGKILL (9) traps.
          (if (call $y) (then (call $exit (i32.const 1))))
          (if (i32.ne (call $raise (i32.const 99)) (i32.const 28)) (then (call $exit (i32.const 2))))
          (drop (call $raise (i32.const 9)))
          (call $exit (i32.const 3))))"#);
    match Host::run(&m, MemFs::new()) {
        Err(Error::Trap { message, .. }) => assert!(message.contains("KILL"), "{message}"),
        other => panic!("expected a trap, got {other:?}"),
    }
}

/// The lowered signature of every preview1 import (i = i32, I = i64), written out
/// independently of the glue's table, so a wrong type there fails to link here.
const SIGNATURES: &[(&str, &str)] = &[
    ("args_get", "ii"),
    ("args_sizes_get", "ii"),
    ("environ_get", "ii"),
    ("environ_sizes_get", "ii"),
    ("clock_res_get", "ii"),
    ("clock_time_get", "iIi"),
    ("fd_advise", "iIIi"),
    ("fd_allocate", "iII"),
    ("fd_close", "i"),
    ("fd_datasync", "i"),
    ("fd_fdstat_get", "ii"),
    ("fd_fdstat_set_flags", "ii"),
    ("fd_fdstat_set_rights", "iII"),
    ("fd_filestat_get", "ii"),
    ("fd_filestat_set_size", "iI"),
    ("fd_filestat_set_times", "iIIi"),
    ("fd_pread", "iiiIi"),
    ("fd_prestat_get", "ii"),
    ("fd_prestat_dir_name", "iii"),
    ("fd_pwrite", "iiiIi"),
    ("fd_read", "iiii"),
    ("fd_readdir", "iiiIi"),
    ("fd_renumber", "ii"),
    ("fd_seek", "iIii"),
    ("fd_sync", "i"),
    ("fd_tell", "ii"),
    ("fd_write", "iiii"),
    ("path_create_directory", "iii"),
    ("path_filestat_get", "iiiii"),
    ("path_filestat_set_times", "iiiiIIi"),
    ("path_link", "iiiiiii"),
    ("path_open", "iiiiiIIii"),
    ("path_readlink", "iiiiii"),
    ("path_remove_directory", "iii"),
    ("path_rename", "iiiiii"),
    ("path_symlink", "iiiii"),
    ("path_unlink_file", "iii"),
    ("poll_oneoff", "iiii"),
    ("proc_exit", "i"),
    ("proc_raise", "i"),
    ("sched_yield", ""),
    ("random_get", "ii"),
    ("sock_accept", "iii"),
    ("sock_recv", "iiiiii"),
    ("sock_send", "iiiii"),
    ("sock_shutdown", "ii"),
];

#[test]
fn every_preview1_import_links_with_its_witx_type() {
    assert_eq!(SIGNATURES.len(), 46);
    let mut imports = String::new();
    for (name, params) in SIGNATURES {
        assert!(wasip1_host::abi::IMPORTS.contains(name), "{name}");
        let params: Vec<&str> = params
            .chars()
            .map(|c| if c == 'I' { "i64" } else { "i32" })
            .collect();
        let result = if *name == "proc_exit" {
            ""
        } else {
            "(result i32)"
        };
        imports.push_str(&format!(
            r#"(import "wasi_snapshot_preview1" "{name}" (func (param {}) {result}))"#,
            params.join(" ")
        ));
    }
    let m = wat(&format!(
        r#"(module {imports} (memory (export "memory") 1) (func (export "_start")))"#
    ));
    assert_eq!(Host::run(&m, MemFs::new()).unwrap().exit_code, 0);
}

#[test]
fn preopens_are_numbered_in_order() {
    let extra = MemFs::new();
    extra.write_file("x.txt", b"in extra").unwrap();
    // fd_prestat_dir_name(4) must be "/data".
    let m = wat(r#"(module
        (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "_start")
          (drop (call $name (i32.const 4) (i32.const 100) (i32.const 5)))
          (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 5))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"#);
    let out = Host::new()
        .preopen("/data", extra)
        .run_with(&m, MemFs::new())
        .unwrap();
    assert_eq!(out.stdout, b"/data");
    assert!(matches!(
        Host::new()
            .preopen("", MemFs::new())
            .run_with(&m, MemFs::new()),
        Err(Error::Config(_))
    ));
}

/// A long-running guest must not grow the host stack: wasmi's tail-call dispatch needs
/// optimised builds, and `auto-dispatch` + the dev profile settings in Cargo.toml keep it so.
#[test]
fn long_loops_do_not_grow_the_host_stack() {
    let spin = wat(r#"(module (memory (export "memory") 1)
        (func (export "_start") (local $i i32)
          (loop $l
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $l (i32.lt_u (local.get $i) (i32.const 3000000))))))"#);
    let out = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || Host::run(&spin, MemFs::new()).map(|o| o.exit_code))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert_eq!(out.unwrap(), 0);
}

/// Real modules use v128 instructions: wasmi's `simd` feature is on, so they run.
#[test]
fn simd_guests_run() {
    let out = Host::run(&fixture("wat/simd.wasm"), MemFs::new()).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "lanes 11 44 99 176\nsum 330\n"
    );
}
