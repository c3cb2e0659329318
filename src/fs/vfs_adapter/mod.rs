//! [`VfsAdapter`]: any filesystem of the [`vfs`] crate (`MemoryFS`, `PhysicalFS`, `AltrootFS`,
//! `OverlayFS`, `EmbeddedFS`, or an embedder's own) as an [`Fs`] (feature `vfs`). How the two
//! models meet is documented on [`VfsAdapter`].

use super::host_errno::from_io;
use super::path::is_plain_name;
use super::{DirEntry, File, Fs, OpenOptions, SetTime, VPath};
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell, RefMut};
use core::fmt;
use core::time::Duration;
use std::io::{Read, Write};
use std::time::{SystemTime, UNIX_EPOCH};
use vfs::error::VfsErrorKind;
use vfs::{FileSystem, VfsError, VfsFileType, VfsMetadata, VfsPath, VfsResult};
use wasip1_abi::{Errno, Filestat, Filetype};

/// The device number of every entry of a [`VfsAdapter`] (`"vfs"` in ASCII).
const DEV: u64 = 0x0076_6673;

/// Any [`vfs::FileSystem`] as an [`Fs`] (feature `vfs`), so embedders bring filesystems they
/// already have.
///
/// `vfs` is a smaller model than ours, so the adapter fills the gaps as follows.
///
/// - **Paths.** Our resolved path `a/b` is the vfs path `/a/b`; the root is `""`. The
///   resolver above has already removed `.`, `..` and symlinks; names a backend lists that are
///   not plain names (containing `/`, NUL, or being `.`/`..`) are left out of listings.
/// - **Errors.** One table turns a `VfsErrorKind` into an errno. A mandatory
///   *mutating* method (`create_file`, `append_file`, `create_dir`, `remove_*`) answering
///   `NotSupported` means the filesystem is read-only (`EmbeddedFS`), reported as `ROFS`.
///   `vfs` reports a missing entry below a regular file as `FileNotFound`; the adapter turns
///   that into `NOTDIR` when the nearest existing ancestor is a file, as POSIX does.
/// - **Files.** A vfs handle either reads (`open_file`) or writes a whole new file
///   (`create_file`); none does positioned reads and writes. So an open file is an in-memory
///   buffer: its bytes are read on first access, reads, writes and `set_len` work on the
///   buffer, and the whole buffer is written back (`create_file` + `write_all`) by
///   [`File::sync`], by dropping a descriptor while the buffer is dirty, and before anything
///   that reads the file through vfs (a rename, `set_times`). All descriptors of one path
///   share one buffer (a registry inside the adapter), so a write through one is seen by the
///   others at once and seek-back-and-overwrite is byte-exact. A buffer is bounded by
///   [`VfsAdapter::DEFAULT_FILE_LIMIT`] (see [`VfsAdapter::with_file_limit`]): writing past it
///   is `FBIG`, and so is the first access to a larger file.
///   Dropping cannot return an error: **an embedder who must see write errors calls
///   [`VfsAdapter::sync_all`] (or relies on the guest calling `fd_sync`/`fd_datasync`)**;
///   otherwise a failed write-back on drop is lost. Opening an existing file for writing
///   probes `append_file` at once, so a read-only filesystem fails the open with `ROFS`
///   rather than the write-back (side effect: `MemoryFS` then bumps the file's mtime).
/// - **Unlink and replace.** Removing (or renaming over) a file that is still open detaches
///   its buffer, as POSIX keeps an unlinked file alive: the descriptors keep reading and
///   writing the old contents, which are never written back.
/// - **No links.** vfs has no symlinks or hard links: `symlink` and `link` are `NOTSUP`,
///   `readlink` is `INVAL` (nothing is a symlink). Under `PhysicalFS` host symlinks are
///   followed by the host, so it is not a sandbox: use
///   [`HostDirFs`](crate::fs::HostDirFs) for one.
/// - **Metadata.** The file type and size come from `VfsMetadata` (the size of an open,
///   loaded file from its buffer; its times are the backend's until the next write-back);
///   `atim`/`mtim` from `accessed`/`modified`; `ctim` (vfs has no change time) from
///   `modified`, else `created`; a missing time is 0. There are no inode numbers in vfs:
///   `ino` is a 64-bit FNV-1a hash of the path relative to the adapter's root (stable across
///   runs). Without hard links path identity is file identity, but **a rename changes the
///   inode number**. `nlink` is 1 (0 for a detached file); `dev` is `0x76_6673` (`"vfs"`).
/// - **Rename.** The POSIX replace rules (`ISDIR`, `NOTDIR`, `NOTEMPTY`, `INVAL` for a
///   directory into its own subtree) are checked first, since vfs backends differ. Then the
///   backend's `move_file`/`move_dir` is used (`PhysicalFS`: an atomic host rename); a backend
///   without them (`MemoryFS`, `AltrootFS`, `OverlayFS`) gets a copy followed by a removal,
///   of a whole tree for a directory. That fallback is not atomic: a failure half-way can
///   leave both copies, and timestamps are not carried over.
/// - **Times.** `set_times` uses `set_access_time`/`set_modification_time`; a backend
///   without them answers `NOTSUP`, and so does `OverlayFS` for an entry that exists only in a
///   lower layer (it sets times on the write layer only).
/// - **Listings** are sorted by name. `OverlayFS` lists its bookkeeping directory
///   `.whiteout` in the root once something was removed; the adapter shows it as it is.
/// - The adapter assumes it is the only writer of files it has open; a change made behind
///   its back to an open, loaded file is overwritten by the next write-back.
///
/// Cloning gives another handle to the same filesystem and the same open files: keep a clone
/// to look at the results after a run.
///
/// ```
/// use wasip1_host::{fs::VfsAdapter, Host};
/// let root: vfs::VfsPath = vfs::MemoryFS::new().into();
/// root.join("out").unwrap().create_dir().unwrap();
/// let fs = VfsAdapter::from_path(root.clone());
/// # let wasm = wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "_start")))"#).unwrap();
/// let outcome = Host::new().run_with(&wasm, fs.clone()).unwrap();
/// fs.sync_all().unwrap(); // write-back errors, if any, surface here
/// assert_eq!(outcome.exit_code, 0);
/// ```
#[derive(Clone)]
pub struct VfsAdapter {
    fs: Rc<Shared>,
}

