//! The pluggable filesystem: the [`Fs`] and [`File`] traits and their backends.
//!
//! A backend only ever sees *resolved* paths ([`VPath`]): relative to its own root, made of
//! plain names, never `.`, `..`, an empty component, a NUL byte, or a symlink it is asked to
//! follow. Path resolution — `..` handling, symlink expansion with a hop budget, trailing
//! slashes, the sandbox boundary — happens in exactly one place above every backend
//! ([`resolve`]), so no backend can get it wrong.
//!
//! Every method returns `Result<_, Errno>`; the errnos each may return are listed on it.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use wasip1_abi::{Errno, Filestat, Filetype, Timestamp};

mod cow;
mod dev;
#[cfg(feature = "std")]
mod host_errno;
#[cfg(feature = "std")]
mod hostdir;
mod mem;
mod mount;
mod path;
mod readonly;
pub mod resolve;
#[cfg(feature = "vfs")]
mod vfs_adapter;

pub use cow::CopyOnWrite;
pub use dev::{DevFs, SharedRandom};
#[cfg(feature = "std")]
pub use hostdir::{HostDirFs, HostFile};
pub use mem::{MemFile, MemFs, TimeSource, MEMFS_DEFAULT_LIMIT, MEMFS_EPOCH_NS};
pub use mount::MountTable;
pub use path::{VPath, VPathBuf};
pub use readonly::ReadOnly;
#[cfg(feature = "vfs")]
pub use vfs_adapter::VfsAdapter;

/// How [`Fs::open_file`] should open a regular file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Create the file if it does not exist.
    pub create: bool,
    /// With `create`: fail with `EXIST` if the file exists.
    pub exclusive: bool,
    /// Truncate the file to zero length after opening.
    pub truncate: bool,
    /// The caller intends to read.
    pub read: bool,
    /// The caller intends to change the contents (write, truncate or allocate).
    pub write: bool,
}

/// One directory entry, as returned by [`Fs::read_dir`] (never `.` or `..`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name.
    pub name: String,
    /// The entry's type (a symlink is reported as a symlink, not followed).
    pub filetype: Filetype,
    /// The entry's inode number.
    pub ino: u64,
}

/// A new value for a timestamp, as given to `set_times`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetTime {
    /// Leave the timestamp as it is.
    Keep,
    /// Set it to this many nanoseconds since the Unix epoch.
    At(Timestamp),
}

/// A filesystem: path-level operations on resolved paths.
///
/// Implementations use interior mutability (`&self` everywhere) because one filesystem is
/// shared by every descriptor that points into it.
pub trait Fs {
    /// Metadata of the entry at `path`. A symlink is described, not followed (`lstat`).
    ///
    /// # Errors
    ///
    /// `NOENT` if there is no such entry; `NOTDIR` if a parent is not a directory;
    /// `IO` (or another errno) for backend failures.
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno>;

    /// Opens, and with [`OpenOptions::create`] creates, the regular file at `path`.
    /// The resolver has already established that `path` is not a directory or symlink
    /// at the time of the call; backends must still refuse one (a host can race).
    ///
    /// # Errors
    ///
    /// `NOENT` (missing without `create`, or missing parent), `EXIST` (`exclusive` and
    /// present), `ISDIR`, `LOOP` (a symlink), `ROFS`, `NOSPC`, `ACCES`.
    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno>;

    /// The entries of the directory at `path`, without `.` and `..`.
    ///
    /// # Errors
    ///
    /// `NOENT`, `NOTDIR`, `ACCES`.
    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno>;

    /// Creates a directory at `path`.
    ///
    /// # Errors
    ///
    /// `EXIST` if anything is there; `NOENT` if the parent is missing; `ROFS`, `NOSPC`.
    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno>;

    /// Removes the empty directory at `path`.
    ///
    /// # Errors
    ///
    /// `NOENT`; `NOTDIR` if it is not a directory; `NOTEMPTY`; `BUSY` for the root; `ROFS`.
    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno>;

