//! The PaymentIntent: one state machine for every method.
//!
//! The intent is created by the merchant's server (amount and currency) and
//! lives there; the browser only confirms it with a PaymentMethod. A failed
//! attempt returns it to `requires_payment_method`, so it has no failed
//! state, and `succeeded` is final. `requires_capture` and `canceled` exist
//! in the real API and are drawn, marked as beyond this scene's story: no
//! flow here enters them.

use super::machine::{Machine, StateMachine, TransitionError};
use serde::Serialize;

/// The states of a PaymentIntent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum IntentState {
    /// No method attached yet (or the last attempt failed).
    RequiresPaymentMethod,
    /// A method is attached but not confirmed.
    RequiresConfirmation,
    /// The customer must authenticate, be redirected, or pay elsewhere.
    RequiresAction,
    /// The payment network has it; the answer comes later.
    Processing,
    /// The money has moved. Final.
    Succeeded,
    /// Authorised, waiting for a separate capture (beyond the story).
    RequiresCapture,
    /// Given up by the merchant (beyond the story).
    Canceled,
}

/// Where a confirmation (or a finished action) leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Next {
    /// The customer has to act.
    Action,
    /// The network answers later.
    Processing,
    /// Paid.
    Succeeded,
    /// The attempt failed; the intent waits for another method.
    Failed,
    /// Authorised only, capture later (beyond the story).
    Capture,
}

/// What can happen to a PaymentIntent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum IntentEvent {
    /// A method is attached without confirming.
    Attach,
    /// The browser confirms, passing the method along.
    Confirm(Next),
    /// The customer finished the required action.
    ActionDone(Next),
    /// A processing payment settled.
    Settle,
    /// A processing payment, or an action, failed.
    Fail,
    /// The merchant captures an authorisation (beyond the story).
    Capture,
    /// The merchant cancels (beyond the story).
    Cancel,
}

impl StateMachine for IntentState {
    type Event = IntentEvent;
    const MACHINE: Machine = Machine::PaymentIntent;
    const STATES: &'static [Self] = &[
        IntentState::RequiresPaymentMethod,
        IntentState::RequiresConfirmation,
        IntentState::RequiresAction,
        IntentState::Processing,
        IntentState::Succeeded,
        IntentState::RequiresCapture,
        IntentState::Canceled,
    ];
    const INITIAL: &'static [Self] = &[IntentState::RequiresPaymentMethod];
    const EVENTS: &'static [IntentEvent] = &[
        IntentEvent::Attach,
        IntentEvent::Confirm(Next::Action),
        IntentEvent::Confirm(Next::Processing),
        IntentEvent::Confirm(Next::Succeeded),
        IntentEvent::Confirm(Next::Failed),
        IntentEvent::Confirm(Next::Capture),
        IntentEvent::ActionDone(Next::Processing),
        IntentEvent::ActionDone(Next::Succeeded),
        IntentEvent::ActionDone(Next::Failed),
        IntentEvent::ActionDone(Next::Capture),
        IntentEvent::Settle,
        IntentEvent::Fail,
        IntentEvent::Capture,
        IntentEvent::Cancel,
    ];

    fn key(self) -> &'static str {
        match self {
            IntentState::RequiresPaymentMethod => "requires_payment_method",
            IntentState::RequiresConfirmation => "requires_confirmation",
            IntentState::RequiresAction => "requires_action",
            IntentState::Processing => "processing",
            IntentState::Succeeded => "succeeded",
            IntentState::RequiresCapture => "requires_capture",
            IntentState::Canceled => "canceled",
        }
    }
    fn event_key(event: IntentEvent) -> &'static str {
        match event {
            IntentEvent::Attach => "attach method",
            IntentEvent::Confirm(Next::Failed) => "confirm: declined",
            IntentEvent::Confirm(_) => "confirm",
            IntentEvent::ActionDone(Next::Failed) => "action failed",
            IntentEvent::ActionDone(_) => "action done",
            IntentEvent::Settle => "settled",
            IntentEvent::Fail => "payment failed",
            IntentEvent::Capture => "capture",
            IntentEvent::Cancel => "cancel",
        }
    }
    fn apply(self, event: IntentEvent) -> Result<Self, TransitionError> {
        use IntentEvent as E;
        use IntentState as S;
        let open = matches!(
            self,
            S::RequiresPaymentMethod | S::RequiresConfirmation | S::RequiresAction
        );
        match (self, event) {
            (S::Succeeded, _) => Err(self.refuse(
                event,
                "succeeded is final: the money has moved, so another confirmation could only \
                 charge the customer a second time",
            )),
            (S::Canceled, _) => Err(self.refuse(event, "a canceled intent is final")),
            (_, E::Attach) if open => Ok(S::RequiresConfirmation),
            (_, E::Confirm(next)) if open => Ok(after(next)),
            (S::RequiresAction, E::ActionDone(next)) if next != Next::Action => Ok(after(next)),
            (S::Processing, E::Settle) => Ok(S::Succeeded),
            (S::Processing | S::RequiresAction, E::Fail) => Ok(S::RequiresPaymentMethod),
            (S::RequiresCapture, E::Capture) => Ok(S::Succeeded),
            (_, E::Cancel) if open || self == S::RequiresCapture => Ok(S::Canceled),
            (S::Processing, _) => Err(self.refuse(
                event,
                "the payment network already has this payment; until it answers, a new \
                 attempt could take the money twice",
            )),
            (S::RequiresCapture, _) => {
                Err(self.refuse(event, "the money is authorised and waits to be captured"))
            }
            _ => Err(self.refuse(event, "nothing in this state waits for that")),
        }
    }
    fn is_final(self) -> bool {
        matches!(self, IntentState::Succeeded | IntentState::Canceled)
    }
    fn beyond_story(self) -> bool {
        matches!(self, IntentState::RequiresCapture | IntentState::Canceled)
    }
}

/// The state a confirmation or a finished action leads to.
fn after(next: Next) -> IntentState {
    match next {
        Next::Action => IntentState::RequiresAction,
        Next::Processing => IntentState::Processing,
        Next::Succeeded => IntentState::Succeeded,
        Next::Failed => IntentState::RequiresPaymentMethod,
        Next::Capture => IntentState::RequiresCapture,
    }
}
