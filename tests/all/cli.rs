//! The `wasip1-host` command: arguments, environment, exit statuses, error lines and `--dir`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_wasip1-host");
const ARGS_ENV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/wat/args_env.wasm"
);
const EXIT_CODE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/wat/exit_code.wasm"
);
const TRAP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/guest-fixtures/wat/trap.wasm");
const CLOCK_RANDOM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/wat/clock_random.wasm"
);
const PATH_PROBE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/wat/path_probe.wasm"
);
const HELLO_FS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/c/hello_fs.wasm"
);
const ARGS_ENV_WAT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/guest-fixtures/wat/args_env.wat"
);

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

/// Every entry below `root` with its kind, contents or link target, and modification time,
/// without following links.
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
                format!("{:?}", fs::read_to_string(e.path()).unwrap())
            };
            out.push(format!("{r} {what} {:?}", meta.modified().unwrap()));
        }
    }
    out.sort();
    out
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
fn help_describes_the_write_back() {
    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    assert!(help.contains("Usage: wasip1-host [OPTIONS] <MODULE.wasm> [ARGS]..."));
    assert!(help.contains("written back to HOST"), "{help}");
    assert!(help.contains("nothing is written back"), "{help}");
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
    let out = run(&[
        "--dir",
        &format!("{}::/", t.path("nope").display()),
        ARGS_ENV,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "", "the guest must not run");
    assert!(one_error_line(&out).contains("nope"));
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
fn hello_fs_writes_back_to_the_host_dir() {
    let t = TempDir::new();
    t.write("in/hello.txt", "Hello, world!\n");
    t.write("keep/untouched.txt", "leave me");
    fs::create_dir(t.path("out")).unwrap();
    let keep_before = fs::metadata(t.path("keep/untouched.txt")).unwrap();
    let out = run(&[
        "--dir",
        &t.dir_arg("/"),
        "--env",
        "GREETING=hi",
        HELLO_FS,
        "-v",
        "two words",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "hello_fs: read 14 bytes from in/hello.txt, wrote 14 bytes to out/HELLO.TXT\n\
         arg: -v\narg: two words\nGREETING=hi\n"
    );
    assert_eq!(
        fs::read_to_string(t.path("out/HELLO.TXT")).unwrap(),
        "HELLO, WORLD!\n"
    );
    assert_eq!(
        fs::read_to_string(t.path("in/hello.txt")).unwrap(),
        "Hello, world!\n"
    );
    let keep_after = fs::metadata(t.path("keep/untouched.txt")).unwrap();
    assert_eq!(
        fs::read_to_string(t.path("keep/untouched.txt")).unwrap(),
        "leave me"
    );
    assert_eq!(
        keep_after.modified().unwrap(),
        keep_before.modified().unwrap()
    );
}

#[cfg(unix)]
#[test]
fn a_guest_that_changes_nothing_leaves_the_tree_as_it_was() {
    let t = TempDir::new();
    t.write("a.txt", "alpha");
    t.write("sub/deep/b.txt", "beta");
    fs::create_dir(t.path("empty")).unwrap();
    std::os::unix::fs::symlink("a.txt", t.path("link")).unwrap();
    std::os::unix::fs::symlink("../../outside", t.path("sub/dangling")).unwrap();
    let before = tree(&t.0);
    let out = run(&["--dir", &t.dir_arg("/"), ARGS_ENV]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(tree(&t.0), before);
    // The same with a non-zero exit status, and a probe that only reads.
    let out = run(&[
        "--dir",
        &t.dir_arg("/"),
        PATH_PROBE,
        "read",
        "sub/deep/b.txt",
    ]);
    assert_eq!(stdout(&out), "beta0\n");
    let out = run(&["--dir", &t.dir_arg("/"), PATH_PROBE, "bad-op", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(tree(&t.0), before);
}

#[test]
fn a_new_file_is_written_back() {
    let t = TempDir::new();
    let out = run(&["--dir", &t.dir_arg("/"), PATH_PROBE, "create", "made.txt"]);
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
    assert_eq!(fs::read(t.path("made.txt")).unwrap(), b"");
}

#[test]
fn dirs_are_preopened_in_command_line_order() {
    let t = TempDir::new();
    t.write("data.txt", "data");
    let other = TempDir::new();
    // fd 3 is the first --dir, even when the second one is named `/`.
    let out = run(&[
        "--dir",
        &t.dir_arg("/first"),
        "--dir",
        &other.dir_arg("/"),
        PATH_PROBE,
        "stat",
        "data.txt",
    ]);
    assert_eq!(stdout(&out), "0\n", "{}", stderr(&out));
    let out = run(&[
        "--dir",
        &other.dir_arg("/"),
        "--dir",
        &t.dir_arg("/first"),
        PATH_PROBE,
        "stat",
        "data.txt",
    ]);
    assert_eq!(stdout(&out), "44\n", "NOENT; stderr: {}", stderr(&out));
    // Without any --dir, fd 3 is not a directory at all.
    let out = run(&[PATH_PROBE, "stat", "data.txt"]);
    assert_eq!(stdout(&out), "8\n", "BADF; stderr: {}", stderr(&out));
}

/// A guest that creates `made.txt` in fd 3, writes `written` to it, then runs `ending`.
fn write_then(ending: &str) -> Vec<u8> {
    wat::parse_str(format!(
        r#"(module
          (import "wasi_snapshot_preview1" "path_open"
            (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write"
            (func $write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "made.txt")
          (data (i32.const 32) "written")
          (func (export "_start")
            ;; path_open(3, 0, "made.txt", CREAT, FD_WRITE, 0, 0) -> fd at 0
            (if (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 8)
                  (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 0))
              (then (call $exit (i32.const 99))))
            (i32.store (i32.const 4) (i32.const 32))
            (i32.store (i32.const 8) (i32.const 7))
            (if (call $write (i32.load (i32.const 0)) (i32.const 4) (i32.const 1) (i32.const 12))
              (then (call $exit (i32.const 98))))
            {ending}))"#
    ))
    .unwrap()
}

#[test]
fn changes_are_written_back_after_a_nonzero_exit_but_not_after_a_trap() {
    let modules = TempDir::new();
    let exits = modules.path("exits.wasm");
    let traps = modules.path("traps.wasm");
    fs::write(&exits, write_then("(call $exit (i32.const 7))")).unwrap();
    fs::write(&traps, write_then("unreachable")).unwrap();

    let t = TempDir::new();
    let out = run(&["--dir", &t.dir_arg("/"), exits.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(t.path("made.txt")).unwrap(), "written");

    let t = TempDir::new();
    let out = run(&["--dir", &t.dir_arg("/"), traps.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(134));
    one_error_line(&out);
    assert!(
        tree(&t.0).is_empty(),
        "nothing is written back after a trap"
    );
}

#[test]
fn exit_codes_keep_their_low_8_bits() {
    let t = TempDir::new();
    let module = t.path("exit300.wasm");
    let wasm = wat::parse_str(
        r#"(module
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start") (call $exit (i32.const 300))))"#,
    )
    .unwrap();
    fs::write(&module, wasm).unwrap();
    let out = run(&[module.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(300 & 0xff));
    assert_eq!(stderr(&out), "");
}
