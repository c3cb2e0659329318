//! [`CopyOnWrite`]: a read-only base filesystem under a writable in-memory upper layer.
//!
//! The semantics (merged view, copy-up, identity, open descriptors, and the differences
//! from a real filesystem) are documented on [`CopyOnWrite`], where users of the crate see
//! them; the tests at the end of this file pin them.

use super::path::is_plain_name;
use super::{DirEntry, File, Fs, MemFs, OpenOptions, SetTime, VPath, VPathBuf};
use alloc::boxed::Box;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::RefCell;
use wasip1_abi::{Errno, Filestat, Filetype};

/// Set in the inode number of an entry created in the overlay (see [`CopyOnWrite`]).
const UPPER_INO_BIT: u64 = 1 << 63;

/// Bytes copied per read during a copy-up.
const COPY_CHUNK: usize = 64 * 1024;

/// A read-only base filesystem under a writable in-memory upper layer, seen as one
/// filesystem. Cloning gives another handle to the same overlay. It implements [`Fs`] for
/// any `B: Fs + 'static` (its open files may outlive the call that opened them).
///
/// The base (any [`Fs`]: a `HostDirFs` (feature `std`), a prepared [`MemFs`], an
/// `Rc<dyn Fs>`) is only ever *read*: the overlay calls `stat`, `read_dir`, `readlink` and
/// read-only `open_file` on it and nothing else. Every change lands in the upper [`MemFs`],
/// and a set of *hidden paths* records what was deleted or replaced. Guests see one
/// filesystem, in the manner of Linux overlayfs.
///
/// # The merged view
///
/// - **Lookup.** An entry in the upper layer always wins. Otherwise the base entry is shown,
///   unless the path or one of its ancestors is *hidden*. One mark serves as both overlayfs
///   notions: on a deleted path it is a *whiteout*; on a directory recreated at that path
///   (`create_dir` after a delete, or a directory renamed over another) it makes the new
///   directory *opaque*, because everything below the mark is hidden in the base.
///   Marks are only ever added, never removed, so a base path that was hidden stays hidden;
///   a mark makes every mark below it redundant, and those are dropped.
/// - **Directories** present in both layers are merged: [`Fs::read_dir`] lists the upper
///   entries, then the base entries whose names are neither in the upper directory nor
///   hidden, sorted by name (byte order). `remove_dir` and renaming over a directory judge
///   emptiness on this merged listing.
/// - **Copy-up.** Writing to a base file (an open with `write` or `truncate`), renaming,
///   linking or setting its times first copies it into the upper layer: missing parent
///   directories are created there (with the base's access and modification times), then the
///   bytes are copied (skipped when the open truncates anyway) and the base times set on the
///   copy. A symlink is copied with its target. A read-only open of a base file opens the
///   base file itself and copies nothing.
/// - **Renaming a directory** first copies its whole merged subtree into the upper layer (an
///   explicit work list, no recursion, so a deep tree cannot overflow the stack), then renames
///   it there, hides the old path and hides (makes opaque) the target. Base entries that are
///   neither files, directories nor symlinks (FIFOs, devices of a host directory) cannot be
///   copied: renaming or linking them, or a directory holding them, is `XDEV` (so a `mv`
///   falls back to copying); setting their times is `ROFS`; opening one is `ACCES`.
///   Hard links between files of the subtree are kept as hard links in the copy.
/// - **Errors** follow [`MemFs`] exactly, including the order in which they are checked (a
///   property test runs random operation sequences on an overlay and on a `MemFs` holding a
///   copy of its base, and compares every result and the final trees). One exception: opening
///   the root is `ISDIR`, as the trait documents (`MemFs` says `BUSY`).
///
/// # Identity (`dev`, `ino`)
///
/// - A base entry reports the base's `dev` and `ino`.
/// - An entry copied up keeps reporting the `dev` and `ino` of the base entry it came from
///   (a table maps the upper inode to it), in `stat`, in `read_dir` and in `fstat` of any
///   descriptor, before and after the copy-up and after renames. The root counts as copied
///   up from the base root.
/// - An entry created in the overlay reports the upper layer's `dev` and its upper inode
///   number with bit 63 set, which keeps it apart from the base's numbers (a `MemFs` counts
///   from 1; host inode numbers with bit 63 set are practically unheard of).
///
/// # Open descriptors
///
/// A descriptor opened read-only on a base file reads the base file. When that file is later
/// copied up (another descriptor writes it, it is renamed, ...), the descriptor switches to
/// the copy, so it sees the writes made through the others, as on a real filesystem. If its
/// own `write_at`, `set_len` or `set_times` is called (the rights above allow setting times
/// on a read-only descriptor), the file is copied up first. A base file that was deleted
/// before being copied up stays readable through such a descriptor (its bytes cannot
/// change any more), but changing it through the descriptor is `ROFS`.
///
/// # Differences from a real filesystem
///
/// - A hard link in the base is broken by a copy-up: the name written to gets its own copy,
///   other names keep showing the base bytes (both still report the base inode number).
///   Only links within one directory subtree copied up together by a rename are preserved.
/// - Deleting or renaming an entry that exists only in the base does not update the parent
///   directory's modification time; a copy-up never does. The change time (`ctim`) of a
///   copied entry is the time of the copy, `nlink` is counted in the upper layer.
/// - Renaming a large base directory copies all of it into memory first; the upper layer's
///   size limit applies (`NOSPC`).
/// - A base that changes underneath (a host directory edited by someone else) is not an
///   error: the view follows it, except where an upper entry or a hidden mark decides.
/// - An upper [`MemFs`] handed to [`CopyOnWrite::with_upper`] with entries already in it
///   behaves as if they had been written through the overlay (they shadow the base; nothing
///   of the base is hidden).
///
/// # Example
///
/// ```
/// use wasip1_host::fs::{CopyOnWrite, Fs, MemFs, OpenOptions, VPath};
/// let base = MemFs::new();
/// base.write_file("etc/motd", b"hello").unwrap();
/// let fs = CopyOnWrite::new(base.clone());
/// let p = VPath::new("etc/motd").unwrap();
/// let mut f = fs
///     .open_file(p, OpenOptions { write: true, ..OpenOptions::default() })
///     .unwrap();
/// f.write_at(b"J", 0).unwrap();
/// assert_eq!(fs.upper().read_file("etc/motd").unwrap(), b"Jello");
/// assert_eq!(base.read_file("etc/motd").unwrap(), b"hello");
/// ```
pub struct CopyOnWrite<B: Fs> {
    core: Rc<Core<B>>,
}

