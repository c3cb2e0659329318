//! Differential property test: random operation sequences over a tiny path alphabet give the
//! same results and the same final tree on MemFs and on HostDirFs.

use crate::direct::Direct;
use crate::support::{get, FsRef, TempDir};
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};
use std::rc::Rc;
use wasip1_host::abi::{Errno, Filetype, Oflags};
use wasip1_host::fs::{Fs, HostDirFs, MemFs, VPath, VPathBuf};

const PATHS: &[&str] = &[
    ".",
    "..",
    "a",
    "b",
    "a/b",
    "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
    "link",
    "a/link",
];

#[derive(Clone, Debug)]
enum Op {
    Open { path: usize, oflags: u16 },
    Write { fd: usize, len: u8, byte: u8 },
    Seek { fd: usize, to: u8 },
    Truncate { fd: usize, size: u8 },
    Read { fd: usize },
    Close { fd: usize },
    Rename { from: usize, to: usize },
    Link { from: usize, to: usize },
    Symlink { target: usize, path: usize },
    Unlink { path: usize },
    Mkdir { path: usize },
    Rmdir { path: usize },
    List { path: usize },
}

impl Arbitrary for Op {
    fn arbitrary(g: &mut Gen) -> Self {
        let path = |g: &mut Gen| usize::arbitrary(g) % PATHS.len();
        let fd = |g: &mut Gen| usize::arbitrary(g) % 4;
        match u8::arbitrary(g) % 13 {
            0 => Op::Open {
                path: path(g),
                oflags: u16::arbitrary(g) % 16,
            },
            1 => Op::Write {
                fd: fd(g),
                len: u8::arbitrary(g) % 40,
                byte: u8::arbitrary(g),
            },
            2 => Op::Seek {
                fd: fd(g),
                to: u8::arbitrary(g) % 64,
            },
            3 => Op::Truncate {
                fd: fd(g),
                size: u8::arbitrary(g) % 64,
            },
            4 => Op::Read { fd: fd(g) },
            5 => Op::Close { fd: fd(g) },
            6 => Op::Rename {
                from: path(g),
                to: path(g),
            },
            7 => Op::Link {
                from: path(g),
                to: path(g),
            },
            8 => Op::Symlink {
                target: path(g),
                path: path(g),
            },
            9 => Op::Unlink { path: path(g) },
            10 => Op::Mkdir { path: path(g) },
            11 => Op::Rmdir { path: path(g) },
            _ => Op::List { path: path(g) },
        }
    }
}

/// One side of the comparison: a driver and the fds it has open, in order.
struct Side {
    d: Direct,
    fds: Vec<u32>,
}

impl Side {
    fn fd(&self, i: usize) -> Option<u32> {
        self.fds.get(i).copied()
    }

    fn apply(&mut self, op: &Op) -> String {
        let p = |i: &usize| PATHS[*i].as_bytes();
        let result: Result<String, Errno> = match op {
            Op::Open { path, oflags } => {
                let oflags = Oflags::from_bits_truncate(*oflags);
                self.d.open(p(path), oflags).map(|fd| {
                    self.fds.push(fd);
                    String::from("opened")
                })
            }
            Op::Write { fd, len, byte } => match self.fd(*fd) {
                Some(fd) => self
                    .d
                    .write(fd, &vec![*byte; usize::from(*len)])
                    .map(|n| n.to_string()),
                None => Ok(String::new()),
            },
            Op::Seek { fd, to } => match self.fd(*fd) {
                Some(fd) => self.d.seek(fd, i64::from(*to), 0).map(|n| n.to_string()),
                None => Ok(String::new()),
            },
            Op::Truncate { fd, size } => match self.fd(*fd) {
                Some(fd) => self
                    .d
                    .truncate(fd, u64::from(*size))
                    .map(|()| String::new()),
                None => Ok(String::new()),
            },
            Op::Read { fd } => match self.fd(*fd) {
                Some(fd) => self.d.read(fd, 100).map(|b| format!("{b:?}")),
                None => Ok(String::new()),
            },
            Op::Close { fd } => {
                if *fd < self.fds.len() {
                    let fd = self.fds.remove(*fd);
                    self.d.close(fd).map(|()| String::new())
                } else {
                    Ok(String::new())
                }
            }
            Op::Rename { from, to } => self.d.rename(p(from), p(to)).map(|()| String::new()),
            Op::Link { from, to } => self.d.link(p(from), p(to), 0).map(|()| String::new()),
            Op::Symlink { target, path } => {
                self.d.symlink(p(target), p(path)).map(|()| String::new())
            }
            Op::Unlink { path } => self.d.unlink(p(path)).map(|()| String::new()),
            Op::Mkdir { path } => self.d.mkdir(p(path)).map(|()| String::new()),
            Op::Rmdir { path } => self.d.rmdir(p(path)).map(|()| String::new()),
            Op::List { path } => match self.d.open(p(path), Oflags::DIRECTORY) {
                Ok(fd) => {
                    let names = self.d.list(fd);
                    self.d.close(fd).unwrap();
                    names.map(|n| n.join(","))
                }
                Err(e) => Err(e),
            },
        };
        match result {
            Ok(s) => format!("ok {s}"),
            Err(e) => format!("err {}", e.name()),
        }
    }
}

