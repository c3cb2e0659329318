//! [`HostDirFs`]: a host directory as the root of a filesystem that cannot be escaped.
//!
//! The resolver above has already turned every guest path into plain names with no `..` and
//! no symlink to follow. This backend adds the host-side half of the guarantee: a path is
//! opened from the root directory descriptor with one `openat2(RESOLVE_BENEATH |
//! RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)`, the kernel refusing anything that would
//! leave the root or follow any symlink; where `openat2` is missing (Linux < 5.6, seccomp) it
//! is walked one component at a time with `openat(O_PATH | O_DIRECTORY | O_NOFOLLOW)`. The
//! final operation is an `*at` call that does not follow a symlink either. So neither a
//! symlink already in the directory nor one the host swaps in while a guest walks (a
//! directory replaced by a link to `/`) can lead out: the lookup fails with an errno instead.

use super::host_errno::{from_host, from_io};
use super::{DirEntry, File, Fs, OpenOptions, SetTime, VPath};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Timespec, Timestamps};
use std::path::Path;
use wasip1_abi::{Errno, Filestat, Filetype};

/// A host directory serving as a filesystem root (feature `std`).
///
/// ```no_run
/// use wasip1_host::{fs::HostDirFs, Host};
/// let fs = HostDirFs::open("/srv/guest-data")?;
/// # let wasm = Vec::new();
/// let outcome = Host::run(&wasm, fs)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HostDirFs {
    root: OwnedFd,
}

/// A directory descriptor: the root itself, or one opened by a walk.
enum DirRef<'a> {
    Root(BorrowedFd<'a>),
    Owned(OwnedFd),
}

impl AsFd for DirRef<'_> {
    fn as_fd(&self) -> BorrowedFd<'_> {
        match self {
            Self::Root(fd) => *fd,
            Self::Owned(fd) => fd.as_fd(),
        }
    }
}

impl HostDirFs {
    /// Opens the host directory `path` as the root. `path` itself may be reached through
    /// symlinks (the embedder chose it); nothing below it ever is.
    ///
    /// # Errors
    ///
    /// The host error if `path` cannot be opened as a directory.
    pub fn open(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let root = rustix::fs::open(
            path.as_ref(),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Self { root })
    }

    /// Walks to the directory `path` without following any symlink.
    fn dir(&self, path: VPath<'_>) -> Result<DirRef<'_>, Errno> {
        if path.is_root() {
            return Ok(DirRef::Root(self.root.as_fd()));
        }
        match rustix::fs::openat2(
            &self.root,
            path.as_str(),
            OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
            RESOLVE,
        ) {
            Ok(fd) => return Ok(DirRef::Owned(fd)),
            Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::AGAIN => {}
            Err(e) => return Err(walk_error(e)),
        }
        let mut cur = DirRef::Root(self.root.as_fd());
        for name in path.components() {
            let next = rustix::fs::openat(
                &cur,
                name,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(walk_error)?;
            cur = DirRef::Owned(next);
        }
        Ok(cur)
    }

    /// The directory holding the last name of `path`, and that name; `None` for the root.
    fn parent<'p>(&self, path: VPath<'p>) -> Result<Option<(DirRef<'_>, &'p str)>, Errno> {
        match path.split_last() {
            None => Ok(None),
            Some((parent, name)) => Ok(Some((self.dir(parent)?, name))),
        }
    }

    /// The parent and name, or `root_errno` when `path` is the root.
    fn entry<'p>(
        &self,
        path: VPath<'p>,
        root_errno: Errno,
    ) -> Result<(DirRef<'_>, &'p str), Errno> {
        self.parent(path)?.ok_or(root_errno)
    }
}

/// `openat2` resolution that never leaves the root and follows no symlink at all.
const RESOLVE: rustix::fs::ResolveFlags = rustix::fs::ResolveFlags::BENEATH
    .union(rustix::fs::ResolveFlags::NO_SYMLINKS)
    .union(rustix::fs::ResolveFlags::NO_MAGICLINKS);

/// A component that should be a directory is not one (a symlink swapped in, or a file).
fn walk_error(e: rustix::io::Errno) -> Errno {
    match from_host(e) {
        Errno::LOOP => Errno::NOTDIR,
        other => other,
    }
}

