//! What the customer's browser does: the merchant's checkout page.
//!
//! In the Token, receiver and Source eras the page creates the payment
//! object itself (with the publishable key) and hands its id to the
//! merchant's server, so the server learns of a payment only when the page,
//! or a webhook, tells it. With PaymentIntents the page only confirms an
//! intent the server already created.

use super::checkout::{Checkout, Page, StopReason, Timer};
use super::integration::Handler;
use super::message::{object_name, Lane, Message, MsgKind, OrderView, Payload};
use super::method::{Method, Support};
use super::states::SourceState;
use super::IntentState;
use crate::engine::run::NoteKind;

const TO_MERCHANT: (Lane, Lane, MsgKind) = (Lane::Browser, Lane::Merchant, MsgKind::Request);
const TO_PROVIDER: (Lane, Lane, MsgKind) = (Lane::Browser, Lane::Provider, MsgKind::Request);
const TO_OUTSIDE: (Lane, Lane, MsgKind) = (Lane::Browser, Lane::Outside, MsgKind::Redirect);

impl Checkout {
    /// The customer opens the checkout page.
    pub(super) fn start(&mut self) {
        let (era, method) = (self.cfg.era, self.cfg.method);
        self.say(NoteKind::Info, || {
            format!(
                "A customer pays with {} under {}.",
                method.label(),
                era.label()
            )
        });
        match self.support {
            Support::No(why) => {
                self.set_stop(StopReason::Unsupported);
                self.say(NoteKind::Refused, || {
                    format!("This era cannot take {}: {why}.", method.label())
                });
                return;
            }
            Support::Limited(why) => self.say(NoteKind::Insight, || format!("Note: {why}.")),
            Support::Full => {}
        }
        if era.uses_intents() {
            self.open_checkout();
        }
        self.schedule(self.t.fill_micros, Timer::Fill(0));
    }

    /// PaymentIntents: the page asks the server to set up the payment.
    pub(super) fn open_checkout(&mut self) {
        self.send(TO_MERCHANT, Payload::StartCheckout, self.t.net_micros, None);
        self.say(NoteKind::Info, || {
            "The page asks the merchant's server to open the checkout. The server, not the \
             page, will create the PaymentIntent, so the payment exists on the server from \
             the first second."
                .to_string()
        });
    }

    /// The customer has filled in the form for attempt `a` and clicks Pay.
    pub(super) fn on_fill(&mut self, a: usize) {
        if !self.browser_online() || self.attempts[a].cancelled {
            return;
        }
        if self.cfg.era.uses_intents() {
            if self.browser.has_secret {
                self.confirm(a);
            } else {
                self.browser.ready_to_confirm = Some(a as u8);
            }
            return;
        }
        let method = self.attempts[a].method;
        let handler = match object_name(self.cfg.era, method) {
            "Token" => Handler::PageTokenize,
            "BitcoinReceiver" => Handler::PageCreateReceiver,
            _ => Handler::PageCreateSource,
        };
        self.used(handler);
        self.send(
            TO_PROVIDER,
            Payload::Collect(a as u8),
            self.t.net_micros,
            None,
        );
        let object = object_name(self.cfg.era, method);
        self.say(NoteKind::Info, || {
            format!(
                "The customer clicks Pay. The page asks the provider for a {object} ({}), \
                 using the publishable key: payment details go straight to the provider and \
                 never pass through the merchant's server.",
                method.label()
            )
        });
    }

    fn confirm(&mut self, a: usize) {
        self.used(Handler::PageConfirmIntent);
        self.send(
            TO_PROVIDER,
            Payload::Confirm(a as u8),
            self.t.net_micros,
            None,
        );
        let method = self.attempts[a].method;
        self.say(NoteKind::Info, || {
            format!(
                "The customer clicks Pay. The page confirms the intent with its client secret \
                 and a PaymentMethod ({}): the method says how to pay, the intent what.",
                method.label()
            )
        });
    }

