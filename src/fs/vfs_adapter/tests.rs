//! Tests of the parent module.
use super::*;
use alloc::vec;
use core::sync::atomic::{AtomicUsize, Ordering};
use vfs::{AltrootFS, MemoryFS, OverlayFS, PhysicalFS, SeekAndRead, SeekAndWrite};

/// A host directory under the temp dir, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("wasip1-vfs-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One backend under test; `_dir` keeps a `PhysicalFS` root alive.
struct Backend {
    name: &'static str,
    fs: VfsAdapter,
    _dir: Option<TempDir>,
}

fn backends() -> Vec<Backend> {
    let dir = TempDir::new();
    let physical = VfsAdapter::new(PhysicalFS::new(&dir.0));
    let outer: VfsPath = MemoryFS::new().into();
    let alt = outer.join("altroot").unwrap();
    alt.create_dir().unwrap();
    let upper: VfsPath = MemoryFS::new().into();
    let lower: VfsPath = MemoryFS::new().into();
    Vec::from([
        Backend {
            name: "MemoryFS",
            fs: VfsAdapter::new(MemoryFS::new()),
            _dir: None,
        },
        Backend {
            name: "PhysicalFS",
            fs: physical,
            _dir: Some(dir),
        },
        Backend {
            name: "AltrootFS",
            fs: VfsAdapter::new(AltrootFS::new(alt)),
            _dir: None,
        },
        Backend {
            name: "OverlayFS",
            fs: VfsAdapter::new(OverlayFS::new(&[upper, lower])),
            _dir: None,
        },
    ])
}

fn p(s: &str) -> VPath<'_> {
    VPath::new(s).unwrap()
}

const RW: OpenOptions = OpenOptions {
    create: false,
    exclusive: false,
    truncate: false,
    read: true,
    write: true,
};
const CREATE: OpenOptions = OpenOptions { create: true, ..RW };

fn create(fs: &VfsAdapter, path: &str) -> Box<dyn File> {
    fs.open_file(p(path), CREATE).unwrap()
}

fn open(fs: &VfsAdapter, path: &str) -> Box<dyn File> {
    fs.open_file(p(path), RW).unwrap()
}

/// The whole file as a descriptor sees it.
fn contents(f: &mut dyn File) -> Vec<u8> {
    let size = usize::try_from(f.stat().unwrap().size).unwrap();
    let mut buf = vec![0; size + 16];
    let n = f.read_at(&mut buf, 0).unwrap();
    buf.truncate(n);
    buf
}

/// The file as the vfs backend holds it.
fn raw(fs: &VfsAdapter, path: &str) -> Vec<u8> {
    let mut r: Box<dyn SeekAndRead + Send> = fs.file_system().open_file(&vfs_path(path)).unwrap();
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    out
}

fn write_raw(fs: &VfsAdapter, path: &str, bytes: &[u8]) {
    let mut w: Box<dyn SeekAndWrite + Send> =
        fs.file_system().create_file(&vfs_path(path)).unwrap();
    w.write_all(bytes).unwrap();
    w.flush().unwrap();
}

fn names(fs: &VfsAdapter, path: &str) -> Vec<String> {
    fs.read_dir(p(path))
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect()
}

