//! Money the customer pushed, while it waits for a claim: the provider
//! holds it, starts the unclaimed clock, and sends it back when nothing
//! claims it in time. Also the ends of waiting: a voucher's expiry, Bitcoin
//! confirmations, a bank debit's answer.

use super::checkout::{Checkout, Money, StopReason, Timer};
use super::machine::{StateMachine, StateRef};
use super::message::{Lane, MsgKind, Payload, WebhookEvent};
use super::method::Method;
use super::provider::{TO_BROWSER, TO_OUTSIDE};
use super::states::{ChargeEvent, ReceiverEvent, ReceiverState, SourceEvent, SourceState};
use super::timings::UNCLAIMED_WINDOW_SECS;
use crate::engine::run::NoteKind;

impl Checkout {
    /// A receiver or Source is ready: hold any pushed money, start the
    /// unclaimed clock, tell the polling page and (if wanted) the server.
    pub(super) fn pushed_and_waiting(&mut self, a: usize, event: WebhookEvent, state: StateRef) {
        let method = self.attempts[a].method;
        if method.customer_pushes() {
            self.set_money(a, Money::Held);
            self.attempts[a].coins_at = Some(self.now);
        }
        self.schedule(UNCLAIMED_WINDOW_SECS * 1_000_000, Timer::Unclaimed(a as u8));
        if method == Method::Bitcoin {
            self.send(
                TO_BROWSER,
                Payload::Ready(a as u8),
                self.t.net_micros,
                Some(state),
            );
        }
        if self.cfg.chargeable_webhook {
            self.webhook(a, event, Some(state));
        }
        self.say(NoteKind::Info, || {
            let held = if method.customer_pushes() {
                "The provider now holds the customer's money, but "
            } else {
                "The customer is authenticated, but "
            };
            format!(
                "{held}no Charge exists until the merchant's server creates one. If none \
                 comes within {} hours, it is given up.",
                UNCLAIMED_WINDOW_SECS / 3_600
            )
        });
    }

    /// Money arrived for something no longer waiting for it: send it back.
    pub(super) fn refund_stray(&mut self, a: usize) {
        self.set_money(a, Money::Held);
        self.refund(a);
        self.say(NoteKind::Info, || {
            "Money arrived for an attempt that is no longer open; the provider returns it \
             to the customer at once."
                .to_string()
        });
    }

    /// Sends attempt `a`'s held money back to the customer.
    fn refund(&mut self, a: usize) {
        self.set_money(a, Money::Refunded);
        self.send(
            TO_OUTSIDE,
            Payload::Refund(a as u8),
            self.t.network_micros / 2,
            None,
        );
    }

    /// Nobody claimed attempt `a`'s receiver or Source in time.
    pub(super) fn on_unclaimed(&mut self, a: usize) {
        let att = self.attempts[a];
        if let Some(r @ ReceiverState::Filled) = att.receiver {
            if let Ok(r) = self.moved(a, r, ReceiverEvent::Refund) {
                self.attempts[a].receiver = Some(r);
            }
        } else if let Some(s @ SourceState::Chargeable) = att.source {
            if let Ok(s) = self.moved(a, s, SourceEvent::Expire) {
                self.attempts[a].source = Some(s);
            }
        } else {
            return;
        }
        if att.money == Money::Held {
            self.refund(a);
            self.say(NoteKind::Insight, || {
                "No Charge ever claimed the payment, so the provider refunds the customer. \
                 The customer paid and the merchant lost the sale."
                    .to_string()
            });
        } else {
            self.set_stop(StopReason::Expired);
        }
    }

    /// A voucher's time ran out.
    pub(super) fn on_expire(&mut self, a: usize) {
        if self.cfg.era.uses_intents() {
            return self.intent_expired(a);
        }
        let Some(s @ SourceState::Pending) = self.attempts[a].source else {
            return;
        };
        if let Ok(s) = self.moved(a, s, SourceEvent::Expire) {
            self.attempts[a].source = Some(s);
            self.set_stop(StopReason::Expired);
        }
    }

    /// Bitcoin confirmations are in, or a bank debit's time is up.
    pub(super) fn on_settle(&mut self, a: usize) {
        let method = self.attempts[a].method;
        if method.is_debit() {
            let ok = !self.take_decline();
            self.attempts[a].decided = true;
            let answer = Payload::DebitAnswer(a as u8, ok);
            let route = (Lane::Outside, Lane::Provider, MsgKind::Response);
            return self.send(route, answer, self.t.network_micros / 2, None);
        }
        if self.cfg.era.uses_intents() {
            return self.intent_settled(a, true);
        }
        let Some(c) = self.attempts[a].charge else {
            return;
        };
        let Ok(c) = self.moved(a, c, ChargeEvent::Settle) else {
            return;
        };
        self.attempts[a].charge = Some(c);
        self.set_money(a, Money::Captured);
        self.webhook(a, WebhookEvent::ChargeSucceeded, Some(c.state_ref()));
    }
}
