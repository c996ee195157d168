//! The state of the parties to a checkout, apart from the payment objects:
//! each attempt's money, the customer's page, the merchant's server and
//! order, and what the merchant's integration has met so far.

use super::machine::Machine;
use super::message::Path;
use super::method::Method;
use super::states::{ChargeState, ReceiverState, SourceState, TokenState};
use crate::engine::time::SimTime;

/// Where one attempt's money is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Money {
    /// Nothing moved.
    Untouched,
    /// The customer paid; the provider holds it until something claims it.
    Held,
    /// The merchant has it.
    Captured,
    /// It went back to the customer.
    Refunded,
}

/// One try at paying, with one method. A switch starts a new attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Attempt {
    /// The method.
    pub method: Method,
    /// Its Token (2011, 2015).
    pub token: Option<TokenState>,
    /// Its BitcoinReceiver (2015).
    pub receiver: Option<ReceiverState>,
    /// Its Source (Sources era).
    pub source: Option<SourceState>,
    /// The Charge made from it, if any.
    pub charge: Option<ChargeState>,
    /// Where its money is.
    pub money: Money,
    /// The customer gave up on it (switched or walked away).
    pub cancelled: bool,
    /// The customer passed 3-D Secure.
    pub authenticated: bool,
    /// The outside party has given its last answer.
    pub decided: bool,
    /// The merchant's server asked for a Charge from it.
    pub charge_requested: bool,
    /// Which of the merchant's paths asked for that Charge.
    pub charge_via: Path,
    /// When the customer's coins arrived (Bitcoin).
    pub coins_at: Option<SimTime>,
}

impl Attempt {
    /// A fresh attempt with `method`.
    pub fn new_for(method: Method) -> Self {
        Attempt {
            method,
            token: None,
            receiver: None,
            source: None,
            charge: None,
            money: Money::Untouched,
            cancelled: false,
            authenticated: false,
            decided: false,
            charge_requested: false,
            charge_via: Path::Browser,
            coins_at: None,
        }
    }
}

/// What the merchant's page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// The payment form.
    Checkout,
    /// The customer is at the bank, wallet or shop.
    Away,
    /// Waiting for the payment to become final.
    Waiting,
    /// Order confirmed.
    Success,
    /// Payment failed or the shop did not answer.
    Failed,
}

/// The customer's browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Browser {
    /// Since when it has no connection.
    pub offline_since: Option<SimTime>,
    /// The connection will drop when the customer comes back from outside.
    pub disconnect_armed: bool,
    /// What the page shows.
    pub page: Page,
    /// The page holds the intent's client secret.
    pub has_secret: bool,
    /// An attempt whose form is filled, waiting for the client secret.
    pub ready_to_confirm: Option<u8>,
}

/// The merchant's server and its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Merchant {
    /// When the current or last outage started.
    pub down_from: Option<SimTime>,
    /// Down until this time.
    pub down_until: SimTime,
    /// Goes down just before the next webhook arrives.
    pub down_armed: bool,
    /// Knows the order's PaymentIntent.
    pub has_intent: bool,
    /// When the order was fulfilled.
    pub fulfilled_at: Option<SimTime>,
}

/// Why a checkout ended without a payment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum StopReason {
    /// The era does not take the method.
    Unsupported,
    /// The bank, network or wallet said no.
    Declined,
    /// The card needed 3-D Secure and the integration could not ask for it.
    NeedsAuthentication,
    /// The customer walked away.
    Abandoned,
    /// A voucher or Source ran out of time.
    Expired,
    /// The browser lost its connection before anything was paid.
    Disconnected,
    /// The merchant's server did not answer.
    MerchantUnreachable,
    /// Nothing more happened before the books closed.
    Stalled,
}

/// The transition just taken, for the diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Transition {
    /// Which machine moved.
    pub machine: Machine,
    /// Index of the old state; `None` when the object was just created.
    pub from: Option<u8>,
    /// Index of the new state.
    pub to: u8,
    /// The event's name.
    pub event: &'static str,
    /// The attempt whose object moved.
    pub attempt: u8,
}

/// What the merchant's integration met, as bit sets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tally {
    /// States reported to the merchant's page or server ([`StateRef::bit`]).
    pub states_met: u64,
    /// Handlers run ([`Handler::bit`]).
    pub handlers: u32,
    /// Webhook events received, by `WebhookEvent as u8`.
    pub webhooks: u8,
}