#[test]
fn error_table_has_one_row_per_kind() {
    let rows: [(VfsErrorKind, Errno); 8] = [
        (VfsErrorKind::FileNotFound, Errno::NOENT),
        (VfsErrorKind::FileExists, Errno::EXIST),
        (VfsErrorKind::DirectoryExists, Errno::EXIST),
        (VfsErrorKind::NotSupported, Errno::NOTSUP),
        (VfsErrorKind::InvalidPath, Errno::INVAL),
        (
            VfsErrorKind::IoError(std::io::Error::from_raw_os_error(28)),
            Errno::NOSPC,
        ),
        (
            VfsErrorKind::IoError(std::io::Error::other("not from the OS")),
            Errno::IO,
        ),
        (VfsErrorKind::Other(String::from("anything")), Errno::IO),
    ];
    for (kind, want) in rows {
        let shown = format!("{kind:?}");
        assert_eq!(errno(&VfsError::from(kind)), want, "{shown}");
    }
    // vfs normalises a host "not found" to `FileNotFound`.
    let not_found = std::io::Error::from(std::io::ErrorKind::NotFound);
    assert_eq!(errno(&VfsError::from(not_found)), Errno::NOENT);
    // A mandatory mutation the backend does not support: read-only.
    let unsupported = VfsError::from(VfsErrorKind::NotSupported);
    assert_eq!(mutation_errno(&unsupported), Errno::ROFS);
    let missing = VfsError::from(VfsErrorKind::FileNotFound);
    assert_eq!(mutation_errno(&missing), Errno::NOENT);
}

#[test]
fn create_write_read_and_write_back() {
    for b in backends() {
        let fs = &b.fs;
        let mut f = create(fs, "hello.txt");
        assert_eq!(f.write_at(b"hello world", 0).unwrap(), 11, "{}", b.name);
        assert_eq!(fs.stat(p("hello.txt")).unwrap().size, 11, "{}", b.name);
        let mut buf = [0; 5];
        assert_eq!(f.read_at(&mut buf, 6).unwrap(), 5, "{}", b.name);
        assert_eq!(&buf, b"world", "{}", b.name);
        assert_eq!(f.read_at(&mut buf, 11).unwrap(), 0, "{}", b.name);
        assert_eq!(f.read_at(&mut buf, u64::MAX).unwrap(), 0, "{}", b.name);
        f.sync().unwrap();
        assert_eq!(raw(fs, "hello.txt"), b"hello world", "{}", b.name);
        f.write_at(b"W", 6).unwrap();
        drop(f);
        assert_eq!(raw(fs, "hello.txt"), b"hello World", "{}", b.name);
        let st = fs.stat(p("hello.txt")).unwrap();
        assert_eq!(st.filetype, Filetype::REGULAR_FILE, "{}", b.name);
        assert_eq!((st.dev, st.nlink), (DEV, 1), "{}", b.name);
        // A file made behind the adapter's back is read lazily.
        write_raw(fs, "outside.bin", b"abc");
        let mut f = open(fs, "outside.bin");
        assert_eq!(contents(&mut *f), b"abc", "{}", b.name);
    }
}

/// The +faststart shape on 8 KiB: pattern, header, append, block moved through a second
/// descriptor; byte-exact against an expected buffer, in the buffer and after write-back.
#[test]
fn seek_back_and_overwrite_is_byte_exact() {
    const SIZE: usize = 8 << 10;
    let mut want: Vec<u8> = (0..SIZE).map(|k| u8::try_from(k % 251).unwrap()).collect();
    for (i, byte) in want.iter_mut().take(32).enumerate() {
        *byte = 0xA0 + u8::try_from(i).unwrap();
    }
    want.extend(core::iter::repeat_n(0xEE, 1024));
    let tail = want.get(want.len() - 4096..).unwrap().to_vec();
    want.get_mut(32..32 + 4096).unwrap().copy_from_slice(&tail);

    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("out")).unwrap();
        let mut f1 = fs
            .open_file(
                p("out/reel.bin"),
                OpenOptions {
                    truncate: true,
                    ..CREATE
                },
            )
            .unwrap();
        let pattern: Vec<u8> = (0..SIZE).map(|k| u8::try_from(k % 251).unwrap()).collect();
        for (i, chunk) in pattern.chunks(1000).enumerate() {
            assert_eq!(f1.write_at(chunk, i as u64 * 1000).unwrap(), chunk.len());
        }
        let header: Vec<u8> = (0..32).map(|i| 0xA0 + i).collect();
        f1.write_at(&header, 0).unwrap();
        let (n, end) = f1.append(&[0xEE; 1024]).unwrap();
        assert_eq!((n, end), (1024, (SIZE + 1024) as u64), "{}", b.name);
        assert_eq!(f1.stat().unwrap().size, end, "{}", b.name);

        let mut f2 = fs
            .open_file(
                p("out/reel.bin"),
                OpenOptions {
                    read: true,
                    ..OpenOptions::default()
                },
            )
            .unwrap();
        let mut block = vec![0; 4096];
        assert_eq!(f2.read_at(&mut block, end - 4096).unwrap(), 4096);
        f1.write_at(&block, 32).unwrap();
        assert!(contents(&mut *f2) == want, "{}: shared buffer", b.name);
        drop(f2);
        drop(f1);
        assert!(raw(fs, "out/reel.bin") == want, "{}: written back", b.name);
    }
}

