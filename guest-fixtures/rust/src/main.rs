//! `std_fs SCENARIO`: drives the host through Rust's `std::fs` (wasm32-wasip1, where std
//! goes through wasi-libc and its preopen lookup) and prints one `step: result` line per step.
//!
//! Scenarios (relative paths resolve against the preopen `/`, fd 3):
//! - `tree`:   create_dir_all, writes, read_dir (sorted, then in the host's raw order),
//!   metadata, rename of a file and of a directory, remove_file, remove_dir_all("a");
//!   leaves `moved.txt` (contents `one`) and lists the root at the end.
//! - `sizes`:  File::create, set_len shrink and grow (zero fill), seek + overwrite, a
//!   sparse write past the end, append with a second writer; leaves `s.bin` and `log.txt`.
//! - `links`:  hard_link (nlink through the raw `fd_filestat_get`: std's `MetadataExt` for
//!   WASI is unstable), symlinks through `std::fs::soft_link` (std's only stable symlink
//!   call on wasip1), read_link, symlink_metadata vs metadata, canonicalize, a dangling
//!   link, a self loop, a link to a directory, absolute and escaping targets; leaves
//!   `target.txt`, `dangling`, `dlink` -> `d` and `d/f.txt`.
//! - `errors`: the `io::ErrorKind` and raw errno of common failures and of sandbox escapes;
//!   leaves `dir/file.txt` (contents `x`).
//!
//! A result is printed as its value (`Debug`; `ok` for `()`), or as `err=KIND errno=N`
//! (`err=KIND` when the error carries no OS code). Exit codes: 0 after the last step, 2
//! for a bad argv (usage on stderr). A failing step that later steps depend on panics:
//! the message goes to stderr and the guest traps (panics abort on wasm32-wasip1).

use std::fmt::Debug;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};

fn main() {
    let scenario = std::env::args().nth(1).unwrap_or_default();
    match scenario.as_str() {
        "tree" => tree(),
        "sizes" => sizes(),
        "links" => links(),
        "errors" => errors(),
        _ => {
            eprintln!("usage: std_fs tree|sizes|links|errors");
            std::process::exit(2);
        }
    }
}

/// Prints `step: value` or `step: err=...` and hands the result back.
fn step<T: Debug>(name: &str, r: io::Result<T>) -> io::Result<T> {
    match &r {
        Ok(v) => println!("{name}: {}", value(v)),
        Err(e) => println!("{name}: {}", err(e)),
    }
    r
}

/// Like [`step`], but the scenario cannot go on without it.
fn must<T: Debug>(name: &str, r: io::Result<T>) -> T {
    step(name, r).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn value<T: Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    if s == "()" {
        "ok".into()
    } else {
        s
    }
}

fn err(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => format!("err={:?} errno={n}", e.kind()),
        None => format!("err={:?}", e.kind()),
    }
}

/// A value already formatted for printing: its `Debug` is the text itself.
struct Raw(String);

impl Debug for Raw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// File contents as an escaped byte string, e.g. `"01\x00"`.
fn bytes(b: &[u8]) -> Raw {
    Raw(format!("\"{}\"", b.escape_ascii()))
}

fn read(path: &str) -> io::Result<Raw> {
    fs::read(path).map(|b| bytes(&b))
}

/// `dir`, `file len=N`, `symlink` or `other` (a directory's size differs between backends).
fn kind(m: &fs::Metadata) -> Raw {
    let t = m.file_type();
    Raw(if t.is_symlink() {
        "symlink".into()
    } else if t.is_dir() {
        "dir".into()
    } else if t.is_file() {
        format!("file len={}", m.len())
    } else {
        "other".into()
    })
}

fn meta(path: &str) -> io::Result<Raw> {
    fs::metadata(path).map(|m| kind(&m))
}

fn lmeta(path: &str) -> io::Result<Raw> {
    fs::symlink_metadata(path).map(|m| kind(&m))
}

/// Entry names in the order the host's `fd_readdir` gave them (std drops `.` and `..`).
fn listing(path: &str) -> io::Result<Vec<String>> {
    fs::read_dir(path)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect()
}

