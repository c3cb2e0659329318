//! [`ReadOnly`]: any filesystem, with every change refused.

use super::{DirEntry, File, Fs, OpenOptions, SetTime, VPath};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use wasip1_abi::{Errno, Filestat, Filetype};

/// Wraps a filesystem so that nothing can change it: every mutator answers `ROFS`, and
/// opening for writing answers `ROFS` (`ISDIR` for a directory, as POSIX checks that first).
/// Reads, listings, `stat` and `readlink` go to the inner filesystem.
#[derive(Clone, Debug, Default)]
pub struct ReadOnly<F>(pub F);

impl<F: Fs> ReadOnly<F> {
    /// Wraps `inner`.
    pub fn new(inner: F) -> Self {
        Self(inner)
    }
}

impl<F: Fs> Fs for ReadOnly<F> {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        self.0.stat(path)
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        let existing = match self.0.stat(path) {
            Ok(st) => Some(st),
            Err(Errno::NOENT) => None,
            Err(e) => return Err(e),
        };
        match existing {
            Some(st) if st.filetype == Filetype::DIRECTORY => return Err(Errno::ISDIR),
            Some(_) if options.create && options.exclusive => return Err(Errno::EXIST),
            Some(_) if !options.write && !options.truncate => {}
            _ => return Err(Errno::ROFS),
        }
        let inner = self.0.open_file(
            path,
            OpenOptions {
                create: false,
                exclusive: false,
                truncate: false,
                ..options
            },
        )?;
        Ok(Box::new(ReadOnlyFile(inner)))
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        self.0.read_dir(path)
    }

    fn create_dir(&self, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn remove_dir(&self, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn unlink(&self, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn rename(&self, _: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn link(&self, _: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn symlink(&self, _: &str, _: VPath<'_>) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.0.readlink(path)
    }

    fn set_times(&self, _: VPath<'_>, _: SetTime, _: SetTime) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }
}

/// A file opened through [`ReadOnly`]: reads pass through, changes are `ROFS`.
struct ReadOnlyFile(Box<dyn File>);

impl File for ReadOnlyFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        self.0.stat()
    }

    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        self.0.read_at(buf, offset)
    }

    fn write_at(&mut self, _: &[u8], _: u64) -> Result<usize, Errno> {
        Err(Errno::ROFS)
    }

    fn append(&mut self, _: &[u8]) -> Result<(usize, u64), Errno> {
        Err(Errno::ROFS)
    }

    fn set_len(&mut self, _: u64) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }

    fn set_times(&mut self, _: SetTime, _: SetTime) -> Result<(), Errno> {
        Err(Errno::ROFS)
    }
}