#[test]
fn two_descriptors_share_one_buffer() {
    for b in backends() {
        let fs = &b.fs;
        let mut a = create(fs, "shared");
        let mut c = open(fs, "shared");
        a.write_at(b"from a", 0).unwrap();
        assert_eq!(contents(&mut *c), b"from a", "{}", b.name);
        c.write_at(b"C", 0).unwrap();
        assert_eq!(contents(&mut *a), b"Crom a", "{}", b.name);
        c.set_len(2).unwrap();
        assert_eq!(a.stat().unwrap().size, 2, "{}", b.name);
        assert_eq!(fs.stat(p("shared")).unwrap().size, 2, "{}", b.name);
        // Dropping one writes back; the other keeps working on the same bytes.
        drop(c);
        assert_eq!(raw(fs, "shared"), b"Cr", "{}", b.name);
        a.append(b"!").unwrap();
        // Opening with truncate empties the buffer every descriptor sees.
        let t = fs
            .open_file(
                p("shared"),
                OpenOptions {
                    truncate: true,
                    ..RW
                },
            )
            .unwrap();
        assert_eq!(a.stat().unwrap().size, 0, "{}", b.name);
        assert_eq!(raw(fs, "shared"), b"", "{}", b.name);
        drop((a, t));
        assert_eq!(raw(fs, "shared"), b"", "{}", b.name);
        assert!(
            fs.fs.open.borrow().is_empty(),
            "{}: registry pruned",
            b.name
        );
    }
}

#[test]
fn truncate_and_extend_fill_with_zeros() {
    for b in backends() {
        let fs = &b.fs;
        let mut f = create(fs, "z");
        f.write_at(b"0123456789", 0).unwrap();
        f.set_len(4).unwrap();
        f.set_len(8).unwrap();
        assert_eq!(contents(&mut *f), b"0123\0\0\0\0", "{}", b.name);
        f.write_at(b"x", 12).unwrap();
        assert_eq!(contents(&mut *f), b"0123\0\0\0\0\0\0\0\0x", "{}", b.name);
        drop(f);
        assert_eq!(raw(fs, "z"), b"0123\0\0\0\0\0\0\0\0x", "{}", b.name);
    }
}

#[test]
fn file_limit_gives_short_writes_then_fbig() {
    let fs = VfsAdapter::new(MemoryFS::new()).with_file_limit(100);
    let mut f = create(&fs, "f");
    assert_eq!(f.write_at(&[1; 20], 90).unwrap(), 10);
    assert_eq!(f.write_at(&[1; 20], 100), Err(Errno::FBIG));
    assert_eq!(f.append(&[1]), Err(Errno::FBIG));
    assert_eq!(f.set_len(101), Err(Errno::FBIG));
    assert_eq!(f.write_at(&[], 1000), Ok(0));
    drop(f);
    write_raw(&fs, "big", &[0; 200]);
    let mut big = open(&fs, "big");
    assert_eq!(big.read_at(&mut [0; 1], 0), Err(Errno::FBIG));
}

