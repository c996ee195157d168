//! Scene "hash-ring": which server owns which key, and what moves when the
//! pool changes.
//!
//! What it models: a pool of servers and a fixed set of keys (worker ids)
//! placed by one of six schemes from [`crate::placement`]: the consistent
//! hash ring with virtual nodes (Karger et al., "Consistent Hashing and
//! Random Trees", STOC 1997), `hash mod N`, rendezvous hashing (Thaler &
//! Ravishankar 1998), jump consistent hash (Lamping & Veach 2014), Maglev's
//! lookup table (Eisenbud et al., NSDI 2016) and consistent hashing with
//! bounded loads (Mirrokni, Thorup & Zadimoghaddam, SODA 2018). A reader
//! adds, removes or crashes servers; every change records which keys moved
//! and compares that with the ideal share (1/(n+1) on add, the leaver's own
//! keys on remove) and with what `hash mod N` moves on the same keys. A
//! seeded stream of lookups animates the routing.
//!
//! What it simplifies: keys weigh the same and never change; the pool is the
//! only thing that changes. A lookup is instantaneous in the model; its
//! flight is stretched to [`model::LOOKUP_FLIGHT_MICROS`] only so the view
//! can show it (and a crash can catch it in flight).
//!
//! The assignment of every key is computed once per membership change and
//! shared (`Arc`) between checkpoints, so frames and replays never reassign.
//!
//! TODO: every key weighs the same; hot keys (the power-law popularity of
//! the worker-sharding scene) would show where bounded loads earns its cap.
//! TODO: a change re-places every key and rebuilds the ring's summaries from
//! scratch; at 1,000 servers x 1,000 points and 100,000 keys that takes about
//! 0.3 s natively, so the largest settings feel slow to click.

mod actions;
pub mod assignment;
pub mod batch;
pub mod change;
pub mod model;
mod narrate;
mod series;
pub mod text;

use crate::engine::action::ActionList;
use crate::engine::params::{ParamKind, ParamSpec, ParamValue, Params};
use crate::engine::rng::SimRng;
use crate::engine::run::Run;
use crate::engine::time::SimTime;
use crate::placement::maglev::DRAWABLE_TABLE_SIZES;
use crate::scenes::{BatchDef, SceneDef, SceneRun};

pub use assignment::{Assignment, RingArc, ServerLoad, ShareKind};
pub use change::{Change, ChangeKind};
pub use model::{Lookup, RingModel};

/// The scene's registry entry.
pub const DEF: SceneDef = SceneDef {
    id: "hash-ring",
    title: "Hash rings and placement",
    tagline: "Add, remove or crash a server and watch which keys move: a consistent \
              hash ring against hash mod N, rendezvous, jump, Maglev and bounded loads.",
    designs: &[
        ("ring", "Consistent hash ring"),
        ("modn", "hash mod N"),
        ("rendezvous", "Rendezvous (highest random weight)"),
        ("jump", "Jump consistent hash"),
        ("maglev", "Maglev table"),
        ("bounded", "Ring with bounded loads"),
    ],
    default_compare: "modn",
    params,
    build,
    default_duration: SimTime::from_secs(120),
    action_kinds: &["add", "remove", "fail", "set"],
    batches: &[
        BatchDef {
            key: "spread",
            label: "Spread against points per server",
            run: batch::spread,
        },
        BatchDef {
            key: "schemes",
            label: "All schemes on these keys",
            run: batch::schemes,
        },
    ],
};

/// Stream label of the key ids (the same for every design).
const KEYS_STREAM: u64 = 0x6b65_7973; // "keys"
/// Stream label of the lookup workload (the same for every design).
pub(crate) const LOOKUP_STREAM: u64 = 0x6c6f_6f6b; // "look"

