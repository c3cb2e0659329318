//! [`MountTable`]: several filesystems under one root, by longest-prefix match.
//!
//! A path goes to the filesystem mounted at its longest prefix, with that prefix stripped.
//! Directories on the way to a mount point that the parent filesystem does not have are
//! shown as empty directories, so `/dev` exists even over a root that has no `dev`. Mount
//! points cannot be removed, renamed or replaced (`BUSY`, `EXIST`, `ISDIR`), and a rename or
//! hard link between two mounts is `XDEV`, as between two host filesystems.

use super::{
    DevFs, DirEntry, File, Fs, MemFs, OpenOptions, SetTime, SharedRandom, VPath, VPathBuf,
};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use wasip1_abi::{Errno, Filestat, Filetype};

struct Mount {
    at: VPathBuf,
    fs: Rc<dyn Fs>,
}

/// Filesystems mounted at paths of one namespace.
///
/// [`MountTable::standard`] gives the usual layout: the root you pass, a fresh writable
/// [`MemFs`] at `/tmp`, and [`DevFs`] at `/dev` (`/dev/null`, `/dev/zero`, `/dev/urandom`),
/// also over a read-only or host-backed root.
///
/// ```
/// use wasip1_host::fs::{MemFs, MountTable, ReadOnly};
/// let table = MountTable::standard(ReadOnly::new(MemFs::new()))
///     .mount("/data", MemFs::new())
///     .unwrap();
/// # let _ = table;
/// ```
pub struct MountTable {
    /// Longest mount point first, so the first match is the longest prefix.
    mounts: Vec<Mount>,
}

impl MountTable {
    /// A table with `root` mounted at `/` and nothing else.
    pub fn new(root: impl Fs + 'static) -> Self {
        Self {
            mounts: alloc::vec![Mount {
                at: VPathBuf::root(),
                fs: Rc::new(root),
            }],
        }
    }

    /// `root` at `/`, a fresh [`MemFs`] at `/tmp`, and [`DevFs`] at `/dev` with a
    /// deterministic `/dev/urandom`.
    pub fn standard(root: impl Fs + 'static) -> Self {
        Self::standard_with_random(
            root,
            SharedRandom::new(crate::clock::SeededRandom::default()),
        )
    }

    /// Like [`MountTable::standard`], with `/dev/urandom` reading from `random` (share it with
    /// [`Host::random`](crate::Host::random) to have one stream for both).
    pub fn standard_with_random(root: impl Fs + 'static, random: SharedRandom) -> Self {
        let mut table = Self::new(root);
        table.insert("tmp", Rc::new(MemFs::new()));
        table.insert("dev", Rc::new(DevFs::new(random)));
        table
    }

    /// Mounts `fs` at `at` (e.g. `"/data"`), replacing what was mounted exactly there.
    ///
    /// # Errors
    ///
    /// `INVAL` if `at` has `.`, `..`, empty components or NUL.
    pub fn mount(mut self, at: &str, fs: impl Fs + 'static) -> Result<Self, Errno> {
        VPath::new(at.trim_matches('/'))?;
        self.insert(at.trim_matches('/'), Rc::new(fs));
        Ok(self)
    }

    fn insert(&mut self, at: &str, fs: Rc<dyn Fs>) {
        let Ok(at) = VPathBuf::new(at) else { return };
        self.mounts.retain(|m| m.at != at);
        self.mounts.push(Mount { at, fs });
        self.mounts.sort_by(|a, b| {
            b.at.as_path()
                .as_str()
                .len()
                .cmp(&a.at.as_path().as_str().len())
        });
    }

    /// The mount for `path` and the path inside it.
    fn route<'p>(&self, path: VPath<'p>) -> Result<(&Mount, VPath<'p>), Errno> {
        self.mounts
            .iter()
            .find_map(|m| Some((m, path.strip_prefix(m.at.as_path())?)))
            .ok_or(Errno::NOENT)
    }

    /// `path` is a mount point or lies on the way to one.
    fn is_pinned(&self, path: VPath<'_>) -> bool {
        self.mounts
            .iter()
            .any(|m| !m.at.as_path().is_root() && m.at.as_path().starts_with(path))
    }

    /// Names of the mount points directly below `path`.
    fn child_mounts<'s>(&'s self, path: VPath<'s>) -> impl Iterator<Item = &'s str> + 's {
        self.mounts.iter().filter_map(move |m| {
            let rest = m.at.as_path().strip_prefix(path)?;
            let mut names = rest.components();
            let first = names.next()?;
            Some(first)
        })
    }

    fn synthetic_dir(&self) -> Filestat {
        Filestat {
            filetype: Filetype::DIRECTORY,
            nlink: 2,
            ..Filestat::default()
        }
    }
}

