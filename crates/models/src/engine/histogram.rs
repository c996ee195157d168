//! Latency histograms with log-spaced buckets.
//!
//! Percentiles of millions of requests without keeping them: buckets grow by
//! about 4% each from 10 µs, so a reported percentile is within 4% of the true
//! one. Integer bucket arithmetic keeps it identical across platforms.

use serde::{Deserialize, Serialize};

const BUCKETS: usize = 512;
const FIRST_MICROS: f64 = 10.0;
const GROWTH: f64 = 1.04;

/// Counts of latencies in log-spaced buckets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            total: 0,
        }
    }
}

fn bucket_of(micros: u64) -> usize {
    if (micros as f64) < FIRST_MICROS {
        return 0;
    }
    let b = libm::log(micros as f64 / FIRST_MICROS) / libm::log(GROWTH);
    (b as usize + 1).min(BUCKETS - 1)
}

fn upper_micros(bucket: usize) -> f64 {
    FIRST_MICROS * libm::pow(GROWTH, bucket as f64)
}

impl Histogram {
    /// Records one latency.
    pub fn record(&mut self, micros: u64) {
        self.counts[bucket_of(micros)] += 1;
        self.total += 1;
    }
    /// Number of recorded values.
    pub fn count(&self) -> u64 {
        self.total
    }
    /// Forgets everything (for windowed percentiles).
    pub fn clear(&mut self) {
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.total = 0;
    }
    /// The `q`-quantile (0..=1) in milliseconds: the upper edge of the bucket
    /// holding it. `None` when empty.
    pub fn quantile_millis(&self, q: f64) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        let rank = libm::ceil(q.clamp(0.0, 1.0) * self.total as f64).max(1.0) as u64;
        let mut seen = 0;
        for (i, c) in self.counts.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(upper_micros(i) / 1e3);
            }
        }
        Some(upper_micros(BUCKETS - 1) / 1e3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_within_bucket_error() {
        let mut h = Histogram::default();
        for ms in 1..=1_000u64 {
            h.record(ms * 1_000);
        }
        let p50 = h.quantile_millis(0.5).unwrap_or(0.0);
        let p99 = h.quantile_millis(0.99).unwrap_or(0.0);
        assert!((p50 - 500.0).abs() / 500.0 < 0.05, "{p50}");
        assert!((p99 - 990.0).abs() / 990.0 < 0.05, "{p99}");
        assert_eq!(Histogram::default().quantile_millis(0.5), None);
    }
}
