//! The engine every scene shares: time, randomness, events, metrics,
//! parameters, actions and the checkpointing runner.

pub mod action;
pub mod digest;
pub mod format;
pub mod histogram;
pub mod metrics;
pub mod params;
pub mod queue;
pub mod rng;
pub mod run;
pub mod time;