/// What every clone of an adapter and every open file share.
struct Shared {
    vfs: Box<dyn FileSystem>,
    /// The buffer of each open path, by resolved path.
    open: RefCell<BTreeMap<String, Weak<RefCell<Buffer>>>>,
    file_limit: Cell<u64>,
}

/// The contents of one open file, shared by all its descriptors.
struct Buffer {
    /// Its resolved path; `None` once unlinked or replaced (never written back then).
    path: Option<String>,
    /// The inode number, kept for a detached file.
    ino: u64,
    /// The bytes, once read (`None` until first access).
    data: Option<Vec<u8>>,
    /// Changed since the last write-back.
    dirty: bool,
    /// `atim`, `mtim`, `ctim` of a detached file.
    times: [u64; 3],
}

impl fmt::Debug for VfsAdapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VfsAdapter")
            .field("fs", &self.fs.vfs)
            .field("file_limit", &self.fs.file_limit.get())
            .finish_non_exhaustive()
    }
}

impl VfsAdapter {
    /// The default bound on the size of one open file's buffer: 1 GiB.
    pub const DEFAULT_FILE_LIMIT: u64 = 1 << 30;

    /// Serves `fs` (whose vfs path `/a/b` is our `a/b`).
    pub fn new(fs: impl FileSystem) -> Self {
        Self {
            fs: Rc::new(Shared {
                vfs: Box::new(fs),
                open: RefCell::new(BTreeMap::new()),
                file_limit: Cell::new(Self::DEFAULT_FILE_LIMIT),
            }),
        }
    }

    /// Serves the directory `root` (of any vfs filesystem) as the root. This goes through
    /// `vfs::AltrootFS`, which has no native move, so renames copy.
    pub fn from_path(root: VfsPath) -> Self {
        Self::new(vfs::AltrootFS::new(root))
    }

    /// Sets the largest size an open file may reach (default
    /// [`VfsAdapter::DEFAULT_FILE_LIMIT`]); writes past it fail with `FBIG`. Applies to
    /// every clone.
    #[must_use]
    pub fn with_file_limit(self, limit: u64) -> Self {
        self.fs.file_limit.set(limit);
        self
    }

    /// The filesystem being served.
    pub fn file_system(&self) -> &dyn FileSystem {
        &*self.fs.vfs
    }

