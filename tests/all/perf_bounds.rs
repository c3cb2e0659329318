//! Performance shapes that cannot flake: counts of filesystem calls per guest operation,
//! never timings. The benchmarks (`bench/`, `docs/PERFORMANCE.md`) measure time; these pin
//! what keeps that time linear and the host-syscall count fixed:
//!
//! - every `fd_write` is exactly one `File::write_at` with the whole buffer, and nothing else
//!   (on `HostDirFs` that is one `pwrite`: one host syscall per guest write);
//! - a seek followed by a write is that one `write_at` too (no `stat`, no reopen);
//! - paging through a directory with `fd_readdir` lists it (`Fs::read_dir`) once per rewind,
//!   whatever its size, so listing is linear;
//! - `path_open` + `fd_filestat_get` + `fd_close`, and `path_filestat_get`, make a number of
//!   `Fs` calls bounded by the depth of the path (no re-resolution, no double stat);
//! - host calls that need no filesystem (`sched_yield`, `clock_time_get`, `fd_fdstat_get`)
//!   make no `Fs` call.
//!
//! Each holds on every backend of [`backends`]. At the end, every benchmark guest runs once at
//! a tiny size, so the committed benchmark fixtures stay runnable.

use crate::direct::{Direct, FOLLOW, ROOT};
use crate::support::{backends, fixture, FsRef, Recording};
use std::cell::RefCell;
use std::rc::Rc;
use wasip1_host::abi::{Errno, Oflags, Rights};
use wasip1_host::fs::MemFs;
use wasip1_host::{wasi, GuestMemory, Host};

type Log = Rc<RefCell<Vec<String>>>;

/// A fresh backend behind a recording wrapper, driven without an engine.
fn recorded(make: fn() -> FsRef) -> (Direct, Log) {
    let rec = Recording::new(make());
    let log = Rc::clone(&rec.log);
    let fs: FsRef = Rc::new(rec);
    (Direct::new(&fs), log)
}

/// The calls recorded since the last `take`.
fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

