//! Lost messages and their consequences: a browser without a connection, a
//! merchant server that is down, and the provider's webhook retries.

use super::checkout::{Checkout, Page, StopReason, Timer};
use super::message::{Fate, Lane, Loss, Message, MsgKind, Payload};
use crate::engine::run::NoteKind;

impl Checkout {
    /// Message `i` is lost on arrival because of `loss`.
    pub(super) fn lose(&mut self, i: usize, loss: Loss) {
        self.msgs[i].fate = Fate::Lost(loss);
        let m = self.msgs[i];
        match loss {
            Loss::BrowserOffline => {
                self.say(NoteKind::Fault, || {
                    format!(
                        "\u{201c}{}\u{201d} never reaches the browser: it is offline.",
                        m.label
                    )
                });
                self.set_stop(StopReason::Disconnected);
            }
            Loss::MerchantDown if m.kind == MsgKind::Webhook => self.webhook_missed(m, i),
            Loss::MerchantDown => {
                self.say(NoteKind::Fault, || {
                    format!(
                        "\u{201c}{}\u{201d} hits the merchant's server while it is down.",
                        m.label
                    )
                });
                if m.from == Lane::Browser && self.browser_online() {
                    self.browser.page = Page::Failed;
                }
                if m.from == Lane::Provider {
                    self.say(NoteKind::Insight, || {
                        "The provider did its part, but the server that asked never hears \
                         the answer."
                            .to_string()
                    });
                }
                self.set_stop(StopReason::MerchantUnreachable);
            }
        }
    }

    fn webhook_missed(&mut self, m: Message, i: usize) {
        let elapsed_secs = self.now.since(m.first_sent) / 1_000_000;
        let gap = self
            .cfg
            .retry
            .next_gap_secs(u32::from(m.delivery), elapsed_secs);
        self.say(NoteKind::Fault, || match gap {
            Some(g) => format!(
                "The {} webhook fails: the merchant's server is down. The provider will try \
                 again in {}.",
                m.label,
                crate::SimTime::from_secs(g)
            ),
            None => format!(
                "The {} webhook fails: the merchant's server is down, and the provider does \
                 not try again. Nobody on the merchant's side will hear of this event.",
                m.label
            ),
        });
        if let Some(g) = gap {
            self.schedule(g * 1_000_000, Timer::Retry(i as u32));
        }
    }

    /// The provider sends lost webhook `i` again.
    pub(super) fn retry_webhook(&mut self, i: usize) {
        let Some(old) = self.msgs.get(i).copied() else {
            return;
        };
        let id = self.msgs.len() as u32;
        let arrives = self.now.plus(self.t.webhook_micros);
        self.msgs.push(Message {
            sent: self.now,
            arrives,
            fate: Fate::InFlight,
            delivery: old.delivery.saturating_add(1),
            ..old
        });
        self.push_arrival(arrives, id);
        self.say(NoteKind::Info, || {
            format!(
                "The provider retries the {} webhook (attempt {}).",
                old.label,
                old.delivery + 1
            )
        });
    }

    /// The merchant's server goes down now, for the configured outage.
    pub(super) fn start_outage(&mut self) {
        self.merchant.down_armed = false;
        self.merchant.down_from = Some(self.now);
        self.merchant.down_until = self.now.plus(self.cfg.outage_secs * 1_000_000);
        self.schedule(self.cfg.outage_secs * 1_000_000, Timer::MerchantUp);
        let mins = self.cfg.outage_secs / 60;
        self.say(NoteKind::Fault, || {
            format!("The merchant's server goes down for {mins} minutes.")
        });
    }

    /// The simulation's end: anything still open is called stalled.
    pub(super) fn close_books(&mut self) {
        if self.outcome() == super::Outcome::Open {
            self.stop = Some(StopReason::Stalled);
        }
        let outcome = self.outcome();
        let settled = self.final_at;
        self.say(NoteKind::Insight, || {
            format!(
                "The books close. Outcome: {}, settled at {settled}.",
                outcome.label()
            )
        });
    }

    /// True when a message carrying exactly `payload` is still travelling.
    pub(super) fn in_flight(&self, payload: Payload) -> bool {
        self.msgs
            .iter()
            .any(|m| m.payload == payload && m.fate == Fate::InFlight)
    }
}
