//! [`MemFs`]: an in-memory filesystem, deterministic and shareable.

use super::{DirEntry, File, Fs, OpenOptions, SetTime, VPath};
use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use wasip1_abi::{Errno, Filestat, Filetype};

/// Timestamps of a [`MemFs`] start here (2023-11-14T22:13:20Z) and tick by one microsecond
/// per change, so a run always produces the same metadata.
pub const MEMFS_EPOCH_NS: u64 = 1_700_000_000_000_000_000;

/// An in-memory filesystem.
///
/// Cloning a `MemFs` gives another handle to **the same tree**: keep a clone, hand the other
/// to [`Host::run`](crate::Host::run), and inspect the outputs after the run.
///
/// Everything is deterministic: inode numbers are assigned in creation order, timestamps come
/// from a counter (see [`MEMFS_EPOCH_NS`]) and directories list in byte order of their names.
/// The total size of file contents is bounded ([`MemFs::with_limit`]), so a guest cannot make
/// the host run out of memory through the filesystem.
///
/// ```
/// use wasip1_host::fs::MemFs;
/// let fs = MemFs::new();
/// fs.write_file("in/hello.txt", b"hi").unwrap();
/// assert_eq!(fs.read_file("in/hello.txt").unwrap(), b"hi");
/// ```
#[derive(Clone)]
pub struct MemFs(Rc<Shared>);

struct Shared {
    root: NodeRef,
    next_ino: Cell<u64>,
    tick: Cell<u64>,
    /// Where timestamps come from when not from the deterministic counter.
    time: RefCell<Option<TimeSource>>,
    used: Rc<Cell<u64>>,
    limit: u64,
}

/// A source of timestamps for a [`MemFs`]: nanoseconds since the Unix epoch.
pub type TimeSource = Rc<dyn Fn() -> u64>;

type NodeRef = Rc<RefCell<Node>>;

struct Node {
    ino: u64,
    nlink: u64,
    atim: u64,
    mtim: u64,
    ctim: u64,
    kind: Kind,
}

enum Kind {
    File(Data),
    Dir(BTreeMap<String, NodeRef>),
    Symlink(String),
}

/// File contents, with the bytes accounted against the filesystem's limit until dropped.
struct Data {
    bytes: Vec<u8>,
    used: Rc<Cell<u64>>,
}

impl Drop for Data {
    fn drop(&mut self) {
        self.used
            .set(self.used.get().saturating_sub(self.bytes.len() as u64));
    }
}

/// The default bound on the total size of file contents: 1 GiB.
pub const MEMFS_DEFAULT_LIMIT: u64 = 1 << 30;

impl Default for MemFs {
    fn default() -> Self {
        Self::new()
    }
}

impl MemFs {
    /// An empty filesystem holding at most [`MEMFS_DEFAULT_LIMIT`] bytes of file contents.
    pub fn new() -> Self {
        Self::with_limit(MEMFS_DEFAULT_LIMIT)
    }

    /// An empty filesystem holding at most `limit` bytes of file contents; writes beyond
    /// it fail with `NOSPC`.
    pub fn with_limit(limit: u64) -> Self {
        let root = Rc::new(RefCell::new(Node {
            ino: 1,
            nlink: 2,
            atim: MEMFS_EPOCH_NS,
            mtim: MEMFS_EPOCH_NS,
            ctim: MEMFS_EPOCH_NS,
            kind: Kind::Dir(BTreeMap::new()),
        }));
        Self(Rc::new(Shared {
            root,
            next_ino: Cell::new(2),
            tick: Cell::new(0),
            time: RefCell::new(None),
            used: Rc::new(Cell::new(0)),
            limit,
        }))
    }

    /// Bytes of file contents currently stored.
    pub fn used_bytes(&self) -> u64 {
        self.0.used.get()
    }

    /// Writes a whole file at `path` (relative, `/`-separated; leading `/` ignored), creating
    /// missing parent directories. For embedders preparing inputs; guests go through the resolver.
    ///
    /// # Errors
    ///
    /// `INVAL` for a path with `.`/`..`/NUL; `NOTDIR`/`ISDIR` on a type clash; `NOSPC`.
    pub fn write_file(&self, path: &str, contents: &[u8]) -> Result<(), Errno> {
        let path = embedder_path(path)?;
        let p = VPath::new(&path)?;
        if let Some((parent, _)) = p.split_last() {
            self.create_dir_all(parent.as_str())?;
        }
        let mut f = self.open_file(
            p,
            OpenOptions {
                create: true,
                truncate: true,
                write: true,
                ..OpenOptions::default()
            },
        )?;
        f.write_at(contents, 0)?;
        Ok(())
    }