    /// Writes every changed open file back to the filesystem.
    ///
    /// # Errors
    ///
    /// The first write-back error (`ROFS`, `NOSPC`, `IO`, ...); the other files are still tried.
    pub fn sync_all(&self) -> Result<(), Errno> {
        let mut result = Ok(());
        for buf in self.fs.live_under(VPath::ROOT) {
            let r = lock(&buf).and_then(|mut b| self.fs.write_back(&mut b));
            if result.is_ok() {
                result = r;
            }
        }
        result
    }
}

/// The errno of a vfs error: the one table, one row per `VfsErrorKind`.
fn errno(e: &VfsError) -> Errno {
    match e.kind() {
        VfsErrorKind::FileNotFound => Errno::NOENT,
        VfsErrorKind::FileExists | VfsErrorKind::DirectoryExists => Errno::EXIST,
        VfsErrorKind::NotSupported => Errno::NOTSUP,
        VfsErrorKind::InvalidPath => Errno::INVAL,
        // Host errors (`PhysicalFS`) go through the host table; others become `IO`.
        VfsErrorKind::IoError(io) => from_io(io),
        VfsErrorKind::Other(_) => Errno::IO,
        // `AsyncIoError` exists when some crate enables vfs's `async-vfs` feature.
        #[allow(unreachable_patterns)]
        _ => Errno::IO,
    }
}

/// The errno of a failed mandatory mutating call: `NotSupported` there means read-only.
fn mutation_errno(e: &VfsError) -> Errno {
    match errno(e) {
        Errno::NOTSUP => Errno::ROFS,
        other => other,
    }
}

/// The vfs path of a resolved path.
fn vfs_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("/{path}")
    }
}

/// `path/name` as a resolved path.
fn join(path: VPath<'_>, name: &str) -> String {
    if path.is_root() {
        String::from(name)
    } else {
        format!("{}/{name}", path.as_str())
    }
}

/// A stable inode number for a path: 64-bit FNV-1a, never 0.
fn ino_of(path: &str) -> u64 {
    let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash.max(1)
}

/// Nanoseconds since the epoch; 0 for a missing or earlier time.
fn ns(t: Option<SystemTime>) -> u64 {
    t.and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn system_time(ns: u64) -> Result<SystemTime, Errno> {
    UNIX_EPOCH
        .checked_add(Duration::from_nanos(ns))
        .ok_or(Errno::INVAL)
}

fn filetype(t: VfsFileType) -> Filetype {
    match t {
        VfsFileType::File => Filetype::REGULAR_FILE,
        VfsFileType::Directory => Filetype::DIRECTORY,
    }
}

fn filestat(path: &str, meta: &VfsMetadata) -> Filestat {
    Filestat {
        dev: DEV,
        ino: ino_of(path),
        filetype: filetype(meta.file_type),
        nlink: 1,
        size: meta.len,
        atim: ns(meta.accessed),
        mtim: ns(meta.modified),
        ctim: ns(meta.modified.or(meta.created)),
        ..Filestat::default()
    }
}

fn lock(buf: &Rc<RefCell<Buffer>>) -> Result<RefMut<'_, Buffer>, Errno> {
    buf.try_borrow_mut().map_err(|_| Errno::BUSY)
}

/// Writes `src` at `offset` into `data` (zero-filling a gap), at most up to `limit`.
fn write_into(data: &mut Vec<u8>, src: &[u8], offset: u64, limit: u64) -> Result<usize, Errno> {
    if src.is_empty() {
        return Ok(0);
    }
    if offset >= limit {
        return Err(Errno::FBIG);
    }
    let room = limit - offset;
    let n = usize::try_from(room).map_or(src.len(), |r| r.min(src.len()));
    let start = usize::try_from(offset).map_err(|_| Errno::FBIG)?;
    let end = start.checked_add(n).ok_or(Errno::FBIG)?;
    if data.len() < end {
        data.try_reserve(end - data.len())
            .map_err(|_| Errno::NOSPC)?;
        data.resize(end, 0);
    }
    let dst = data.get_mut(start..end).ok_or(Errno::IO)?;
    dst.copy_from_slice(src.get(..n).ok_or(Errno::IO)?);
    Ok(n)
}