#[test]
fn open_follows_the_trait_rules() {
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("d")).unwrap();
        drop(create(fs, "f"));
        let excl = OpenOptions {
            exclusive: true,
            ..CREATE
        };
        let err = |path: &str, o: OpenOptions| fs.open_file(p(path), o).err();
        assert_eq!(err("f", excl), Some(Errno::EXIST), "{}", b.name);
        assert_eq!(err("d", excl), Some(Errno::EXIST), "{}", b.name);
        assert_eq!(err("d", RW), Some(Errno::ISDIR), "{}", b.name);
        assert_eq!(err("", RW), Some(Errno::ISDIR), "{}", b.name);
        assert_eq!(err("missing", RW), Some(Errno::NOENT), "{}", b.name);
        assert_eq!(err("nodir/f", CREATE), Some(Errno::NOENT), "{}", b.name);
        assert_eq!(err("f/x", CREATE), Some(Errno::NOTDIR), "{}", b.name);
        assert_eq!(err("d/new", excl), None, "{}", b.name);
        assert_eq!(fs.stat(p("f/x")).err(), Some(Errno::NOTDIR), "{}", b.name);
        assert_eq!(fs.stat(p("x/y/z")).err(), Some(Errno::NOENT), "{}", b.name);
    }
}

#[test]
fn directories_create_and_remove() {
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("d")).unwrap();
        assert_eq!(fs.create_dir(p("d")), Err(Errno::EXIST), "{}", b.name);
        assert_eq!(fs.create_dir(p("")), Err(Errno::EXIST), "{}", b.name);
        assert_eq!(fs.create_dir(p("no/d")), Err(Errno::NOENT), "{}", b.name);
        drop(create(fs, "d/f"));
        assert_eq!(fs.create_dir(p("d/f")), Err(Errno::EXIST), "{}", b.name);
        assert_eq!(fs.create_dir(p("d/f/x")), Err(Errno::NOTDIR), "{}", b.name);
        assert_eq!(fs.remove_dir(p("d")), Err(Errno::NOTEMPTY), "{}", b.name);
        assert_eq!(fs.remove_dir(p("d/f")), Err(Errno::NOTDIR), "{}", b.name);
        assert_eq!(fs.remove_dir(p("gone")), Err(Errno::NOENT), "{}", b.name);
        assert_eq!(fs.remove_dir(p("")), Err(Errno::BUSY), "{}", b.name);
        fs.unlink(p("d/f")).unwrap();
        fs.remove_dir(p("d")).unwrap();
        assert_eq!(fs.stat(p("d")).err(), Some(Errno::NOENT), "{}", b.name);
    }
}

#[test]
fn unlink_rules_and_open_files_outlive_it() {
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("d")).unwrap();
        assert_eq!(fs.unlink(p("d")), Err(Errno::ISDIR), "{}", b.name);
        assert_eq!(fs.unlink(p("")), Err(Errno::ISDIR), "{}", b.name);
        assert_eq!(fs.unlink(p("nope")), Err(Errno::NOENT), "{}", b.name);
        write_raw(fs, "f", b"kept");
        let mut f = open(fs, "f");
        fs.unlink(p("f")).unwrap();
        assert_eq!(fs.stat(p("f")).err(), Some(Errno::NOENT), "{}", b.name);
        // Still readable and writable, never written back.
        assert_eq!(contents(&mut *f), b"kept", "{}", b.name);
        f.write_at(b"K", 0).unwrap();
        assert_eq!(f.stat().unwrap().nlink, 0, "{}", b.name);
        f.sync().unwrap();
        drop(f);
        assert_eq!(fs.stat(p("f")).err(), Some(Errno::NOENT), "{}", b.name);
        // A new file of that name is a new buffer.
        let mut g = create(fs, "f");
        assert_eq!(contents(&mut *g), b"", "{}", b.name);
    }
}

