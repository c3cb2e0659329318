//! Errors a guest sees for common mistakes.

use crate::support::probe;
use wasip1_host::abi::Errno;
use wasip1_host::fs::MemFs;

#[test]
fn common_errors_have_posix_errnos() {
    let fs = MemFs::new();
    fs.write_file("exists.txt", b"data").unwrap();
    fs.create_dir_all("dir").unwrap();
    let cases: &[(&str, &str, Errno)] = &[
        ("write-badfd", "99", Errno::BADF),
        ("write-badfd", "4294967295", Errno::BADF),
        ("open", "missing.txt", Errno::NOENT),
        ("open", "missing/file.txt", Errno::NOENT),
        ("write-readonly", "exists.txt", Errno::BADF),
        ("open-write", "dir", Errno::ISDIR),
        ("create-excl", "exists.txt", Errno::EXIST),
        ("create-excl", "dir", Errno::EXIST),
        ("open-dir", "exists.txt", Errno::NOTDIR),
        ("open", "exists.txt/", Errno::NOTDIR),
        ("open", "exists.txt/x", Errno::NOTDIR),
        ("open", "%FF", Errno::ILSEQ),
        // Successes, so the probe can tell the difference.
        ("open", "exists.txt", Errno::SUCCESS),
        ("open-dir", "dir", Errno::SUCCESS),
        ("open", "dir/", Errno::SUCCESS),
        ("create", "new.txt", Errno::SUCCESS),
        ("stat", "exists.txt", Errno::SUCCESS),
    ];
    for &(op, path, want) in cases {
        assert_eq!(probe(&fs, op, path), want, "{op} {path}");
    }
    assert_eq!(fs.read_file("new.txt").unwrap(), b"");
    assert_eq!(fs.read_file("exists.txt").unwrap(), b"data");
}

#[test]
fn long_names_and_paths_are_nametoolong() {
    let fs = MemFs::new();
    assert_eq!(probe(&fs, "open", &"a".repeat(256)), Errno::NAMETOOLONG);
    assert_eq!(probe(&fs, "open", &"a/".repeat(2100)), Errno::NAMETOOLONG);
    assert_eq!(probe(&fs, "open", &"a".repeat(255)), Errno::NOENT);
}

/// The demo guest of the README: a real C program (wasi-libc stdio) over a MemFs.
#[test]
fn c_guest_reads_and_writes_through_libc() {
    let fs = MemFs::new();
    fs.write_file("in/hello.txt", b"Hello, world!\n").unwrap();
    fs.create_dir_all("out").unwrap();
    let out = wasip1_host::Host::new()
        .args(["hello_fs.wasm", "-x"])
        .env("GREETING", "hi")
        .run_with(&crate::support::fixture("c/hello_fs.wasm"), fs.clone())
        .unwrap();
    assert_eq!(out.exit_code, 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "hello_fs: read 14 bytes from in/hello.txt, wrote 14 bytes to out/HELLO.TXT\narg: -x\nGREETING=hi\n"
    );
    assert_eq!(fs.read_file("out/HELLO.TXT").unwrap(), b"HELLO, WORLD!\n");

    // Without the input, libc reports ENOENT through errno and the guest exits 1.
    let empty = MemFs::new();
    let out = wasip1_host::Host::run(&crate::support::fixture("c/hello_fs.wasm"), empty).unwrap();
    assert_eq!(out.exit_code, 1);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "hello_fs: open in/hello.txt: No such file or directory\n"
    );
}
