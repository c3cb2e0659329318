//! Shared helpers: fixtures, probes and a recording filesystem.

use std::cell::RefCell;
use std::rc::Rc;
use wasip1_host::abi::{Errno, Filestat};
use wasip1_host::fs::{DirEntry, File, Fs, MemFs, OpenOptions, SetTime, VPath};
use wasip1_host::{Host, Outcome};

/// The bytes of a committed fixture, e.g. `wat/path_probe.wasm`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/guest-fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// Runs `wat/path_probe.wasm <op> <path>` over `fs` and returns the errno it printed.
pub fn probe(fs: &MemFs, op: &str, path: &str) -> Errno {
    let out = probe_outcome(fs, op, path);
    let text = String::from_utf8(out.stdout).unwrap();
    let last = text
        .lines()
        .last()
        .unwrap_or_else(|| panic!("no output for {op} {path}"));
    Errno(
        last.parse()
            .unwrap_or_else(|_| panic!("bad probe output {text:?}")),
    )
}

/// Runs the probe and returns the whole outcome.
pub fn probe_outcome(fs: &MemFs, op: &str, path: &str) -> Outcome {
    let out = Host::new()
        .args(["path_probe.wasm", op, path])
        .run_with(&fixture("wat/path_probe.wasm"), fs.clone())
        .expect("probe runs");
    assert_eq!(
        out.exit_code,
        0,
        "probe {op} {path}: {:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A filesystem wrapper that records every call made through it.
#[derive(Clone)]
pub struct Recording<F> {
    pub inner: F,
    pub log: Rc<RefCell<Vec<String>>>,
}

impl<F> Recording<F> {
    pub fn new(inner: F) -> Self {
        Self {
            inner,
            log: Rc::default(),
        }
    }
    fn note(&self, what: String) {
        self.log.borrow_mut().push(what);
    }
}

struct RecordingFile {
    inner: Box<dyn File>,
    log: Rc<RefCell<Vec<String>>>,
    path: String,
}

impl File for RecordingFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        self.log
            .borrow_mut()
            .push(format!("file.stat {}", self.path));
        self.inner.stat()
    }
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        self.log
            .borrow_mut()
            .push(format!("file.read_at {} {offset}", self.path));
        self.inner.read_at(buf, offset)
    }
    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno> {
        self.log.borrow_mut().push(format!(
            "file.write_at {} {offset} {}",
            self.path,
            buf.len()
        ));
        self.inner.write_at(buf, offset)
    }
    fn set_len(&mut self, len: u64) -> Result<(), Errno> {
        self.log
            .borrow_mut()
            .push(format!("file.set_len {} {len}", self.path));
        self.inner.set_len(len)
    }
    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        self.log
            .borrow_mut()
            .push(format!("file.set_times {}", self.path));
        self.inner.set_times(atim, mtim)
    }
}

impl<F: Fs> Fs for Recording<F> {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        self.note(format!("stat {}", path.as_str()));
        self.inner.stat(path)
    }
    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        self.note(format!("open_file {}", path.as_str()));
        let inner = self.inner.open_file(path, options)?;
        Ok(Box::new(RecordingFile {
            inner,
            log: Rc::clone(&self.log),
            path: path.as_str().into(),
        }))
    }
    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        self.note(format!("read_dir {}", path.as_str()));
        self.inner.read_dir(path)
    }
    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("create_dir {}", path.as_str()));
        self.inner.create_dir(path)
    }
    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("remove_dir {}", path.as_str()));
        self.inner.remove_dir(path)
    }
    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("unlink {}", path.as_str()));
        self.inner.unlink(path)
    }
    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("rename {} {}", from.as_str(), to.as_str()));
        self.inner.rename(from, to)
    }
    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("link {} {}", from.as_str(), to.as_str()));
        self.inner.link(from, to)
    }
    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        self.note(format!("symlink {target} {}", path.as_str()));
        self.inner.symlink(target, path)
    }
    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.note(format!("readlink {}", path.as_str()));
        self.inner.readlink(path)
    }
    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        self.note(format!("set_times {}", path.as_str()));
        self.inner.set_times(path, atim, mtim)
    }
}

/// A filesystem under test, shared between the test and the guest.
pub type FsRef = Rc<dyn Fs>;

/// Makes a fresh, empty filesystem of one backend.
pub type MakeFs = fn() -> FsRef;

/// Every backend the preview1 battery runs on, with a constructor for a fresh, empty one.
/// The backends issue adds its backends here; legitimate differences go in a per-backend
/// expectation table, never in ad-hoc `cfg`.
pub fn backends() -> Vec<(&'static str, MakeFs)> {
    vec![("MemFs", || Rc::new(MemFs::new()))]
}

fn vpath(path: &str) -> VPath<'_> {
    VPath::new(path.trim_matches('/')).unwrap_or_else(|_| panic!("bad test path {path:?}"))
}

/// Creates `path` and its parents as directories, through the `Fs` trait only.
pub fn mkdir_p(fs: &dyn Fs, path: &str) {
    let mut cur = String::new();
    for name in vpath(path).components() {
        if !cur.is_empty() {
            cur.push('/');
        }
        cur.push_str(name);
        match fs.create_dir(vpath(&cur)) {
            Ok(()) | Err(Errno::EXIST) => {}
            Err(e) => panic!("mkdir {cur}: {e}"),
        }
    }
}

/// Writes a whole file (parents created), through the `Fs` trait only.
pub fn put(fs: &dyn Fs, path: &str, bytes: &[u8]) {
    if let Some((parent, _)) = vpath(path).split_last() {
        mkdir_p(fs, parent.as_str());
    }
    let mut f = fs
        .open_file(
            vpath(path),
            OpenOptions {
                create: true,
                truncate: true,
                write: true,
                ..OpenOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("create {path}: {e}"));
    assert_eq!(f.write_at(bytes, 0), Ok(bytes.len()));
}

/// Reads a whole file, through the `Fs` trait only.
pub fn get(fs: &dyn Fs, path: &str) -> Result<Vec<u8>, Errno> {
    let mut f = fs.open_file(
        vpath(path),
        OpenOptions {
            read: true,
            ..OpenOptions::default()
        },
    )?;
    let mut out = vec![0; usize::try_from(f.stat()?.size).unwrap()];
    let mut done = 0;
    while done < out.len() {
        let n = f.read_at(&mut out[done..], done as u64)?;
        if n == 0 {
            break;
        }
        done += n;
    }
    out.truncate(done);
    Ok(out)
}

/// Creates a symlink (parents created), through the `Fs` trait only.
pub fn symlink(fs: &dyn Fs, target: &str, path: &str) {
    if let Some((parent, _)) = vpath(path).split_last() {
        mkdir_p(fs, parent.as_str());
    }
    fs.symlink(target, vpath(path))
        .unwrap_or_else(|e| panic!("symlink {path}: {e}"));
}

/// Metadata of `path` (not following a final symlink).
pub fn lstat(fs: &dyn Fs, path: &str) -> Result<Filestat, Errno> {
    fs.stat(vpath(path))
}

/// Runs a committed fixture with `args` (argv[0] included) over `fs` preopened as `/`.
pub fn run_fixture(rel: &str, args: &[&str], fs: &FsRef) -> Outcome {
    Host::new()
        .args(args)
        .run_with(&fixture(rel), Rc::clone(fs))
        .unwrap_or_else(|e| panic!("{rel} {args:?}: {e}"))
}

/// A directory under cargo's per-test temp dir, removed (with its contents) on drop.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub fn path(&self, rel: &str) -> std::path::PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
