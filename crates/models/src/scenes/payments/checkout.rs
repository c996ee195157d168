//! One checkout as a discrete-event simulation of four parties.
//!
//! The customer's browser, the merchant's server, the payment provider and
//! an outside party (card network, bank, wallet, shop) exchange messages.
//! Each party's behaviour lives in its own module (`browser`, `merchant`,
//! `provider`, `outside`); this one holds the shared state, the clock and
//! the rules of delivery: a message to a browser that lost its connection,
//! or to a merchant server that is down, is lost, and a lost webhook is
//! retried by the provider's policy.
//!
//! Outcomes are read off the money, never off the era: each attempt's money
//! is untouched, held by the provider, captured for the merchant, or
//! refunded, and the order is fulfilled or not.

use super::integration::Handler;
use super::machine::{StateMachine, StateRef, TransitionError};
use super::message::{Fate, Lane, Loss, Message, MsgKind, Payload};
use super::method::Support;
use super::params::Config;
use super::timings::{Timings, BOOKS_CLOSE_SECS};
use super::IntentState;
use crate::engine::queue::EventQueue;
use crate::engine::run::{Note, NoteKind};
use crate::engine::time::SimTime;

pub use super::parties::{Attempt, Browser, Merchant, Money, Page, StopReason, Tally, Transition};

/// Things due at a time that are not message arrivals. The `u8` is the
/// attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Timer {
    /// The customer has filled in the payment form.
    Fill(u8),
    /// The customer finishes at the bank, wallet or shop.
    CustomerStep(u8),
    /// A bank debit is answered, or Bitcoin confirmations are in.
    Settle(u8),
    /// Pushed money nobody claimed goes back.
    Unclaimed(u8),
    /// An unpaid voucher expires.
    Expire(u8),
    /// The merchant's server comes back.
    MerchantUp,
    /// The provider retries lost webhook message `u32`.
    Retry(u32),
    /// The simulation closes its books.
    Close,
}

/// A queued event: message `u32` arrives, or a timer fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Ev {
    Arrive(u32),
    Timer(Timer),
}

/// The most attempts one checkout takes (a switch beyond is refused).
pub const MAX_ATTEMPTS: usize = 4;

/// One checkout's whole state.
#[derive(Clone, Debug)]
pub struct Checkout {
    pub(super) cfg: Config,
    pub(super) t: Timings,
    pub(super) now: SimTime,
    queue: EventQueue<Ev>,
    pub(super) msgs: Vec<Message>,
    pub(super) attempts: Vec<Attempt>,
    pub(super) intent: Option<IntentState>,
    pub(super) intent_attempt: u8,
    pub(super) browser: Browser,
    pub(super) merchant: Merchant,
    pub(super) decline_armed: bool,
    pub(super) stop: Option<StopReason>,
    pub(super) final_at: SimTime,
    pub(super) last: Option<Transition>,
    pub(super) tally: Tally,
    pub(super) support: Support,
    pub(super) notes: Vec<Note>,
}

