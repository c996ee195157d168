//! Messages between the four parties of a checkout.
//!
//! Every step of a checkout is a message from one lane to another with a
//! send and an arrival time, so the sequence diagram is just this list.
//! Webhooks are their own kind: the provider calls the merchant, instead of
//! answering a request the merchant made.

use super::machine::StateRef;
use super::method::{Era, Method};
use serde::Serialize;

/// A party to the checkout: a vertical lane of the sequence diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Lane {
    /// The customer's browser, running the merchant's page.
    Browser,
    /// The merchant's server.
    Merchant,
    /// The payment provider's API.
    Provider,
    /// Card network, bank, wallet or shop, depending on the method.
    Outside,
}

impl Lane {
    /// Every lane, left to right.
    pub const ALL: [Lane; 4] = [Lane::Browser, Lane::Merchant, Lane::Provider, Lane::Outside];
}

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MsgKind {
    /// A call that expects an answer.
    Request,
    /// The answer to a request.
    Response,
    /// The provider calling the merchant on its own initiative.
    Webhook,
    /// The browser being sent to, or back from, another site.
    Redirect,
}

/// Why a message never arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Loss {
    /// The browser had lost its connection.
    BrowserOffline,
    /// The merchant's server was down.
    MerchantDown,
}

/// What became of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Fate {
    /// Still travelling.
    InFlight,
    /// Arrived and handled.
    Delivered,
    /// Lost on the way.
    Lost(Loss),
}

/// The webhook events any era sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WebhookEvent {
    /// A pending Charge succeeded.
    ChargeSucceeded,
    /// A pending Charge failed.
    ChargeFailed,
    /// A BitcoinReceiver got its coins.
    ReceiverFilled,
    /// A Source became chargeable.
    SourceChargeable,
    /// A PaymentIntent succeeded.
    IntentSucceeded,
}

impl WebhookEvent {
    /// Every event.
    pub const ALL: [WebhookEvent; 5] = [
        WebhookEvent::ChargeSucceeded,
        WebhookEvent::ChargeFailed,
        WebhookEvent::ReceiverFilled,
        WebhookEvent::SourceChargeable,
        WebhookEvent::IntentSucceeded,
    ];
    /// The event's name on the wire.
    pub fn key(self) -> &'static str {
        match self {
            WebhookEvent::ChargeSucceeded => "charge.succeeded",
            WebhookEvent::ChargeFailed => "charge.failed",
            WebhookEvent::ReceiverFilled => "bitcoin.receiver.filled",
            WebhookEvent::SourceChargeable => "source.chargeable",
            WebhookEvent::IntentSucceeded => "payment_intent.succeeded",
        }
    }
}

/// A card network's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Auth {
    /// Approved.
    Approved,
    /// Declined.
    Declined,
    /// The issuer wants the customer to authenticate first.
    NeedsAuthentication,
}

/// Which of the merchant's code paths asked for a Charge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Path {
    /// The browser brought the Token, receiver or Source to the server.
    Browser,
    /// A webhook said the receiver or Source was ready.
    Webhook,
}

/// The provider's answer to "create a Charge".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ChargeReply {
    /// A Charge was created in this state.
    Created(super::states::ChargeState),
    /// The funding object could not pay for a Charge (already used, expired).
    Refused,
}

/// What the merchant's server tells the page about the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum OrderView {
    /// Paid and confirmed.
    Confirmed,
    /// Accepted; the money is final later.
    Pending,
    /// Not paid.
    Failed,
}

/// What a message carries. The `u8` is the attempt (0, or later ones after
/// the customer switched method).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Payload {
    /// Browser to merchant: open checkout (PaymentIntents).
    StartCheckout,
    /// Merchant to provider: create the intent.
    CreateIntent,
    /// Provider to merchant: the intent and its client secret.
    IntentCreated,
    /// Merchant to browser: the client secret.
    ClientSecret,
    /// Browser to provider: turn payment details into a Token, receiver or Source.
    Collect(u8),
    /// Provider to browser: the new object.
    Collected(u8),
    /// Browser to merchant: the order with the object's id.
    Submit(u8),
    /// Merchant to provider: create a Charge.
    CreateCharge(u8, Path),
    /// Provider to merchant: the Charge, or a refusal.
    ChargeAnswer(u8, Path, ChargeReply),
    /// Merchant to browser: the order's state.
    OrderAnswer(u8, OrderView),
    /// Browser to outside party: off to the bank, wallet or shop.
    RedirectOut(u8),
    /// Outside party to browser: back to the shop (ok or not).
    RedirectBack(u8, bool),
    /// Outside party to provider: the customer authenticated or paid (or not).
    CustomerResult(u8, bool),
    /// Provider to browser: the awaited object is ready (the page polls).
    Ready(u8),
    /// Provider to card network: authorise.
    Authorize(u8),
    /// Card network to provider: the answer.
    AuthAnswer(u8, Auth),
    /// Provider to bank: collect a debit.
    Debit(u8),
    /// Bank to provider: the debit settled (or came back).
    DebitAnswer(u8, bool),
    /// Browser to provider: confirm the intent with a PaymentMethod.
    Confirm(u8),
    /// Provider to browser: the intent's state after confirming.
    ConfirmAnswer(u8, super::intent::IntentState),
    /// Provider to merchant: something happened.
    Webhook(u8, WebhookEvent),
    /// Provider to the customer's bank, wallet or shop: money sent back.
    Refund(u8),
}

