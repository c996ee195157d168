//! The request stream: one Poisson process at the total rate, each request
//! for a worker drawn by Zipf popularity and landing on a uniformly random
//! server (the shard client, as the internet's load balancing would pick).
//!
//! The stream has its own generator, derived from the run seed alone, and
//! every request takes exactly four draws whatever happens to it, so both
//! designs (and any fault timeline) see the identical sequence of requests.

use crate::engine::rng::SimRng;
use crate::engine::time::SimTime;
use std::sync::Arc;

/// Stream label of the workload generator (see [`SimRng::derive`]).
const WORKLOAD_STREAM: u64 = 0x5348_4152_445f_5752; // "SHARD_WR"

/// Zipf popularity over `workers` ranks: worker `k` (0-based) has weight
/// `1 / (k + 1)^s`.
#[derive(Clone, Debug, PartialEq)]
pub struct Zipf {
    /// Cumulative shares, ending at 1. Shared between clones (checkpoints).
    cumulative: Arc<[f64]>,
}

impl Zipf {
    /// The distribution over `workers` ranks with exponent `s`.
    pub fn new(workers: u32, s: f64) -> Zipf {
        let weights: Vec<f64> = (1..=workers.max(1))
            .map(|k| libm::pow(f64::from(k), -s))
            .collect();
        let total: f64 = weights.iter().sum();
        let mut running = 0.0;
        let cumulative = weights
            .iter()
            .map(|w| {
                running += w / total;
                running
            })
            .collect();
        Zipf { cumulative }
    }

    /// Number of workers.
    pub fn len(&self) -> u32 {
        self.cumulative.len() as u32
    }

    /// Always false: there is at least one worker.
    pub fn is_empty(&self) -> bool {
        self.cumulative.is_empty()
    }

    /// The share of all requests that go to `worker`.
    pub fn share(&self, worker: u32) -> f64 {
        let i = worker as usize;
        let upto = self.cumulative.get(i).copied().unwrap_or(1.0);
        let before = if i == 0 {
            0.0
        } else {
            self.cumulative.get(i - 1).copied().unwrap_or(1.0)
        };
        upto - before
    }

    /// The worker for a uniform draw `u` in `[0, 1)`: binary search in the
    /// cumulative shares.
    pub fn pick(&self, u: f64) -> u32 {
        let i = self.cumulative.partition_point(|&c| c <= u);
        (i.min(self.cumulative.len() - 1)) as u32
    }

    /// How many of the most popular workers have a rate of at least
    /// `threshold_per_sec` when the total is `rate_per_sec` (shares fall with
    /// rank, so the hot ones are a prefix).
    pub fn hot_count(&self, rate_per_sec: f64, threshold_per_sec: f64) -> u32 {
        (0..self.len())
            .take_while(|&w| self.share(w) * rate_per_sec >= threshold_per_sec)
            .count() as u32
    }
}

/// One drawn request, before routing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Draw {
    /// Which worker it is for.
    pub worker: u32,
    /// The server that received it from the internet (before skipping failed
    /// servers).
    pub client: u32,
    /// Run-time factor in `[0.5, 1.5)`, applied to the mean run time.
    pub exec_factor: f64,
}

/// The arrival process and its generator.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    rng: SimRng,
    /// The popularity of workers.
    pub zipf: Zipf,
    /// When the next request arrives.
    pub next_arrival: SimTime,
}

impl Workload {
    /// The stream for `seed`, with the first arrival drawn at `rate_per_sec`.
    pub fn new(seed: u64, zipf: Zipf, rate_per_sec: f64) -> Workload {
        let mut rng = SimRng::derive(seed, WORKLOAD_STREAM);
        let first = SimTime::from_secs_f64(rng.exp_mean(1.0 / rate_per_sec));
        Workload {
            rng,
            zipf,
            next_arrival: first,
        }
    }

    /// Draws the request arriving now and schedules the next arrival. A
    /// rate change applies from the next gap on.
    pub fn draw(&mut self, servers: u32, rate_per_sec: f64) -> Draw {
        let gap_micros = libm::round(self.rng.exp_mean(1e6 / rate_per_sec)) as u64;
        let worker = self.zipf.pick(self.rng.next_f64());
        let client = self.rng.below(u64::from(servers)) as u32;
        let exec_factor = 0.5 + self.rng.next_f64();
        self.next_arrival = self.next_arrival.plus(gap_micros);
        Draw {
            worker,
            client,
            exec_factor,
        }
    }

    /// A value that changes whenever the generator moves (for digests).
    pub fn rng_fingerprint(&self) -> u64 {
        self.rng.clone().next_u64()
    }
}