impl<B: Fs> Clone for CopyOnWrite<B> {
    fn clone(&self) -> Self {
        Self {
            core: Rc::clone(&self.core),
        }
    }
}

struct Core<B> {
    base: B,
    upper: MemFs,
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// Hidden base paths: nothing of the base at or below one of these is shown.
    hidden: BTreeSet<String>,
    /// Upper inode number → (`dev`, `ino`) of the base entry it was copied from.
    identity: BTreeMap<u64, (u64, u64)>,
    /// Read-only descriptors on base files, by base path, to switch over on copy-up.
    readers: BTreeMap<String, Vec<Weak<Slot>>>,
}

/// Where a read-only descriptor on a base file finds the copy once there is one.
type Slot = RefCell<Option<Box<dyn File>>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Layer {
    Upper,
    Base,
}

/// An entry of the merged view and the layer that provides it (raw layer metadata).
struct Found {
    layer: Layer,
    stat: Filestat,
}

/// An entry of a merged directory listing.
struct Listed {
    layer: Layer,
    filetype: Filetype,
    ino: u64,
}

fn read_only() -> OpenOptions {
    OpenOptions {
        read: true,
        ..OpenOptions::default()
    }
}

fn read_write() -> OpenOptions {
    OpenOptions {
        read: true,
        write: true,
        ..OpenOptions::default()
    }
}

fn join(dir: VPath<'_>, name: &str) -> VPathBuf {
    let mut p = dir.to_owned();
    p.push(name);
    p
}

fn times_of(st: &Filestat) -> (SetTime, SetTime) {
    (SetTime::At(st.atim), SetTime::At(st.mtim))
}

