//! Counters and the metric series sampled from them.
//!
//! Counters accumulate per request; every [`SAMPLE_MICROS`] of simulated
//! time the model sweeps out expired instances (so evictions land in the
//! window they happened in), turns the window's counters into one point per
//! series and starts a new window.

use crate::engine::histogram::Histogram;
use crate::engine::metrics::Metrics;
use crate::engine::time::SimTime;

/// Sampling interval of the metric series: 10 simulated seconds.
pub const SAMPLE_MICROS: u64 = 10_000_000;

/// Request and instance counts, since the start or within one window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Requests that arrived (each is served exactly once).
    pub requests: u64,
    /// Served by a live instance.
    pub warm: u64,
    /// Served after a cold start.
    pub cold: u64,
    /// Requests for sharded workers (design on, not hot).
    pub sharded: u64,
    /// Sharded requests that arrived at their home server.
    pub at_home: u64,
    /// Forwarded to the home server and served there.
    pub forwarded: u64,
    /// Sent to an overloaded home and handed back (optimistic).
    pub handed_back: u64,
    /// Refused permission by the home (pessimistic).
    pub denied: u64,
    /// Run locally because sharding of that worker was paused on the client.
    pub pinned: u64,
    /// Instances evicted after the idle timeout.
    pub idle_evictions: u64,
    /// Instances evicted by the memory cap.
    pub cap_evictions: u64,
    /// Instances lost with a failed server.
    pub lost: u64,
}

impl Counters {
    /// Refusals of either kind.
    pub fn refusals(&self) -> u64 {
        self.handed_back + self.denied
    }
    /// Evictions of either kind (not counting failures).
    pub fn evictions(&self) -> u64 {
        self.idle_evictions + self.cap_evictions
    }
    /// Adds `other` into `self`.
    pub fn add(&mut self, other: &Counters) {
        self.requests += other.requests;
        self.warm += other.warm;
        self.cold += other.cold;
        self.sharded += other.sharded;
        self.at_home += other.at_home;
        self.forwarded += other.forwarded;
        self.handed_back += other.handed_back;
        self.denied += other.denied;
        self.pinned += other.pinned;
        self.idle_evictions += other.idle_evictions;
        self.cap_evictions += other.cap_evictions;
        self.lost += other.lost;
    }
    /// Every field, in a fixed order (for digests).
    pub fn fields(&self) -> [u64; 12] {
        [
            self.requests,
            self.warm,
            self.cold,
            self.sharded,
            self.at_home,
            self.forwarded,
            self.handed_back,
            self.denied,
            self.pinned,
            self.idle_evictions,
            self.cap_evictions,
            self.lost,
        ]
    }
}

/// Metric keys, in the order they are declared.
pub const METRIC_KEYS: [&str; 9] = [
    "cold_pct",
    "warm_pct",
    "cold_per_s",
    "evictions_per_s",
    "forwarded_pct",
    "refusals_per_s",
    "instances",
    "p50_ms",
    "p99_ms",
];

/// Declares the scene's series (indices follow [`METRIC_KEYS`]).
pub fn declare() -> Metrics {
    let mut m = Metrics::default();
    m.declare("cold_pct", "Cold starts", "%");
    m.declare("warm_pct", "Warm requests", "%");
    m.declare("cold_per_s", "Cold starts per second", "/s");
    m.declare("evictions_per_s", "Evictions per second", "/s");
    m.declare("forwarded_pct", "Forwarded to another server", "%");
    m.declare("refusals_per_s", "Refusals per second", "/s");
    m.declare("instances", "Instances in memory", "instances");
    m.declare("p50_ms", "Median latency", "ms");
    m.declare("p99_ms", "99th percentile latency", "ms");
    m
}

/// Appends one window's point to every series.
pub fn record(m: &mut Metrics, at: SimTime, w: &Counters, latency: &Histogram, instances: u64) {
    let secs = at.secs_f64();
    let window_secs = SAMPLE_MICROS as f64 / 1e6;
    let pct = |n: u64| {
        if w.requests == 0 {
            0.0
        } else {
            100.0 * n as f64 / w.requests as f64
        }
    };
    m.push(0, secs, pct(w.cold));
    m.push(1, secs, pct(w.warm));
    m.push(2, secs, w.cold as f64 / window_secs);
    m.push(3, secs, w.evictions() as f64 / window_secs);
    m.push(4, secs, pct(w.forwarded));
    m.push(5, secs, w.refusals() as f64 / window_secs);
    m.push(6, secs, instances as f64);
    if let Some(p50) = latency.quantile_millis(0.5) {
        m.push(7, secs, p50);
    }
    if let Some(p99) = latency.quantile_millis(0.99) {
        m.push(8, secs, p99);
    }
}