impl Shared {
    /// The metadata at `path`; `NOENT` below a file becomes `NOTDIR`.
    fn metadata(&self, path: VPath<'_>) -> Result<VfsMetadata, Errno> {
        self.vfs
            .metadata(&vfs_path(path.as_str()))
            .map_err(|e| match errno(&e) {
                Errno::NOENT => self.missing(path),
                other => other,
            })
    }

    /// Why `path` is missing: `NOTDIR` if its nearest existing ancestor is a file, else `NOENT`.
    fn missing(&self, path: VPath<'_>) -> Errno {
        let mut cur = path;
        while let Some((parent, _)) = cur.split_last() {
            match self.vfs.metadata(&vfs_path(parent.as_str())) {
                Ok(m) if m.file_type == VfsFileType::File => return Errno::NOTDIR,
                Ok(_) => return Errno::NOENT,
                Err(_) => cur = parent,
            }
        }
        Errno::NOENT
    }

    /// The type of the entry at `path`, `None` if there is none.
    fn lookup(&self, path: VPath<'_>) -> Result<Option<VfsFileType>, Errno> {
        match self.metadata(path) {
            Ok(m) => Ok(Some(m.file_type)),
            Err(Errno::NOENT) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `NOENT`/`NOTDIR` unless the parent of `path` is a directory.
    fn check_parent(&self, path: VPath<'_>) -> Result<(), Errno> {
        match path.split_last() {
            None => Ok(()),
            Some((parent, _)) => match self.metadata(parent)?.file_type {
                VfsFileType::Directory => Ok(()),
                VfsFileType::File => Err(Errno::NOTDIR),
            },
        }
    }

    /// The plain names in the directory at vfs path `dir`, sorted.
    fn names(&self, dir: &str) -> Result<Vec<String>, Errno> {
        let mut names: Vec<String> = self
            .vfs
            .read_dir(dir)
            .map_err(|e| errno(&e))?
            .filter(|n| is_plain_name(n))
            .collect();
        names.sort_unstable();
        names.dedup();
        Ok(names)
    }

    fn is_empty_dir(&self, path: VPath<'_>) -> Result<bool, Errno> {
        Ok(self
            .vfs
            .read_dir(&vfs_path(path.as_str()))
            .map_err(|e| errno(&e))?
            .next()
            .is_none())
    }

    /// Creates (or truncates) the file at vfs path `p` as empty.
    fn create_empty(&self, p: &str) -> Result<(), Errno> {
        let mut w = self.vfs.create_file(p).map_err(|e| mutation_errno(&e))?;
        w.flush().map_err(|e| from_io(&e))
    }

    /// Fails unless the existing file at vfs path `p` can be written.
    fn probe_writable(&self, p: &str) -> Result<(), Errno> {
        self.vfs
            .append_file(p)
            .map(drop)
            .map_err(|e| mutation_errno(&e))
    }

    /// All bytes of the file at resolved path `path`, within the file limit.
    fn read_all(&self, path: &str) -> Result<Vec<u8>, Errno> {
        let limit = self.file_limit.get();
        let mut r = self.vfs.open_file(&vfs_path(path)).map_err(|e| errno(&e))?;
        let mut out = Vec::new();
        r.by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| from_io(&e))?;
        if out.len() as u64 > limit {
            return Err(Errno::FBIG);
        }
        Ok(out)
    }

    /// The buffer's bytes, read on first use.
    fn load<'b>(&self, buf: &'b mut Buffer) -> Result<&'b mut Vec<u8>, Errno> {
        if buf.data.is_none() {
            let bytes = match &buf.path {
                Some(p) => self.read_all(p)?,
                None => Vec::new(),
            };
            buf.data = Some(bytes);
        }
        buf.data.as_mut().ok_or(Errno::IO)
    }

    /// Writes a dirty buffer back as the whole file.
    fn write_back(&self, buf: &mut Buffer) -> Result<(), Errno> {
        if !buf.dirty {
            return Ok(());
        }
        if let (Some(path), Some(data)) = (&buf.path, &buf.data) {
            let mut w = self
                .vfs
                .create_file(&vfs_path(path))
                .map_err(|e| mutation_errno(&e))?;
            w.write_all(data).map_err(|e| from_io(&e))?;
            w.flush().map_err(|e| from_io(&e))?;
        }
        buf.dirty = false;
        Ok(())
    }

    /// The live buffer of exactly `path`.
    fn buffer(&self, path: &str) -> Option<Rc<RefCell<Buffer>>> {
        self.open.try_borrow().ok()?.get(path)?.upgrade()
    }

    /// The live buffers at or below `path`.
    fn live_under(&self, path: VPath<'_>) -> Vec<Rc<RefCell<Buffer>>> {
        let Ok(map) = self.open.try_borrow() else {
            return Vec::new();
        };
        map.iter()
            .filter(|(k, _)| VPath::new(k).is_ok_and(|k| k.starts_with(path)))
            .filter_map(|(_, w)| w.upgrade())
            .collect()
    }

    fn flush_under(&self, path: VPath<'_>) -> Result<(), Errno> {
        for buf in self.live_under(path) {
            self.write_back(&mut *lock(&buf)?)?;
        }
        Ok(())
    }

    /// Before the file at `path` goes away: an open buffer of it reads its bytes and times,
    /// so its descriptors keep them.
    fn preload(&self, path: VPath<'_>) -> Result<(), Errno> {
        if let Some(buf) = self.buffer(path.as_str()) {
            let mut b = lock(&buf)?;
            self.load(&mut b)?;
            if let Ok(m) = self.vfs.metadata(&vfs_path(path.as_str())) {
                b.times = [ns(m.accessed), ns(m.modified), ns(m.modified.or(m.created))];
            }
        }
        Ok(())
    }

    /// After the file at `path` went away: its buffer no longer belongs to a path.
    fn detach(&self, path: VPath<'_>) {
        let Ok(mut map) = self.open.try_borrow_mut() else {
            return;
        };
        if let Some(buf) = map.remove(path.as_str()).and_then(|w| w.upgrade()) {
            if let Ok(mut b) = buf.try_borrow_mut() {
                b.path = None;
                b.dirty = false;
            }
        }
    }

    /// After a rename: buffers at or below `from` now live at or below `to`.
    fn repath(&self, from: VPath<'_>, to: VPath<'_>) {
        let Ok(mut map) = self.open.try_borrow_mut() else {
            return;
        };
        let moved: Vec<String> = map
            .keys()
            .filter(|k| VPath::new(k).is_ok_and(|k| k.starts_with(from)))
            .cloned()
            .collect();
        for old in moved {
            let Some(weak) = map.remove(&old) else {
                continue;
            };
            let Some(buf) = weak.upgrade() else {
                continue;
            };
            let rest = old.strip_prefix(from.as_str()).unwrap_or_default();
            let new = format!("{}{rest}", to.as_str());
            if let Ok(mut b) = buf.try_borrow_mut() {
                b.ino = ino_of(&new);
                b.path = Some(new.clone());
            }
            map.insert(new, weak);
        }
    }

    /// The shared buffer of `path`, created if no descriptor has it open. `fresh`: the file
    /// was just created or truncated, so it is known to be empty.
    fn open_buffer(&self, path: &str, fresh: bool) -> Result<Rc<RefCell<Buffer>>, Errno> {
        let mut map = self.open.try_borrow_mut().map_err(|_| Errno::BUSY)?;
        map.retain(|_, w| w.strong_count() > 0);
        if let Some(buf) = map.get(path).and_then(Weak::upgrade) {
            if fresh {
                let mut b = lock(&buf)?;
                b.data = Some(Vec::new());
                b.dirty = false;
            }
            return Ok(buf);
        }
        let buf = Rc::new(RefCell::new(Buffer {
            path: Some(String::from(path)),
            ino: ino_of(path),
            data: fresh.then(Vec::new),
            dirty: false,
            times: [0; 3],
        }));
        map.insert(String::from(path), Rc::downgrade(&buf));
        Ok(buf)
    }

    /// Sets the times of the entry at resolved path `path`.
    fn apply_times(&self, path: &str, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let p = vfs_path(path);
        let check = |r: VfsResult<()>| {
            r.map_err(|e| match errno(&e) {
                // The entry is there, the backend cannot reach it (an `OverlayFS` lower layer).
                Errno::NOENT if self.vfs.exists(&p).unwrap_or(false) => Errno::NOTSUP,
                other => other,
            })
        };
        if let SetTime::At(t) = atim {
            check(self.vfs.set_access_time(&p, system_time(t)?))?;
        }
        if let SetTime::At(t) = mtim {
            check(self.vfs.set_modification_time(&p, system_time(t)?))?;
        }
        Ok(())
    }

    /// Removes the file or empty directory at vfs path `p`.
    fn remove_entry(&self, p: &str, kind: VfsFileType) -> Result<(), Errno> {
        match kind {
            VfsFileType::File => self.vfs.remove_file(p),
            VfsFileType::Directory => self.vfs.remove_dir(p),
        }
        .map_err(|e| mutation_errno(&e))
    }

    /// Moves `from` to the free name `to` with the backend's own move; `Ok(false)` if the
    /// backend has none.
    fn native_move(&self, from: &str, to: &str, dir: bool) -> Result<bool, Errno> {
        let r = if dir {
            self.vfs.move_dir(from, to)
        } else {
            self.vfs.move_file(from, to)
        };
        match r {
            Ok(()) => Ok(true),
            Err(e) if matches!(e.kind(), VfsErrorKind::NotSupported) => Ok(false),
            Err(e) => Err(mutation_errno(&e)),
        }
    }

    /// Moves the entry at vfs path `from` to `to` (replacing `target`, checked compatible).
    fn move_entry(
        &self,
        from: &str,
        to: &str,
        dir: bool,
        target: Option<VfsFileType>,
    ) -> Result<(), Errno> {
        let mut target = target;
        match self.native_move(from, to, dir) {
            Ok(true) => return Ok(()),
            Ok(false) => {}
            Err(e) => {
                // The backend may refuse to replace: remove the target and try once more.
                let Some(kind) = target.take() else {
                    return Err(e);
                };
                self.remove_entry(to, kind)?;
                if self.native_move(from, to, dir)? {
                    return Ok(());
                }
            }
        }
        if let Some(kind) = target {
            self.remove_entry(to, kind)?;
        }
        self.copy_then_remove(from, to, dir)
    }

    /// Copies the tree at vfs path `from` to `to`, then removes `from` (no native move).
    fn copy_then_remove(&self, from: &str, to: &str, dir: bool) -> Result<(), Errno> {
        // Every entry as (suffix below `from`, is a directory), parents before children.
        let mut order: Vec<(String, bool)> = Vec::from([(String::new(), dir)]);
        let mut next = 0;
        while let Some((suffix, is_dir)) = order.get(next).cloned() {
            next += 1;
            if !is_dir {
                continue;
            }
            for name in self.names(&format!("{from}{suffix}"))? {
                let child = format!("{suffix}/{name}");
                let meta = self
                    .vfs
                    .metadata(&format!("{from}{child}"))
                    .map_err(|e| errno(&e))?;
                order.push((child, meta.file_type == VfsFileType::Directory));
            }
        }
        for (suffix, is_dir) in &order {
            let (src, dst) = (format!("{from}{suffix}"), format!("{to}{suffix}"));
            if *is_dir {
                self.vfs.create_dir(&dst).map_err(|e| mutation_errno(&e))?;
            } else {
                let mut r = self.vfs.open_file(&src).map_err(|e| errno(&e))?;
                let mut w = self.vfs.create_file(&dst).map_err(|e| mutation_errno(&e))?;
                std::io::copy(&mut r, &mut w).map_err(|e| from_io(&e))?;
                w.flush().map_err(|e| from_io(&e))?;
            }
        }
        for (suffix, is_dir) in order.iter().rev() {
            let kind = if *is_dir {
                VfsFileType::Directory
            } else {
                VfsFileType::File
            };
            self.remove_entry(&format!("{from}{suffix}"), kind)?;
        }
        Ok(())
    }
}

