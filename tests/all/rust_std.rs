//! Rust guests (wasm32-wasip1, std::fs) exercising the filesystem end to end.
//!
//! `rust/std_fs.wasm SCENARIO` (source: `guest-fixtures/rust/src/main.rs`) goes through
//! Rust's std and wasi-libc, the path most Rust programs take, and prints one
//! `step: result` line per step (`err=KIND errno=N` for failures). Each test runs one
//! scenario on every backend in `support::backends()`, compares the whole transcript and
//! exit code 0, then inspects what the guest left behind through the `Fs` trait only.
//!
//! The `io::ErrorKind` names are std's decoding of the errno (std 1.95 leaves some, such as
//! `NOTEMPTY` and `BADF`, as `Uncategorized`); the errno number is the host's answer.

use crate::support::{backends, get, lstat, put, run_fixture, symlink, FsRef};
use wasip1_host::abi::{Errno, Filetype};
use wasip1_host::fs::VPath;

const STD_FS: &str = "rust/std_fs.wasm";

/// Every backend lists by name, so the guest's raw listing is sorted too; a backend that did
/// not would go here, and its raw listings would be compared as sets.
const UNSORTED_LISTINGS: &[&str] = &[];

/// Runs `std_fs SCENARIO` on `fs`, checks the exit code and returns stdout.
fn run(backend: &str, fs: &FsRef, scenario: &str) -> String {
    let out = run_fixture(STD_FS, &["std_fs", scenario], fs);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 transcript");
    assert_eq!(
        out.exit_code,
        0,
        "{backend} {scenario}: stderr {:?}\nstdout:\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Compares a transcript line by line, naming the first difference.
fn assert_transcript(backend: &str, scenario: &str, actual: &str, expected: &str) {
    let expected = expected.strip_prefix('\n').unwrap_or(expected);
    let actual = crate::support::without_root_mounts(backend, actual);
    let actual = if UNSORTED_LISTINGS.contains(&backend) {
        sort_raw_listings(&actual)
    } else {
        actual
    };
    if actual == expected {
        return;
    }
    let (a, e): (Vec<_>, Vec<_>) = (actual.lines().collect(), expected.lines().collect());
    let n = a.iter().zip(&e).take_while(|(a, e)| a == e).count();
    panic!(
        "{backend} {scenario}: transcript differs at line {}\n  expected: {:?}\n  actual:   {:?}\n\
         whole transcript:\n{actual}",
        n + 1,
        e.get(n),
        a.get(n),
    );
}

/// Sorts the names of every `read_dir ... raw: [..]` line (names hold no `, `).
fn sort_raw_listings(transcript: &str) -> String {
    let mut out = String::new();
    for line in transcript.lines() {
        match line.split_once(" raw: [") {
            Some((step, list)) if step.starts_with("read_dir ") => {
                let list = list.strip_suffix(']').unwrap_or(list);
                let mut names: Vec<_> = list.split(", ").filter(|s| !s.is_empty()).collect();
                names.sort_unstable();
                out.push_str(&format!("{step} raw: [{}]\n", names.join(", ")));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn path(p: &str) -> VPath<'_> {
    VPath::new(p).unwrap()
}

fn filetype(fs: &FsRef, p: &str) -> Result<Filetype, Errno> {
    lstat(&**fs, p).map(|s| s.filetype)
}

const TREE: &str = r#"
create_dir_all a/b/c: ok
create_dir_all a/b/c again: ok
create_dir a/z: ok
write a/two.txt: ok
write a/one.txt: ok
write a/b/three.txt: ok
read_dir a sorted: ["b", "ln", "one.txt", "two.txt", "z"]
read_dir a raw: ["b", "ln", "one.txt", "two.txt", "z"]
metadata a/b: dir
metadata a/ln: dir
metadata a/one.txt: file len=3
metadata a/two.txt: file len=4
metadata a/z: dir
read_dir a/b sorted: ["c", "three.txt"]
rename a/one.txt a/b/c/uno.txt: ok
metadata a/one.txt: err=NotFound errno=44
read a/b/c/uno.txt: "one"
rename a/b a/bee: ok
metadata a/b: err=NotFound errno=44
read_dir a/bee/c sorted: ["uno.txt"]
read a/bee/three.txt: "three"
remove_file a/two.txt: ok
metadata a/two.txt: err=NotFound errno=44
read_dir a sorted: ["bee", "ln", "z"]
rename a/bee/c/uno.txt moved.txt: ok
remove_dir_all a: ok
metadata a: err=NotFound errno=44
exists a: false
read_dir . sorted: ["keep", "moved.txt"]
"#;

/// create_dir_all, listings, metadata, renames of a file and a directory, remove_dir_all
/// (which must remove the host-made symlink `a/ln -> ../keep`, not what it points to).
#[test]
fn tree() {
    for (backend, make) in backends() {
        let fs = make();
        put(&*fs, "keep/k.txt", b"kept");
        symlink(&*fs, "../keep", "a/ln");
        if crate::support::setup_incomplete(backend, "std_fs tree") {
            continue;
        }
        let out = run(backend, &fs, "tree");
        assert_transcript(backend, "tree", &out, TREE);
        assert_eq!(lstat(&*fs, "a").map(drop), Err(Errno::NOENT), "{backend}");
        assert_eq!(
            get(&*fs, "moved.txt").as_deref(),
            Ok(&b"one"[..]),
            "{backend}"
        );
        assert_eq!(
            get(&*fs, "keep/k.txt").as_deref(),
            Ok(&b"kept"[..]),
            "{backend}"
        );
    }
}

const SIZES: &str = r#"
create s.bin: File { fd: 4, read: false, write: true }
write 0123456789: ok
len: 10
set_len 4: ok
len: 4
set_len 8: ok
len: 8
read s.bin: "0123\x00\x00\x00\x00"
stream_position: 10
seek Start(2): 2
write AB: ok
stream_position: 4
seek End(-1): 7
write Z: ok
seek Current(0): 8
len: 8
read s.bin: "01AB\x00\x00\x00Z"
seek End(2): 10
write !: ok
len: 11
seek Current(-20): err=InvalidInput errno=28
read s.bin: "01AB\x00\x00\x00Z\x00\x00!"
open s.bin read+write: File { fd: 4, read: true, write: true }
read_exact 4: ok
got: "01AB"
write xy: ok
stream_position: 6
read_to_end: 5
rest: "\x00Z\x00\x00!"
write log.txt: ok
open log.txt append: File { fd: 4, read: false, write: true }
write second: ok
stream_position: 13
seek Start(0): 0
write third: ok
stream_position: 19
open log.txt write: File { fd: 5, read: false, write: true }
other seek End(0): 19
other write fourth: ok
write fifth: ok
stream_position: 32
read log.txt: "first\nsecond\nthird\nfourth\nfifth\n"
append_only read: err=Uncategorized errno=8
create t.bin: ok
File::create t.bin: ok
metadata t.bin: file len=0
remove_file t.bin: ok
"#;

/// set_len both ways, seek + overwrite (never insert), a sparse write, append with a
/// second writer, File::create truncating.
#[test]
fn sizes() {
    for (backend, make) in backends() {
        let fs = make();
        let out = run(backend, &fs, "sizes");
        assert_transcript(backend, "sizes", &out, SIZES);
        assert_eq!(
            get(&*fs, "s.bin").as_deref(),
            Ok(&b"01ABxy\0Z\0\0!"[..]),
            "{backend}"
        );
        assert_eq!(
            get(&*fs, "log.txt").as_deref(),
            Ok(&b"first\nsecond\nthird\nfourth\nfifth\n"[..]),
            "{backend}"
        );
        assert_eq!(
            lstat(&*fs, "t.bin").map(drop),
            Err(Errno::NOENT),
            "{backend}"
        );
    }
}

const LINKS: &str = r#"
write target.txt: ok
hard_link target.txt hard.txt: ok
read hard.txt: "hello"
nlink target.txt: 2
nlink hard.txt: 2
append via hard.txt: ok
read target.txt: "hello world"
hard_link target.txt hard.txt again: err=AlreadyExists errno=20
symlink target.txt sym.txt: ok
read_link sym.txt: "target.txt"
symlink_metadata sym.txt: symlink
metadata sym.txt: file len=11
read sym.txt: "hello world"
canonicalize sym.txt: "/target.txt"
read_link target.txt: err=InvalidInput errno=28
symlink missing.txt dangling: ok
metadata dangling: err=NotFound errno=44
symlink_metadata dangling: symlink
read_link dangling: "missing.txt"
exists dangling: false
read dangling: err=NotFound errno=44
create_dir d: ok
symlink d dlink: ok
write dlink/f.txt: ok
read_dir d sorted: ["f.txt"]
metadata dlink: dir
symlink_metadata dlink: symlink
read d/f.txt: "via link"
symlink self loop: ok
metadata loop: err=FilesystemLoop errno=32
symlink /etc/passwd abs: err=PermissionDenied errno=63
symlink ../outside up: ok
read up: err=PermissionDenied errno=63
remove_file hard.txt: ok
nlink target.txt: 1
remove_file sym.txt: ok
metadata target.txt: file len=11
remove_file loop: ok
remove_file up: ok
read_dir . sorted: ["d", "dangling", "dlink", "target.txt"]
"#;

/// Hard links (shared bytes, nlink), symlinks: read_link, symlink_metadata vs metadata,
/// canonicalize, dangling, self loop, to a directory, absolute and escaping targets.
#[test]
fn links() {
    for (backend, make) in backends() {
        use crate::support::Need::{HardLinks, Symlinks};
        if !crate::support::supports(backend, &[Symlinks, HardLinks], "std_fs links") {
            continue;
        }
        let fs = make();
        let out = run(backend, &fs, "links");
        assert_transcript(backend, "links", &out, LINKS);
        let target = lstat(&*fs, "target.txt").unwrap();
        assert_eq!(
            (target.filetype, target.nlink, target.size),
            (Filetype::REGULAR_FILE, 1, 11),
            "{backend}"
        );
        assert_eq!(
            get(&*fs, "target.txt").as_deref(),
            Ok(&b"hello world"[..]),
            "{backend}"
        );
        assert_eq!(
            filetype(&fs, "dangling"),
            Ok(Filetype::SYMBOLIC_LINK),
            "{backend}"
        );
        assert_eq!(
            fs.readlink(path("dangling")).as_deref(),
            Ok("missing.txt"),
            "{backend}"
        );
        assert_eq!(fs.readlink(path("dlink")).as_deref(), Ok("d"), "{backend}");
        assert_eq!(
            get(&*fs, "d/f.txt").as_deref(),
            Ok(&b"via link"[..]),
            "{backend}"
        );
        for gone in ["hard.txt", "sym.txt", "loop", "abs", "up", "missing.txt"] {
            assert_eq!(filetype(&fs, gone), Err(Errno::NOENT), "{backend} {gone}");
        }
    }
}

const ERRORS: &str = r#"
create_dir dir: ok
write dir/file.txt: ok
File::open missing.txt: err=NotFound errno=44
File::open nodir/x: err=NotFound errno=44
create_dir dir: err=AlreadyExists errno=20
create_new dir/file.txt: err=AlreadyExists errno=20
remove_dir dir: err=Uncategorized errno=55
read_dir dir/file.txt: err=NotADirectory errno=54
File::open dir/file.txt/: err=NotADirectory errno=54
remove_dir dir/file.txt: err=NotADirectory errno=54
remove_file dir: err=IsADirectory errno=31
File::create dir: err=IsADirectory errno=31
rename dir dir/sub: err=InvalidInput errno=28
write read-only handle: err=Uncategorized errno=8
read write-only handle: err=Uncategorized errno=8
read_dir / sorted: ["dir"]
File::open /etc/passwd: err=NotFound errno=44
File::open ../x: err=PermissionDenied errno=63
File::open dir/../../x: err=PermissionDenied errno=63
create_dir ../escape: err=PermissionDenied errno=63
write ../escape.txt: err=PermissionDenied errno=63
read_dir ..: err=PermissionDenied errno=63
File::open a<NUL>b: err=InvalidInput
read dir/file.txt: "x"
"#;

/// The errno (and std's `ErrorKind`) of common failures; sandbox escapes are `PERM`, and
/// an absolute path lands inside the sandbox (wasi-libc maps it onto the preopen `/`).
#[test]
fn errors() {
    for (backend, make) in backends() {
        let fs = make();
        let out = run(backend, &fs, "errors");
        assert_transcript(backend, "errors", &out, ERRORS);
        assert_eq!(
            get(&*fs, "dir/file.txt").as_deref(),
            Ok(&b"x"[..]),
            "{backend}"
        );
        for gone in ["dir/sub", "escape", "escape.txt", "x", "etc"] {
            assert_eq!(filetype(&fs, gone), Err(Errno::NOENT), "{backend} {gone}");
        }
    }
}

/// Without a known scenario the guest prints its usage and exits 2, touching nothing.
#[test]
fn bad_argv_is_usage() {
    for (backend, make) in backends() {
        let fs = make();
        let out = run_fixture(STD_FS, &["std_fs", "nope"], &fs);
        assert_eq!(out.exit_code, 2, "{backend}");
        assert!(out.stdout.is_empty(), "{backend}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "usage: std_fs tree|sizes|links|errors\n",
            "{backend}"
        );
    }
}

#[test]
fn raw_listings_are_compared_as_sets_on_unsorted_backends() {
    assert_eq!(
        sort_raw_listings("x: 1\nread_dir a raw: [\"z\", \"b\"]\nread_dir a raw: []\n"),
        "x: 1\nread_dir a raw: [\"b\", \"z\"]\nread_dir a raw: []\n"
    );
}