impl<B: Fs> CopyOnWrite<B> {
    /// `base` under a fresh, empty upper [`MemFs`].
    pub fn new(base: B) -> Self {
        Self::with_upper(base, MemFs::new())
    }

    /// `base` under `upper` (for example a [`MemFs::with_limit`] bounding what a guest may
    /// write, or a clone kept to inspect the changes afterwards).
    pub fn with_upper(base: B, upper: MemFs) -> Self {
        let mut state = State::default();
        if let (Ok(b), Ok(u)) = (base.stat(VPath::ROOT), upper.stat(VPath::ROOT)) {
            if b.filetype == Filetype::DIRECTORY {
                state.identity.insert(u.ino, (b.dev, b.ino));
            }
        }
        Self {
            core: Rc::new(Core {
                base,
                upper,
                state: RefCell::new(state),
            }),
        }
    }

    /// The upper layer: everything written through the overlay, and nothing else.
    pub fn upper(&self) -> &MemFs {
        &self.core.upper
    }

    /// The base layer (never modified by the overlay).
    pub fn base(&self) -> &B {
        &self.core.base
    }
}

impl<B: Fs> Core<B> {
    /// Whether `path` or one of its ancestors is hidden in the base.
    fn hidden(&self, path: VPath<'_>) -> bool {
        let state = self.state.borrow();
        if state.hidden.is_empty() {
            return false;
        }
        let s = path.as_str();
        s.match_indices('/')
            .filter_map(|(i, _)| s.get(..i))
            .chain([s])
            .any(|prefix| !prefix.is_empty() && state.hidden.contains(prefix))
    }

    /// The merged entry at `path`.
    fn find(&self, path: VPath<'_>) -> Result<Found, Errno> {
        match self.upper.stat(path) {
            Ok(stat) => {
                return Ok(Found {
                    layer: Layer::Upper,
                    stat,
                })
            }
            Err(Errno::NOENT) => {}
            // A non-directory of the upper layer on the way shadows whatever the base has.
            Err(e) => return Err(e),
        }
        if self.hidden(path) {
            return Err(Errno::NOENT);
        }
        match self.base.stat(path) {
            Ok(stat) => Ok(Found {
                layer: Layer::Base,
                stat,
            }),
            // The base's non-directory may itself be shadowed by an upper directory.
            Err(Errno::NOTDIR) => match path.split_last().map(|(p, _)| self.upper.stat(p)) {
                Some(Ok(st)) if st.filetype == Filetype::DIRECTORY => Err(Errno::NOENT),
                _ => Err(Errno::NOTDIR),
            },
            Err(e) => Err(e),
        }
    }

    /// The merged entry at `path`, which must be a directory.
    fn dir(&self, path: VPath<'_>) -> Result<Found, Errno> {
        let found = self.find(path)?;
        if found.stat.filetype != Filetype::DIRECTORY {
            return Err(Errno::NOTDIR);
        }
        Ok(found)
    }