fn sorted(path: &str) -> io::Result<Vec<String>> {
    listing(path).map(|mut v| {
        v.sort();
        v
    })
}

fn tree() {
    must("create_dir_all a/b/c", fs::create_dir_all("a/b/c"));
    must("create_dir_all a/b/c again", fs::create_dir_all("a/b/c"));
    // Created out of name order, so the raw listing shows the backend's order.
    must("create_dir a/z", fs::create_dir("a/z"));
    must("write a/two.txt", fs::write("a/two.txt", "two!"));
    must("write a/one.txt", fs::write("a/one.txt", "one"));
    must("write a/b/three.txt", fs::write("a/b/three.txt", "three"));
    let names = must("read_dir a sorted", sorted("a"));
    step("read_dir a raw", listing("a")).ok();
    for name in &names {
        let path = format!("a/{name}");
        step(&format!("metadata {path}"), meta(&path)).ok();
    }
    step("read_dir a/b sorted", sorted("a/b")).ok();
    must(
        "rename a/one.txt a/b/c/uno.txt",
        fs::rename("a/one.txt", "a/b/c/uno.txt"),
    );
    step("metadata a/one.txt", meta("a/one.txt")).ok();
    step("read a/b/c/uno.txt", read("a/b/c/uno.txt")).ok();
    must("rename a/b a/bee", fs::rename("a/b", "a/bee"));
    step("metadata a/b", meta("a/b")).ok();
    step("read_dir a/bee/c sorted", sorted("a/bee/c")).ok();
    step("read a/bee/three.txt", read("a/bee/three.txt")).ok();
    must("remove_file a/two.txt", fs::remove_file("a/two.txt"));
    step("metadata a/two.txt", meta("a/two.txt")).ok();
    step("read_dir a sorted", sorted("a")).ok();
    must(
        "rename a/bee/c/uno.txt moved.txt",
        fs::rename("a/bee/c/uno.txt", "moved.txt"),
    );
    must("remove_dir_all a", fs::remove_dir_all("a"));
    step("metadata a", meta("a")).ok();
    step("exists a", fs::exists("a")).ok();
    step("read_dir . sorted", sorted(".")).ok();
}

#[allow(clippy::seek_from_current)] // `Current(0)` is a step of its own here
fn sizes() {
    let mut f = must("create s.bin", File::create("s.bin"));
    must("write 0123456789", f.write_all(b"0123456789"));
    step("len", f.metadata().map(|m| m.len())).ok();
    must("set_len 4", f.set_len(4));
    step("len", f.metadata().map(|m| m.len())).ok();
    must("set_len 8", f.set_len(8));
    step("len", f.metadata().map(|m| m.len())).ok();
    step("read s.bin", read("s.bin")).ok();
    // The cursor stayed at 10 through both set_len calls.
    step("stream_position", f.stream_position()).ok();
    step("seek Start(2)", f.seek(SeekFrom::Start(2))).ok();
    must("write AB", f.write_all(b"AB"));
    step("stream_position", f.stream_position()).ok();
    step("seek End(-1)", f.seek(SeekFrom::End(-1))).ok();
    must("write Z", f.write_all(b"Z"));
    step("seek Current(0)", f.seek(SeekFrom::Current(0))).ok();
    step("len", f.metadata().map(|m| m.len())).ok();
    step("read s.bin", read("s.bin")).ok();
    step("seek End(2)", f.seek(SeekFrom::End(2))).ok();
    must("write !", f.write_all(b"!"));
    step("len", f.metadata().map(|m| m.len())).ok();
    step("seek Current(-20)", f.seek(SeekFrom::Current(-20))).ok();
    drop(f);
    step("read s.bin", read("s.bin")).ok();

    let mut r = must("open s.bin read+write", {
        OpenOptions::new().read(true).write(true).open("s.bin")
    });
    let mut buf = [0; 4];
    must("read_exact 4", r.read_exact(&mut buf));
    step("got", Ok(bytes(&buf))).ok();
    must("write xy", r.write_all(b"xy"));
    step("stream_position", r.stream_position()).ok();
    let mut rest = Vec::new();
    step("read_to_end", r.read_to_end(&mut rest)).ok();
    step("rest", Ok(bytes(&rest))).ok();
    drop(r);

    must("write log.txt", fs::write("log.txt", "first\n"));
    let mut a = must("open log.txt append", {
        OpenOptions::new().append(true).open("log.txt")
    });
    must("write second", a.write_all(b"second\n"));
    step("stream_position", a.stream_position()).ok();
    step("seek Start(0)", a.seek(SeekFrom::Start(0))).ok();
    must("write third", a.write_all(b"third\n"));
    step("stream_position", a.stream_position()).ok();
    // Another writer grows the file; the appending handle still writes at the new end.
    let mut other = must("open log.txt write", {
        OpenOptions::new().write(true).open("log.txt")
    });
    step("other seek End(0)", other.seek(SeekFrom::End(0))).ok();
    must("other write fourth", other.write_all(b"fourth\n"));
    must("write fifth", a.write_all(b"fifth\n"));
    step("stream_position", a.stream_position()).ok();
    drop((a, other));
    step("read log.txt", read("log.txt")).ok();
    step("append_only read", {
        let mut a = OpenOptions::new().append(true).open("log.txt").unwrap();
        let mut s = String::new();
        a.read_to_string(&mut s)
    })
    .ok();

    must("create t.bin", fs::write("t.bin", "not empty"));
    must("File::create t.bin", File::create("t.bin").map(drop));
    step("metadata t.bin", meta("t.bin")).ok();
    must("remove_file t.bin", fs::remove_file("t.bin"));
}

