//! `wasip1-bench`: runs the benchmark guests of `guest-fixtures/bench/` on wasip1-host (over
//! `MemFs` and over `HostDirFs` on tmpfs) and on `wasmi_wasi` (a tmpfs directory), on the
//! same wasmi build in the same process, and prints medians and time ratios.
//!
//! ```text
//! cargo run --release -p wasip1-bench                  # the full run (a few minutes)
//! cargo run --release -p wasip1-bench -- --quick       # small sizes, 2 repetitions
//! cargo run --release -p wasip1-bench -- --syscalls    # strace -c: host syscalls per op
//! cargo run --release -p wasip1-bench -- --callgrind   # valgrind: instructions per op
//! ```
//!
//! See `docs/PERFORMANCE.md` for the results and what they mean.

mod hosts;
mod probes;
mod startup;
mod stats;
mod suite;

use hosts::HostKind;
use stats::{Key, Results};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use suite::{Sizes, FULL, QUICK};

const USAGE: &str = "\
usage: wasip1-bench [--quick] [--reps N] [--only GUEST,...] [--no-startup]
       wasip1-bench --syscalls | --callgrind
       wasip1-bench one HOST GUEST [ARGS...]

  (default)      every benchmark on every host, medians, ratios and the targets
  --quick        small sizes and 2 repetitions (a smoke run, about a minute)
  --reps N       repetitions per measurement (default 7)
  --only LIST    only these guests (hostcall,small_write,bulk_io,seek_overwrite,
                 metadata,readdir,hello)
  --no-startup   skip the hello-world startup/RSS comparison
  --syscalls     host syscalls per operation with strace -c (ours HostDirFs vs wasmi_wasi)
  --callgrind    instructions per operation with valgrind --tool=callgrind
  one            run one guest once on HOST (ours-mem, ours-host, wasmi-wasi, raw) and
                 print its output; what --syscalls and --callgrind run under the tool
Guests are read from guest-fixtures/bench/ (override with WASIP1_BENCH_GUESTS).";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasip1-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result<(), String> {
    let rest = args.get(1..).unwrap_or_default();
    match args.first().map(String::as_str) {
        Some("one") => one(rest),
        Some("child-hello") => match rest {
            [host, wasm] => startup::child_hello(host, wasm),
            _ => Err("usage: child-hello ours|wasmi-wasi WASM".into()),
        },
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("--syscalls") => {
            println!("{}", probes::syscalls()?);
            Ok(())
        }
        Some("--callgrind") => {
            println!("{}", probes::callgrind()?);
            Ok(())
        }
        _ => bench(&Options::parse(args)?),
    }
}

fn guests_dir() -> PathBuf {
    std::env::var_os("WASIP1_BENCH_GUESTS").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../guest-fixtures/bench"
            ))
        },
        PathBuf::from,
    )
}

fn load(guest: &str) -> Result<Vec<u8>, String> {
    let path = guests_dir().join(format!("{guest}.wasm"));
    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn argv(guest: &str, args: &[String]) -> Vec<String> {
    let mut v = vec![format!("{guest}.wasm")];
    v.extend_from_slice(args);
    v
}

/// `one HOST GUEST ARGS...`
fn one(args: &[String]) -> Result<(), String> {
    let [host, guest, rest @ ..] = args else {
        return Err(USAGE.into());
    };
    let host = HostKind::parse(host).ok_or_else(|| format!("unknown host {host}"))?;
    let out = hosts::run(host, &load(guest)?, &argv(guest, rest))?;
    print!("{out}");
    Ok(())
}

struct Options {
    quick: bool,
    reps: usize,
    only: Vec<String>,
    startup: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut o = Self {
            quick: false,
            reps: 0,
            only: Vec::new(),
            startup: true,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--quick" => o.quick = true,
                "--no-startup" => o.startup = false,
                "--reps" => {
                    o.reps = it
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .ok_or("--reps needs a positive number")?;
                }
                "--only" => {
                    o.only = it
                        .next()
                        .ok_or("--only needs a list")?
                        .split(',')
                        .map(str::to_string)
                        .collect();
                }
                other => return Err(format!("unknown argument {other}\n{USAGE}")),
            }
        }
        if o.reps == 0 {
            o.reps = if o.quick { 2 } else { 7 };
        }
        Ok(o)
    }

    fn wants(&self, guest: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|g| g == guest)
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown kernel".into());
    let cores = std::thread::available_parallelism().map_or(0, core::num::NonZero::get);
    format!("{cores} cores, {cpu}, Linux {kernel}")
}

