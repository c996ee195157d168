//! The hash-ring scene's model: a pool of servers, the keys they own, a
//! seeded stream of lookups, and the cost of every change of the pool.
//!
//! Events: a lookup of a uniformly chosen key (Poisson arrivals at `rate`
//! per simulated second), routed to its owner from the cached assignment;
//! and a metrics sample every simulated second. Actions (see [`super::actions`]):
//! `add`, `remove:<id>`, `fail:<id>`, `set:<key>=<value>`.
//!
//! Determinism: the keys and the lookup stream come from streams derived
//! from the seed that no design or action consumes differently, so two
//! designs compared side by side see the same keys in the same order.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::engine::action::Action;
use crate::engine::digest::Digest;
use crate::engine::metrics::Metrics;
use crate::engine::params::Params;
use crate::engine::queue::EventQueue;
use crate::engine::rng::SimRng;
use crate::engine::run::{Model, Note};
use crate::engine::time::SimTime;
use crate::placement::{Placement, PlacementConfig, Scheme};

use super::assignment::Assignment;
use super::change::Change;
use super::series::{declare_series, SeriesIds};
use super::{int_param, keys_for, table_size_for, LOOKUP_STREAM};

/// How long a lookup's pulse travels in the picture. Real lookups take
/// about a millisecond; the flight is stretched so it can be seen, and a
/// crash catches the lookups still in flight.
pub const LOOKUP_FLIGHT_MICROS: u64 = 400_000;
/// How long the keys moved by a change stay lit.
pub const HIGHLIGHT_MICROS: u64 = 5_000_000;
/// Metrics sampling interval.
pub(super) const SAMPLE_EVERY_MICROS: u64 = 1_000_000;
/// Recent lookups kept for the picture.
const MAX_RECENT: usize = 64;

/// One routed lookup, kept briefly for the animation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lookup {
    /// When it was sent.
    pub at: SimTime,
    /// Index of the key in [`RingModel::keys`].
    pub key_index: u32,
    /// The server it was routed to.
    pub owner: u32,
    /// True when its server crashed while it was in flight.
    pub failed: bool,
}

/// The model's own events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Event {
    /// Record the metrics.
    Sample,
    /// Route one lookup; stale generations (after a rate change) are dropped.
    Lookup { generation: u64 },
}

/// The hash-ring scene's model (one design).
#[derive(Clone, Debug)]
pub struct RingModel {
    pub(super) scheme: Scheme,
    pub(super) config: PlacementConfig,
    pub(super) keys: Arc<Vec<u64>>,
    pub(super) state: Result<Arc<Assignment>, String>,
    pub(super) next_server_id: u32,
    pub(super) last_change: Option<Arc<Change>>,
    pub(super) rate_per_sec: f64,
    pub(super) lookup_generation: u64,
    pub(super) now: SimTime,
    pub(super) queue: EventQueue<Event>,
    pub(super) workload: SimRng,
    pub(super) recent: VecDeque<Lookup>,
    pub(super) lookups_total: u64,
    pub(super) lookups_failed: u64,
    pub(super) metrics: Metrics,
    pub(super) ids: SeriesIds,
}

/// The placement settings the parameters give under `scheme`: points per
/// server, the Maglev table's size for the pool and key count, and the
/// bounded-loads slack (0.25 when the parameter is not a number).
pub(super) fn placement_config(params: &Params, scheme: Scheme) -> PlacementConfig {
    let n = int_param(params, "servers", 1, 1_000);
    let m = int_param(params, "keys", 1, 100_000);
    let eps = params.float("eps");
    PlacementConfig {
        scheme,
        points_per_server: int_param(params, "points", 1, 1_000) as u32,
        maglev_table_size: table_size_for(params.text("table"), n, m),
        bounded_eps: if eps.is_finite() {
            eps.clamp(0.0, 2.0)
        } else {
            0.25
        },
    }
}

impl RingModel {
    /// A run of scheme `design` (unknown keys fall back to the ring).
    pub fn new(params: &Params, seed: u64, design: &str) -> Self {
        let scheme = Scheme::from_key(design).unwrap_or(Scheme::Ring);
        let n = int_param(params, "servers", 1, 1_000);
        let m = int_param(params, "keys", 1, 100_000);
        let config = placement_config(params, scheme);
        let keys = Arc::new(keys_for(seed, m));
        let servers: Vec<u32> = (0..n as u32).collect();
        let state = Placement::new(config, &servers)
            .map(|p| Arc::new(Assignment::new(p, &keys)))
            .map_err(|e| format!("This configuration cannot be built: {e}."));
        let mut metrics = Metrics::default();
        let ids = declare_series(&mut metrics, scheme);
        let mut model = RingModel {
            scheme,
            config,
            keys,
            state,
            next_server_id: n as u32,
            last_change: None,
            rate_per_sec: 0.0,
            lookup_generation: 0,
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            workload: SimRng::derive(seed, LOOKUP_STREAM),
            recent: VecDeque::new(),
            lookups_total: 0,
            lookups_failed: 0,
            metrics,
            ids,
        };
        model.queue.push(SimTime::ZERO, Event::Sample);
        let rate = params.float("rate");
        model.set_rate(if rate.is_finite() {
            rate.clamp(0.0, 200.0)
        } else {
            0.0
        });
        model
    }