/// The number of links of an open file, through the raw `fd_filestat_get` (std's
/// `MetadataExt::nlink` for WASI is unstable).
fn nlink(path: &str) -> io::Result<u64> {
    use std::os::fd::AsRawFd;
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        fn fd_filestat_get(fd: i32, buf: *mut u8) -> i32;
    }
    let f = File::open(path)?;
    // dev u64, ino u64, filetype u8 + 7 padding, nlink u64 at 24, size, atim, mtim, ctim.
    let mut stat = [0u8; 64];
    // SAFETY: `stat` is a 64-byte buffer, the size of the WASI `filestat` struct; the host
    // writes at most that many bytes (the import needs no alignment).
    let errno = unsafe { fd_filestat_get(f.as_raw_fd(), stat.as_mut_ptr()) };
    if errno != 0 {
        return Err(io::Error::from_raw_os_error(errno));
    }
    let mut n = [0; 8];
    n.copy_from_slice(&stat[24..32]);
    Ok(u64::from_le_bytes(n))
}

#[allow(deprecated)] // `soft_link` is std's only stable symlink call on wasip1.
fn symlink(target: &str, link: &str) -> io::Result<()> {
    fs::soft_link(target, link)
}

fn links() {
    must("write target.txt", fs::write("target.txt", "hello"));
    must("hard_link target.txt hard.txt", {
        fs::hard_link("target.txt", "hard.txt")
    });
    step("read hard.txt", read("hard.txt")).ok();
    step("nlink target.txt", nlink("target.txt")).ok();
    step("nlink hard.txt", nlink("hard.txt")).ok();
    must("append via hard.txt", {
        let mut f = OpenOptions::new().append(true).open("hard.txt").unwrap();
        f.write_all(b" world")
    });
    step("read target.txt", read("target.txt")).ok();
    step("hard_link target.txt hard.txt again", {
        fs::hard_link("target.txt", "hard.txt")
    })
    .ok();

    must(
        "symlink target.txt sym.txt",
        symlink("target.txt", "sym.txt"),
    );
    step("read_link sym.txt", fs::read_link("sym.txt")).ok();
    step("symlink_metadata sym.txt", lmeta("sym.txt")).ok();
    step("metadata sym.txt", meta("sym.txt")).ok();
    step("read sym.txt", read("sym.txt")).ok();
    step("canonicalize sym.txt", fs::canonicalize("sym.txt")).ok();
    step("read_link target.txt", fs::read_link("target.txt")).ok();

    must(
        "symlink missing.txt dangling",
        symlink("missing.txt", "dangling"),
    );
    step("metadata dangling", meta("dangling")).ok();
    step("symlink_metadata dangling", lmeta("dangling")).ok();
    step("read_link dangling", fs::read_link("dangling")).ok();
    step("exists dangling", fs::exists("dangling")).ok();
    step("read dangling", read("dangling")).ok();

    must("create_dir d", fs::create_dir("d"));
    must("symlink d dlink", symlink("d", "dlink"));
    must("write dlink/f.txt", fs::write("dlink/f.txt", "via link"));
    step("read_dir d sorted", sorted("d")).ok();
    step("metadata dlink", meta("dlink")).ok();
    step("symlink_metadata dlink", lmeta("dlink")).ok();
    step("read d/f.txt", read("d/f.txt")).ok();

    step("symlink self loop", symlink("loop", "loop")).ok();
    step("metadata loop", meta("loop")).ok();
    step("symlink /etc/passwd abs", symlink("/etc/passwd", "abs")).ok();
    step("symlink ../outside up", symlink("../outside", "up")).ok();
    step("read up", read("up")).ok();

    must("remove_file hard.txt", fs::remove_file("hard.txt"));
    step("nlink target.txt", nlink("target.txt")).ok();
    must("remove_file sym.txt", fs::remove_file("sym.txt"));
    step("metadata target.txt", meta("target.txt")).ok();
    step("remove_file loop", fs::remove_file("loop")).ok();
    step("remove_file up", fs::remove_file("up")).ok();
    step("read_dir . sorted", sorted(".")).ok();
}