    /// Whether the base has a visible entry at `path` (which `found` describes).
    fn base_visible(&self, path: VPath<'_>, found: &Found) -> Result<bool, Errno> {
        if found.layer == Layer::Base {
            return Ok(true);
        }
        if self.hidden(path) {
            return Ok(false);
        }
        match self.base.stat(path) {
            Ok(_) => Ok(true),
            Err(Errno::NOENT | Errno::NOTDIR) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Hides the base at and below `path`.
    fn hide(&self, path: VPath<'_>) {
        let mut state = self.state.borrow_mut();
        let s = path.as_str();
        // Everything starting with `s/` sorts between `s/` and `s0` ('0' follows '/').
        let (lo, hi) = (format!("{s}/"), format!("{s}0"));
        let below: Vec<String> = state
            .hidden
            .range(lo.clone()..hi.clone())
            .cloned()
            .collect();
        for p in below {
            state.hidden.remove(&p);
        }
        state.hidden.insert(String::from(s));
        let readers: Vec<String> = state
            .readers
            .range(lo..hi)
            .map(|(k, _)| k.clone())
            .collect();
        for p in readers {
            state.readers.remove(&p);
        }
        state.readers.remove(s);
    }

    /// The merged listing of the directory `path` (described by `found`), and whether the
    /// base contributed a directory to it.
    fn entries(
        &self,
        path: VPath<'_>,
        found: &Found,
    ) -> Result<(BTreeMap<String, Listed>, bool), Errno> {
        let mut out = BTreeMap::new();
        if found.layer == Layer::Upper {
            for e in self.upper.read_dir(path)? {
                let listed = Listed {
                    layer: Layer::Upper,
                    filetype: e.filetype,
                    ino: e.ino,
                };
                out.insert(e.name, listed);
            }
        }
        if self.hidden(path) {
            return Ok((out, false));
        }
        let base = match self.base.read_dir(path) {
            Ok(list) => list,
            Err(Errno::NOENT | Errno::NOTDIR) => return Ok((out, false)),
            Err(e) => return Err(e),
        };
        let state = self.state.borrow();
        for e in base {
            if !is_plain_name(&e.name) || out.contains_key(&e.name) {
                continue;
            }
            if state
                .hidden
                .contains(join(path, &e.name).as_path().as_str())
            {
                continue;
            }
            let listed = Listed {
                layer: Layer::Base,
                filetype: e.filetype,
                ino: e.ino,
            };
            out.insert(e.name, listed);
        }
        Ok((out, true))
    }

    /// The identity a guest sees for an entry of `layer` (see the module docs).
    fn identity(&self, layer: Layer, mut stat: Filestat) -> Filestat {
        if layer == Layer::Upper {
            match self.state.borrow().identity.get(&stat.ino) {
                Some(&(dev, ino)) => {
                    stat.dev = dev;
                    stat.ino = ino;
                }
                None => stat.ino |= UPPER_INO_BIT,
            }
        }
        stat
    }

    fn entry_ino(&self, layer: Layer, ino: u64) -> u64 {
        match layer {
            Layer::Base => ino,
            Layer::Upper => match self.state.borrow().identity.get(&ino) {
                Some(&(_, base_ino)) => base_ino,
                None => ino | UPPER_INO_BIT,
            },
        }
    }

    fn remember(&self, upper_ino: u64, base: &Filestat) {
        self.state
            .borrow_mut()
            .identity
            .insert(upper_ino, (base.dev, base.ino));
    }

    /// Runs `f`, which adds an entry to the upper directory `dir`, then puts back `dir`'s
    /// times: a copy-up is not a change a guest should see.
    fn keeping_times<R>(
        &self,
        dir: VPath<'_>,
        f: impl FnOnce() -> Result<R, Errno>,
    ) -> Result<R, Errno> {
        let before = self.upper.stat(dir)?;
        let r = f()?;
        let (atim, mtim) = times_of(&before);
        self.upper.set_times(dir, atim, mtim)?;
        Ok(r)
    }

    /// Makes sure the merged directory `dir` and its ancestors exist in the upper layer.
    fn copy_up_dirs(&self, dir: VPath<'_>) -> Result<(), Errno> {
        let mut made: Vec<(VPathBuf, Filestat)> = Vec::new();
        let mut cur = VPathBuf::root();
        for name in dir.components() {
            let parent = cur.clone();
            cur.push(name);
            match self.upper.stat(cur.as_path()) {
                Ok(st) if st.filetype == Filetype::DIRECTORY => continue,
                Ok(_) => return Err(Errno::NOTDIR),
                Err(Errno::NOENT) => {}
                Err(e) => return Err(e),
            }
            if self.hidden(cur.as_path()) {
                return Err(Errno::NOENT);
            }
            let st = self.base.stat(cur.as_path())?;
            if st.filetype != Filetype::DIRECTORY {
                return Err(Errno::NOTDIR);
            }
            let create = || self.upper.create_dir(cur.as_path());
            if made.is_empty() {
                // The deepest directory already in the upper layer: keep its times.
                self.keeping_times(parent.as_path(), create)?;
            } else {
                create()?;
            }
            self.remember(self.upper.stat(cur.as_path())?.ino, &st);
            made.push((cur.clone(), st));
        }
        for (path, st) in made {
            let (atim, mtim) = times_of(&st);
            self.upper.set_times(path.as_path(), atim, mtim)?;
        }
        Ok(())
    }

    /// Copies the base file at `path` (described by `base`) into the upper layer, with its
    /// bytes if `with_data`, and switches read-only descriptors on it over to the copy.
    fn copy_up_file(&self, path: VPath<'_>, base: &Filestat, with_data: bool) -> Result<(), Errno> {
        let (parent, _) = path.split_last().ok_or(Errno::ISDIR)?;
        self.copy_up_dirs(parent)?;
        let ino = self.keeping_times(parent, || {
            let mut dst = self.upper.open_file(
                path,
                OpenOptions {
                    create: true,
                    exclusive: true,
                    ..read_write()
                },
            )?;
            let copied = if with_data {
                self.copy_bytes(path, &mut *dst)
            } else {
                Ok(())
            };
            match copied.and_then(|()| dst.stat()) {
                Ok(st) => Ok(st.ino),
                Err(e) => {
                    drop(dst);
                    // Best effort: the partial copy must not shadow the base file.
                    let _ = self.upper.unlink(path);
                    Err(e)
                }
            }
        })?;
        let (atim, mtim) = times_of(base);
        self.upper.set_times(path, atim, mtim)?;
        self.remember(ino, base);
        self.redirect_readers(path);
        Ok(())
    }

    fn copy_bytes(&self, path: VPath<'_>, dst: &mut dyn File) -> Result<(), Errno> {
        let mut src = self.base.open_file(path, read_only())?;
        let mut buf = vec![0u8; COPY_CHUNK];
        let mut offset = 0u64;
        loop {
            let n = src.read_at(&mut buf, offset)?;
            if n == 0 {
                return Ok(());
            }
            let mut chunk = buf.get(..n).ok_or(Errno::IO)?;
            while !chunk.is_empty() {
                let written = dst.write_at(chunk, offset)?;
                if written == 0 {
                    return Err(Errno::IO);
                }
                chunk = chunk.get(written..).ok_or(Errno::IO)?;
                offset = offset.checked_add(written as u64).ok_or(Errno::FBIG)?;
            }
        }
    }

    /// Copies the base symlink at `path` into the upper layer.
    fn copy_up_symlink(&self, path: VPath<'_>, base: &Filestat) -> Result<(), Errno> {
        let (parent, _) = path.split_last().ok_or(Errno::INVAL)?;
        let target = self.base.readlink(path)?;
        self.copy_up_dirs(parent)?;
        self.keeping_times(parent, || self.upper.symlink(&target, path))?;
        let (atim, mtim) = times_of(base);
        self.upper.set_times(path, atim, mtim)?;
        self.remember(self.upper.stat(path)?.ino, base);
        Ok(())
    }

    /// Copies the base entry at `path` into the upper layer (a directory without its
    /// contents); `unsupported` for a type the upper layer cannot hold.
    fn copy_up(&self, path: VPath<'_>, found: &Found, unsupported: Errno) -> Result<(), Errno> {
        if found.layer == Layer::Upper {
            return Ok(());
        }
        match found.stat.filetype {
            Filetype::REGULAR_FILE => self.copy_up_file(path, &found.stat, true),
            Filetype::SYMBOLIC_LINK => self.copy_up_symlink(path, &found.stat),
            Filetype::DIRECTORY => self.copy_up_dirs(path),
            _ => Err(unsupported),
        }
    }

    /// Copies the whole merged subtree of the directory `path` into the upper layer.
    fn copy_up_tree(&self, path: VPath<'_>) -> Result<(), Errno> {
        let mut linked: BTreeMap<(u64, u64), VPathBuf> = BTreeMap::new();
        let mut work = vec![path.to_owned()];
        while let Some(dir) = work.pop() {
            let dir = dir.as_path();
            self.copy_up_dirs(dir)?;
            let found = self.dir(dir)?;
            let (entries, base_part) = self.entries(dir, &found)?;
            if !base_part {
                // Nothing of the base below here: the upper subtree is complete.
                continue;
            }
            for (name, e) in entries {
                let child = join(dir, &name);
                let child = child.as_path();
                match (e.layer, e.filetype) {
                    (_, Filetype::DIRECTORY) => work.push(child.to_owned()),
                    (Layer::Upper, _) => {}
                    (Layer::Base, Filetype::REGULAR_FILE) => {
                        let st = self.base.stat(child)?;
                        if st.nlink > 1 {
                            if let Some(first) = linked.get(&(st.dev, st.ino)) {
                                self.keeping_times(dir, || {
                                    self.upper.link(first.as_path(), child)
                                })?;
                                self.redirect_readers(child);
                                continue;
                            }
                            linked.insert((st.dev, st.ino), child.to_owned());
                        }
                        self.copy_up_file(child, &st, true)?;
                    }
                    (Layer::Base, Filetype::SYMBOLIC_LINK) => {
                        self.copy_up_symlink(child, &self.base.stat(child)?)?;
                    }
                    (Layer::Base, _) => return Err(Errno::XDEV),
                }
            }
        }
        Ok(())
    }

    fn register_reader(&self, path: VPath<'_>, slot: &Rc<Slot>) {
        let mut state = self.state.borrow_mut();
        let list = state
            .readers
            .entry(String::from(path.as_str()))
            .or_default();
        list.retain(|w| w.strong_count() > 0);
        list.push(Rc::downgrade(slot));
    }

    /// Points the read-only descriptors opened on the base file `path` at its new copy.
    fn redirect_readers(&self, path: VPath<'_>) {
        let waiting = self.state.borrow_mut().readers.remove(path.as_str());
        for slot in waiting.into_iter().flatten().filter_map(|w| w.upgrade()) {
            if let (Ok(file), Ok(mut slot)) = (
                self.upper.open_file(path, read_write()),
                slot.try_borrow_mut(),
            ) {
                *slot = Some(file);
            }
        }
    }

    /// For a read-only descriptor about to change its base file: copies the file up if
    /// `path` still shows that base file.
    fn copy_up_for_reader(&self, path: VPath<'_>) -> Result<(), Errno> {
        match self.find(path) {
            Ok(found)
                if found.layer == Layer::Base && found.stat.filetype == Filetype::REGULAR_FILE =>
            {
                self.copy_up_file(path, &found.stat, true)
            }
            _ => Ok(()),
        }
    }
}

fn same_file(a: &Found, b: &Found) -> bool {
    a.layer == b.layer && a.stat.dev == b.stat.dev && a.stat.ino == b.stat.ino
}

impl<B: Fs + 'static> CopyOnWrite<B> {
    fn upper_file(&self, file: Box<dyn File>) -> Box<dyn File> {
        Box::new(CowFile {
            core: Rc::clone(&self.core),
            kind: FileKind::Upper(file),
        })
    }
}

impl<B: Fs + 'static> Fs for CopyOnWrite<B> {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        let found = self.core.find(path)?;
        Ok(self.core.identity(found.layer, found.stat))
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        let c = &*self.core;
        let (parent, _) = path.split_last().ok_or(Errno::ISDIR)?;
        match c.find(path) {
            Ok(Found {
                layer: Layer::Upper,
                ..
            }) => Ok(self.upper_file(c.upper.open_file(path, options)?)),
            Ok(Found {
                layer: Layer::Base,
                stat,
            }) => {
                if options.create && options.exclusive {
                    return Err(Errno::EXIST);
                }
                match stat.filetype {
                    Filetype::REGULAR_FILE => {}
                    Filetype::DIRECTORY => return Err(Errno::ISDIR),
                    Filetype::SYMBOLIC_LINK => return Err(Errno::LOOP),
                    _ => return Err(Errno::ACCES),
                }
                if options.write || options.truncate {
                    c.copy_up_file(path, &stat, !options.truncate)?;
                    return Ok(self.upper_file(c.upper.open_file(path, options)?));
                }
                // Never pass `create` on: the base must not be written, even in a race.
                let file = c.base.open_file(path, read_only())?;
                let slot = Rc::new(RefCell::new(None));
                c.register_reader(path, &slot);
                Ok(Box::new(CowFile {
                    core: Rc::clone(&self.core),
                    kind: FileKind::Base {
                        path: path.to_owned(),
                        file,
                        slot,
                    },
                }))
            }
            Err(Errno::NOENT) if options.create => {
                c.dir(parent)?;
                c.copy_up_dirs(parent)?;
                Ok(self.upper_file(c.upper.open_file(path, options)?))
            }
            Err(e) => Err(e),
        }
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        let c = &*self.core;
        let found = c.dir(path)?;
        let (entries, _) = c.entries(path, &found)?;
        Ok(entries
            .into_iter()
            .map(|(name, e)| DirEntry {
                name,
                filetype: e.filetype,
                ino: c.entry_ino(e.layer, e.ino),
            })
            .collect())
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        let (parent, _) = path.split_last().ok_or(Errno::EXIST)?;
        c.dir(parent)?;
        match c.find(path) {
            Ok(_) => return Err(Errno::EXIST),
            Err(Errno::NOENT) => {}
            Err(e) => return Err(e),
        }
        c.copy_up_dirs(parent)?;
        // If the base has this path, it is hidden (else `find` would have found it), so
        // the new directory is opaque already.
        c.upper.create_dir(path)
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        if path.is_root() {
            return Err(Errno::BUSY);
        }
        let found = c.dir(path)?;
        if !c.entries(path, &found)?.0.is_empty() {
            return Err(Errno::NOTEMPTY);
        }
        let hide = c.base_visible(path, &found)?;
        if found.layer == Layer::Upper {
            c.upper.remove_dir(path)?;
        }
        if hide {
            c.hide(path);
        }
        Ok(())
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        if path.is_root() {
            return Err(Errno::ISDIR);
        }
        let found = c.find(path)?;
        if found.stat.filetype == Filetype::DIRECTORY {
            return Err(Errno::ISDIR);
        }
        let hide = c.base_visible(path, &found)?;
        if found.layer == Layer::Upper {
            c.upper.unlink(path)?;
        }
        if hide {
            c.hide(path);
        }
        Ok(())
    }

    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        // The checks come in the order `MemFs` makes them.
        let (from_parent, _) = from.split_last().ok_or(Errno::BUSY)?;
        let (to_parent, _) = to.split_last().ok_or(Errno::BUSY)?;
        c.dir(from_parent)?;
        c.dir(to_parent)?;
        let src = c.find(from)?;
        let dst = match c.find(to) {
            Ok(found) => Some(found),
            Err(Errno::NOENT) => None,
            Err(e) => return Err(e),
        };
        let is_dir = src.stat.filetype == Filetype::DIRECTORY;
        if let Some(dst) = &dst {
            if from == to || same_file(&src, dst) {
                return Ok(());
            }
            match (dst.stat.filetype == Filetype::DIRECTORY, is_dir) {
                (true, true) => {
                    if !c.entries(to, dst)?.0.is_empty() {
                        return Err(Errno::NOTEMPTY);
                    }
                }
                (true, false) => return Err(Errno::ISDIR),
                (false, true) => return Err(Errno::NOTDIR),
                (false, false) => {}
            }
        }
        if is_dir && to.starts_with(from) {
            return Err(Errno::INVAL);
        }
        let hide_from = c.base_visible(from, &src)?;
        let hide_to = match &dst {
            Some(dst) => c.base_visible(to, dst)?,
            None => false,
        };
        if is_dir {
            c.copy_up_tree(from)?;
        } else {
            c.copy_up(from, &src, Errno::XDEV)?;
        }
        c.copy_up_dirs(to_parent)?;
        c.upper.rename(from, to)?;
        if hide_from {
            c.hide(from);
        }
        if hide_to {
            c.hide(to);
        }
        Ok(())
    }

    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        let src = c.find(from)?;
        if src.stat.filetype == Filetype::DIRECTORY {
            return Err(Errno::PERM);
        }
        let (to_parent, _) = to.split_last().ok_or(Errno::EXIST)?;
        c.dir(to_parent)?;
        match c.find(to) {
            Ok(_) => return Err(Errno::EXIST),
            Err(Errno::NOENT) => {}
            Err(e) => return Err(e),
        }
        c.copy_up(from, &src, Errno::XDEV)?;
        c.copy_up_dirs(to_parent)?;
        c.upper.link(from, to)
    }

    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        let c = &*self.core;
        let (parent, _) = path.split_last().ok_or(Errno::EXIST)?;
        c.dir(parent)?;
        match c.find(path) {
            Ok(_) => return Err(Errno::EXIST),
            Err(Errno::NOENT) => {}
            Err(e) => return Err(e),
        }
        c.copy_up_dirs(parent)?;
        c.upper.symlink(target, path)
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        let c = &*self.core;
        match c.find(path)?.layer {
            Layer::Upper => c.upper.readlink(path),
            Layer::Base => c.base.readlink(path),
        }
    }

    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let c = &*self.core;
        let found = c.find(path)?;
        c.copy_up(path, &found, Errno::ROFS)?;
        c.upper.set_times(path, atim, mtim)
    }
}

