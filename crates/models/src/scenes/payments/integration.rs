//! The merchant's side of an integration: the code paths a merchant had to
//! write, on its page and on its server.
//!
//! Every handler the simulated merchant runs is one of these; a checkout
//! records which ones it needed, so "what the merchant had to build" is
//! counted from the runs, not typed into a table.

use serde::Serialize;

/// One code path of the merchant's integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Handler {
    /// Page: send card or bank details to the provider for a Token.
    PageTokenize,
    /// Page: create a BitcoinReceiver and show its address.
    PageCreateReceiver,
    /// Page: create a Source.
    PageCreateSource,
    /// Page: send the customer to the bank or 3-D Secure page and take them back.
    PageRedirect,
    /// Page: poll until the receiver or Source is ready, then tell the server.
    PagePoll,
    /// Page: show a cash voucher to print.
    PageShowVoucher,
    /// Page: confirm the PaymentIntent with the chosen method.
    PageConfirmIntent,
    /// Page: let the provider's script handle `requires_action`.
    PageHandleAction,
    /// Server: create a Charge from a Token.
    ServerChargeToken,
    /// Server: create a Charge from a filled receiver.
    ServerChargeReceiver,
    /// Server: create a Charge from a Source the browser brought.
    ServerChargeSource,
    /// Server: create a Charge when the "ready" webhook arrives.
    ServerChargeOnWebhook,
    /// Server: cope with "this object cannot pay for a Charge" errors.
    ServerChargeRefused,
    /// Server: fulfil at once after a Charge succeeded.
    ServerFulfilAtOnce,
    /// Server: keep an order open while its Charge is pending.
    ServerMarkPending,
    /// Server: fulfil when `charge.succeeded` arrives.
    ServerFulfilOnChargeWebhook,
    /// Server: cancel the order when `charge.failed` arrives.
    ServerCancelOnChargeFailed,
    /// Server: tell the customer the Charge failed.
    ServerReportDecline,
    /// Server: refuse a second payment for an order that has one.
    ServerOnePaymentPerOrder,
    /// Server: create the PaymentIntent when checkout opens.
    ServerCreateIntent,
    /// Server: find the order's existing intent for a returning customer.
    ServerFindIntent,
    /// Server: fulfil when `payment_intent.succeeded` arrives.
    ServerFulfilOnIntentWebhook,
}

impl Handler {
    /// Every handler.
    pub const ALL: [Handler; 22] = [
        Handler::PageTokenize,
        Handler::PageCreateReceiver,
        Handler::PageCreateSource,
        Handler::PageRedirect,
        Handler::PagePoll,
        Handler::PageShowVoucher,
        Handler::PageConfirmIntent,
        Handler::PageHandleAction,
        Handler::ServerChargeToken,
        Handler::ServerChargeReceiver,
        Handler::ServerChargeSource,
        Handler::ServerChargeOnWebhook,
        Handler::ServerChargeRefused,
        Handler::ServerFulfilAtOnce,
        Handler::ServerMarkPending,
        Handler::ServerFulfilOnChargeWebhook,
        Handler::ServerCancelOnChargeFailed,
        Handler::ServerReportDecline,
        Handler::ServerOnePaymentPerOrder,
        Handler::ServerCreateIntent,
        Handler::ServerFindIntent,
        Handler::ServerFulfilOnIntentWebhook,
    ];

    /// This handler's bit in a set of handlers.
    pub fn bit(self) -> u32 {
        1 << self as u32
    }

    /// True for code that runs on the merchant's page, not its server.
    pub fn on_page(self) -> bool {
        (self as u32) < (Handler::ServerChargeToken as u32)
    }

    /// The handlers in a set, in [`Handler::ALL`] order.
    pub fn in_set(set: u32) -> impl Iterator<Item = Handler> {
        Handler::ALL.into_iter().filter(move |h| set & h.bit() != 0)
    }
}
