//! The sandbox battery: escape attempts on every backend, each answered by an errno, none
//! ever reaching anything outside the filesystem the guest was given.

use crate::direct::{Direct, FOLLOW};
use crate::support::{mkdir_p, put, FsRef, TempDir};
use std::rc::Rc;
use wasip1_host::abi::{Errno, Oflags, Rights};
use wasip1_host::fs::{CopyOnWrite, Fs, HostDirFs, MemFs, MountTable, ReadOnly, VPath};

/// One escape attempt.
#[derive(Clone, Copy)]
enum Op {
    Open(&'static [u8]),
    OpenFromSubdir(&'static [u8]),
    Stat(&'static [u8]),
    Create(&'static [u8]),
    Mkdir(&'static [u8]),
    Symlink(&'static [u8], &'static [u8]),
    Rename(&'static [u8], &'static [u8]),
    Link(&'static [u8], &'static [u8], bool),
    Unlink(&'static [u8]),
    Rmdir(&'static [u8]),
    Readlink(&'static [u8]),
    SetTimes(&'static [u8]),
}

use Op::*;

impl std::fmt::Debug for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |p: &[u8]| format!("{:?}", String::from_utf8_lossy(p));
        match *self {
            Open(p) => write!(f, "open {}", s(p)),
            OpenFromSubdir(p) => write!(f, "open from a/ {}", s(p)),
            Stat(p) => write!(f, "stat {}", s(p)),
            Create(p) => write!(f, "create {}", s(p)),
            Mkdir(p) => write!(f, "mkdir {}", s(p)),
            Symlink(t, p) => write!(f, "symlink {} at {}", s(t), s(p)),
            Rename(a, b) => write!(f, "rename {} to {}", s(a), s(b)),
            Link(a, b, follow) => write!(f, "link {} to {} (follow: {follow})", s(a), s(b)),
            Unlink(p) => write!(f, "unlink {}", s(p)),
            Rmdir(p) => write!(f, "rmdir {}", s(p)),
            Readlink(p) => write!(f, "readlink {}", s(p)),
            SetTimes(p) => write!(f, "set times {}", s(p)),
        }
    }
}

/// The attempts and the errno each must get on a backend with symlinks.
fn attempts() -> Vec<(Op, Errno)> {
    let long_name: &'static [u8] = Box::leak(vec![b'a'; 256].into_boxed_slice());
    let long_path: &'static [u8] = Box::leak(b"a/".repeat(2049).into_boxed_slice());
    let dotdot_then_long: &'static [u8] = Box::leak(
        [b"../".as_slice(), &[b'x'; 300]]
            .concat()
            .into_boxed_slice(),
    );
    vec![
        // Dotdot chains.
        (Open(b".."), Errno::PERM),
        (Open(b"../"), Errno::PERM),
        (Open(b"../.."), Errno::PERM),
        (Open(b"../../../../../../../../etc/passwd"), Errno::PERM),
        (Open(b"a/../.."), Errno::PERM),
        (Open(b"a/b/../../../etc"), Errno::PERM),
        (Open(b"./.."), Errno::PERM),
        (Open(b"a/./../../x"), Errno::PERM),
        (Open(b"a/b/../../../outside/secret"), Errno::PERM),
        (Open(dotdot_then_long), Errno::PERM),
        (OpenFromSubdir(b"../inside.txt"), Errno::PERM),
        (OpenFromSubdir(b"b/../../a"), Errno::PERM),
        // Absolute paths.
        (Open(b"/"), Errno::PERM),
        (Open(b"/etc/passwd"), Errno::PERM),
        (Open(b"//etc/passwd"), Errno::PERM),
        (Open(b"/.."), Errno::PERM),
        (Open(b"/inside.txt"), Errno::PERM),
        // Symlinks with absolute targets, and relative ones that point out.
        (Open(b"link_abs_etc/passwd"), Errno::PERM),
        (Open(b"link_abs_etc/"), Errno::PERM),
        (Open(b"link_abs_root"), Errno::PERM),
        (Open(b"link_abs_root/etc/passwd"), Errno::PERM),
        (Open(b"link_up/outside/secret"), Errno::PERM),
        (Open(b"link_up2/x"), Errno::PERM),
        (Open(b"a/b/link_deep/outside/secret"), Errno::PERM),
        (Open(b"chain1/outside/secret"), Errno::PERM),
        (Open(b"a/link_parent/.."), Errno::PERM),
        // Symlink loops.
        (Open(b"loop_self"), Errno::LOOP),
        (Open(b"loop_a"), Errno::LOOP),
        (Open(b"loop_self/x"), Errno::LOOP),
        (Open(b"long_chain_0"), Errno::LOOP),
        // Trailing slashes.
        (Open(b"inside.txt/"), Errno::NOTDIR),
        (Open(b"inside.txt/."), Errno::NOTDIR),
        (Open(b"inside.txt/.."), Errno::NOTDIR),
        // NUL bytes, non-UTF-8, lengths.
        (Open(b"a\0../../etc"), Errno::INVAL),
        (Open(b"\0"), Errno::INVAL),
        (Open(b"inside.txt\0"), Errno::INVAL),
        (Open(b"\xff\xfe"), Errno::ILSEQ),
        (Open(b"a/\xc0\xaf..\xc0\xafetc"), Errno::ILSEQ),
        (Open(long_name), Errno::NAMETOOLONG),
        (Open(long_path), Errno::NAMETOOLONG),
        (Open(b""), Errno::NOENT),
        // Metadata through escapes.
        (Stat(b".."), Errno::PERM),
        (Stat(b"/etc"), Errno::PERM),
        (Stat(b"link_abs_etc"), Errno::PERM),
        (SetTimes(b"../outside/secret"), Errno::PERM),
        (Readlink(b"../something"), Errno::PERM),
        // Creating things outside.
        (Create(b"../escape"), Errno::PERM),
        (Create(b"/tmp/escape"), Errno::PERM),
        (Create(b"link_up/escape"), Errno::PERM),
        (Mkdir(b"../newdir"), Errno::PERM),
        (Mkdir(b"link_up/newdir"), Errno::PERM),
        (Symlink(b"/etc", b"new_abs"), Errno::PERM),
        (Symlink(b"x", b"../new_link"), Errno::PERM),
        // Renames and links to and from outside.
        (Rename(b"inside.txt", b"../moved"), Errno::PERM),
        (Rename(b"../outside/secret", b"stolen"), Errno::PERM),
        (Rename(b"inside.txt", b"link_up/moved"), Errno::PERM),
        (Rename(b"link_up/outside/secret", b"stolen"), Errno::PERM),
        (Link(b"inside.txt", b"../hard", false), Errno::PERM),
        (Link(b"../outside/secret", b"hard", false), Errno::PERM),
        (Link(b"link_up2/x", b"hard2", true), Errno::PERM),
        (Unlink(b"../outside/secret"), Errno::PERM),
        (Unlink(b"link_up/outside/secret"), Errno::PERM),
        (Rmdir(b"../outside"), Errno::PERM),
        (Rmdir(b"link_up/outside"), Errno::PERM),
    ]
}

/// The tree every backend starts from (symlinks where the backend has them).
fn prepare(fs: &dyn Fs) {
    mkdir_p(fs, "a/b");
    put(fs, "inside.txt", b"inside");
    let links: &[(&str, &str)] = &[
        ("/etc", "link_abs_etc"),
        ("/", "link_abs_root"),
        ("..", "link_up"),
        ("../..", "link_up2"),
        ("../../..", "a/b/link_deep"),
        ("chain2", "chain1"),
        ("..", "chain2"),
        ("..", "a/link_parent"),
        ("loop_self", "loop_self"),
        ("loop_b", "loop_a"),
        ("loop_a", "loop_b"),
    ];
    for (target, path) in links {
        let _ = fs.symlink(target, VPath::new(path).unwrap());
    }
    for i in 0..45 {
        let _ = fs.symlink(
            &format!("long_chain_{}", i + 1),
            VPath::new(&format!("long_chain_{i}")).unwrap(),
        );
    }
}

/// Every backend, prepared; the temp dir keeps a host directory alive.
fn sandboxes() -> Vec<(&'static str, FsRef, Option<TempDir>)> {
    let mem = || {
        let fs = MemFs::new();
        prepare(&fs);
        fs
    };
    let host = TempDir::new("sandbox");
    std::fs::create_dir_all(host.path("root")).unwrap();
    std::fs::create_dir_all(host.path("outside")).unwrap();
    std::fs::write(host.path("outside/secret"), "SECRET").unwrap();
    let host_fs = HostDirFs::open(host.path("root")).unwrap();
    prepare(&host_fs);
    let cow_host = TempDir::new("sandbox-cow");
    std::fs::create_dir_all(cow_host.path("root")).unwrap();
    std::fs::create_dir_all(cow_host.path("outside")).unwrap();
    std::fs::write(cow_host.path("outside/secret"), "SECRET").unwrap();
    let cow_base = HostDirFs::open(cow_host.path("root")).unwrap();
    prepare(&cow_base);
    #[allow(unused_mut)]
    let mut all: Vec<(&'static str, FsRef, Option<TempDir>)> = vec![
        ("MemFs", Rc::new(mem()), None),
        ("HostDirFs", Rc::new(host_fs), Some(host)),
        ("ReadOnly<MemFs>", Rc::new(ReadOnly::new(mem())), None),
        ("MountTable", Rc::new(MountTable::standard(mem())), None),
        ("CopyOnWrite<MemFs>", Rc::new(CopyOnWrite::new(mem())), None),
        (
            "CopyOnWrite<HostDirFs>",
            Rc::new(CopyOnWrite::new(cow_base)),
            Some(cow_host),
        ),
    ];
    #[cfg(feature = "vfs")]
    {
        let vfs = wasip1_host::fs::VfsAdapter::new(vfs::MemoryFS::new());
        prepare(&vfs);
        all.push(("VfsAdapter<MemoryFS>", Rc::new(vfs), None));
    }
    all
}

fn attempt(d: &mut Direct, op: Op) -> Result<(), Errno> {
    let rights = Rights::FD_READ | Rights::FD_WRITE;
    match op {
        Open(p) => d.open(p, Oflags::empty()).map(|_| ()),
        OpenFromSubdir(p) => {
            let sub = d.open_at(
                crate::direct::ROOT,
                b"a",
                FOLLOW,
                Oflags::DIRECTORY,
                Rights::PATH_OPEN,
            )?;
            let result = d
                .open_at(sub, p, FOLLOW, Oflags::empty(), rights)
                .map(|_| ());
            d.close(sub).unwrap();
            result
        }
        Stat(p) => d.stat(p, FOLLOW).map(|_| ()),
        Create(p) => d.open(p, Oflags::CREAT).map(|_| ()),
        Mkdir(p) => d.mkdir(p),
        Symlink(t, p) => d.symlink(t, p),
        Rename(a, b) => d.rename(a, b),
        Link(a, b, follow) => d.link(a, b, if follow { FOLLOW } else { 0 }),
        Unlink(p) => d.unlink(p),
        Rmdir(p) => d.rmdir(p),
        Readlink(p) => d.readlink(p).map(|_| ()),
        SetTimes(p) => d.set_times(p),
    }
}

/// The per-backend table: on a backend without symlinks the planted links do not exist, so
/// an attempt through one finds nothing (`NOENT`) instead of being refused (`PERM`/`LOOP`).
fn expected_on(backend: &str, op: Op, want: Errno) -> Errno {
    let lacks_symlinks = crate::support::traits(backend)
        .lacks
        .contains(&crate::support::Need::Symlinks);
    let through_a_link = |p: &[u8]| {
        let p = String::from_utf8_lossy(p);
        [
            "link_",
            "chain",
            "loop_",
            "long_chain",
            "a/b/link_deep",
            "a/link_parent",
        ]
        .iter()
        .any(|l| p.starts_with(l))
    };
    let path_of = |op: Op| match op {
        Open(p) | Stat(p) | Create(p) | Mkdir(p) | Unlink(p) | Rmdir(p) | Readlink(p)
        | SetTimes(p) => Some(p),
        Rename(a, b) | Link(a, b, _) => Some(if through_a_link(a) { a } else { b }),
        OpenFromSubdir(_) | Symlink(..) => None,
    };
    match path_of(op) {
        Some(p) if lacks_symlinks && through_a_link(p) => Errno::NOENT,
        _ => want,
    }
}

#[test]
fn no_escape_attempt_succeeds_on_any_backend() {
    let attempts = attempts();
    assert!(attempts.len() >= 50, "only {} attempts", attempts.len());
    let mut report = Vec::new();
    for (name, fs, host) in sandboxes() {
        let mut d = Direct::new(&fs);
        let mut answered = 0;
        for (op, want) in &attempts {
            let got = attempt(&mut d, *op);
            let want = &expected_on(name, *op, *want);
            match got {
                Ok(()) => report.push(format!("{name}: ESCAPE? {op:?} succeeded")),
                Err(e) if e != *want => {
                    report.push(format!("{name}: {op:?} gave {e}, expected {want}"))
                }
                Err(_) => answered += 1,
            }
        }
        if let Some(host) = &host {
            assert_eq!(
                std::fs::read(host.path("outside/secret")).unwrap(),
                b"SECRET"
            );
            let outside: Vec<_> = std::fs::read_dir(host.path("outside")).unwrap().collect();
            assert_eq!(outside.len(), 1, "{name}: something was created outside");
            for stray in ["escape", "newdir", "moved", "hard", "new_link"] {
                assert!(
                    !host.0.join(stray).exists(),
                    "{name}: {stray} created outside the root"
                );
            }
        }
        eprintln!(
            "{name}: {answered}/{} escape attempts answered with the expected errno",
            attempts.len()
        );
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}