/// The imports the raw host replaces with empty closures.
const RAW_METRICS: [&str; 3] = ["sched_yield", "fd_fdstat_get", "clock_time_get"];

/// ns per call of `metric` on the raw host, timed from outside: the wall time of a run with
/// `N + N/4` calls minus that of a run with `N/4` calls (compilation and setup cancel), over N.
fn raw_floor(wasm: &[u8], args: &[String], metric: &str) -> Result<f64, String> {
    let n: u64 = args
        .first()
        .and_then(|a| a.parse().ok())
        .ok_or("hostcall needs N")?;
    let timed = |calls: u64| -> Result<f64, String> {
        let argv = argv("hostcall", &[calls.to_string(), metric.to_string()]);
        let t = Instant::now();
        hosts::run(HostKind::Raw, wasm, &argv)?;
        Ok(t.elapsed().as_secs_f64() * 1e9)
    };
    let lo = timed(n / 4)?;
    let hi = timed(n + n / 4)?;
    Ok((hi - lo).max(0.0) / n as f64)
}

/// Native memcpy bandwidth in MB/s for `mib` MiB in 1 MiB chunks: into a resident buffer,
/// out of it, and into fresh pages (what a growing file needs).
fn memcpy_mbps(mib: usize) -> [f64; 3] {
    const CHUNK: usize = 1 << 20;
    let total = mib * CHUNK;
    let mbps = |t: Instant| total as f64 / t.elapsed().as_secs_f64() / 1e6;
    let src = vec![0x5au8; CHUNK];
    let mut big = vec![0u8; total];
    big.fill(1);
    let t = Instant::now();
    for c in big.chunks_mut(CHUNK) {
        c.copy_from_slice(&src);
    }
    core::hint::black_box(&big);
    let to = mbps(t);
    let mut small = vec![1u8; CHUNK];
    let t = Instant::now();
    for c in big.chunks(CHUNK) {
        small.copy_from_slice(c);
        core::hint::black_box(&small);
    }
    let from = mbps(t);
    drop(big);
    let t = Instant::now();
    let mut fresh: Vec<u8> = Vec::with_capacity(total);
    for _ in 0..mib {
        fresh.extend_from_slice(&src);
    }
    core::hint::black_box(&fresh);
    let into_fresh = mbps(t);
    [to, from, into_fresh]
}

const MEMCPY: [&str; 3] = ["memcpy_into", "memcpy_out_of", "memcpy_into_fresh"];

