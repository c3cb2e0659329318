//! `--save GUEST::HOST`: after the run, make the host directory HOST an exact copy of a
//! guest directory.
//!
//! The copy goes through the [`Fs`] trait, from whatever backs the guest directory (a host
//! directory, an in-memory copy, a copy-on-write overlay, a read-only wrapper) into a
//! [`HostDirFs`] on a new temporary directory beside HOST, named `.NAME.wasip1-host-save-*`:
//! directories, regular files (bytes, access and modification times), symbolic links (as
//! links with their target text, and their times); anything else (sockets, FIFOs, devices)
//! is left out. Permissions are not part of [`Fs`], so new entries get the default mode less
//! the umask. Directory times are set last, deepest first, since filling a directory
//! changes them.
//!
//! Then the copy is swapped in: `renameat2(RENAME_EXCHANGE)` when HOST exists (where that is
//! not supported: HOST renamed aside, the copy renamed to HOST, and HOST put back if that
//! fails), a plain rename when it does not; the old tree, now under a temporary name, is
//! deleted. Every rename is within HOST's parent, through one descriptor of it. If copying
//! fails, the temporary directory is removed and HOST is left as it was.
//!
//! HOST may lie inside the guest directory being saved (`--dir D::/ --save /::D/snap`): the
//! temporary directory, which the guest never saw, is recognised by its device and inode
//! number and left out of the copy.

use core::fmt;
use rustix::fd::OwnedFd;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use std::ffi::{OsStr, OsString};
use std::io;
use std::path::{Component, Path, PathBuf};
use wasip1_host::abi::{Errno, Filestat, Filetype};
use wasip1_host::fs::{Fs, HostDirFs, OpenOptions, SetTime, VPath, VPathBuf};

/// Bytes copied per read.
const CHUNK: usize = 64 * 1024;

/// A temporary name is tried this many times before giving up (another one is in the way).
const TEMP_ATTEMPTS: u32 = 100;

/// Where a `--save` goes: a directory entry `name` in the directory `parent`.
#[derive(Debug)]
pub(crate) struct Target {
    /// HOST as given on the command line, for messages.
    given: PathBuf,
    /// The parent directory, canonicalized.
    parent: PathBuf,
    /// HOST's last name.
    name: OsString,
}

