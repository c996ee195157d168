//! What the payment provider does with Tokens, receivers, Sources and
//! Charges (the PaymentIntent side is in `intents`).
//!
//! The provider keeps the rules: an object moves only along its state
//! machine, and money a customer pushed is held until a Charge claims it;
//! unclaimed, it goes back after a few hours. That refund is where a paid
//! sale gets lost when nobody on the merchant's side creates the Charge.

use super::checkout::{Checkout, Money, StopReason, Timer};
use super::machine::{StateMachine, StateRef};
use super::message::{ChargeReply, Lane, Message, MsgKind, Path, Payload, WebhookEvent};
use super::method::{Era, Method};
use super::states::{
    ChargeEvent, ChargeState, ReceiverEvent, ReceiverState, SourceEvent, SourceState, TokenEvent,
    TokenState,
};
use super::timings::VOUCHER_EXPIRY_SECS;
use crate::engine::run::NoteKind;

pub(super) const TO_BROWSER: (Lane, Lane, MsgKind) =
    (Lane::Provider, Lane::Browser, MsgKind::Response);
pub(super) const TO_OUTSIDE: (Lane, Lane, MsgKind) =
    (Lane::Provider, Lane::Outside, MsgKind::Request);
const TO_MERCHANT: (Lane, Lane, MsgKind) = (Lane::Provider, Lane::Merchant, MsgKind::Response);
const HOOK: (Lane, Lane, MsgKind) = (Lane::Provider, Lane::Merchant, MsgKind::Webhook);

impl Checkout {
    /// A message reaches the provider.
    pub(super) fn at_provider(&mut self, m: Message) {
        match m.payload {
            Payload::CreateIntent => self.create_intent(),
            Payload::Confirm(a) => self.confirm_intent(usize::from(a)),
            Payload::Collect(a) => self.create_object(usize::from(a)),
            Payload::CreateCharge(a, path) => self.create_charge(usize::from(a), path),
            Payload::CustomerResult(a, ok) if self.cfg.era.uses_intents() => {
                self.intent_customer_result(usize::from(a), ok)
            }
            Payload::CustomerResult(a, ok) => self.customer_result(usize::from(a), ok),
            Payload::AuthAnswer(a, auth) if self.cfg.era.uses_intents() => {
                self.intent_auth(usize::from(a), auth)
            }
            Payload::AuthAnswer(a, auth) => {
                let ok = auth == super::message::Auth::Approved;
                if !ok {
                    self.attempts[usize::from(a)].decided = true;
                    let reason = match auth {
                        super::message::Auth::NeedsAuthentication => {
                            StopReason::NeedsAuthentication
                        }
                        _ => StopReason::Declined,
                    };
                    self.set_stop(reason);
                }
                self.finish_charge(usize::from(a), ok);
            }
            Payload::DebitAnswer(a, ok) => self.debit_answer(usize::from(a), ok),
            _ => {}
        }
    }

    /// Sends webhook `event` about attempt `a` to the merchant.
    pub(super) fn webhook(&mut self, a: usize, event: WebhookEvent, state: Option<StateRef>) {
        self.send(
            HOOK,
            Payload::Webhook(a as u8, event),
            self.t.webhook_micros,
            state,
        );
    }

    /// Sends `payload` to the bank, network or wallet, half a network
    /// round trip away (every request the provider makes outside).
    pub(super) fn ask_outside(&mut self, payload: Payload) {
        self.send(TO_OUTSIDE, payload, self.t.network_micros / 2, None);
    }

    fn create_object(&mut self, a: usize) {
        let method = self.attempts[a].method;
        let state = match self.cfg.era {
            Era::Charge2015 if method == Method::Bitcoin => {
                let r = self.created(a, ReceiverState::Unfilled);
                self.attempts[a].receiver = Some(r);
                r.state_ref()
            }
            Era::Sources => {
                let initial = if method.needs_customer_step() {
                    SourceState::Pending
                } else {
                    SourceState::Chargeable
                };
                let s = self.created(a, initial);
                self.attempts[a].source = Some(s);
                if method == Method::Voucher {
                    self.schedule(VOUCHER_EXPIRY_SECS * 1_000_000, Timer::Expire(a as u8));
                }
                if s == SourceState::Chargeable && self.cfg.chargeable_webhook {
                    self.webhook(a, WebhookEvent::SourceChargeable, Some(s.state_ref()));
                }
                s.state_ref()
            }
            _ => {
                let t = self.created(a, TokenState::Created);
                self.attempts[a].token = Some(t);
                t.state_ref()
            }
        };
        self.send(
            TO_BROWSER,
            Payload::Collected(a as u8),
            self.t.net_micros,
            Some(state),
        );
    }