/// The whole tree, as sorted lines: path, type, and contents or target.
pub fn snapshot(fs: &dyn Fs) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![VPathBuf::root()];
    while let Some(dir) = stack.pop() {
        for e in fs.read_dir(dir.as_path()).unwrap() {
            let path = if dir.as_path().is_root() {
                e.name.clone()
            } else {
                format!("{}/{}", dir.as_path().as_str(), e.name)
            };
            let st = fs.stat(VPath::new(&path).unwrap()).unwrap();
            let what = match st.filetype {
                Filetype::DIRECTORY => {
                    stack.push(VPathBuf::new(&path).unwrap());
                    String::from("dir")
                }
                Filetype::SYMBOLIC_LINK => format!(
                    "link -> {}",
                    fs.readlink(VPath::new(&path).unwrap()).unwrap()
                ),
                _ => format!("file {:?} nlink={}", get(fs, &path).unwrap(), st.nlink),
            };
            out.push(format!("{path}: {what}"));
        }
    }
    out.sort();
    out
}

static SUCCEEDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static FAILED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn same_behaviour(ops: Vec<Op>) -> TestResult {
    let host_dir = TempDir::new("diff");
    let mem: FsRef = Rc::new(MemFs::new());
    let host: FsRef = Rc::new(HostDirFs::open(&host_dir.0).unwrap());
    let mut a = Side {
        d: Direct::new(&mem),
        fds: Vec::new(),
    };
    let mut b = Side {
        d: Direct::new(&host),
        fds: Vec::new(),
    };
    for (i, op) in ops.iter().enumerate() {
        let (ra, rb) = (a.apply(op), b.apply(op));
        let counter = if ra.starts_with("ok") {
            &SUCCEEDED
        } else {
            &FAILED
        };
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if ra != rb {
            return TestResult::error(format!(
                "step {i} {op:?}: MemFs {ra:?} vs HostDirFs {rb:?}\nops: {ops:?}"
            ));
        }
    }
    let (ta, tb) = (snapshot(&*mem), snapshot(&*host));
    if ta != tb {
        return TestResult::error(format!(
            "trees differ:\nMemFs {ta:#?}\nHostDirFs {tb:#?}\nops: {ops:?}"
        ));
    }
    TestResult::passed()
}

#[test]
fn memfs_and_hostdirfs_agree_on_random_operation_sequences() {
    QuickCheck::new()
        .tests(300)
        .rng(Gen::new(40))
        .quickcheck(same_behaviour as fn(Vec<Op>) -> TestResult);
    // The sequences must exercise both outcomes, or the comparison proves little.
    let ok = SUCCEEDED.load(std::sync::atomic::Ordering::Relaxed);
    let err = FAILED.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!("differential: {ok} operations succeeded, {err} failed, identically on both");
    assert!(ok > 1000 && err > 1000, "{ok} succeeded, {err} failed");
}
