//! The batch: thousands of seeded customers, each run through every era.
//!
//! Every customer gets a seed, a method drawn from the mix and a set of
//! faults drawn from the rates, all from streams that do not depend on the
//! era, so every era meets exactly the same customers. Each checkout is the
//! same simulation the step-by-step view runs (without narration), driven
//! with the same ordering rule as the runner: actions first at equal times.
//! What the merchant had to build is counted as the distinct states,
//! webhook events and code paths its page and server met over the batch.

use super::checkout::Checkout;
use super::method::{Era, Method};
use super::outcome::Outcome;
use super::params::{mix_shares, Config, MAX_CHECKOUTS};
use crate::engine::action::Action;
use crate::engine::params::Params;
use crate::engine::rng::{splitmix64, SimRng};
use crate::engine::time::SimTime;
use crate::scenes::{BatchReport, Progress};

/// Stream label of a customer's method and fault draws.
const CUSTOMER_STREAM: u64 = 0x6375_7374; // "cust"
/// Customers per progress report.
const CHUNK: usize = 250;

/// One batch customer: a seed, a starting method and a fault timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Customer {
    /// Seed of the customer's timings.
    pub seed: u64,
    /// The method they start with.
    pub method: Method,
    /// Faults, as the reader's actions would record them.
    pub actions: Vec<Action>,
}

/// Customer `index` of the batch with `seed` and the rates in `params`.
pub fn customer(params: &Params, seed: u64, index: u64) -> Customer {
    let mut s = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let cseed = splitmix64(&mut s);
    let mut r = SimRng::derive(cseed, CUSTOMER_STREAM);
    let shares = mix_shares(params.text("mix"));
    let total: u32 = shares.iter().sum();
    let mut pick = r.below(u64::from(total.max(1))) as u32;
    let mut method = Method::Card;
    for (m, share) in Method::ALL.into_iter().zip(shares) {
        if pick < share {
            method = m;
            break;
        }
        pick -= share;
    }
    // Every draw is made for every customer, so rates shift no other draw.
    let disconnect = r.chance(params.float("disconnect_rate"));
    let down = r.chance(params.float("down_rate"));
    let decline = r.chance(params.float("decline_rate"));
    let switch = r.chance(params.float("switch_rate"));
    let switch_at = SimTime::from_secs_f64(r.uniform(20.0, 1_800.0));
    let abandon = r.chance(params.float("abandon_rate"));
    let abandon_at = SimTime::from_secs_f64(r.uniform(5.0, 600.0));
    let mut actions = Vec::new();
    if disconnect && method.needs_customer_step() {
        actions.push(Action::new(SimTime::ZERO, "disconnect", ""));
    }
    if down {
        actions.push(Action::new(SimTime::ZERO, "merchant-down", "webhook"));
    }
    if decline {
        actions.push(Action::new(SimTime::ZERO, "decline", ""));
    }
    if switch {
        actions.push(Action::new(switch_at, "switch", "card"));
    }
    if abandon {
        actions.push(Action::new(abandon_at, "abandon", ""));
    }
    actions.sort_by_key(|a| a.at);
    Customer {
        seed: cseed,
        method,
        actions,
    }
}

/// Runs one checkout to the end with `actions`, actions first at equal times
/// (the runner's rule). Refused actions are skipped, as the runner does.
pub fn run_checkout(cfg: Config, seed: u64, actions: &[Action]) -> Checkout {
    let mut c = Checkout::new(cfg, seed);
    let mut next = 0;
    loop {
        let action_at = actions.get(next).map(|a| a.at);
        let event_at = c.next_event_at();
        match action_at {
            Some(a) if event_at.is_none_or(|e| a <= e) => {
                c.advance_clock(a);
                let _ = c.apply(&actions[next]);
                next += 1;
            }
            _ if event_at.is_some() => c.step(),
            _ => break,
        }
    }
    c
}

/// What one era did over the batch.
#[derive(Clone, Debug, Default)]
pub struct EraTotals {
    /// Checkouts run.
    pub checkouts: u64,
    /// Paid once or more and fulfilled.
    pub fulfilled: u64,
    /// Paid, refunded, never sold.
    pub paid_refunded: u64,
    /// Paid, never fulfilled.
    pub paid_unfulfilled: u64,
    /// Charged more than once.
    pub double_charged: u64,
    /// The era does not take the method.
    pub not_offered: u64,
    /// Time to the final outcome of each offered checkout, in microseconds.
    pub final_micros: Vec<u64>,
    /// iDEAL customers whose connection dropped, and lost sales among them.
    pub ideal_drops: (u64, u64),
    /// Customers who switched method, and double charges among them.
    pub switches: (u64, u64),
    /// Union of the states, webhooks and handlers met.
    pub tally: super::checkout::Tally,
}

impl EraTotals {
    fn add(&mut self, c: &Checkout, who: &Customer) {
        let outcome = c.outcome();
        self.checkouts += 1;
        match outcome {
            Outcome::Fulfilled | Outcome::DoubleCharged => self.fulfilled += 1,
            Outcome::PaidRefunded => self.paid_refunded += 1,
            Outcome::PaidUnfulfilled => self.paid_unfulfilled += 1,
            Outcome::NotPaid(super::StopReason::Unsupported) => self.not_offered += 1,
            _ => {}
        }
        let double = c.double_charged();
        self.double_charged += u64::from(double);
        if outcome != Outcome::NotPaid(super::StopReason::Unsupported) {
            self.final_micros.push(c.final_at().micros());
        }
        let has = |kind: &str| who.actions.iter().any(|a| a.kind == kind);
        if who.method == Method::Ideal && has("disconnect") {
            self.ideal_drops.0 += 1;
            self.ideal_drops.1 += u64::from(outcome == Outcome::PaidRefunded);
        }
        if has("switch") {
            self.switches.0 += 1;
            self.switches.1 += u64::from(double);
        }
        let t = c.tally();
        self.tally.states_met |= t.states_met;
        self.tally.webhooks |= t.webhooks;
        self.tally.handlers |= t.handlers;
    }
}

/// Runs `n` customers through every era; `None` when cancelled.
pub fn simulate(
    params: &Params,
    seed: u64,
    n: u64,
    progress: Progress<'_>,
) -> Option<Vec<EraTotals>> {
    let mut totals = vec![EraTotals::default(); Era::ALL.len()];
    let base = Config::from_params(params, "sources");
    for start in (0..n).step_by(CHUNK) {
        for i in start..(start + CHUNK as u64).min(n) {
            let who = customer(params, seed, i);
            for (era, tot) in Era::ALL.into_iter().zip(totals.iter_mut()) {
                let cfg = Config {
                    era,
                    method: who.method,
                    verbose: false,
                    ..base
                };
                let c = run_checkout(cfg, who.seed, &who.actions);
                tot.add(&c, &who);
            }
        }
        let done = (start + CHUNK as u64).min(n) as f64 / n.max(1) as f64;
        if !progress(done) {
            return None;
        }
    }
    Some(totals)
}

/// The batch entry point: the report for the scene's parameters.
pub fn run(params: &Params, seed: u64, progress: Progress<'_>) -> Result<BatchReport, String> {
    let n = params.int("checkouts").clamp(1, MAX_CHECKOUTS) as u64;
    let totals = simulate(params, seed, n, progress).ok_or("Cancelled.")?;
    Ok(super::report::report(params, n, &totals))
}
