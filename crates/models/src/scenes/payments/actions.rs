//! The reader's actions on a checkout: faults, a change of method, and
//! trying a transition the rules forbid.
//!
//! Kinds: `disconnect`, `merchant-down` (arg `webhook` waits for the next
//! webhook), `switch` (arg: a method key, card when empty), `decline`,
//! `abandon`, and `try` (arg `confirm`, `charge-source`, `charge-token`,
//! `charge-receiver`, `cancel`). A `try` only asks the object's state
//! machine; it never changes the run.

use super::checkout::{Attempt, Checkout, Page, StopReason, Timer, MAX_ATTEMPTS};
use super::intent::{IntentEvent, Next};
use super::machine::{StateMachine, TransitionError};
use super::message::Payload;
use super::method::{Method, Support};
use super::states::{ReceiverEvent, SourceEvent, TokenEvent};
use crate::engine::action::Action;
use crate::engine::run::NoteKind;

impl Checkout {
    /// Applies a reader's action now; `Err` explains a refusal.
    pub fn apply(&mut self, action: &Action) -> Result<(), String> {
        match action.kind.as_str() {
            "disconnect" => self.disconnect(),
            "merchant-down" => self.merchant_goes_down(action.arg.trim()),
            "switch" => self.switch_method(action.arg.trim()),
            "decline" => self.arm_decline(),
            "abandon" => self.abandon(),
            "try" => self.try_transition(action.arg.trim()),
            "set" | "design" => Err("A checkout's settings and era apply from its start; \
                                     change them to start a new run."
                .to_string()),
            other => Err(format!(
                "\u{201c}{other}\u{201d} is not something a checkout can do."
            )),
        }
    }

    fn disconnect(&mut self) -> Result<(), String> {
        if !self.browser_online() || self.browser.disconnect_armed {
            return Err("The browser is already cut off.".to_string());
        }
        let away = self.attempts.iter().any(|a| {
            a.method.needs_customer_step()
                && !a.cancelled
                && !a.decided
                && a.money == super::Money::Untouched
        });
        if away {
            self.browser.disconnect_armed = true;
            self.say(NoteKind::Fault, || {
                "The customer's connection is flaky: it will drop the moment they finish at \
                 the bank, wallet or 3-D Secure page."
                    .to_string()
            });
        } else {
            self.browser.offline_since = Some(self.now);
            self.say(NoteKind::Fault, || {
                "The browser loses its connection now.".to_string()
            });
        }
        Ok(())
    }

    fn merchant_goes_down(&mut self, arg: &str) -> Result<(), String> {
        if self.merchant_down() || self.merchant.down_armed {
            return Err("The merchant's server is already down (or about to be).".to_string());
        }
        if arg == "webhook" {
            self.merchant.down_armed = true;
            self.say(NoteKind::Fault, || {
                "The merchant's server will be down when the next webhook arrives.".to_string()
            });
        } else {
            self.start_outage();
        }
        Ok(())
    }

    fn arm_decline(&mut self) -> Result<(), String> {
        let waiting = self.attempts.iter().any(|a| !a.cancelled && !a.decided);
        if !waiting || self.stop == Some(StopReason::Unsupported) || self.decline_armed {
            return Err(
                "Nothing is waiting for a bank, card network or wallet to say yes, so \
                        there is nothing to decline."
                    .to_string(),
            );
        }
        self.decline_armed = true;
        self.say(NoteKind::Fault, || {
            "The next answer from the bank, card network or shop will be no.".to_string()
        });
        Ok(())
    }

    fn abandon(&mut self) -> Result<(), String> {
        if self.browser.page == Page::Success {
            return Err("The customer already sees a confirmed order.".to_string());
        }
        if self.attempts.len() == 1 && matches!(self.support, Support::No(_)) {
            return Err(
                "This checkout never started, so there is nothing to walk away from.".to_string(),
            );
        }
        for a in &mut self.attempts {
            a.cancelled = true;
        }
        if self.browser_online() {
            self.browser.offline_since = Some(self.now);
        }
        self.set_stop(StopReason::Abandoned);
        self.say(NoteKind::Fault, || {
            "The customer walks away. Anything they already paid is still in play; \
             anything they had yet to do will not happen."
                .to_string()
        });
        Ok(())
    }

