//! `--dir` until the host-backed filesystem lands: a host directory is copied into a
//! [`MemFs`] before the run, and the guest's changes are copied back after it.
//!
//! Loading ([`HostCopy::load`]) copies regular files (contents, access and modification
//! times), directories and symbolic links (as links, with their target text). Sockets, FIFOs
//! and devices are left out, and left alone on write-back. Names and link targets must be
//! UTF-8, because [`MemFs`] names are strings.
//!
//! Writing back ([`HostCopy::write_back`]) compares the tree the guest left with the one that
//! was loaded, by path, kind and contents (a length and a 64-bit FNV-1a fingerprint), then:
//! 1. deletes from the host, deepest first, every loaded entry that is gone or changed kind;
//! 2. creates, top-down, every new directory and symbolic link, writes every new or changed
//!    file (in place, so its permissions and hard links on the host are kept), and replaces
//!    every symbolic link whose target changed.
//!
//! Entries the guest did not change are not touched. Timestamps and permissions are not
//! written back, and a renamed entry is written as a deletion plus a new entry.
//!
//! Sandbox: the HOST path itself is canonicalized once (a symbolic link *naming* the
//! directory is followed, as `cd` would), and every later operation is on that path. Below
//! it, no symbolic link is ever followed: entries are examined with `lstat`; before anything
//! is created, written or removed, each of its parent directories is checked to be a real
//! directory (not a link), so nothing is written outside HOST; a file is opened only after
//! `lstat` shows a regular file, and its identity (device and inode) is checked again after
//! opening, before a byte is read or truncated. These checks guard against the guest, which
//! cannot touch the host while it runs; they are not atomic against another host process
//! changing HOST at the same moment (the host-backed filesystem will use `openat` with
//! `O_NOFOLLOW`).

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use wasip1_host::abi::{Errno, Filetype};
use wasip1_host::fs::{Fs, MemFs, SetTime, VPath, MEMFS_DEFAULT_LIMIT};

/// What was at a path, enough to tell whether the guest changed it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Dir,
    File { len: u64, fingerprint: u64 },
    Symlink(String),
}

impl Entry {
    fn file(bytes: &[u8]) -> Self {
        Self::File {
            len: bytes.len() as u64,
            fingerprint: fingerprint(bytes),
        }
    }

    fn same_kind(&self, other: &Self) -> bool {
        core::mem::discriminant(self) == core::mem::discriminant(other)
    }
}

/// A 64-bit FNV-1a hash: tells whether the guest changed a file's contents.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One host directory copied into memory, and what it held when loaded.
pub(crate) struct HostCopy {
    /// The canonical host path.
    root: PathBuf,
    fs: MemFs,
    /// Every entry below the root as loaded, by `/`-separated relative path.
    loaded: BTreeMap<String, Entry>,
}

/// Loading or writing back one host path failed.
#[derive(Debug)]
pub(crate) struct CopyError {
    action: &'static str,
    path: PathBuf,
    source: io::Error,
}