impl Payload {
    /// The attempt a payload belongs to (0 for checkout-wide messages).
    pub fn attempt(self) -> usize {
        use Payload::*;
        match self {
            StartCheckout | CreateIntent | IntentCreated | ClientSecret => 0,
            Collect(a)
            | Collected(a)
            | Submit(a)
            | CreateCharge(a, _)
            | ChargeAnswer(a, ..)
            | OrderAnswer(a, _)
            | RedirectOut(a)
            | RedirectBack(a, _)
            | CustomerResult(a, _)
            | Ready(a)
            | Authorize(a)
            | AuthAnswer(a, _)
            | Debit(a)
            | DebitAnswer(a, _)
            | Confirm(a)
            | ConfirmAnswer(a, _)
            | Webhook(a, _)
            | Refund(a) => usize::from(a),
        }
    }

    /// A short label for the arrow, in the era's vocabulary.
    pub fn label(self, era: Era, method: Method) -> &'static str {
        use super::states::ChargeState as C;
        use Payload::*;
        let object = object_name(era, method);
        match self {
            StartCheckout => "open checkout",
            CreateIntent => "create PaymentIntent",
            IntentCreated => "PaymentIntent",
            ClientSecret => "client_secret",
            Collect(_) => collect_label(era, method),
            Collected(_) => object,
            Submit(_) => match object {
                "Token" => "order + Token",
                "BitcoinReceiver" => "order + receiver",
                _ => "order + Source",
            },
            CreateCharge(..) => "create Charge",
            ChargeAnswer(.., ChargeReply::Created(C::Pending)) => "Charge: pending",
            ChargeAnswer(.., ChargeReply::Created(C::Succeeded)) => "Charge: succeeded",
            ChargeAnswer(.., ChargeReply::Created(C::Failed)) => "Charge: failed",
            ChargeAnswer(.., ChargeReply::Refused) => "error: cannot charge",
            OrderAnswer(_, OrderView::Confirmed) => "order confirmed",
            OrderAnswer(_, OrderView::Pending) => "payment pending",
            OrderAnswer(_, OrderView::Failed) => "payment failed",
            RedirectOut(_) => match method {
                Method::Card3ds => "to 3-D Secure",
                Method::Bitcoin => "address to wallet",
                Method::Voucher => "voucher to shop",
                _ => "to the bank",
            },
            RedirectBack(_, true) => "back to shop",
            RedirectBack(_, false) => "back: failed",
            CustomerResult(_, ok) => customer_result_label(method, ok),
            Ready(_) => "ready (poll)",
            Authorize(_) => "authorise",
            AuthAnswer(_, Auth::Approved) => "approved",
            AuthAnswer(_, Auth::Declined) => "declined",
            AuthAnswer(_, Auth::NeedsAuthentication) => "needs 3-D Secure",
            Debit(_) => "debit",
            DebitAnswer(_, true) => "settled",
            DebitAnswer(_, false) => "returned unpaid",
            Confirm(_) => "confirm + method",
            ConfirmAnswer(_, state) => super::machine::StateMachine::key(state),
            Webhook(_, event) => event.key(),
            Refund(_) => "refund",
        }
    }
}

/// The funding object an era uses for a method.
pub fn object_name(era: Era, method: Method) -> &'static str {
    match era {
        Era::Charge2011 => "Token",
        Era::Charge2015 if method == Method::Bitcoin => "BitcoinReceiver",
        Era::Charge2015 => "Token",
        Era::Sources => "Source",
        Era::Intents | Era::IntentsNoAction => "PaymentMethod",
    }
}

fn collect_label(era: Era, method: Method) -> &'static str {
    match (object_name(era, method), method) {
        ("Token", Method::Ach) => "bank account \u{2192} Token",
        ("Token", _) => "card \u{2192} Token",
        ("BitcoinReceiver", _) => "create receiver",
        _ => "create Source",
    }
}

fn customer_result_label(method: Method, ok: bool) -> &'static str {
    match (method, ok) {
        (Method::Card3ds, true) => "authenticated",
        (Method::Card3ds, false) => "authentication failed",
        (Method::Bitcoin, true) => "coins sent",
        (Method::Voucher, true) => "cash paid",
        (_, true) => "paid",
        (_, false) => "refused",
    }
}

/// One message of the checkout.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Message {
    /// Sender.
    pub from: Lane,
    /// Receiver.
    pub to: Lane,
    /// How it travels.
    pub kind: MsgKind,
    /// What it carries.
    pub payload: Payload,
    /// Arrow label.
    pub label: &'static str,
    /// When it left.
    pub sent: crate::SimTime,
    /// When it arrives (or would have).
    pub arrives: crate::SimTime,
    /// What became of it.
    pub fate: Fate,
    /// The state of the object it reports, if any.
    pub state: Option<StateRef>,
    /// Delivery attempt (webhooks are retried; 1 for everything else).
    pub delivery: u8,
    /// When the first delivery attempt left (for retry windows).
    pub first_sent: crate::SimTime,
}
