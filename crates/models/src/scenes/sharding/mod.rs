//! Worker sharding: an edge data center's serverless workers, with and
//! without a home server per worker.
//!
//! What it models: Cloudflare's "Eliminating cold starts 2: shard and
//! conquer". Requests arrive from the internet as one Poisson stream; each
//! is for a worker picked by Zipf popularity and lands on a random server,
//! the shard client. Without sharding that server runs it: warm if it holds
//! a live instance, else after a cold start. With sharding, a quiet worker
//! has a home server on a consistent hash ring ([`crate::placement`]); the
//! client forwards the request there (about a millisecond) unless it is the
//! home. Hot workers, warm everywhere anyway, are never sharded; that choice
//! sets the share of forwarded requests. An overloaded home refuses, under
//! the optimistic policy (send, get it handed back) or the pessimistic one
//! (ask first). Instances are evicted after an idle timeout, and optionally
//! by a per-server memory cap.
//!
//! What it simplifies: servers are identical and run any number of requests
//! at once (capacity only gates accepting sharded requests); a worker's rate
//! is known exactly rather than measured; after a refusal the client keeps
//! the worker local for a fixed time instead of "until traffic changes";
//! nested workers (dispatch, outbound, tail) are left out.
//! TODO: nested workers and the execution context that travels with a
//! sharded request (limits, flags, the trace callback) are not modelled, so
//! the scene cannot show a dispatch worker's chain being sharded as a whole.
//! TODO: traffic is steady; the source's daily swing in cold starts (which
//! sharding also flattens) would need a time-varying rate.
//!
//! Two scales, said plainly in the scene: the animated run is this literal
//! simulation at tens of servers; the real-scale figures (300 servers, a
//! million workers) come from the analytic shortcut in [`analytic`], which
//! batch `check` compares with the literal simulation at 300 servers.
//! [`tls`] holds the timing of the older trick, hiding a start inside the
//! TLS handshake, for the scene's opening figure.

pub mod actions;
pub mod analytic;
pub mod batches;
pub mod check;
pub mod instances;
pub mod model;
pub mod narration;
pub mod params;
pub mod request;
pub mod sampling;
pub mod tls;
pub mod trace;
pub mod workload;

pub use model::ShardingModel;
pub use params::{Config, Design, Shedding};
pub use trace::{Route, Trace};

use crate::engine::action::ActionList;
use crate::engine::params::Params;
use crate::engine::run::Run;
use crate::engine::time::SimTime;
use crate::scenes::{BatchDef, SceneDef, SceneRun};

/// The scene's id in URLs.
pub const SCENE_ID: &str = "worker-sharding";

/// The scene.
pub const DEF: SceneDef = SceneDef {
    id: SCENE_ID,
    title: "Worker sharding",
    tagline: "Send each quiet worker to one home server, and its cold starts nearly vanish.",
    designs: &[
        ("off", "No sharding: any server runs any worker"),
        (
            "on",
            "Sharding: each worker has a home server on a hash ring",
        ),
    ],
    default_compare: "on",
    params: params::specs,
    build,
    default_duration: SimTime::from_secs(20 * 60),
    action_kinds: &["fail", "recover", "overload", "set", "design"],
    batches: &[
        BatchDef {
            key: "real-scale",
            label: "Real scale: 300 servers, a million workers",
            run: batches::real_scale,
        },
        BatchDef {
            key: "check",
            label: "Check: simulation against formula",
            run: check::check,
        },
    ],
};

/// Builds a run of `design` (`off` when unknown).
fn build(params: &Params, seed: u64, design: &str, actions: ActionList) -> Box<dyn SceneRun> {
    let design = Design::from_key(design).unwrap_or(Design::Off);
    Box::new(Run::new(ShardingModel::new(params, seed, design), actions))
}
