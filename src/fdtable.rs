//! The descriptor table: a typed slab with the lowest free number first and hard bounds.

use crate::fs::{DirEntry, File, Fs, VPathBuf};
use crate::stdio::{BoxedInput, BoxedOutput};
use alloc::boxed::Box;
use alloc::collections::BTreeSet;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use wasip1_abi::{Errno, Fdflags, Filetype, Rights};

/// The default bound on open descriptors (`EMFILE` past it).
pub const DEFAULT_MAX_OPEN: usize = 1024;
/// The default largest descriptor number (`fd_renumber` targets above it are `BADF`).
pub const DEFAULT_MAX_FD: u32 = 65_535;

/// An open descriptor.
pub(crate) enum Descriptor {
    /// A stream: stdin, stdout or stderr.
    Stream(StreamDesc),
    /// A directory (preopened or opened by the guest).
    Dir(DirDesc),
    /// A regular file.
    File(FileDesc),
}

pub(crate) struct StreamDesc {
    pub input: Option<BoxedInput>,
    pub output: Option<BoxedOutput>,
    pub flags: Fdflags,
    pub rights: Rights,
}

pub(crate) struct DirDesc {
    pub fs: Rc<dyn Fs>,
    pub path: VPathBuf,
    /// The guest-visible name, for preopens.
    pub preopen: Option<String>,
    pub rights: Rights,
    pub inheriting: Rights,
    /// A listing taken at cookie 0, so paging is linear and cookies are stable.
    pub listing: Option<Vec<DirEntry>>,
}

pub(crate) struct FileDesc {
    pub file: Box<dyn File>,
    /// The type reported by `fd_fdstat_get`: a regular file, or a device such as `/dev/null`.
    pub filetype: Filetype,
    pub pos: u64,
    pub flags: Fdflags,
    pub rights: Rights,
    pub inheriting: Rights,
}

impl Descriptor {
    pub(crate) fn filetype(&self) -> Filetype {
        match self {
            Self::Stream(_) => Filetype::CHARACTER_DEVICE,
            Self::Dir(_) => Filetype::DIRECTORY,
            Self::File(f) => f.filetype,
        }
    }
}

/// The table itself.
pub(crate) struct FdTable {
    slots: Vec<Option<Descriptor>>,
    /// Free slot numbers below `slots.len()`.
    free: BTreeSet<u32>,
    open: usize,
    max_open: usize,
    max_fd: u32,
}

impl FdTable {
    pub(crate) fn new(max_open: usize, max_fd: u32) -> Self {
        Self {
            slots: Vec::new(),
            free: BTreeSet::new(),
            open: 0,
            max_open,
            max_fd,
        }
    }

    /// The descriptor at `fd`.
    pub(crate) fn get(&self, fd: u32) -> Result<&Descriptor, Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::BADF)?;
        self.slots
            .get(i)
            .and_then(Option::as_ref)
            .ok_or(Errno::BADF)
    }

    /// The descriptor at `fd`, mutably.
    pub(crate) fn get_mut(&mut self, fd: u32) -> Result<&mut Descriptor, Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::BADF)?;
        self.slots
            .get_mut(i)
            .and_then(Option::as_mut)
            .ok_or(Errno::BADF)
    }

    /// Inserts `desc` at the lowest free number.
    pub(crate) fn insert(&mut self, desc: Descriptor) -> Result<u32, Errno> {
        if self.open >= self.max_open {
            return Err(Errno::MFILE);
        }
        let fd = match self.free.pop_first() {
            Some(fd) => fd,
            None => {
                let fd = u32::try_from(self.slots.len()).map_err(|_| Errno::MFILE)?;
                if fd > self.max_fd {
                    return Err(Errno::MFILE);
                }
                self.slots.push(None);
                fd
            }
        };
        let slot = self
            .slots
            .get_mut(usize::try_from(fd).map_err(|_| Errno::MFILE)?)
            .ok_or(Errno::MFILE)?;
        *slot = Some(desc);
        self.open += 1;
        Ok(fd)
    }

    /// Removes and returns the descriptor at `fd`.
    pub(crate) fn remove(&mut self, fd: u32) -> Result<Descriptor, Errno> {
        let i = usize::try_from(fd).map_err(|_| Errno::BADF)?;
        let desc = self
            .slots
            .get_mut(i)
            .and_then(Option::take)
            .ok_or(Errno::BADF)?;
        self.open -= 1;
        self.free.insert(fd);
        // Shrink trailing free slots so the table does not keep growing.
        while matches!(self.slots.last(), Some(None)) {
            self.slots.pop();
            if let Ok(last) = u32::try_from(self.slots.len()) {
                self.free.remove(&last);
            }
        }
        Ok(desc)
    }

    /// Moves the descriptor at `from` to `to`, closing what was at `to`. Both must be open.
    pub(crate) fn renumber(&mut self, from: u32, to: u32) -> Result<(), Errno> {
        self.get(from)?;
        self.get(to)?;
        if from == to {
            return Ok(());
        }
        let desc = self.remove(from)?;
        let slot = self
            .slots
            .get_mut(usize::try_from(to).map_err(|_| Errno::BADF)?)
            .ok_or(Errno::BADF)?;
        *slot = Some(desc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stdio::Discard;

    fn stream() -> Descriptor {
        Descriptor::Stream(StreamDesc {
            input: None,
            output: Some(Box::new(Discard)),
            flags: Fdflags::empty(),
            rights: Rights::STDIO,
        })
    }

    #[test]
    fn lowest_free_first_and_bounds() {
        let mut t = FdTable::new(4, 100);
        for want in 0..4 {
            assert_eq!(t.insert(stream()), Ok(want));
        }
        assert_eq!(t.insert(stream()).err(), Some(Errno::MFILE));
        t.remove(1).unwrap();
        assert_eq!(t.remove(1).err(), Some(Errno::BADF));
        assert_eq!(t.insert(stream()), Ok(1));
        t.remove(3).unwrap();
        t.remove(2).unwrap();
        assert_eq!(t.insert(stream()), Ok(2));
        assert!(t.get(3).is_err());
        assert!(t.get(u32::MAX).is_err());
    }

    #[test]
    fn max_fd_bounds_numbers() {
        let mut t = FdTable::new(10, 1);
        assert_eq!(t.insert(stream()), Ok(0));
        assert_eq!(t.insert(stream()), Ok(1));
        assert_eq!(t.insert(stream()).err(), Some(Errno::MFILE));
    }

    #[test]
    fn renumber_needs_both_open() {
        let mut t = FdTable::new(10, 10);
        t.insert(stream()).unwrap();
        t.insert(stream()).unwrap();
        assert_eq!(t.renumber(0, 5), Err(Errno::BADF));
        assert_eq!(t.renumber(0, 1), Ok(()));
        assert!(t.get(0).is_err() && t.get(1).is_ok());
    }
}
