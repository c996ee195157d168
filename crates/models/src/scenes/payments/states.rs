//! The pre-PaymentIntent objects: Token, Charge, BitcoinReceiver and Source.
//!
//! Each is an enum of the states the API exposed, with a transition function
//! that refuses what the real object refused. Simplified: Tokens never expire,
//! refunds and disputes of a succeeded Charge are not modelled, and a
//! BitcoinReceiver is either empty or filled (no partial payments).

use super::machine::{Machine, StateMachine, TransitionError};
use serde::Serialize;

/// A Token: card or bank details exchanged for a single-use reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TokenState {
    /// Created from the details the browser sent; not yet used.
    Created,
    /// Spent on a Charge.
    Used,
}

/// What can happen to a Token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TokenEvent {
    /// The merchant's server creates a Charge from it.
    Charge,
}

impl StateMachine for TokenState {
    type Event = TokenEvent;
    const MACHINE: Machine = Machine::Token;
    const STATES: &'static [Self] = &[TokenState::Created, TokenState::Used];
    const INITIAL: &'static [Self] = &[TokenState::Created];
    const EVENTS: &'static [TokenEvent] = &[TokenEvent::Charge];

    fn key(self) -> &'static str {
        match self {
            TokenState::Created => "created",
            TokenState::Used => "used",
        }
    }
    fn event_key(_: TokenEvent) -> &'static str {
        "create Charge"
    }
    fn apply(self, event: TokenEvent) -> Result<Self, TransitionError> {
        match self {
            TokenState::Created => Ok(TokenState::Used),
            TokenState::Used => Err(self.refuse(
                event,
                "a Token is good for one Charge only, so paying again needs fresh details",
            )),
        }
    }
    fn is_final(self) -> bool {
        self == TokenState::Used
    }
}

/// A Charge: the merchant's request to move the money.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ChargeState {
    /// Accepted, but the money is final only later (bank debits, Bitcoin).
    Pending,
    /// The money has moved.
    Succeeded,
    /// The bank or network said no.
    Failed,
}

/// What can happen to a pending Charge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChargeEvent {
    /// The bank settled the debit, or the coins are confirmed.
    Settle,
    /// The debit came back unpaid.
    Fail,
}

impl StateMachine for ChargeState {
    type Event = ChargeEvent;
    const MACHINE: Machine = Machine::Charge;
    const STATES: &'static [Self] = &[
        ChargeState::Pending,
        ChargeState::Succeeded,
        ChargeState::Failed,
    ];
    const INITIAL: &'static [Self] = Self::STATES;
    const EVENTS: &'static [ChargeEvent] = &[ChargeEvent::Settle, ChargeEvent::Fail];

    fn key(self) -> &'static str {
        match self {
            ChargeState::Pending => "pending",
            ChargeState::Succeeded => "succeeded",
            ChargeState::Failed => "failed",
        }
    }
    fn event_key(event: ChargeEvent) -> &'static str {
        match event {
            ChargeEvent::Settle => "settled",
            ChargeEvent::Fail => "returned",
        }
    }
    fn apply(self, event: ChargeEvent) -> Result<Self, TransitionError> {
        match (self, event) {
            (ChargeState::Pending, ChargeEvent::Settle) => Ok(ChargeState::Succeeded),
            (ChargeState::Pending, ChargeEvent::Fail) => Ok(ChargeState::Failed),
            (ChargeState::Succeeded, _) => Err(self.refuse(
                event,
                "a succeeded Charge is final; giving money back is a separate refund",
            )),
            (ChargeState::Failed, _) => Err(self.refuse(
                event,
                "a failed Charge stays failed; trying again is a new Charge",
            )),
        }
    }
    fn is_final(self) -> bool {
        self != ChargeState::Pending
    }
}

/// A BitcoinReceiver: an address waiting for the customer's coins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ReceiverState {
    /// `filled` is false: no coins yet.
    Unfilled,
    /// `filled` is true: the coins arrived and wait for a Charge.
    Filled,
    /// A Charge has claimed the coins.
    Used,
    /// Nobody claimed the coins in time; they went back to the customer.
    Refunded,
}

/// What can happen to a BitcoinReceiver.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ReceiverEvent {
    /// The customer's coins arrive.
    Fill,
    /// The merchant's server creates a Charge from it.
    Charge,
    /// The provider returns unclaimed coins.
    Refund,
}

