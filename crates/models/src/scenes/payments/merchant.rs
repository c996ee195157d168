//! What the merchant's server does: the server half of the integration.
//!
//! Before PaymentIntents the server created Charges, from whatever the page
//! or a webhook handed it, and fulfilled on a synchronous success or on a
//! later `charge.succeeded`. With PaymentIntents it creates the intent up
//! front and fulfils on one webhook, `payment_intent.succeeded`.

use super::checkout::{Checkout, StopReason};
use super::integration::Handler;
use super::machine::StateMachine;
use super::message::{
    object_name, ChargeReply, Lane, Message, MsgKind, OrderView, Path, Payload, WebhookEvent,
};
use super::states::ChargeState;
use super::IntentState;
use crate::engine::run::NoteKind;

const TO_PROVIDER: (Lane, Lane, MsgKind) = (Lane::Merchant, Lane::Provider, MsgKind::Request);
const TO_BROWSER: (Lane, Lane, MsgKind) = (Lane::Merchant, Lane::Browser, MsgKind::Response);

impl Checkout {
    /// A message reaches the merchant's server.
    pub(super) fn at_merchant(&mut self, m: Message) {
        match m.payload {
            Payload::StartCheckout => self.open_order(),
            Payload::IntentCreated => {
                self.merchant.has_intent = true;
                let state = IntentState::RequiresPaymentMethod.state_ref();
                self.send(
                    TO_BROWSER,
                    Payload::ClientSecret,
                    self.t.net_micros,
                    Some(state),
                );
                self.say(NoteKind::Info, || {
                    "The server stores the intent's id with the order and passes its client \
                     secret to the page."
                        .to_string()
                });
            }
            Payload::Submit(a) => {
                let a = usize::from(a);
                self.used(match object_name(self.cfg.era, self.attempts[a].method) {
                    "Token" => Handler::ServerChargeToken,
                    "BitcoinReceiver" => Handler::ServerChargeReceiver,
                    _ => Handler::ServerChargeSource,
                });
                self.request_charge(a, Path::Browser);
            }
            Payload::ChargeAnswer(a, path, reply) => {
                self.on_charge_answer(usize::from(a), path, reply)
            }
            Payload::Webhook(a, event) => self.on_webhook(usize::from(a), event),
            _ => {}
        }
    }

    fn open_order(&mut self) {
        if self.merchant.has_intent {
            self.used(Handler::ServerFindIntent);
            let state = self.intent.map(|s| s.state_ref());
            self.send(TO_BROWSER, Payload::ClientSecret, self.t.net_micros, state);
            self.say(NoteKind::Info, || {
                "The customer is back in a new tab. The server finds the order's existing \
                 intent and hands out the same client secret: still one payment."
                    .to_string()
            });
            return;
        }
        self.used(Handler::ServerCreateIntent);
        self.send(
            TO_PROVIDER,
            Payload::CreateIntent,
            self.t.server_micros,
            None,
        );
        self.say(NoteKind::Info, || {
            "The server creates a PaymentIntent for the order's amount and currency, with \
             its secret key."
                .to_string()
        });
    }

    /// The server asks for a Charge from attempt `a`'s object.
    fn request_charge(&mut self, a: usize, path: Path) {
        if self.cfg.track_orders {
            let this_one = self.attempts[a].charge_requested;
            let other = self.attempts.iter().enumerate().any(|(i, x)| {
                i != a && x.charge_requested && x.charge != Some(ChargeState::Failed)
            });
            if this_one || other {
                self.used(Handler::ServerOnePaymentPerOrder);
                self.say(NoteKind::Insight, || {
                    "The server's order record already has a payment under way, so it does \
                     not create another Charge. Without this bookkeeping it would."
                        .to_string()
                });
                if path == Path::Browser {
                    let view = self.order_view();
                    self.send(
                        TO_BROWSER,
                        Payload::OrderAnswer(a as u8, view),
                        self.t.net_micros,
                        None,
                    );
                }
                return;
            }
        }
        self.attempts[a].charge_requested = true;
        self.attempts[a].charge_via = path;
        self.send(
            TO_PROVIDER,
            Payload::CreateCharge(a as u8, path),
            self.t.server_micros,
            None,
        );
        let object = object_name(self.cfg.era, self.attempts[a].method);
        self.say(NoteKind::Info, || match path {
            Path::Browser => format!(
                "The server creates a Charge from the {object} with its secret key; only now \
                 is money requested."
            ),
            Path::Webhook => format!(
                "The webhook handler creates a Charge from the {object}: this second path \
                 exists for when the browser never comes back."
            ),
        });
    }

    fn order_view(&self) -> OrderView {
        if self.merchant.fulfilled_at.is_some() {
            OrderView::Confirmed
        } else {
            OrderView::Pending
        }
    }

    fn on_charge_answer(&mut self, a: usize, path: Path, reply: ChargeReply) {
        let view = match reply {
            ChargeReply::Created(ChargeState::Succeeded) => {
                self.used(Handler::ServerFulfilAtOnce);
                self.fulfil();
                OrderView::Confirmed
            }
            ChargeReply::Created(ChargeState::Pending) => {
                self.used(Handler::ServerMarkPending);
                self.say(NoteKind::Info, || {
                    "The Charge is pending. The server keeps the order open and must wait \
                     for a webhook to know how it ends."
                        .to_string()
                });
                OrderView::Pending
            }
            ChargeReply::Created(ChargeState::Failed) => {
                self.used(Handler::ServerReportDecline);
                OrderView::Failed
            }
            ChargeReply::Refused => {
                self.used(Handler::ServerChargeRefused);
                self.say(NoteKind::Info, || {
                    "The server gets an error instead of a Charge and has to handle it; the \
                     object's state machine has kept the money from moving twice."
                        .to_string()
                });
                if self.merchant.fulfilled_at.is_some() {
                    OrderView::Confirmed
                } else {
                    OrderView::Failed
                }
            }
        };
        if path == Path::Browser {
            self.send(
                TO_BROWSER,
                Payload::OrderAnswer(a as u8, view),
                self.t.net_micros,
                None,
            );
        }
    }

    fn on_webhook(&mut self, a: usize, event: WebhookEvent) {
        self.tally.webhooks |= 1 << event as u8;
        match event {
            WebhookEvent::SourceChargeable | WebhookEvent::ReceiverFilled => {
                self.used(Handler::ServerChargeOnWebhook);
                self.request_charge(a, Path::Webhook);
            }
            WebhookEvent::ChargeSucceeded => {
                self.used(Handler::ServerFulfilOnChargeWebhook);
                self.fulfil();
            }
            WebhookEvent::ChargeFailed => {
                self.used(Handler::ServerCancelOnChargeFailed);
                self.set_stop(StopReason::Declined);
                self.say(NoteKind::Info, || {
                    "The webhook handler cancels the order: the payment came back unpaid."
                        .to_string()
                });
            }
            WebhookEvent::IntentSucceeded => {
                self.used(Handler::ServerFulfilOnIntentWebhook);
                self.fulfil();
            }
        }
    }

    /// Ships the order, once.
    pub(super) fn fulfil(&mut self) {
        if self.merchant.fulfilled_at.is_some() {
            self.say(NoteKind::Info, || {
                "The order is already fulfilled; the handler does nothing the second time."
                    .to_string()
            });
            return;
        }
        self.merchant.fulfilled_at = Some(self.now);
        self.final_at = self.now;
        self.say(NoteKind::Insight, || {
            "The merchant fulfils the order.".to_string()
        });
    }
}