#[test]
fn rename_files_with_the_replace_rules() {
    for b in backends() {
        let fs = &b.fs;
        write_raw(fs, "a", b"A");
        write_raw(fs, "b", b"B");
        fs.create_dir(p("d")).unwrap();
        fs.create_dir(p("full")).unwrap();
        write_raw(fs, "full/x", b"x");
        assert_eq!(fs.rename(p("a"), p("d")), Err(Errno::ISDIR), "{}", b.name);
        assert_eq!(fs.rename(p("d"), p("a")), Err(Errno::NOTDIR), "{}", b.name);
        assert_eq!(
            fs.rename(p("d"), p("full")),
            Err(Errno::NOTEMPTY),
            "{}",
            b.name
        );
        assert_eq!(fs.rename(p("no"), p("z")), Err(Errno::NOENT), "{}", b.name);
        assert_eq!(
            fs.rename(p("a"), p("no/z")),
            Err(Errno::NOENT),
            "{}",
            b.name
        );
        assert_eq!(
            fs.rename(p("a"), p("b/z")),
            Err(Errno::NOTDIR),
            "{}",
            b.name
        );
        assert_eq!(fs.rename(p("a"), p("a")), Ok(()), "{}", b.name);
        // Over an existing file: replaced; an open descriptor of the old one detaches.
        let mut old_b = open(fs, "b");
        fs.rename(p("a"), p("b")).unwrap();
        assert_eq!(fs.stat(p("a")).err(), Some(Errno::NOENT), "{}", b.name);
        assert_eq!(raw(fs, "b"), b"A", "{}", b.name);
        assert_eq!(contents(&mut *old_b), b"B", "{}", b.name);
        old_b.write_at(b"b", 0).unwrap();
        drop(old_b);
        assert_eq!(raw(fs, "b"), b"A", "{}", b.name);
        // An open, dirty file moves with its name and writes back there.
        let mut f = open(fs, "b");
        f.write_at(b"moved", 0).unwrap();
        fs.rename(p("b"), p("d/c")).unwrap();
        assert_eq!(raw(fs, "d/c"), b"moved", "{}", b.name);
        f.write_at(b"M", 0).unwrap();
        drop(f);
        assert_eq!(raw(fs, "d/c"), b"Moved", "{}", b.name);
        assert_eq!(fs.stat(p("b")).err(), Some(Errno::NOENT), "{}", b.name);
    }
}

#[test]
fn rename_directories_with_the_replace_rules() {
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("src")).unwrap();
        fs.create_dir(p("src/sub")).unwrap();
        write_raw(fs, "src/sub/f", b"deep");
        write_raw(fs, "src/g", b"top");
        fs.create_dir(p("empty")).unwrap();
        assert_eq!(
            fs.rename(p("src"), p("src/sub/in")),
            Err(Errno::INVAL),
            "{}",
            b.name
        );
        assert_eq!(fs.rename(p("src"), p("src")), Ok(()), "{}", b.name);
        assert_eq!(fs.rename(p(""), p("x")), Err(Errno::BUSY), "{}", b.name);
        let mut open_inside = open(fs, "src/sub/f");
        open_inside.write_at(b"D", 0).unwrap();
        // Over an empty directory: replaced.
        fs.rename(p("src"), p("empty")).unwrap();
        assert_eq!(fs.stat(p("src")).err(), Some(Errno::NOENT), "{}", b.name);
        assert_eq!(names(fs, "empty"), ["g", "sub"], "{}", b.name);
        assert_eq!(raw(fs, "empty/sub/f"), b"Deep", "{}", b.name);
        assert_eq!(raw(fs, "empty/g"), b"top", "{}", b.name);
        open_inside.write_at(b"!", 4).unwrap();
        drop(open_inside);
        assert_eq!(raw(fs, "empty/sub/f"), b"Deep!", "{}", b.name);
        // To a new name.
        fs.rename(p("empty"), p("new")).unwrap();
        assert_eq!(names(fs, "new/sub"), ["f"], "{}", b.name);
    }
}

