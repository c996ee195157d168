//! Read-only views of a checkout for the layout: messages, lanes and the
//! state machines in play with their current state and last move.

use super::checkout::{Attempt, Checkout, Tally};
use super::intent::IntentState;
use super::machine::{graph, Machine, MachineGraph, StateMachine};
use super::message::{Lane, Message};
use super::method::{Era, Method, Support};
use super::params::Config;
use super::states::{ChargeState, ReceiverState, SourceState, TokenState};

/// A machine to draw: its graph, where the object is, and the move just made.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineView {
    /// Boxes and arrows, enumerated from the transition function.
    pub graph: MachineGraph,
    /// Heading, e.g. "Source (attempt 2)".
    pub title: String,
    /// Key of the current state, if the object exists yet.
    pub current: Option<&'static str>,
    /// The move just made on this machine: (from key or `None` if created,
    /// to key, event name).
    pub last: Option<(Option<&'static str>, &'static str, &'static str)>,
}

/// The key of state `index` of `machine`.
fn state_key(machine: Machine, index: u8) -> &'static str {
    fn key<S: StateMachine>(i: u8) -> &'static str {
        S::STATES.get(usize::from(i)).map_or("", |s| s.key())
    }
    match machine {
        Machine::Token => key::<TokenState>(index),
        Machine::Charge => key::<ChargeState>(index),
        Machine::BitcoinReceiver => key::<ReceiverState>(index),
        Machine::Source => key::<SourceState>(index),
        Machine::PaymentIntent => key::<IntentState>(index),
    }
}

impl Checkout {
    /// Every message sent so far, in sending order.
    pub fn messages(&self) -> &[Message] {
        &self.msgs
    }
    /// The attempts so far (a switch adds one).
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.cfg
    }
    /// Whether the era takes the starting method.
    pub fn support(&self) -> Support {
        self.support
    }
    /// The PaymentIntent's state, in the PaymentIntent eras.
    pub fn intent(&self) -> Option<IntentState> {
        self.intent
    }
    /// What the merchant's integration met so far.
    pub fn tally(&self) -> Tally {
        self.tally
    }
    /// True while the merchant's server is down.
    pub fn merchant_is_down(&self) -> bool {
        self.merchant_down()
    }
    /// True while the browser has a connection.
    pub fn browser_is_online(&self) -> bool {
        self.browser_online()
    }

    /// The method of the latest attempt.
    pub fn current_method(&self) -> Method {
        self.attempts.last().map_or(self.cfg.method, |a| a.method)
    }

    /// The lane's heading.
    pub fn lane_label(&self, lane: Lane) -> &'static str {
        match lane {
            Lane::Browser => "Browser",
            Lane::Merchant => "Merchant server",
            Lane::Provider => "Payment provider",
            Lane::Outside => self.current_method().outside_party(),
        }
    }

    /// The state machines of this era, as the latest attempt uses them.
    pub fn machines(&self) -> Vec<MachineView> {
        let latest = self.attempts.len().saturating_sub(1);
        let att = self.attempts.get(latest).copied();
        let mut out = Vec::new();
        match self.cfg.era {
            Era::Intents | Era::IntentsNoAction => {
                out.push(self.view(graph::<IntentState>(|_| true), self.intent, latest));
                return out;
            }
            Era::Charge2015 if self.current_method() == Method::Bitcoin => {
                out.push(self.view(
                    graph::<ReceiverState>(|_| true),
                    att.and_then(|a| a.receiver),
                    latest,
                ));
            }
            Era::Sources => {
                out.push(self.view(
                    graph::<SourceState>(|_| true),
                    att.and_then(|a| a.source),
                    latest,
                ));
            }
            _ => out.push(self.view(
                graph::<TokenState>(|_| true),
                att.and_then(|a| a.token),
                latest,
            )),
        }
        let charges = if self.cfg.era == Era::Charge2011 {
            graph::<ChargeState>(|s| s != ChargeState::Pending)
        } else {
            graph::<ChargeState>(|_| true)
        };
        out.push(self.view(charges, att.and_then(|a| a.charge), latest));
        out
    }

    fn view<S: StateMachine>(
        &self,
        graph: MachineGraph,
        state: Option<S>,
        attempt: usize,
    ) -> MachineView {
        let machine = graph.machine;
        let title = if self.attempts.len() > 1 && machine != Machine::PaymentIntent {
            format!("{} (attempt {})", machine.name(), attempt + 1)
        } else {
            machine.name().to_string()
        };
        let last = self
            .last
            .filter(|t| t.machine == machine && usize::from(t.attempt) == attempt)
            .map(|t| {
                (
                    t.from.map(|f| state_key(machine, f)),
                    state_key(machine, t.to),
                    t.event,
                )
            });
        let last = if machine == Machine::PaymentIntent {
            self.last_intent_move()
        } else {
            last
        };
        MachineView {
            graph,
            title,
            current: state.map(|s| s.key()),
            last,
        }
    }

    fn last_intent_move(&self) -> Option<(Option<&'static str>, &'static str, &'static str)> {
        let t = self.last.filter(|t| t.machine == Machine::PaymentIntent)?;
        Some((
            t.from.map(|f| state_key(t.machine, f)),
            state_key(t.machine, t.to),
            t.event,
        ))
    }
}
