//! What the provider does with a PaymentIntent.
//!
//! One intent per order, created by the merchant's server. Every method runs
//! through the same machine: confirm, perhaps `requires_action`, perhaps
//! `processing`, then `succeeded`, after which one webhook tells the server.
//! The provider moves the money itself when the customer acts, so a browser
//! that never comes back loses nothing. A confirmation the machine refuses
//! (the intent is already processing or succeeded) cannot charge twice.

use super::checkout::{Checkout, Money, StopReason, Timer};
use super::intent::{IntentEvent, IntentState, Next};
use super::machine::StateMachine;
use super::message::{Auth, Lane, MsgKind, Payload, WebhookEvent};
use super::method::{Era, Method};
use super::provider::TO_BROWSER;
use super::timings::VOUCHER_EXPIRY_SECS;
use crate::engine::run::NoteKind;

impl Checkout {
    pub(super) fn create_intent(&mut self) {
        let state = self.created(0, IntentState::RequiresPaymentMethod);
        self.intent = Some(state);
        let route = (Lane::Provider, Lane::Merchant, MsgKind::Response);
        self.send(
            route,
            Payload::IntentCreated,
            self.t.server_micros,
            Some(state.state_ref()),
        );
    }

    /// Moves the intent by `event` on behalf of attempt `a`.
    fn move_intent(&mut self, a: usize, event: IntentEvent) -> Option<IntentState> {
        let from = self.intent?;
        let to = self.moved(a, from, event).ok()?;
        self.intent = Some(to);
        Some(to)
    }

    fn answer_page(&mut self, a: usize) {
        let Some(state) = self.intent else { return };
        let answer = Payload::ConfirmAnswer(a as u8, state);
        self.send(
            TO_BROWSER,
            answer,
            self.t.net_micros,
            Some(state.state_ref()),
        );
    }

    pub(super) fn confirm_intent(&mut self, a: usize) {
        let Some(state) = self.intent else { return };
        if let Err(e) = state.apply(IntentEvent::Confirm(Next::Action)) {
            self.attempts[a].cancelled = true;
            self.attempts[a].decided = true;
            self.say(NoteKind::Refused, || {
                format!("The provider refuses the new confirmation. {e} One intent, one payment.")
            });
            return self.answer_page(a);
        }
        let previous = usize::from(self.intent_attempt);
        if previous != a && state == IntentState::RequiresAction {
            self.attempts[previous].cancelled = true;
            self.say(NoteKind::Info, || {
                "The earlier method's pending step (redirect, address or voucher) is void \
                 now: the intent follows the new method."
                    .to_string()
            });
        }
        self.intent_attempt = a as u8;
        match self.attempts[a].method {
            Method::Card | Method::Card3ds => {
                self.ask_outside(Payload::Authorize(a as u8));
            }
            Method::Ach | Method::Sepa => {
                self.move_intent(a, IntentEvent::Confirm(Next::Processing));
                self.ask_outside(Payload::Debit(a as u8));
                self.answer_page(a);
            }
            method => {
                self.move_intent(a, IntentEvent::Confirm(Next::Action));
                if method == Method::Voucher {
                    self.schedule(VOUCHER_EXPIRY_SECS * 1_000_000, Timer::Expire(a as u8));
                }
                self.answer_page(a);
            }
        }
    }

    /// The card network answered for attempt `a`.
    pub(super) fn intent_auth(&mut self, a: usize, auth: Auth) {
        if usize::from(self.intent_attempt) != a {
            return;
        }
        // After 3-D Secure the answer finishes the action; otherwise it
        // answers the page's confirmation (even if an older attempt's action
        // was still waiting).
        let after_action = self.attempts[a].authenticated;
        let event = |next| {
            if after_action {
                IntentEvent::ActionDone(next)
            } else {
                IntentEvent::Confirm(next)
            }
        };
        match auth {
            Auth::Approved => {
                self.move_intent(a, event(Next::Succeeded));
                self.set_money(a, Money::Captured);
                self.intent_succeeded(a);
            }
            Auth::Declined => {
                self.move_intent(a, event(Next::Failed));
                self.set_stop(StopReason::Declined);
            }
            Auth::NeedsAuthentication if self.cfg.era == Era::IntentsNoAction => {
                self.move_intent(a, IntentEvent::Confirm(Next::Failed));
                self.attempts[a].decided = true;
                self.set_stop(StopReason::NeedsAuthentication);
                self.say(NoteKind::Insight, || {
                    "The bank wants the customer to authenticate. With \
                     error_on_requires_action the intent errors instead of asking, and goes \
                     back to requires_payment_method, much as the old Charge simply failed."
                        .to_string()
                });
            }
            Auth::NeedsAuthentication => {
                self.move_intent(a, IntentEvent::Confirm(Next::Action));
            }
        }
        if !after_action {
            self.answer_page(a);
        }
    }

    /// The customer authenticated, paid or sent coins (or failed to).
    pub(super) fn intent_customer_result(&mut self, a: usize, ok: bool) {
        let method = self.attempts[a].method;
        let waiting = usize::from(self.intent_attempt) == a
            && self.intent == Some(IntentState::RequiresAction);
        if !waiting {
            if ok && method.customer_pushes() {
                self.refund_stray(a);
            }
            return;
        }
        if !ok {
            self.move_intent(a, IntentEvent::ActionDone(Next::Failed));
            return self.set_stop(StopReason::Declined);
        }
        match method {
            Method::Card3ds => {
                self.attempts[a].authenticated = true;
                self.ask_outside(Payload::Authorize(a as u8));
            }
            Method::Bitcoin => {
                self.set_money(a, Money::Held);
                self.move_intent(a, IntentEvent::ActionDone(Next::Processing));
                self.schedule(self.t.confirm_micros, Timer::Settle(a as u8));
            }
            _ => {
                self.set_money(a, Money::Captured);
                self.move_intent(a, IntentEvent::ActionDone(Next::Succeeded));
                self.intent_succeeded(a);
            }
        }
    }

    /// A processing payment settled (or came back unpaid).
    pub(super) fn intent_settled(&mut self, a: usize, ok: bool) {
        if !ok {
            self.move_intent(a, IntentEvent::Fail);
            return self.set_stop(StopReason::Declined);
        }
        if self.move_intent(a, IntentEvent::Settle).is_some() {
            self.set_money(a, Money::Captured);
            self.intent_succeeded(a);
        }
    }

    /// A voucher expired unpaid: the attempt fails, the intent waits again.
    pub(super) fn intent_expired(&mut self, a: usize) {
        let waiting = usize::from(self.intent_attempt) == a
            && self.intent == Some(IntentState::RequiresAction);
        if waiting && self.move_intent(a, IntentEvent::Fail).is_some() {
            self.set_stop(StopReason::Expired);
        }
    }

    fn intent_succeeded(&mut self, a: usize) {
        let state = IntentState::Succeeded.state_ref();
        self.webhook(a, WebhookEvent::IntentSucceeded, Some(state));
        self.say(NoteKind::Info, || {
            "The provider has the money and sends payment_intent.succeeded. The server's one \
             webhook handler will fulfil; nothing depends on the browser."
                .to_string()
        });
    }
}
