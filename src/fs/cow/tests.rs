//! Tests of the parent module.
extern crate std;

use super::*;
use alloc::string::ToString;
use core::cell::Cell;

fn p(s: &str) -> VPath<'_> {
    VPath::new(s).unwrap()
}

fn rw() -> OpenOptions {
    read_write()
}

fn create() -> OpenOptions {
    OpenOptions {
        create: true,
        ..read_write()
    }
}

fn truncate() -> OpenOptions {
    OpenOptions {
        truncate: true,
        ..read_write()
    }
}

/// The base every test starts from.
fn base() -> MemFs {
    let fs = MemFs::new();
    fs.write_file("a/f.txt", b"base-f").unwrap();
    fs.write_file("a/sub/deep.txt", b"deep").unwrap();
    fs.create_symlink("f.txt", "a/link").unwrap();
    fs.write_file("b.txt", b"0123456789").unwrap();
    fs.create_dir_all("empty").unwrap();
    fs.create_symlink("a", "top").unwrap();
    fs
}

fn read_all(fs: &dyn Fs, path: &str) -> Result<Vec<u8>, Errno> {
    let mut f = fs.open_file(p(path), read_only())?;
    read_file_to_end(&mut *f)
}

fn read_file_to_end(f: &mut dyn File) -> Result<Vec<u8>, Errno> {
    let mut out = Vec::new();
    let mut buf = [0u8; 7];
    loop {
        let n = f.read_at(&mut buf, out.len() as u64)?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(buf.get(..n).unwrap());
    }
}

fn names(fs: &dyn Fs, path: &str) -> Vec<String> {
    fs.read_dir(p(path))
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Link(String),
    Other(Filetype),
}

/// The whole tree of `fs` through the `Fs` interface: every path with its contents.
fn snapshot(fs: &dyn Fs) -> BTreeMap<String, Node> {
    let mut out = BTreeMap::new();
    let mut work = vec![VPathBuf::root()];
    while let Some(dir) = work.pop() {
        for e in fs.read_dir(dir.as_path()).unwrap() {
            let child = join(dir.as_path(), &e.name);
            let node = match e.filetype {
                Filetype::DIRECTORY => {
                    work.push(child.clone());
                    Node::Dir
                }
                Filetype::REGULAR_FILE => {
                    Node::File(read_all(fs, child.as_path().as_str()).unwrap())
                }
                Filetype::SYMBOLIC_LINK => Node::Link(fs.readlink(child.as_path()).unwrap()),
                other => Node::Other(other),
            };
            assert_eq!(fs.stat(child.as_path()).unwrap().filetype, e.filetype);
            out.insert(child.as_path().as_str().to_string(), node);
        }
    }
    out
}

#[test]
fn reads_see_the_base() {
    let base = base();
    let fs = CopyOnWrite::new(base.clone());
    assert_eq!(read_all(&fs, "b.txt").unwrap(), b"0123456789");
    assert_eq!(read_all(&fs, "a/sub/deep.txt").unwrap(), b"deep");
    assert_eq!(names(&fs, ""), ["a", "b.txt", "empty", "top"]);
    assert_eq!(names(&fs, "a"), ["f.txt", "link", "sub"]);
    assert_eq!(fs.stat(p("a")).unwrap(), base.stat(p("a")).unwrap());
    assert_eq!(fs.stat(p("b.txt")).unwrap(), base.stat(p("b.txt")).unwrap());
    assert_eq!(fs.stat(p("nope")), Err(Errno::NOENT));
    assert_eq!(fs.stat(p("b.txt/x")), Err(Errno::NOTDIR));
    assert_eq!(fs.read_dir(p("b.txt")), Err(Errno::NOTDIR));
    assert_eq!(fs.open_file(p("a"), read_only()).err(), Some(Errno::ISDIR));
    assert_eq!(fs.open_file(p("top"), read_only()).err(), Some(Errno::LOOP));
    assert_eq!(fs.open_file(p(""), read_only()).err(), Some(Errno::ISDIR));
    // Reading copies nothing.
    assert!(snapshot(fs.upper()).is_empty());
}

#[test]
fn symlinks_in_the_base_are_readable_and_listed() {
    let fs = CopyOnWrite::new(base());
    assert_eq!(fs.readlink(p("top")).unwrap(), "a");
    assert_eq!(fs.readlink(p("a/link")).unwrap(), "f.txt");
    assert_eq!(fs.readlink(p("a/f.txt")), Err(Errno::INVAL));
    let listing = fs.read_dir(p("")).unwrap();
    let top = listing.iter().find(|e| e.name == "top").unwrap();
    assert_eq!(top.filetype, Filetype::SYMBOLIC_LINK);
    assert_eq!(fs.stat(p("top")).unwrap().filetype, Filetype::SYMBOLIC_LINK);
    assert_eq!(fs.stat(p("top")).unwrap().ino, top.ino);
    // Renaming a symlink copies it up with its target.
    fs.rename(p("top"), p("top2")).unwrap();
    assert_eq!(fs.readlink(p("top2")).unwrap(), "a");
    assert_eq!(fs.readlink(p("top")), Err(Errno::NOENT));
    // Creating one goes to the upper layer.
    fs.symlink("b.txt", p("a/new")).unwrap();
    assert_eq!(fs.readlink(p("a/new")).unwrap(), "b.txt");
    assert_eq!(fs.symlink("x", p("a/new")), Err(Errno::EXIST));
    assert_eq!(fs.symlink("x", p("b.txt")), Err(Errno::EXIST));
    assert_eq!(fs.symlink("x", p("nope/x")), Err(Errno::NOENT));
    assert_eq!(fs.base().stat(p("a/new")), Err(Errno::NOENT));
}