impl Fs for VfsAdapter {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        let meta = self.fs.metadata(path)?;
        let mut st = filestat(path.as_str(), &meta);
        if let Some(buf) = self.fs.buffer(path.as_str()) {
            if let Some(data) = buf.try_borrow().ok().as_ref().and_then(|b| b.data.as_ref()) {
                st.size = data.len() as u64;
            }
        }
        Ok(st)
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        let exclusive = options.create && options.exclusive;
        if path.is_root() {
            return Err(if exclusive {
                Errno::EXIST
            } else {
                Errno::ISDIR
            });
        }
        self.fs.check_parent(path)?;
        let p = vfs_path(path.as_str());
        let fresh = match self.fs.lookup(path)? {
            Some(VfsFileType::Directory) => {
                return Err(if exclusive {
                    Errno::EXIST
                } else {
                    Errno::ISDIR
                })
            }
            Some(VfsFileType::File) if exclusive => return Err(Errno::EXIST),
            Some(VfsFileType::File) if options.truncate => {
                self.fs.create_empty(&p)?;
                true
            }
            Some(VfsFileType::File) => {
                if options.write {
                    self.fs.probe_writable(&p)?;
                }
                false
            }
            None if options.create => {
                self.fs.create_empty(&p)?;
                true
            }
            None => return Err(Errno::NOENT),
        };
        let buf = self.fs.open_buffer(path.as_str(), fresh)?;
        Ok(Box::new(VfsFile {
            shared: Rc::clone(&self.fs),
            buf,
        }))
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        if self.fs.metadata(path)?.file_type == VfsFileType::File {
            return Err(Errno::NOTDIR);
        }
        let mut out = Vec::new();
        for name in self.fs.names(&vfs_path(path.as_str()))? {
            let child = join(path, &name);
            match self.fs.vfs.metadata(&vfs_path(&child)) {
                Ok(m) => out.push(DirEntry {
                    name,
                    filetype: filetype(m.file_type),
                    ino: ino_of(&child),
                }),
                // Gone since the listing (or, under `PhysicalFS`, a dangling host symlink).
                Err(e) if errno(&e) == Errno::NOENT => {}
                Err(e) => return Err(errno(&e)),
            }
        }
        Ok(out)
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        if path.is_root() {
            return Err(Errno::EXIST);
        }
        self.fs.check_parent(path)?;
        if self.fs.lookup(path)?.is_some() {
            return Err(Errno::EXIST);
        }
        self.fs
            .vfs
            .create_dir(&vfs_path(path.as_str()))
            .map_err(|e| mutation_errno(&e))
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        if path.is_root() {
            return Err(Errno::BUSY);
        }
        if self.fs.metadata(path)?.file_type == VfsFileType::File {
            return Err(Errno::NOTDIR);
        }
        if !self.fs.is_empty_dir(path)? {
            return Err(Errno::NOTEMPTY);
        }
        self.fs
            .remove_entry(&vfs_path(path.as_str()), VfsFileType::Directory)
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        if path.is_root() || self.fs.metadata(path)?.file_type == VfsFileType::Directory {
            return Err(Errno::ISDIR);
        }
        self.fs.preload(path)?;
        self.fs
            .remove_entry(&vfs_path(path.as_str()), VfsFileType::File)?;
        self.fs.detach(path);
        Ok(())
    }

    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        if from.is_root() || to.is_root() {
            return Err(Errno::BUSY);
        }
        let dir = self.fs.metadata(from)?.file_type == VfsFileType::Directory;
        self.fs.check_parent(to)?;
        if from == to {
            return Ok(());
        }
        if dir && to.starts_with(from) {
            return Err(Errno::INVAL);
        }
        let target = self.fs.lookup(to)?;
        match (dir, target) {
            (true, Some(VfsFileType::Directory)) => {
                if !self.fs.is_empty_dir(to)? {
                    return Err(Errno::NOTEMPTY);
                }
            }
            (false, Some(VfsFileType::Directory)) => return Err(Errno::ISDIR),
            (true, Some(VfsFileType::File)) => return Err(Errno::NOTDIR),
            (false, Some(VfsFileType::File)) | (_, None) => {}
        }
        // Moves and copies go through vfs, so it must hold the latest bytes.
        self.fs.flush_under(from)?;
        if target == Some(VfsFileType::File) {
            self.fs.preload(to)?;
        }
        self.fs.move_entry(
            &vfs_path(from.as_str()),
            &vfs_path(to.as_str()),
            dir,
            target,
        )?;
        self.fs.detach(to);
        self.fs.repath(from, to);
        Ok(())
    }

    /// vfs has no hard links: always `NOTSUP`.
    fn link(&self, _from: VPath<'_>, _to: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::NOTSUP)
    }

    /// vfs has no symlinks: always `NOTSUP`.
    fn symlink(&self, _target: &str, _path: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::NOTSUP)
    }

    /// Nothing is a symlink: `INVAL` for an existing entry, else `NOENT`/`NOTDIR`.
    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.fs.metadata(path)?;
        Err(Errno::INVAL)
    }

    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let before = self.stat(path)?;
        // A later write-back would set the modification time again.
        if let Some(buf) = self.fs.buffer(path.as_str()) {
            self.fs.write_back(&mut *lock(&buf)?)?;
        }
        self.fs
            .apply_times(path.as_str(), kept(atim, before.atim), mtim)
    }
}