/// An open file of a [`CopyOnWrite`].
struct CowFile<B: Fs> {
    core: Rc<Core<B>>,
    kind: FileKind,
}

enum FileKind {
    /// A file of the upper layer.
    Upper(Box<dyn File>),
    /// A base file opened read-only; `slot` receives the copy once it is copied up.
    Base {
        path: VPathBuf,
        file: Box<dyn File>,
        slot: Rc<Slot>,
    },
}

impl<B: Fs> CowFile<B> {
    /// Runs `f` on the file to change: for a read-only base descriptor, the copy (made now
    /// if there is none yet).
    fn changing<R>(
        &mut self,
        f: impl FnOnce(&mut dyn File) -> Result<R, Errno>,
    ) -> Result<R, Errno> {
        let Self { core, kind } = self;
        match kind {
            FileKind::Upper(file) => f(&mut **file),
            FileKind::Base { path, slot, .. } => {
                if slot.try_borrow().map_err(|_| Errno::IO)?.is_none() {
                    core.copy_up_for_reader(path.as_path())?;
                }
                let mut copy = slot.try_borrow_mut().map_err(|_| Errno::IO)?;
                match copy.as_mut() {
                    Some(file) => f(&mut **file),
                    None => Err(Errno::ROFS),
                }
            }
        }
    }
}

