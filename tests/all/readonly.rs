//! ReadOnly over a prepared tree: everything that reads works as on the tree itself; every
//! change is refused, with the errno from this table.

use crate::direct::{Direct, FOLLOW, ROOT};
use crate::support::{fixture, mkdir_p, put, symlink, FsRef};
use std::rc::Rc;
use wasip1_host::abi::{Errno, Oflags, Rights};
use wasip1_host::fs::{MemFs, MountTable, ReadOnly};
use wasip1_host::Host;

fn prepared() -> MemFs {
    let fs = MemFs::new();
    put(&fs, "f", b"hello");
    put(&fs, "d/inner", b"in d");
    mkdir_p(&fs, "empty");
    symlink(&fs, "f", "lf");
    fs
}

#[test]
fn reads_work_and_every_change_is_refused() {
    let inner = prepared();
    let fs: FsRef = Rc::new(ReadOnly::new(inner.clone()));
    let mut d = Direct::new(&fs);

    // Reads.
    let fd = d.open(b"lf", Oflags::empty()).map(|_| ()).err();
    assert_eq!(
        fd,
        Some(Errno::ROFS),
        "asking for FD_WRITE is refused at open"
    );
    let read = Rights::FD_READ | Rights::FD_SEEK;
    let fd = d
        .open_at(ROOT, b"lf", FOLLOW, Oflags::empty(), read)
        .unwrap();
    assert_eq!(d.read(fd, 100).unwrap(), b"hello");
    assert_eq!(
        d.write(fd, b"x"),
        Err(Errno::BADF),
        "no FD_WRITE right on this fd"
    );
    let dir = d
        .open_at(ROOT, b"d", FOLLOW, Oflags::DIRECTORY, Rights::FD_READDIR)
        .unwrap();
    assert_eq!(d.list(dir).unwrap(), [".", "..", "inner"]);
    assert_eq!(d.readlink(b"lf").unwrap(), b"f");
    assert_eq!(d.stat(b"d/inner", FOLLOW).unwrap().size, 4);

    // The table: each change and the errno it gets.
    let table: Vec<(&str, Result<(), Errno>, Errno)> = vec![
        (
            "create a file",
            d.open(b"new", Oflags::CREAT).map(drop),
            Errno::ROFS,
        ),
        (
            "truncate",
            d.open(b"f", Oflags::TRUNC).map(drop),
            Errno::ROFS,
        ),
        (
            "open a file for writing",
            d.open(b"f", Oflags::empty()).map(drop),
            Errno::ROFS,
        ),
        (
            "open a directory for writing",
            d.open(b"d", Oflags::empty()).map(drop),
            Errno::ISDIR,
        ),
        ("mkdir", d.mkdir(b"newdir"), Errno::ROFS),
        ("rmdir", d.rmdir(b"empty"), Errno::ROFS),
        ("unlink", d.unlink(b"f"), Errno::ROFS),
        ("rename", d.rename(b"f", b"g"), Errno::ROFS),
        ("link", d.link(b"f", b"g", 0), Errno::ROFS),
        ("symlink", d.symlink(b"f", b"g"), Errno::ROFS),
        ("set times", d.set_times(b"f"), Errno::ROFS),
        (
            "create over an existing file, exclusively",
            d.open(b"f", Oflags::CREAT | Oflags::EXCL).map(drop),
            Errno::EXIST,
        ),
    ];
    for (what, got, want) in table {
        assert_eq!(got, Err(want), "{what}");
    }
    assert_eq!(inner.read_file("f").unwrap(), b"hello");
    assert!(inner.read_file("new").is_err() && inner.read_file("g").is_err());
}

/// Seek-back-and-overwrite fails cleanly on a read-only root, and works in the writable
/// `/tmp` of a standard mount table over that same root.
#[test]
fn a_read_only_root_still_gets_a_writable_tmp() {
    let root = prepared();
    root.create_dir_all("out").unwrap();
    let out = Host::run(
        &fixture("wat/seek_overwrite.wasm"),
        ReadOnly::new(root.clone()),
    )
    .unwrap();
    assert_eq!(out.exit_code, 1, "the first path_open fails (exit code 1)");
    // Through a mount table, the guest writes under /tmp.
    let table = MountTable::standard(ReadOnly::new(root));
    let tmp_probe = Host::new()
        .args(["path_probe.wasm", "create", "tmp/x"])
        .run_with(&fixture("wat/path_probe.wasm"), table)
        .unwrap();
    assert_eq!(tmp_probe.stdout, b"0\n");
}
