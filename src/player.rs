//! The player: one or two runs of a scene (side A, and side B when
//! comparing) on a shared playhead, and everything the controls do to them.
//!
//! No DOM here. Wall-clock time only enters through [`Player::tick`], which
//! turns a frame's duration into simulated time; the models never see it.

use crate::scene_ui::{self, SceneUi};
use mp_models::scenes::{SceneDef, SceneRun};
use mp_models::url::{nearest_speed, RunSpec, SPEEDS};
use mp_models::{Action, SimTime};

/// Most steps "jump to the next event" takes looking for a narrated one.
const NEXT_EVENT_STEP_LIMIT: u64 = 500_000;
/// Steps of the first slice of a seek (the rest run from the loop).
pub const SEEK_SLICE_STEPS: u64 = 50_000;
/// Wall time one frame may spend on a seek before yielding to the page.
const SEEK_FRAME_MS: f64 = 12.0;
/// Steps one frame may spend per side before the playhead lags behind.
const FRAME_STEP_BUDGET: u64 = 40_000;

/// Runs, playhead and playback settings of one scene page.
pub struct Player {
    /// The scene.
    pub scene: SceneDef,
    /// Presentation settings.
    pub ui: SceneUi,
    /// What defines the runs (actions live in the runs; see [`Player::spec_now`]).
    pub spec: RunSpec,
    /// Side A.
    pub a: Box<dyn SceneRun>,
    /// Side B, when comparing.
    pub b: Option<Box<dyn SceneRun>>,
    /// Playing or paused.
    pub playing: bool,
    /// The playhead could not keep up with the requested speed last frame.
    pub lagging: bool,
    /// The last quiet stretch skipped, for the clock's label.
    pub skipped: Option<(SimTime, SimTime)>,
    /// Event pacing: the stretch being played (from, to, wall seconds spent).
    segment: Option<(SimTime, SimTime, f64)>,
    /// A seek under way: (where it started, where it goes).
    pending: Option<(SimTime, SimTime)>,
}

impl Player {
    /// Builds the runs of `spec` and moves them to its playhead.
    pub fn new(scene: SceneDef, spec: RunSpec) -> Self {
        let ui = scene_ui::for_scene(scene.id);
        let a = (scene.build)(&spec.params, spec.seed, &spec.design, spec.actions.clone());
        let mut p = Player {
            scene,
            ui,
            spec,
            a,
            b: None,
            playing: false,
            lagging: false,
            skipped: None,
            segment: None,
            pending: None,
        };
        p.rebuild_b();
        let t = p.spec.t;
        p.seek(t);
        p
    }

    fn rebuild_b(&mut self) {
        self.b = self.spec.compare.as_ref().map(|c| {
            (self.scene.build)(
                &self.spec.params,
                self.spec.seed,
                c,
                self.a.actions().clone(),
            )
        });
    }

    /// Rebuilds both runs from the spec and the current timeline, keeping
    /// the playhead.
    pub fn rebuild(&mut self) {
        let t = self.playhead();
        let actions = self.a.actions().clone();
        self.spec.actions = actions.clone();
        self.a = (self.scene.build)(
            &self.spec.params,
            self.spec.seed,
            &self.spec.design,
            actions,
        );
        self.rebuild_b();
        self.seek(t);
    }

    /// The spec with the current timeline and playhead (what the URL shows).
    pub fn spec_now(&self) -> RunSpec {
        let mut s = self.spec.clone();
        s.actions = self.a.actions().clone();
        s.t = self.playhead();
        s
    }

    /// Current simulated time.
    pub fn now(&self) -> SimTime {
        self.a.now()
    }

    /// Where the scrub bar ends.
    pub fn horizon(&self) -> SimTime {
        self.end().max(self.now())
    }

    /// True when the run has reached its horizon and nothing is pending.
    pub fn at_end(&self) -> bool {
        self.now() >= self.scene.default_duration && self.a.next_at().is_none_or(|t| t > self.now())
    }

    /// Advances by a frame of `wall_secs`; returns true if anything changed.
    pub fn tick(&mut self, wall_secs: f64) -> bool {
        if self.pending.is_some() {
            self.work_pending_for(SEEK_FRAME_MS, crate::env::now_ms);
            return true;
        }
        if !self.playing {
            return false;
        }
        let end = self.end();
        if self.now() >= end {
            self.playing = false;
            return true;
        }
        let wall = wall_secs.clamp(0.0, 0.1) * self.spec.speed;
        let target = match self.ui.wall_secs_per_event {
            Some(per_event) => self.event_paced_target(wall, per_event),
            None => self.clock_paced_target(wall),
        };
        let target = target.min(end);
        let done_a = self.a.advance_to(target, FRAME_STEP_BUDGET);
        let reached = self.a.now();
        let done_b = match &mut self.b {
            Some(b) => b.advance_to(reached, FRAME_STEP_BUDGET * 2),
            None => true,
        };
        self.lagging = !(done_a && done_b);
        true
    }

