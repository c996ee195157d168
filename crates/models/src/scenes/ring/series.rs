//! The hash-ring scene's metric series, sampled every simulated second.
//!
//! Two spreads are kept apart on purpose: the load spread counts keys per
//! server, so it includes the sampling noise of placing finitely many keys;
//! the ring share spread is the exact arc each server owns (ring schemes
//! only), about 1/sqrt(points per server).

use crate::engine::metrics::Metrics;
use crate::engine::run::{Note, NoteKind};
use crate::engine::time::SimTime;
use crate::placement::Scheme;

use super::model::{Event, RingModel, SAMPLE_EVERY_MICROS};

/// Indexes of the metric series.
#[derive(Clone, Copy, Debug)]
pub(super) struct SeriesIds {
    moved_keys: usize,
    moved_pct: usize,
    ideal_pct: usize,
    modn_pct: usize,
    max_over_mean: usize,
    load_cv_pct: usize,
    ring_share_cv_pct: Option<usize>,
    lookup_ops: usize,
    servers: usize,
    lookups_failed: usize,
}

impl RingModel {
    /// Records every series at the current time (and, at time zero, the
    /// opening line of the narration), then schedules the next sample.
    pub(super) fn sample(&mut self, notes: &mut Vec<Note>) {
        let secs = self.now.secs_f64();
        if self.now == SimTime::ZERO {
            if let Some(text) = self.assignment().map(|a| super::actions::intro(self, a)) {
                notes.push(Note::new(self.now, NoteKind::Info, text));
            }
        }
        let change = self.last_change.as_deref();
        let ids = self.ids;
        let moved = change.map_or(0.0, |c| c.moved.len() as f64);
        let moved_pct = change.map_or(0.0, |c| c.moved_share() * 100.0);
        let ideal_pct = change.map_or(0.0, |c| c.ideal_share * 100.0);
        let modn_pct = change.map_or(0.0, |c| c.modn_share() * 100.0);
        let failed = self.lookups_failed as f64;
        let m = &mut self.metrics;
        m.push(ids.moved_keys, secs, moved);
        m.push(ids.moved_pct, secs, moved_pct);
        m.push(ids.ideal_pct, secs, ideal_pct);
        m.push(ids.modn_pct, secs, modn_pct);
        m.push(ids.lookups_failed, secs, failed);
        if let Ok(a) = &self.state {
            let stats = a.stats();
            m.push(ids.max_over_mean, secs, stats.max_over_mean);
            m.push(ids.load_cv_pct, secs, stats.cv * 100.0);
            if let (Some(i), Some(cv)) = (ids.ring_share_cv_pct, a.ring_share_cv()) {
                m.push(i, secs, cv * 100.0);
            }
            m.push(
                ids.lookup_ops,
                secs,
                a.placement().lookup_cost().ops_per_lookup,
            );
            m.push(ids.servers, secs, a.servers().len() as f64);
        }
        self.queue
            .push(self.now.plus(SAMPLE_EVERY_MICROS), Event::Sample);
    }
}

pub(super) fn declare_series(m: &mut Metrics, scheme: Scheme) -> SeriesIds {
    SeriesIds {
        moved_keys: m.declare("moved_keys", "Keys moved by the last change", "keys"),
        moved_pct: m.declare("moved_pct", "Keys moved by the last change", "%"),
        ideal_pct: m.declare(
            "ideal_pct",
            "Ideal share to move (1/(n+1) or the leaver's)",
            "%",
        ),
        modn_pct: m.declare("modn_pct", "hash mod N would move", "%"),
        max_over_mean: m.declare("max_over_mean", "Busiest server / mean", "\u{d7}"),
        load_cv_pct: m.declare(
            "load_cv",
            "Load spread: keys per server (includes sampling noise)",
            "%",
        ),
        ring_share_cv_pct: matches!(scheme, Scheme::Ring | Scheme::BoundedLoads).then(|| {
            m.declare(
                "ring_share_cv",
                "Ring share spread: exact arc per server",
                "%",
            )
        }),
        lookup_ops: m.declare("lookup_ops", "Lookup cost", "ops/lookup"),
        servers: m.declare("servers", "Servers", "servers"),
        lookups_failed: m.declare("lookups_failed", "Lookups lost to crashes", "lookups"),
    }
}