    /// Reads a whole file at `path` (as for [`MemFs::write_file`]), following no symlinks.
    ///
    /// # Errors
    ///
    /// `NOENT`, `ISDIR`, `INVAL`.
    pub fn read_file(&self, path: &str) -> Result<Vec<u8>, Errno> {
        let path = embedder_path(path)?;
        let node = self.lookup(VPath::new(&path)?)?;
        let node = node.borrow();
        match &node.kind {
            Kind::File(d) => Ok(d.bytes.clone()),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Symlink(_) => Err(Errno::INVAL),
        }
    }

    /// Creates `path` and any missing parents as directories.
    ///
    /// # Errors
    ///
    /// `INVAL` for a bad path; `NOTDIR` if a component is not a directory.
    pub fn create_dir_all(&self, path: &str) -> Result<(), Errno> {
        let path = embedder_path(path)?;
        let mut cur = super::VPathBuf::root();
        for name in VPath::new(&path)?.components() {
            cur.push(name);
            match self.create_dir(cur.as_path()) {
                Ok(()) => {}
                Err(Errno::EXIST) if self.stat(cur.as_path())?.filetype == Filetype::DIRECTORY => {}
                Err(Errno::EXIST) => return Err(Errno::NOTDIR),
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Creates a symlink at `path` pointing to `target` (parents created as needed).
    ///
    /// # Errors
    ///
    /// `INVAL` for a bad path; `EXIST` if something is there.
    pub fn create_symlink(&self, target: &str, path: &str) -> Result<(), Errno> {
        let path = embedder_path(path)?;
        let p = VPath::new(&path)?;
        if let Some((parent, _)) = p.split_last() {
            self.create_dir_all(parent.as_str())?;
        }
        self.symlink(target, p)
    }

    /// Takes timestamps from `source` (nanoseconds since the Unix epoch) from now on, instead
    /// of the deterministic counter: e.g. the real clock, so a guest working on an in-memory
    /// copy of a host directory sees real modification times.
    pub fn set_time_source(&self, source: TimeSource) {
        *self.0.time.borrow_mut() = Some(source);
    }

    fn now(&self) -> u64 {
        if let Some(source) = self.0.time.borrow().as_ref() {
            return source();
        }
        let t = self.0.tick.get().saturating_add(1);
        self.0.tick.set(t);
        MEMFS_EPOCH_NS.saturating_add(t.saturating_mul(1_000))
    }

    fn new_node(&self, kind: Kind) -> NodeRef {
        let ino = self.0.next_ino.get();
        self.0.next_ino.set(ino.saturating_add(1));
        let now = self.now();
        let nlink = if matches!(kind, Kind::Dir(_)) { 2 } else { 1 };
        Rc::new(RefCell::new(Node {
            ino,
            nlink,
            atim: now,
            mtim: now,
            ctim: now,
            kind,
        }))
    }

    fn lookup(&self, path: VPath<'_>) -> Result<NodeRef, Errno> {
        let mut cur = Rc::clone(&self.0.root);
        for name in path.components() {
            let next = match &cur.borrow().kind {
                Kind::Dir(children) => children.get(name).cloned().ok_or(Errno::NOENT)?,
                _ => return Err(Errno::NOTDIR),
            };
            cur = next;
        }
        Ok(cur)
    }

    /// The parent directory of `path` and the last name; `BUSY` for the root.
    fn parent<'p>(&self, path: VPath<'p>) -> Result<(NodeRef, &'p str), Errno> {
        let (parent, name) = path.split_last().ok_or(Errno::BUSY)?;
        let dir = self.lookup(parent)?;
        if !matches!(dir.borrow().kind, Kind::Dir(_)) {
            return Err(Errno::NOTDIR);
        }
        Ok((dir, name))
    }

    fn touch_dir(&self, dir: &NodeRef) {
        let now = self.now();
        let mut d = dir.borrow_mut();
        d.mtim = now;
        d.ctim = now;
    }
}

fn children(node: &Node) -> Option<&BTreeMap<String, NodeRef>> {
    match &node.kind {
        Kind::Dir(c) => Some(c),
        _ => None,
    }
}

fn children_mut(node: &mut Node) -> Result<&mut BTreeMap<String, NodeRef>, Errno> {
    match &mut node.kind {
        Kind::Dir(c) => Ok(c),
        _ => Err(Errno::NOTDIR),
    }
}

fn filetype(kind: &Kind) -> Filetype {
    match kind {
        Kind::File(_) => Filetype::REGULAR_FILE,
        Kind::Dir(_) => Filetype::DIRECTORY,
        Kind::Symlink(_) => Filetype::SYMBOLIC_LINK,
    }
}

fn stat_of(node: &Node) -> Filestat {
    let size = match &node.kind {
        Kind::File(d) => d.bytes.len() as u64,
        Kind::Dir(_) => 0,
        Kind::Symlink(t) => t.len() as u64,
    };
    Filestat {
        dev: 1,
        ino: node.ino,
        filetype: filetype(&node.kind),
        _pad: [0; 7],
        nlink: node.nlink,
        size,
        atim: node.atim,
        mtim: node.mtim,
        ctim: node.ctim,
    }
}

/// Turns an embedder's convenience path into a resolved path string.
fn embedder_path(path: &str) -> Result<String, Errno> {
    let trimmed = path.trim_matches('/');
    VPath::new(trimmed)?;
    Ok(String::from(trimmed))
}

impl Fs for MemFs {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        Ok(stat_of(&self.lookup(path)?.borrow()))
    }

    fn open_file(&self, path: VPath<'_>, options: OpenOptions) -> Result<Box<dyn File>, Errno> {
        let (dir, name) = self.parent(path)?;
        let existing = children(&dir.borrow()).and_then(|c| c.get(name).cloned());
        let node = match existing {
            Some(node) => {
                if options.create && options.exclusive {
                    return Err(Errno::EXIST);
                }
                match node.borrow().kind {
                    Kind::File(_) => {}
                    Kind::Dir(_) => return Err(Errno::ISDIR),
                    Kind::Symlink(_) => return Err(Errno::LOOP),
                }
                node
            }
            None if options.create => {
                let node = self.new_node(Kind::File(Data {
                    bytes: Vec::new(),
                    used: Rc::clone(&self.0.used),
                }));
                children_mut(&mut dir.borrow_mut())?.insert(String::from(name), Rc::clone(&node));
                self.touch_dir(&dir);
                node
            }
            None => return Err(Errno::NOENT),
        };
        let mut file = MemFile {
            fs: self.clone(),
            node,
        };
        if options.truncate {
            file.set_len(0)?;
        }
        Ok(Box::new(file))
    }

    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        let node = self.lookup(path)?;
        let node = node.borrow();
        let children = children(&node).ok_or(Errno::NOTDIR)?;
        Ok(children
            .iter()
            .map(|(name, child)| {
                let child = child.borrow();
                DirEntry {
                    name: name.clone(),
                    filetype: filetype(&child.kind),
                    ino: child.ino,
                }
            })
            .collect())
    }