/// A time left as it is (`Keep`) is pinned to its value before a write-back, which would
/// otherwise move it; a time of 0 (the backend does not keep it) stays `Keep`.
fn kept(time: SetTime, before: u64) -> SetTime {
    match time {
        SetTime::Keep if before != 0 => SetTime::At(before),
        other => other,
    }
}

/// An open file of a [`VfsAdapter`]: a handle on the path's shared buffer.
struct VfsFile {
    shared: Rc<Shared>,
    buf: Rc<RefCell<Buffer>>,
}

impl File for VfsFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        let b = self.buf.try_borrow().map_err(|_| Errno::BUSY)?;
        let mut st = match &b.path {
            Some(p) => {
                let meta = self
                    .shared
                    .vfs
                    .metadata(&vfs_path(p))
                    .map_err(|e| errno(&e))?;
                filestat(p, &meta)
            }
            None => Filestat {
                dev: DEV,
                ino: b.ino,
                filetype: Filetype::REGULAR_FILE,
                nlink: 0,
                atim: b.times[0],
                mtim: b.times[1],
                ctim: b.times[2],
                ..Filestat::default()
            },
        };
        if let Some(data) = &b.data {
            st.size = data.len() as u64;
        }
        Ok(st)
    }

    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        let mut b = lock(&self.buf)?;
        let data = self.shared.load(&mut b)?;
        let Ok(start) = usize::try_from(offset) else {
            return Ok(0);
        };
        let src = data.get(start..).unwrap_or_default();
        let n = src.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(src);
        }
        Ok(n)
    }

    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno> {
        let limit = self.shared.file_limit.get();
        let mut b = lock(&self.buf)?;
        let n = write_into(self.shared.load(&mut b)?, buf, offset, limit)?;
        b.dirty = true;
        Ok(n)
    }

    fn append(&mut self, buf: &[u8]) -> Result<(usize, u64), Errno> {
        let limit = self.shared.file_limit.get();
        let mut b = lock(&self.buf)?;
        let data = self.shared.load(&mut b)?;
        let end = data.len() as u64;
        let n = write_into(data, buf, end, limit)?;
        b.dirty = true;
        Ok((n, end.saturating_add(n as u64)))
    }

    fn set_len(&mut self, len: u64) -> Result<(), Errno> {
        if len > self.shared.file_limit.get() {
            return Err(Errno::FBIG);
        }
        let new_len = usize::try_from(len).map_err(|_| Errno::FBIG)?;
        let mut b = lock(&self.buf)?;
        let data = self.shared.load(&mut b)?;
        if new_len > data.len() {
            data.try_reserve(new_len - data.len())
                .map_err(|_| Errno::NOSPC)?;
            data.resize(new_len, 0);
        } else {
            data.truncate(new_len);
        }
        b.dirty = true;
        Ok(())
    }

    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let before = self.stat()?.atim;
        let atim = kept(atim, before);
        let mut b = lock(&self.buf)?;
        self.shared.write_back(&mut b)?;
        match b.path.clone() {
            Some(p) => self.shared.apply_times(&p, atim, mtim),
            None => {
                if let SetTime::At(t) = atim {
                    b.times[0] = t;
                }
                if let SetTime::At(t) = mtim {
                    b.times[1] = t;
                }
                Ok(())
            }
        }
    }

    fn sync(&mut self) -> Result<(), Errno> {
        self.shared.write_back(&mut *lock(&self.buf)?)
    }
}

impl Drop for VfsFile {
    fn drop(&mut self) {
        let Ok(mut b) = self.buf.try_borrow_mut() else {
            return;
        };
        // A drop cannot report an error; see `VfsAdapter` (`sync_all`, `fd_sync`).
        let _ = self.shared.write_back(&mut b);
        if Rc::strong_count(&self.buf) > 1 {
            return;
        }
        if let (Some(path), Ok(mut map)) = (&b.path, self.shared.open.try_borrow_mut()) {
            if map
                .get(path)
                .is_some_and(|w| core::ptr::eq(w.as_ptr(), Rc::as_ptr(&self.buf)))
            {
                map.remove(path);
            }
        }
    }
}

#[cfg(test)]
mod tests;