impl Checkout {
    /// A checkout of `cfg` for the customer with `seed`, at time zero.
    pub fn new(cfg: Config, seed: u64) -> Checkout {
        let mut c = Checkout {
            cfg,
            t: Timings::draw(seed),
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            msgs: Vec::with_capacity(24),
            attempts: vec![Attempt::new_for(cfg.method)],
            intent: None,
            intent_attempt: 0,
            browser: Browser {
                offline_since: None,
                disconnect_armed: false,
                page: Page::Checkout,
                has_secret: false,
                ready_to_confirm: None,
            },
            merchant: Merchant {
                down_from: None,
                down_until: SimTime::ZERO,
                down_armed: false,
                has_intent: false,
                fulfilled_at: None,
            },
            decline_armed: false,
            stop: None,
            final_at: SimTime::ZERO,
            last: None,
            tally: Tally::default(),
            support: cfg.era.support(cfg.method, cfg.chargeable_webhook),
            notes: Vec::new(),
        };
        c.queue.push(
            SimTime::from_secs(BOOKS_CLOSE_SECS),
            Ev::Timer(Timer::Close),
        );
        c.start();
        c
    }

    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }
    /// When the next event is due.
    pub fn next_event_at(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }
    /// Moves the clock forward (never back).
    pub fn advance_clock(&mut self, to: SimTime) {
        self.now = self.now.max(to);
    }
    /// Pending events, for the digest: (count, ever scheduled, next time).
    pub(super) fn queue_digest(&self) -> (u64, u64, u64) {
        let next = self.queue.peek_time().map_or(u64::MAX, |t| t.micros());
        (self.queue.len() as u64, self.queue.scheduled(), next)
    }

    /// Takes the narration written since the last call.
    pub fn take_notes(&mut self, into: &mut Vec<Note>) {
        into.append(&mut self.notes);
    }

    /// Handles the earliest pending event.
    pub fn step(&mut self) {
        let Some((at, ev)) = self.queue.pop() else {
            return;
        };
        self.now = self.now.max(at);
        match ev {
            Ev::Arrive(id) => self.arrive(id),
            Ev::Timer(t) => self.on_timer(t),
        }
    }

    /// Runs every remaining event (a batch's checkout).
    pub fn run_to_end(&mut self) {
        while self.queue.peek_time().is_some() {
            self.step();
        }
    }

    /// Writes a narration line (only when narrating).
    pub(super) fn say(&mut self, kind: NoteKind, text: impl FnOnce() -> String) {
        if self.cfg.verbose {
            self.notes.push(Note::new(self.now, kind, text()));
        }
    }

    /// Records that the merchant's integration ran `h`.
    pub(super) fn used(&mut self, h: Handler) {
        self.tally.handlers |= h.bit();
    }

    pub(super) fn push_arrival(&mut self, at: SimTime, id: u32) {
        self.queue.push(at, Ev::Arrive(id));
    }

    pub(super) fn schedule(&mut self, after_micros: u64, timer: Timer) {
        self.queue
            .push(self.now.plus(after_micros), Ev::Timer(timer));
    }

    /// Sends a message arriving `delay_micros` from now.
    pub(super) fn send(
        &mut self,
        route: (Lane, Lane, MsgKind),
        payload: Payload,
        delay_micros: u64,
        state: Option<StateRef>,
    ) {
        let method = self
            .attempts
            .get(payload.attempt())
            .map_or(self.cfg.method, |a| a.method);
        let id = self.msgs.len() as u32;
        let arrives = self.now.plus(delay_micros);
        self.msgs.push(Message {
            from: route.0,
            to: route.1,
            kind: route.2,
            payload,
            label: payload.label(self.cfg.era, method),
            sent: self.now,
            arrives,
            fate: Fate::InFlight,
            state,
            delivery: 1,
            first_sent: self.now,
        });
        self.queue.push(arrives, Ev::Arrive(id));
    }

    /// Applies `event` to `from`, recording the transition or narrating the
    /// refusal.
    pub(super) fn moved<S: StateMachine>(
        &mut self,
        attempt: usize,
        from: S,
        event: S::Event,
    ) -> Result<S, TransitionError> {
        let result = from.apply(event);
        match &result {
            Ok(to) => {
                let to = *to;
                self.last = Some(Transition {
                    machine: S::MACHINE,
                    from: Some(from.index()),
                    to: to.index(),
                    event: S::event_key(event),
                    attempt: attempt as u8,
                });
                self.say(NoteKind::Info, || {
                    format!(
                        "{}: {} \u{2192} {}.",
                        S::MACHINE.name(),
                        from.key(),
                        to.key()
                    )
                });
            }
            Err(e) => {
                let e = e.clone();
                self.say(NoteKind::Refused, || format!("Refused. {e}"));
            }
        }
        result
    }

    /// Moves attempt `a`'s money, which makes the outcome final for now.
    pub(super) fn set_money(&mut self, a: usize, money: Money) {
        if let Some(att) = self.attempts.get_mut(a) {
            att.money = money;
            self.final_at = self.now;
        }
    }

    /// Records that `state` was just created for attempt `a`.
    pub(super) fn created<S: StateMachine>(&mut self, a: usize, state: S) -> S {
        self.last = Some(Transition {
            machine: S::MACHINE,
            from: None,
            to: state.index(),
            event: "created",
            attempt: a as u8,
        });
        self.say(NoteKind::Info, || {
            format!("New {}: {}.", S::MACHINE.name(), state.key())
        });
        state
    }

    /// Records why the checkout ended (the latest reason wins).
    pub(super) fn set_stop(&mut self, reason: StopReason) {
        self.stop = Some(reason);
        self.final_at = self.now;
    }

    /// Uses up an armed decline; true if there was one.
    pub(super) fn take_decline(&mut self) -> bool {
        std::mem::replace(&mut self.decline_armed, false)
    }

    pub(super) fn browser_online(&self) -> bool {
        self.browser.offline_since.is_none_or(|t| t > self.now)
    }

    pub(super) fn merchant_down(&self) -> bool {
        self.merchant.down_from.is_some_and(|f| f <= self.now)
            && self.now < self.merchant.down_until
    }

    fn arrive(&mut self, id: u32) {
        let i = id as usize;
        let Some(m) = self.msgs.get(i).copied() else {
            return;
        };
        if m.to == Lane::Browser && !self.browser_online() {
            return self.lose(i, Loss::BrowserOffline);
        }
        if m.to == Lane::Merchant {
            if m.kind == MsgKind::Webhook && self.merchant.down_armed {
                self.start_outage();
            }
            if self.merchant_down() {
                return self.lose(i, Loss::MerchantDown);
            }
        }
        self.msgs[i].fate = Fate::Delivered;
        if matches!(m.to, Lane::Browser | Lane::Merchant) {
            self.tally.states_met |= m.state.map_or(0, StateRef::bit);
        }
        match m.to {
            Lane::Browser => self.at_browser(m),
            Lane::Merchant => self.at_merchant(m),
            Lane::Provider => self.at_provider(m),
            Lane::Outside => self.at_outside(m),
        }
    }

    fn on_timer(&mut self, timer: Timer) {
        match timer {
            Timer::Fill(a) => self.on_fill(usize::from(a)),
            Timer::CustomerStep(a) => self.on_customer_step(usize::from(a)),
            Timer::Settle(a) => self.on_settle(usize::from(a)),
            Timer::Unclaimed(a) => self.on_unclaimed(usize::from(a)),
            Timer::Expire(a) => self.on_expire(usize::from(a)),
            Timer::MerchantUp => self.say(NoteKind::Change, || {
                "The merchant's server is back up. Whatever reached it while it was down \
                 is gone unless someone sends it again."
                    .to_string()
            }),
            Timer::Retry(id) => self.retry_webhook(id as usize),
            Timer::Close => self.close_books(),
        }
    }
}