    fn create_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) =
            self.parent(path)
                .map_err(|e| if e == Errno::BUSY { Errno::EXIST } else { e })?;
        if children(&dir.borrow()).is_some_and(|c| c.contains_key(name)) {
            return Err(Errno::EXIST);
        }
        let node = self.new_node(Kind::Dir(BTreeMap::new()));
        {
            let mut d = dir.borrow_mut();
            children_mut(&mut d)?.insert(String::from(name), node);
            d.nlink = d.nlink.saturating_add(1);
        }
        self.touch_dir(&dir);
        Ok(())
    }

    fn remove_dir(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) = self.parent(path)?;
        let node = children(&dir.borrow())
            .and_then(|c| c.get(name).cloned())
            .ok_or(Errno::NOENT)?;
        match &node.borrow().kind {
            Kind::Dir(c) if c.is_empty() => {}
            Kind::Dir(_) => return Err(Errno::NOTEMPTY),
            _ => return Err(Errno::NOTDIR),
        }
        {
            let mut d = dir.borrow_mut();
            children_mut(&mut d)?.remove(name);
            d.nlink = d.nlink.saturating_sub(1);
        }
        node.borrow_mut().nlink = 0;
        self.touch_dir(&dir);
        Ok(())
    }

    fn unlink(&self, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) =
            self.parent(path)
                .map_err(|e| if e == Errno::BUSY { Errno::ISDIR } else { e })?;
        let node = children(&dir.borrow())
            .and_then(|c| c.get(name).cloned())
            .ok_or(Errno::NOENT)?;
        if matches!(node.borrow().kind, Kind::Dir(_)) {
            return Err(Errno::ISDIR);
        }
        children_mut(&mut dir.borrow_mut())?.remove(name);
        {
            let now = self.now();
            let mut n = node.borrow_mut();
            n.nlink = n.nlink.saturating_sub(1);
            n.ctim = now;
        }
        self.touch_dir(&dir);
        Ok(())
    }

    fn rename(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let (from_dir, from_name) = self.parent(from)?;
        let (to_dir, to_name) = self.parent(to)?;
        let node = children(&from_dir.borrow())
            .and_then(|c| c.get(from_name).cloned())
            .ok_or(Errno::NOENT)?;
        let target = children(&to_dir.borrow()).and_then(|c| c.get(to_name).cloned());
        let is_dir = matches!(node.borrow().kind, Kind::Dir(_));
        if let Some(target) = &target {
            if Rc::ptr_eq(target, &node) {
                return Ok(());
            }
            match (&target.borrow().kind, is_dir) {
                (Kind::Dir(c), true) if !c.is_empty() => return Err(Errno::NOTEMPTY),
                (Kind::Dir(_), true) => {}
                (Kind::Dir(_), false) => return Err(Errno::ISDIR),
                (_, true) => return Err(Errno::NOTDIR),
                (_, false) => {}
            }
        }
        if is_dir && to.starts_with(from) {
            return Err(Errno::INVAL);
        }
        children_mut(&mut from_dir.borrow_mut())?.remove(from_name);
        let replaced =
            children_mut(&mut to_dir.borrow_mut())?.insert(String::from(to_name), Rc::clone(&node));
        if let Some(old) = replaced {
            let mut old = old.borrow_mut();
            old.nlink = if matches!(old.kind, Kind::Dir(_)) {
                0
            } else {
                old.nlink.saturating_sub(1)
            };
            drop(old);
            if is_dir {
                // The replaced directory's `..` link to its parent goes away with it.
                let mut d = to_dir.borrow_mut();
                d.nlink = d.nlink.saturating_sub(1);
            }
        }
        if is_dir && !Rc::ptr_eq(&from_dir, &to_dir) {
            let mut f = from_dir.borrow_mut();
            f.nlink = f.nlink.saturating_sub(1);
            drop(f);
            let mut t = to_dir.borrow_mut();
            t.nlink = t.nlink.saturating_add(1);
        }
        node.borrow_mut().ctim = self.now();
        self.touch_dir(&from_dir);
        self.touch_dir(&to_dir);
        Ok(())
    }

    fn link(&self, from: VPath<'_>, to: VPath<'_>) -> Result<(), Errno> {
        let node = self.lookup(from)?;
        if matches!(node.borrow().kind, Kind::Dir(_)) {
            return Err(Errno::PERM);
        }
        let (to_dir, to_name) =
            self.parent(to)
                .map_err(|e| if e == Errno::BUSY { Errno::EXIST } else { e })?;
        if children(&to_dir.borrow()).is_some_and(|c| c.contains_key(to_name)) {
            return Err(Errno::EXIST);
        }
        children_mut(&mut to_dir.borrow_mut())?.insert(String::from(to_name), Rc::clone(&node));
        {
            let now = self.now();
            let mut n = node.borrow_mut();
            n.nlink = n.nlink.saturating_add(1);
            n.ctim = now;
        }
        self.touch_dir(&to_dir);
        Ok(())
    }

    fn symlink(&self, target: &str, path: VPath<'_>) -> Result<(), Errno> {
        let (dir, name) =
            self.parent(path)
                .map_err(|e| if e == Errno::BUSY { Errno::EXIST } else { e })?;
        if children(&dir.borrow()).is_some_and(|c| c.contains_key(name)) {
            return Err(Errno::EXIST);
        }
        let node = self.new_node(Kind::Symlink(String::from(target)));
        children_mut(&mut dir.borrow_mut())?.insert(String::from(name), node);
        self.touch_dir(&dir);
        Ok(())
    }

    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        match &self.lookup(path)?.borrow().kind {
            Kind::Symlink(t) => Ok(t.clone()),
            _ => Err(Errno::INVAL),
        }
    }

    fn set_times(&self, path: VPath<'_>, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        let node = self.lookup(path)?;
        set_node_times(self, &node, atim, mtim);
        Ok(())
    }
}

