//! C guests (clang + wasi-libc) exercising POSIX file APIs end to end.
//!
//! Each guest (`guest-fixtures/c/posix_*.c`) prints one `step: result` line per step; the
//! tests compare that transcript with the exact expected one, on every backend, and then look
//! at what the guest left in the filesystem. Trees are prepared and inspected through the
//! `Fs` trait only, so the same test runs on every backend.

use crate::support::{backends, get, lstat, mkdir_p, put, run_fixture, symlink, FsRef};
use wasip1_host::abi::{Errno, Filetype};
use wasip1_host::fs::VPath;

/// Runs the fixture `rel` (`c/NAME.wasm`) over `fs`, checks it printed exactly `want` and
/// exited 0.
fn run_and_compare(backend: &str, rel: &str, fs: &FsRef, want: &str) {
    let name = rel.trim_start_matches("c/").trim_end_matches(".wasm");
    let out = run_fixture(rel, &[name], fs);
    let got = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if got != want {
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(g, w)| g != w)
            .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
        panic!(
            "{backend}: {name} transcript differs at line {}:\n  got:  {:?}\n  want: {:?}\n\
             full output:\n{got}--stderr--\n{stderr}",
            first + 1,
            got.lines().nth(first),
            want.lines().nth(first),
        );
    }
    assert_eq!(
        out.exit_code, 0,
        "{backend}: {name} exit code; stderr {stderr}"
    );
}

/// The names in directory `path`, through the `Fs` trait.
fn names(fs: &FsRef, path: &str) -> Vec<String> {
    let mut names: Vec<String> = fs
        .read_dir(VPath::new(path).unwrap())
        .unwrap_or_else(|e| panic!("read_dir {path}: {e}"))
        .into_iter()
        .map(|e| e.name)
        .collect();
    names.sort();
    names
}

const DIRS: &str = "\
opendir list: ok
readdir: . dir tell=0 ino=ok
readdir: .. dir tell=1 ino=ok
readdir: alpha file tell=2 ino=ok
readdir: beta file tell=3 ino=ok
readdir: delta file tell=4 ino=ok
readdir: gamma dir tell=5 ino=ok
readdir: end tell=6
entries: 6
seekdir: tell=2
after seekdir: alpha
after seekdir: beta
after seekdir: delta
after seekdir: gamma
after seekdir same as first listing: yes
create list/epsilon: ok
rewinddir: tell=0
after rewinddir: . .. alpha beta delta epsilon gamma
closedir: ok
mkdir made: ok
stat made: dir
mkdir made again: errno=EEXIST
rmdir full: errno=ENOTEMPTY
rmdir made: ok
stat made after rmdir: errno=ENOENT
mkdir many: ok
created in many: 300
opendir many: ok
many entries: 302
many distinct names: 300
many other names: 0
many seekdir to entry 150: f148 same
closedir many: ok
done: ok
";

/// opendir/readdir (`.` and `..` included, d_ino = lstat's st_ino), telldir/seekdir,
/// rewinddir seeing a new file, mkdir/rmdir and their errors, and a 300-entry directory
/// read through several `fd_readdir` buffers. Listings come in name order (the backends'
/// documented order), and `telldir` gives the cookies of `docs/semantics.md`: entry `i`
/// of the listing (`.` is 0) starts at cookie `i`.
#[test]
fn posix_dirs() {
    for (backend, make) in backends() {
        let fs = make();
        for file in ["list/alpha", "list/beta", "list/delta", "full/inner"] {
            put(&*fs, file, b"");
        }
        mkdir_p(&*fs, "list/gamma");

        run_and_compare(backend, "c/posix_dirs.wasm", &fs, DIRS);

        assert_eq!(
            names(&fs, "list"),
            ["alpha", "beta", "delta", "epsilon", "gamma"],
            "{backend}"
        );
        assert_eq!(
            lstat(&*fs, "list/epsilon").map(|st| st.filetype),
            Ok(Filetype::REGULAR_FILE),
            "{backend}"
        );
        assert_eq!(lstat(&*fs, "made").err(), Some(Errno::NOENT), "{backend}");
        assert_eq!(names(&fs, "full"), ["inner"], "{backend}");
        let many = names(&fs, "many");
        let want: Vec<String> = (0..300).map(|k| format!("f{k:03}")).collect();
        assert_eq!(many, want, "{backend}");
    }
}

