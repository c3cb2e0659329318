//! Counting instead of timing: host syscalls per operation (`strace -c`) and instructions
//! per operation (`valgrind --tool=callgrind`).
//!
//! Each probe runs this binary's `one HOST GUEST ARGS` twice under the tool, with a small and
//! a large operation count, and divides the difference by the difference in operations, so
//! startup, module compilation and setup cancel out.

use crate::hosts::HostKind;
use crate::suite::FILE;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One differential measurement.
struct Probe {
    label: &'static str,
    guest: &'static str,
    lo: Vec<String>,
    hi: Vec<String>,
    /// How many more operations `hi` does than `lo`.
    ops: u64,
    hosts: &'static [HostKind],
}

fn probe(
    label: &'static str,
    guest: &'static str,
    lo: &[&str],
    hi: &[&str],
    ops: u64,
    hosts: &'static [HostKind],
) -> Probe {
    let own = |a: &[&str]| a.iter().map(|s| (*s).to_string()).collect();
    Probe {
        label,
        guest,
        lo: own(lo),
        hi: own(hi),
        ops,
        hosts,
    }
}

use HostKind::{OursHost, OursMem, Raw, WasmiWasi};
const FS3: &[HostKind] = &[OursMem, OursHost, WasmiWasi];
const HOST2: &[HostKind] = &[OursHost, WasmiWasi];

fn syscall_probes() -> Vec<Probe> {
    const HC: &[HostKind] = &[OursMem, WasmiWasi];
    vec![
        probe(
            "sched_yield (per call)",
            "hostcall",
            &["1000", "sched_yield"],
            &["11000", "sched_yield"],
            10_000,
            HC,
        ),
        probe(
            "clock_time_get (per call)",
            "hostcall",
            &["1000", "clock_time_get"],
            &["11000", "clock_time_get"],
            10_000,
            HC,
        ),
        probe(
            "small_write (per 16-byte write)",
            "small_write",
            &[FILE, "1000"],
            &[FILE, "11000"],
            10_000,
            FS3,
        ),
        probe(
            "seek_overwrite (per lseek + 13-byte write)",
            "seek_overwrite",
            &[FILE, "1000"],
            &[FILE, "11000"],
            10_000,
            FS3,
        ),
        probe(
            "bulk_io (per MiB: one 1 MiB write, rewrite and read)",
            "bulk_io",
            &[FILE, "4"],
            &[FILE, "12"],
            8,
            FS3,
        ),
        probe(
            "open+fstat+close, depth 1",
            "metadata",
            &["1", "1000", "open_fstat_close"],
            &["1", "11000", "open_fstat_close"],
            10_000,
            HOST2,
        ),
        probe(
            "open+fstat+close, depth 4",
            "metadata",
            &["4", "1000", "open_fstat_close"],
            &["4", "11000", "open_fstat_close"],
            10_000,
            HOST2,
        ),
        probe(
            "stat, depth 1",
            "metadata",
            &["1", "1000", "stat"],
            &["1", "11000", "stat"],
            10_000,
            HOST2,
        ),
        probe(
            "stat, depth 4",
            "metadata",
            &["4", "1000", "stat"],
            &["4", "11000", "stat"],
            10_000,
            HOST2,
        ),
        probe(
            "readdir listing of 1000 entries (per entry)",
            "readdir",
            &["1000", "1"],
            &["1000", "3"],
            2_000,
            HOST2,
        ),
    ]
}

fn callgrind_probes() -> Vec<Probe> {
    const HC: &[HostKind] = &[OursMem, WasmiWasi];
    const HC_RAW: &[HostKind] = &[OursMem, WasmiWasi, Raw];
    vec![
        probe(
            "compute (per loop iteration)",
            "hostcall",
            &["10000", "compute"],
            &["20000", "compute"],
            10_000,
            HC,
        ),
        probe(
            "sched_yield (no-op import)",
            "hostcall",
            &["10000", "sched_yield"],
            &["20000", "sched_yield"],
            10_000,
            HC_RAW,
        ),
        probe(
            "fd_fdstat_get(1)",
            "hostcall",
            &["10000", "fd_fdstat_get"],
            &["20000", "fd_fdstat_get"],
            10_000,
            HC_RAW,
        ),
        probe(
            "clock_time_get(MONOTONIC)",
            "hostcall",
            &["10000", "clock_time_get"],
            &["20000", "clock_time_get"],
            10_000,
            HC_RAW,
        ),
        probe(
            "small_write (16-byte write)",
            "small_write",
            &[FILE, "10000"],
            &[FILE, "20000"],
            10_000,
            FS3,
        ),
        probe(
            "seek_overwrite (lseek + 13-byte write)",
            "seek_overwrite",
            &[FILE, "10000"],
            &[FILE, "20000"],
            10_000,
            FS3,
        ),
        probe(
            "open+fstat+close, depth 1",
            "metadata",
            &["1", "1000", "open_fstat_close"],
            &["1", "2000", "open_fstat_close"],
            1_000,
            FS3,
        ),
        probe(
            "stat, depth 1",
            "metadata",
            &["1", "1000", "stat"],
            &["1", "2000", "stat"],
            1_000,
            FS3,
        ),
        probe(
            "readdir listing of 1000 entries (per entry)",
            "readdir",
            &["1000", "1"],
            &["1000", "2"],
            1_000,
            FS3,
        ),
    ]
}