#[test]
fn writes_copy_up_and_leave_the_base_alone() {
    let base = base();
    let before = snapshot(&base);
    let fs = CopyOnWrite::new(base.clone());
    let ino = fs.stat(p("a/sub/deep.txt")).unwrap().ino;
    let mut f = fs.open_file(p("a/sub/deep.txt"), rw()).unwrap();
    assert_eq!(f.write_at(b"DE", 0), Ok(2));
    assert_eq!(f.append(b"er"), Ok((2, 6)));
    assert_eq!(read_all(&fs, "a/sub/deep.txt").unwrap(), b"DEeper");
    assert_eq!(fs.upper().read_file("a/sub/deep.txt").unwrap(), b"DEeper");
    assert_eq!(snapshot(&base), before);
    // Same identity before and after the copy-up, by path and by descriptor.
    assert_eq!(fs.stat(p("a/sub/deep.txt")).unwrap().ino, ino);
    assert_eq!(f.stat().unwrap().ino, ino);
    assert_eq!(f.stat().unwrap().size, 6);
    // The copied-up directories keep the base's times and identity.
    let (b, c) = (base.stat(p("a/sub")).unwrap(), fs.stat(p("a/sub")).unwrap());
    assert_eq!(
        (c.dev, c.ino, c.atim, c.mtim),
        (b.dev, b.ino, b.atim, b.mtim)
    );
    let (b, c) = (base.stat(p("a")).unwrap(), fs.stat(p("a")).unwrap());
    assert_eq!((c.ino, c.mtim), (b.ino, b.mtim));
    // Siblings are still the base's, and listed once.
    assert_eq!(names(&fs, "a"), ["f.txt", "link", "sub"]);
    assert_eq!(names(fs.upper(), "a"), ["sub"]);
}

#[test]
fn truncation_copies_up_an_empty_file() {
    let base = base();
    let fs = CopyOnWrite::new(base.clone());
    let f = fs.open_file(p("b.txt"), truncate()).unwrap();
    assert_eq!(f.stat().unwrap().size, 0);
    assert_eq!(read_all(&fs, "b.txt").unwrap(), b"");
    let mut g = fs.open_file(p("a/f.txt"), rw()).unwrap();
    g.set_len(2).unwrap();
    assert_eq!(read_all(&fs, "a/f.txt").unwrap(), b"ba");
    g.set_len(4).unwrap();
    assert_eq!(read_all(&fs, "a/f.txt").unwrap(), b"ba\0\0");
    assert_eq!(base.read_file("b.txt").unwrap(), b"0123456789");
    assert_eq!(base.read_file("a/f.txt").unwrap(), b"base-f");
}

#[test]
fn seek_back_and_overwrite_on_a_copy_is_byte_exact() {
    let base = MemFs::new();
    // Bigger than one copy chunk, not a multiple of it.
    let original: Vec<u8> = (0..200_003u32).map(|k| (k % 251) as u8).collect();
    base.write_file("big.bin", &original).unwrap();
    let fs = CopyOnWrite::new(base.clone());
    let mut f = fs.open_file(p("big.bin"), rw()).unwrap();
    let mut expected = original.clone();
    f.write_at(&[0xA5; 32], 0).unwrap();
    expected.splice(0..32, [0xA5; 32]);
    f.write_at(&[0xEE; 1000], expected.len() as u64).unwrap();
    expected.extend([0xEE; 1000]);
    f.write_at(&[0x11; 5000], 100_000).unwrap();
    expected.splice(100_000..105_000, [0x11; 5000]);
    f.write_at(b"end", 70_000).unwrap();
    expected.splice(70_000..70_003, *b"end");
    assert_eq!(read_all(&fs, "big.bin").unwrap(), expected);
    assert_eq!(base.read_file("big.bin").unwrap(), original);
}

#[test]
fn unlink_hides_a_base_file() {
    let base = base();
    let before = snapshot(&base);
    let fs = CopyOnWrite::new(base.clone());
    fs.unlink(p("a/f.txt")).unwrap();
    assert_eq!(fs.stat(p("a/f.txt")), Err(Errno::NOENT));
    assert_eq!(
        fs.open_file(p("a/f.txt"), read_only()).err(),
        Some(Errno::NOENT)
    );
    assert_eq!(fs.unlink(p("a/f.txt")), Err(Errno::NOENT));
    assert_eq!(names(&fs, "a"), ["link", "sub"]);
    // The symlink is unlinked, not followed; a directory is refused.
    fs.unlink(p("top")).unwrap();
    assert_eq!(fs.unlink(p("a")), Err(Errno::ISDIR));
    assert_eq!(fs.unlink(p("")), Err(Errno::ISDIR));
    assert_eq!(names(&fs, ""), ["a", "b.txt", "empty"]);
    // A copied-up file is removed from both layers' view.
    fs.open_file(p("b.txt"), rw())
        .unwrap()
        .write_at(b"x", 0)
        .unwrap();
    fs.unlink(p("b.txt")).unwrap();
    assert_eq!(fs.stat(p("b.txt")), Err(Errno::NOENT));
    assert_eq!(fs.upper().stat(p("b.txt")), Err(Errno::NOENT));
    // A new file at a deleted path shows only the new bytes.
    let mut f = fs.open_file(p("a/f.txt"), create()).unwrap();
    f.write_at(b"new", 0).unwrap();
    assert_eq!(read_all(&fs, "a/f.txt").unwrap(), b"new");
    assert_eq!(snapshot(&base), before);
}

