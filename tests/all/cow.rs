//! `CopyOnWrite` under real guests: every tree is prepared in the read-only *base*, so each
//! write is a copy-up, each delete a whiteout and each listing a merge. A guest must print
//! the same transcript and leave the same tree as on a plain `MemFs` holding the same files,
//! and the base must not change.

use crate::support::{fixture, mkdir_p, put, run_fixture, symlink, FsRef, TempDir};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::rc::Rc;
use wasip1_host::abi::Filetype;
use wasip1_host::fs::{CopyOnWrite, Fs, HostDirFs, MemFs, OpenOptions, VPath, VPathBuf};
use wasip1_host::Host;

/// Every entry of `fs` with its type and contents (bytes, or a symlink's target).
fn tree(fs: &dyn Fs) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut work = vec![String::new()];
    while let Some(dir) = work.pop() {
        let listing = fs.read_dir(VPath::new(&dir).unwrap()).unwrap();
        for e in listing {
            let path = if dir.is_empty() {
                e.name.clone()
            } else {
                format!("{dir}/{}", e.name)
            };
            let p = VPathBuf::new(&path).unwrap();
            let what = match e.filetype {
                Filetype::DIRECTORY => {
                    work.push(path.clone());
                    String::from("dir")
                }
                Filetype::SYMBOLIC_LINK => format!("-> {}", fs.readlink(p.as_path()).unwrap()),
                _ => {
                    let mut f = fs
                        .open_file(
                            p.as_path(),
                            OpenOptions {
                                read: true,
                                ..OpenOptions::default()
                            },
                        )
                        .unwrap();
                    let mut bytes = vec![0; 1 << 16];
                    let n = f.read_at(&mut bytes, 0).unwrap();
                    format!("{:?}", String::from_utf8_lossy(&bytes[..n]))
                }
            };
            out.insert(path, what);
        }
    }
    out
}

/// Runs `c/NAME.wasm` over a `MemFs` prepared by `prepare` and over a `CopyOnWrite` whose
/// base was prepared the same way; both must agree, and the base must be unchanged.
fn same_as_memfs(rel: &str, prepare: fn(&dyn Fs)) {
    let name = rel.trim_start_matches("c/").trim_end_matches(".wasm");
    let reference: FsRef = Rc::new(MemFs::new());
    prepare(&*reference);
    let base = MemFs::new();
    prepare(&base);
    let before = tree(&base);
    let overlay = CopyOnWrite::new(base.clone());
    let cow: FsRef = Rc::new(overlay.clone());

    let want = run_fixture(rel, &[name], &reference);
    let got = run_fixture(rel, &[name], &cow);
    assert_eq!(
        String::from_utf8_lossy(&got.stdout),
        String::from_utf8_lossy(&want.stdout),
        "{name}: transcript; stderr {}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert_eq!(got.exit_code, want.exit_code, "{name}: exit code");
    assert_eq!(tree(&*cow), tree(&*reference), "{name}: final tree");
    assert_eq!(tree(&base), before, "{name}: the base changed");
    assert!(
        !tree(overlay.upper()).is_empty(),
        "{name}: nothing was copied up"
    );
}

/// Directory listings with `d_ino` = `st_ino`, telldir/seekdir over a merged directory,
/// mkdir/rmdir with NOTEMPTY judged on the merged view.
#[test]
fn posix_dirs_over_a_base() {
    same_as_memfs("c/posix_dirs.wasm", |fs| {
        for file in ["list/alpha", "list/beta", "list/delta", "full/inner"] {
            put(fs, file, b"");
        }
        mkdir_p(fs, "list/gamma");
    });
}

/// Renames of base files and directories (over files, over empty directories, into
/// themselves), hard links to a base file seen through an already open descriptor,
/// symlinks in the base.
#[test]
fn posix_links_over_a_base() {
    same_as_memfs("c/posix_links.wasm", |fs| {
        put(fs, "r/file1", b"one");
        put(fs, "r/victim", b"old");
        put(fs, "r/dir1/inside", b"in");
        mkdir_p(fs, "r/empty");
        put(fs, "r/dir2/x", b"x");
        put(fs, "l/orig", b"hello");
        put(fs, "l/sub/deeper/leaf", b"leaf");
        symlink(fs, "sub", "l/tosub");
    });
}

/// ftruncate, utimensat/futimens, append and sparse writes on base files.
#[test]
fn posix_files_over_a_base() {
    same_as_memfs("c/posix_files.wasm", |fs| put(fs, "f/data", b"0123456789"));
}

/// The seek-back-and-overwrite guest over a host directory that already holds the output
/// file: the copy is byte-exact, and the host directory is untouched.
#[test]
fn seek_overwrite_over_a_host_directory() {
    let dir = TempDir::new("cow-seek");
    std::fs::create_dir(dir.path("out")).unwrap();
    std::fs::write(dir.path("out/reel.bin"), b"old reel").unwrap();
    let before = host_tree(&dir.0);

    let overlay = CopyOnWrite::new(HostDirFs::open(&dir.0).unwrap());
    let out = Host::run(&fixture("wat/seek_overwrite.wasm"), overlay.clone()).unwrap();
    assert_eq!(
        out.exit_code,
        0,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, b"ok\n");
    let got = overlay.upper().read_file("out/reel.bin").unwrap();
    assert!(
        got == crate::seek_overwrite::expected(),
        "contents differ from the expected buffer"
    );
    assert_eq!(host_tree(&dir.0), before);
    assert_eq!(
        std::fs::read(dir.path("out/reel.bin")).unwrap(),
        b"old reel"
    );
}

/// Each entry below `root`, read with `std`: type, size, mtime, inode and contents.
fn host_tree(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut work = vec![root.to_path_buf()];
    while let Some(dir) = work.pop() {
        let meta = std::fs::symlink_metadata(&dir).unwrap();
        out.push(format!(
            "{} dir {:?}",
            dir.display(),
            (meta.mtime(), meta.mtime_nsec())
        ));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                work.push(path);
                continue;
            }
            let contents = if meta.is_symlink() {
                format!("{:?}", std::fs::read_link(&path).unwrap())
            } else {
                format!("{:?}", std::fs::read(&path).unwrap())
            };
            out.push(format!(
                "{} {} {} {:?} {contents}",
                path.display(),
                meta.ino(),
                meta.len(),
                (meta.mtime(), meta.mtime_nsec())
            ));
        }
    }
    out.sort();
    out
}
