//! The literal simulation: state, construction and the [`Model`] contract.
//!
//! Two kinds of event drive it: the next request arrival (held by the
//! workload, no queue needed for a Poisson stream) and the next metrics
//! sample. Everything else is accounted lazily when a request looks at it:
//! a server's in-flight requests are retired when the next request asks how
//! busy it is, and an instance past its idle timeout is evicted when a
//! request finds it or when the next sample sweeps it out.

use super::instances::Instances;
use super::narration::NoteGate;
use super::params::{Config, Design};
use super::sampling::{self, Counters, SAMPLE_MICROS};
use super::trace::{Ring, Trace, COLD_KEPT, RECENT_KEPT};
use super::workload::{Workload, Zipf};
use crate::engine::action::Action;
use crate::engine::digest::Digest;
use crate::engine::histogram::Histogram;
use crate::engine::metrics::Metrics;
use crate::engine::params::Params;
use crate::engine::run::{Model, Note};
use crate::engine::time::SimTime;
use crate::placement::{Placement, PlacementConfig, Scheme};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// Virtual nodes per server on the ring that picks home servers.
pub const RING_POINTS_PER_SERVER: u32 = 100;

/// The data center's servers and workers, one design, one request stream.
#[derive(Clone, Debug)]
pub struct ShardingModel {
    pub(super) params: Params,
    pub(super) config: Config,
    pub(super) design: Design,
    pub(super) now: SimTime,
    pub(super) workload: Workload,
    pub(super) next_sample: SimTime,
    /// Workers `0..hot_count` are hot: run everywhere, never sharded.
    pub(super) hot_count: u32,
    /// Home server of every worker on the ring of live servers.
    pub(super) homes: Vec<u32>,
    pub(super) failed: Vec<bool>,
    pub(super) overloaded: Vec<bool>,
    /// Completion times of the requests running on each server.
    pub(super) in_flight: Vec<BinaryHeap<Reverse<u64>>>,
    /// `(client, worker)` pairs run locally until the given time after a
    /// refusal (optimistic policy).
    pub(super) paused: BTreeMap<(u32, u32), SimTime>,
    pub(super) instances: Instances,
    pub(super) totals: Counters,
    pub(super) window: Counters,
    pub(super) latency: Histogram,
    pub(super) metrics: Metrics,
    pub(super) recent: Ring<RECENT_KEPT>,
    pub(super) recent_cold: Ring<COLD_KEPT>,
    pub(super) gate: NoteGate,
}

impl ShardingModel {
    /// A model from scene parameters (as parsed from a URL or a panel).
    pub fn new(params: &Params, seed: u64, design: Design) -> ShardingModel {
        let mut model = Self::with_config(Config::from_params(params), seed, design);
        for (key, value) in params.iter() {
            model.params.set(key, value.clone());
        }
        model
    }