#[test]
fn remove_dir_sees_the_merged_directory() {
    let fs = CopyOnWrite::new(base());
    assert_eq!(fs.remove_dir(p("a")), Err(Errno::NOTEMPTY));
    assert_eq!(fs.remove_dir(p("a/sub")), Err(Errno::NOTEMPTY));
    assert_eq!(fs.remove_dir(p("b.txt")), Err(Errno::NOTDIR));
    assert_eq!(fs.remove_dir(p("")), Err(Errno::BUSY));
    fs.remove_dir(p("empty")).unwrap();
    assert_eq!(fs.stat(p("empty")), Err(Errno::NOENT));
    assert_eq!(fs.remove_dir(p("empty")), Err(Errno::NOENT));
    fs.unlink(p("a/sub/deep.txt")).unwrap();
    fs.remove_dir(p("a/sub")).unwrap();
    assert_eq!(names(&fs, "a"), ["f.txt", "link"]);
    // An upper entry in a base directory counts too.
    fs.create_dir(p("empty")).unwrap();
    fs.open_file(p("empty/x"), create()).unwrap();
    assert_eq!(fs.remove_dir(p("empty")), Err(Errno::NOTEMPTY));
    fs.unlink(p("empty/x")).unwrap();
    fs.remove_dir(p("empty")).unwrap();
    assert_eq!(names(&fs, ""), ["a", "b.txt", "top"]);
    assert_eq!(fs.base().read_file("a/sub/deep.txt").unwrap(), b"deep");
}

#[test]
fn a_directory_created_after_a_delete_is_opaque() {
    let fs = CopyOnWrite::new(base());
    fs.unlink(p("a/sub/deep.txt")).unwrap();
    fs.remove_dir(p("a/sub")).unwrap();
    fs.create_dir(p("a/sub")).unwrap();
    assert!(names(&fs, "a/sub").is_empty());
    assert_eq!(fs.stat(p("a/sub/deep.txt")), Err(Errno::NOENT));
    fs.open_file(p("a/sub/new"), create()).unwrap();
    assert_eq!(names(&fs, "a/sub"), ["new"]);
    // A directory over a deleted file.
    fs.unlink(p("b.txt")).unwrap();
    fs.create_dir(p("b.txt")).unwrap();
    assert_eq!(fs.stat(p("b.txt")).unwrap().filetype, Filetype::DIRECTORY);
    assert!(names(&fs, "b.txt").is_empty());
    assert_eq!(fs.create_dir(p("b.txt")), Err(Errno::EXIST));
    assert_eq!(fs.create_dir(p("a")), Err(Errno::EXIST));
    assert_eq!(fs.create_dir(p("")), Err(Errno::EXIST));
    assert_eq!(fs.create_dir(p("nope/x")), Err(Errno::NOENT));
    assert_eq!(fs.create_dir(p("a/f.txt/x")), Err(Errno::NOTDIR));
}

#[test]
fn renaming_a_base_file() {
    let base = base();
    let before = snapshot(&base);
    let fs = CopyOnWrite::new(base.clone());
    let st = fs.stat(p("b.txt")).unwrap();
    fs.rename(p("b.txt"), p("a/sub/moved")).unwrap();
    assert_eq!(read_all(&fs, "a/sub/moved").unwrap(), b"0123456789");
    assert_eq!(fs.stat(p("b.txt")), Err(Errno::NOENT));
    assert_eq!(fs.stat(p("a/sub/moved")).unwrap().ino, st.ino);
    assert_eq!(names(&fs, "a/sub"), ["deep.txt", "moved"]);
    assert_eq!(names(&fs, ""), ["a", "empty", "top"]);
    // Over an existing base file: it is replaced.
    fs.rename(p("a/f.txt"), p("a/sub/deep.txt")).unwrap();
    assert_eq!(read_all(&fs, "a/sub/deep.txt").unwrap(), b"base-f");
    assert_eq!(names(&fs, "a/sub"), ["deep.txt", "moved"]);
    // Back to its old name, which was hidden.
    fs.rename(p("a/sub/moved"), p("b.txt")).unwrap();
    assert_eq!(read_all(&fs, "b.txt").unwrap(), b"0123456789");
    assert_eq!(snapshot(&base), before);
}

