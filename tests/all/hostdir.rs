//! HostDirFs: a host directory as root that cannot be escaped, even by the host racing.

use crate::support::{fixture, TempDir};
use std::os::unix::fs::symlink;
use std::rc::Rc;
use wasip1_host::abi::Errno;
use wasip1_host::fs::{Fs, HostDirFs, OpenOptions, VPath};
use wasip1_host::Host;

fn probe(fs: &Rc<HostDirFs>, op: &str, path: &str) -> (Errno, String) {
    let out = Host::new()
        .args(["path_probe.wasm", op, path])
        .run_with(&fixture("wat/path_probe.wasm"), Rc::clone(fs))
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // `read` prints the content, then the errno: the trailing digits of the last line.
    let last = text.lines().last().unwrap_or_default();
    let digits = &last[last.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    let errno = digits.parse().unwrap();
    (Errno(errno), text)
}

fn read_only() -> OpenOptions {
    OpenOptions {
        read: true,
        ..OpenOptions::default()
    }
}

/// Symlinks planted by the host: relative ones that stay inside work; ones that point out, or
/// are absolute, never lead out — neither through the resolver nor when the backend is called
/// directly with a path through them.
#[test]
fn host_planted_symlinks_do_not_lead_out() {
    let t = TempDir::new("planted");
    std::fs::create_dir_all(t.path("root/sub")).unwrap();
    std::fs::write(t.path("root/sub/inside.txt"), "inside").unwrap();
    std::fs::write(t.path("outside.txt"), "OUTSIDE").unwrap();
    symlink("sub/inside.txt", t.path("root/ok")).unwrap();
    symlink("../outside.txt", t.path("root/up")).unwrap();
    symlink("/etc", t.path("root/etc_abs")).unwrap();
    symlink(t.path("outside.txt"), t.path("root/abs_out")).unwrap();
    symlink(t.path("root/sub/inside.txt"), t.path("root/abs_in")).unwrap();
    symlink("..", t.path("root/sub/parent")).unwrap();
    let fs = Rc::new(HostDirFs::open(t.path("root")).unwrap());

    assert_eq!(probe(&fs, "read", "ok").1, "inside0\n");
    assert_eq!(probe(&fs, "read", "sub/parent/ok").1, "inside0\n");
    for path in [
        "up",
        "etc_abs/passwd",
        "abs_out",
        "abs_in",
        "sub/parent/up",
        "sub/parent/..",
    ] {
        let (errno, text) = probe(&fs, "read", path);
        assert_eq!(errno, Errno::PERM, "{path}: {text}");
        assert!(
            !text.contains("OUTSIDE") && !text.contains("root:"),
            "{path}: {text}"
        );
    }
    // The backend on its own refuses to walk through a symlink.
    let direct = |p: &str| fs.open_file(VPath::new(p).unwrap(), read_only()).err();
    assert_eq!(direct("etc_abs/passwd"), Some(Errno::NOTDIR));
    assert_eq!(direct("up"), Some(Errno::LOOP));
    assert!(fs.stat(VPath::new("etc_abs/passwd").unwrap()).is_err());
    assert!(fs.read_dir(VPath::new("etc_abs").unwrap()).is_err());
}

/// A thread keeps swapping a directory for a symlink to `/` while the guest side walks
/// through it: no walk ever reaches the host's root.
#[test]
fn swapping_a_directory_for_a_symlink_mid_walk_never_escapes() {
    let t = TempDir::new("race");
    let root = t.path("root");
    std::fs::create_dir_all(root.join("a/etc")).unwrap();
    std::fs::write(root.join("a/etc/passwd"), "sandboxed").unwrap();
    let fs = Rc::new(HostDirFs::open(&root).unwrap());

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let stop = std::sync::Arc::clone(&stop);
        let root = root.clone();
        std::thread::spawn(move || {
            let mut swaps = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let _ = std::fs::rename(root.join("a"), root.join("a_real"));
                let _ = symlink("/", root.join("a"));
                let _ = std::fs::remove_file(root.join("a"));
                let _ = std::fs::rename(root.join("a_real"), root.join("a"));
                swaps += 1;
            }
            swaps
        })
    };
    let (mut sandboxed, mut refused) = (0u32, 0u32);
    for _ in 0..20_000 {
        match fs.open_file(VPath::new("a/etc/passwd").unwrap(), read_only()) {
            Ok(mut f) => {
                let mut buf = [0u8; 64];
                let n = f.read_at(&mut buf, 0).unwrap();
                assert_eq!(&buf[..n], b"sandboxed", "escaped to the host's /etc/passwd");
                sandboxed += 1;
            }
            Err(_) => refused += 1,
        }
    }
    // The guest path goes through the resolver as well.
    for _ in 0..20 {
        let (errno, text) = probe(&fs, "read", "a/etc/passwd");
        assert!(
            errno != Errno::SUCCESS
                || text
                    == "sandboxed0
",
            "{text}"
        );
        assert!(!text.contains("root:"), "{text}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    assert!(swaps > 10, "the host thread swapped only {swaps} times");
    assert_eq!(sandboxed + refused, 20_000);
}

#[test]
fn seek_back_and_overwrite_is_byte_exact_on_a_host_directory() {
    let t = TempDir::new("seek");
    std::fs::create_dir_all(t.path("out")).unwrap();
    for guest in ["wat/seek_overwrite.wasm", "c/seek_overwrite.wasm"] {
        let out = Host::run(&fixture(guest), HostDirFs::open(&t.0).unwrap()).unwrap();
        assert_eq!(
            (out.exit_code, out.stdout.as_slice()),
            (0, &b"ok\n"[..]),
            "{guest}"
        );
        let got = std::fs::read(t.path("out/reel.bin")).unwrap();
        assert!(
            got == crate::seek_overwrite::expected(),
            "{guest}: bytes differ"
        );
    }
}