impl Target {
    /// Checks `host` before the run: it must be a directory, possibly through a symbolic link,
    /// or missing with an existing parent directory.
    ///
    /// # Errors
    ///
    /// One line saying what is wrong with `host`.
    pub(crate) fn resolve(host: &Path) -> Result<Self, String> {
        let shown = host.display();
        let fail = |what: &str| format!("cannot save to `{shown}`: {what}");
        let path = match std::fs::symlink_metadata(host) {
            Ok(_) => {
                // A symbolic link naming HOST is followed: the directory it names is replaced.
                let real = std::fs::canonicalize(host).map_err(|e| fail(&e.to_string()))?;
                let meta = std::fs::metadata(&real).map_err(|e| fail(&e.to_string()))?;
                if !meta.is_dir() {
                    return Err(fail("it exists and is not a directory"));
                }
                real
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => host.to_path_buf(),
            Err(e) => return Err(fail(&e.to_string())),
        };
        let Some(Component::Normal(name)) = path.components().next_back() else {
            return Err(fail("it must name a directory, not `/`, `.` or `..`"));
        };
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let parent = std::fs::canonicalize(parent)
            .map_err(|e| fail(&format!("its parent directory: {e}")))?;
        Ok(Self {
            given: host.to_path_buf(),
            parent,
            name: name.to_os_string(),
        })
    }
}

/// Makes `target` an exact copy of `src`, the guest directory named `guest`. `host_backed`
/// says that `src` reports host device and inode numbers (a `HostDirFs`, or a copy-on-write
/// overlay on one), so that the temporary directory can be recognised in it.
///
/// # Errors
///
/// One line per failure; `target` is then as it was (unless only deleting the old tree
/// failed, which is said so).
pub(crate) fn save(
    src: &dyn Fs,
    guest: &str,
    host_backed: bool,
    target: &Target,
) -> Result<(), Vec<String>> {
    let to = target.given.display();
    let fail = |what: String| vec![format!("cannot save `{guest}` to `{to}`: {what}")];
    let parent = rustix::fs::open(
        &target.parent,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| fail(format!("cannot open `{}`: {e}", target.parent.display())))?;
    let temp = make_temp(&parent, &target.name, "save")
        .map_err(|e| fail(format!("cannot create a temporary directory: {e}")))?;
    let temp_path = target.parent.join(&temp);
    let shown_temp = temp_path.display();

    let copied = HostDirFs::open(&temp_path)
        .map_err(|e| vec![format!("cannot open `{shown_temp}`: {e}")])
        .and_then(|dst| {
            let skip = if host_backed {
                let st = dst
                    .stat(VPath::ROOT)
                    .map_err(|e| vec![format!("cannot stat `{shown_temp}`: {e}")])?;
                Some((st.dev, st.ino))
            } else {
                None
            };
            let failures = copy_tree(src, &dst, skip);
            if failures.is_empty() {
                Ok(())
            } else {
                Err(failures
                    .iter()
                    .map(|f| format!("cannot copy `{}`: {f}", guest_path(guest, &f.path)))
                    .collect())
            }
        })
        .and_then(|()| {
            swap_in(&parent, &temp, &target.name, exchange).map_err(|e| vec![e.to_string()])
        });
    let old = match copied {
        Ok(old) => old,
        Err(mut messages) => {
            for message in &mut messages {
                *message = format!("cannot save `{guest}` to `{to}`: {message}");
            }
            if let Err(e) = std::fs::remove_dir_all(&temp_path) {
                messages.push(format!(
                    "cannot remove the temporary directory `{shown_temp}`: {e}"
                ));
            }
            return Err(messages);
        }
    };
    if let Some(old) = old {
        let old_path = target.parent.join(old);
        std::fs::remove_dir_all(&old_path).map_err(|e| {
            vec![format!(
                "saved `{guest}` to `{to}`, but cannot remove its old contents at `{}`: {e}",
                old_path.display()
            )]
        })?;
    }
    Ok(())
}

/// Creates a new, empty directory beside `name` in `parent` and returns its name.
fn make_temp(parent: &OwnedFd, name: &OsStr, what: &str) -> io::Result<OsString> {
    let pid = std::process::id();
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for n in 0..TEMP_ATTEMPTS {
        let mut temp = OsString::from(".");
        temp.push(name);
        temp.push(format!(".wasip1-host-{what}-{pid}-{n}"));
        match rustix::fs::mkdirat(parent, &temp, Mode::from_raw_mode(0o777)) {
            Ok(()) => return Ok(temp),
            Err(e) if e == rustix::io::Errno::EXIST => last = e.into(),
            Err(e) => return Err(e.into()),
        }
    }
    Err(last)
}

/// How two entries of one directory are exchanged ([`exchange`], or a stand-in in tests).
type Exchange = fn(&OwnedFd, &OsStr, &OsStr) -> rustix::io::Result<()>;

/// Puts the directory `temp` in the place of `name` (both in `parent`), with `exchange` if
/// `name` exists. Returns the name under which the old `name` now is, if there was one, for
/// the caller to delete.
fn swap_in(
    parent: &OwnedFd,
    temp: &OsStr,
    name: &OsStr,
    exchange: Exchange,
) -> io::Result<Option<OsString>> {
    let exists = match rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) if FileType::from_raw_mode(st.st_mode) == FileType::Directory => true,
        Ok(_) => {
            return Err(io::Error::other(
                "it was replaced by something other than a directory during the run",
            ))
        }
        Err(e) if e == rustix::io::Errno::NOENT => false,
        Err(e) => return Err(e.into()),
    };
    if !exists {
        rustix::fs::renameat(parent, temp, parent, name)?;
        return Ok(None);
    }
    match exchange(parent, temp, name) {
        Ok(()) => return Ok(Some(temp.to_os_string())),
        Err(e) if !unsupported(e) => return Err(e.into()),
        Err(_) => {}
    }
    // No exchange here: rename HOST aside (over an empty directory made for the purpose),
    // the copy into place, and HOST back if that fails.
    let aside = make_temp(parent, name, "old")?;
    if let Err(e) = rustix::fs::renameat(parent, name, parent, &aside) {
        rustix::fs::unlinkat(parent, &aside, AtFlags::REMOVEDIR)?;
        return Err(e.into());
    }
    if let Err(e) = rustix::fs::renameat(parent, temp, parent, name) {
        if let Err(back) = rustix::fs::renameat(parent, &aside, parent, name) {
            let aside = Path::new(&aside).display();
            return Err(io::Error::other(format!(
                "{e}; and the old contents could not be moved back from `{aside}`: {back}"
            )));
        }
        return Err(e.into());
    }
    Ok(Some(aside))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(parent: &OwnedFd, a: &OsStr, b: &OsStr) -> rustix::io::Result<()> {
    rustix::fs::renameat_with(parent, a, parent, b, rustix::fs::RenameFlags::EXCHANGE)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_parent: &OwnedFd, _a: &OsStr, _b: &OsStr) -> rustix::io::Result<()> {
    Err(rustix::io::Errno::NOSYS)
}

