//! What is measured: each guest, at which sizes, on which hosts.

use crate::hosts::HostKind;

/// How a metric is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Nanoseconds per operation: lower is better.
    Ns,
    /// MB/s (10^6 bytes per second): higher is better.
    Mbps,
}

impl Unit {
    pub(crate) fn of(metric: &str) -> Self {
        if metric.starts_with("bulk_") || metric.starts_with("memcpy") {
            Self::Mbps
        } else {
            Self::Ns
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Ns => "ns/op",
            Self::Mbps => "MB/s",
        }
    }
}

/// One guest at one size.
#[derive(Clone, Debug)]
pub(crate) struct Case {
    /// The guest, `guest-fixtures/bench/NAME.wasm`.
    pub guest: &'static str,
    /// Arguments after `argv[0]`.
    pub args: Vec<String>,
    /// A short description of the size, e.g. `N=100000`.
    pub size: String,
    /// The hosts it runs on.
    pub hosts: Vec<HostKind>,
}

fn case(guest: &'static str, args: &[&str], size: String, hosts: &[HostKind]) -> Case {
    Case {
        guest,
        args: args.iter().map(|s| (*s).to_string()).collect(),
        size,
        hosts: hosts.to_vec(),
    }
}

/// The file every file benchmark works on (relative to the preopened root).
pub(crate) const FILE: &str = "bench.dat";

/// Sizes for the full run and for `--quick`.
pub(crate) struct Sizes {
    pub hostcall: &'static [u64],
    pub small_write: &'static [u64],
    pub bulk_mib: &'static [u64],
    pub seek: &'static [u64],
    pub metadata_n: u64,
    pub metadata_depths: &'static [u64],
    /// (entries, listings); `wasmi_wasi` only runs up to `readdir_ww_max` entries, because its
    /// `fd_readdir` re-reads the directory on every call (quadratic).
    pub readdir: &'static [(u64, u64)],
    pub readdir_ww_max: u64,
}

pub(crate) const FULL: Sizes = Sizes {
    hostcall: &[200_000, 1_000_000],
    small_write: &[100_000, 1_000_000],
    bulk_mib: &[64, 256],
    seek: &[100_000, 1_000_000],
    metadata_n: 20_000,
    metadata_depths: &[1, 4],
    readdir: &[(1_000, 20), (10_000, 3), (100_000, 1)],
    readdir_ww_max: 10_000,
};

pub(crate) const QUICK: Sizes = Sizes {
    hostcall: &[20_000],
    small_write: &[10_000],
    bulk_mib: &[8],
    seek: &[10_000],
    metadata_n: 2_000,
    metadata_depths: &[1],
    readdir: &[(1_000, 2), (10_000, 1)],
    readdir_ww_max: 1_000,
};

/// Every case, in the order the table lists them.
pub(crate) fn cases(s: &Sizes) -> Vec<Case> {
    use HostKind::{OursHost, OursMem, Raw, WasmiWasi};
    let fs_hosts = [OursMem, OursHost, WasmiWasi];
    let mut out = Vec::new();
    for &n in s.hostcall {
        let n = n.to_string();
        out.push(case(
            "hostcall",
            &[&n],
            format!("N={n}"),
            &[OursMem, WasmiWasi, Raw],
        ));
    }
    for &n in s.small_write {
        let n = n.to_string();
        out.push(case(
            "small_write",
            &[FILE, &n],
            format!("N={n}"),
            &fs_hosts,
        ));
    }
    for &mib in s.bulk_mib {
        let m = mib.to_string();
        out.push(case("bulk_io", &[FILE, &m], format!("{m} MiB"), &fs_hosts));
    }
    for &n in s.seek {
        let n = n.to_string();
        out.push(case(
            "seek_overwrite",
            &[FILE, &n],
            format!("N={n}"),
            &fs_hosts,
        ));
    }
    for &depth in s.metadata_depths {
        let (d, n) = (depth.to_string(), s.metadata_n.to_string());
        out.push(case("metadata", &[&d, &n], format!("depth {d}"), &fs_hosts));
    }
    for &(n, reps) in s.readdir {
        let hosts: &[HostKind] = if n <= s.readdir_ww_max {
            &fs_hosts
        } else {
            &[OursMem, OursHost]
        };
        let (ns, r) = (n.to_string(), reps.to_string());
        out.push(case("readdir", &[&ns, &r], format!("N={ns}"), hosts));
    }
    out
}
