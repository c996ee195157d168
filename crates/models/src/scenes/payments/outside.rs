//! What the outside party does: the card network, the customer's bank, the
//! Bitcoin wallet or the shop taking a cash voucher.
//!
//! It answers the provider (authorisations, debits) and hosts the customer's
//! own step (3-D Secure, paying at the bank, sending coins, paying cash).
//! The customer's step happens here, away from the merchant's page, so a
//! browser that drops does not stop the customer from paying; it only stops
//! the page from telling anyone.

use super::checkout::{Checkout, Timer};
use super::message::{Auth, Lane, Message, MsgKind, Payload};
use super::method::Method;
use crate::engine::run::NoteKind;

impl Checkout {
    /// A message reaches the outside party.
    pub(super) fn at_outside(&mut self, m: Message) {
        match m.payload {
            Payload::RedirectOut(a) => {
                let a = usize::from(a);
                let att = self.attempts[a];
                if att.cancelled {
                    return;
                }
                let micros = match att.method {
                    Method::Card3ds => self.t.threeds_micros,
                    Method::Bitcoin => self.t.wallet_micros,
                    Method::Voucher => self.t.voucher_micros,
                    _ => self.t.bank_micros,
                };
                self.schedule(micros, Timer::CustomerStep(a as u8));
            }
            Payload::Authorize(a) => self.authorize(usize::from(a)),
            Payload::Debit(a) => {
                let a = usize::from(a);
                let micros = match self.attempts[a].method {
                    Method::Sepa => self.t.sepa_micros,
                    _ => self.t.ach_micros,
                };
                self.schedule(micros, Timer::Settle(a as u8));
                self.say(NoteKind::Info, || {
                    "The bank takes the debit. Its answer comes only after days, when the \
                     money has really moved or come back."
                        .to_string()
                });
            }
            _ => {}
        }
    }

    fn authorize(&mut self, a: usize) {
        let att = self.attempts[a];
        let auth = if att.method == Method::Card3ds && !att.authenticated {
            Auth::NeedsAuthentication
        } else if self.take_decline() {
            Auth::Declined
        } else {
            Auth::Approved
        };
        if auth != Auth::NeedsAuthentication {
            self.attempts[a].decided = true;
        }
        let route = (Lane::Outside, Lane::Provider, MsgKind::Response);
        self.send(
            route,
            Payload::AuthAnswer(a as u8, auth),
            self.t.network_micros / 2,
            None,
        );
        if auth == Auth::NeedsAuthentication {
            self.say(NoteKind::Info, || {
                "The card's bank will not approve until the customer proves who they are \
                 (3-D Secure)."
                    .to_string()
            });
        }
    }

    /// The customer finishes at the bank, wallet or shop (if they still mean to).
    pub(super) fn on_customer_step(&mut self, a: usize) {
        let att = self.attempts[a];
        if att.cancelled {
            self.say(NoteKind::Info, || {
                format!(
                    "The customer never finishes the {} step.",
                    att.method.label()
                )
            });
            return;
        }
        let ok = !self.take_decline();
        if att.method != Method::Card3ds || !ok {
            self.attempts[a].decided = true;
        }
        let route = (Lane::Outside, Lane::Provider, MsgKind::Request);
        self.send(
            route,
            Payload::CustomerResult(a as u8, ok),
            self.t.net_micros,
            None,
        );
        self.say(NoteKind::Info, || match (att.method, ok) {
            (Method::Card3ds, true) => "The customer passes 3-D Secure.".to_string(),
            (Method::Bitcoin, true) => "The customer's wallet sends the coins.".to_string(),
            (Method::Voucher, true) => "The customer pays the voucher in cash at a shop; the \
                                       shop reports it to the provider."
                .to_string(),
            (_, true) => {
                "The customer pays on the bank's page; the bank tells the provider.".to_string()
            }
            (_, false) => "The bank or shop refuses the payment.".to_string(),
        });
        if self.browser.disconnect_armed {
            self.browser.disconnect_armed = false;
            self.browser.offline_since = Some(self.now);
            self.say(NoteKind::Fault, || {
                "Just then the browser loses its connection: whatever was to come back to \
                 the page will not arrive."
                    .to_string()
            });
        }
        if att.method.redirects_back() {
            let route = (Lane::Outside, Lane::Browser, MsgKind::Redirect);
            self.send(
                route,
                Payload::RedirectBack(a as u8, ok),
                self.t.net_micros,
                None,
            );
        }
    }
}
