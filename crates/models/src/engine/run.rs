//! The runner: drives a model through its events and its action timeline,
//! keeps checkpoints so a view can step back and scrub cheaply, and collects
//! the narration.
//!
//! Ordering rule: at equal simulated times, actions come before the model's
//! own events. Recording an action at a time the model has already reached
//! replays from the last checkpoint before it, so a live run and a replay of
//! its timeline are always the same run.

use crate::engine::action::{Action, ActionList};
use crate::engine::metrics::Metrics;
use crate::engine::time::SimTime;
use serde::Serialize;

/// What kind of thing a narration line reports (for styling and filtering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NoteKind {
    /// Ordinary progress.
    Info,
    /// A fault took effect.
    Fault,
    /// A parameter or design changed.
    Change,
    /// Something was refused (an illegal transition, a bad action).
    Refused,
    /// A result worth pointing out.
    Insight,
}

/// One line of narration: what happened and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    /// When.
    pub at: SimTime,
    /// What kind.
    pub kind: NoteKind,
    /// The sentence.
    pub text: String,
}

impl Note {
    /// A note of `kind` at `at`.
    pub fn new(at: SimTime, kind: NoteKind, text: impl Into<String>) -> Self {
        Note {
            at,
            kind,
            text: text.into(),
        }
    }
}

/// A simulation the runner can drive. Implementations must be deterministic:
/// the same construction and the same calls give the same state.
pub trait Model: Clone {
    /// The model's current time.
    fn now(&self) -> SimTime;
    /// The time of its earliest pending event, if any.
    fn next_event_at(&self) -> Option<SimTime>;
    /// Handles the earliest pending event, appending narration to `notes`.
    fn step(&mut self, notes: &mut Vec<Note>);
    /// Moves the clock to `to`; the runner guarantees no event is due before.
    fn advance_clock(&mut self, to: SimTime);
    /// Applies a reader's action at the current time. An action the model
    /// cannot take returns `Err` with a sentence for the narration.
    fn apply(&mut self, action: &Action, notes: &mut Vec<Note>) -> Result<(), String>;
    /// The metric series recorded so far.
    fn metrics(&self) -> &Metrics;
    /// A digest of the whole state (see [`crate::Digest`]).
    fn digest(&self) -> u64;
    /// Rough heap size of one copy, so the runner can bound the memory its
    /// checkpoints take. The default suits small models.
    fn approx_bytes(&self) -> usize {
        4_096
    }
}

#[derive(Clone, Debug)]
struct Checkpoint<M> {
    steps: u64,
    next_action: usize,
    notes_len: usize,
    model: M,
}

/// Checkpoints kept before thinning.
const MAX_CHECKPOINTS: usize = 48;
/// Memory all checkpoints of one run may take together (about).
const CHECKPOINT_BUDGET_BYTES: usize = 96 << 20;
/// Narration lines kept (the oldest go first).
const MAX_NOTES: usize = 2_000;

/// A model plus its timeline, checkpoints and narration.
#[derive(Clone, Debug)]
pub struct Run<M: Model> {
    initial: M,
    model: M,
    actions: ActionList,
    next_action: usize,
    steps: u64,
    checkpoints: Vec<Checkpoint<M>>,
    checkpoint_every: u64,
    notes: Vec<Note>,
    notes_dropped: usize,
}

impl<M: Model> Run<M> {
    /// A run of `model` from its current (initial) state with `actions`.
    pub fn new(model: M, actions: ActionList) -> Self {
        Run {
            initial: model.clone(),
            model,
            actions,
            next_action: 0,
            steps: 0,
            checkpoints: Vec::new(),
            checkpoint_every: 2_000,
            notes: Vec::new(),
            notes_dropped: 0,
        }
    }