/// A syscall on the driver's context and memory, returning its errno.
fn call(
    d: &mut Direct,
    f: impl FnOnce(&mut wasip1_host::WasiCtx, &mut GuestMemory<'_>) -> wasip1_host::SysResult,
) -> Result<(), Errno> {
    match f(&mut d.cx, &mut GuestMemory::new(&mut d.mem)) {
        Ok(()) => Ok(()),
        Err(wasip1_host::SysError::Errno(e)) => Err(e),
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn each_fd_write_is_one_write_at_and_nothing_else() {
    for (name, make) in backends() {
        let (mut d, log) = recorded(make);
        let fd = d.open(b"small.dat", Oflags::CREAT | Oflags::TRUNC).unwrap();
        take(&log);
        for i in 0..100u64 {
            assert_eq!(d.write(fd, b"0123456789abcde\n"), Ok(16), "{name}");
            let calls = take(&log);
            assert_eq!(
                calls,
                [format!("file.write_at small.dat {} 16", i * 16)],
                "{name}: write {i}"
            );
        }
        // A large write is not split: one call with the whole buffer.
        let big = vec![7u8; 15_000];
        assert_eq!(d.write(fd, &big), Ok(15_000), "{name}");
        assert_eq!(take(&log), ["file.write_at small.dat 1600 15000"], "{name}");
        d.close(fd).unwrap();
        assert_eq!(take(&log), Vec::<String>::new(), "{name}: close");
    }
}

#[test]
fn seek_and_overwrite_is_one_write_at() {
    for (name, make) in backends() {
        let (mut d, log) = recorded(make);
        let fd = d.open(b"seek.dat", Oflags::CREAT).unwrap();
        d.write(fd, &[0u8; 4096]).unwrap();
        take(&log);
        for i in 0..50u64 {
            let off = (i * 7919) % (4096 - 13);
            assert_eq!(d.seek(fd, off as i64, 0), Ok(off), "{name}");
            assert_eq!(d.write(fd, b"hello, world\n"), Ok(13), "{name}");
            assert_eq!(
                take(&log),
                [format!("file.write_at seek.dat {off} 13")],
                "{name}: iteration {i}"
            );
        }
    }
}

#[test]
fn readdir_lists_the_directory_once_per_rewind() {
    for (name, make) in backends() {
        let mut per_rewind = Vec::new();
        for n in [10usize, 1000] {
            let (mut d, log) = recorded(make);
            d.mkdir(b"dir").unwrap();
            for i in 0..n {
                let fd = d
                    .open(
                        format!("dir/f{i:05}").as_bytes(),
                        Oflags::CREAT | Oflags::EXCL,
                    )
                    .unwrap();
                d.close(fd).unwrap();
            }
            let dir = d
                .open_at(ROOT, b"dir", FOLLOW, Oflags::DIRECTORY, Rights::FD_READDIR)
                .unwrap();
            take(&log);
            for round in 0..2 {
                // `list` pages with a 512-byte buffer: about n / 16 calls per listing.
                let names = d.list(dir).unwrap();
                assert_eq!(names.len(), n + 2, "{name}: . and .. and the files");
                let calls = take(&log);
                let listings = calls.iter().filter(|c| c.starts_with("read_dir")).count();
                assert_eq!(listings, 1, "{name}, {n} entries, round {round}: {calls:?}");
                per_rewind.push(calls.len());
            }
        }
        // The same number of calls per listing for 10 and for 1000 entries.
        assert!(
            per_rewind.windows(2).all(|w| w[0] == w[1]),
            "{name}: calls per listing {per_rewind:?}"
        );
        assert!(per_rewind[0] <= 3, "{name}: {per_rewind:?}");
    }
}

/// `d1/d2/.../f`, with `depth` components.
fn nested(depth: usize) -> String {
    let mut p: String = (1..depth).map(|i| format!("d{i}/")).collect();
    p.push('f');
    p
}

#[test]
fn path_lookups_make_a_bounded_number_of_fs_calls() {
    for (name, make) in backends() {
        let (mut d, log) = recorded(make);
        let read_only = Rights::FD_READ | Rights::FD_SEEK | Rights::FD_FILESTAT_GET;
        let mut prev_open = 0;
        for depth in 1..=6 {
            let path = nested(depth);
            let parent = path.rsplit_once('/').map(|(p, _)| p.to_string());
            if let Some(parent) = parent {
                d.mkdir(parent.as_bytes()).unwrap();
            }
            let fd = d.open(path.as_bytes(), Oflags::CREAT).unwrap();
            d.write(fd, b"x").unwrap();
            d.close(fd).unwrap();
            take(&log);

            // open + fstat + close, as wasi-libc's open()/fstat()/close() do.
            let fd = d
                .open_at(ROOT, path.as_bytes(), FOLLOW, Oflags::empty(), read_only)
                .unwrap();
            call(&mut d, |cx, mem| wasi::fd_filestat_get(cx, mem, fd, 128)).unwrap();
            d.close(fd).unwrap();
            let calls = take(&log);
            // One `stat` per component (the resolver), one `open_file`, one `file.stat`.
            assert!(
                calls.len() <= depth + 2,
                "{name}: open+fstat+close at depth {depth}: {calls:?}"
            );
            assert_eq!(
                calls.iter().filter(|c| c.starts_with("open_file")).count(),
                1,
                "{name}: {calls:?}"
            );
            assert!(
                !calls
                    .iter()
                    .any(|c| c.starts_with("read_dir") || c.starts_with("readlink")),
                "{name}: {calls:?}"
            );
            // Linear: each extra component costs at most one more call.
            assert!(
                depth == 1 || calls.len() <= prev_open + 1,
                "{name}: depth {depth}"
            );
            prev_open = calls.len();

            // stat: one `stat` per component at most.
            assert_eq!(d.stat(path.as_bytes(), FOLLOW).unwrap().size, 1, "{name}");
            let calls = take(&log);
            assert!(
                calls.len() <= depth && calls.iter().all(|c| c.starts_with("stat ")),
                "{name}: stat at depth {depth}: {calls:?}"
            );
        }
    }
}

#[test]
fn calls_without_a_path_make_no_fs_call() {
    for (name, make) in backends() {
        let (mut d, log) = recorded(make);
        take(&log);
        for _ in 0..10 {
            call(&mut d, wasi::sched_yield).unwrap();
            call(&mut d, |cx, mem| wasi::clock_time_get(cx, mem, 1, 1, 64)).unwrap();
            call(&mut d, |cx, mem| wasi::fd_fdstat_get(cx, mem, 1, 64)).unwrap();
        }
        assert_eq!(take(&log), Vec::<String>::new(), "{name}");
    }
}

/// Every benchmark guest, at a tiny size, on `MemFs` with the default (virtual) clock: it
/// exits 0, prints its `name=value` lines and leaves the filesystem as it found it.
#[test]
fn benchmark_guests_run() {
    let cases: [(&str, &[&str], &[&str]); 7] = [
        (
            "bench/hostcall.wasm",
            &["100"],
            &[
                "compute",
                "sched_yield",
                "fd_fdstat_get",
                "clock_time_get",
                "checksum",
            ],
        ),
        (
            "bench/small_write.wasm",
            &["s.dat", "100"],
            &["small_write"],
        ),
        (
            "bench/bulk_io.wasm",
            &["b.dat", "2"],
            &["bulk_write", "bulk_rewrite", "bulk_read"],
        ),
        (
            "bench/seek_overwrite.wasm",
            &["o.dat", "100"],
            &["seek_overwrite"],
        ),
        (
            "bench/metadata.wasm",
            &["3", "10"],
            &["open_fstat_close", "stat"],
        ),
        (
            "bench/readdir.wasm",
            &["50", "2"],
            &["create", "list", "unlink"],
        ),
        ("bench/hello.wasm", &[], &[]),
    ];
    for (path, args, metrics) in cases {
        let fs = MemFs::new();
        let mut argv = vec![path.rsplit('/').next().unwrap()];
        argv.extend_from_slice(args);
        let out = Host::new()
            .args(&argv)
            .run_with(&fixture(path), fs.clone())
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            out.exit_code,
            0,
            "{path}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let names: Vec<&str> = stdout
            .lines()
            .filter_map(|l| l.split_once('=').map(|(n, _)| n))
            .collect();
        assert_eq!(names, metrics, "{path}: {stdout}");
        if path.ends_with("hello.wasm") {
            assert_eq!(stdout, "hello, world\n");
        }
        use wasip1_host::fs::{Fs, VPath};
        assert_eq!(
            fs.read_dir(VPath::ROOT).unwrap(),
            [],
            "{path} left files behind"
        );
    }
}
