//! Moving Parts: the pure, deterministic core.
//!
//! Every scene's model lives here, together with the small engine they share:
//! a seeded random number generator, simulated time, an event queue, metric
//! time series, parameter schemas, the action timeline that makes a run
//! replayable, and a runner that keeps checkpoints so a view can step back and
//! scrub cheaply.
//!
//! Nothing in this crate reads a wall clock, draws unseeded randomness or
//! touches a web API. Floating-point functions come from `libm`, so a run is
//! bit-for-bit the same natively and in WebAssembly; tests compare digests.

pub mod engine;
pub mod hash;
pub mod placement;
pub mod scenes;
pub mod url;

pub use engine::{
    action::{Action, ActionList},
    digest::Digest,
    metrics::{Metrics, Series},
    params::{ParamKind, ParamSpec, ParamValue, Params},
    rng::SimRng,
    run::{Model, Note, NoteKind, Run},
    time::SimTime,
};
