//! Shared helpers: fixtures, probes and a recording filesystem.

use std::cell::RefCell;
use std::rc::Rc;
use wasip1_host::abi::{Errno, Filestat};
use wasip1_host::fs::{
    CopyOnWrite, DirEntry, File, Fs, HostDirFs, MemFs, MountTable, OpenOptions, SetTime, VPath,
};
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
/// Legitimate differences go in per-backend expectation tables in the tests, never in
/// ad-hoc `cfg`.
pub fn backends() -> Vec<(&'static str, MakeFs)> {
    #[allow(unused_mut)]
    let mut all: Vec<(&'static str, MakeFs)> = vec![
        ("MemFs", || Rc::new(MemFs::new())),
        ("HostDirFs", || Rc::new(TempHost::new())),
        ("MountTable", || Rc::new(MountTable::standard(MemFs::new()))),
        ("CopyOnWrite<MemFs>", || {
            Rc::new(CopyOnWrite::new(MemFs::new()))
        }),
        ("CopyOnWrite<HostDirFs>", || {
            Rc::new(CopyOnWrite::new(TempHost::new()))
        }),
    ];
    #[cfg(feature = "vfs")]
    all.push(("VfsAdapter<MemoryFS>", || {
        Rc::new(wasip1_host::fs::VfsAdapter::new(vfs::MemoryFS::new()))
    }));
    all
}

/// What a backend can do that battery cases may need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Symbolic links (`vfs` filesystems have none: `NOTSUP`).
    Symlinks,
    /// Hard links (`vfs` filesystems have none: `NOTSUP`).
    HardLinks,
    /// Writes land in a `MemFs`, bounded by its 1 GiB limit (`NOSPC` past it).
    MemoryLimit,
}

/// The per-backend expectation table: what each backend legitimately does differently.
pub struct Traits {
    /// What the backend cannot do; cases that need it are skipped there, with a note.
    pub lacks: &'static [Need],
    /// Mount points the backend adds to the root listing.
    pub root_mounts: &'static [&'static str],
}

pub fn traits(backend: &str) -> Traits {
    match backend {
        "HostDirFs" => Traits {
            lacks: &[Need::MemoryLimit],
            root_mounts: &[],
        },
        "MountTable" => Traits {
            lacks: &[],
            root_mounts: &["dev", "tmp"],
        },
        "VfsAdapter<MemoryFS>" => Traits {
            lacks: &[Need::Symlinks, Need::HardLinks, Need::MemoryLimit],
            root_mounts: &[],
        },
        _ => Traits {
            lacks: &[],
            root_mounts: &[],
        },
    }
}

/// Whether `backend` can run a case that needs `needs`; notes the skip on stderr if not.
pub fn supports(backend: &str, needs: &[Need], what: &str) -> bool {
    let lacking: Vec<_> = needs
        .iter()
        .filter(|n| traits(backend).lacks.contains(n))
        .collect();
    if lacking.is_empty() {
        return true;
    }
    eprintln!("{what}: not run on {backend}, which lacks {lacking:?} (support::traits)");
    false
}

/// Removes the backend's own mount points from `read_dir` lines of the root (`/` or `.`),
/// so a transcript written for a plain filesystem compares on a mount table.
pub fn without_root_mounts(backend: &str, transcript: &str) -> String {
    let mounts = traits(backend).root_mounts;
    let mut out = String::new();
    for line in transcript.split_inclusive('\n') {
        let root_listing = ["read_dir / sorted: [", "read_dir . sorted: ["]
            .iter()
            .find(|p| line.starts_with(*p));
        match root_listing {
            Some(prefix) if !mounts.is_empty() => {
                let body = line
                    .trim_end()
                    .trim_start_matches(prefix)
                    .trim_end_matches(']');
                let names: Vec<&str> = body
                    .split(", ")
                    .filter(|n| !n.is_empty() && !mounts.iter().any(|m| n.trim_matches('"') == *m))
                    .collect();
                out.push_str(&format!("{prefix}{}]\n", names.join(", ")));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// A `HostDirFs` on a fresh temporary directory that is removed when the filesystem is.
pub struct TempHost {
    fs: HostDirFs,
    _dir: TempDir,
}

impl TempHost {
    pub fn new() -> Self {
        let dir = TempDir::new("backend");
        Self {
            fs: HostDirFs::open(&dir.0).unwrap(),
            _dir: dir,
        }
    }
}

impl Fs for TempHost {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        self.fs.stat(path)
    }
    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        self.fs.open_file(path, options)
    }
    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        self.fs.read_dir(path)
    }
    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.fs.create_dir(path)
    }
    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.fs.remove_dir(path)
    }
    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        self.fs.unlink(path)
    }
    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        self.fs.rename(from, to)
    }
    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        self.fs.link(from, to)
    }
    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        self.fs.symlink(target, path)
    }
    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.fs.readlink(path)
    }
    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        self.fs.set_times(path, atim, mtim)
    }
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

thread_local! {
    /// Set when a test's setup wanted a symlink the backend cannot make.
    static SETUP_LACKED_SYMLINK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Creates a symlink (parents created), through the `Fs` trait only. On a backend without
/// symlinks (`NOTSUP`) it records that the setup is incomplete; see [`setup_incomplete`].
pub fn symlink(fs: &dyn Fs, target: &str, path: &str) {
    if let Some((parent, _)) = vpath(path).split_last() {
        mkdir_p(fs, parent.as_str());
    }
    match fs.symlink(target, vpath(path)) {
        Ok(()) => {}
        Err(Errno::NOTSUP) => SETUP_LACKED_SYMLINK.with(|f| f.set(true)),
        Err(e) => panic!("symlink {path}: {e}"),
    }
}

/// Whether the setup just done on `backend` needed a symlink it could not make. Only a
/// backend listed as lacking symlinks in [`traits`] may; the case is then not run there,
/// with a note.
pub fn setup_incomplete(backend: &str, what: &str) -> bool {
    if !SETUP_LACKED_SYMLINK.with(|f| f.replace(false)) {
        return false;
    }
    assert!(
        traits(backend).lacks.contains(&Need::Symlinks),
        "{what}: {backend} refused a symlink but is not listed as lacking them"
    );
    eprintln!("{what}: not run on {backend}: its setup needs symlinks (support::traits)");
    true
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

/// The sha256 of `bytes`, in lower-case hex (the `sha256sum` format).
pub fn hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sorted names in the root, without the backend's own mount points.
pub fn files_left(fs: &dyn Fs, backend: &str) -> Vec<String> {
    let mounts = traits(backend).root_mounts;
    let mut names: Vec<String> = fs
        .read_dir(VPath::ROOT)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .filter(|n| !mounts.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}