impl StateMachine for ReceiverState {
    type Event = ReceiverEvent;
    const MACHINE: Machine = Machine::BitcoinReceiver;
    const STATES: &'static [Self] = &[
        ReceiverState::Unfilled,
        ReceiverState::Filled,
        ReceiverState::Used,
        ReceiverState::Refunded,
    ];
    const INITIAL: &'static [Self] = &[ReceiverState::Unfilled];
    const EVENTS: &'static [ReceiverEvent] = &[
        ReceiverEvent::Fill,
        ReceiverEvent::Charge,
        ReceiverEvent::Refund,
    ];

    fn key(self) -> &'static str {
        match self {
            ReceiverState::Unfilled => "filled: false",
            ReceiverState::Filled => "filled: true",
            ReceiverState::Used => "used",
            ReceiverState::Refunded => "refunded",
        }
    }
    fn event_key(event: ReceiverEvent) -> &'static str {
        match event {
            ReceiverEvent::Fill => "coins arrive",
            ReceiverEvent::Charge => "create Charge",
            ReceiverEvent::Refund => "unclaimed",
        }
    }
    fn apply(self, event: ReceiverEvent) -> Result<Self, TransitionError> {
        use ReceiverEvent as E;
        use ReceiverState as S;
        match (self, event) {
            (S::Unfilled, E::Fill) => Ok(S::Filled),
            (S::Filled, E::Charge) => Ok(S::Used),
            (S::Filled, E::Refund) => Ok(S::Refunded),
            (S::Unfilled, _) => Err(self.refuse(event, "no coins have arrived yet")),
            (S::Filled, E::Fill) => Err(self.refuse(event, "the receiver is already filled")),
            (S::Used, _) => Err(self.refuse(event, "its coins already paid for a Charge")),
            (S::Refunded, _) => {
                Err(self.refuse(event, "its coins went back to the customer, unclaimed"))
            }
        }
    }
    fn is_final(self) -> bool {
        matches!(self, ReceiverState::Used | ReceiverState::Refunded)
    }
}

/// A Source: one client-driven funding object for any method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum SourceState {
    /// Waiting for the customer to act (authenticate, pay, send coins).
    Pending,
    /// Ready: the merchant's server may now create a Charge from it.
    Chargeable,
    /// A Charge has used it.
    Consumed,
    /// Expired before anyone used it; pushed money goes back.
    Canceled,
    /// The customer's bank or wallet refused.
    Failed,
}

/// What can happen to a Source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SourceEvent {
    /// The customer did their part.
    CustomerActed,
    /// The customer's bank refused.
    CustomerFailed,
    /// The merchant's server creates a Charge from it.
    Charge,
    /// Its time ran out.
    Expire,
}

impl StateMachine for SourceState {
    type Event = SourceEvent;
    const MACHINE: Machine = Machine::Source;
    const STATES: &'static [Self] = &[
        SourceState::Pending,
        SourceState::Chargeable,
        SourceState::Consumed,
        SourceState::Canceled,
        SourceState::Failed,
    ];
    const INITIAL: &'static [Self] = &[SourceState::Pending, SourceState::Chargeable];
    const EVENTS: &'static [SourceEvent] = &[
        SourceEvent::CustomerActed,
        SourceEvent::CustomerFailed,
        SourceEvent::Charge,
        SourceEvent::Expire,
    ];

    fn key(self) -> &'static str {
        match self {
            SourceState::Pending => "pending",
            SourceState::Chargeable => "chargeable",
            SourceState::Consumed => "consumed",
            SourceState::Canceled => "canceled",
            SourceState::Failed => "failed",
        }
    }
    fn event_key(event: SourceEvent) -> &'static str {
        match event {
            SourceEvent::CustomerActed => "customer acts",
            SourceEvent::CustomerFailed => "refused",
            SourceEvent::Charge => "create Charge",
            SourceEvent::Expire => "expires",
        }
    }
    fn apply(self, event: SourceEvent) -> Result<Self, TransitionError> {
        use SourceEvent as E;
        use SourceState as S;
        match (self, event) {
            (S::Pending, E::CustomerActed) => Ok(S::Chargeable),
            (S::Pending, E::CustomerFailed) => Ok(S::Failed),
            (S::Pending | S::Chargeable, E::Expire) => Ok(S::Canceled),
            (S::Chargeable, E::Charge) => Ok(S::Consumed),
            (S::Pending, E::Charge) => {
                Err(self.refuse(event, "the customer has not done their part yet"))
            }
            (S::Chargeable, _) => Err(self.refuse(event, "the customer already did their part")),
            (S::Consumed, _) => Err(self.refuse(
                event,
                "a Source pays for exactly one Charge and this one already has; \
                 charging it again would take the money twice",
            )),
            (S::Canceled, _) => Err(self.refuse(
                event,
                "it expired unclaimed, and any money it held went back to the customer",
            )),
            (S::Failed, _) => Err(self.refuse(event, "the customer's bank refused it")),
        }
    }
    fn is_final(self) -> bool {
        matches!(
            self,
            SourceState::Consumed | SourceState::Canceled | SourceState::Failed
        )
    }
}
