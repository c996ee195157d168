//! Scene "payments": from Token and Charge to PaymentIntent.
//!
//! What it models: one checkout at a time, as messages between the
//! customer's browser, the merchant's server, the payment provider and an
//! outside party (card network, bank, Bitcoin wallet, shop taking a cash
//! voucher), under five eras of one payments API: Token + Charge (2011,
//! cards only); Charge with `pending` plus BitcoinReceiver (2015); Source +
//! Charge; PaymentIntent + PaymentMethod; and PaymentIntent with
//! `error_on_requires_action`. Every payment object is a typed state machine
//! whose transitions return `Result`, and outcomes follow from where the
//! money is (held, captured, refunded) and whether the order was fulfilled:
//! a lost sale under Sources and a saved one under PaymentIntents come out
//! of the mechanics, not out of the era's name. A batch runs thousands of
//! seeded customers through every era.
//!
//! What it simplifies: one order amount; no disputes, partial payments or
//! refunds of captured money; business days are plain days; Tokens never
//! expire; the page's status check after a redirect is folded into the
//! redirect itself; a merchant outage loses whatever reaches the server,
//! nothing more. Timings are drawn from the ranges in `timings`.
//!
//! Source: Stripe's engineering post on the history of its payments API
//! design, <https://stripe.com/blog/payment-api-design>.
//!
//! TODO: ACH bank-account verification (micro-deposits) and SEPA mandates
//! are left out, so bank debits look quicker to set up than they were.
//! TODO: the `canceled` and `requires_capture` intent states are drawn but no
//! flow enters them (manual capture and merchant cancellation are not
//! modelled).
//! TODO: customers never try again on their own after a decline or an error
//! page; only the reader's `switch` starts a new attempt, so conversion after
//! failures is understated in every era alike.
//! TODO: no merchant polls the provider for payments it has not heard about
//! (a careful integration of any era would reconcile); with webhook retries
//! off, that is why PaymentIntents can leave paid orders unfulfilled.

mod actions;
pub mod batch;
mod browser;
pub mod checkout;
mod delivery;
mod holding;
pub mod integration;
pub mod intent;
mod intents;
pub mod machine;
mod merchant;
pub mod message;
pub mod method;
pub mod model;
pub mod outcome;
mod outside;
pub mod params;
pub mod parties;
mod provider;
mod report;
pub mod states;
pub mod timings;
pub mod view;

pub use checkout::{Attempt, Checkout, Money, Page, StopReason, Tally, Transition};
pub use intent::{IntentEvent, IntentState, Next};
pub use machine::{Machine, MachineGraph, StateMachine, TransitionError};
pub use message::{Fate, Lane, Loss, Message, MsgKind, Payload, WebhookEvent};
pub use method::{Era, Method, Support};
pub use model::PaymentsModel;
pub use outcome::{Ledger, Outcome};
pub use params::{Config, RetryPolicy};
pub use view::MachineView;

use crate::engine::action::ActionList;
use crate::engine::params::Params;
use crate::engine::run::Run;
use crate::engine::time::SimTime;
use crate::scenes::{BatchDef, SceneDef, SceneRun};

/// The scene's registry entry.
pub const DEF: SceneDef = SceneDef {
    id: "payments",
    title: "Payments: from Token to PaymentIntent",
    tagline: "Watch one checkout travel between browser, shop, provider and bank under \
              five eras of a payments API, and see a paid sale get lost, then saved.",
    designs: Era::DESIGNS,
    default_compare: "intents",
    params: params::params,
    build,
    default_duration: SimTime::from_secs(timings::BOOKS_CLOSE_SECS),
    action_kinds: &[
        "disconnect",
        "merchant-down",
        "switch",
        "decline",
        "abandon",
        "try",
    ],
    batches: &[BatchDef {
        key: "batch",
        label: "Thousands of checkouts, every era",
        run: batch::run,
    }],
};

/// Builds a run of `design` (an era key) for the customer with `seed`.
pub fn build(params: &Params, seed: u64, design: &str, actions: ActionList) -> Box<dyn SceneRun> {
    let cfg = Config::from_params(params, design);
    Box::new(Run::new(PaymentsModel::new(cfg, seed), actions))
}