    /// A model from a typed configuration (batches use this to go beyond
    /// the panel's ranges, e.g. unlimited capacity). A later `set` action
    /// re-reads every live value from the scene parameters, which here are
    /// the defaults, so such a model is meant to run without `set`.
    pub fn with_config(config: Config, seed: u64, design: Design) -> ShardingModel {
        let zipf = Zipf::new(config.workers, config.zipf_s);
        let hot_count = zipf.hot_count(config.rate_per_sec, config.hot_threshold_per_sec);
        let servers = config.servers as usize;
        let mut model = ShardingModel {
            params: Params::defaults(&super::params::specs()),
            workload: Workload::new(seed, zipf, config.rate_per_sec),
            instances: Instances::new(config.servers, config.workers),
            homes: vec![0; config.workers as usize],
            design,
            now: SimTime::ZERO,
            next_sample: SimTime::from_micros(SAMPLE_MICROS),
            hot_count,
            failed: vec![false; servers],
            overloaded: vec![false; servers],
            in_flight: vec![BinaryHeap::new(); servers],
            paused: BTreeMap::new(),
            totals: Counters::default(),
            window: Counters::default(),
            latency: Histogram::default(),
            metrics: sampling::declare(),
            recent: Ring::default(),
            recent_cold: Ring::default(),
            gate: NoteGate::default(),
            config,
        };
        model.rehome();
        model
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// The design running.
    pub fn design(&self) -> Design {
        self.design
    }
    /// Counts since the start, including the open sampling window.
    pub fn totals(&self) -> Counters {
        let mut all = self.totals;
        all.add(&self.window);
        all
    }
    /// Number of servers (failed ones included).
    pub fn servers(&self) -> u32 {
        self.config.servers
    }
    /// True when `server` has failed.
    pub fn is_failed(&self, server: u32) -> bool {
        self.failed.get(server as usize).copied().unwrap_or(false)
    }
    /// True when `server` refuses sharded requests (marked overloaded, or at
    /// capacity now).
    pub fn is_overloaded(&self, server: u32) -> bool {
        let marked = self
            .overloaded
            .get(server as usize)
            .copied()
            .unwrap_or(false);
        marked || self.running_on(server) >= self.config.capacity as usize
    }
    /// Requests running on `server` now.
    pub fn running_on(&self, server: u32) -> usize {
        let now = self.now.micros();
        self.in_flight
            .get(server as usize)
            .map_or(0, |h| h.iter().filter(|Reverse(done)| *done > now).count())
    }
    /// Live instances on `server` now.
    pub fn instances_on(&self, server: u32) -> u32 {
        self.instances
            .live_on(server, self.now, self.config.idle_timeout_micros)
    }
    /// Home server of `worker` on the ring.
    pub fn home_of(&self, worker: u32) -> Option<u32> {
        self.homes.get(worker as usize).copied()
    }
    /// How many quiet (sharded) workers call each server home.
    pub fn homes_per_server(&self) -> Vec<u32> {
        let mut counts = vec![0; self.config.servers as usize];
        for &home in self.homes.iter().skip(self.hot_count as usize) {
            counts[home as usize] += 1;
        }
        counts
    }
    /// Workers hot enough to run everywhere (the most popular ones).
    pub fn hot_count(&self) -> u32 {
        self.hot_count
    }
    /// Recent requests, newest first.
    pub fn recent(&self) -> impl Iterator<Item = &Trace> {
        self.recent.newest_first()
    }
    /// Recent cold starts, newest first.
    pub fn recent_cold(&self) -> impl Iterator<Item = &Trace> {
        self.recent_cold.newest_first()
    }

    /// Runs every event up to `t` without a runner (batches): no
    /// checkpoints, narration dropped.
    pub fn run_until(&mut self, t: SimTime) {
        let mut notes = Vec::new();
        while self.next_event_at().is_some_and(|e| e <= t) {
            self.step(&mut notes);
            notes.clear();
        }
        self.now = self.now.max(t);
    }

    /// Recomputes every worker's home on a ring of the live servers.
    pub(super) fn rehome(&mut self) {
        let live: Vec<u32> = (0..self.config.servers)
            .filter(|&s| !self.is_failed(s))
            .collect();
        let ring = PlacementConfig {
            scheme: Scheme::Ring,
            points_per_server: RING_POINTS_PER_SERVER,
            ..PlacementConfig::default()
        };
        // The model never fails its last server, so the ring is never empty.
        let Ok(placement) = Placement::new(ring, &live) else {
            return;
        };
        for (worker, home) in self.homes.iter_mut().enumerate() {
            *home = placement.owner(worker as u64).unwrap_or(*home);
        }
    }

    fn sample(&mut self) {
        self.now = self.next_sample;
        let idle = self.config.idle_timeout_micros;
        self.window.idle_evictions += self.instances.sweep(self.now, idle);
        let now = self.now;
        self.paused.retain(|_, until| *until > now);
        let held = self.instances.held();
        sampling::record(
            &mut self.metrics,
            self.now,
            &self.window,
            &self.latency,
            held,
        );
        self.totals.add(&self.window);
        self.window = Counters::default();
        self.latency.clear();
        self.next_sample = self.next_sample.plus(SAMPLE_MICROS);
    }
}

impl Model for ShardingModel {
    fn now(&self) -> SimTime {
        self.now
    }
    fn next_event_at(&self) -> Option<SimTime> {
        Some(self.workload.next_arrival.min(self.next_sample))
    }
    fn step(&mut self, notes: &mut Vec<Note>) {
        // A request arriving exactly at a sample time belongs to the window
        // that sample closes.
        if self.workload.next_arrival <= self.next_sample {
            self.arrive(notes);
        } else {
            self.sample();
        }
    }
    fn advance_clock(&mut self, to: SimTime) {
        self.now = self.now.max(to);
    }
    fn apply(&mut self, action: &Action, notes: &mut Vec<Note>) -> Result<(), String> {
        self.act(action, notes)
    }
    fn metrics(&self) -> &Metrics {
        &self.metrics
    }
    fn approx_bytes(&self) -> usize {
        let points: usize = self
            .metrics
            .series
            .iter()
            .map(|s| s.points.len() * 16)
            .sum();
        self.instances.approx_bytes()
            + self.homes.len() * 12
            + self.config.workers as usize * 8
            + self.paused.len() * 48
            + points
            + 64 * 1024
    }
    fn digest(&self) -> u64 {
        let mut d = Digest::new();
        d.u64(self.now.micros()).str(self.design.key());
        d.u64(self.workload.next_arrival.micros())
            .u64(self.workload.rng_fingerprint());
        d.u64(self.next_sample.micros())
            .u64(u64::from(self.hot_count));
        for v in self
            .totals
            .fields()
            .iter()
            .chain(self.window.fields().iter())
        {
            d.u64(*v);
        }
        d.u64(self.latency.count());
        for (s, heap) in self.in_flight.iter().enumerate() {
            d.u64(heap.len() as u64)
                .u64(u64::from(self.failed[s]))
                .u64(u64::from(self.overloaded[s]));
        }
        for home in &self.homes {
            d.u64(u64::from(*home));
        }
        for (&(client, worker), until) in &self.paused {
            d.u64(u64::from(client))
                .u64(u64::from(worker))
                .u64(until.micros());
        }
        for (key, value) in self.params.iter() {
            d.str(key).str(&value.to_text());
        }
        self.instances.fold(&mut d);
        d.finish()
    }
}