    /// The scheme this design runs.
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }
    /// The placement parameters in use.
    pub fn config(&self) -> &PlacementConfig {
        &self.config
    }
    /// The current assignment; `None` if the configuration could not be built.
    pub fn assignment(&self) -> Option<&Assignment> {
        self.state.as_deref().ok()
    }
    /// Why the configuration could not be built, if it could not.
    pub fn error(&self) -> Option<&str> {
        self.state.as_ref().err().map(String::as_str)
    }
    /// The key ids, in key-index order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }
    /// The last change of the pool or of a placement setting.
    pub fn last_change(&self) -> Option<&Change> {
        self.last_change.as_deref()
    }
    /// The last change if it is recent enough for its moved keys to be lit.
    pub fn lit_change(&self) -> Option<&Change> {
        self.last_change()
            .filter(|c| self.now.since(c.at) < HIGHLIGHT_MICROS)
    }
    /// Lookups sent in the last [`LOOKUP_FLIGHT_MICROS`] or so, oldest first.
    pub fn recent_lookups(&self) -> impl Iterator<Item = &Lookup> {
        self.recent.iter()
    }
    /// Lookups routed so far.
    pub fn lookups_total(&self) -> u64 {
        self.lookups_total
    }
    /// Lookups lost to crashes so far.
    pub fn lookups_failed(&self) -> u64 {
        self.lookups_failed
    }
    /// Lookups per simulated second.
    pub fn rate_per_sec(&self) -> f64 {
        self.rate_per_sec
    }
    /// The id the next `add` will use.
    pub fn next_server_id(&self) -> u32 {
        self.next_server_id
    }

    /// Changes the lookup rate and restarts the arrival stream.
    pub(super) fn set_rate(&mut self, rate_per_sec: f64) {
        self.rate_per_sec = rate_per_sec;
        self.lookup_generation += 1;
        self.schedule_lookup();
    }

    fn schedule_lookup(&mut self) {
        if self.rate_per_sec <= 0.0 {
            return;
        }
        let gap_secs = self.workload.exp_mean(1.0 / self.rate_per_sec);
        let gap = SimTime::from_secs_f64(gap_secs).micros().max(1);
        let generation = self.lookup_generation;
        self.queue
            .push(self.now.plus(gap), Event::Lookup { generation });
    }

    /// Routes one uniformly chosen key to its owner from the cached
    /// assignment and schedules the next lookup.
    ///
    /// TODO: a lookup lost to a crash is counted and drawn but not retried
    /// on the key's new owner, so the extra load a crash causes is not shown.
    fn route_lookup(&mut self) {
        let key_index = self.workload.below(self.keys.len() as u64) as usize;
        self.schedule_lookup();
        let Some(owner) = self
            .assignment()
            .and_then(|a| a.owners().get(key_index).copied())
        else {
            return;
        };
        self.lookups_total += 1;
        // Key counts are at most 100,000, so the index fits a u32.
        self.recent.push_back(Lookup {
            at: self.now,
            key_index: key_index as u32,
            owner,
            failed: false,
        });
        let now = self.now;
        while self.recent.len() > MAX_RECENT
            || self
                .recent
                .front()
                .is_some_and(|l| now.since(l.at) > 2 * LOOKUP_FLIGHT_MICROS)
        {
            self.recent.pop_front();
        }
    }
}

impl Model for RingModel {
    fn now(&self) -> SimTime {
        self.now
    }

    fn next_event_at(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    fn step(&mut self, notes: &mut Vec<Note>) {
        let Some((at, event)) = self.queue.pop() else {
            return;
        };
        self.now = self.now.max(at);
        match event {
            Event::Sample => self.sample(notes),
            Event::Lookup { generation } if generation == self.lookup_generation => {
                self.route_lookup()
            }
            Event::Lookup { .. } => {}
        }
    }

    fn advance_clock(&mut self, to: SimTime) {
        self.now = self.now.max(to);
    }

    fn apply(&mut self, action: &Action, notes: &mut Vec<Note>) -> Result<(), String> {
        super::actions::apply(self, action, notes)
    }

    fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    fn digest(&self) -> u64 {
        let mut d = Digest::new();
        let c = &self.config;
        d.str(self.scheme.key())
            .u64(u64::from(c.points_per_server))
            .u64(u64::from(c.maglev_table_size))
            .f64(c.bounded_eps)
            .u64(self.keys.len() as u64)
            .u64(self.keys.first().copied().unwrap_or(0));
        match &self.state {
            Ok(a) => {
                d.u64(a.owners_digest()).u64(a.servers().len() as u64);
                for &s in a.servers() {
                    d.u64(u64::from(s));
                }
            }
            Err(e) => {
                d.str(e);
            }
        }
        if let Some(ch) = &self.last_change {
            d.u64(ch.at.micros())
                .u64(ch.moved.len() as u64)
                .u64(ch.collateral as u64)
                .u64(ch.lookups_failed as u64);
        }
        d.u64(u64::from(self.next_server_id))
            .f64(self.rate_per_sec)
            .u64(self.lookup_generation)
            .u64(self.now.micros())
            .u64(self.queue.scheduled())
            .u64(self.queue.len() as u64)
            .u64(self.workload.clone().next_u64())
            .u64(self.lookups_total)
            .u64(self.lookups_failed);
        for l in &self.recent {
            d.u64(l.at.micros())
                .u64(u64::from(l.key_index))
                .u64(u64::from(l.owner))
                .u64(u64::from(l.failed));
        }
        for s in &self.metrics.series {
            d.u64(s.points.len() as u64);
            if let Some(v) = s.last() {
                d.f64(v);
            }
        }
        d.finish()
    }
}