/// Field types differ between architectures, hence the generic conversions.
#[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions)]
fn filestat(st: &rustix::fs::Stat) -> Filestat {
    let ns = |secs: i64, nsec: u64| -> u64 {
        u64::try_from(secs)
            .unwrap_or(0)
            .saturating_mul(1_000_000_000)
            .saturating_add(nsec)
    };
    Filestat {
        dev: u64::try_from(st.st_dev).unwrap_or(0),
        ino: u64::try_from(st.st_ino).unwrap_or(0),
        filetype: filetype(FileType::from_raw_mode(st.st_mode)),
        nlink: u64::try_from(st.st_nlink).unwrap_or(0),
        size: u64::try_from(st.st_size).unwrap_or(0),
        atim: ns(
            i64::try_from(st.st_atime).unwrap_or(0),
            u64::try_from(st.st_atime_nsec).unwrap_or(0),
        ),
        mtim: ns(
            i64::try_from(st.st_mtime).unwrap_or(0),
            u64::try_from(st.st_mtime_nsec).unwrap_or(0),
        ),
        ctim: ns(
            i64::try_from(st.st_ctime).unwrap_or(0),
            u64::try_from(st.st_ctime_nsec).unwrap_or(0),
        ),
        ..Filestat::default()
    }
}

fn filetype(t: FileType) -> Filetype {
    match t {
        FileType::RegularFile => Filetype::REGULAR_FILE,
        FileType::Directory => Filetype::DIRECTORY,
        FileType::Symlink => Filetype::SYMBOLIC_LINK,
        FileType::CharacterDevice => Filetype::CHARACTER_DEVICE,
        FileType::BlockDevice => Filetype::BLOCK_DEVICE,
        FileType::Socket => Filetype::SOCKET_STREAM,
        _ => Filetype::UNKNOWN,
    }
}

fn timespec(t: SetTime) -> Timespec {
    match t {
        SetTime::Keep => Timespec {
            tv_sec: 0,
            tv_nsec: rustix::fs::UTIME_OMIT,
        },
        SetTime::At(ns) => Timespec {
            tv_sec: i64::try_from(ns / 1_000_000_000).unwrap_or(i64::MAX),
            tv_nsec: i64::try_from(ns % 1_000_000_000).unwrap_or(0),
        },
    }
}

fn timestamps(atim: SetTime, mtim: SetTime) -> Timestamps {
    Timestamps {
        last_access: timespec(atim),
        last_modification: timespec(mtim),
    }
}

