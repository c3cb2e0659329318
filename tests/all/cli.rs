//! The `wasip1-host` command: arguments, environment, exit statuses, error lines, and the
//! filesystem options: `--dir`, `--ro-dir`, `--mem`, `--fs host|mem|cow` and `--save`.

use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// The path of a committed fixture, as a `&'static str`.
macro_rules! fixture_path {
    ($rel:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/guest-fixtures/", $rel)
    };
}

const BIN: &str = env!("CARGO_BIN_EXE_wasip1-host");
const ARGS_ENV: &str = fixture_path!("wat/args_env.wasm");
const EXIT_CODE: &str = fixture_path!("wat/exit_code.wasm");
const TRAP: &str = fixture_path!("wat/trap.wasm");
const CLOCK_RANDOM: &str = fixture_path!("wat/clock_random.wasm");
const PATH_PROBE: &str = fixture_path!("wat/path_probe.wasm");
const HELLO_FS: &str = fixture_path!("c/hello_fs.wasm");
const POSIX_DIRS: &str = fixture_path!("c/posix_dirs.wasm");
const POSIX_FILES: &str = fixture_path!("c/posix_files.wasm");
const POSIX_LINKS: &str = fixture_path!("c/posix_links.wasm");
const ARGS_ENV_WAT: &str = fixture_path!("wat/args_env.wat");

/// Runs the binary with `args`, stdin empty, and a host environment that must not leak.
fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("WASIP1_HOST_LEAK_CHECK", "host-only")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Asserts that stderr is exactly one `wasip1-host: error:` line and returns it.
fn one_error_line(out: &Output) -> String {
    let err = stderr(out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err:?}");
    assert!(
        lines[0].starts_with("wasip1-host: error: "),
        "stderr: {err:?}"
    );
    assert!(err.ends_with('\n'));
    lines[0].to_owned()
}

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("wasip1-host-cli-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir(&path).unwrap();
        Self(path)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn write(&self, rel: &str, contents: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, contents).unwrap();
    }

    /// `HOST::GUEST` for `--dir`.
    fn dir_arg(&self, guest: &str) -> String {
        format!("{}::{guest}", self.0.to_str().unwrap())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every entry below `root` with its kind, contents hash or link target, and modification
/// time, without following links, sorted.
fn tree(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = pending.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            let r = format!("{rel}/{}", e.file_name().to_str().unwrap());
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let what = if meta.is_symlink() {
                format!("-> {}", fs::read_link(e.path()).unwrap().display())
            } else if meta.is_dir() {
                pending.push((e.path(), r.clone()));
                "dir".to_owned()
            } else {
                format!("sha256:{:x}", Sha256::digest(fs::read(e.path()).unwrap()))
            };
            out.push(format!("{r} {what} {:?}", meta.modified().unwrap()));
        }
    }
    out.sort();
    out
}

/// The names directly in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// The three ways of backing `--dir`.
const MODES: [&str; 3] = ["host", "mem", "cow"];

/// Writes `wat` as a module file in `dir` and returns its path.
fn module(dir: &TempDir, name: &str, wat: &str) -> String {
    let path = dir.path(name);
    fs::write(&path, wat::parse_str(wat).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn version_is_name_and_version() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        concat!("wasip1-host ", env!("CARGO_PKG_VERSION"), "\n")
    );
}

#[test]
fn help_describes_the_filesystem_model() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("Usage: wasip1-host [OPTIONS] <MODULE.wasm> [ARGS]..."));
    for needle in [
        "--dir <HOST[::GUEST]>",
        "--ro-dir <HOST[::GUEST]>",
        "--mem <GUEST>",
        "--fs <BACKING>",
        "--save <GUEST::HOST>",
        "made on the host at once",
        "nothing the guest does reaches the host unless --save is given",
        "in the order they",
        "RENAME_EXCHANGE",
        "After a trap, or running out of fuel, nothing is",
        "[default: host]",
    ] {
        assert!(help.contains(needle), "{needle:?} not in:\n{help}");
    }
    assert!(!help.contains("written back"), "{help}");
    let short = stdout(&run(&["-h"]));
    assert!(short.contains("--fs <BACKING>"), "{short}");
}

