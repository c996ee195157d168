//! The step-by-step model of one checkout, as the runner drives it: the
//! checkout plus metric series sampled after every event and action.

use super::checkout::Checkout;
use super::params::Config;
use crate::engine::action::Action;
use crate::engine::metrics::Metrics;
use crate::engine::run::{Model, Note};
use crate::engine::time::SimTime;

/// Metric keys, labels and units, in chart order.
pub const SERIES: [(&str, &str, &str); 7] = [
    ("paid", "Paid by the customer", "payments"),
    ("held", "Held by the provider, unclaimed", "payments"),
    ("captured", "Captured for the merchant", "payments"),
    ("refunded", "Refunded to the customer", "payments"),
    ("fulfilled", "Order fulfilled", "orders"),
    ("states_met", "States the merchant's code met", "states"),
    ("messages_lost", "Messages lost", "messages"),
];

/// One checkout with its metrics.
#[derive(Clone, Debug)]
pub struct PaymentsModel {
    checkout: Checkout,
    metrics: Metrics,
}

impl PaymentsModel {
    /// A checkout of `cfg` for the customer with `seed`.
    pub fn new(cfg: Config, seed: u64) -> Self {
        let mut metrics = Metrics::default();
        for (key, label, unit) in SERIES {
            metrics.declare(key, label, unit);
        }
        let mut m = PaymentsModel {
            checkout: Checkout::new(cfg, seed),
            metrics,
        };
        m.sample();
        m
    }

    /// The checkout.
    pub fn checkout(&self) -> &Checkout {
        &self.checkout
    }

    fn sample(&mut self) {
        let c = &self.checkout;
        let l = c.ledger();
        let lost = c
            .messages()
            .iter()
            .filter(|m| matches!(m.fate, super::Fate::Lost(_)))
            .count();
        let values = [
            f64::from(l.paid),
            f64::from(l.held),
            f64::from(l.captured),
            f64::from(l.refunded),
            f64::from(u8::from(c.merchant.fulfilled_at.is_some())),
            f64::from(c.tally().states_met.count_ones()),
            lost as f64,
        ];
        let secs = c.now().secs_f64();
        for (i, v) in values.into_iter().enumerate() {
            let unchanged = self.metrics.series[i]
                .points
                .last()
                .is_some_and(|p| p[0] == secs && p[1] == v);
            if !unchanged {
                self.metrics.push(i, secs, v);
            }
        }
    }
}

impl Model for PaymentsModel {
    fn now(&self) -> SimTime {
        self.checkout.now()
    }
    fn next_event_at(&self) -> Option<SimTime> {
        self.checkout.next_event_at()
    }
    fn step(&mut self, notes: &mut Vec<Note>) {
        self.checkout.step();
        self.checkout.take_notes(notes);
        self.sample();
    }
    fn advance_clock(&mut self, to: SimTime) {
        self.checkout.advance_clock(to);
    }
    fn apply(&mut self, action: &Action, notes: &mut Vec<Note>) -> Result<(), String> {
        let result = self.checkout.apply(action);
        self.checkout.take_notes(notes);
        self.sample();
        result
    }
    fn metrics(&self) -> &Metrics {
        &self.metrics
    }
    fn digest(&self) -> u64 {
        self.checkout.digest()
    }
}