fn bench(o: &Options) -> Result<(), String> {
    let sizes: &Sizes = if o.quick { &QUICK } else { &FULL };
    println!("# wasip1-bench\n");
    println!("- machine: {}", machine());
    println!("- scratch directories: {}", hosts::scratch_base());
    println!(
        "- mode: {}, {} repetitions per measurement, hosts interleaved within each repetition",
        if o.quick { "--quick" } else { "full" },
        o.reps
    );
    println!(
        "- time ratios are ours / wasmi_wasi (below 1: ours is faster); spread is the largest \
         (max - min) / median in the row\n"
    );
    let started = Instant::now();
    let mut results = Results::default();
    for case in suite::cases(sizes).iter().filter(|c| o.wants(c.guest)) {
        let wasm = load(case.guest)?;
        let argv = argv(case.guest, &case.args);
        for _ in 0..o.reps {
            for &host in &case.hosts {
                if host == HostKind::Raw {
                    // Its empty `clock_time_get` would stop the guest's own clock: time it
                    // from outside instead.
                    for metric in RAW_METRICS {
                        let value = raw_floor(&wasm, &case.args, metric)?;
                        let key = Key {
                            guest: case.guest.into(),
                            size: case.size.clone(),
                            metric: metric.into(),
                        };
                        results.push(key, host, value);
                    }
                    continue;
                }
                let out = hosts::run(host, &wasm, &argv).map_err(|e| {
                    format!("{} {} on {}: {e}", case.guest, case.size, host.title())
                })?;
                for (metric, value) in hosts::parse_metrics(&out) {
                    let key = Key {
                        guest: case.guest.into(),
                        size: case.size.clone(),
                        metric,
                    };
                    results.push(key, host, value);
                }
            }
        }
        eprintln!(
            "[{:6.1}s] {} {} done",
            started.elapsed().as_secs_f64(),
            case.guest,
            case.size
        );
    }
    println!("## Guests\n\n{}", results.table());

    let mut memcpy: BTreeMap<(u64, usize), Vec<f64>> = BTreeMap::new();
    if o.wants("bulk_io") {
        for &mib in sizes.bulk_mib {
            for _ in 0..o.reps {
                let m = memcpy_mbps(usize::try_from(mib).unwrap_or(64));
                for (i, v) in m.into_iter().enumerate() {
                    memcpy.entry((mib, i)).or_default().push(v);
                }
            }
        }
        println!("## Native memcpy (1 MiB chunks, MB/s)\n\n| size | into resident buffer | out of it | into fresh pages |\n|---|---:|---:|---:|");
        for &mib in sizes.bulk_mib {
            let m = |i| stats::fmt_value(memcpy.get(&(mib, i)).and_then(|v| stats::median(v)));
            println!("| {mib} MiB | {} | {} | {} |", m(0), m(1), m(2));
        }
        println!();
    }

    let mut startup_rows = Vec::new();
    if o.startup && o.wants("hello") {
        let hello = guests_dir().join("hello.wasm");
        let pairs = startup::contenders(&hello);
        startup_rows = startup::measure(&pairs, if o.quick { 3 } else { 40 })?;
        println!(
            "## Startup: hello world in a fresh process\n\n{}",
            startup::table(&startup_rows)
        );
    }

    let memcpy_med = |mib: u64, which: &str| {
        let i = MEMCPY.iter().position(|m| *m == which)?;
        stats::median(memcpy.get(&(mib, i))?)
    };
    println!(
        "## Targets\n\n{}",
        targets(&results, sizes, &memcpy_med, &startup_rows)
    );
    eprintln!("[{:6.1}s] done", started.elapsed().as_secs_f64());
    Ok(())
}

/// One line per target: met or not, with the measured value.
struct Checks(String);

impl Checks {
    fn check(&mut self, what: &str, value: Option<f64>, ok: impl Fn(f64) -> bool, want: &str) {
        // Not measured in this run (`--only`, `--no-startup`): not listed.
        let Some(v) = value else {
            return;
        };
        let (mark, v) = if ok(v) {
            ("met", format!("{v:.3}"))
        } else {
            ("NOT MET", format!("{v:.3}"))
        };
        self.0
            .push_str(&format!("- [{mark}] {what}: {v} (target {want})\n"));
    }
}

