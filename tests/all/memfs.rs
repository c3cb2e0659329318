//! MemFs semantics the embedder and the guest rely on.

use wasip1_host::abi::{Errno, Filetype};
use wasip1_host::fs::{Fs, MemFs, OpenOptions, VPath};

fn rw() -> OpenOptions {
    OpenOptions {
        create: true,
        read: true,
        write: true,
        ..OpenOptions::default()
    }
}

#[test]
fn clones_share_one_tree() {
    let a = MemFs::new();
    let b = a.clone();
    a.write_file("x/y.txt", b"one").unwrap();
    assert_eq!(b.read_file("x/y.txt").unwrap(), b"one");
    b.write_file("x/y.txt", b"two").unwrap();
    assert_eq!(a.read_file("/x/y.txt").unwrap(), b"two");
}

#[test]
fn sparse_writes_fill_with_zeros() {
    let fs = MemFs::new();
    let mut f = fs.open_file(VPath::new("s").unwrap(), rw()).unwrap();
    f.write_at(b"end", 10).unwrap();
    assert_eq!(fs.read_file("s").unwrap(), b"\0\0\0\0\0\0\0\0\0\0end");
    f.set_len(2).unwrap();
    f.set_len(4).unwrap();
    assert_eq!(fs.read_file("s").unwrap(), b"\0\0\0\0");
}

#[test]
fn two_handles_see_each_others_writes() {
    let fs = MemFs::new();
    let p = VPath::new("shared").unwrap();
    let mut a = fs.open_file(p, rw()).unwrap();
    let mut b = fs.open_file(p, rw()).unwrap();
    a.write_at(b"hello", 0).unwrap();
    let mut buf = [0u8; 5];
    assert_eq!(b.read_at(&mut buf, 0).unwrap(), 5);
    assert_eq!(&buf, b"hello");
    let (n, end) = b.append(b"!").unwrap();
    assert_eq!((n, end), (1, 6));
    assert_eq!(a.stat().unwrap().size, 6);
}

#[test]
fn unlinked_open_files_stay_readable() {
    let fs = MemFs::new();
    fs.write_file("gone", b"still here").unwrap();
    let mut f = fs
        .open_file(
            VPath::new("gone").unwrap(),
            OpenOptions {
                read: true,
                ..OpenOptions::default()
            },
        )
        .unwrap();
    fs.unlink(VPath::new("gone").unwrap()).unwrap();
    let mut buf = [0u8; 10];
    assert_eq!(f.read_at(&mut buf, 0).unwrap(), 10);
    assert_eq!(f.stat().unwrap().nlink, 0);
    assert_eq!(fs.stat(VPath::new("gone").unwrap()), Err(Errno::NOENT));
}

#[test]
fn the_size_limit_is_enforced_and_released() {
    let fs = MemFs::with_limit(1000);
    let mut f = fs.open_file(VPath::new("big").unwrap(), rw()).unwrap();
    assert_eq!(f.write_at(&[1; 600], 0), Ok(600));
    assert_eq!(f.write_at(&[1; 600], 600), Err(Errno::NOSPC));
    assert_eq!(f.set_len(1 << 40), Err(Errno::NOSPC));
    assert_eq!(f.write_at(b"x", u64::MAX), Err(Errno::FBIG));
    assert_eq!(fs.used_bytes(), 600);
    drop(f);
    fs.unlink(VPath::new("big").unwrap()).unwrap();
    assert_eq!(fs.used_bytes(), 0);
}

#[test]
fn metadata_is_deterministic() {
    let make = || {
        let fs = MemFs::new();
        fs.write_file("a/b", b"x").unwrap();
        fs.create_symlink("b", "a/l").unwrap();
        let st = fs.stat(VPath::new("a/b").unwrap()).unwrap();
        let names: Vec<_> = fs.read_dir(VPath::new("a").unwrap()).unwrap();
        (st, names)
    };
    let (s1, n1) = make();
    let (s2, n2) = make();
    assert_eq!(s1, s2);
    assert_eq!(n1, n2);
    assert_eq!(
        n1.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        ["b", "l"]
    );
    assert_eq!(n1[1].filetype, Filetype::SYMBOLIC_LINK);
}

#[test]
fn rename_follows_posix() {
    let fs = MemFs::new();
    fs.create_dir_all("d/sub").unwrap();
    fs.create_dir_all("empty").unwrap();
    fs.write_file("f", b"1").unwrap();
    let p = |s| VPath::new(s).unwrap();
    assert_eq!(fs.rename(p("d"), p("d/sub/x")), Err(Errno::INVAL));
    assert_eq!(fs.rename(p("f"), p("empty")), Err(Errno::ISDIR));
    assert_eq!(fs.rename(p("empty"), p("f")), Err(Errno::NOTDIR));
    assert_eq!(fs.rename(p("empty"), p("d")), Err(Errno::NOTEMPTY));
    assert_eq!(fs.rename(p("d/sub"), p("empty")), Ok(()));
    assert_eq!(fs.stat(p("empty")).unwrap().filetype, Filetype::DIRECTORY);
    assert_eq!(fs.remove_dir(p("d")), Ok(()));
    assert_eq!(fs.remove_dir(p("")), Err(Errno::BUSY));
}

#[test]
fn a_time_source_replaces_the_deterministic_counter() {
    let fs = MemFs::new();
    fs.set_time_source(std::rc::Rc::new(|| 1_234_567_890_000_000_000));
    fs.write_file("t", b"x").unwrap();
    let st = fs.stat(VPath::new("t").unwrap()).unwrap();
    assert_eq!(
        (st.mtim, st.ctim),
        (1_234_567_890_000_000_000, 1_234_567_890_000_000_000)
    );
}