#[test]
fn renaming_a_base_directory_moves_its_subtree() {
    let base = base();
    let before = snapshot(&base);
    let fs = CopyOnWrite::new(base.clone());
    let ino = fs.stat(p("a/f.txt")).unwrap().ino;
    fs.open_file(p("a/new"), create())
        .unwrap()
        .write_at(b"n", 0)
        .unwrap();
    fs.unlink(p("a/link")).unwrap();
    fs.rename(p("a"), p("z")).unwrap();
    assert_eq!(fs.stat(p("a")), Err(Errno::NOENT));
    assert_eq!(fs.stat(p("a/f.txt")), Err(Errno::NOENT));
    assert_eq!(names(&fs, ""), ["b.txt", "empty", "top", "z"]);
    assert_eq!(names(&fs, "z"), ["f.txt", "new", "sub"]);
    assert_eq!(read_all(&fs, "z/f.txt").unwrap(), b"base-f");
    assert_eq!(read_all(&fs, "z/new").unwrap(), b"n");
    assert_eq!(read_all(&fs, "z/sub/deep.txt").unwrap(), b"deep");
    assert_eq!(fs.stat(p("z/f.txt")).unwrap().ino, ino);
    // The old name is free, and a directory made there is empty.
    fs.create_dir(p("a")).unwrap();
    assert!(names(&fs, "a").is_empty());
    // Into an empty base directory, which is replaced.
    fs.rename(p("z/sub"), p("empty")).unwrap();
    assert_eq!(names(&fs, "empty"), ["deep.txt"]);
    assert_eq!(names(&fs, "z"), ["f.txt", "new"]);
    assert_eq!(snapshot(&base), before);
}

#[test]
fn rename_replaces_as_posix_says() {
    let fs = CopyOnWrite::new(base());
    assert_eq!(fs.rename(p("a"), p("a/sub/x")), Err(Errno::INVAL));
    assert_eq!(fs.rename(p("a"), p("a/sub")), Err(Errno::NOTEMPTY));
    assert_eq!(fs.rename(p("b.txt"), p("empty")), Err(Errno::ISDIR));
    assert_eq!(fs.rename(p("empty"), p("b.txt")), Err(Errno::NOTDIR));
    assert_eq!(fs.rename(p("empty"), p("a")), Err(Errno::NOTEMPTY));
    assert_eq!(fs.rename(p("nope"), p("x")), Err(Errno::NOENT));
    assert_eq!(fs.rename(p("b.txt"), p("nope/x")), Err(Errno::NOENT));
    assert_eq!(fs.rename(p("b.txt"), p("a/f.txt/x")), Err(Errno::NOTDIR));
    assert_eq!(fs.rename(p(""), p("x")), Err(Errno::BUSY));
    assert_eq!(fs.rename(p("a"), p("a")), Ok(()));
    assert_eq!(fs.rename(p("b.txt"), p("b.txt")), Ok(()));
    assert!(
        snapshot(fs.upper()).is_empty(),
        "failed renames copy nothing"
    );
    // A base directory that is empty in the merged view can be replaced, and the
    // entries its base part still has stay hidden.
    fs.unlink(p("a/sub/deep.txt")).unwrap();
    fs.rename(p("empty"), p("a/sub")).unwrap();
    assert!(names(&fs, "a/sub").is_empty());
    assert_eq!(fs.stat(p("a/sub/deep.txt")), Err(Errno::NOENT));
    assert_eq!(fs.stat(p("empty")), Err(Errno::NOENT));
    // A symlink over a file.
    fs.rename(p("top"), p("b.txt")).unwrap();
    assert_eq!(fs.readlink(p("b.txt")).unwrap(), "a");
}

#[test]
fn read_dir_merges_in_name_order() {
    let base = base();
    let fs = CopyOnWrite::new(base.clone());
    fs.open_file(p("a/zz"), create()).unwrap();
    fs.open_file(p("a/0new"), create()).unwrap();
    fs.create_dir(p("a/m")).unwrap();
    fs.open_file(p("a/f.txt"), rw())
        .unwrap()
        .write_at(b"!", 0)
        .unwrap();
    let listing = fs.read_dir(p("a")).unwrap();
    let got: Vec<_> = listing
        .iter()
        .map(|e| (e.name.as_str(), e.filetype))
        .collect();
    assert_eq!(
        got,
        [
            ("0new", Filetype::REGULAR_FILE),
            ("f.txt", Filetype::REGULAR_FILE),
            ("link", Filetype::SYMBOLIC_LINK),
            ("m", Filetype::DIRECTORY),
            ("sub", Filetype::DIRECTORY),
            ("zz", Filetype::REGULAR_FILE),
        ]
    );
    for e in &listing {
        let st = fs.stat(join(p("a"), &e.name).as_path()).unwrap();
        assert_eq!(st.ino, e.ino, "{}", e.name);
    }
    let base_f = base.stat(p("a/f.txt")).unwrap().ino;
    assert!(listing.iter().any(|e| e.name == "f.txt" && e.ino == base_f));
    let zz = listing.iter().find(|e| e.name == "zz").unwrap();
    assert_ne!(zz.ino & UPPER_INO_BIT, 0);
}

#[test]
fn the_root_keeps_the_base_identity() {
    let base = base();
    let fs = CopyOnWrite::new(base.clone());
    fs.open_file(p("new"), create()).unwrap();
    let (b, c) = (
        base.stat(VPath::ROOT).unwrap(),
        fs.stat(VPath::ROOT).unwrap(),
    );
    assert_eq!((c.dev, c.ino), (b.dev, b.ino));
}