impl Fs for HostDirFs {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        let st = match self.parent(path)? {
            None => rustix::fs::fstat(&self.root),
            Some((dir, name)) => rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW),
        }
        .map_err(from_host)?;
        Ok(filestat(&st))
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        if path.is_root() {
            return Err(Errno::ISDIR);
        }
        let mut flags = OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK;
        flags |= match (options.read, options.write) {
            (_, false) => OFlags::RDONLY,
            (false, true) => OFlags::WRONLY,
            (true, true) => OFlags::RDWR,
        };
        if options.create {
            flags |= OFlags::CREATE;
        }
        if options.exclusive {
            flags |= OFlags::EXCL;
        }
        if options.truncate {
            flags |= OFlags::TRUNC;
        }
        let fd = match rustix::fs::openat2(
            &self.root,
            path.as_str(),
            flags,
            // `openat2` wants no mode unless it may create.
            if options.create {
                Mode::from_raw_mode(0o666)
            } else {
                Mode::empty()
            },
            RESOLVE,
        ) {
            Ok(fd) => fd,
            // No `openat2` (Linux < 5.6, seccomp, valgrind), or a rename raced the lookup
            // (`EAGAIN`): the walk, one component at a time.
            Err(e) if e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::AGAIN => {
                let (dir, name) = self.entry(path, Errno::ISDIR)?;
                rustix::fs::openat(&dir, name, flags, Mode::from_raw_mode(0o666))
                    .map_err(from_host)?
            }
            // A symlink somewhere: the final one is LOOP, one on the way NOTDIR (as the walk says).
            Err(e) if e == rustix::io::Errno::LOOP => {
                if let Some((parent, _)) = path.split_last() {
                    self.dir(parent)?;
                }
                return Err(Errno::LOOP);
            }
            Err(e) => return Err(from_host(e)),
        };
        // Only regular files: a directory, FIFO or device must not be used (or block) here.
        match FileType::from_raw_mode(rustix::fs::fstat(&fd).map_err(from_host)?.st_mode) {
            FileType::RegularFile => {}
            FileType::Directory => return Err(Errno::ISDIR),
            _ => return Err(Errno::ACCES),
        }
        Ok(Box::new(HostFile { fd }))
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        let parent = self.dir(path)?;
        let fd = rustix::fs::openat(
            &parent,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(from_host)?;
        let mut dir = rustix::fs::Dir::read_from(&fd).map_err(from_host)?;
        let mut out = Vec::new();
        while let Some(entry) = dir.read() {
            let entry = entry.map_err(from_host)?;
            let Ok(name) = entry.file_name().to_str() else {
                // A name that is not UTF-8 could not be named by a guest: leave it out.
                continue;
            };
            if name == "." || name == ".." {
                continue;
            }
            let filetype = match entry.file_type() {
                FileType::Unknown => rustix::fs::statat(&fd, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map(|st| filetype(FileType::from_raw_mode(st.st_mode)))
                    .map_err(from_host)?,
                t => filetype(t),
            };
            out.push(DirEntry {
                name: String::from(name),
                filetype,
                ino: entry.ino(),
            });
        }
        // Listings are in name order on every backend, so a run does not depend on the
        // host filesystem's hash order.
        out.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) = self.entry(path, Errno::EXIST)?;
        rustix::fs::mkdirat(&dir, name, Mode::from_raw_mode(0o777)).map_err(from_host)
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) = self.entry(path, Errno::BUSY)?;
        rustix::fs::unlinkat(&dir, name, AtFlags::REMOVEDIR).map_err(from_host)
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) = self.entry(path, Errno::ISDIR)?;
        rustix::fs::unlinkat(&dir, name, AtFlags::empty()).map_err(from_host)
    }

    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let (from_dir, from_name) = self.entry(from, Errno::BUSY)?;
        let (to_dir, to_name) = self.entry(to, Errno::BUSY)?;
        rustix::fs::renameat(&from_dir, from_name, &to_dir, to_name).map_err(from_host)
    }

    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let (from_dir, from_name) = self.entry(from, Errno::PERM)?;
        let (to_dir, to_name) = self.entry(to, Errno::EXIST)?;
        rustix::fs::linkat(&from_dir, from_name, &to_dir, to_name, AtFlags::empty())
            .map_err(from_host)
    }

    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) = self.entry(path, Errno::EXIST)?;
        rustix::fs::symlinkat(target, &dir, name).map_err(from_host)
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        let (dir, name) = self.entry(path, Errno::INVAL)?;
        let target = rustix::fs::readlinkat(&dir, name, Vec::new()).map_err(from_host)?;
        target.into_string().map_err(|_| Errno::ILSEQ)
    }

    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let times = timestamps(atim, mtim);
        match self.parent(path)? {
            None => rustix::fs::futimens(&self.root, &times),
            Some((dir, name)) => {
                rustix::fs::utimensat(&dir, name, &times, AtFlags::SYMLINK_NOFOLLOW)
            }
        }
        .map_err(from_host)
    }
}

/// An open regular file of a [`HostDirFs`]: positioned I/O straight on the host descriptor,
/// one host syscall per call.
#[derive(Debug)]
pub struct HostFile {
    fd: OwnedFd,
}

impl File for HostFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        Ok(filestat(&rustix::fs::fstat(&self.fd).map_err(from_host)?))
    }

    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        rustix::io::pread(&self.fd, buf, offset).map_err(from_host)
    }

    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno> {
        rustix::io::pwrite(&self.fd, buf, offset).map_err(from_host)
    }

    fn set_len(&mut self, len: u64) -> Result<(), Errno> {
        rustix::fs::ftruncate(&self.fd, len).map_err(from_host)
    }

    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        rustix::fs::futimens(&self.fd, &timestamps(atim, mtim)).map_err(from_host)
    }

    fn sync(&mut self) -> Result<(), Errno> {
        rustix::fs::fsync(&self.fd).map_err(from_host)
    }
}

impl HostDirFs {
    /// Like [`HostDirFs::open`], with the error as a WASI errno.
    ///
    /// # Errors
    ///
    /// The translated host error.
    pub fn open_errno(path: impl AsRef<Path>) -> Result<Self, Errno> {
        Self::open(path).map_err(|e| from_io(&e))
    }
}