/// Whether `renameat2(RENAME_EXCHANGE)` failed because the kernel or filesystem lacks it.
fn unsupported(e: rustix::io::Errno) -> bool {
    e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS || e == rustix::io::Errno::NOTSUP
}

/// `rel` inside the guest directory `guest`, as the guest would name it.
fn guest_path(guest: &str, rel: &str) -> String {
    if rel.is_empty() {
        guest.into()
    } else if guest.ends_with('/') {
        format!("{guest}{rel}")
    } else {
        format!("{guest}/{rel}")
    }
}

/// One entry that could not be copied.
#[derive(Debug)]
pub(crate) struct CopyFailure {
    /// The entry, relative to the root of the copy.
    path: String,
    /// What was being done.
    step: &'static str,
    errno: Errno,
}

impl fmt::Display for CopyFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.step, self.errno)
    }
}

/// Copies everything below the root of `src` into the (empty) root of `dst`, carrying on past
/// failures. A directory of `src` with the device and inode numbers `skip` is left out.
pub(crate) fn copy_tree(src: &dyn Fs, dst: &dyn Fs, skip: Option<(u64, u64)>) -> Vec<CopyFailure> {
    let mut failures = Vec::new();
    let fail = |path: &VPathBuf, step: &'static str| {
        let path = path.as_path().as_str().to_owned();
        move |errno: Errno| CopyFailure { path, step, errno }
    };
    let root = VPathBuf::root();
    let root_stat = match src.stat(VPath::ROOT) {
        Ok(st) => st,
        Err(e) => return vec![fail(&root, "reading")(e)],
    };
    // Every directory copied, parents before children, with its source times.
    let mut dirs = vec![(root.clone(), root_stat)];
    let mut pending = vec![root];
    while let Some(dir) = pending.pop() {
        let entries = match src.read_dir(dir.as_path()) {
            Ok(entries) => entries,
            Err(e) => {
                failures.push(fail(&dir, "listing")(e));
                continue;
            }
        };
        for entry in entries {
            let path = match join(&dir, &entry.name) {
                Ok(path) => path,
                Err(e) => {
                    failures.push(fail(&dir, "listing")(e));
                    continue;
                }
            };
            let st = match src.stat(path.as_path()) {
                Ok(st) => st,
                Err(e) => {
                    failures.push(fail(&path, "reading")(e));
                    continue;
                }
            };
            let p = path.as_path();
            let result = if st.filetype == Filetype::DIRECTORY {
                if skip == Some((st.dev, st.ino)) {
                    continue;
                }
                match dst.create_dir(p) {
                    Ok(()) => {
                        dirs.push((path.clone(), st));
                        pending.push(path.clone());
                        Ok(())
                    }
                    Err(e) => Err(("creating", e)),
                }
            } else if st.filetype == Filetype::REGULAR_FILE {
                copy_file(src, dst, p, &st)
            } else if st.filetype == Filetype::SYMBOLIC_LINK {
                copy_symlink(src, dst, p, &st)
            } else {
                Ok(())
            };
            if let Err((step, e)) = result {
                failures.push(fail(&path, step)(e));
            }
        }
    }
    for (path, st) in dirs.iter().rev() {
        let (atim, mtim) = times(st);
        if let Err(e) = dst.set_times(path.as_path(), atim, mtim) {
            failures.push(fail(path, "setting times")(e));
        }
    }
    failures
}

/// `dir/name` as a resolved path.
fn join(dir: &VPathBuf, name: &str) -> Result<VPathBuf, Errno> {
    let dir = dir.as_path().as_str();
    if dir.is_empty() {
        VPathBuf::new(name)
    } else {
        VPathBuf::new(&format!("{dir}/{name}"))
    }
}

fn times(st: &Filestat) -> (SetTime, SetTime) {
    (SetTime::At(st.atim), SetTime::At(st.mtim))
}

