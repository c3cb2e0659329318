//! [`DevFs`]: the devices `null`, `zero` and `urandom`, meant to be mounted at `/dev`.

use super::{DirEntry, File, Fs, OpenOptions, SetTime, VPath};
use crate::clock::{RandomSource, SeededRandom};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use wasip1_abi::{Errno, Filestat, Filetype};

/// A shared random source: give one clone to [`Host::random`](crate::Host::random) and one to
/// [`DevFs`], and `/dev/urandom` and `random_get` draw from the same stream.
#[derive(Clone)]
pub struct SharedRandom(Rc<RefCell<dyn RandomSource>>);

impl SharedRandom {
    /// Shares `source`.
    pub fn new(source: impl RandomSource + 'static) -> Self {
        Self(Rc::new(RefCell::new(source)))
    }
}

impl RandomSource for SharedRandom {
    fn fill(&mut self, buf: &mut [u8]) -> Result<(), Errno> {
        self.0.try_borrow_mut().map_err(|_| Errno::BUSY)?.fill(buf)
    }
}

/// The three devices, in listing order, with their inode numbers.
const DEVICES: [(&str, Device); 3] = [
    ("null", Device::Null),
    ("urandom", Device::Urandom),
    ("zero", Device::Zero),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Device {
    /// Reads are at end of file; writes are discarded.
    Null,
    /// Reads give zeros; writes are discarded.
    Zero,
    /// Reads give bytes from the random source; writes are discarded.
    Urandom,
}

/// A directory holding `null`, `zero` and `urandom` (character devices). Nothing can be
/// created, removed or renamed in it (`PERM`). `urandom` reads from the random source given
/// at construction, deterministic by default.
#[derive(Clone)]
pub struct DevFs {
    random: SharedRandom,
}

impl Default for DevFs {
    fn default() -> Self {
        Self::new(SharedRandom::new(SeededRandom::default()))
    }
}

impl DevFs {
    /// Devices whose `urandom` reads from `random`.
    pub fn new(random: SharedRandom) -> Self {
        Self { random }
    }

    fn device(path: VPath<'_>) -> Result<Option<(u64, Device)>, Errno> {
        if path.is_root() {
            return Ok(None);
        }
        (2u64..)
            .zip(DEVICES)
            .find(|(_, (name, _))| *name == path.as_str())
            .map(|(ino, (_, dev))| Some((ino, dev)))
            .ok_or(Errno::NOENT)
    }
}

fn dev_stat(ino: u64, filetype: Filetype) -> Filestat {
    Filestat {
        dev: 2,
        ino,
        filetype,
        nlink: if filetype == Filetype::DIRECTORY {
            2
        } else {
            1
        },
        ..Filestat::default()
    }
}

impl Fs for DevFs {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        Ok(match Self::device(path)? {
            None => dev_stat(1, Filetype::DIRECTORY),
            Some((ino, _)) => dev_stat(ino, Filetype::CHARACTER_DEVICE),
        })
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        match Self::device(path) {
            Ok(None) => Err(Errno::ISDIR),
            Ok(Some(_)) if options.create && options.exclusive => Err(Errno::EXIST),
            Ok(Some((ino, device))) => Ok(Box::new(DevFile {
                ino,
                device,
                random: self.random.clone(),
            })),
            Err(Errno::NOENT) if options.create => Err(Errno::PERM),
            Err(e) => Err(e),
        }
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        match Self::device(path)? {
            None => Ok((2u64..)
                .zip(DEVICES)
                .map(|(ino, (name, _))| DirEntry {
                    name: String::from(name),
                    filetype: Filetype::CHARACTER_DEVICE,
                    ino,
                })
                .collect()),
            Some(_) => Err(Errno::NOTDIR),
        }
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        match Self::device(path) {
            Err(Errno::NOENT) => Err(Errno::PERM),
            _ => Err(Errno::EXIST),
        }
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        match Self::device(path)? {
            None => Err(Errno::BUSY),
            Some(_) => Err(Errno::NOTDIR),
        }
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        match Self::device(path)? {
            None => Err(Errno::ISDIR),
            Some(_) => Err(Errno::PERM),
        }
    }

    fn rename(&self, from: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        Self::device(from)?;
        Err(Errno::PERM)
    }

    fn link(&self, from: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        Self::device(from)?;
        Err(Errno::PERM)
    }

    fn symlink(&self, _: &str, path: VPath<'_>) -> Result<(), Errno> {
        match Self::device(path) {
            Err(Errno::NOENT) => Err(Errno::PERM),
            _ => Err(Errno::EXIST),
        }
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        Self::device(path)?;
        Err(Errno::INVAL)
    }

    fn set_times(&self, path: VPath<'_>, _: SetTime, _: SetTime) -> Result<(), Errno> {
        Self::device(path)?;
        Ok(())
    }
}

/// An open device.
struct DevFile {
    ino: u64,
    device: Device,
    random: SharedRandom,
}

impl File for DevFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        Ok(dev_stat(self.ino, Filetype::CHARACTER_DEVICE))
    }

    fn read_at(&mut self, buf: &mut [u8], _: u64) -> Result<usize, Errno> {
        match self.device {
            Device::Null => Ok(0),
            Device::Zero => {
                buf.fill(0);
                Ok(buf.len())
            }
            Device::Urandom => {
                self.random.fill(buf)?;
                Ok(buf.len())
            }
        }
    }

    fn write_at(&mut self, buf: &[u8], _: u64) -> Result<usize, Errno> {
        Ok(buf.len())
    }

    fn append(&mut self, buf: &[u8]) -> Result<(usize, u64), Errno> {
        Ok((buf.len(), 0))
    }

    fn set_len(&mut self, _: u64) -> Result<(), Errno> {
        Ok(())
    }

    fn set_times(&mut self, _: SetTime, _: SetTime) -> Result<(), Errno> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> VPath<'_> {
        VPath::new(s).unwrap()
    }

    #[test]
    fn devices_behave() {
        let dev = DevFs::default();
        let rw = OpenOptions {
            read: true,
            write: true,
            ..OpenOptions::default()
        };
        let mut null = dev.open_file(p("null"), rw).unwrap();
        let mut buf = [7u8; 8];
        assert_eq!(null.read_at(&mut buf, 0), Ok(0));
        assert_eq!(null.write_at(b"gone", 0), Ok(4));
        let mut zero = dev.open_file(p("zero"), rw).unwrap();
        assert_eq!(zero.read_at(&mut buf, 100), Ok(8));
        assert_eq!(buf, [0; 8]);
        let mut a = dev.open_file(p("urandom"), rw).unwrap();
        let mut b = DevFs::default().open_file(p("urandom"), rw).unwrap();
        let (mut x, mut y) = ([0u8; 16], [0u8; 16]);
        a.read_at(&mut x, 0).unwrap();
        b.read_at(&mut y, 0).unwrap();
        assert_eq!(x, y, "deterministic by default");
        assert_ne!(x, [0; 16]);
        assert_eq!(
            dev.stat(p("null")).unwrap().filetype,
            Filetype::CHARACTER_DEVICE
        );
        assert_eq!(dev.stat(p("tty")), Err(Errno::NOENT));
        let names: Vec<_> = dev
            .read_dir(VPath::ROOT)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["null", "urandom", "zero"]);
        assert_eq!(dev.unlink(p("null")), Err(Errno::PERM));
        assert_eq!(dev.create_dir(p("x")), Err(Errno::PERM));
        assert!(dev
            .open_file(p("new"), OpenOptions { create: true, ..rw })
            .is_err());
    }
}
