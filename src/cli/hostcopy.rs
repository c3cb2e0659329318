//! `--fs mem`: a host directory copied into a [`MemFs`] before the run. The guest works on
//! the copy only; the host directory is read once, here, and never touched again (`--save`
//! is what copies a guest directory out, see `save.rs`).
//!
//! Loading ([`HostCopy::load`]) copies regular files (contents, access and modification
//! times), directories (with their times) and symbolic links (as links, with their target
//! text). Sockets, FIFOs and devices are left out. Names and link targets must be UTF-8,
//! because [`MemFs`] names are strings, and the copy holds at most [`MEMFS_DEFAULT_LIMIT`]
//! bytes of file contents.
//!
//! Sandbox: the HOST path itself is canonicalized once (a symbolic link *naming* the
//! directory is followed, as `cd` would). Below it, no symbolic link is ever followed:
//! entries are examined with `lstat`, and a file is opened only after `lstat` shows a
//! regular file, its identity (device and inode) checked again after opening, before a
//! byte is read.

use core::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use wasip1_host::abi::Errno;
use wasip1_host::fs::{Fs, MemFs, SetTime, VPath, MEMFS_DEFAULT_LIMIT};

/// One host directory copied into memory.
pub(crate) struct HostCopy {
    fs: MemFs,
}

/// Loading one host path failed.
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
        let copy = Self { fs: MemFs::new() };
        // Directory times are set last, deepest first: adding entries changes them.
        let mut dir_times = vec![(String::new(), meta)];
        let mut pending = vec![String::new()];
        while let Some(dir) = pending.pop() {
            let dir_path = host_path(&root, &dir);
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
                    Some(Loaded::Dir) => {
                        dir_times.push((rel.clone(), meta));
                        pending.push(rel);
                    }
                    Some(Loaded::Other) => copy
                        .set_times(&rel, &meta)
                        .map_err(|e| CopyError::new("load", &path, e))?,
                    None => {}
                }
            }
        }
        for (rel, meta) in dir_times.iter().rev() {
            copy.set_times(rel, meta)
                .map_err(|e| CopyError::new("load", host_path(&root, rel), e))?;
        }
        Ok(copy)
    }

    /// Copies one entry into memory; `None` for a kind that is left out.
    fn load_entry(
        &self,
        rel: &str,
        path: &Path,
        meta: &fs::Metadata,
    ) -> io::Result<Option<Loaded>> {
        let kind = meta.file_type();
        if kind.is_symlink() {
            let target = fs::read_link(path)?
                .into_os_string()
                .into_string()
                .map_err(|_| io_error("the symbolic link's target is not UTF-8"))?;
            self.fs.create_symlink(&target, rel).map_err(mem_error)?;
            Ok(Some(Loaded::Other))
        } else if kind.is_dir() {
            self.fs.create_dir_all(rel).map_err(mem_error)?;
            Ok(Some(Loaded::Dir))
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
            Ok(Some(Loaded::Other))
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
}

/// What [`HostCopy::load_entry`] copied: a directory (to descend into) or something else.
enum Loaded {
    Dir,
    Other,
}

/// The host path of `rel` below `root`. `rel` comes from host directory listings joined
/// with `/`, whose names are never empty, `.`, `..` or contain `/`.
fn host_path(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .filter(|c| !c.is_empty())
        .fold(root.to_path_buf(), |p, c| p.join(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::sync::atomic::{AtomicU32, Ordering};
    use wasip1_host::abi::Filetype;

    fn create_symlink(target: &str, path: &Path) -> io::Result<()> {
        std::os::unix::fs::symlink(target, path)
    }

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
        assert_eq!(copy.fs().read_dir(VPath::ROOT).unwrap().len(), 4);
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

    #[cfg(unix)]
    #[test]
    fn special_files_are_left_out() {
        let t = TempDir::new();
        let _listener = std::os::unix::net::UnixListener::bind(t.path("sock")).unwrap();
        t.write("f.txt", "f");
        let copy = HostCopy::load(&t.0).unwrap();
        let names: Vec<String> = copy
            .fs()
            .read_dir(VPath::ROOT)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["f.txt"]);
    }
}
