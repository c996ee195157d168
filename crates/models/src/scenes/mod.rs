//! The scenes' models, one module each, and the registry that names them.
//!
//! A scene is a family of models sharing one parameter schema. It may offer
//! several designs (sharding off/on, placement schemes, payment eras) that run
//! on the same seeded workload so they can be compared side by side. Every
//! scene is driven through [`SceneRun`], so the command-line runner and the
//! browser shell need to know nothing about its shape.

use crate::engine::action::{Action, ActionList};
use crate::engine::metrics::Metrics;
use crate::engine::params::{ParamSpec, Params};
use crate::engine::run::{Model, Note, Run};
use crate::engine::time::SimTime;
use serde::Serialize;
use std::any::Any;

pub mod payments;
pub mod ring;
pub mod sharding;

/// A run of any scene, driven without knowing its model type.
pub trait SceneRun {
    /// Current simulated time.
    fn now(&self) -> SimTime;
    /// When the next action or event happens.
    fn next_at(&self) -> Option<SimTime>;
    /// Handles one action or event; returns its time.
    fn step_once(&mut self) -> Option<SimTime>;
    /// Runs up to `t` with at most `max_steps` steps; true when reached.
    fn advance_to(&mut self, t: SimTime, max_steps: u64) -> bool;
    /// Moves to `t`, backwards through checkpoints if needed.
    fn seek(&mut self, t: SimTime);
    /// Goes back to the latest saved state at or before `t` (see
    /// [`Run::rewind`]).
    fn rewind(&mut self, t: SimTime);
    /// Moves to just after step `steps` (exact step back).
    fn seek_step(&mut self, steps: u64);
    /// Records an action into the timeline (see [`Run::record`]).
    fn record(&mut self, action: Action) -> Result<(), String>;
    /// Drops recorded actions after the current time.
    fn clear_future_actions(&mut self) -> usize;
    /// The timeline.
    fn actions(&self) -> &ActionList;
    /// The narration.
    fn notes(&self) -> &[Note];
    /// The metric series.
    fn metrics(&self) -> &Metrics;
    /// Digest of state and time.
    fn digest(&self) -> u64;
    /// Events and actions handled so far.
    fn steps(&self) -> u64;
    /// The concrete run, for scene-specific drawing.
    fn as_any(&self) -> &dyn Any;
}

impl<M: Model + 'static> SceneRun for Run<M> {
    fn now(&self) -> SimTime {
        Run::now(self)
    }
    fn next_at(&self) -> Option<SimTime> {
        Run::next_at(self)
    }
    fn step_once(&mut self) -> Option<SimTime> {
        Run::step_once(self)
    }
    fn advance_to(&mut self, t: SimTime, max_steps: u64) -> bool {
        Run::advance_to(self, t, max_steps)
    }
    fn seek(&mut self, t: SimTime) {
        Run::seek(self, t)
    }
    fn rewind(&mut self, t: SimTime) {
        Run::rewind(self, t)
    }
    fn seek_step(&mut self, steps: u64) {
        Run::seek_step(self, steps)
    }
    fn record(&mut self, action: Action) -> Result<(), String> {
        Run::record(self, action)
    }
    fn clear_future_actions(&mut self) -> usize {
        Run::clear_future_actions(self)
    }
    fn actions(&self) -> &ActionList {
        Run::actions(self)
    }
    fn notes(&self) -> &[Note] {
        Run::notes(self)
    }
    fn metrics(&self) -> &Metrics {
        self.model().metrics()
    }
    fn digest(&self) -> u64 {
        Run::digest(self)
    }
    fn steps(&self) -> u64 {
        Run::steps(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A table of results from a heavy (batch) computation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BatchReport {
    /// Heading.
    pub title: String,
    /// How the figures were obtained (simulated, sampled, analytic, scaled).
    pub method: String,
    /// Column headings; the first column names the row.
    pub columns: Vec<String>,
    /// Rows of cells, already formatted for reading.
    pub rows: Vec<Vec<String>>,
    /// Raw figures for machines: `(row, column key, value)`.
    pub figures: Vec<(String, String, f64)>,
    /// Remarks worth reading next to the table.
    pub remarks: Vec<String>,
}

/// Progress callback of a batch: receives the done fraction, returns false
/// to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(f64) -> bool;

/// A heavy computation a scene offers (real-scale preset, batch of runs).
#[derive(Clone, Copy)]
pub struct BatchDef {
    /// Key used in URLs and by the runner.
    pub key: &'static str,
    /// Button label.
    pub label: &'static str,
    /// Runs it; `Err` when cancelled or impossible.
    pub run: fn(&Params, u64, Progress<'_>) -> Result<BatchReport, String>,
}

/// Static description of a scene.
#[derive(Clone, Copy)]
pub struct SceneDef {
    /// URL id, e.g. `hash-ring`.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// One line for the home page.
    pub tagline: &'static str,
    /// The designs it can run, `(key, label)`; the first is the default.
    pub designs: &'static [(&'static str, &'static str)],
    /// The default design to compare against.
    pub default_compare: &'static str,
    /// Its parameters.
    pub params: fn() -> Vec<ParamSpec>,
    /// Builds a run of `design` from parameters, seed and timeline.
    pub build: fn(&Params, u64, &str, ActionList) -> Box<dyn SceneRun>,
    /// How far a default run goes before it stops by itself.
    pub default_duration: SimTime,
    /// Heavy computations it offers.
    pub batches: &'static [BatchDef],
    /// The action kinds its models take (`set`, `fail`, ...). Others are
    /// dropped from links with a notice.
    pub action_kinds: &'static [&'static str],
}

impl SceneDef {
    /// The latest simulated time a run of this scene may reach: twice its
    /// default duration. Links and recorded actions beyond it are clamped,
    /// which bounds what opening a link can cost.
    pub fn max_time(&self) -> SimTime {
        SimTime(self.default_duration.micros().saturating_mul(2))
    }

    /// True when `kind` is an action this scene's models understand.
    pub fn knows_action(&self, kind: &str) -> bool {
        self.action_kinds.contains(&kind)
    }

    /// The reader-facing name of `design` (its key when unknown).
    pub fn design_label(&self, design: &str) -> String {
        self.designs
            .iter()
            .find(|d| d.0 == design)
            .map_or(design.to_string(), |d| d.1.to_string())
    }

    /// True when `design` is one of this scene's designs.
    pub fn has_design(&self, design: &str) -> bool {
        self.designs.iter().any(|(k, _)| *k == design)
    }
}

/// Every scene, in the order the home page lists them.
pub fn all() -> Vec<SceneDef> {
    vec![ring::DEF, sharding::DEF, payments::DEF]
}

/// The scene with `id`.
pub fn find(id: &str) -> Option<SceneDef> {
    all().into_iter().find(|s| s.id == id)
}