impl CopyError {
    fn new(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self {
            action,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for CopyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {} `{}`: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl core::error::Error for CopyError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// An in-memory filesystem error as an I/O error.
fn mem_error(e: Errno) -> io::Error {
    if e == Errno::NOSPC {
        io::Error::other(format!(
            "the in-memory copy is full (it holds at most {MEMFS_DEFAULT_LIMIT} bytes)"
        ))
    } else {
        io::Error::other(format!("in-memory filesystem: {e}"))
    }
}

fn io_error(message: &str) -> io::Error {
    io::Error::other(message)
}

/// `rel` (`/`-separated, possibly empty) joined with `name`.
fn join_rel(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.into()
    } else {
        format!("{rel}/{name}")
    }
}

/// `path`'s time as nanoseconds since the Unix epoch, if the platform reports it.
fn nanos(time: io::Result<SystemTime>) -> SetTime {
    time.ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .and_then(|d| u64::try_from(d.as_nanos()).ok())
        .map_or(SetTime::Keep, SetTime::At)
}

/// Whether two `lstat`/`fstat` results describe the same file.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

#[cfg(unix)]
fn create_symlink(target: &str, path: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn create_symlink(_target: &str, _path: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "symbolic links are only written back on Unix",
    ))
}

/// `lstat`, with "not there" as `None`.
fn lstat(path: &Path) -> io::Result<Option<fs::Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

impl HostCopy {
    /// Copies the directory `host` into a new [`MemFs`].
    ///
    /// # Errors
    ///
    /// When `host` is missing or not a directory, an entry cannot be read, a name or link
    /// target is not UTF-8, an entry changes while being read, or the copy would exceed
    /// [`MEMFS_DEFAULT_LIMIT`] bytes of file contents.
    pub(crate) fn load(host: &Path) -> Result<Self, CopyError> {
        let root = fs::canonicalize(host).map_err(|e| CopyError::new("open directory", host, e))?;
        let meta = fs::metadata(&root).map_err(|e| CopyError::new("open directory", host, e))?;
        if !meta.is_dir() {
            let e = io::Error::new(io::ErrorKind::NotADirectory, "not a directory");
            return Err(CopyError::new("open directory", host, e));
        }
        let mut copy = Self {
            root,
            fs: MemFs::new(),
            loaded: BTreeMap::new(),
        };
        // Directory times are set last, deepest first: adding entries changes them.
        let mut dir_times = vec![(String::new(), meta)];
        let mut pending = vec![String::new()];
        while let Some(dir) = pending.pop() {
            let dir_path = copy.host_path(&dir);
            let entries =
                fs::read_dir(&dir_path).map_err(|e| CopyError::new("read", &dir_path, e))?;
            for entry in entries {
                let entry = entry.map_err(|e| CopyError::new("read", &dir_path, e))?;
                let path = entry.path();
                let name = entry.file_name().into_string().map_err(|_| {
                    CopyError::new("load", &path, io_error("the name is not UTF-8"))
                })?;
                let rel = join_rel(&dir, &name);
                let meta =
                    fs::symlink_metadata(&path).map_err(|e| CopyError::new("read", &path, e))?;
                let loaded = copy
                    .load_entry(&rel, &path, &meta)
                    .map_err(|e| CopyError::new("load", &path, e))?;
                match loaded {
                    Some(Entry::Dir) => {
                        dir_times.push((rel.clone(), meta));
                        pending.push(rel.clone());
                        copy.loaded.insert(rel, Entry::Dir);
                    }
                    Some(entry) => {
                        copy.set_times(&rel, &meta)
                            .map_err(|e| CopyError::new("load", &path, e))?;
                        copy.loaded.insert(rel, entry);
                    }
                    None => {}
                }
            }
        }
        for (rel, meta) in dir_times.iter().rev() {
            copy.set_times(rel, meta)
                .map_err(|e| CopyError::new("load", copy.host_path(rel), e))?;
        }
        Ok(copy)
    }

    /// Copies one entry into memory; `None` for a kind that is left out.
    fn load_entry(&self, rel: &str, path: &Path, meta: &fs::Metadata) -> io::Result<Option<Entry>> {
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = fs::read_link(path)?
                .into_os_string()
                .into_string()
                .map_err(|_| io_error("the symbolic link's target is not UTF-8"))?;
            self.fs.create_symlink(&target, rel).map_err(mem_error)?;
            Ok(Some(Entry::Symlink(target)))
        } else if kind.is_dir() {
            self.fs.create_dir_all(rel).map_err(mem_error)?;
            Ok(Some(Entry::Dir))
        } else if kind.is_file() {
            if self.fs.used_bytes().saturating_add(meta.len()) > MEMFS_DEFAULT_LIMIT {
                return Err(mem_error(Errno::NOSPC));
            }
            let mut file = fs::File::open(path)?;
            if !same_file(meta, &file.metadata()?) {
                return Err(io_error("the file changed while it was being loaded"));
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes)?;
            self.fs.write_file(rel, &bytes).map_err(mem_error)?;
            Ok(Some(Entry::file(&bytes)))
        } else {
            Ok(None)
        }
    }

