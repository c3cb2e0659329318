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
            None if !options.create => return Err(Errno::NOENT),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::MemFs;

    #[test]
    fn every_mutator_is_rofs_and_reads_pass_through() {
        let inner = MemFs::new();
        inner.write_file("d/f", b"data").unwrap();
        inner.create_symlink("f", "d/l").unwrap();
        let ro = ReadOnly::new(inner.clone());
        let p = |s| VPath::new(s).unwrap();
        assert_eq!(ro.create_dir(p("x")), Err(Errno::ROFS));
        assert_eq!(ro.remove_dir(p("d")), Err(Errno::ROFS));
        assert_eq!(ro.unlink(p("d/f")), Err(Errno::ROFS));
        assert_eq!(ro.rename(p("d/f"), p("g")), Err(Errno::ROFS));
        assert_eq!(ro.link(p("d/f"), p("g")), Err(Errno::ROFS));
        assert_eq!(ro.symlink("f", p("g")), Err(Errno::ROFS));
        assert_eq!(
            ro.set_times(p("d/f"), SetTime::Keep, SetTime::At(1)),
            Err(Errno::ROFS)
        );
        assert_eq!(ro.readlink(p("d/l")).unwrap(), "f");
        assert_eq!(ro.read_dir(p("d")).unwrap().len(), 2);
        let write = OpenOptions {
            write: true,
            ..OpenOptions::default()
        };
        assert_eq!(ro.open_file(p("d"), write).err(), Some(Errno::ISDIR));
        assert_eq!(
            ro.open_file(
                p("d/new"),
                OpenOptions {
                    create: true,
                    ..write
                }
            )
            .err(),
            Some(Errno::ROFS)
        );
        assert_eq!(
            ro.open_file(p("missing/x"), OpenOptions::default()).err(),
            Some(Errno::NOENT)
        );
        let excl = OpenOptions {
            create: true,
            exclusive: true,
            ..OpenOptions::default()
        };
        assert_eq!(ro.open_file(p("d/f"), excl).err(), Some(Errno::EXIST));
        // Opening an existing file with `create` but no write is a plain open.
        let create = OpenOptions {
            create: true,
            read: true,
            ..OpenOptions::default()
        };
        let mut f = ro.open_file(p("d/f"), create).unwrap();
        let mut buf = [0u8; 4];
        assert_eq!(f.read_at(&mut buf, 0), Ok(4));
        assert_eq!(f.stat().unwrap().size, 4);
        assert_eq!(f.write_at(b"x", 0), Err(Errno::ROFS));
        assert_eq!(f.append(b"x"), Err(Errno::ROFS));
        assert_eq!(f.set_len(0), Err(Errno::ROFS));
        assert_eq!(f.set_times(SetTime::Keep, SetTime::Keep), Err(Errno::ROFS));
        assert_eq!(f.sync(), Ok(()));
        assert_eq!(inner.read_file("d/f").unwrap(), b"data");
    }
}