    /// Removes the file or symlink at `path`.
    ///
    /// # Errors
    ///
    /// `NOENT`; `ISDIR` if it is a directory; `ROFS`.
    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno>;

    /// Renames `from` to `to`, replacing `to` as POSIX `rename` does.
    ///
    /// # Errors
    ///
    /// `NOENT`; `ISDIR` (file over directory); `NOTDIR` (directory over file);
    /// `NOTEMPTY` (over a non-empty directory); `INVAL` (a directory into itself); `ROFS`; `XDEV`.
    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno>;

    /// Creates a hard link `to` for the file at `from`.
    ///
    /// # Errors
    ///
    /// `NOENT`; `EXIST`; `PERM` if `from` is a directory; `ROFS`; `XDEV`.
    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno>;

    /// Creates a symlink at `path` whose content is `target` (stored as given, never resolved
    /// by the backend).
    ///
    /// # Errors
    ///
    /// `EXIST`; `NOENT` (missing parent); `ROFS`; `NOSPC`.
    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno>;

    /// The target of the symlink at `path`.
    ///
    /// # Errors
    ///
    /// `NOENT`; `INVAL` if it is not a symlink.
    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno>;

    /// Sets the access and modification times of the entry at `path` (not following a symlink).
    ///
    /// # Errors
    ///
    /// `NOENT`; `ROFS`.
    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno>;
}

/// An open regular file. The position (cursor) is kept by the descriptor above, so a file
/// only does positioned I/O; two descriptors on one file share its contents, not a cursor.
pub trait File {
    /// The file's metadata.
    ///
    /// # Errors
    ///
    /// `IO` or another backend errno.
    fn stat(&self) -> Result<Filestat, Errno>;

    /// Reads into `buf` from `offset`; returns how many bytes were read (0 at or past the end).
    ///
    /// # Errors
    ///
    /// `IO`, `ISDIR`, or another backend errno.
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno>;

    /// Writes `buf` at `offset`, extending the file (with zeros over any gap) as needed;
    /// returns how many bytes were written.
    ///
    /// # Errors
    ///
    /// `FBIG` past the backend's size limit, `NOSPC`, `ROFS`, `IO`.
    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno>;

    /// Writes `buf` at the current end of the file (whoever extended it last) and returns
    /// the number of bytes written and the new end.
    ///
    /// # Errors
    ///
    /// As [`File::write_at`].
    fn append(&mut self, buf: &[u8]) -> Result<(usize, u64), Errno> {
        let end = self.stat()?.size;
        let n = self.write_at(buf, end)?;
        let new_end = end.checked_add(n as u64).ok_or(Errno::FBIG)?;
        Ok((n, new_end))
    }

    /// Truncates or extends (with zeros) the file to `len` bytes.
    ///
    /// # Errors
    ///
    /// `FBIG`, `NOSPC`, `ROFS`, `IO`.
    fn set_len(&mut self, len: u64) -> Result<(), Errno>;

    /// Sets the access and modification times.
    ///
    /// # Errors
    ///
    /// `ROFS`, `IO`.
    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno>;

    /// Flushes the file's data and metadata to durable storage (a no-op in memory).
    ///
    /// # Errors
    ///
    /// `IO`.
    fn sync(&mut self) -> Result<(), Errno> {
        Ok(())
    }
}

macro_rules! forward_fs {
    ($($ptr:ident),*) => {$(
        /// Shares a filesystem: every call goes to the one behind the pointer.
        impl<F: Fs + ?Sized> Fs for $ptr<F> {
            fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
                (**self).stat(path)
            }
            fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
                (**self).open_file(path, options)
            }
            fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
                (**self).read_dir(path)
            }
            fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
                (**self).create_dir(path)
            }
            fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
                (**self).remove_dir(path)
            }
            fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
                (**self).unlink(path)
            }
            fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
                (**self).rename(from, to)
            }
            fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
                (**self).link(from, to)
            }
            fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
                (**self).symlink(target, path)
            }
            fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
                (**self).readlink(path)
            }
            fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
                (**self).set_times(path, atim, mtim)
            }
        }
    )*};
}

forward_fs!(Rc, Box);
