//! A guest over a `MemFs` cannot reach the host disk: every escape attempt is an errno.

use crate::support::{probe, probe_outcome};
use wasip1_host::abi::Errno;
use wasip1_host::fs::MemFs;

fn sandbox() -> MemFs {
    let fs = MemFs::new();
    fs.create_dir_all("a/b").unwrap();
    fs.write_file("inside.txt", b"inside").unwrap();
    fs.create_symlink("/etc", "link_etc").unwrap();
    fs.create_symlink("../..", "link_up").unwrap();
    fs.create_symlink("../../../etc", "a/b/deep_up").unwrap();
    fs
}

#[test]
fn escape_attempts_all_fail_with_an_errno() {
    let fs = sandbox();
    let attempts: &[(&str, &str, Errno)] = &[
        ("open", "/etc/passwd", Errno::PERM),
        ("read", "/etc/passwd", Errno::PERM),
        ("open", "../../etc/passwd", Errno::PERM),
        ("open", "/", Errno::PERM),
        ("open-dir", "/", Errno::PERM),
        ("open", "..", Errno::PERM),
        ("open", "../", Errno::PERM),
        ("open", "a/../..", Errno::PERM),
        ("open", "a/b/../../../etc/passwd", Errno::PERM),
        ("open", "etc/passwd%00", Errno::INVAL),
        ("open", "%00", Errno::INVAL),
        ("open", "inside.txt%00../../etc/passwd", Errno::INVAL),
        ("open", "link_etc", Errno::PERM),
        ("open", "link_etc/passwd", Errno::PERM),
        ("read", "link_etc/passwd", Errno::PERM),
        ("open", "link_up", Errno::PERM),
        ("open", "link_up/etc/passwd", Errno::PERM),
        ("open", "a/b/deep_up/passwd", Errno::PERM),
        ("stat", "/etc/passwd", Errno::PERM),
        ("stat", "..", Errno::PERM),
        ("stat", "link_etc/passwd", Errno::PERM),
        ("create", "/tmp/escape", Errno::PERM),
        ("create", "../escape", Errno::PERM),
        ("create", "link_up/escape", Errno::PERM),
        // Inside the sandbox, `etc/passwd` is simply not there.
        ("open", "etc/passwd", Errno::NOENT),
    ];
    for &(op, path, want) in attempts {
        assert_eq!(probe(&fs, op, path), want, "{op} {path}");
    }
    // Nothing was created anywhere by the attempts.
    assert!(fs.read_file("escape").is_err());
    assert!(fs.read_file("tmp/escape").is_err());
}

#[test]
fn nothing_of_the_host_is_ever_read() {
    let fs = sandbox();
    for path in [
        "/etc/passwd",
        "link_etc/passwd",
        "link_up/etc/passwd",
        "../../etc/passwd",
    ] {
        let out = probe_outcome(&fs, "read", path);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("root:"), "{path}: {text}");
        assert_ne!(text.trim(), "0", "{path}");
    }
}

#[test]
fn a_symlink_that_stays_inside_works() {
    let fs = sandbox();
    fs.create_symlink("../../inside.txt", "a/b/ok").unwrap();
    let out = probe_outcome(&fs, "read", "a/b/ok");
    assert_eq!(out.stdout, b"inside0\n");
    // Not following a final symlink is not an escape: it is LOOP, as with O_NOFOLLOW.
    assert_eq!(probe(&fs, "open-nofollow", "link_etc"), Errno::LOOP);
}

/// Outside the `std`-only host-backed modules, the library's source names no host-filesystem
/// API at all; with `std` off it cannot even link one (CI builds it for
/// `thumbv7em-none-eabihf`, a target without any OS).
#[test]
fn library_source_has_no_host_filesystem_path() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut stack = vec![std::path::PathBuf::from(src)];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // The CLI is a separate binary target, not the library.
                if !path.ends_with("cli") {
                    stack.push(path);
                }
                continue;
            }
            if path.ends_with("main.rs") {
                continue;
            }
            // Unit tests are not part of the library: they must be declared under cfg(test).
            if path.ends_with("tests.rs") {
                let parent = std::fs::read_to_string(path.with_file_name("mod.rs")).unwrap();
                assert!(
                    parent.contains("#[cfg(test)]\nmod tests;"),
                    "{} is not cfg(test)",
                    path.display()
                );
                continue;
            }
            // The host-backed modules exist only with `std`, declared under a cfg.
            if path.ends_with("hostdir.rs") || path.ends_with("host_errno.rs") {
                let module = path.file_stem().unwrap().to_str().unwrap();
                let decl = format!("#[cfg(feature = \"std\")]\nmod {module};");
                let parent = std::fs::read_to_string(path.with_file_name("mod.rs")).unwrap();
                assert!(
                    parent.contains(&decl),
                    "{module} must be declared as `{decl}`"
                );
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for needle in [
                "std::fs",
                "std::path",
                "rustix::fs",
                "std::net",
                "std::process",
                "std::env",
            ] {
                assert!(
                    !text.contains(needle),
                    "{} mentions {needle}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} files checked");
}
