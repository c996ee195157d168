//! The scene's settings: the parameter schema, and the typed configuration
//! of one checkout and of the batch read from it.

use super::method::{Era, Method};
use crate::engine::params::{ParamKind, ParamSpec, ParamValue, Params};

/// Most checkouts a batch runs (per era).
pub const MAX_CHECKOUTS: i64 = 200_000;

/// How long the provider keeps retrying a webhook the merchant did not take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryPolicy {
    /// One delivery attempt only.
    None,
    /// Retries with growing gaps for this many hours after the first attempt.
    ForHours(u32),
}

impl RetryPolicy {
    /// `(key, label)` pairs for the choice parameter.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("none", "No retries"),
        ("1h", "Back-off for 1 hour"),
        ("6h", "Back-off for 6 hours"),
        ("24h", "Back-off for 24 hours"),
        ("72h", "Back-off for 3 days"),
    ];

    /// The policy with URL key `key` (unknown keys mean the 3-day default).
    pub fn from_key(key: &str) -> RetryPolicy {
        match key {
            "none" => RetryPolicy::None,
            "1h" => RetryPolicy::ForHours(1),
            "6h" => RetryPolicy::ForHours(6),
            "24h" => RetryPolicy::ForHours(24),
            _ => RetryPolicy::ForHours(72),
        }
    }

    /// Gap before retry number `retry` (1-based) of a webhook first sent
    /// `elapsed_secs` ago, or `None` when the policy has given up.
    pub fn next_gap_secs(self, retry: u32, elapsed_secs: u64) -> Option<u64> {
        /// Gaps between attempts; the last one repeats.
        const GAPS_SECS: [u64; 6] = [60, 300, 1_800, 7_200, 18_000, 36_000];
        let RetryPolicy::ForHours(hours) = self else {
            return None;
        };
        let index = (retry.max(1) as usize - 1).min(GAPS_SECS.len() - 1);
        let gap = GAPS_SECS[index];
        (elapsed_secs + gap <= u64::from(hours) * 3_600).then_some(gap)
    }
}

/// Everything that shapes one checkout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// The API era (the design).
    pub era: Era,
    /// The method the customer starts with.
    pub method: Method,
    /// Webhook retries.
    pub retry: RetryPolicy,
    /// How long a merchant outage lasts, in seconds.
    pub outage_secs: u64,
    /// The merchant also charges on `bitcoin.receiver.filled` /
    /// `source.chargeable`, not only when the browser comes back.
    pub chargeable_webhook: bool,
    /// The merchant refuses a second payment for an order that has one.
    pub track_orders: bool,
    /// Write narration (off in batches, where nobody reads it).
    pub verbose: bool,
}

impl Config {
    /// The configuration of `design` from the scene's parameters. An unknown
    /// design falls back to Sources.
    pub fn from_params(params: &Params, design: &str) -> Config {
        Config {
            era: Era::from_key(design).unwrap_or(Era::Sources),
            method: Method::from_key(params.text("method")).unwrap_or(Method::Ideal),
            retry: RetryPolicy::from_key(params.text("retries")),
            outage_secs: params.int("outage_mins").clamp(1, 2_880) as u64 * 60,
            chargeable_webhook: params.flag("chargeable_webhook"),
            track_orders: params.flag("track_orders"),
            verbose: true,
        }
    }
}

/// The batch's method mixes, `(key, label)`.
const MIX_CHOICES: &[(&str, &str)] = &[
    ("all", "Every method"),
    ("cards", "Cards only"),
    ("europe", "Europe: cards, iDEAL, SEPA"),
    ("us", "US: cards, ACH, Bitcoin"),
    ("cash", "Cards and cash vouchers"),
];

/// Method shares of each mix, in percent, in [`Method::ALL`] order.
const MIX_SHARES: [[u32; 7]; 5] = [
    [40, 15, 8, 4, 18, 8, 7],
    [75, 25, 0, 0, 0, 0, 0],
    [35, 20, 0, 0, 30, 15, 0],
    [60, 10, 25, 5, 0, 0, 0],
    [50, 10, 0, 0, 0, 0, 40],
];

/// The method shares (percent, [`Method::ALL`] order) of mix `key`; the
/// first mix when the key is unknown.
pub fn mix_shares(key: &str) -> [u32; 7] {
    let i = MIX_CHOICES.iter().position(|(k, _)| *k == key).unwrap_or(0);
    MIX_SHARES[i]
}

fn spec(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    kind: ParamKind,
    default: ParamValue,
) -> ParamSpec {
    ParamSpec {
        key,
        label,
        help,
        unit: "",
        kind,
        default,
        live: false,
    }
}

fn rate(key: &'static str, label: &'static str, help: &'static str, default: f64) -> ParamSpec {
    spec(
        key,
        label,
        help,
        ParamKind::Float { min: 0.0, max: 1.0 },
        ParamValue::Float(default),
    )
}

/// The parameter schema: the checkout's settings, then the batch's.
pub fn params() -> Vec<ParamSpec> {
    let text = |s: &str| ParamValue::Text(s.to_string());
    let mut outage = spec(
        "outage_mins",
        "Outage length",
        "How long the merchant's server stays down once it goes down.",
        ParamKind::Int { min: 1, max: 2_880 },
        ParamValue::Int(120),
    );
    outage.unit = "min";
    let mut checkouts = spec(
        "checkouts",
        "Checkouts (batch)",
        "Customers in the batch; each one is run through every era.",
        ParamKind::Int {
            min: 100,
            max: MAX_CHECKOUTS,
        },
        ParamValue::Int(10_000),
    );
    checkouts.unit = "customers";
    vec![
        spec(
            "method",
            "Payment method",
            "How the customer pays; eras that cannot take it say why.",
            ParamKind::Choice(Method::CHOICES),
            text("ideal"),
        ),
        spec(
            "retries",
            "Webhook retries",
            "How long the provider keeps retrying a webhook the merchant's server missed.",
            ParamKind::Choice(RetryPolicy::CHOICES),
            text("72h"),
        ),
        outage,
        spec(
            "chargeable_webhook",
            "Charge from the \u{201c}ready\u{201d} webhook",
            "2015 and Sources eras: the server also creates the Charge when \
             bitcoin.receiver.filled or source.chargeable arrives, not only when the \
             browser comes back. Many integrations had only the browser path.",
            ParamKind::Bool,
            ParamValue::Bool(false),
        ),
        spec(
            "track_orders",
            "One payment per order",
            "Before charging, the server checks whether the order already has a payment \
             under way (the bookkeeping Sources asked merchants to do).",
            ParamKind::Bool,
            ParamValue::Bool(false),
        ),
        checkouts,
        spec(
            "mix",
            "Method mix (batch)",
            "Which methods the batch's customers use.",
            ParamKind::Choice(MIX_CHOICES),
            text("all"),
        ),
        rate(
            "disconnect_rate",
            "Connection drops (batch)",
            "Share of customers with a bank, wallet or 3-D Secure step whose browser loses \
             its connection on the way back to the shop.",
            0.1,
        ),
        rate(
            "down_rate",
            "Merchant down (batch)",
            "Share of checkouts where the merchant's server is down when the first webhook \
             arrives.",
            0.03,
        ),
        rate(
            "switch_rate",
            "Method switches (batch)",
            "Share of customers who start over with a card midway.",
            0.05,
        ),
        rate(
            "decline_rate",
            "Declines (batch)",
            "Share of attempts the bank declines.",
            0.05,
        ),
        rate(
            "abandon_rate",
            "Abandons (batch)",
            "Share of customers who walk away midway.",
            0.03,
        ),
    ]
}