#[test]
fn a_reader_follows_the_copy_up() {
    let base = base();
    let fs = CopyOnWrite::new(base.clone());
    let mut reader = fs.open_file(p("b.txt"), read_only()).unwrap();
    let ino = reader.stat().unwrap().ino;
    let mut writer = fs.open_file(p("b.txt"), rw()).unwrap();
    writer.write_at(b"AB", 0).unwrap();
    assert_eq!(read_file_to_end(&mut *reader).unwrap(), b"AB23456789");
    assert_eq!(reader.stat().unwrap().ino, ino);
    // After a rename too: it is the same file.
    fs.rename(p("b.txt"), p("c.txt")).unwrap();
    writer.write_at(b"C", 2).unwrap();
    assert_eq!(read_file_to_end(&mut *reader).unwrap(), b"ABC3456789");
    // A reader on a deleted base file keeps its bytes, but cannot change them.
    let mut old = fs.open_file(p("a/f.txt"), read_only()).unwrap();
    fs.unlink(p("a/f.txt")).unwrap();
    assert_eq!(read_file_to_end(&mut *old).unwrap(), b"base-f");
    assert_eq!(
        old.set_times(SetTime::At(5), SetTime::Keep),
        Err(Errno::ROFS)
    );
    // Changing the times through a read-only descriptor copies the file up.
    let mut deep = fs.open_file(p("a/sub/deep.txt"), read_only()).unwrap();
    deep.set_times(SetTime::At(5), SetTime::At(7)).unwrap();
    let st = fs.stat(p("a/sub/deep.txt")).unwrap();
    assert_eq!((st.atim, st.mtim), (5, 7));
    assert_eq!(deep.stat().unwrap().mtim, 7);
    assert_eq!(fs.upper().read_file("a/sub/deep.txt").unwrap(), b"deep");
    assert_ne!(base.stat(p("a/sub/deep.txt")).unwrap().mtim, 7);
    assert_eq!(base.read_file("b.txt").unwrap(), b"0123456789");
}

#[test]
fn closed_readers_are_forgotten() {
    let fs = CopyOnWrite::new(base());
    let a = fs.open_file(p("b.txt"), read_only()).unwrap();
    let b = fs.open_file(p("b.txt"), read_only()).unwrap();
    let c = fs.open_file(p("a/f.txt"), read_only()).unwrap();
    assert_eq!(fs.core.state.borrow().readers.len(), 2);
    drop((a, c));
    assert_eq!(fs.core.state.borrow().readers.len(), 1);
    drop(b);
    assert!(fs.core.state.borrow().readers.is_empty());
}

#[test]
fn links_and_times_copy_up() {
    let base = base();
    let before = snapshot(&base);
    let fs = CopyOnWrite::new(base.clone());
    fs.link(p("b.txt"), p("a/sub/b2")).unwrap();
    assert_eq!(fs.link(p("b.txt"), p("a/f.txt")), Err(Errno::EXIST));
    assert_eq!(fs.link(p("a"), p("a2")), Err(Errno::PERM));
    fs.open_file(p("a/sub/b2"), rw())
        .unwrap()
        .write_at(b"L", 0)
        .unwrap();
    assert_eq!(read_all(&fs, "b.txt").unwrap(), b"L123456789");
    assert_eq!(fs.stat(p("b.txt")).unwrap().nlink, 2);
    assert_eq!(
        fs.stat(p("b.txt")).unwrap().ino,
        fs.stat(p("a/sub/b2")).unwrap().ino
    );
    // Times on a base directory: copied up, still merged.
    fs.set_times(p("empty"), SetTime::At(1), SetTime::At(2))
        .unwrap();
    assert_eq!(fs.stat(p("empty")).unwrap().mtim, 2);
    fs.set_times(p("a"), SetTime::Keep, SetTime::At(3)).unwrap();
    assert_eq!(names(&fs, "a"), ["f.txt", "link", "sub"]);
    fs.set_times(p("top"), SetTime::At(4), SetTime::Keep)
        .unwrap();
    assert_eq!(fs.stat(p("top")).unwrap().atim, 4);
    assert_eq!(fs.readlink(p("top")).unwrap(), "a");
    assert_eq!(
        fs.set_times(p("nope"), SetTime::Keep, SetTime::Keep),
        Err(Errno::NOENT)
    );
    assert_eq!(snapshot(&base), before);
}

#[test]
fn hard_links_in_a_renamed_subtree_stay_linked() {
    let base = base();
    base.link(p("a/f.txt"), p("a/sub/f2")).unwrap();
    let fs = CopyOnWrite::new(base.clone());
    fs.rename(p("a"), p("z")).unwrap();
    fs.open_file(p("z/f.txt"), rw())
        .unwrap()
        .write_at(b"B", 0)
        .unwrap();
    assert_eq!(read_all(&fs, "z/sub/f2").unwrap(), b"Base-f");
    assert_eq!(base.read_file("a/sub/f2").unwrap(), b"base-f");
}

#[test]
fn the_upper_size_limit_applies_to_copies() {
    let base = MemFs::new();
    base.write_file("big", &[7; 5000]).unwrap();
    let fs = CopyOnWrite::with_upper(base, MemFs::with_limit(1000));
    assert_eq!(fs.open_file(p("big"), rw()).err(), Some(Errno::NOSPC));
    // The failed copy does not shadow the base file.
    assert_eq!(read_all(&fs, "big").unwrap(), [7; 5000]);
    assert_eq!(fs.upper().stat(p("big")), Err(Errno::NOENT));
    // Truncating needs no copy of the bytes.
    let mut f = fs.open_file(p("big"), truncate()).unwrap();
    f.write_at(b"small", 0).unwrap();
    assert_eq!(read_all(&fs, "big").unwrap(), b"small");
}

