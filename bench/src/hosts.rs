//! The hosts a benchmark guest runs on: ours (over `MemFs` or `HostDirFs`), `wasmi_wasi`,
//! and `wasmi_wasi` with the measured imports replaced by empty closures (the engine's own
//! floor for an import call of that signature).

use core::sync::atomic::{AtomicU32, Ordering};
use std::path::{Path, PathBuf};
use wasip1_host::clock::SystemClock;
use wasip1_host::fs::{HostDirFs, MemFs};
use wasip1_host::Host;
use wasmi::{Config, Engine, Linker, Module, Store};
use wasmi_wasi::wasi_common::pipe::WritePipe;
use wasmi_wasi::{ambient_authority, Dir, WasiCtx, WasiCtxBuilder};

/// Where a guest runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum HostKind {
    /// `wasip1_host::Host` over a fresh `MemFs`.
    OursMem,
    /// `wasip1_host::Host` over `HostDirFs` on a fresh scratch directory.
    OursHost,
    /// `wasmi_wasi` (wasi-common + cap-std) with a fresh scratch directory preopened.
    WasmiWasi,
    /// `wasmi_wasi`, except that `sched_yield`, `fd_fdstat_get` and `clock_time_get` are empty
    /// wasmi host functions of the same signatures (they do nothing, not even write a result).
    Raw,
}

impl HostKind {
    pub(crate) const ALL: [Self; 4] = [Self::OursMem, Self::OursHost, Self::WasmiWasi, Self::Raw];

    /// The short name used on the command line (`one HOST ...`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::OursMem => "ours-mem",
            Self::OursHost => "ours-host",
            Self::WasmiWasi => "wasmi-wasi",
            Self::Raw => "raw",
        }
    }

    /// The column title in the tables.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Self::OursMem => "ours MemFs",
            Self::OursHost => "ours HostDirFs",
            Self::WasmiWasi => "wasmi_wasi",
            Self::Raw => "raw wasmi",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.name() == name)
    }
}

/// A scratch directory, removed on drop: on `/dev/shm` (tmpfs) when it exists, so host-backed
/// runs measure the host call path and the kernel's VFS, not a disk.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    pub(crate) fn new() -> Result<Self, String> {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = base.join(format!("wasip1-bench.{}.{n}", std::process::id()));
        std::fs::create_dir(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        Ok(Self(dir))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The directory the scratch directories go to.
pub(crate) fn scratch_base() -> String {
    if Path::new("/dev/shm").is_dir() {
        "/dev/shm (tmpfs)".into()
    } else {
        format!("{} (no /dev/shm)", std::env::temp_dir().display())
    }
}

/// Runs `wasm` with `argv` (program name first) on `host` and returns its stdout.
///
/// # Errors
///
/// A description of the failure: the host's error, or a nonzero exit with the guest's stderr.
pub(crate) fn run(host: HostKind, wasm: &[u8], argv: &[String]) -> Result<String, String> {
    match host {
        HostKind::OursMem => run_ours(wasm, argv, None),
        HostKind::OursHost => {
            let dir = Scratch::new()?;
            run_ours(wasm, argv, Some(dir.path()))
        }
        HostKind::WasmiWasi | HostKind::Raw => {
            let dir = Scratch::new()?;
            run_wasmi_wasi(wasm, argv, Some(dir.path()), host == HostKind::Raw)
        }
    }
}

/// Our host, with the real clock (the default virtual clock would make self-timing useless).
pub(crate) fn run_ours(wasm: &[u8], argv: &[String], dir: Option<&Path>) -> Result<String, String> {
    let host = Host::new().args(argv).clock(SystemClock::default());
    let outcome = match dir {
        None => host.run_with(wasm, MemFs::new()),
        Some(dir) => {
            let fs = HostDirFs::open(dir).map_err(|e| format!("HostDirFs::open: {e}"))?;
            host.run_with(wasm, fs)
        }
    }
    .map_err(|e| format!("wasip1-host: {e}"))?;
    let stdout = String::from_utf8_lossy(&outcome.stdout).into_owned();
    if outcome.exit_code != 0 {
        return Err(format!(
            "exit {}: {}{}",
            outcome.exit_code,
            stdout,
            String::from_utf8_lossy(&outcome.stderr)
        ));
    }
    Ok(stdout)
}

/// `wasmi_wasi` on the same wasmi (default `Config`, as our host uses), `dir` preopened as `/`
/// like our root. With `raw_floor`, `sched_yield`, `fd_fdstat_get` and `clock_time_get` are
/// shadowed by empty closures of the same signatures.
pub(crate) fn run_wasmi_wasi(
    wasm: &[u8],
    argv: &[String],
    dir: Option<&Path>,
    raw_floor: bool,
) -> Result<String, String> {
    let err = |e: &dyn core::fmt::Display| format!("wasmi_wasi: {e}");
    let engine = Engine::new(&Config::default());
    let module = Module::new(&engine, wasm).map_err(|e| err(&e))?;
    let mut linker = Linker::<WasiCtx>::new(&engine);
    wasmi_wasi::add_to_linker(&mut linker, |cx| cx).map_err(|e| err(&e))?;
    if raw_floor {
        // Host functions that do nothing, with the signatures of the imports `hostcall`
        // measures: the engine's own cost of calling an import, the floor for any host.
        linker.allow_shadowing(true);
        let m = "wasi_snapshot_preview1";
        linker
            .func_wrap(m, "sched_yield", || -> i32 { 0 })
            .and_then(|l| l.func_wrap(m, "fd_fdstat_get", |_: i32, _: i32| -> i32 { 0 }))
            .and_then(|l| l.func_wrap(m, "clock_time_get", |_: i32, _: i64, _: i32| -> i32 { 0 }))
            .map_err(|e| err(&e))?;
    }
    let stdout = WritePipe::new_in_memory();
    let stderr = WritePipe::new_in_memory();
    let mut builder = WasiCtxBuilder::new();
    builder
        .args(argv)
        .map_err(|e| err(&e))?
        .stdout(Box::new(stdout.clone()))
        .stderr(Box::new(stderr.clone()));
    if let Some(dir) = dir {
        let dir = Dir::open_ambient_dir(dir, ambient_authority()).map_err(|e| err(&e))?;
        builder.preopened_dir(dir, "/").map_err(|e| err(&e))?;
    }
    let mut store = Store::new(&engine, builder.build());
    let result = linker
        .instantiate_and_start(&mut store, &module)
        .and_then(|instance| {
            instance
                .get_typed_func::<(), ()>(&store, "_start")?
                .call(&mut store, ())
        });
    let code = match result {
        Ok(()) => 0,
        Err(e) => e.i32_exit_status().ok_or_else(|| err(&e))?,
    };
    drop(store);
    let take = |pipe: WritePipe<std::io::Cursor<Vec<u8>>>| {
        pipe.try_into_inner()
            .map(|c| String::from_utf8_lossy(c.get_ref()).into_owned())
            .unwrap_or_default()
    };
    let out = take(stdout);
    if code != 0 {
        return Err(format!("exit {code}: {out}{}", take(stderr)));
    }
    Ok(out)
}

/// The `name=value` lines of a guest's output (`checksum=` is not a measurement).
pub(crate) fn parse_metrics(stdout: &str) -> Vec<(String, f64)> {
    stdout
        .lines()
        .filter_map(|line| {
            let (name, value) = line.split_once('=')?;
            if name == "checksum" {
                return None;
            }
            Some((name.to_string(), value.trim().parse().ok()?))
        })
        .collect()
}