    /// Gives the in-memory entry `rel` the host's access and modification times.
    fn set_times(&self, rel: &str, meta: &fs::Metadata) -> io::Result<()> {
        let path = VPath::new(rel).map_err(mem_error)?;
        Fs::set_times(
            &self.fs,
            path,
            nanos(meta.accessed()),
            nanos(meta.modified()),
        )
        .map_err(mem_error)
    }

    /// The in-memory copy (another handle to the same tree): give it to the guest.
    pub(crate) fn fs(&self) -> MemFs {
        self.fs.clone()
    }

    /// The host directory, canonicalized.
    #[cfg(test)]
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Writes the guest's changes back to the host directory, as described in the module
    /// documentation. Carries on past a failing entry (skipping what lies below a directory
    /// that could not be created) and returns every failure.
    pub(crate) fn write_back(&self) -> Vec<CopyError> {
        let mut errors = Vec::new();
        let now = match scan(&self.fs) {
            Ok(now) => now,
            Err((rel, e)) => return vec![CopyError::new("write back", self.host_path(&rel), e)],
        };
        for (rel, old) in self.loaded.iter().rev() {
            if now.get(rel).is_some_and(|new| new.same_kind(old)) {
                continue;
            }
            if let Err(e) = self.remove(rel, old) {
                errors.push(CopyError::new("delete", self.host_path(rel), e));
            }
        }
        let mut failed_dirs = BTreeSet::new();
        for (rel, new) in &now {
            let old = self.loaded.get(rel);
            if old == Some(new) || under_any(rel, &failed_dirs) {
                continue;
            }
            let result = match new {
                Entry::Dir => self.create_dir(rel),
                Entry::File { .. } => self.write_file(rel),
                Entry::Symlink(target) => self.write_symlink(rel, target),
            };
            if let Err(e) = result {
                if *new == Entry::Dir {
                    failed_dirs.insert(rel.clone());
                }
                errors.push(CopyError::new("write back", self.host_path(rel), e));
            }
        }
        errors
    }

    /// The host path of `rel`. `rel` comes from [`MemFs`] names, which are never empty,
    /// `.`, `..` or contain `/`, so the result is always below the root.
    fn host_path(&self, rel: &str) -> PathBuf {
        rel.split('/')
            .filter(|c| !c.is_empty())
            .fold(self.root.clone(), |p, c| p.join(c))
    }

    /// Checks that every parent of `rel` below the root is a directory, not a link to one.
    fn check_parents(&self, rel: &str) -> io::Result<PathBuf> {
        let mut path = self.root.clone();
        let mut names = rel.split('/').filter(|c| !c.is_empty()).peekable();
        while let Some(name) = names.next() {
            path.push(name);
            if names.peek().is_none() {
                break;
            }
            match lstat(&path)? {
                Some(meta) if meta.file_type().is_dir() => {}
                _ => {
                    return Err(io_error(
                        "a parent directory on the host was replaced or removed during the run",
                    ))
                }
            }
        }
        Ok(path)
    }

    /// Deletes the loaded entry `rel` from the host, if it is still what was loaded.
    fn remove(&self, rel: &str, old: &Entry) -> io::Result<()> {
        let path = self.check_parents(rel)?;
        let Some(meta) = lstat(&path)? else {
            return Ok(());
        };
        let kind = meta.file_type();
        match old {
            Entry::Dir if kind.is_dir() => fs::remove_dir(&path),
            Entry::File { .. } if kind.is_file() => fs::remove_file(&path),
            Entry::Symlink(_) if kind.is_symlink() => fs::remove_file(&path),
            _ => Err(io_error(
                "it changed kind on the host during the run; left alone",
            )),
        }
    }

    fn create_dir(&self, rel: &str) -> io::Result<()> {
        let path = self.check_parents(rel)?;
        match lstat(&path)? {
            None => fs::create_dir(&path),
            Some(meta) if meta.file_type().is_dir() => Ok(()),
            Some(_) => Err(io_error("it exists on the host and is not a directory")),
        }
    }