#[test]
fn argv0_is_the_file_name_and_args_pass_through() {
    let out = run(&[ARGS_ENV, "-x", "--y", "--dir", "q", "--", "plain", ""]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "arg[0]=args_env.wasm\narg[1]=-x\narg[2]=--y\narg[3]=--dir\narg[4]=q\narg[5]=--\n\
         arg[6]=plain\narg[7]=\nargc=8 envc=0\n"
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_guest_sees_only_the_given_env() {
    let out = run(&[
        "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", ARGS_ENV,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "arg[0]=args_env.wasm\nenv[0]=A=1\nenv[1]=B=x=y\nenv[2]=EMPTY=\nargc=1 envc=3\n"
    );
    // Nothing of the host's own environment (PATH, the leak marker) gets through.
    let out = run(&[ARGS_ENV]);
    assert!(
        stdout(&out).ends_with("argc=1 envc=0\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn env_without_equals_is_a_usage_error() {
    let out = run(&["--env", "NOVALUE", ARGS_ENV]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("--env") && err.contains("NOVALUE"), "{err}");
}

#[test]
fn exit_code_propagates() {
    let out = run(&[EXIT_CODE]);
    assert_eq!(out.status.code(), Some(42));
    assert_eq!(stderr(&out), "exiting\n");
}

#[test]
fn a_trap_is_one_error_line_after_the_guest_output() {
    let out = run(&[TRAP]);
    assert_eq!(out.status.code(), Some(134));
    assert_eq!(stdout(&out), "before trap\n");
    let line = one_error_line(&out);
    assert!(line.contains("unreachable"), "{line}");
}

#[test]
fn running_out_of_fuel_is_a_trap() {
    let out = run(&["--fuel", "10", ARGS_ENV]);
    assert_eq!(out.status.code(), Some(134));
    assert!(one_error_line(&out).contains("fuel"));
}

#[test]
fn a_missing_module_is_status_1() {
    let t = TempDir::new();
    let missing = t.path("missing.wasm");
    let out = run(&[missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_error_line(&out).contains("missing.wasm"));
}

#[test]
fn an_invalid_module_is_status_1() {
    let out = run(&[ARGS_ENV_WAT]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_error_line(&out).contains("invalid WebAssembly module"));
}

#[test]
fn a_missing_dir_is_status_1() {
    let t = TempDir::new();
    t.write("file", "x");
    let missing = format!("{}::/", t.path("nope").display());
    let file = format!("{}::/", t.path("file").display());
    for mode in MODES {
        for (option, spec, name) in [
            ("--dir", &missing, "nope"),
            ("--ro-dir", &missing, "nope"),
            ("--dir", &file, "file"),
        ] {
            let out = run(&["--fs", mode, option, spec, ARGS_ENV]);
            assert_eq!(out.status.code(), Some(1), "{mode} {option} {spec}");
            assert_eq!(stdout(&out), "", "the guest must not run");
            assert!(one_error_line(&out).contains(name), "{mode}");
        }
    }
}

#[test]
fn real_clock_and_random() {
    let line = |out: &Output| {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        stdout(out)
    };
    let first = line(&run(&[CLOCK_RANDOM]));
    let second = line(&run(&[CLOCK_RANDOM]));
    let field = |text: &str, name: &str| -> String {
        let start = text.find(name).unwrap() + name.len();
        text[start..].split([' ', '\n']).next().unwrap().to_owned()
    };
    let realtime: u128 = field(&first, "realtime=").parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let day = 86_400 * 1_000_000_000;
    assert!(realtime.abs_diff(now) < day, "{first}");
    assert_ne!(field(&first, "random="), field(&second, "random="));
}

#[test]
fn exit_codes_keep_their_low_8_bits() {
    let t = TempDir::new();
    let wasm = module(
        &t,
        "exit300.wasm",
        r#"(module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (i32.const 300))))"#,
    );
    let out = run(&[&wasm]);
    assert_eq!(out.status.code(), Some(300 & 0xff));
    assert_eq!(stderr(&out), "");
}

/// A guest that, in the directory fd 3: creates `made.txt` and writes `written` to it,
/// closes it, opens it again, reads it and prints what it read on stdout; then deletes
/// `gone.txt` (ignoring the result), then runs `ending`. A failing step exits 90-99.
fn edit_guest(ending: &str) -> String {
    format!(
        r#"(module
          (import "wasi_snapshot_preview1" "path_open"
            (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write"
            (func $write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read"
            (func $read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_unlink_file"
            (func $unlink (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "made.txt")
          (data (i32.const 32) "written")
          (data (i32.const 48) "gone.txt")
          (func (export "_start")
            ;; path_open(3, 0, "made.txt", CREAT, FD_WRITE, 0, 0) -> fd at 0
            (if (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 8)
                  (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 0))
              (then (call $exit (i32.const 99))))
            (i32.store (i32.const 4) (i32.const 32))
            (i32.store (i32.const 8) (i32.const 7))
            (if (call $write (i32.load (i32.const 0)) (i32.const 4) (i32.const 1) (i32.const 12))
              (then (call $exit (i32.const 98))))
            (if (call $close (i32.load (i32.const 0))) (then (call $exit (i32.const 97))))
            ;; path_open(3, 0, "made.txt", 0, FD_READ, 0, 0) -> fd at 0
            (if (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 8)
                  (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0))
              (then (call $exit (i32.const 96))))
            (i32.store (i32.const 4) (i32.const 256))
            (i32.store (i32.const 8) (i32.const 64))
            (if (call $read (i32.load (i32.const 0)) (i32.const 4) (i32.const 1) (i32.const 12))
              (then (call $exit (i32.const 95))))
            (i32.store (i32.const 8) (i32.load (i32.const 12)))
            (if (call $write (i32.const 1) (i32.const 4) (i32.const 1) (i32.const 12))
              (then (call $exit (i32.const 94))))
            (drop (call $unlink (i32.const 3) (i32.const 48) (i32.const 8)))
            {ending}))"#
    )
}

#[test]
fn hello_fs_in_every_mode() {
    for mode in MODES {
        let t = TempDir::new();
        t.write("in/hello.txt", "Hello, world!\n");
        t.write("keep/untouched.txt", "leave me");
        fs::create_dir(t.path("out")).unwrap();
        let before = tree(&t.0);
        let out = run(&[
            "--fs",
            mode,
            "--dir",
            &t.dir_arg("/"),
            "--env",
            "GREETING=hi",
            HELLO_FS,
            "-v",
            "two words",
        ]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            "hello_fs: read 14 bytes from in/hello.txt, wrote 14 bytes to out/HELLO.TXT\n\
             arg: -v\narg: two words\nGREETING=hi\n",
            "{mode}"
        );
        if mode == "host" {
            // Straight to the host, and nothing else touched.
            assert_eq!(
                fs::read_to_string(t.path("out/HELLO.TXT")).unwrap(),
                "HELLO, WORLD!\n"
            );
            let after: Vec<String> = tree(&t.0)
                .into_iter()
                .filter(|l| !l.starts_with("/out"))
                .collect();
            let before: Vec<String> = before
                .into_iter()
                .filter(|l| !l.starts_with("/out"))
                .collect();
            assert_eq!(after, before);
        } else {
            assert_eq!(tree(&t.0), before, "{mode}: the host must not change");
        }
    }
}

#[test]
fn the_guest_sees_its_own_writes_but_mem_and_cow_drop_them() {
    let modules = TempDir::new();
    let edit = module(&modules, "edit.wasm", &edit_guest(""));
    for mode in MODES {
        let t = TempDir::new();
        t.write("gone.txt", "bye");
        t.write("sub/kept.txt", "kept");
        let before = tree(&t.0);
        let out = run(&["--fs", mode, "--dir", &t.dir_arg("/"), &edit]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(stdout(&out), "written", "{mode}");
        if mode == "host" {
            assert_eq!(fs::read_to_string(t.path("made.txt")).unwrap(), "written");
            assert!(!t.path("gone.txt").exists());
        } else {
            assert_eq!(tree(&t.0), before, "{mode}: the host must not change");
        }
    }
}

#[test]
fn with_fs_host_changes_stay_even_after_a_trap() {
    let modules = TempDir::new();
    let traps = module(&modules, "traps.wasm", &edit_guest("unreachable"));
    let t = TempDir::new();
    let out = run(&["--dir", &t.dir_arg("/"), &traps]);
    assert_eq!(out.status.code(), Some(134));
    assert_eq!(stdout(&out), "written");
    one_error_line(&out);
    assert_eq!(fs::read_to_string(t.path("made.txt")).unwrap(), "written");
}

#[cfg(unix)]
#[test]
fn a_guest_that_changes_nothing_leaves_the_tree_as_it_was() {
    for mode in MODES {
        let t = TempDir::new();
        t.write("a.txt", "alpha");
        t.write("sub/deep/b.txt", "beta");
        fs::create_dir(t.path("empty")).unwrap();
        std::os::unix::fs::symlink("a.txt", t.path("link")).unwrap();
        std::os::unix::fs::symlink("../../outside", t.path("sub/dangling")).unwrap();
        let before = tree(&t.0);
        let dir = t.dir_arg("/");
        let out = run(&["--fs", mode, "--dir", &dir, ARGS_ENV]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(tree(&t.0), before, "{mode}");
        // A probe that only reads, and one that exits with a non-zero status.
        let out = run(&[
            "--fs",
            mode,
            "--dir",
            &dir,
            PATH_PROBE,
            "read",
            "sub/deep/b.txt",
        ]);
        assert_eq!(stdout(&out), "beta0\n", "{mode}");
        let out = run(&["--fs", mode, "--dir", &dir, PATH_PROBE, "bad-op", "x"]);
        assert_eq!(out.status.code(), Some(2), "{mode}");
        assert_eq!(tree(&t.0), before, "{mode}");
    }
}

#[test]
fn ro_dir_refuses_changes_in_every_mode() {
    for mode in MODES {
        let t = TempDir::new();
        t.write("a.txt", "alpha");
        let before = tree(&t.0);
        let dir = t.dir_arg("/");
        let probe = |op: &str, path: &str| {
            let out = run(&["--fs", mode, "--ro-dir", &dir, PATH_PROBE, op, path]);
            assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
            stdout(&out)
        };
        assert_eq!(probe("create", "x"), "69\n", "{mode}: ROFS");
        assert_eq!(probe("open-write", "a.txt"), "69\n", "{mode}: ROFS");
        assert_eq!(probe("read", "a.txt"), "alpha0\n", "{mode}");
        assert_eq!(probe("stat", "a.txt"), "0\n", "{mode}");
        assert_eq!(tree(&t.0), before, "{mode}");
    }
}

#[test]
fn mem_gives_a_writable_empty_directory() {
    let t = TempDir::new();
    t.write("a.txt", "alpha");
    let before = tree(&t.0);
    // `--mem` first, so it is fd 3, which path_probe uses.
    let probe = |args: &[&str]| {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let dir = t.dir_arg("/");
    assert_eq!(
        probe(&["--mem", "/scratch", "--dir", &dir, PATH_PROBE, "create", "x"]),
        "0\n"
    );
    assert_eq!(
        probe(&["--mem", "/scratch", "--dir", &dir, PATH_PROBE, "stat", "a.txt"]),
        "44\n",
        "NOENT: fd 3 is the empty in-memory directory"
    );
    assert_eq!(tree(&t.0), before);
}

#[test]
fn preopens_follow_the_command_line_across_options() {
    let t = TempDir::new();
    t.write("data.txt", "data");
    let other = TempDir::new();
    let probe = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend([PATH_PROBE, "stat", "data.txt"]);
        let out = run(&all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    };
    let first = t.dir_arg("/first");
    let root = other.dir_arg("/");
    // fd 3 is the first of --dir / --ro-dir / --mem, whatever the option and the name.
    assert_eq!(probe(&["--dir", &first, "--dir", &root]), "0\n");
    assert_eq!(probe(&["--dir", &root, "--dir", &first]), "44\n");
    assert_eq!(probe(&["--ro-dir", &first, "--mem", "/"]), "0\n");
    assert_eq!(probe(&["--mem", "/", "--ro-dir", &first]), "44\n");
    assert_eq!(
        probe(&["--fs", "cow", "--dir", &first, "--mem", "/m", "--dir", &root]),
        "0\n"
    );
    assert_eq!(
        probe(&["--mem", "/m", "--fs", "mem", "--dir", &first]),
        "44\n"
    );
    // Without any preopen, fd 3 is not a directory at all.
    assert_eq!(probe(&[]), "8\n", "BADF");
}

/// A source tree for `--save`: files, a nested directory, an empty one, a symbolic link and
/// a file with a fixed old modification time.
fn save_source() -> TempDir {
    let src = TempDir::new();
    src.write("a.txt", "alpha");
    src.write("gone.txt", "to be deleted");
    src.write("sub/deep/b.txt", "beta");
    fs::create_dir(src.path("empty")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("sub/deep/b.txt", src.path("link")).unwrap();
    let old = std::time::UNIX_EPOCH + std::time::Duration::new(1_000_000_000, 123_456_789);
    fs::File::options()
        .write(true)
        .open(src.path("a.txt"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    src
}

#[test]
fn save_makes_host_an_exact_copy_in_every_mode() {
    let modules = TempDir::new();
    let exits = module(
        &modules,
        "exits.wasm",
        &edit_guest("(call $exit (i32.const 7))"),
    );
    for mode in MODES {
        let src = save_source();
        let before = tree(&src.0);
        let holder = TempDir::new();
        holder.write("out/stale.txt", "old");
        holder.write("out/sub/deep/b.txt", "old beta");
        let out_dir = holder.path("out");
        let save = format!("/::{}", out_dir.display());
        let out = run(&[
            "--fs",
            mode,
            "--dir",
            &src.dir_arg("/"),
            "--save",
            &save,
            &exits,
        ]);
        assert_eq!(out.status.code(), Some(7), "{mode}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{mode}");
        assert_eq!(names(&holder.0), ["out"], "{mode}: no temporary left");

        let saved = tree(&out_dir);
        let (made, rest): (Vec<String>, Vec<String>) =
            saved.into_iter().partition(|l| l.starts_with("/made.txt "));
        let [made] = made.as_slice() else {
            panic!("{mode}: {made:?}")
        };
        assert!(
            made.contains(&format!("{:x}", Sha256::digest(b"written"))),
            "{mode}: {made}"
        );
        let want: Vec<String> = before
            .iter()
            .filter(|l| !l.starts_with("/gone.txt "))
            .cloned()
            .collect();
        assert_eq!(rest, want, "{mode}: contents, links and times");
        if mode == "host" {
            assert_eq!(tree(&out_dir), tree(&src.0));
        } else {
            assert_eq!(tree(&src.0), before, "{mode}: the source must not change");
        }
    }
}

#[test]
fn nothing_is_saved_after_a_trap() {
    let modules = TempDir::new();
    let traps = module(&modules, "traps.wasm", &edit_guest("unreachable"));
    for mode in ["mem", "cow"] {
        let src = save_source();
        let holder = TempDir::new();
        holder.write("out/stale.txt", "old");
        let before = tree(&holder.0);
        let save = format!("/::{}", holder.path("out").display());
        let out = run(&[
            "--fs",
            mode,
            "--dir",
            &src.dir_arg("/"),
            "--save",
            &save,
            &traps,
        ]);
        assert_eq!(out.status.code(), Some(134), "{mode}");
        one_error_line(&out);
        assert_eq!(tree(&holder.0), before, "{mode}");
    }
    // Nor after running out of fuel, and a missing HOST stays missing.
    let holder = TempDir::new();
    let save = format!("/m::{}", holder.path("new").display());
    let out = run(&["--fuel", "10", "--mem", "/m", "--save", &save, ARGS_ENV]);
    assert_eq!(out.status.code(), Some(134));
    assert!(names(&holder.0).is_empty());
}

#[test]
fn save_creates_a_missing_host_dir_from_a_mem_preopen() {
    let holder = TempDir::new();
    let new = holder.path("new");
    let save = format!("/scratch::{}", new.display());
    let out = run(&[
        "--mem", "/scratch", "--save", &save, PATH_PROBE, "create", "x",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0\n");
    assert_eq!(names(&holder.0), ["new"]);
    assert_eq!(names(&new), ["x"]);
    assert_eq!(fs::read(new.join("x")).unwrap(), b"");
}

#[test]
fn save_into_the_saved_directory_leaves_the_copy_out() {
    for mode in ["host", "cow"] {
        let src = TempDir::new();
        src.write("a.txt", "alpha");
        let save = format!("/::{}", src.path("snap").display());
        let out = run(&[
            "--fs",
            mode,
            "--dir",
            &src.dir_arg("/"),
            "--save",
            &save,
            ARGS_ENV,
        ]);
        assert_eq!(out.status.code(), Some(0), "{mode}: {}", stderr(&out));
        assert_eq!(names(&src.0), ["a.txt", "snap"], "{mode}");
        assert_eq!(names(&src.path("snap")), ["a.txt"], "{mode}");
    }
}

#[test]
fn bad_saves_are_status_1_before_the_guest_runs() {
    let t = TempDir::new();
    t.write("file", "x");
    let dir = t.dir_arg("/");
    let cases = [
        (format!("/nope::{}", t.path("out").display()), "/nope"),
        (format!("/::{}", t.path("missing/out").display()), "missing"),
        (
            format!("/::{}", t.path("file").display()),
            "not a directory",
        ),
    ];
    for (save, needle) in &cases {
        let out = run(&["--fs", "mem", "--dir", &dir, "--save", save, ARGS_ENV]);
        assert_eq!(out.status.code(), Some(1), "{save}");
        assert_eq!(stdout(&out), "", "the guest must not run");
        let line = one_error_line(&out);
        assert!(line.contains(needle), "{line}");
    }
    // Two preopens with the name: which one is meant is unclear.
    let out = run(&[
        "--mem",
        "/m",
        "--mem",
        "/m",
        "--save",
        &cases[0].0.replace("/nope", "/m"),
        ARGS_ENV,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(one_error_line(&out).contains("more than one"));
    assert_eq!(names(&t.0), ["file"]);
}

/// Prepares a fresh host directory with `setup`, runs `wasm` over it with `--fs mode`, and
/// returns the status, stdout and the tree afterwards.
fn run_in_mode(mode: &str, setup: &dyn Fn(&TempDir), wasm: &str) -> (Option<i32>, String, bool) {
    let t = TempDir::new();
    setup(&t);
    let before = tree(&t.0);
    let out = run(&["--fs", mode, "--dir", &t.dir_arg("/"), wasm]);
    (out.status.code(), stdout(&out), tree(&t.0) == before)
}

/// The C guests of `libc.rs` give the same transcript with every backing of `--dir`, and
/// with `mem` and `cow` leave the host as it was.
#[test]
fn libc_guests_behave_alike_in_every_mode() {
    type Setup = fn(&TempDir);
    let guests: [(&str, Setup); 3] = [
        (POSIX_DIRS, |t| {
            for file in ["list/alpha", "list/beta", "list/delta", "full/inner"] {
                t.write(file, "");
            }
            fs::create_dir_all(t.path("list/gamma")).unwrap();
        }),
        (POSIX_FILES, |t| t.write("f/data", "0123456789")),
        (POSIX_LINKS, |t| {
            t.write("r/file1", "one");
            t.write("r/victim", "old");
            t.write("r/dir1/inside", "in");
            fs::create_dir_all(t.path("r/empty")).unwrap();
            t.write("r/dir2/x", "x");
            t.write("l/orig", "hello");
            t.write("l/sub/deeper/leaf", "leaf");
            #[cfg(unix)]
            std::os::unix::fs::symlink("sub", t.path("l/tosub")).unwrap();
        }),
    ];
    for (wasm, setup) in guests {
        let (status, host_out, _) = run_in_mode("host", &setup, wasm);
        assert_eq!(status, Some(0), "{wasm}: {host_out}");
        for mode in ["mem", "cow"] {
            let (status, out, unchanged) = run_in_mode(mode, &setup, wasm);
            assert_eq!(status, Some(0), "{mode} {wasm}");
            assert_eq!(out, host_out, "{mode} {wasm}");
            assert!(unchanged, "{mode} {wasm}: the host must not change");
        }
    }
}