fn one_cmd(tool: &[String], host: HostKind, guest: &str, args: &[String]) -> Command {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("wasip1-bench"));
    let (program, rest) = tool.split_first().expect("a tool");
    let mut cmd = Command::new(program);
    cmd.args(rest)
        .arg(exe)
        .arg("one")
        .arg(host.name())
        .arg(guest)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn run_tool(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Syscall counts from an `strace -c -o FILE` summary.
fn parse_strace(text: &str) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // `% time seconds usecs/call calls [errors] syscall`
        if cols.len() < 5 || cols.first().is_none_or(|c| c.parse::<f64>().is_err()) {
            continue;
        }
        let (Some(calls), Some(name)) = (cols.get(3), cols.last()) else {
            continue;
        };
        if *name == "total" {
            continue;
        }
        if let Ok(n) = calls.parse::<u64>() {
            out.insert((*name).to_string(), n);
        }
    }
    out
}

fn strace_counts(
    out_dir: &Path,
    host: HostKind,
    guest: &str,
    args: &[String],
    tag: &str,
) -> Result<BTreeMap<String, u64>, String> {
    let file = out_dir.join(format!("strace.{tag}.{}.{guest}.txt", host.name()));
    let tool = vec![
        "strace".to_string(),
        "-f".into(),
        "-c".into(),
        "-o".into(),
        file.display().to_string(),
        "--".into(),
    ];
    run_tool(&mut one_cmd(&tool, host, guest, args))?;
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(parse_strace(&text))
}

/// Per-operation difference of two count maps, largest first, dropping near-zero entries.
fn per_op(lo: &BTreeMap<String, u64>, hi: &BTreeMap<String, u64>, ops: u64) -> Vec<(String, f64)> {
    let mut names: Vec<&String> = lo.keys().chain(hi.keys()).collect();
    names.sort();
    names.dedup();
    let mut v: Vec<(String, f64)> = names
        .into_iter()
        .map(|n| {
            let a = lo.get(n).copied().unwrap_or(0) as f64;
            let b = hi.get(n).copied().unwrap_or(0) as f64;
            (n.clone(), (b - a) / ops as f64)
        })
        .filter(|(_, x)| x.abs() >= 0.005)
        .collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1));
    v
}

/// Where probe output files go: `target/wasip1-bench/`.
pub(crate) fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/wasip1-bench");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// `--syscalls`: host syscalls per guest operation, as a Markdown table.
pub(crate) fn syscalls() -> Result<String, String> {
    let dir = out_dir();
    let mut out =
        String::from("| operation | host | syscalls per op | of which |\n|---|---|---:|---|\n");
    for (i, p) in syscall_probes().into_iter().enumerate() {
        for &host in p.hosts {
            eprintln!("strace: {} on {}", p.label, host.title());
            let lo = strace_counts(&dir, host, p.guest, &p.lo, &format!("{i:02}.lo"))?;
            let hi = strace_counts(&dir, host, p.guest, &p.hi, &format!("{i:02}.hi"))?;
            let v = per_op(&lo, &hi, p.ops);
            let total: f64 = v.iter().map(|(_, x)| x).sum::<f64>() + 0.0;
            // `+ 0.0` turns an empty sum's -0.0 into 0.0.
            let detail: Vec<String> = v.iter().map(|(n, x)| format!("{n} {x:.2}")).collect();
            out.push_str(&format!(
                "| {} | {} | {total:.2} | {} |\n",
                p.label,
                host.title(),
                detail.join(", ")
            ));
        }
    }
    Ok(out)
}

/// The total instruction count (`summary:` or `totals:` line) of a callgrind output file.
fn callgrind_total(file: &Path) -> Result<u64, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("summary:")
                .or_else(|| l.strip_prefix("totals:"))
        })
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("{}: no summary line", file.display()))
}

/// `--callgrind`: instructions per guest operation (whole process, engine included).
pub(crate) fn callgrind() -> Result<String, String> {
    let dir = out_dir();
    let mut out = String::from("| operation | host | instructions per op |\n|---|---|---:|\n");
    for (i, p) in callgrind_probes().into_iter().enumerate() {
        for &host in p.hosts {
            eprintln!("callgrind: {} on {}", p.label, host.title());
            let mut totals = [0u64; 2];
            for (slot, (args, tag)) in totals.iter_mut().zip([(&p.lo, "lo"), (&p.hi, "hi")]) {
                let file = dir.join(format!(
                    "callgrind.{i:02}.{tag}.{}.{}.out",
                    host.name(),
                    p.guest
                ));
                let tool = vec![
                    "valgrind".to_string(),
                    "--tool=callgrind".into(),
                    format!("--callgrind-out-file={}", file.display()),
                    "--".into(),
                ];
                run_tool(&mut one_cmd(&tool, host, p.guest, args))?;
                *slot = callgrind_total(&file)?;
            }
            let [lo, hi] = totals;
            let per = (hi as f64 - lo as f64) / p.ops as f64;
            out.push_str(&format!("| {} | {} | {per:.0} |\n", p.label, host.title()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strace_summary() {
        let text = "% time     seconds  usecs/call     calls    errors syscall\n\
            ------ ----------- ----------- --------- --------- ----------------\n\
             50.00    0.000010           1        10           pwrite64\n\
             50.00    0.000010           1         5         2 openat\n\
            ------ ----------- ----------- --------- --------- ----------------\n\
            100.00    0.000020           1        15         2 total\n";
        let m = parse_strace(text);
        assert_eq!(m.get("pwrite64"), Some(&10));
        assert_eq!(m.get("openat"), Some(&5));
        assert_eq!(m.len(), 2);
    }
}
