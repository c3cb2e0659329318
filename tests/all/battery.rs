//! The preview1 battery: one commented WAT guest per import family, one test per edge case.
//!
//! Each guest `guest-fixtures/wat/p1_<family>.wat` takes the name of an edge case as argv[1],
//! runs it and prints `<label> <value>` lines (errnos, sizes, offsets in decimal). A test runs
//! its case on every backend of [`support::backends`], compares what the guest printed, and
//! may inspect the filesystem afterwards through the `Fs` trait. Expected outputs may name
//! errnos (`seek SPIPE`): [`Case::prints`] turns a value that is an errno name into its number.
//!
//! The guests: [`FD_IO`], [`FD_META`], [`READDIR`], [`PATH`], [`POLL`] and [`MISC`].

mod fd_io;
mod fd_meta;
mod misc;
mod path;
mod poll;
mod readdir;

use crate::support::{self, FsRef, MakeFs};
use std::rc::Rc;
use wasip1_host::abi::Errno;
use wasip1_host::fs::Fs;
use wasip1_host::{Error, Host};

/// fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell, fd_close, fd_renumber.
pub const FD_IO: &str = "wat/p1_fd_io.wasm";
/// fd_fdstat_*, fd_filestat_*, fd_advise, fd_allocate, fd_sync, fd_datasync, fd_prestat_*.
pub const FD_META: &str = "wat/p1_fd_meta.wasm";
/// fd_readdir.
pub const READDIR: &str = "wat/p1_readdir.wasm";
/// path_*.
pub const PATH: &str = "wat/p1_path.wasm";
/// poll_oneoff.
pub const POLL: &str = "wat/p1_poll.wasm";
/// args_*, environ_*, clock_*, random_get, proc_*, sched_yield, sock_*.
pub const MISC: &str = "wat/p1_misc.wasm";

type FsFn = Box<dyn Fn(&dyn Fs)>;

/// One edge case of a battery guest: the tree it needs, how it is run, and what must hold
/// after it ran. Built with [`case`], run by [`Case::prints`] and its siblings.
pub struct Case {
    fixture: &'static str,
    name: &'static str,
    extra_args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    given: Vec<FsFn>,
    then: Vec<FsFn>,
    exit_code: u32,
    stderr: String,
    second_preopen: bool,
    needs: Vec<support::Need>,
}

/// The case `name` of the guest `fixture` (one of the constants above).
pub fn case(fixture: &'static str, name: &'static str) -> Case {
    Case {
        fixture,
        name,
        extra_args: Vec::new(),
        env: Vec::new(),
        stdin: None,
        given: Vec::new(),
        then: Vec::new(),
        exit_code: 0,
        stderr: String::new(),
        second_preopen: false,
        needs: Vec::new(),
    }
}

impl Case {
    /// Prepares each fresh filesystem before the run.
    pub fn given(mut self, f: impl Fn(&dyn Fs) + 'static) -> Self {
        self.given.push(Box::new(f));
        self
    }

    /// Checks each filesystem after the run.
    pub fn then(mut self, f: impl Fn(&dyn Fs) + 'static) -> Self {
        self.then.push(Box::new(f));
        self
    }

    /// Arguments after the case name.
    pub fn args(mut self, args: &[&str]) -> Self {
        self.extra_args = args.iter().map(|a| a.to_string()).collect();
        self
    }

    /// An environment variable for the guest.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Bytes for the guest's stdin (empty by default).
    pub fn stdin(mut self, bytes: &[u8]) -> Self {
        self.stdin = Some(bytes.to_vec());
        self
    }

    /// Also preopens a second, empty filesystem of the same backend as "/data" (fd 4).
    pub fn with_second_preopen(mut self) -> Self {
        self.second_preopen = true;
        self
    }

    /// Runs only on backends that can do `need` (see `support::traits`).
    pub fn needs(mut self, need: support::Need) -> Self {
        self.needs.push(need);
        self
    }

    /// The exit code the guest must end with (0 by default).
    pub fn exits_with(mut self, code: u32) -> Self {
        self.exit_code = code;
        self
    }

    /// What the guest must print on stderr (nothing by default); errno names are expanded.
    pub fn stderr(mut self, expected: &str) -> Self {
        self.stderr = expand(expected);
        self
    }

    /// Runs the case on every backend; stdout must be `expected` (errno names expanded).
    pub fn prints(self, expected: &str) {
        let expected = expand(expected);
        self.run_all(&|_, stdout| Some(expected.clone()).filter(|e| e != stdout));
    }

    /// Runs the case on every backend and returns each stdout, for checks that are not
    /// plain equality.
    pub fn outputs(self) -> Vec<(&'static str, String)> {
        self.run_all(&|_, _| None)
    }