    fn write_file(&self, rel: &str) -> io::Result<()> {
        let bytes = self.fs.read_file(rel).map_err(mem_error)?;
        let path = self.check_parents(rel)?;
        let mut file = match lstat(&path)? {
            // `create_new` is O_CREAT|O_EXCL: it never follows a link that appears meanwhile.
            None => fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?,
            Some(meta) if meta.file_type().is_file() => {
                let file = fs::OpenOptions::new().write(true).open(&path)?;
                if !same_file(&meta, &file.metadata()?) {
                    return Err(io_error("the file was replaced on the host during the run"));
                }
                file.set_len(0)?;
                file
            }
            Some(_) => return Err(io_error("it exists on the host and is not a regular file")),
        };
        file.write_all(&bytes)?;
        file.flush()
    }

    fn write_symlink(&self, rel: &str, target: &str) -> io::Result<()> {
        let path = self.check_parents(rel)?;
        match lstat(&path)? {
            None => {}
            Some(meta) if meta.file_type().is_symlink() => fs::remove_file(&path)?,
            Some(_) => return Err(io_error("it exists on the host and is not a symbolic link")),
        }
        create_symlink(target, &path)
    }
}

/// Whether `rel` lies below one of `dirs`.
fn under_any(rel: &str, dirs: &BTreeSet<String>) -> bool {
    rel.match_indices('/')
        .any(|(i, _)| rel.get(..i).is_some_and(|parent| dirs.contains(parent)))
}