/// Opens `path` read-only and closes it again.
fn open(path: &str) -> io::Result<()> {
    File::open(path).map(drop)
}

/// Opens the directory `path` for listing, reading nothing.
fn opendir(path: &str) -> io::Result<()> {
    fs::read_dir(path).map(drop)
}

fn errors() {
    must("create_dir dir", fs::create_dir("dir"));
    must("write dir/file.txt", fs::write("dir/file.txt", "x"));
    step("File::open missing.txt", open("missing.txt")).ok();
    step("File::open nodir/x", open("nodir/x")).ok();
    step("create_dir dir", fs::create_dir("dir")).ok();
    step("create_new dir/file.txt", {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open("dir/file.txt")
    })
    .ok();
    step("remove_dir dir", fs::remove_dir("dir")).ok();
    step("read_dir dir/file.txt", opendir("dir/file.txt")).ok();
    step("File::open dir/file.txt/", open("dir/file.txt/")).ok();
    step("remove_dir dir/file.txt", fs::remove_dir("dir/file.txt")).ok();
    step("remove_file dir", fs::remove_file("dir")).ok();
    step("File::create dir", File::create("dir").map(drop)).ok();
    step("rename dir dir/sub", fs::rename("dir", "dir/sub")).ok();
    step("write read-only handle", {
        File::open("dir/file.txt").and_then(|mut f| f.write(b"y"))
    })
    .ok();
    step("read write-only handle", {
        let mut f = OpenOptions::new().write(true).open("dir/file.txt").unwrap();
        f.read(&mut [0; 4])
    })
    .ok();
    // wasi-libc maps an absolute path onto the preopen named `/`: the sandbox root.
    step("read_dir / sorted", sorted("/")).ok();
    step("File::open /etc/passwd", open("/etc/passwd")).ok();
    step("File::open ../x", open("../x")).ok();
    step("File::open dir/../../x", open("dir/../../x")).ok();
    step("create_dir ../escape", fs::create_dir("../escape")).ok();
    step("write ../escape.txt", fs::write("../escape.txt", "x")).ok();
    step("read_dir ..", opendir("..")).ok();
    step("File::open a<NUL>b", open("a\0b")).ok();
    step("read dir/file.txt", read("dir/file.txt")).ok();
}
