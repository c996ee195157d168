//! What every payment object's state machine shares: a typed transition
//! function that returns `Result`, an error a reader can understand, and a
//! graph of the machine enumerated from that very function.
//!
//! The diagrams and the "what the merchant had to build" counts read the
//! machines through this module, so they cannot drift from the rules the
//! simulation actually follows.

use serde::Serialize;
use std::fmt;

/// The kinds of payment object, across all eras.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Machine {
    /// Card or bank details exchanged for a single-use reference (2011).
    Token,
    /// An attempt to move money, created by the merchant's server.
    Charge,
    /// An address and amount waiting for Bitcoin (2015).
    BitcoinReceiver,
    /// A client-created, method-agnostic funding object (Sources era).
    Source,
    /// The one machine tracking a payment attempt (PaymentIntents era).
    PaymentIntent,
}

impl Machine {
    /// Every machine, in history order.
    pub const ALL: [Machine; 5] = [
        Machine::Token,
        Machine::Charge,
        Machine::BitcoinReceiver,
        Machine::Source,
        Machine::PaymentIntent,
    ];

    /// The API object's name.
    pub fn name(self) -> &'static str {
        match self {
            Machine::Token => "Token",
            Machine::Charge => "Charge",
            Machine::BitcoinReceiver => "BitcoinReceiver",
            Machine::Source => "Source",
            Machine::PaymentIntent => "PaymentIntent",
        }
    }

    /// First bit of this machine's states in a [`StateRef::bit`] mask.
    fn bit_offset(self) -> u32 {
        self as u32 * 8
    }

    /// The bits of all this machine's states in a [`StateRef::bit`] mask.
    pub fn state_mask(self) -> u64 {
        0xff << self.bit_offset()
    }
}

/// A state of some machine, small enough to attach to every message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct StateRef {
    /// Which machine.
    pub machine: Machine,
    /// Index into that machine's `STATES`.
    pub index: u8,
}

impl StateRef {
    /// A distinct bit per (machine, state), for sets of states met.
    pub fn bit(self) -> u64 {
        1u64 << (self.machine.bit_offset() + u32::from(self.index))
    }
}

/// A transition the rules forbid, with the reason in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransitionError {
    /// The machine asked to move.
    pub machine: Machine,
    /// The state it was in.
    pub from: &'static str,
    /// The event it was asked to take.
    pub event: &'static str,
    /// Why the rules say no.
    pub why: &'static str,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "A {} in state {} cannot take \u{201c}{}\u{201d}: {}.",
            self.machine.name(),
            self.from,
            self.event,
            self.why
        )
    }
}

/// A payment object's state machine.
pub trait StateMachine: Copy + Eq + fmt::Debug + 'static {
    /// What can happen to the object.
    type Event: Copy + fmt::Debug + 'static;
    /// Which machine this is.
    const MACHINE: Machine;
    /// Every state, in diagram order.
    const STATES: &'static [Self];
    /// The states an object can be created in.
    const INITIAL: &'static [Self];
    /// Every event, for enumerating the graph.
    const EVENTS: &'static [Self::Event];

    /// The API's name for the state.
    fn key(self) -> &'static str;
    /// The name of an event, as drawn on an arrow.
    fn event_key(event: Self::Event) -> &'static str;
    /// The new state after `event`, or why it cannot happen.
    fn apply(self, event: Self::Event) -> Result<Self, TransitionError>;
    /// True when no event can move the object any more.
    fn is_final(self) -> bool;
    /// True for states that are real but outside this scene's story.
    fn beyond_story(self) -> bool {
        false
    }

    /// Position in `STATES`.
    fn index(self) -> u8 {
        Self::STATES.iter().position(|s| *s == self).unwrap_or(0) as u8
    }
    /// A compact reference to this state.
    fn state_ref(self) -> StateRef {
        StateRef {
            machine: Self::MACHINE,
            index: self.index(),
        }
    }
    /// The error for `event` in this state, with `why`.
    fn refuse(self, event: Self::Event, why: &'static str) -> TransitionError {
        TransitionError {
            machine: Self::MACHINE,
            from: self.key(),
            event: Self::event_key(event),
            why,
        }
    }
}

/// One state of a drawn machine.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphState {
    /// The state's name.
    pub key: &'static str,
    /// Objects can be created in this state.
    pub initial: bool,
    /// Nothing leaves this state.
    pub is_final: bool,
    /// Real, but beyond the story told here.
    pub beyond_story: bool,
}

/// All transitions between two states (self-loops are left out).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphEdge {
    /// Index of the source state.
    pub from: usize,
    /// Index of the target state.
    pub to: usize,
    /// The events that take it, deduplicated, in enumeration order.
    pub events: Vec<&'static str>,
}

/// A machine as boxes and arrows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MachineGraph {
    /// Which machine.
    pub machine: Machine,
    /// Its states, in diagram order.
    pub states: Vec<GraphState>,
    /// Its transitions, in enumeration order.
    pub edges: Vec<GraphEdge>,
}

/// The graph of machine `S`, found by trying every event in every state,
/// keeping only states for which `keep` is true.
pub fn graph<S: StateMachine>(keep: impl Fn(S) -> bool) -> MachineGraph {
    let kept: Vec<S> = S::STATES.iter().copied().filter(|s| keep(*s)).collect();
    let pos = |s: S| kept.iter().position(|k| *k == s);
    let states = kept
        .iter()
        .map(|s| GraphState {
            key: s.key(),
            initial: S::INITIAL.contains(s),
            is_final: s.is_final(),
            beyond_story: s.beyond_story(),
        })
        .collect();
    let mut edges: Vec<GraphEdge> = Vec::new();
    for (from, s) in kept.iter().enumerate() {
        for ev in S::EVENTS {
            let Some(to) = s.apply(*ev).ok().and_then(pos) else {
                continue;
            };
            if to == from {
                continue;
            }
            let name = S::event_key(*ev);
            match edges.iter_mut().find(|e| e.from == from && e.to == to) {
                Some(e) if !e.events.contains(&name) => e.events.push(name),
                Some(_) => {}
                None => edges.push(GraphEdge {
                    from,
                    to,
                    events: vec![name],
                }),
            }
        }
    }
    MachineGraph {
        machine: S::MACHINE,
        states,
        edges,
    }
}