    /// The model as it is now.
    pub fn model(&self) -> &M {
        &self.model
    }
    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.model.now()
    }
    /// The action timeline.
    pub fn actions(&self) -> &ActionList {
        &self.actions
    }
    /// Events and actions handled since the start.
    pub fn steps(&self) -> u64 {
        self.steps
    }
    /// The narration so far (the oldest lines may have been dropped).
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }
    /// A digest of the model state together with the time.
    pub fn digest(&self) -> u64 {
        self.model.digest() ^ self.model.now().micros().rotate_left(17)
    }

    /// When the next thing (action or event) happens.
    pub fn next_at(&self) -> Option<SimTime> {
        let a = self.actions.items().get(self.next_action).map(|a| a.at);
        match (a, self.model.next_event_at()) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }

    /// Handles exactly one action or event (the earliest); returns its time.
    pub fn step_once(&mut self) -> Option<SimTime> {
        let a = self.actions.items().get(self.next_action).map(|a| a.at);
        let e = self.model.next_event_at();
        let mut fresh = Vec::new();
        let take_action = match (a, e) {
            (Some(a), Some(e)) => a <= e,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let at = if take_action {
            let action = self.actions.items()[self.next_action].clone();
            self.model.advance_clock(action.at);
            self.next_action += 1;
            if let Some(caption) = &action.caption {
                fresh.push(Note::new(action.at, NoteKind::Insight, caption.clone()));
            }
            if let Err(why) = self.model.apply(&action, &mut fresh) {
                fresh.push(Note::new(action.at, NoteKind::Refused, why));
            }
            action.at
        } else {
            self.model.step(&mut fresh);
            self.model.now()
        };
        self.steps += 1;
        self.push_notes(fresh);
        if self.steps.is_multiple_of(self.checkpoint_every) {
            self.checkpoint();
        }
        Some(at)
    }

    /// Runs everything due up to and including `t`, at most `max_steps` of
    /// them; then, if all were done, moves the clock to `t`. Returns true when
    /// `t` was reached.
    pub fn advance_to(&mut self, t: SimTime, max_steps: u64) -> bool {
        let mut budget = max_steps;
        while let Some(next) = self.next_at() {
            if next > t {
                break;
            }
            if budget == 0 {
                return false;
            }
            self.step_once();
            budget -= 1;
        }
        if t > self.model.now() {
            self.model.advance_clock(t);
        }
        true
    }

    /// Goes back to the latest saved state at or before `t` (the start, if
    /// none) without running forward; [`Run::advance_to`] then finishes the
    /// move in slices of any size.
    pub fn rewind(&mut self, t: SimTime) {
        if t < self.model.now() {
            self.restore_before(t, false);
        }
    }

    /// Moves to time `t`, backwards through a checkpoint if needed.
    pub fn seek(&mut self, t: SimTime) {
        if t < self.model.now() {
            self.restore_before(t, false);
        }
        self.advance_to(t, u64::MAX);
    }

    /// Moves to just after step number `steps` (0 = the start): exact
    /// stepping backwards, through the nearest checkpoint.
    pub fn seek_step(&mut self, steps: u64) {
        if steps < self.steps {
            while let Some(cp) = self.checkpoints.last() {
                if cp.steps <= steps {
                    break;
                }
                self.checkpoints.pop();
            }
            self.restore_latest();
        }
        while self.steps < steps && self.step_once().is_some() {}
    }

    /// Records `action` (normally at the current time) into the timeline and
    /// replays so the state is exactly what a replay of the timeline gives.
    /// Returns `Err` when the timeline is full.
    pub fn record(&mut self, action: Action) -> Result<(), String> {
        let now = self.model.now();
        let at = action.at;
        if self.actions.insert(action).is_none() {
            return Err("The timeline is full; reset to record more.".to_string());
        }
        // Replay from strictly before the action so equal-time ordering holds.
        self.restore_before(at, true);
        self.advance_to(now.max(at), u64::MAX);
        Ok(())
    }

    /// Drops every recorded action later than the current time.
    pub fn clear_future_actions(&mut self) -> usize {
        let now = self.model.now();
        let dropped = self.actions.truncate_after(now);
        self.next_action = self.next_action.min(self.actions.len());
        dropped
    }

    /// Restores the latest state before `t` (strictly before when `strict`,
    /// otherwise at or before), discarding later checkpoints.
    fn restore_before(&mut self, t: SimTime, strict: bool) {
        let ok = |m: &M| if strict { m.now() < t } else { m.now() <= t };
        while let Some(cp) = self.checkpoints.last() {
            if ok(&cp.model) && cp.next_action <= self.actions.partition_before(t) {
                break;
            }
            self.checkpoints.pop();
        }
        self.restore_latest();
    }

    /// Restores the latest checkpoint, or the initial state.
    fn restore_latest(&mut self) {
        match self.checkpoints.last() {
            Some(cp) => {
                self.model = cp.model.clone();
                self.steps = cp.steps;
                self.next_action = cp.next_action;
                self.notes
                    .truncate(cp.notes_len.saturating_sub(self.notes_dropped));
            }
            None => {
                self.model = self.initial.clone();
                self.steps = 0;
                self.next_action = 0;
                self.notes.clear();
                self.notes_dropped = 0;
            }
        }
    }

    fn checkpoint(&mut self) {
        let per_copy = self.model.approx_bytes().max(1);
        let affordable = (CHECKPOINT_BUDGET_BYTES / per_copy).clamp(4, MAX_CHECKPOINTS);
        if self.checkpoints.len() >= affordable {
            // Keep every other one and checkpoint half as often from now on.
            let mut i = 0;
            self.checkpoints.retain(|_| {
                i += 1;
                i % 2 == 0
            });
            self.checkpoint_every *= 2;
        }
        self.checkpoints.push(Checkpoint {
            steps: self.steps,
            next_action: self.next_action,
            notes_len: self.notes.len() + self.notes_dropped,
            model: self.model.clone(),
        });
    }

    fn push_notes(&mut self, fresh: Vec<Note>) {
        self.notes.extend(fresh);
        if self.notes.len() > MAX_NOTES {
            let extra = self.notes.len() - MAX_NOTES / 2;
            self.notes.drain(..extra);
            self.notes_dropped += extra;
        }
    }
}

impl ActionList {
    /// How many actions are strictly before `t`.
    pub fn partition_before(&self, t: SimTime) -> usize {
        self.items().partition_point(|a| a.at < t)
    }
}