    fn create_charge(&mut self, a: usize, path: Path) {
        let att = self.attempts[a];
        let funded = if let Some(t) = att.token {
            self.moved(a, t, TokenEvent::Charge)
                .map(|t| self.attempts[a].token = Some(t))
        } else if let Some(r) = att.receiver {
            self.moved(a, r, ReceiverEvent::Charge)
                .map(|r| self.attempts[a].receiver = Some(r))
        } else if let Some(s) = att.source {
            self.moved(a, s, SourceEvent::Charge)
                .map(|s| self.attempts[a].source = Some(s))
        } else {
            return;
        };
        if funded.is_err() {
            let reply = Payload::ChargeAnswer(a as u8, path, ChargeReply::Refused);
            let state = att
                .token
                .map(|s| s.state_ref())
                .or(att.receiver.map(|s| s.state_ref()));
            let state = state.or(att.source.map(|s| s.state_ref()));
            self.send(TO_MERCHANT, reply, self.t.server_micros, state);
            return;
        }
        match att.method {
            Method::Card | Method::Card3ds => {
                self.ask_outside(Payload::Authorize(a as u8));
                self.say(NoteKind::Info, || {
                    "The provider asks the card network to authorise; the Charge will answer \
                     in the same request."
                        .to_string()
                });
            }
            Method::Ach | Method::Sepa => {
                self.new_charge(a, ChargeState::Pending);
                self.ask_outside(Payload::Debit(a as u8));
            }
            Method::Bitcoin => {
                self.new_charge(a, ChargeState::Pending);
                let ready = att
                    .coins_at
                    .map_or(self.now, |t| t.plus(self.t.confirm_micros));
                let wait = ready.since(self.now);
                self.schedule(wait, Timer::Settle(a as u8));
            }
            Method::Ideal | Method::Voucher => {
                self.new_charge(a, ChargeState::Succeeded);
                self.set_money(a, Money::Captured);
            }
        }
    }

    /// Creates attempt `a`'s Charge in `state` and answers the merchant.
    fn new_charge(&mut self, a: usize, state: ChargeState) {
        let c = self.created(a, state);
        self.attempts[a].charge = Some(c);
        let path = self.attempts[a].charge_via;
        let reply = Payload::ChargeAnswer(a as u8, path, ChargeReply::Created(c));
        self.send(
            TO_MERCHANT,
            reply,
            self.t.server_micros,
            Some(c.state_ref()),
        );
        if state == ChargeState::Pending {
            self.say(NoteKind::Info, || {
                "The Charge is created pending: this method is final only later, so the \
                 merchant will need a webhook to hear the end."
                    .to_string()
            });
        }
    }

    /// The card network answered a Charge's authorisation.
    fn finish_charge(&mut self, a: usize, approved: bool) {
        if approved {
            self.new_charge(a, ChargeState::Succeeded);
            self.set_money(a, Money::Captured);
        } else {
            self.new_charge(a, ChargeState::Failed);
        }
    }

    fn debit_answer(&mut self, a: usize, ok: bool) {
        if self.cfg.era.uses_intents() {
            return self.intent_settled(a, ok);
        }
        let Some(c) = self.attempts[a].charge else {
            return;
        };
        let event = if ok {
            ChargeEvent::Settle
        } else {
            ChargeEvent::Fail
        };
        let Ok(c) = self.moved(a, c, event) else {
            return;
        };
        self.attempts[a].charge = Some(c);
        if ok {
            self.set_money(a, Money::Captured);
            self.webhook(a, WebhookEvent::ChargeSucceeded, Some(c.state_ref()));
        } else {
            self.set_stop(StopReason::Declined);
            self.webhook(a, WebhookEvent::ChargeFailed, Some(c.state_ref()));
        }
    }

    /// The customer did (or failed) their part at the bank, wallet or shop.
    fn customer_result(&mut self, a: usize, ok: bool) {
        let method = self.attempts[a].method;
        if let Some(r) = self.attempts[a].receiver {
            if !ok {
                return self.set_stop(StopReason::Declined);
            }
            let Ok(r) = self.moved(a, r, ReceiverEvent::Fill) else {
                return;
            };
            self.attempts[a].receiver = Some(r);
            return self.pushed_and_waiting(a, WebhookEvent::ReceiverFilled, r.state_ref());
        }
        let Some(s) = self.attempts[a].source else {
            return;
        };
        if s != SourceState::Pending {
            if ok && method.customer_pushes() {
                self.refund_stray(a);
            }
            return;
        }
        if !ok {
            if let Ok(s) = self.moved(a, s, SourceEvent::CustomerFailed) {
                self.attempts[a].source = Some(s);
            }
            return self.set_stop(StopReason::Declined);
        }
        let Ok(s) = self.moved(a, s, SourceEvent::CustomerActed) else {
            return;
        };
        self.attempts[a].source = Some(s);
        self.attempts[a].authenticated = method == Method::Card3ds;
        self.pushed_and_waiting(a, WebhookEvent::SourceChargeable, s.state_ref())
    }
}