#[test]
fn read_dir_is_sorted_with_types_and_inodes() {
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("d")).unwrap();
        for name in ["b", "a", "c", "B", "aa"] {
            drop(create(fs, &format!("d/{name}")));
        }
        fs.create_dir(p("d/sub")).unwrap();
        let entries = fs.read_dir(p("d")).unwrap();
        let got: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(got, ["B", "a", "aa", "b", "c", "sub"], "{}", b.name);
        for e in &entries {
            let st = fs.stat(p(&format!("d/{}", e.name))).unwrap();
            assert_eq!((e.filetype, e.ino), (st.filetype, st.ino), "{}", b.name);
        }
        let sub = entries.iter().find(|e| e.name == "sub").unwrap();
        assert_eq!(sub.filetype, Filetype::DIRECTORY, "{}", b.name);
        assert_eq!(
            fs.read_dir(p("d/a")).err(),
            Some(Errno::NOTDIR),
            "{}",
            b.name
        );
        assert_eq!(
            fs.read_dir(p("nope")).err(),
            Some(Errno::NOENT),
            "{}",
            b.name
        );
        assert!(names(fs, "").contains(&String::from("d")), "{}", b.name);
    }
}

#[test]
fn inodes_are_path_hashes() {
    for b in backends() {
        let fs = &b.fs;
        drop(create(fs, "x"));
        drop(create(fs, "y"));
        let x = fs.stat(p("x")).unwrap().ino;
        assert_eq!(x, fs.stat(p("x")).unwrap().ino, "{}", b.name);
        assert_eq!(x, ino_of("x"), "{}", b.name);
        assert_ne!(x, fs.stat(p("y")).unwrap().ino, "{}", b.name);
        assert_eq!(open(fs, "x").stat().unwrap().ino, x, "{}", b.name);
        fs.rename(p("x"), p("z")).unwrap();
        assert_eq!(fs.stat(p("z")).unwrap().ino, ino_of("z"), "{}", b.name);
    }
    assert_eq!(ino_of(""), 0xcbf2_9ce4_8422_2325);
}

#[test]
fn no_links_and_nothing_is_a_symlink() {
    for b in backends() {
        let fs = &b.fs;
        drop(create(fs, "f"));
        assert_eq!(fs.symlink("f", p("l")), Err(Errno::NOTSUP), "{}", b.name);
        assert_eq!(fs.link(p("f"), p("h")), Err(Errno::NOTSUP), "{}", b.name);
        assert_eq!(fs.readlink(p("f")), Err(Errno::INVAL), "{}", b.name);
        assert_eq!(fs.readlink(p("none")), Err(Errno::NOENT), "{}", b.name);
    }
}

#[test]
fn set_times_reaches_the_backend() {
    const T: u64 = 1_600_000_000_000_000_000;
    for b in backends() {
        let fs = &b.fs;
        let mut f = create(fs, "t");
        f.write_at(b"dirty", 0).unwrap();
        fs.set_times(p("t"), SetTime::At(T), SetTime::At(T + 5_000))
            .unwrap();
        let st = fs.stat(p("t")).unwrap();
        assert_eq!((st.atim, st.mtim), (T, T + 5_000), "{}", b.name);
        // The pending write went out first, so dropping does not touch mtim again.
        drop(f);
        assert_eq!(raw(fs, "t"), b"dirty", "{}", b.name);
        assert_eq!(fs.stat(p("t")).unwrap().mtim, T + 5_000, "{}", b.name);
        let mut f = open(fs, "t");
        f.set_times(SetTime::Keep, SetTime::At(T)).unwrap();
        assert_eq!(f.stat().unwrap().mtim, T, "{}", b.name);
        assert_eq!(
            fs.set_times(p("none"), SetTime::Keep, SetTime::Keep),
            Err(Errno::NOENT),
            "{}",
            b.name
        );
    }
}

