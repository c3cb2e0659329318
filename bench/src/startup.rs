//! Startup and footprint: `hello.wasm` in a fresh process, wall time and peak RSS.
//!
//! Three pairs, when available:
//! - this binary's `child-hello ours` vs `child-hello wasmi-wasi` (same executable, so only
//!   the host differs);
//! - the `wasip1-host` CLI built next to this binary (`cargo build --release`) vs
//!   `wasmi` (the executable of `cargo install wasmi_cli --version 2.0.0`) on `PATH`.
//!
//! Peak RSS is the child's `ru_maxrss`, read with `/usr/bin/time -f %M`.

use crate::hosts::run_wasmi_wasi;
use crate::stats::median;
use core::time::Duration;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One way to run hello world in a fresh process.
pub(crate) struct Contender {
    pub name: String,
    pub argv: Vec<String>,
}

/// The contenders that exist on this machine, as pairs of (ours, reference).
pub(crate) fn contenders(hello: &Path) -> Vec<(Contender, Contender)> {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("wasip1-bench"));
    let exe_s = exe.display().to_string();
    let hello_s = hello.display().to_string();
    let mut pairs = vec![(
        Contender {
            name: "wasip1-bench child-hello ours".into(),
            argv: vec![
                exe_s.clone(),
                "child-hello".into(),
                "ours".into(),
                hello_s.clone(),
            ],
        },
        Contender {
            name: "wasip1-bench child-hello wasmi-wasi".into(),
            argv: vec![
                exe_s,
                "child-hello".into(),
                "wasmi-wasi".into(),
                hello_s.clone(),
            ],
        },
    )];
    let cli = exe.with_file_name("wasip1-host");
    if let (true, Some(wasmi_cli)) = (cli.is_file(), find_in_path("wasmi")) {
        pairs.push((
            Contender {
                name: "wasip1-host (CLI)".into(),
                argv: vec![cli.display().to_string(), hello_s.clone()],
            },
            Contender {
                name: "wasmi_cli 2.0.0 (`wasmi`)".into(),
                argv: vec![wasmi_cli.display().to_string(), hello_s],
            },
        ));
    } else {
        eprintln!(
            "startup: CLI comparison skipped (needs {} from `cargo build --release` and \
             `wasmi` from `cargo install wasmi_cli --version 2.0.0` on PATH)",
            cli.display()
        );
    }
    pairs
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Wall time of one run, stdout discarded.
fn wall(argv: &[String]) -> Result<Duration, String> {
    let (program, args) = argv.split_first().ok_or("empty command")?;
    let t = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    let d = t.elapsed();
    if !status.success() {
        return Err(format!("{argv:?}: {status}"));
    }
    Ok(d)
}

/// Peak RSS in KiB, through `/usr/bin/time -f %M`.
fn peak_rss_kib(argv: &[String]) -> Option<u64> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let out = Command::new(time)
        .args(["-f", "%M"])
        .args(argv)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines().last()?.trim().parse().ok()
}

/// Medians for one pair: `[ours, reference]`.
pub(crate) struct Row {
    pub names: [String; 2],
    /// Wall time in ms.
    pub wall_ms: [Option<f64>; 2],
    /// Peak RSS in KiB.
    pub rss_kib: [Option<f64>; 2],
}

/// Measures every pair `reps` times, interleaved.
///
/// # Errors
///
/// A contender that fails to start or exits nonzero.
pub(crate) fn measure(pairs: &[(Contender, Contender)], reps: usize) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (ours, reference) in pairs {
        let mut t = [Vec::new(), Vec::new()];
        let mut r = [Vec::new(), Vec::new()];
        for _ in 0..reps {
            for (i, c) in [ours, reference].into_iter().enumerate() {
                let ms = wall(&c.argv)?.as_secs_f64() * 1e3;
                if let Some(v) = t.get_mut(i) {
                    v.push(ms);
                }
                if let (Some(v), Some(kib)) = (r.get_mut(i), peak_rss_kib(&c.argv)) {
                    v.push(kib as f64);
                }
            }
        }
        rows.push(Row {
            names: [ours.name.clone(), reference.name.clone()],
            wall_ms: t.map(|v| median(&v)),
            rss_kib: r.map(|v| median(&v)),
        });
    }
    Ok(rows)
}

/// The rows as a Markdown table; ratios are ours / reference.
pub(crate) fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| contender | wall ms | peak RSS KiB | wall ratio | RSS ratio |\n\
         |---|---:|---:|---:|---:|\n",
    );
    let ratio = |[a, b]: [Option<f64>; 2]| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.3}", a / b),
        _ => "-".into(),
    };
    let f = |v: Option<f64>, d: usize| v.map_or("-".into(), |v| format!("{v:.d$}"));
    for row in rows {
        let [n0, n1] = &row.names;
        let [t0, t1] = row.wall_ms;
        let [r0, r1] = row.rss_kib;
        out.push_str(&format!(
            "| {n0} | {} | {} | {} | {} |\n| {n1} | {} | {} | | |\n",
            f(t0, 2),
            f(r0, 0),
            ratio(row.wall_ms),
            ratio(row.rss_kib),
            f(t1, 2),
            f(r1, 0),
        ));
    }
    out
}

/// `child-hello HOST WASM`: runs hello world once in this process (no preopens, real clock).
pub(crate) fn child_hello(host: &str, wasm_path: &str) -> Result<(), String> {
    let wasm = std::fs::read(wasm_path).map_err(|e| format!("{wasm_path}: {e}"))?;
    let argv = vec!["hello.wasm".to_string()];
    let out = match host {
        "ours" => run_ours_no_preopen(&wasm, &argv)?,
        "wasmi-wasi" => run_wasmi_wasi(&wasm, &argv, None, false)?,
        _ => return Err(format!("unknown host {host}")),
    };
    print!("{out}");
    Ok(())
}

fn run_ours_no_preopen(wasm: &[u8], argv: &[String]) -> Result<String, String> {
    // Hello world needs no preopen, as with the CLIs.
    let outcome = wasip1_host::Host::new()
        .args(argv)
        .clock(wasip1_host::clock::SystemClock::default())
        .run_module(wasm)
        .map_err(|e| format!("wasip1-host: {e}"))?;
    Ok(String::from_utf8_lossy(&outcome.stdout).into_owned())
}