    /// A message reaches the browser.
    pub(super) fn at_browser(&mut self, m: Message) {
        match m.payload {
            Payload::ClientSecret => {
                self.browser.has_secret = true;
                self.say(NoteKind::Info, || {
                    "The page holds the intent's client secret: enough to confirm this one \
                     payment, useless for anything else."
                        .to_string()
                });
                if let Some(a) = self.browser.ready_to_confirm.take() {
                    self.confirm(usize::from(a));
                }
            }
            Payload::Collected(a) => self.on_collected(usize::from(a)),
            Payload::OrderAnswer(_, view) => self.show_order(view),
            Payload::RedirectBack(a, ok) => self.on_redirect_back(usize::from(a), ok),
            Payload::Ready(a) => {
                self.used(Handler::PagePoll);
                self.submit(a);
                self.say(NoteKind::Info, || {
                    "The page, polling, sees the coins have arrived and tells the merchant's \
                     server, which must now create the Charge."
                        .to_string()
                });
            }
            Payload::ConfirmAnswer(a, state) => self.on_confirm_answer(usize::from(a), state),
            _ => {}
        }
    }

    /// The page posts attempt `a`'s order to the merchant's server.
    fn submit(&mut self, a: u8) {
        self.send(TO_MERCHANT, Payload::Submit(a), self.t.net_micros, None);
    }

    fn on_collected(&mut self, a: usize) {
        let att = self.attempts[a];
        let object = object_name(self.cfg.era, att.method);
        let chargeable =
            att.source.is_none_or(|s| s == SourceState::Chargeable) && att.receiver.is_none();
        if chargeable {
            self.submit(a as u8);
            self.say(NoteKind::Info, || {
                format!("The page posts the order with the {object}'s id to the merchant's server.")
            });
            return;
        }
        self.go_outside(a);
    }

    /// The page sends the customer to the bank, wallet or shop. With
    /// PaymentIntents the provider's script does this, not the merchant's code.
    fn go_outside(&mut self, a: usize) {
        let method = self.attempts[a].method;
        if !self.cfg.era.uses_intents() {
            self.used(match method {
                Method::Voucher => Handler::PageShowVoucher,
                Method::Bitcoin => Handler::PagePoll,
                _ => Handler::PageRedirect,
            });
        }
        self.browser.page = Page::Away;
        self.send(
            TO_OUTSIDE,
            Payload::RedirectOut(a as u8),
            self.t.net_micros,
            None,
        );
        self.say(NoteKind::Info, || match method {
            Method::Bitcoin => "The page shows an address and an amount; the customer's wallet \
                                will send the coins. The page keeps polling for them."
                .to_string(),
            Method::Voucher => "The page shows a voucher to print and pay in cash at a shop. \
                                The page will not be open when that happens."
                .to_string(),
            _ => format!(
                "The page sends the customer to the {} to finish there.",
                method.outside_party().to_lowercase()
            ),
        });
    }

    fn on_redirect_back(&mut self, a: usize, ok: bool) {
        if self.cfg.era.uses_intents() {
            self.browser.page = if ok { Page::Success } else { Page::Failed };
            self.say(NoteKind::Info, || {
                "The customer is back on the shop's page, which shows what the provider \
                 reports. The server does not depend on this visit: it learns from the \
                 intent."
                    .to_string()
            });
            return;
        }
        if !ok {
            self.browser.page = Page::Failed;
            return;
        }
        self.submit(a as u8);
        self.say(NoteKind::Info, || {
            "Back on the shop's return page, the browser hands the Source's id to the \
             merchant's server. This visit is the integration's main way to learn that \
             the customer paid."
                .to_string()
        });
    }

    fn on_confirm_answer(&mut self, a: usize, state: IntentState) {
        match state {
            IntentState::RequiresAction => {
                self.used(Handler::PageHandleAction);
                self.go_outside(a);
            }
            IntentState::Processing => self.browser.page = Page::Waiting,
            IntentState::Succeeded => self.browser.page = Page::Success,
            _ => self.browser.page = Page::Failed,
        }
    }

    fn show_order(&mut self, view: OrderView) {
        self.browser.page = match view {
            OrderView::Confirmed => Page::Success,
            OrderView::Pending => Page::Waiting,
            OrderView::Failed => Page::Failed,
        };
        self.say(NoteKind::Info, || match view {
            OrderView::Confirmed => "The customer sees the order confirmed.".to_string(),
            OrderView::Pending => "The customer sees the order received, payment pending: \
                                   the money will be final only later."
                .to_string(),
            OrderView::Failed => "The customer sees that the payment failed.".to_string(),
        });
    }
}