    /// Where a run stops by itself: the scene's duration, or later if the
    /// timeline has actions after it.
    fn end(&self) -> SimTime {
        let last_action = self
            .a
            .actions()
            .items()
            .last()
            .map_or(SimTime::ZERO, |a| a.at);
        self.scene.default_duration.max(last_action)
    }

    /// Clock pacing: simulated time runs at the scene's pace; a long quiet
    /// stretch is skipped instead of showing an idle clock.
    fn clock_paced_target(&mut self, wall: f64) -> SimTime {
        let rate = self.ui.pace;
        let mut target = self
            .now()
            .plus(SimTime::from_secs_f64(wall * rate).micros());
        let quiet = SimTime::from_secs_f64(self.ui.skip_quiet_after_wall_secs * rate);
        if let Some(next) = self.next_at() {
            if next.since(self.now()) > quiet.micros() && next > target {
                let lead = SimTime::from_secs_f64(0.4 * rate).micros();
                let jump_to = SimTime(next.micros().saturating_sub(lead)).max(target);
                self.skipped = Some((self.now(), jump_to));
                target = jump_to;
            }
        }
        target
    }

    /// Event pacing (sequence diagrams): each stretch between two events
    /// takes the same wall time whether it lasts 60 ms or three days, so a
    /// message is watchable and a long wait is a visible jump, not a stall.
    fn event_paced_target(&mut self, wall: f64, per_event: f64) -> SimTime {
        let now = self.now();
        if self.segment.is_none_or(|(_, to, _)| now >= to) {
            let Some(next) = self.next_at() else {
                return self.end();
            };
            self.segment = Some((now, next, 0.0));
            let gap = SimTime(next.since(now));
            self.skipped = (gap > SimTime::from_secs(60)).then_some((now, next));
        }
        let Some((from, to, elapsed)) = self.segment else {
            return now;
        };
        let elapsed = elapsed + wall;
        self.segment = Some((from, to, elapsed));
        let frac = (elapsed / per_event.max(0.05)).min(1.0);
        SimTime(from.micros() + (to.since(from) as f64 * frac) as u64)
    }