const LINKS: &str = "\
rename file: ok
lstat r/file1: errno=ENOENT
cat r/file2: \"one\"
rename dir: ok
lstat r/dir1: errno=ENOENT
cat r/dir1b/inside: \"in\"
rename file over file: ok
lstat r/file2: errno=ENOENT
cat r/victim: \"one\"
rename dir over empty dir: ok
lstat r/dir1b: errno=ENOENT
cat r/empty/inside: \"in\"
rename dir into its child: errno=EINVAL
lstat r/dir2/inner: errno=ENOENT
cat r/dir2/x: \"x\"
rename dir over non-empty dir: errno=ENOTEMPTY
cat r/empty/inside: \"in\"
rename file over dir: errno=EISDIR
lstat r/dir2: dir
cat r/victim: \"one\"
open l/orig: ok
link l/orig l/hard: ok
fstat l/orig nlink: 2
stat l/orig nlink: 2
stat l/hard nlink: 2
same inode: yes
open l/hard for writing: ok
write l/hard: 7
close l/hard: ok
cat l/orig: \"changed\"
cat l/hard: \"changed\"
link onto existing name: errno=EEXIST
close l/orig: ok
symlink dangling: ok
lstat l/dangling: symlink
stat l/dangling: errno=ENOENT
readlink l/dangling: 14 \"nowhere/target\" next byte untouched
readlink short buffer: 4 \"nowh\" next byte untouched
readlink regular file: errno=EINVAL
symlink onto existing name: errno=EEXIST
symlink l/deeplink: ok
realpath ./l/../l/deeplink/../deeper/./leaf: /l/sub/deeper/leaf
realpath l/deeplink: /l/sub/deeper
host resolves it to the same file: yes
cat ./l/../l/deeplink/../deeper/./leaf: \"leaf\"
realpath l/tosub/./deeper/leaf: /l/sub/deeper/leaf
symlink l/tolink: ok
cat l/tolink: \"changed\"
unlink l/tolink: ok
lstat l/tolink: errno=ENOENT
cat l/orig: \"changed\"
done: ok
";

/// rename (file, dir, over a file, over an empty dir; into its own child, over a non-empty
/// dir, file over dir fail), link (nlink 2 through fstat and stat, shared content),
/// symlink/readlink (dangling, truncating buffer, EINVAL on a file), a realpath done by
/// the guest with lstat/readlink through `.`, `..` and a symlink, and unlink of a symlink.
#[test]
fn posix_links() {
    for (backend, make) in backends() {
        use crate::support::Need::{HardLinks, Symlinks};
        if !crate::support::supports(backend, &[Symlinks, HardLinks], "posix_links") {
            continue;
        }
        let fs = make();
        put(&*fs, "r/file1", b"one");
        put(&*fs, "r/victim", b"old");
        put(&*fs, "r/dir1/inside", b"in");
        mkdir_p(&*fs, "r/empty");
        put(&*fs, "r/dir2/x", b"x");
        put(&*fs, "l/orig", b"hello");
        put(&*fs, "l/sub/deeper/leaf", b"leaf");
        symlink(&*fs, "sub", "l/tosub");

        run_and_compare(backend, "c/posix_links.wasm", &fs, LINKS);

        assert_eq!(names(&fs, "r"), ["dir2", "empty", "victim"], "{backend}");
        assert_eq!(get(&*fs, "r/victim").unwrap(), b"one", "{backend}");
        assert_eq!(names(&fs, "r/empty"), ["inside"], "{backend}");
        assert_eq!(get(&*fs, "r/empty/inside").unwrap(), b"in", "{backend}");
        assert_eq!(names(&fs, "r/dir2"), ["x"], "{backend}");

        assert_eq!(
            names(&fs, "l"),
            ["dangling", "deeplink", "hard", "orig", "sub", "tosub"],
            "{backend}"
        );
        let orig = lstat(&*fs, "l/orig").unwrap();
        let hard = lstat(&*fs, "l/hard").unwrap();
        assert_eq!((orig.ino, orig.nlink), (hard.ino, 2), "{backend}");
        assert_eq!(get(&*fs, "l/orig").unwrap(), b"changed", "{backend}");
        assert_eq!(get(&*fs, "l/hard").unwrap(), b"changed", "{backend}");
        for (link, target) in [
            ("l/dangling", "nowhere/target"),
            ("l/deeplink", "sub/deeper"),
        ] {
            assert_eq!(
                lstat(&*fs, link).map(|st| st.filetype),
                Ok(Filetype::SYMBOLIC_LINK),
                "{backend} {link}"
            );
            assert_eq!(
                fs.readlink(VPath::new(link).unwrap()).as_deref(),
                Ok(target),
                "{backend} {link}"
            );
        }
        assert_eq!(
            get(&*fs, "l/sub/deeper/leaf").unwrap(),
            b"leaf",
            "{backend}"
        );
    }
}