/// A `MemoryFS` with quirks of other backends: `read_only` (as `EmbeddedFS`: every
/// mutation is `NotSupported`), or else a native `move_file` that refuses to replace.
#[derive(Debug)]
struct Quirky {
    mem: MemoryFS,
    read_only: bool,
}

impl Quirky {
    fn check(&self) -> VfsResult<()> {
        if self.read_only {
            Err(VfsErrorKind::NotSupported.into())
        } else {
            Ok(())
        }
    }
}

impl FileSystem for Quirky {
    fn read_dir(&self, path: &str) -> VfsResult<Box<dyn Iterator<Item = String> + Send>> {
        self.mem.read_dir(path)
    }
    fn create_dir(&self, path: &str) -> VfsResult<()> {
        self.check()?;
        self.mem.create_dir(path)
    }
    fn open_file(&self, path: &str) -> VfsResult<Box<dyn SeekAndRead + Send>> {
        self.mem.open_file(path)
    }
    fn create_file(&self, path: &str) -> VfsResult<Box<dyn SeekAndWrite + Send>> {
        self.check()?;
        self.mem.create_file(path)
    }
    fn append_file(&self, path: &str) -> VfsResult<Box<dyn SeekAndWrite + Send>> {
        self.check()?;
        self.mem.append_file(path)
    }
    fn metadata(&self, path: &str) -> VfsResult<VfsMetadata> {
        self.mem.metadata(path)
    }
    fn exists(&self, path: &str) -> VfsResult<bool> {
        self.mem.exists(path)
    }
    fn remove_file(&self, path: &str) -> VfsResult<()> {
        self.check()?;
        self.mem.remove_file(path)
    }
    fn remove_dir(&self, path: &str) -> VfsResult<()> {
        self.check()?;
        self.mem.remove_dir(path)
    }
    fn move_file(&self, src: &str, dest: &str) -> VfsResult<()> {
        self.check()?;
        if self.mem.exists(dest)? {
            return Err(VfsErrorKind::FileExists.into());
        }
        let mut bytes = Vec::new();
        self.mem.open_file(src)?.read_to_end(&mut bytes)?;
        self.mem.create_file(dest)?.write_all(&bytes)?;
        self.mem.remove_file(src)
    }
}

#[test]
fn a_native_move_that_refuses_to_replace_gets_the_target_removed_first() {
    let fs = VfsAdapter::new(Quirky {
        mem: MemoryFS::new(),
        read_only: false,
    });
    write_raw(&fs, "a", b"A");
    write_raw(&fs, "b", b"B");
    fs.rename(p("a"), p("b")).unwrap();
    assert_eq!(raw(&fs, "b"), b"A");
    assert_eq!(fs.stat(p("a")).err(), Some(Errno::NOENT));
    fs.rename(p("b"), p("c")).unwrap();
    assert_eq!(names(&fs, ""), ["c"]);
}

#[test]
fn a_read_only_backend_is_rofs() {
    let mem = MemoryFS::new();
    mem.create_dir("/d").unwrap();
    mem.create_file("/f").unwrap().write_all(b"ro").unwrap();
    let fs = VfsAdapter::new(Quirky {
        mem,
        read_only: true,
    });
    let read_only = OpenOptions {
        read: true,
        ..OpenOptions::default()
    };
    let mut f = fs.open_file(p("f"), read_only).unwrap();
    assert_eq!(contents(&mut *f), b"ro");
    assert_eq!(fs.open_file(p("f"), RW).err(), Some(Errno::ROFS));
    assert_eq!(fs.open_file(p("new"), CREATE).err(), Some(Errno::ROFS));
    assert_eq!(fs.create_dir(p("e")), Err(Errno::ROFS));
    assert_eq!(fs.remove_dir(p("d")), Err(Errno::ROFS));
    assert_eq!(fs.unlink(p("f")), Err(Errno::ROFS));
    assert_eq!(fs.rename(p("f"), p("g")), Err(Errno::ROFS));
    assert_eq!(
        fs.set_times(p("f"), SetTime::At(1), SetTime::Keep),
        Err(Errno::NOTSUP)
    );
    // A write that only a write-back would notice is reported by `sync`.
    f.write_at(b"x", 0).unwrap();
    assert_eq!(f.sync(), Err(Errno::ROFS));
    assert_eq!(fs.sync_all(), Err(Errno::ROFS));
}

