//! SQLite's shell (`sqlite/sqlite3.wasm`, SQLite 3.40.1 built from Debian's source by
//! `guest-fixtures/sqlite/build.sh`) keeps a database in the guest's filesystem: the bytes
//! of the database and of its `.dump` equal those Node's WASI produced.
//!
//! Step 1 (`create.sql`) inserts 10,000 rows in one transaction, adds an index, updates,
//! deletes, runs VACUUM and `PRAGMA integrity_check`. Step 2 (`reopen.sql`), a second run of
//! the guest on the same filesystem, reopens the database, deletes half of the rows, runs
//! VACUUM and the check again and `.dump`s it to `dump.sql`. Both go through pread/pwrite,
//! fsync, ftruncate and a rollback journal that is created and unlinked at every commit.
//!
//! `guest-fixtures/sqlite/reference.sha256` holds the hashes Node recorded
//! (`reference.mjs`); the steps, arguments and environment here are the same.

use crate::support::{backends, files_left, fixture, get, hex, put, FsRef};
use std::rc::Rc;
use std::time::Instant;
use wasip1_host::abi::Errno;
use wasip1_host::fs::{Fs, MemFs};
use wasip1_host::Host;

const SQLITE: &str = "sqlite/sqlite3.wasm";

/// Backends that cannot run the scenario, with the reason. Empty: all of them can.
const CANNOT_RUN: &[(&str, &str)] = &[];

/// Runs `sqlite3 -bail -batch items.db ".read SCRIPT"` with `HOME=/` (the shell then looks
/// for `/.sqliterc`, finds none and stays quiet); checks exit code 0 and an empty stderr and
/// returns stdout.
fn shell(wasm: &[u8], fs: Rc<dyn Fs>, script: &str, what: &str) -> String {
    let out = Host::new()
        .args([
            "sqlite3",
            "-bail",
            "-batch",
            "items.db",
            &format!(".read {script}"),
        ])
        .env("HOME", "/")
        .run_with(wasm, fs)
        .unwrap_or_else(|e| panic!("{what} {script}: {e}"));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert_eq!(
        (out.exit_code, String::from_utf8_lossy(&out.stderr).as_ref()),
        (0, ""),
        "{what} {script}: stdout {stdout:?}"
    );
    stdout
}

/// Runs both steps on `fs` and returns the lines of `reference.sha256` they produce.
fn scenario(fs: Rc<dyn Fs>, what: &str) -> String {
    let wasm = fixture(SQLITE);
    for script in ["create.sql", "reopen.sql"] {
        put(&*fs, script, &fixture(&format!("sqlite/{script}")));
    }
    let mut lines = String::new();
    let mut record =
        |name: &str, bytes: &[u8]| lines.push_str(&format!("{}  {name}\n", hex(bytes)));
    let db = |fs: &dyn Fs| get(fs, "items.db").expect("items.db exists");

    let start = Instant::now();
    let step1 = shell(&wasm, Rc::clone(&fs), "create.sql", what);
    let step1_time = start.elapsed();
    assert_eq!(step1, "delete\nok\n9000|4500000|1393561.5\n", "{what}");
    record("step1/stdout", step1.as_bytes());
    record("step1/items.db", &db(&*fs));
    assert_eq!(
        get(&*fs, "items.db-journal"),
        Err(Errno::NOENT),
        "{what}: the rollback journal is gone after the commit"
    );

    let start = Instant::now();
    let step2 = shell(&wasm, Rc::clone(&fs), "reopen.sql", what);
    let step2_time = start.elapsed();
    assert_eq!(
        step2, "9000\nok\n4500|2252500|696665.25\ndumped\n",
        "{what}"
    );
    record("step2/stdout", step2.as_bytes());
    record("step2/items.db", &db(&*fs));
    let dump = get(&*fs, "dump.sql").expect("dump.sql exists");
    assert!(
        dump.starts_with(b"PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n"),
        "{what}"
    );
    assert!(dump.ends_with(b"COMMIT;\n"), "{what}");
    record("step2/dump.sql", &dump);
    assert_eq!(
        files_left(&*fs, what),
        ["create.sql", "dump.sql", "items.db", "reopen.sql"],
        "{what}"
    );
    eprintln!("sqlite on {what}: step 1 {step1_time:.2?}, step 2 {step2_time:.2?}");
    lines
}

fn reference() -> String {
    String::from_utf8(fixture("sqlite/reference.sha256")).unwrap()
}

/// The whole scenario in memory: a `MemFs` and nothing else, no host disk.
#[test]
fn memfs_database_and_dump_match_node() {
    assert_eq!(scenario(Rc::new(MemFs::new()), "MemFs"), reference());
}

/// The same on every other backend of `support::backends()`.
#[test]
fn every_backend_matches_node() {
    for (name, make) in backends() {
        if name == "MemFs" {
            continue; // memfs_database_and_dump_match_node
        }
        if let Some((_, why)) = CANNOT_RUN.iter().find(|(b, _)| *b == name) {
            eprintln!("sqlite: not run on {name}: {why}");
            continue;
        }
        let fs: FsRef = make();
        assert_eq!(scenario(fs, name), reference(), "{name}");
    }
}