impl<B: Fs> Drop for CowFile<B> {
    /// Forgets a read-only descriptor on a base file, so the table of them stays small.
    fn drop(&mut self) {
        let FileKind::Base { path, slot, .. } = &self.kind else {
            return;
        };
        let Ok(mut state) = self.core.state.try_borrow_mut() else {
            return;
        };
        let key = path.as_path().as_str();
        if let Some(list) = state.readers.get_mut(key) {
            list.retain(|w| w.strong_count() > 0 && !w.ptr_eq(&Rc::downgrade(slot)));
            if list.is_empty() {
                state.readers.remove(key);
            }
        }
    }
}

impl<B: Fs> File for CowFile<B> {
    fn stat(&self) -> Result<Filestat, Errno> {
        match &self.kind {
            FileKind::Upper(file) => Ok(self.core.identity(Layer::Upper, file.stat()?)),
            FileKind::Base { file, slot, .. } => {
                match slot.try_borrow().map_err(|_| Errno::IO)?.as_ref() {
                    Some(copy) => Ok(self.core.identity(Layer::Upper, copy.stat()?)),
                    None => file.stat(),
                }
            }
        }
    }

    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        match &mut self.kind {
            FileKind::Upper(file) => file.read_at(buf, offset),
            FileKind::Base { file, slot, .. } => {
                match slot.try_borrow_mut().map_err(|_| Errno::IO)?.as_mut() {
                    Some(copy) => copy.read_at(buf, offset),
                    None => file.read_at(buf, offset),
                }
            }
        }
    }

    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno> {
        self.changing(|f| f.write_at(buf, offset))
    }

    fn append(&mut self, buf: &[u8]) -> Result<(usize, u64), Errno> {
        self.changing(|f| f.append(buf))
    }

    fn set_len(&mut self, len: u64) -> Result<(), Errno> {
        self.changing(|f| f.set_len(len))
    }

    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        self.changing(|f| f.set_times(atim, mtim))
    }

    fn sync(&mut self) -> Result<(), Errno> {
        match &mut self.kind {
            FileKind::Upper(file) => file.sync(),
            FileKind::Base { file, slot, .. } => {
                match slot.try_borrow_mut().map_err(|_| Errno::IO)?.as_mut() {
                    Some(copy) => copy.sync(),
                    None => file.sync(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
