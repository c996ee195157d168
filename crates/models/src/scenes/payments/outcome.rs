//! How a checkout ended, read off the money and the order, and the digest of
//! a checkout's state.

use super::checkout::{Checkout, Money, StopReason};
use super::machine::StateMachine;
use super::message::{Fate, Loss};
use crate::engine::digest::Digest;
use serde::Serialize;

/// How a checkout ended (or stands so far).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    /// Paid once and fulfilled.
    Fulfilled,
    /// Fulfilled, but the customer was charged more than once.
    DoubleCharged,
    /// The customer paid, nobody claimed it, the provider gave it back: a lost sale.
    PaidRefunded,
    /// The merchant has the money but never fulfilled the order.
    PaidUnfulfilled,
    /// No money moved, for this reason.
    NotPaid(StopReason),
    /// Still under way.
    Open,
}

impl Outcome {
    /// A short reader-facing label.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Fulfilled => "paid and fulfilled",
            Outcome::DoubleCharged => "fulfilled, customer charged twice",
            Outcome::PaidRefunded => "paid, then refunded: a lost sale",
            Outcome::PaidUnfulfilled => "paid but never fulfilled",
            Outcome::NotPaid(StopReason::Unsupported) => "not offered in this era",
            Outcome::NotPaid(StopReason::Declined) => "declined",
            Outcome::NotPaid(StopReason::NeedsAuthentication) => "declined: needs 3-D Secure",
            Outcome::NotPaid(StopReason::Abandoned) => "abandoned",
            Outcome::NotPaid(StopReason::Expired) => "expired unpaid",
            Outcome::NotPaid(StopReason::Disconnected) => "lost with the connection",
            Outcome::NotPaid(StopReason::MerchantUnreachable) => "shop unreachable",
            Outcome::NotPaid(StopReason::Stalled) => "never finished",
            Outcome::Open => "under way",
        }
    }
}

/// Counts of attempts by where their money is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    /// Attempts where the customer paid (held, captured or refunded).
    pub paid: u32,
    /// Held by the provider, unclaimed so far.
    pub held: u32,
    /// Captured for the merchant.
    pub captured: u32,
    /// Refunded to the customer.
    pub refunded: u32,
}

impl Checkout {
    /// Where the money is.
    pub fn ledger(&self) -> Ledger {
        let mut l = Ledger::default();
        for a in &self.attempts {
            match a.money {
                Money::Untouched => continue,
                Money::Held => l.held += 1,
                Money::Captured => l.captured += 1,
                Money::Refunded => l.refunded += 1,
            }
            l.paid += 1;
        }
        l
    }

    /// The outcome so far (final once no events are left).
    pub fn outcome(&self) -> Outcome {
        let l = self.ledger();
        let fulfilled = self.merchant.fulfilled_at.is_some();
        if fulfilled && l.captured >= 2 {
            Outcome::DoubleCharged
        } else if fulfilled {
            Outcome::Fulfilled
        } else if l.held > 0 {
            Outcome::Open
        } else if l.captured > 0 {
            Outcome::PaidUnfulfilled
        } else if l.refunded > 0 {
            Outcome::PaidRefunded
        } else {
            self.stop.map_or(Outcome::Open, Outcome::NotPaid)
        }
    }

    /// The outcome as a reader should see it at this moment: before the
    /// books close, money the merchant holds without having fulfilled yet
    /// is "not fulfilled yet", not yet a failure.
    pub fn outcome_label_now(&self) -> (&'static str, bool) {
        let closed = self.now() >= crate::SimTime::from_secs(super::timings::BOOKS_CLOSE_SECS);
        match self.outcome() {
            Outcome::PaidUnfulfilled if !closed => ("paid, not fulfilled yet", false),
            Outcome::NotPaid(super::StopReason::Stalled) if !closed => ("under way", false),
            o => (o.label(), o != Outcome::Open),
        }
    }

    /// True when the customer was charged more than once.
    pub fn double_charged(&self) -> bool {
        self.ledger().captured >= 2
    }

    /// When the outcome last changed.
    pub fn final_at(&self) -> crate::SimTime {
        self.final_at
    }

    /// A digest of everything that matters in the state.
    pub fn digest(&self) -> u64 {
        let mut d = Digest::new();
        let (pending, scheduled, next) = self.queue_digest();
        d.u64(self.now.micros()).u64(self.msgs.len() as u64);
        d.u64(pending).u64(scheduled).u64(next);
        for m in &self.msgs {
            d.u64(m.sent.micros()).u64(m.arrives.micros()).str(m.label);
            d.u64(m.from as u64 | (m.to as u64) << 4 | u64::from(m.delivery) << 8);
            d.u64(match m.fate {
                Fate::InFlight => 0,
                Fate::Delivered => 1,
                Fate::Lost(Loss::BrowserOffline) => 2,
                Fate::Lost(Loss::MerchantDown) => 3,
            });
        }
        for a in &self.attempts {
            d.str(a.method.key()).u64(a.money as u64);
            d.str(a.token.map_or("", |s| s.key()))
                .str(a.receiver.map_or("", |s| s.key()));
            d.str(a.source.map_or("", |s| s.key()))
                .str(a.charge.map_or("", |s| s.key()));
            d.u64(
                u64::from(a.cancelled)
                    | u64::from(a.decided) << 1
                    | u64::from(a.authenticated) << 2,
            );
        }
        d.u64(self.browser.page as u64)
            .u64(u64::from(self.browser.has_secret));
        d.str(self.intent.map_or("", |s| s.key()))
            .u64(u64::from(self.intent_attempt));
        d.u64(self.merchant.fulfilled_at.map_or(u64::MAX, |t| t.micros()));
        d.u64(self.merchant.down_until.micros())
            .u64(u64::from(self.merchant.down_armed));
        d.u64(self.browser.offline_since.map_or(u64::MAX, |t| t.micros()));
        d.u64(u64::from(self.browser.disconnect_armed) | u64::from(self.decline_armed) << 1);
        d.u64(self.final_at.micros()).str(self.outcome().label());
        d.u64(self.tally.states_met)
            .u64(u64::from(self.tally.handlers));
        d.finish()
    }
}