/// The parameter schema.
pub fn params() -> Vec<ParamSpec> {
    vec![
        ParamSpec {
            key: "servers",
            label: "Servers",
            help: "Servers in the pool when the run starts.",
            unit: "",
            kind: ParamKind::Int { min: 1, max: 1_000 },
            default: ParamValue::Int(8),
            live: false,
        },
        ParamSpec {
            key: "points",
            label: "Points per server",
            help: "Virtual nodes each server puts on the ring; the spread of \
                   ring shares is about 1/\u{221a}points.",
            unit: "",
            kind: ParamKind::Int { min: 1, max: 1_000 },
            default: ParamValue::Int(100),
            live: true,
        },
        ParamSpec {
            key: "keys",
            label: "Keys",
            help: "Keys (worker ids) placed on the servers.",
            unit: "",
            kind: ParamKind::Int {
                min: 1,
                max: 100_000,
            },
            default: ParamValue::Int(2_000),
            live: false,
        },
        ParamSpec {
            key: "eps",
            label: "Load slack \u{3b5}",
            help: "Bounded loads: no server holds more than (1 + \u{3b5}) times the mean.",
            unit: "",
            kind: ParamKind::Float { min: 0.0, max: 2.0 },
            default: ParamValue::Float(0.25),
            live: true,
        },
        ParamSpec {
            key: "table",
            label: "Maglev table size",
            help: "Slots in Maglev's lookup table (a prime); auto picks one that \
                   fits the servers and keys.",
            unit: "slots",
            kind: ParamKind::Choice(&[
                ("auto", "Auto (\u{2265} \u{221a}(servers \u{b7} keys))"),
                ("7", "7 (the paper's example)"),
                ("251", "251"),
                ("4099", "4,099"),
                ("65537", "65,537"),
            ]),
            default: ParamValue::Text("auto".to_string()),
            live: true,
        },
        ParamSpec {
            key: "rate",
            label: "Lookups per second",
            help: "How many lookups the animation routes per simulated second.",
            unit: "/s",
            kind: ParamKind::Float {
                min: 0.0,
                max: 200.0,
            },
            default: ParamValue::Float(20.0),
            live: true,
        },
    ]
}

/// Builds a run of `design` (unknown designs fall back to the ring).
pub fn build(params: &Params, seed: u64, design: &str, actions: ActionList) -> Box<dyn SceneRun> {
    Box::new(Run::new(RingModel::new(params, seed, design), actions))
}

/// The key ids of a run: `count` seeded 64-bit ids, the same in every design.
pub fn keys_for(seed: u64, count: usize) -> Vec<u64> {
    let mut rng = SimRng::derive(seed, KEYS_STREAM);
    (0..count).map(|_| rng.next_u64()).collect()
}

/// `params.int(key)` clamped to `lo..=hi`, as a `usize`.
pub(crate) fn int_param(params: &Params, key: &str, lo: i64, hi: i64) -> usize {
    // Clamped to a small non-negative range, so the cast is lossless.
    params.int(key).clamp(lo, hi) as usize
}

/// The Maglev table size for a `table` choice: a drawable prime, or for
/// `auto` the smallest drawable prime of at least `sqrt(servers * keys)` and
/// `2 * servers`, so the table's own unevenness (about servers / M) stays
/// below the sampling noise of the keys (about sqrt(servers / keys)).
pub fn table_size_for(choice: &str, servers: usize, keys: usize) -> u32 {
    if let Some(&m) = DRAWABLE_TABLE_SIZES
        .iter()
        .find(|m| m.to_string() == choice)
    {
        return m;
    }
    let want = libm::sqrt(servers as f64 * keys as f64).max(2.0 * servers as f64);
    DRAWABLE_TABLE_SIZES
        .iter()
        .copied()
        .find(|&m| f64::from(m) >= want)
        .unwrap_or(crate::placement::maglev::DEFAULT_TABLE_SIZE)
}

/// The spread of keys per server that random placement alone gives, even
/// with perfectly equal shares: the coefficient of variation of a
/// multinomial count, `sqrt((n - 1) / m)` for `m` keys on `n` servers.
pub fn sampling_noise(servers: usize, keys: usize) -> f64 {
    libm::sqrt(servers.saturating_sub(1) as f64 / keys.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_table_size_fits_pool() {
        assert_eq!(table_size_for("auto", 8, 2_000), 251);
        assert_eq!(table_size_for("auto", 300, 10_000), 4_099);
        assert_eq!(table_size_for("auto", 1_000, 100_000), 65_537);
        assert_eq!(table_size_for("7", 1_000, 100_000), 7);
    }

    #[test]
    fn keys_are_seeded() {
        assert_eq!(keys_for(3, 5), keys_for(3, 5));
        assert_ne!(keys_for(3, 5), keys_for(4, 5));
    }
}
