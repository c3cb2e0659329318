//! Medians, spreads and the results table.

use crate::hosts::HostKind;
use crate::suite::Unit;
use std::collections::BTreeMap;

/// The median of `xs` (the mean of the middle two for an even count); `None` when empty.
pub(crate) fn median(xs: &[f64]) -> Option<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => v.get(n / 2).copied(),
        _ => Some((v.get(n / 2 - 1)? + v.get(n / 2)?) / 2.0),
    }
}

/// `(max - min) / median`, as a fraction.
pub(crate) fn spread(xs: &[f64]) -> Option<f64> {
    let m = median(xs)?;
    let max = xs.iter().copied().fold(f64::MIN, f64::max);
    let min = xs.iter().copied().fold(f64::MAX, f64::min);
    (m > 0.0).then(|| (max - min) / m)
}

/// One measured quantity: a guest's metric at one size.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    pub guest: String,
    pub size: String,
    pub metric: String,
}

/// Every sample, in the order measured.
#[derive(Default)]
pub(crate) struct Results {
    /// Rows in first-seen order.
    order: Vec<Key>,
    samples: BTreeMap<Key, BTreeMap<HostKind, Vec<f64>>>,
}

impl Results {
    pub(crate) fn push(&mut self, key: Key, host: HostKind, value: f64) {
        if !self.samples.contains_key(&key) {
            self.order.push(key.clone());
        }
        self.samples
            .entry(key)
            .or_default()
            .entry(host)
            .or_default()
            .push(value);
    }

    /// The median of `host` for `guest`/`size`/`metric`.
    pub(crate) fn get(&self, guest: &str, size: &str, metric: &str, host: HostKind) -> Option<f64> {
        let key = Key {
            guest: guest.into(),
            size: size.into(),
            metric: metric.into(),
        };
        median(self.samples.get(&key)?.get(&host)?)
    }

    /// The results as a Markdown table: medians per host, and time ratios (ours / wasmi_wasi:
    /// below 1 means ours is faster; for MB/s the ratio is inverted so it is still a time ratio).
    pub(crate) fn table(&self) -> String {
        let hosts = HostKind::ALL;
        let mut out = String::from("| benchmark | size | metric | unit |");
        for h in hosts {
            out.push_str(&format!(" {} |", h.title()));
        }
        out.push_str(" MemFs / ww | HostDirFs / ww | spread |\n|---|---|---|---|");
        for _ in hosts {
            out.push_str("---:|");
        }
        out.push_str("---:|---:|---:|\n");
        for key in &self.order {
            let Some(row) = self.samples.get(key) else {
                continue;
            };
            let unit = Unit::of(&key.metric);
            out.push_str(&format!(
                "| {} | {} | {} | {} |",
                key.guest,
                key.size,
                key.metric,
                unit.label()
            ));
            let med = |h: HostKind| row.get(&h).and_then(|v| median(v));
            for h in hosts {
                out.push_str(&format!(" {} |", fmt_value(med(h))));
            }
            let ww = med(HostKind::WasmiWasi);
            for ours in [HostKind::OursMem, HostKind::OursHost] {
                out.push_str(&format!(
                    " {} |",
                    fmt_ratio(time_ratio(unit, med(ours), ww))
                ));
            }
            let worst = row
                .values()
                .filter_map(|v| spread(v))
                .fold(0.0f64, f64::max);
            out.push_str(&format!(" {:.0}% |\n", worst * 100.0));
        }
        out
    }
}

/// `ours / reference` as a time ratio (below 1: ours is faster).
pub(crate) fn time_ratio(unit: Unit, ours: Option<f64>, reference: Option<f64>) -> Option<f64> {
    let (o, r) = (ours?, reference?);
    if o <= 0.0 || r <= 0.0 {
        return None;
    }
    Some(match unit {
        Unit::Ns => o / r,
        Unit::Mbps => r / o,
    })
}

pub(crate) fn fmt_value(v: Option<f64>) -> String {
    match v {
        None => "-".into(),
        Some(v) if v >= 100.0 => format!("{v:.0}"),
        Some(v) if v >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.2}"),
    }
}

pub(crate) fn fmt_ratio(v: Option<f64>) -> String {
    match v {
        None => "-".into(),
        Some(v) if v >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.3}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(spread(&[1.0, 2.0, 3.0]), Some(1.0));
    }

    #[test]
    fn ratios_are_time_ratios() {
        assert_eq!(time_ratio(Unit::Ns, Some(1.0), Some(4.0)), Some(0.25));
        assert_eq!(time_ratio(Unit::Mbps, Some(400.0), Some(100.0)), Some(0.25));
        assert_eq!(time_ratio(Unit::Ns, None, Some(1.0)), None);
    }
}