const FILES: &str = "\
open f/data: ok
fstat f/data: size=10 type=file nlink=1
ftruncate 4: ok
fstat after shrink: size=4 type=file nlink=1
contents after shrink: \"0123\"
ftruncate 8: ok
fstat after grow: size=8 type=file nlink=1
contents after grow: \"0123\\0\\0\\0\\0\"
stat before utimensat: ok
utimensat: ok
mtime after utimensat: 1234567890.123456789
atime unchanged by utimensat: yes
futimens NULL: ok
mtime changed by futimens NULL: yes
atime changed by futimens NULL: yes
futimens fixed mtime: ok
fd_filestat_set_times MTIM_NOW: ok
mtime changed by MTIM_NOW: yes
atime unchanged by MTIM_NOW: yes
open f/log append: ok
write abc: 3
lseek 0: 0
write def: 3
offset after append: 6
pwrite XY at 1: 2
offset after pwrite: 6
fstat f/log: size=6 type=file nlink=1
close f/log: ok
contents f/log: \"aXYdef\"
open f/sparse: ok
write ab: 2
lseek 10: 10
write Z: 1
fstat f/sparse: size=11 type=file nlink=1
contents f/sparse: \"ab\\0\\0\\0\\0\\0\\0\\0\\0Z\"
close f/sparse: ok
poll file: 1
poll file revents: IN|OUT
poll timeout 50ms: 0
poll timeout waited at least 50ms: yes
poll stdout: 1
poll stdout revents: OUT
close f/data: ok
done: ok
";

/// ftruncate (shrink, zero-filled grow), fstat, utimensat with a fixed mtime and UTIME_OMIT,
/// futimens / MTIM_NOW, O_APPEND after lseek(0), pwrite on an O_APPEND fd (writes at its
/// offset, POSIX), a write past the end (zero gap), and poll on a file, on nothing with a
/// timeout, and on stdout.
#[test]
fn posix_files() {
    for (backend, make) in backends() {
        let fs = make();
        put(&*fs, "f/data", b"0123456789");

        if crate::support::setup_incomplete(backend, "posix_files") {
            continue;
        }
        run_and_compare(backend, "c/posix_files.wasm", &fs, FILES);

        assert_eq!(get(&*fs, "f/data").unwrap(), b"0123\0\0\0\0", "{backend}");
        let data = lstat(&*fs, "f/data").unwrap();
        assert_ne!(data.mtim, 1_234_567_890_123_456_789, "{backend}: MTIM_NOW");
        assert_eq!(get(&*fs, "f/log").unwrap(), b"aXYdef", "{backend}");
        assert_eq!(
            get(&*fs, "f/sparse").unwrap(),
            b"ab\0\0\0\0\0\0\0\0Z",
            "{backend}"
        );
        assert_eq!(names(&fs, "f"), ["data", "log", "sparse"], "{backend}");
    }
}