fn set_node_times(fs: &MemFs, node: &NodeRef, atim: SetTime, mtim: SetTime) {
    let now = fs.now();
    let mut n = node.borrow_mut();
    if let SetTime::At(t) = atim {
        n.atim = t;
    }
    if let SetTime::At(t) = mtim {
        n.mtim = t;
    }
    n.ctim = now;
}

/// An open file of a [`MemFs`]; it keeps the file alive after an unlink, as POSIX does.
pub struct MemFile {
    fs: MemFs,
    node: NodeRef,
}

impl MemFile {
    fn with_data<R>(&self, f: impl FnOnce(&mut Data) -> Result<R, Errno>) -> Result<R, Errno> {
        match &mut self.node.borrow_mut().kind {
            Kind::File(d) => f(d),
            Kind::Dir(_) => Err(Errno::ISDIR),
            Kind::Symlink(_) => Err(Errno::INVAL),
        }
    }

    /// Grows `data` to `len` bytes (zero-filled), within the filesystem's limit.
    fn grow(&self, data: &mut Data, len: u64) -> Result<(), Errno> {
        let cur = data.bytes.len() as u64;
        if len <= cur {
            return Ok(());
        }
        let extra = len - cur;
        let used = self.fs.0.used.get();
        if used.saturating_add(extra) > self.fs.0.limit {
            return Err(Errno::NOSPC);
        }
        let new_len = usize::try_from(len).map_err(|_| Errno::FBIG)?;
        let extra_usize = new_len - data.bytes.len();
        data.bytes
            .try_reserve(extra_usize)
            .map_err(|_| Errno::NOSPC)?;
        data.bytes.resize(new_len, 0);
        self.fs.0.used.set(used.saturating_add(extra));
        Ok(())
    }

