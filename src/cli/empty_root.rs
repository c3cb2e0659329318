//! The `/` the guest sees when no `--dir` maps to `/`.
//!
//! [`Host::run_with`](wasip1_host::Host::run_with) always preopens a root as descriptor 3,
//! named `/`. When the user gave no `--dir …::/`, that root is this empty, read-only
//! directory, so a guest writing there gets `ROFS` instead of losing its data in a copy that
//! is never written back.

use wasip1_host::abi::{Errno, Filestat, Filetype};
use wasip1_host::fs::{DirEntry, File, Fs, OpenOptions, SetTime, VPath, MEMFS_EPOCH_NS};

/// An empty directory that cannot be changed.
pub(crate) struct EmptyRoot;

impl Fs for EmptyRoot {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        if !path.is_root() {
            return Err(Errno::NOENT);
        }
        Ok(Filestat {
            dev: 0,
            ino: 1,
            filetype: Filetype::DIRECTORY,
            nlink: 2,
            atim: MEMFS_EPOCH_NS,
            mtim: MEMFS_EPOCH_NS,
            ctim: MEMFS_EPOCH_NS,
            ..Filestat::default()
        })
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        Err(match (path.is_root(), options.create) {
            (true, _) => Errno::ISDIR,
            (false, true) => Errno::ROFS,
            (false, false) => Errno::NOENT,
        })
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        self.stat(path).map(|_| Vec::new())
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        Err(if path.is_root() {
            Errno::EXIST
        } else {
            Errno::ROFS
        })
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        Err(if path.is_root() {
            Errno::BUSY
        } else {
            Errno::NOENT
        })
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        Err(if path.is_root() {
            Errno::ISDIR
        } else {
            Errno::NOENT
        })
    }

    fn rename(&self, from: VPath<'_>, _to: VPath<'_>) -> Result<(), Errno> {
        Err(if from.is_root() {
            Errno::BUSY
        } else {
            Errno::NOENT
        })
    }

    fn link(&self, from: VPath<'_>, _to: VPath<'_>) -> Result<(), Errno> {
        Err(if from.is_root() {
            Errno::PERM
        } else {
            Errno::NOENT
        })
    }

    fn symlink(&self, _target: &str, path: VPath<'_>) -> Result<(), Errno> {
        Err(if path.is_root() {
            Errno::EXIST
        } else {
            Errno::ROFS
        })
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.stat(path).and(Err(Errno::INVAL))
    }

    fn set_times(&self, path: VPath<'_>, _atim: SetTime, _mtim: SetTime) -> Result<(), Errno> {
        self.stat(path).and(Err(Errno::ROFS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_read_only() {
        let root = EmptyRoot;
        let a = VPath::new("a").unwrap();
        assert_eq!(
            root.stat(VPath::ROOT).unwrap().filetype,
            Filetype::DIRECTORY
        );
        assert_eq!(root.stat(a).unwrap_err(), Errno::NOENT);
        assert!(root.read_dir(VPath::ROOT).unwrap().is_empty());
        let create = OpenOptions {
            create: true,
            write: true,
            ..OpenOptions::default()
        };
        assert_eq!(root.open_file(a, create).err(), Some(Errno::ROFS));
        assert_eq!(
            root.open_file(a, OpenOptions::default()).err(),
            Some(Errno::NOENT)
        );
        assert_eq!(root.create_dir(a).unwrap_err(), Errno::ROFS);
        assert_eq!(root.symlink("x", a).unwrap_err(), Errno::ROFS);
        assert_eq!(root.unlink(a).unwrap_err(), Errno::NOENT);
        assert_eq!(root.readlink(VPath::ROOT).unwrap_err(), Errno::INVAL);
        let keep = SetTime::Keep;
        assert_eq!(
            root.set_times(VPath::ROOT, keep, keep).unwrap_err(),
            Errno::ROFS
        );
    }
}
