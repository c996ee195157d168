//! Measures of a placement: how even the load is, how many keys moved.
//!
//! What it models: the two numbers every consistent hashing paper reports,
//! balance (spread of keys per server, here the coefficient of variation
//! and the peak-to-mean ratio) and disruption (the share of keys whose owner
//! changed, against the ideal of moving only what must move: 1/(n + 1) of
//! the keys when a server joins n others, the leaving server's own keys when
//! one leaves).
//!
//! What it simplifies: loads are key counts, every key weighs the same.
//! For the ring, the spread of arc shares across servers is about
//! 1/sqrt(k) with k points per server (the share of one server is a sum of k
//! roughly independent arcs).

use serde::{Deserialize, Serialize};

use super::ring::{arc_shares, RingPoint};

/// Summary of per-server key counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadStats {
    /// Mean keys per server.
    pub mean: f64,
    /// Most keys on one server.
    pub max: u64,
    /// Fewest keys on one server (servers with none count).
    pub min: u64,
    /// Population standard deviation of keys per server.
    pub stddev: f64,
    /// Coefficient of variation, `stddev / mean` (0 when there are no keys).
    pub cv: f64,
    /// Peak-to-mean ratio, `max / mean` (0 when there are no keys).
    pub max_over_mean: f64,
}

/// Keys per server: every server of `servers` (sorted ids) with its number
/// of keys in `owners`, sorted by server id. Owners not in `servers` are
/// not counted.
pub fn per_server_counts(servers: &[u32], owners: &[u32]) -> Vec<(u32, u64)> {
    let mut counts: Vec<(u32, u64)> = servers.iter().map(|&s| (s, 0)).collect();
    for owner in owners {
        if let Ok(i) = servers.binary_search(owner) {
            counts[i].1 += 1;
        }
    }
    counts
}

/// Balance summary of `counts` (as from [`per_server_counts`]).
pub fn load_stats(counts: &[(u32, u64)]) -> LoadStats {
    if counts.is_empty() {
        return LoadStats::default();
    }
    let values: Vec<f64> = counts.iter().map(|&(_, c)| c as f64).collect();
    let (mean, stddev) = mean_and_stddev(&values);
    let max = counts.iter().map(|&(_, c)| c).max().unwrap_or(0);
    let min = counts.iter().map(|&(_, c)| c).min().unwrap_or(0);
    let ratio = |x: f64| if mean > 0.0 { x / mean } else { 0.0 };
    LoadStats {
        mean,
        max,
        min,
        stddev,
        cv: ratio(stddev),
        max_over_mean: ratio(max as f64),
    }
}

/// Number of keys whose owner differs between two assignments of the same
/// key list. Extra entries of the longer list are ignored.
pub fn moved_keys(before: &[u32], after: &[u32]) -> usize {
    before.iter().zip(after).filter(|(b, a)| b != a).count()
}

/// [`moved_keys`] as a share of the keys compared (0 for no keys).
pub fn moved_share(before: &[u32], after: &[u32]) -> f64 {
    let compared = before.len().min(after.len());
    if compared == 0 {
        return 0.0;
    }
    moved_keys(before, after) as f64 / compared as f64
}

/// The least share of keys that must move when a server joins `n_before`
/// others and load stays even: `1 / (n_before + 1)`.
pub fn ideal_moved_share_on_add(n_before: usize) -> f64 {
    1.0 / (n_before as f64 + 1.0)
}

/// The least share of keys that must move when `removed` leaves: the share
/// of keys it held in `counts` (0 if it is not there or there are no keys).
pub fn ideal_moved_share_on_remove(counts: &[(u32, u64)], removed: u32) -> f64 {
    let total: u64 = counts.iter().map(|&(_, c)| c).sum();
    let held = counts
        .iter()
        .find(|&&(s, _)| s == removed)
        .map_or(0, |&(_, c)| c);
    if total == 0 {
        0.0
    } else {
        held as f64 / total as f64
    }
}

/// Coefficient of variation of each server's share of the circle, from
/// sorted ring `points`; about `1 / sqrt(k)` with `k` points per server.
pub fn ring_share_spread(points: &[RingPoint]) -> f64 {
    let shares: Vec<f64> = arc_shares(points).into_iter().map(|(_, s)| s).collect();
    let (mean, stddev) = mean_and_stddev(&shares);
    if mean > 0.0 {
        stddev / mean
    } else {
        0.0
    }
}

/// Mean and population standard deviation; zeros for an empty slice.
fn mean_and_stddev(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, libm::sqrt(variance))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_stats() {
        let counts = per_server_counts(&[1, 2, 3], &[1, 1, 1, 2, 9]);
        assert_eq!(counts, vec![(1, 3), (2, 1), (3, 0)]);
        let stats = load_stats(&counts);
        assert_eq!((stats.max, stats.min), (3, 0));
        assert!((stats.mean - 4.0 / 3.0).abs() < 1e-12);
        let var = ((3.0f64 - 4.0 / 3.0).powi(2) + (1.0f64 - 4.0 / 3.0).powi(2) + 16.0 / 9.0) / 3.0;
        assert!((stats.stddev - var.sqrt()).abs() < 1e-12);
        assert!((stats.cv - stats.stddev / stats.mean).abs() < 1e-12);
        assert!((stats.max_over_mean - 2.25).abs() < 1e-12);
        assert_eq!(load_stats(&[]), LoadStats::default());
        assert_eq!(load_stats(&[(1, 0)]).cv, 0.0);
    }

    #[test]
    fn moved_and_ideal_shares() {
        assert_eq!(moved_keys(&[1, 2, 3, 4], &[1, 5, 3, 5]), 2);
        assert_eq!(moved_share(&[1, 2, 3, 4], &[1, 5, 3, 5]), 0.5);
        assert_eq!(moved_share(&[], &[]), 0.0);
        assert_eq!(ideal_moved_share_on_add(9), 0.1);
        let counts = [(1, 30), (2, 70)];
        assert_eq!(ideal_moved_share_on_remove(&counts, 1), 0.3);
        assert_eq!(ideal_moved_share_on_remove(&counts, 5), 0.0);
    }

    #[test]
    fn equal_arcs_have_no_spread() {
        let quarter = 1u64 << 62;
        let points = [(0, 1), (quarter, 2), (2 * quarter, 1), (3 * quarter, 2)];
        assert_eq!(ring_share_spread(&points), 0.0);
        assert_eq!(ring_share_spread(&[]), 0.0);
    }
}