    fn touch_modified(&self) {
        let now = self.fs.now();
        let mut n = self.node.borrow_mut();
        n.mtim = now;
        n.ctim = now;
    }
}

impl File for MemFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        Ok(stat_of(&self.node.borrow()))
    }

    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        self.with_data(|d| {
            let Ok(start) = usize::try_from(offset) else {
                return Ok(0);
            };
            let src = d.bytes.get(start..).unwrap_or_default();
            let n = src.len().min(buf.len());
            if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
                dst.copy_from_slice(src);
            }
            Ok(n)
        })
    }

    fn write_at(&mut self, buf: &[u8], offset: u64) -> Result<usize, Errno> {
        if buf.is_empty() {
            return Ok(0);
        }
        let end = offset.checked_add(buf.len() as u64).ok_or(Errno::FBIG)?;
        let this = &*self;
        this.with_data(|d| {
            let start = usize::try_from(offset).map_err(|_| Errno::FBIG)?;
            usize::try_from(end).map_err(|_| Errno::FBIG)?;
            if start > d.bytes.len() {
                // A gap before the write: it must read as zeros.
                this.grow(d, offset)?;
            }
            // Overwrite what exists, then append the rest: every byte is written once
            // (no zero-fill that the copy would overwrite).
            let overlap = d.bytes.len().saturating_sub(start).min(buf.len());
            let (head, tail) = buf.split_at(overlap);
            if let Some(dst) = d.bytes.get_mut(start..start + overlap) {
                dst.copy_from_slice(head);
            }
            if !tail.is_empty() {
                let extra = tail.len() as u64;
                let used = this.fs.0.used.get();
                if used.saturating_add(extra) > this.fs.0.limit {
                    return Err(Errno::NOSPC);
                }
                d.bytes.try_reserve(tail.len()).map_err(|_| Errno::NOSPC)?;
                d.bytes.extend_from_slice(tail);
                this.fs.0.used.set(used.saturating_add(extra));
            }
            Ok(buf.len())
        })?;
        self.touch_modified();
        Ok(buf.len())
    }

    fn append(&mut self, buf: &[u8]) -> Result<(usize, u64), Errno> {
        let end = self.with_data(|d| Ok(d.bytes.len() as u64))?;
        let n = self.write_at(buf, end)?;
        Ok((n, end.saturating_add(n as u64)))
    }

    fn set_len(&mut self, len: u64) -> Result<(), Errno> {
        let this = &*self;
        this.with_data(|d| {
            let cur = d.bytes.len() as u64;
            if len > cur {
                this.grow(d, len)
            } else {
                let new_len = usize::try_from(len).map_err(|_| Errno::FBIG)?;
                d.bytes.truncate(new_len);
                d.bytes.shrink_to(new_len.max(d.bytes.capacity() / 2));
                d.used.set(d.used.get().saturating_sub(cur - len));
                Ok(())
            }
        })?;
        self.touch_modified();
        Ok(())
    }

    fn set_times(&mut self, atim: SetTime, mtim: SetTime) -> Result<(), Errno> {
        set_node_times(&self.fs, &self.node, atim, mtim);
        Ok(())
    }
}