    fn next_at(&self) -> Option<SimTime> {
        match (&self.a.next_at(), self.b.as_ref().and_then(|b| b.next_at())) {
            (Some(a), Some(b)) => Some((*a).min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Starts moving both sides to `t` (clamped to the scene's last
    /// moment). Going back restores a checkpoint at once; going forward runs
    /// in slices from the animation loop ([`Player::work_pending`]), so a
    /// long jump never freezes the page.
    pub fn seek(&mut self, t: SimTime) {
        let t = t.min(self.scene.max_time());
        self.a.rewind(t);
        if let Some(b) = &mut self.b {
            b.rewind(t);
        }
        self.skipped = None;
        self.segment = None;
        self.pending = Some((self.a.now(), t));
        self.work_pending(SEEK_SLICE_STEPS);
    }

    /// Runs one slice of a pending seek; true when none is left.
    pub fn work_pending(&mut self, budget: u64) -> bool {
        let Some((_, t)) = self.pending else {
            return true;
        };
        let done_a = self.a.advance_to(t, budget);
        let done_b = self.b.as_mut().is_none_or(|b| b.advance_to(t, budget));
        if done_a && done_b {
            self.pending = None;
        }
        self.pending.is_none()
    }

    /// Works on a pending seek in small slices until `budget_ms` of wall
    /// time (read through `clock_ms`) is spent; true when none is left.
    pub fn work_pending_for(&mut self, budget_ms: f64, clock_ms: impl Fn() -> f64) -> bool {
        let start = clock_ms();
        while !self.work_pending(SEEK_SLICE_STEPS / 10) {
            if clock_ms() - start >= budget_ms {
                return false;
            }
        }
        true
    }

    /// Finishes a pending seek now (before anything that needs the exact
    /// state: stepping, recording, changing settings).
    pub fn finish_pending(&mut self) {
        self.work_pending(u64::MAX);
    }

    /// A seek is under way: `Some(done fraction)`.
    pub fn seeking(&self) -> Option<f64> {
        let (from, to) = self.pending?;
        let span = to.since(from).max(1) as f64;
        Some((self.a.now().since(from) as f64 / span).clamp(0.0, 1.0))
    }

    /// Where the playhead is, or is going when a seek is under way.
    pub fn playhead(&self) -> SimTime {
        self.pending.map_or(self.now(), |(_, to)| to)
    }

    /// One event forward (the earlier of the two sides' next events).
    pub fn step(&mut self) {
        self.playing = false;
        self.finish_pending();
        if let Some(t) = self.next_at() {
            self.seek(t);
            self.finish_pending();
            // Several things may share a time: handle exactly one more on A.
            if self.a.next_at() == Some(t) {
                self.a.step_once();
            }
        }
    }

    /// One event back on side A; side B follows to the same time.
    pub fn step_back(&mut self) {
        self.playing = false;
        self.finish_pending();
        let steps = self.a.steps();
        if steps > 0 {
            self.a.seek_step(steps - 1);
            let t = self.a.now();
            if let Some(b) = &mut self.b {
                b.seek(t);
            }
        }
    }

    /// Jumps to the next event worth a line of narration on side A (a
    /// fault, a cold start, a transition), skipping the plain ones between;
    /// stops at the end of the run or after a bounded amount of work.
    pub fn next_event(&mut self) {
        self.playing = false;
        self.finish_pending();
        let lines = self.a.notes().len();
        let end = self.end();
        let mut budget = NEXT_EVENT_STEP_LIMIT;
        while self.a.notes().len() == lines && budget > 0 {
            match self.a.next_at() {
                Some(t) if t <= end => {
                    self.a.step_once();
                    budget -= 1;
                }
                _ => break,
            }
        }
        let t = self.a.now();
        if let Some(b) = &mut self.b {
            b.seek(t);
        }
        self.skipped = None;
        self.segment = None;
    }

    /// Back to the start, keeping the timeline.
    pub fn reset(&mut self) {
        self.playing = false;
        self.seek(SimTime::ZERO);
    }

    /// Records an action at the playhead on both sides. `Err` carries a
    /// reader-facing reason.
    pub fn record(&mut self, kind: &str, arg: &str) -> Result<(), String> {
        self.finish_pending();
        let action = Action::new(self.now(), kind, arg);
        self.segment = None;
        self.a.record(action.clone())?;
        if let Some(b) = &mut self.b {
            b.record(action)?;
        }
        Ok(())
    }

    /// Drops recorded actions after the playhead.
    pub fn clear_future(&mut self) -> usize {
        let n = self.a.clear_future_actions();
        if let Some(b) = &mut self.b {
            b.clear_future_actions();
        }
        n
    }

    /// Changes a parameter from text. Live parameters are recorded as a
    /// `set` action at the playhead; others rebuild the run. `Err` is a
    /// notice (the value may still have been clamped and applied).
    pub fn set_param(&mut self, key: &str, text: &str) -> Result<(), String> {
        let specs = (self.scene.params)();
        let Some(spec) = specs.iter().find(|s| s.key == key) else {
            return Err(format!("Unknown setting {key}."));
        };
        let mut params = self.spec.params.clone();
        let notice = params.set_text(spec, text);
        let new_text = params.get(key).map(|v| v.to_text()).unwrap_or_default();
        let changed = params.get(key) != self.spec.params.get(key);
        if changed {
            if spec.live && self.now() > SimTime::ZERO {
                self.record("set", &format!("{key}={new_text}"))?;
            } else {
                self.spec.params = params;
                self.rebuild();
            }
        }
        notice
    }

    /// Current value of a parameter as text: the last recorded live change,
    /// or the starting value.
    pub fn param_text(&self, key: &str) -> String {
        let prefix = format!("{key}=");
        let now = self.now();
        let recorded = self
            .a
            .actions()
            .items()
            .iter()
            .rev()
            .find(|a| a.at <= now && a.kind == "set" && a.arg.starts_with(&prefix));
        match recorded {
            Some(a) => a.arg[prefix.len()..].to_string(),
            None => self
                .spec
                .params
                .get(key)
                .map(|v| v.to_text())
                .unwrap_or_default(),
        }
    }

    /// New seed: rebuilds with the same timeline.
    pub fn set_seed(&mut self, seed: u64) {
        self.spec.seed = seed;
        self.rebuild();
    }

    /// Switches the design of side A (rebuild, timeline kept).
    pub fn set_design(&mut self, design: &str) {
        if self.scene.has_design(design) {
            self.spec.design = design.to_string();
            self.rebuild();
        }
    }

    /// Sets or clears the compared design.
    pub fn set_compare(&mut self, design: Option<&str>) {
        self.spec.compare = design
            .filter(|d| self.scene.has_design(d))
            .map(str::to_string);
        let t = self.playhead();
        self.rebuild_b();
        self.seek(t);
    }

    /// Turns compare mode on (with the scene's default other design) or off.
    pub fn toggle_compare(&mut self) {
        if self.spec.compare.is_some() {
            self.set_compare(None);
        } else {
            let other = if self.spec.design == self.scene.default_compare {
                self.scene
                    .designs
                    .iter()
                    .map(|d| d.0)
                    .find(|d| *d != self.spec.design)
            } else {
                Some(self.scene.default_compare)
            };
            self.set_compare(other);
        }
    }

    /// Speed one notch up (`up`) or down.
    pub fn nudge_speed(&mut self, up: bool) {
        let i = SPEEDS
            .iter()
            .position(|s| (*s - self.spec.speed).abs() < 1e-9)
            .unwrap_or(3);
        let j = if up {
            (i + 1).min(SPEEDS.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.spec.speed = SPEEDS[j];
    }

    /// Sets the speed (snapped to an offered one).
    pub fn set_speed(&mut self, s: f64) {
        self.spec.speed = nearest_speed(s);
    }
}
