//! The +faststart shape: write 8 MiB, seek back, overwrite a header, append, then move a
//! block from the end to the front through a second descriptor. Byte-exact.

use crate::support::{fixture, Recording};
use wasip1_host::fs::MemFs;
use wasip1_host::Host;

const MIB8: usize = 8 << 20;

/// The bytes `guest-fixtures/*/seek_overwrite.*` must leave in `out/reel.bin`.
pub fn expected() -> Vec<u8> {
    let mut v: Vec<u8> = (0..MIB8).map(|k| (k % 251) as u8).collect();
    for (i, b) in v.iter_mut().take(32).enumerate() {
        *b = 0xA0 + i as u8;
    }
    v.extend(std::iter::repeat_n(0xEE, 1024));
    let tail = v[v.len() - 4096..].to_vec();
    v[32..32 + 4096].copy_from_slice(&tail);
    v
}

fn run(fixture_path: &str) -> MemFs {
    let fs = MemFs::new();
    fs.create_dir_all("out").unwrap();
    let out = Host::run(&fixture(fixture_path), fs.clone()).expect("guest runs");
    assert_eq!(
        out.exit_code,
        0,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, b"ok\n");
    fs
}

#[test]
fn wat_guest_is_byte_exact() {
    let fs = run("wat/seek_overwrite.wasm");
    let got = fs.read_file("out/reel.bin").unwrap();
    assert_eq!(got.len(), MIB8 + 1024);
    assert!(
        got == expected(),
        "contents differ from the expected buffer"
    );
}

#[test]
fn c_guest_is_byte_exact() {
    let fs = run("c/seek_overwrite.wasm");
    let got = fs.read_file("out/reel.bin").unwrap();
    assert_eq!(got.len(), MIB8 + 1024);
    assert!(
        got == expected(),
        "contents differ from the expected buffer"
    );
}

/// Every byte reached the file through the injected filesystem.
#[test]
fn every_file_operation_goes_to_the_injected_fs() {
    let inner = MemFs::new();
    inner.create_dir_all("out").unwrap();
    let rec = Recording::new(inner.clone());
    let out = Host::run(&fixture("wat/seek_overwrite.wasm"), rec.clone()).unwrap();
    assert_eq!(out.exit_code, 0);
    let log = rec.log.borrow();
    assert!(log.iter().any(|l| l == "open_file out/reel.bin"), "{log:?}");
    let written: usize = log
        .iter()
        .filter_map(|l| l.strip_prefix("file.write_at out/reel.bin "))
        .map(|rest| rest.split(' ').nth(1).unwrap().parse::<usize>().unwrap())
        .sum();
    // 8 MiB + 32-byte header + 1 KiB append + 4 KiB block.
    assert_eq!(written, MIB8 + 32 + 1024 + 4096);
    assert!(inner.read_file("out/reel.bin").unwrap() == expected());
}