#[test]
fn overlay_reads_lower_and_writes_upper() {
    let upper: VfsPath = MemoryFS::new().into();
    let lower: VfsPath = MemoryFS::new().into();
    lower.join("low").unwrap().create_dir().unwrap();
    lower
        .join("low/f")
        .unwrap()
        .create_file()
        .unwrap()
        .write_all(b"lower")
        .unwrap();
    let fs = VfsAdapter::new(OverlayFS::new(&[upper.clone(), lower.clone()]));
    let mut f = open(&fs, "low/f");
    assert_eq!(contents(&mut *f), b"lower");
    f.write_at(b"L", 0).unwrap();
    drop(f);
    assert_eq!(raw(&fs, "low/f"), b"Lower");
    assert_eq!(
        upper.join("low/f").unwrap().read_to_string().unwrap(),
        "Lower"
    );
    assert_eq!(
        lower.join("low/f").unwrap().read_to_string().unwrap(),
        "lower"
    );
    fs.unlink(p("low/f")).unwrap();
    assert_eq!(fs.stat(p("low/f")).err(), Some(Errno::NOENT));
    assert!(names(&fs, "low").is_empty());
}

#[test]
fn from_path_serves_a_subdirectory() {
    let root: VfsPath = MemoryFS::new().into();
    let sub = root.join("guest").unwrap();
    sub.create_dir().unwrap();
    let fs = VfsAdapter::from_path(sub);
    let mut f = create(&fs, "f");
    f.write_at(b"inside", 0).unwrap();
    drop(f);
    assert_eq!(
        root.join("guest/f").unwrap().read_to_string().unwrap(),
        "inside"
    );
    assert_eq!(names(&fs, ""), ["f"]);
}

/// The bytes `guest-fixtures/c/seek_overwrite.wasm` leaves in `out/reel.bin`
/// (as `tests/all/seek_overwrite.rs::expected`).
fn reel_expected() -> Vec<u8> {
    const MIB8: usize = 8 << 20;
    let mut v: Vec<u8> = (0..MIB8).map(|k| u8::try_from(k % 251).unwrap()).collect();
    for (i, byte) in v.iter_mut().take(32).enumerate() {
        *byte = 0xA0 + u8::try_from(i).unwrap();
    }
    v.extend(core::iter::repeat_n(0xEE, 1024));
    let tail = v.get(v.len() - 4096..).unwrap().to_vec();
    v.get_mut(32..32 + 4096).unwrap().copy_from_slice(&tail);
    v
}

#[test]
fn c_guest_seek_overwrite_is_byte_exact_on_every_backend() {
    let wasm = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/guest-fixtures/c/seek_overwrite.wasm"
    ))
    .unwrap();
    let want = reel_expected();
    // The plain form, as an embedder writes it.
    let out = crate::Host::new()
        .run_with(&wasm, VfsAdapter::new(MemoryFS::new()))
        .unwrap();
    assert_ne!(
        out.exit_code, 0,
        "no `out` directory: the guest's fopen fails"
    );
    for b in backends() {
        let fs = &b.fs;
        fs.create_dir(p("out")).unwrap();
        let out = crate::Host::new().run_with(&wasm, fs.clone()).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.exit_code, 0, "{}: stderr: {stderr}", b.name);
        assert_eq!(out.stdout, b"ok\n", "{}", b.name);
        fs.sync_all().unwrap();
        assert!(fs.fs.open.borrow().is_empty(), "{}: all closed", b.name);
        assert!(raw(fs, "out/reel.bin") == want, "{}: bytes differ", b.name);
    }
}