impl Fs for MountTable {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        let (m, inner) = self.route(path)?;
        match m.fs.stat(inner) {
            Err(Errno::NOENT | Errno::NOTDIR) if self.is_pinned(path) => Ok(self.synthetic_dir()),
            other => other,
        }
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        if self.is_pinned(path) {
            return Err(if options.create && options.exclusive {
                Errno::EXIST
            } else {
                Errno::ISDIR
            });
        }
        let (m, inner) = self.route(path)?;
        m.fs.open_file(inner, options)
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        let (m, inner) = self.route(path)?;
        let mut entries = match m.fs.read_dir(inner) {
            Ok(v) => v,
            Err(Errno::NOENT | Errno::NOTDIR) if self.is_pinned(path) => Vec::new(),
            Err(e) => return Err(e),
        };
        let mut added = false;
        for name in self.child_mounts(path) {
            let mut child = path.to_owned();
            child.push(name);
            let ino = self.stat(child.as_path()).map_or(0, |st| st.ino);
            entries.retain(|e| e.name != name);
            entries.push(DirEntry {
                name: String::from(name),
                filetype: Filetype::DIRECTORY,
                ino,
            });
            added = true;
        }
        if added {
            entries.sort_by(|a, b| a.name.cmp(&b.name));
            entries.dedup_by(|a, b| a.name == b.name);
        }
        Ok(entries)
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(path) {
            return Err(Errno::EXIST);
        }
        let (m, inner) = self.route(path)?;
        m.fs.create_dir(inner)
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(path) {
            return Err(Errno::BUSY);
        }
        let (m, inner) = self.route(path)?;
        m.fs.remove_dir(inner)
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(path) {
            return Err(Errno::ISDIR);
        }
        let (m, inner) = self.route(path)?;
        m.fs.unlink(inner)
    }

    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(from) || self.is_pinned(to) {
            return Err(Errno::BUSY);
        }
        let (a, from_inner) = self.route(from)?;
        let (b, to_inner) = self.route(to)?;
        if !core::ptr::eq(a, b) {
            return Err(Errno::XDEV);
        }
        a.fs.rename(from_inner, to_inner)
    }

    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(from) {
            return Err(Errno::PERM);
        }
        if self.is_pinned(to) {
            return Err(Errno::EXIST);
        }
        let (a, from_inner) = self.route(from)?;
        let (b, to_inner) = self.route(to)?;
        if !core::ptr::eq(a, b) {
            return Err(Errno::XDEV);
        }
        a.fs.link(from_inner, to_inner)
    }

    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        if self.is_pinned(path) {
            return Err(Errno::EXIST);
        }
        let (m, inner) = self.route(path)?;
        m.fs.symlink(target, inner)
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        if self.is_pinned(path) {
            return Err(Errno::INVAL);
        }
        let (m, inner) = self.route(path)?;
        m.fs.readlink(inner)
    }

    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let (m, inner) = self.route(path)?;
        match m.fs.set_times(inner, atim, mtim) {
            Err(Errno::NOENT | Errno::NOTDIR) if self.is_pinned(path) => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::ReadOnly;

    fn p(s: &str) -> VPath<'_> {
        VPath::new(s).unwrap()
    }

    fn names(fs: &dyn Fs, path: &str) -> Vec<String> {
        fs.read_dir(p(path))
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    #[test]
    fn longest_prefix_wins_and_mount_points_are_pinned() {
        let root = MemFs::new();
        root.write_file("etc/motd", b"root").unwrap();
        let data = MemFs::new();
        data.write_file("x", b"data").unwrap();
        let deep = MemFs::new();
        deep.write_file("y", b"deep").unwrap();
        let t = MountTable::standard(ReadOnly::new(root))
            .mount("/data", data)
            .unwrap()
            .mount("/data/deep", deep)
            .unwrap();
        assert_eq!(names(&t, ""), ["data", "dev", "etc", "tmp"]);
        assert_eq!(names(&t, "data"), ["deep", "x"]);
        assert_eq!(names(&t, "data/deep"), ["y"]);
        assert_eq!(names(&t, "dev"), ["null", "urandom", "zero"]);
        assert_eq!(t.stat(p("tmp")).unwrap().filetype, Filetype::DIRECTORY);
        // /tmp is writable over a read-only root; the root is not.
        let rw = OpenOptions {
            create: true,
            write: true,
            ..OpenOptions::default()
        };
        assert!(t.open_file(p("tmp/scratch"), rw).is_ok());
        assert_eq!(t.open_file(p("etc/new"), rw).err(), Some(Errno::ROFS));
        // Pinned paths.
        assert_eq!(t.remove_dir(p("tmp")), Err(Errno::BUSY));
        assert_eq!(t.rename(p("data"), p("elsewhere")), Err(Errno::BUSY));
        assert_eq!(t.create_dir(p("dev")), Err(Errno::EXIST));
        assert_eq!(t.unlink(p("data/deep")), Err(Errno::ISDIR));
        // Across mounts.
        assert_eq!(
            t.rename(p("tmp/scratch"), p("data/scratch")),
            Err(Errno::XDEV)
        );
        assert_eq!(t.link(p("data/x"), p("tmp/x")), Err(Errno::XDEV));
        assert_eq!(t.rename(p("data/x"), p("data/z")), Ok(()));
        assert!(t.mount("a/../b", MemFs::new()).is_err());
    }
}