/// A base that counts every call that could change it.
struct Probe {
    inner: MemFs,
    changes: Rc<Cell<u32>>,
}

struct ProbeFile {
    inner: Box<dyn File>,
    changes: Rc<Cell<u32>>,
}

impl Probe {
    fn change(&self) -> Result<(), Errno> {
        self.changes.set(self.changes.get() + 1);
        Err(Errno::ROFS)
    }
}

impl Fs for Probe {
    fn stat(&self, path: VPath<'_>) -> Result<Filestat, Errno> {
        self.inner.stat(path)
    }
    fn open_file(&self, path: VPath<'_>, o: OpenOptions) -> Result<Box<dyn File>, Errno> {
        if o.write || o.create || o.truncate || o.exclusive {
            self.change()?;
        }
        Ok(Box::new(ProbeFile {
            inner: self.inner.open_file(path, o)?,
            changes: Rc::clone(&self.changes),
        }))
    }
    fn read_dir(&self, path: VPath<'_>) -> Result<Vec<DirEntry>, Errno> {
        self.inner.read_dir(path)
    }
    fn create_dir(&self, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn remove_dir(&self, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn unlink(&self, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn rename(&self, _: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn link(&self, _: VPath<'_>, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn symlink(&self, _: &str, _: VPath<'_>) -> Result<(), Errno> {
        self.change()
    }
    fn readlink(&self, path: VPath<'_>) -> Result<String, Errno> {
        self.inner.readlink(path)
    }
    fn set_times(&self, _: VPath<'_>, _: SetTime, _: SetTime) -> Result<(), Errno> {
        self.change()
    }
}

impl File for ProbeFile {
    fn stat(&self) -> Result<Filestat, Errno> {
        self.inner.stat()
    }
    fn read_at(&mut self, buf: &mut [u8], offset: u64) -> Result<usize, Errno> {
        self.inner.read_at(buf, offset)
    }
    fn write_at(&mut self, _: &[u8], _: u64) -> Result<usize, Errno> {
        self.changes.set(self.changes.get() + 1);
        Err(Errno::ROFS)
    }
    fn set_len(&mut self, _: u64) -> Result<(), Errno> {
        self.changes.set(self.changes.get() + 1);
        Err(Errno::ROFS)
    }
    fn set_times(&mut self, _: SetTime, _: SetTime) -> Result<(), Errno> {
        self.changes.set(self.changes.get() + 1);
        Err(Errno::ROFS)
    }
}

#[test]
fn the_base_is_only_ever_read() {
    let changes = Rc::new(Cell::new(0));
    let probe = Probe {
        inner: base(),
        changes: Rc::clone(&changes),
    };
    // Also checks that an `Rc<dyn Fs>` base works.
    let shared: Rc<dyn Fs> = Rc::new(probe);
    let fs = CopyOnWrite::new(shared);
    let mut reader = fs
        .open_file(
            p("b.txt"),
            OpenOptions {
                create: true,
                ..read_only()
            },
        )
        .unwrap();
    fs.open_file(p("b.txt"), rw())
        .unwrap()
        .write_at(b"w", 0)
        .unwrap();
    reader.set_len(3).unwrap();
    fs.open_file(p("a/f.txt"), truncate()).unwrap();
    fs.open_file(p("a/new"), create()).unwrap();
    fs.set_times(p("a/sub/deep.txt"), SetTime::At(1), SetTime::At(1))
        .unwrap();
    fs.set_times(p("empty"), SetTime::At(1), SetTime::At(1))
        .unwrap();
    fs.link(p("a/link"), p("l2")).unwrap();
    fs.symlink("t", p("a/sub/s")).unwrap();
    fs.unlink(p("top")).unwrap();
    fs.rename(p("a"), p("z")).unwrap();
    fs.remove_dir(p("empty")).unwrap();
    fs.create_dir(p("empty")).unwrap();
    fs.rename(p("z/sub"), p("empty")).unwrap();
    assert_eq!(read_all(&fs, "b.txt").unwrap(), b"w12");
    assert_eq!(names(&fs, ""), ["b.txt", "empty", "l2", "z"]);
    assert_eq!(names(&fs, "empty"), ["deep.txt", "s"]);
    assert_eq!(changes.get(), 0);
    assert_eq!(snapshot(&**fs.base()), snapshot(&base()));
}

/// Operations over a tiny path alphabet, for the property test.
#[derive(Clone, Debug)]
enum Op {
    Create(usize, bool),
    Write(usize, u8, Vec<u8>),
    Truncate(usize, u8),
    Read(usize),
    Stat(usize),
    List(usize),
    Unlink(usize),
    Mkdir(usize),
    Rmdir(usize),
    Rename(usize, usize),
    Link(usize, usize),
    Symlink(usize),
    OpenReader(usize),
    ReadReader(usize),
}

const PATHS: [&str; 8] = ["a", "b", "c", "s", "a/b", "a/c", "b/a", "a/b/c"];

fn path_of(i: usize) -> VPath<'static> {
    VPath::new(PATHS.get(i % PATHS.len()).copied().unwrap_or("a")).unwrap()
}

impl quickcheck::Arbitrary for Op {
    fn arbitrary(g: &mut quickcheck::Gen) -> Self {
        let i = usize::arbitrary(g);
        let j = usize::arbitrary(g);
        match u8::arbitrary(g) % 14 {
            0 => Op::Create(i, bool::arbitrary(g)),
            1 => {
                let mut data = Vec::<u8>::arbitrary(g);
                data.truncate(6);
                Op::Write(i, u8::arbitrary(g) % 8, data)
            }
            2 => Op::Truncate(i, u8::arbitrary(g) % 8),
            3 => Op::Read(i),
            4 => Op::Stat(i),
            5 => Op::List(i),
            6 => Op::Unlink(i),
            7 => Op::Mkdir(i),
            8 => Op::Rmdir(i),
            9 => Op::Rename(i, j),
            10 => Op::Link(i, j),
            11 => Op::Symlink(i),
            12 => Op::OpenReader(i),
            _ => Op::ReadReader(i),
        }
    }
}

/// The starting tree, for the base and for the reference filesystem.
fn initial() -> MemFs {
    let fs = MemFs::new();
    fs.write_file("a/b/c", b"abc").unwrap();
    fs.write_file("a/c", b"ac").unwrap();
    // Outside the alphabet: `a` can never be emptied.
    fs.write_file("a/keep", b"keep").unwrap();
    fs.write_file("b/a", b"ba").unwrap();
    fs.create_symlink("a", "s").unwrap();
    fs
}

/// Applies `op` and describes the result (errno included) as a string.
fn apply(fs: &dyn Fs, readers: &mut Vec<Box<dyn File>>, op: &Op) -> String {
    let show = |r: Result<String, Errno>| alloc::format!("{r:?}");
    match op {
        Op::Create(i, exclusive) => {
            let o = OpenOptions {
                exclusive: *exclusive,
                ..create()
            };
            show(fs.open_file(path_of(*i), o).map(|_| String::new()))
        }
        Op::Write(i, offset, data) => show(
            fs.open_file(path_of(*i), rw())
                .and_then(|mut f| f.write_at(data, u64::from(*offset)))
                .map(|n| n.to_string()),
        ),
        Op::Truncate(i, len) => show(
            fs.open_file(path_of(*i), truncate())
                .and_then(|mut f| f.set_len(u64::from(*len)))
                .map(|()| String::new()),
        ),
        Op::Read(i) => show(read_all(fs, path_of(*i).as_str()).map(|b| alloc::format!("{b:?}"))),
        Op::Stat(i) => show(
            fs.stat(path_of(*i))
                .map(|s| alloc::format!("{:?} {}", s.filetype, s.size)),
        ),
        Op::List(i) => show(fs.read_dir(path_of(*i)).map(|l| {
            let l: Vec<_> = l.into_iter().map(|e| (e.name, e.filetype)).collect();
            alloc::format!("{l:?}")
        })),
        Op::Unlink(i) => show(fs.unlink(path_of(*i)).map(|()| String::new())),
        Op::Mkdir(i) => show(fs.create_dir(path_of(*i)).map(|()| String::new())),
        Op::Rmdir(i) => show(fs.remove_dir(path_of(*i)).map(|()| String::new())),
        Op::Rename(i, j) => show(fs.rename(path_of(*i), path_of(*j)).map(|()| String::new())),
        Op::Link(i, j) => show(fs.link(path_of(*i), path_of(*j)).map(|()| String::new())),
        Op::Symlink(i) => show(fs.symlink("b", path_of(*i)).map(|()| String::new())),
        Op::OpenReader(i) => show(fs.open_file(path_of(*i), read_only()).map(|f| {
            readers.push(f);
            String::new()
        })),
        Op::ReadReader(i) => {
            let n = readers.len();
            show(match readers.get_mut(i.checked_rem(n).unwrap_or(0)) {
                Some(f) => read_file_to_end(&mut **f).map(|b| alloc::format!("{b:?}")),
                None => Ok(String::from("no reader")),
            })
        }
    }
}

fn same_as_memfs(ops: Vec<Op>) -> quickcheck::TestResult {
    let base = initial();
    let fs = CopyOnWrite::new(base.clone());
    let reference = initial();
    let (mut r1, mut r2) = (Vec::new(), Vec::new());
    for (k, op) in ops.iter().enumerate() {
        let got = apply(&fs, &mut r1, op);
        let want = apply(&reference, &mut r2, op);
        if got != want {
            return quickcheck::TestResult::error(alloc::format!(
                "step {k} {op:?}: overlay {got}, memfs {want}"
            ));
        }
    }
    let (got, want) = (snapshot(&fs), snapshot(&reference));
    if got != want {
        return quickcheck::TestResult::error(alloc::format!(
            "final trees differ:\n{got:?}\n{want:?}"
        ));
    }
    if snapshot(&base) != snapshot(&initial()) {
        return quickcheck::TestResult::error("the base changed");
    }
    quickcheck::TestResult::passed()
}

#[test]
fn behaves_like_a_memfs_holding_a_copy() {
    quickcheck::QuickCheck::new()
        .tests(5000)
        .quickcheck(same_as_memfs as fn(Vec<Op>) -> quickcheck::TestResult);
}

#[cfg(feature = "std")]
mod host {
    use super::*;
    use crate::fs::HostDirFs;
    use core::sync::atomic::{AtomicUsize, Ordering};
    use sha2::{Digest, Sha256};
    use std::os::unix::fs::MetadataExt;
    use std::path::{Path, PathBuf};

    /// A fresh directory under the system's temporary directory, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let name = alloc::format!("wasip1-host-cow-{}-{n}", std::process::id());
            let dir = std::env::temp_dir().join(name);
            std::fs::create_dir(&dir).unwrap();
            Self(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Every entry below `root` (read with `std`, not with our code): its type,
    /// modification time and contents (a SHA-256 for files, the target for links).
    fn fingerprint(root: &Path) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut work = vec![root.to_path_buf()];
        while let Some(dir) = work.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let meta = std::fs::symlink_metadata(&path).unwrap();
                let what = if meta.is_dir() {
                    work.push(path.clone());
                    String::from("dir")
                } else if meta.is_symlink() {
                    alloc::format!("link {:?}", std::fs::read_link(&path).unwrap())
                } else {
                    let bytes = std::fs::read(&path).unwrap();
                    alloc::format!("file {:x}", Sha256::digest(&bytes))
                };
                let key = path.strip_prefix(root).unwrap().display().to_string();
                let mtime = (meta.mtime(), meta.mtime_nsec());
                out.insert(
                    key,
                    alloc::format!("{what} ino={} mtime={mtime:?}", meta.ino()),
                );
            }
        }
        let meta = std::fs::metadata(root).unwrap();
        out.insert(
            String::new(),
            alloc::format!("root mtime={:?}", (meta.mtime(), meta.mtime_nsec())),
        );
        out
    }

    #[test]
    fn a_host_directory_stays_byte_identical() {
        let tmp = TempDir::new();
        let root = &tmp.0;
        let big: Vec<u8> = (0..100_000u32).map(|k| (k % 253) as u8).collect();
        std::fs::create_dir_all(root.join("data/nested")).unwrap();
        std::fs::create_dir_all(root.join("data/empty")).unwrap();
        std::fs::write(root.join("data/hello.txt"), b"hello world").unwrap();
        std::fs::write(root.join("data/nested/deep.bin"), &big).unwrap();
        std::fs::write(root.join("top.txt"), b"top").unwrap();
        std::os::unix::fs::symlink("hello.txt", root.join("data/link")).unwrap();
        let before = fingerprint(root);

        let fs = CopyOnWrite::new(HostDirFs::open(root).unwrap());
        let host_ino = std::fs::metadata(root.join("data/hello.txt"))
            .unwrap()
            .ino();
        assert_eq!(read_all(&fs, "data/hello.txt").unwrap(), b"hello world");
        assert_eq!(names(&fs, "data"), ["empty", "hello.txt", "link", "nested"]);
        assert_eq!(fs.readlink(p("data/link")).unwrap(), "hello.txt");

        // Write, seek back and overwrite, truncate.
        let mut f = fs.open_file(p("data/hello.txt"), rw()).unwrap();
        f.write_at(b"J", 0).unwrap();
        assert_eq!(read_all(&fs, "data/hello.txt").unwrap(), b"Jello world");
        assert_eq!(fs.stat(p("data/hello.txt")).unwrap().ino, host_ino);
        let mut g = fs.open_file(p("data/nested/deep.bin"), rw()).unwrap();
        let mut expected = big.clone();
        g.write_at(&[0xFF; 10], 100_000).unwrap();
        expected.extend([0xFF; 10]);
        g.write_at(b"head", 0).unwrap();
        expected.splice(0..4, *b"head");
        g.write_at(b"mid", 65_535).unwrap();
        expected.splice(65_535..65_538, *b"mid");
        assert_eq!(read_all(&fs, "data/nested/deep.bin").unwrap(), expected);
        fs.open_file(p("top.txt"), truncate()).unwrap();
        assert_eq!(read_all(&fs, "top.txt").unwrap(), b"");

        // Deletes, an opaque directory, renames, links, times.
        fs.unlink(p("data/link")).unwrap();
        assert_eq!(fs.stat(p("data/link")), Err(Errno::NOENT));
        assert_eq!(fs.remove_dir(p("data/nested")), Err(Errno::NOTEMPTY));
        fs.remove_dir(p("data/empty")).unwrap();
        fs.create_dir(p("data/empty")).unwrap();
        fs.open_file(p("data/empty/new"), create()).unwrap();
        fs.rename(p("data/nested"), p("moved")).unwrap();
        assert_eq!(read_all(&fs, "moved/deep.bin").unwrap(), expected);
        assert_eq!(fs.stat(p("data/nested")), Err(Errno::NOENT));
        fs.rename(p("top.txt"), p("data/hello.txt")).unwrap();
        fs.symlink("../moved", p("data/to_moved")).unwrap();
        fs.link(p("data/hello.txt"), p("hello2")).unwrap();
        fs.set_times(p("data"), SetTime::At(1), SetTime::At(2))
            .unwrap();
        assert_eq!(names(&fs, ""), ["data", "hello2", "moved"]);
        assert_eq!(names(&fs, "data"), ["empty", "hello.txt", "to_moved"]);
        assert_eq!(names(&fs, "data/empty"), ["new"]);
        assert_eq!(read_all(&fs, "data/hello.txt").unwrap(), b"");
        drop((f, g));

        assert_eq!(fingerprint(root), before);
    }
}