    fn switch_method(&mut self, arg: &str) -> Result<(), String> {
        let method = if arg.is_empty() {
            Method::Card
        } else {
            Method::from_key(arg)
                .ok_or_else(|| format!("\u{201c}{arg}\u{201d} is not a method."))?
        };
        if self.browser.page == Page::Success {
            return Err(
                "The customer already sees a confirmed order; there is nothing to \
                        switch."
                    .to_string(),
            );
        }
        if self.attempts.len() >= MAX_ATTEMPTS {
            return Err(format!(
                "A checkout here takes at most {MAX_ATTEMPTS} attempts."
            ));
        }
        if let Support::No(why) = self.cfg.era.support(method, self.cfg.chargeable_webhook) {
            return Err(format!("This era cannot take {}: {why}.", method.label()));
        }
        for a in &mut self.attempts {
            a.cancelled = true;
        }
        let new_tab = !self.browser_online();
        self.browser.offline_since = None;
        self.browser.disconnect_armed = false;
        self.browser.page = Page::Checkout;
        let a = self.attempts.len();
        let mut attempt = Attempt::new_for(method);
        attempt.cancelled = false;
        self.attempts.push(attempt);
        if self.cfg.era.uses_intents() && (new_tab || !self.browser.has_secret) {
            self.browser.has_secret = false;
            if !self.in_flight(Payload::StartCheckout) && !self.in_flight(Payload::ClientSecret) {
                self.open_checkout();
            }
        }
        self.schedule(self.t.refill_micros, Timer::Fill(a as u8));
        self.say(NoteKind::Change, || {
            format!(
                "The customer gives up waiting and starts again with {}{}. Whatever they \
                 already did with the old method stays done.",
                method.label(),
                if new_tab { " in a new tab" } else { "" }
            )
        });
        Ok(())
    }

    fn try_transition(&mut self, arg: &str) -> Result<(), String> {
        let latest = self.attempts.len().saturating_sub(1);
        let att = self.attempts[latest];
        let verdict: Result<String, TransitionError> = match arg {
            "confirm" | "confirm-succeeded" => {
                let s = self
                    .intent
                    .ok_or("There is no PaymentIntent here (yet) to confirm.")?;
                s.apply(IntentEvent::Confirm(Next::Succeeded))
                    .map(|t| pair(s.key(), t.key()))
            }
            "cancel" => {
                let s = self
                    .intent
                    .ok_or("There is no PaymentIntent here (yet) to cancel.")?;
                s.apply(IntentEvent::Cancel).map(|t| pair(s.key(), t.key()))
            }
            "charge-source" | "charge-consumed-source" => {
                let s = att
                    .source
                    .ok_or("There is no Source here (yet) to charge.")?;
                s.apply(SourceEvent::Charge).map(|t| pair(s.key(), t.key()))
            }
            "charge-token" => {
                let s = att.token.ok_or("There is no Token here (yet) to charge.")?;
                s.apply(TokenEvent::Charge).map(|t| pair(s.key(), t.key()))
            }
            "charge-receiver" => {
                let s = att
                    .receiver
                    .ok_or("There is no BitcoinReceiver here (yet) to charge.")?;
                s.apply(ReceiverEvent::Charge)
                    .map(|t| pair(s.key(), t.key()))
            }
            _ => return Err(format!("\u{201c}{arg}\u{201d} is not a transition to try.")),
        };
        match verdict {
            Err(e) => Err(format!("{e} Nothing changed.")),
            Ok(moves) => {
                self.say(NoteKind::Info, || {
                    format!(
                        "That is allowed right now ({moves}); the flow takes it itself when \
                         its time comes, so nothing changed."
                    )
                });
                Ok(())
            }
        }
    }
}

fn pair(from: &str, to: &str) -> String {
    format!("{from} \u{2192} {to}")
}