type StepResult = Result<(), (&'static str, Errno)>;

fn copy_file(src: &dyn Fs, dst: &dyn Fs, path: VPath<'_>, st: &Filestat) -> StepResult {
    let read = OpenOptions {
        read: true,
        ..OpenOptions::default()
    };
    let create = OpenOptions {
        create: true,
        exclusive: true,
        write: true,
        ..OpenOptions::default()
    };
    let mut from = src.open_file(path, read).map_err(|e| ("reading", e))?;
    let mut to = dst.open_file(path, create).map_err(|e| ("creating", e))?;
    let mut buf = vec![0u8; CHUNK];
    let mut offset = 0u64;
    loop {
        let n = from.read_at(&mut buf, offset).map_err(|e| ("reading", e))?;
        if n == 0 {
            break;
        }
        let mut chunk = buf.get(..n).ok_or(("reading", Errno::IO))?;
        let mut at = offset;
        while !chunk.is_empty() {
            let written = to.write_at(chunk, at).map_err(|e| ("writing", e))?;
            if written == 0 {
                return Err(("writing", Errno::IO));
            }
            chunk = chunk.get(written..).ok_or(("writing", Errno::IO))?;
            at = at.saturating_add(written as u64);
        }
        offset = at;
    }
    let (atim, mtim) = times(st);
    to.set_times(atim, mtim).map_err(|e| ("setting times", e))
}

fn copy_symlink(src: &dyn Fs, dst: &dyn Fs, path: VPath<'_>, st: &Filestat) -> StepResult {
    let target = src.readlink(path).map_err(|e| ("reading", e))?;
    dst.symlink(&target, path).map_err(|e| ("creating", e))?;
    let (atim, mtim) = times(st);
    dst.set_times(path, atim, mtim)
        .map_err(|e| ("setting times", e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasip1_host::fs::MemFs;

    fn p(s: &str) -> VPath<'_> {
        VPath::new(s).unwrap()
    }

    #[test]
    fn copies_files_dirs_links_and_times() {
        let src = MemFs::new();
        src.write_file("a.txt", b"alpha").unwrap();
        src.write_file("sub/deep/b.bin", &vec![7u8; CHUNK * 2 + 5])
            .unwrap();
        src.create_dir_all("empty").unwrap();
        src.create_symlink("../a.txt", "sub/link").unwrap();
        src.set_times(p("a.txt"), SetTime::At(11), SetTime::At(22))
            .unwrap();
        src.set_times(p("sub"), SetTime::At(33), SetTime::At(44))
            .unwrap();
        let dst = MemFs::new();
        let failures = copy_tree(&src, &dst, None);
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(dst.read_file("a.txt").unwrap(), b"alpha");
        assert_eq!(
            dst.read_file("sub/deep/b.bin").unwrap().len(),
            CHUNK * 2 + 5
        );
        assert!(dst.read_dir(p("empty")).unwrap().is_empty());
        assert_eq!(dst.readlink(p("sub/link")).unwrap(), "../a.txt");
        let a = dst.stat(p("a.txt")).unwrap();
        assert_eq!((a.atim, a.mtim), (11, 22));
        let sub = dst.stat(p("sub")).unwrap();
        assert_eq!(
            (sub.atim, sub.mtim),
            (33, 44),
            "directory times are set last"
        );
    }

    #[test]
    fn a_skipped_directory_is_left_out() {
        let src = MemFs::new();
        src.write_file("keep/x", b"x").unwrap();
        src.write_file("skip/y", b"y").unwrap();
        let st = src.stat(p("skip")).unwrap();
        let dst = MemFs::new();
        assert!(copy_tree(&src, &dst, Some((st.dev, st.ino))).is_empty());
        let names: Vec<String> = dst
            .read_dir(VPath::ROOT)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["keep"]);
    }

    #[test]
    fn failures_are_reported_per_entry_and_the_rest_is_copied() {
        let src = MemFs::new();
        src.write_file("big", &[1u8; 100]).unwrap();
        src.write_file("small", b"s").unwrap();
        let dst = MemFs::with_limit(10);
        let failures = copy_tree(&src, &dst, None);
        let [failure] = failures.as_slice() else {
            panic!("{failures:?}")
        };
        assert_eq!(failure.path, "big");
        assert!(
            failure.to_string().starts_with("writing: NOSPC"),
            "{failure}"
        );
        assert_eq!(dst.read_file("small").unwrap(), b"s");
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            use core::sync::atomic::{AtomicU32, Ordering};
            static NEXT: AtomicU32 = AtomicU32::new(0);
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path =
                std::env::temp_dir().join(format!("wasip1-host-save-{}-{n}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir(&path).unwrap();
            Self(path)
        }

        fn open(&self) -> OwnedFd {
            rustix::fs::open(&self.0, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty()).unwrap()
        }

        fn names(&self) -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(&self.0)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn no_exchange(_: &OwnedFd, _: &OsStr, _: &OsStr) -> rustix::io::Result<()> {
        Err(rustix::io::Errno::NOSYS)
    }

    #[test]
    fn swap_in_with_and_without_exchange() {
        for exchange in [exchange as Exchange, no_exchange] {
            let t = TempDir::new();
            std::fs::create_dir_all(t.0.join("host")).unwrap();
            std::fs::write(t.0.join("host/old"), "old").unwrap();
            std::fs::create_dir_all(t.0.join("tmp")).unwrap();
            std::fs::write(t.0.join("tmp/new"), "new").unwrap();
            let parent = t.open();
            let old = swap_in(&parent, OsStr::new("tmp"), OsStr::new("host"), exchange)
                .unwrap()
                .unwrap();
            assert_eq!(
                std::fs::read_to_string(t.0.join("host/new")).unwrap(),
                "new"
            );
            let old = t.0.join(old);
            assert_eq!(std::fs::read_to_string(old.join("old")).unwrap(), "old");
            std::fs::remove_dir_all(old).unwrap();
            assert_eq!(t.names(), ["host"]);
        }
    }

    #[test]
    fn swap_in_to_a_missing_name_renames() {
        let t = TempDir::new();
        std::fs::create_dir_all(t.0.join("tmp")).unwrap();
        let parent = t.open();
        let old = swap_in(&parent, OsStr::new("tmp"), OsStr::new("host"), exchange).unwrap();
        assert_eq!(old, None);
        assert_eq!(t.names(), ["host"]);
    }

    #[test]
    fn save_replaces_the_target_whole() {
        let t = TempDir::new();
        std::fs::create_dir_all(t.0.join("out/stale")).unwrap();
        let src = MemFs::new();
        src.write_file("dir/f", b"f").unwrap();
        let target = Target::resolve(&t.0.join("out")).unwrap();
        save(&src, "/", false, &target).unwrap();
        assert_eq!(t.names(), ["out"]);
        assert_eq!(std::fs::read_to_string(t.0.join("out/dir/f")).unwrap(), "f");
        assert!(!t.0.join("out/stale").exists());
    }

    #[test]
    fn a_failed_save_leaves_the_target_and_no_temporary() {
        let t = TempDir::new();
        std::fs::create_dir_all(t.0.join("out/stale")).unwrap();
        let src = MemFs::new();
        src.write_file("ok", b"ok").unwrap();
        src.write_file("bad", b"x").unwrap();
        // A source whose listing names an entry it cannot stat: one failure.
        struct Broken(MemFs);
        impl Fs for Broken {
            fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
                if path.as_str() == "bad" {
                    return Err(Errno::IO);
                }
                self.0.stat(path)
            }
            fn open_file(
                &self,
                path: VPath<'_>,
                options: OpenOptions,
            ) -> Result<Box<dyn wasip1_host::fs::File>, Errno> {
                self.0.open_file(path, options)
            }
            fn read_dir(&self, path: VPath<'_>) -> Result<Vec<wasip1_host::fs::DirEntry>, Errno> {
                self.0.read_dir(path)
            }
            fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
                self.0.create_dir(path)
            }
            fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
                self.0.remove_dir(path)
            }
            fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
                self.0.unlink(path)
            }
            fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
                self.0.rename(from, to)
            }
            fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
                self.0.link(from, to)
            }
            fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
                self.0.symlink(target, path)
            }
            fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
                self.0.readlink(path)
            }
            fn set_times(
                &self,
                path: VPath<'_>,
                atim: SetTime,
                mtim: SetTime,
            ) -> Result<(), Errno> {
                self.0.set_times(path, atim, mtim)
            }
        }
        let target = Target::resolve(&t.0.join("out")).unwrap();
        let errors = save(&Broken(src), "/data", false, &target).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors
                .iter()
                .all(|e| e.contains("/data/bad") && e.contains("IO")),
            "{errors:?}"
        );
        assert_eq!(t.names(), ["out"]);
        assert!(t.0.join("out/stale").is_dir());
    }

    #[test]
    fn guest_paths() {
        assert_eq!(guest_path("/", "a/b"), "/a/b");
        assert_eq!(guest_path("/", ""), "/");
        assert_eq!(guest_path("data", "a"), "data/a");
    }

    #[test]
    fn targets() {
        let t = std::env::temp_dir();
        let e = Target::resolve(Path::new("/")).unwrap_err();
        assert!(e.contains("must name a directory"), "{e}");
        let e = Target::resolve(&t.join("wasip1-host-no-such-parent/x")).unwrap_err();
        assert!(e.contains("parent"), "{e}");
        let ok = Target::resolve(&t.join("wasip1-host-missing-target")).unwrap();
        assert_eq!(ok.name, "wasip1-host-missing-target");
        assert_eq!(ok.parent, std::fs::canonicalize(&t).unwrap());
    }
}