    /// The guest must trap with a message containing `needle`; `then` checks still run.
    pub fn traps(self, needle: &str) {
        for (backend, make) in support::backends() {
            if !support::supports(backend, &self.needs, self.name) {
                continue;
            }
            let fs = self.prepare(make);
            if support::setup_incomplete(backend, self.name) {
                continue;
            }
            match self
                .host(make)
                .run_with(&support::fixture(self.fixture), Rc::clone(&fs))
            {
                Err(Error::Trap { message, .. }) => assert!(
                    message.contains(needle),
                    "{} {} on {backend}: trap message {message:?} lacks {needle:?}",
                    self.fixture,
                    self.name
                ),
                other => panic!(
                    "{} {} on {backend}: expected a trap, got {other:?}",
                    self.fixture, self.name
                ),
            }
            self.check_after(&fs);
        }
    }

    fn argv(&self) -> Vec<String> {
        let argv0 = self.fixture.trim_start_matches("wat/").to_string();
        let mut argv = vec![argv0, self.name.to_string()];
        argv.extend(self.extra_args.iter().cloned());
        argv
    }

    fn host(&self, make: MakeFs) -> Host {
        let mut host = Host::new().args(self.argv());
        if self.second_preopen {
            host = host.preopen("/data", make());
        }
        for (k, v) in &self.env {
            host = host.env(k, v);
        }
        if let Some(bytes) = &self.stdin {
            host = host.stdin(bytes.clone());
        }
        host
    }

    fn prepare(&self, make: MakeFs) -> FsRef {
        let fs = make();
        for f in &self.given {
            f(&*fs);
        }
        fs
    }

    fn check_after(&self, fs: &FsRef) {
        for f in &self.then {
            f(&**fs);
        }
    }

    /// Runs on every backend: checks the exit code and stderr, then asks `mismatch` whether
    /// stdout is wrong (it returns what was expected), then runs the `then` checks.
    fn run_all(
        &self,
        mismatch: &dyn Fn(&'static str, &str) -> Option<String>,
    ) -> Vec<(&'static str, String)> {
        let mut outs = Vec::new();
        for (backend, make) in support::backends() {
            if !support::supports(backend, &self.needs, self.name) {
                continue;
            }
            let fs = self.prepare(make);
            if support::setup_incomplete(backend, self.name) {
                continue;
            }
            let out = if self.env.is_empty() && self.stdin.is_none() && !self.second_preopen {
                let argv = self.argv();
                let args: Vec<&str> = argv.iter().map(String::as_str).collect();
                support::run_fixture(self.fixture, &args, &fs)
            } else {
                self.host(make)
                    .run_with(&support::fixture(self.fixture), Rc::clone(&fs))
                    .unwrap_or_else(|e| panic!("{} {}: {e}", self.fixture, self.name))
            };
            let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
            assert_eq!(
                (
                    out.exit_code,
                    String::from_utf8_lossy(&out.stderr).into_owned()
                ),
                (self.exit_code, self.stderr.clone()),
                "exit code and stderr of {} {} on {backend} (stdout: {stdout:?})",
                self.fixture,
                self.name,
            );
            if let Some(expected) = mismatch(backend, &stdout) {
                assert_eq!(
                    stdout, expected,
                    "stdout of {} {} on {backend}",
                    self.fixture, self.name
                );
            }
            self.check_after(&fs);
            outs.push((backend, stdout));
        }
        outs
    }
}

/// Replaces each value that is an errno name (`read BADF`) by its number (`read 8`).
pub fn expand(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        match body
            .split_once(' ')
            .and_then(|(label, value)| Some((label, errno_named(value)?)))
        {
            Some((label, errno)) => out.push_str(&format!("{label} {errno}{nl}")),
            None => out.push_str(line),
        }
    }
    out
}

fn errno_named(name: &str) -> Option<u16> {
    (0..=76u16).find(|&n| Errno(n).name() == name)
}

/// The file at `path` holds exactly `bytes`.
pub fn assert_file(fs: &dyn Fs, path: &str, bytes: &[u8]) {
    assert_eq!(
        support::get(fs, path).map(|b| String::from_utf8_lossy(&b).into_owned()),
        Ok(String::from_utf8_lossy(bytes).into_owned()),
        "contents of {path}"
    );
}

/// Nothing is at `path` (not even a dangling symlink).
pub fn assert_missing(fs: &dyn Fs, path: &str) {
    assert_eq!(
        support::lstat(fs, path).map(|s| s.filetype),
        Err(Errno::NOENT),
        "{path} should not exist"
    );
}

#[test]
fn expected_outputs_name_errnos() {
    assert_eq!(
        expand("seek SPIPE\nn 5\nwrite 0\n"),
        "seek 70\nn 5\nwrite 0\n"
    );
    assert_eq!(expand("data hello BADF\n"), "data hello BADF\n");
}