fn targets(
    r: &Results,
    s: &Sizes,
    memcpy: &dyn Fn(u64, &str) -> Option<f64>,
    startup: &[startup::Row],
) -> String {
    use HostKind::{OursHost, OursMem, Raw, WasmiWasi};
    let mut c = Checks(String::new());
    let div = |a: Option<f64>, b: Option<f64>| Some(a? / b?);
    let last = |v: &[u64]| v.last().copied().unwrap_or(0);

    let hc = format!("N={}", last(s.hostcall));
    let g = |m: &str, h| r.get("hostcall", &hc, m, h);
    c.check(
        &format!("clock_time_get / an empty host function of the same signature, {hc}"),
        div(g("clock_time_get", OursMem), g("clock_time_get", Raw)),
        |v| v <= 2.0,
        "<= 2",
    );
    c.check(
        &format!("clock_time_get / our sched_yield (no-op import, no arguments), {hc}"),
        div(g("clock_time_get", OursMem), g("sched_yield", OursMem)),
        |v| v <= 2.0,
        "<= 2",
    );
    c.check(
        &format!("our sched_yield / an empty host function (glue overhead), {hc} (no target)"),
        div(g("sched_yield", OursMem), g("sched_yield", Raw)),
        |_| true,
        "-",
    );
    c.check(
        &format!("clock_time_get speedup over wasmi_wasi, {hc}"),
        div(g("clock_time_get", WasmiWasi), g("clock_time_get", OursMem)),
        |v| v >= 3.0,
        ">= 3",
    );
    c.check(
        &format!("fd_fdstat_get speedup over wasmi_wasi, {hc} (no target)"),
        div(g("fd_fdstat_get", WasmiWasi), g("fd_fdstat_get", OursMem)),
        |_| true,
        "-",
    );

    for &n in s.small_write {
        let size = format!("N={n}");
        let g = |h| r.get("small_write", &size, "small_write", h);
        c.check(
            &format!("small writes: MemFs speedup over wasmi_wasi, {size}"),
            div(g(WasmiWasi), g(OursMem)),
            |v| v >= 5.0,
            ">= 5",
        );
        c.check(
            &format!("small writes: HostDirFs / wasmi_wasi time, {size}"),
            div(g(OursHost), g(WasmiWasi)),
            |v| v <= 1.0,
            "<= 1",
        );
    }

    for &d in s.metadata_depths {
        let size = format!("depth {d}");
        for m in ["open_fstat_close", "stat"] {
            let g = |h| r.get("metadata", &size, m, h);
            c.check(
                &format!("{m} on HostDirFs / wasmi_wasi time, {size}"),
                div(g(OursHost), g(WasmiWasi)),
                |v| v <= 0.8,
                "<= 0.8",
            );
        }
    }

    let lo = s.readdir.first().map_or(0, |x| x.0);
    let hi = s.readdir.last().map_or(0, |x| x.0);
    for h in [OursMem, OursHost] {
        c.check(
            &format!("listing per entry at {hi} / at {lo} entries, {}", h.title()),
            div(
                r.get("readdir", &format!("N={hi}"), "list", h),
                r.get("readdir", &format!("N={lo}"), "list", h),
            ),
            |v| v <= 1.5,
            "<= 1.5",
        );
        let ww = format!("N={}", s.readdir_ww_max);
        c.check(
            &format!(
                "listing speedup over wasmi_wasi at {} entries, {}",
                s.readdir_ww_max,
                h.title()
            ),
            div(
                r.get("readdir", &ww, "list", WasmiWasi),
                r.get("readdir", &ww, "list", h),
            ),
            |v| v >= 10.0,
            ">= 10",
        );
    }

    let mib = last(s.bulk_mib);
    let size = format!("{mib} MiB");
    for (m, base) in [
        ("bulk_read", "memcpy_out_of"),
        ("bulk_rewrite", "memcpy_into"),
        ("bulk_write", "memcpy_into"),
        ("bulk_write", "memcpy_into_fresh"),
    ] {
        c.check(
            &format!("{m} on MemFs / native {base} bandwidth, {size}"),
            div(r.get("bulk_io", &size, m, OursMem), memcpy(mib, base)),
            |v| v >= 0.5,
            ">= 0.5",
        );
    }

    let size = format!("N={}", last(s.seek));
    let g = |h| r.get("seek_overwrite", &size, "seek_overwrite", h);
    c.check(
        &format!("seek + overwrite: MemFs speedup over wasmi_wasi, {size}"),
        div(g(WasmiWasi), g(OursMem)),
        |v| v >= 3.0,
        ">= 3",
    );
    c.check(
        &format!("seek + overwrite: HostDirFs / wasmi_wasi time, {size} (no target)"),
        div(g(OursHost), g(WasmiWasi)),
        |_| true,
        "-",
    );

    for row in startup {
        let [a, b] = &row.names;
        c.check(
            &format!("hello world wall time, {a} / {b}"),
            div(row.wall_ms[0], row.wall_ms[1]),
            |v| v <= 1.0,
            "<= 1",
        );
        c.check(
            &format!("hello world peak RSS, {a} / {b}"),
            div(row.rss_kib[0], row.rss_kib[1]),
            |v| v <= 1.0,
            "<= 1",
        );
    }
    c.0
}