/// Every entry of `fs` below its root, by relative path; on failure, the path and error.
fn scan(fs: &MemFs) -> Result<BTreeMap<String, Entry>, (String, io::Error)> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![String::new()];
    while let Some(dir) = pending.pop() {
        let fail = |e: Errno| (dir.clone(), mem_error(e));
        let listing = VPath::new(&dir)
            .and_then(|p| fs.read_dir(p))
            .map_err(fail)?;
        for child in listing {
            let rel = join_rel(&dir, &child.name);
            let fail = |e: Errno| (rel.clone(), mem_error(e));
            let entry = if child.filetype == Filetype::DIRECTORY {
                pending.push(rel.clone());
                Entry::Dir
            } else if child.filetype == Filetype::SYMBOLIC_LINK {
                let path = VPath::new(&rel).map_err(fail)?;
                Entry::Symlink(fs.readlink(path).map_err(fail)?)
            } else {
                Entry::file(&fs.read_file(&rel).map_err(fail)?)
            };
            entries.insert(rel, entry);
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::sync::atomic::{AtomicU32, Ordering};
    use wasip1_host::fs::OpenOptions;

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = std::env::temp_dir()
                .join(format!("wasip1-host-hostcopy-{}-{n}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir(&path).unwrap();
            Self(path)
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.0.join(rel)
        }

        fn write(&self, rel: &str, contents: &str) {
            let p = self.path(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, contents).unwrap();
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Every entry below `root` as `(path, description)`, without following links.
    fn tree(root: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut pending = vec![(root.to_path_buf(), String::new())];
        while let Some((dir, rel)) = pending.pop() {
            for e in fs::read_dir(&dir).unwrap() {
                let e = e.unwrap();
                let r = join_rel(&rel, e.file_name().to_str().unwrap());
                let meta = fs::symlink_metadata(e.path()).unwrap();
                let desc = if meta.is_symlink() {
                    format!("-> {}", fs::read_link(e.path()).unwrap().display())
                } else if meta.is_dir() {
                    pending.push((e.path(), r.clone()));
                    "dir".into()
                } else {
                    format!(
                        "{:?} {:?}",
                        fs::read_to_string(e.path()).unwrap(),
                        meta.modified().unwrap()
                    )
                };
                out.push((r, desc));
            }
        }
        out.sort();
        out
    }

    fn sample() -> TempDir {
        let t = TempDir::new();
        t.write("a.txt", "alpha");
        t.write("sub/b.txt", "beta");
        t.write("sub/deep/c.txt", "gamma");
        fs::create_dir(t.path("empty")).unwrap();
        create_symlink("a.txt", &t.path("link")).unwrap();
        create_symlink("../nowhere", &t.path("sub/dangling")).unwrap();
        t
    }

    #[test]
    fn load_copies_files_dirs_and_links() {
        let t = sample();
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        assert_eq!(m.read_file("a.txt").unwrap(), b"alpha");
        assert_eq!(m.read_file("sub/deep/c.txt").unwrap(), b"gamma");
        assert!(m.read_dir(VPath::new("empty").unwrap()).unwrap().is_empty());
        assert_eq!(m.readlink(VPath::new("link").unwrap()).unwrap(), "a.txt");
        assert_eq!(
            m.readlink(VPath::new("sub/dangling").unwrap()).unwrap(),
            "../nowhere"
        );
        let host_mtime = fs::metadata(t.path("a.txt")).unwrap().modified().unwrap();
        let mem_mtime = m.stat(VPath::new("a.txt").unwrap()).unwrap().mtim;
        assert_eq!(nanos(Ok(host_mtime)), SetTime::At(mem_mtime));
    }

    #[test]
    fn load_does_not_follow_links() {
        let outside = TempDir::new();
        outside.write("secret.txt", "secret");
        let t = TempDir::new();
        create_symlink(outside.0.to_str().unwrap(), &t.path("escape")).unwrap();
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        assert_eq!(m.read_dir(VPath::ROOT).unwrap().len(), 1);
        assert_eq!(
            m.stat(VPath::new("escape").unwrap()).unwrap().filetype,
            Filetype::SYMBOLIC_LINK
        );
        assert!(m.used_bytes() == 0);
    }

    #[test]
    fn load_follows_a_link_naming_the_root_itself() {
        let t = sample();
        let holder = TempDir::new();
        create_symlink(t.0.to_str().unwrap(), &holder.path("alias")).unwrap();
        let copy = HostCopy::load(&holder.path("alias")).unwrap();
        assert_eq!(copy.root(), fs::canonicalize(&t.0).unwrap());
        assert_eq!(copy.fs().read_file("a.txt").unwrap(), b"alpha");
    }

    #[test]
    fn load_errors() {
        let t = TempDir::new();
        t.write("file", "x");
        assert!(HostCopy::load(&t.path("missing")).is_err());
        let e = HostCopy::load(&t.path("file")).err().unwrap();
        assert!(e.to_string().contains("not a directory"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn load_refuses_non_utf8_names() {
        use std::os::unix::ffi::OsStrExt;
        let t = TempDir::new();
        fs::write(t.0.join(std::ffi::OsStr::from_bytes(b"bad\xff")), "x").unwrap();
        let e = HostCopy::load(&t.0).err().unwrap();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
    }

    #[test]
    fn unchanged_tree_is_left_alone() {
        let t = sample();
        let before = tree(&t.0);
        let copy = HostCopy::load(&t.0).unwrap();
        // Rewriting a file with the same bytes is no change either.
        copy.fs().write_file("a.txt", b"alpha").unwrap();
        assert!(copy.write_back().is_empty());
        assert_eq!(tree(&t.0), before);
    }

    #[test]
    fn changes_are_written_back() {
        let t = sample();
        let kept_mtime = fs::metadata(t.path("sub/b.txt"))
            .unwrap()
            .modified()
            .unwrap();
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        m.write_file("a.txt", b"ALPHA!").unwrap(); // changed
        m.write_file("new/dir/n.txt", b"new").unwrap(); // new, with new parents
        m.unlink(VPath::new("sub/deep/c.txt").unwrap()).unwrap(); // removed tree
        m.remove_dir(VPath::new("sub/deep").unwrap()).unwrap();
        m.unlink(VPath::new("link").unwrap()).unwrap(); // link retargeted
        m.create_symlink("sub/b.txt", "link").unwrap();
        m.remove_dir(VPath::new("empty").unwrap()).unwrap(); // dir -> file
        m.write_file("empty", b"now a file").unwrap();
        m.create_symlink("../../x", "new/l").unwrap(); // new link
        assert!(copy
            .write_back()
            .iter()
            .map(ToString::to_string)
            .eq(None::<String>));

        assert_eq!(fs::read_to_string(t.path("a.txt")).unwrap(), "ALPHA!");
        assert_eq!(fs::read_to_string(t.path("new/dir/n.txt")).unwrap(), "new");
        assert!(!t.path("sub/deep").exists());
        assert_eq!(
            fs::read_link(t.path("link")).unwrap(),
            Path::new("sub/b.txt")
        );
        assert_eq!(fs::read_to_string(t.path("empty")).unwrap(), "now a file");
        assert_eq!(
            fs::read_link(t.path("new/l")).unwrap(),
            Path::new("../../x")
        );
        // Untouched entries stay as they were, down to the modification time.
        let b = fs::metadata(t.path("sub/b.txt")).unwrap();
        assert_eq!(b.modified().unwrap(), kept_mtime);
        assert_eq!(
            fs::read_link(t.path("sub/dangling")).unwrap(),
            Path::new("../nowhere")
        );
    }

    #[test]
    fn a_link_replaced_by_a_directory_is_written_inside_root() {
        let outside = TempDir::new();
        let t = TempDir::new();
        create_symlink(outside.0.to_str().unwrap(), &t.path("esc")).unwrap();
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        m.unlink(VPath::new("esc").unwrap()).unwrap();
        m.write_file("esc/x.txt", b"inside").unwrap();
        assert!(copy.write_back().is_empty());
        assert!(fs::symlink_metadata(t.path("esc")).unwrap().is_dir());
        assert_eq!(fs::read_to_string(t.path("esc/x.txt")).unwrap(), "inside");
        assert!(fs::read_dir(&outside.0).unwrap().next().is_none());
    }

    #[test]
    fn never_writes_through_a_link_that_appeared_on_the_host() {
        let outside = TempDir::new();
        let t = TempDir::new();
        t.write("d/f.txt", "f");
        t.write("g.txt", "g");
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        m.write_file("d/new.txt", b"new").unwrap();
        m.write_file("d/f.txt", b"changed").unwrap();
        m.write_file("g.txt", b"changed").unwrap();
        // Meanwhile on the host, `d` and `g.txt` become links leading out.
        fs::remove_dir_all(t.path("d")).unwrap();
        create_symlink(outside.0.to_str().unwrap(), &t.path("d")).unwrap();
        outside.write("g.txt", "outside");
        fs::remove_file(t.path("g.txt")).unwrap();
        create_symlink(outside.path("g.txt").to_str().unwrap(), &t.path("g.txt")).unwrap();

        let errors = copy.write_back();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(
            tree(&outside.0)
                .into_iter()
                .map(|(p, _)| p)
                .collect::<Vec<_>>(),
            ["g.txt"]
        );
        assert_eq!(
            fs::read_to_string(outside.path("g.txt")).unwrap(),
            "outside"
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_left_out_and_left_alone() {
        let t = TempDir::new();
        let _listener = std::os::unix::net::UnixListener::bind(t.path("sock")).unwrap();
        let copy = HostCopy::load(&t.0).unwrap();
        let m = copy.fs();
        assert!(m.read_dir(VPath::ROOT).unwrap().is_empty());
        let create = OpenOptions {
            create: true,
            write: true,
            ..OpenOptions::default()
        };
        m.open_file(VPath::new("sock").unwrap(), create).unwrap();
        let errors = copy.write_back();
        assert_eq!(errors.len(), 1);
        assert!(errors
            .iter()
            .any(|e| e.to_string().contains("not a regular file")));
        assert!(!fs::symlink_metadata(t.path("sock")).unwrap().is_file());
    }

    #[test]
    fn fingerprints_differ() {
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_ne!(Entry::file(b""), Entry::file(b"\0"));
    }
}
