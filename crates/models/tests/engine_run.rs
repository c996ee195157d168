//! The runner's promises, on a toy model: a live recording and a replay of
//! its timeline are the same run; scrubbing back and playing on, or stepping
//! back, lands on the same state as a straight run.

use mp_models::engine::queue::EventQueue;
use mp_models::{Action, ActionList, Digest, Metrics, Model, Note, NoteKind, Run, SimRng, SimTime};

/// Random arrivals that bump a counter; `boost:n` changes the increment.
#[derive(Clone)]
struct Toy {
    now: SimTime,
    queue: EventQueue<()>,
    rng: SimRng,
    total: u64,
    boost: u64,
    metrics: Metrics,
}

impl Toy {
    fn new(seed: u64) -> Self {
        let mut queue = EventQueue::new();
        queue.push(SimTime::from_millis(10), ());
        let mut metrics = Metrics::default();
        metrics.declare("total", "Total", "");
        Toy {
            now: SimTime::ZERO,
            queue,
            rng: SimRng::new(seed),
            total: 0,
            boost: 1,
            metrics,
        }
    }
}

impl Model for Toy {
    fn now(&self) -> SimTime {
        self.now
    }
    fn next_event_at(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }
    fn step(&mut self, notes: &mut Vec<Note>) {
        let Some((at, ())) = self.queue.pop() else {
            return;
        };
        self.now = at;
        self.total += self.boost * (1 + self.rng.below(3));
        self.metrics.push(0, at.secs_f64(), self.total as f64);
        if self.total.is_multiple_of(50) {
            notes.push(Note::new(
                at,
                NoteKind::Info,
                format!("total {}", self.total),
            ));
        }
        let gap = 1 + self.rng.below(20_000);
        self.queue.push(at.plus(gap), ());
    }
    fn advance_clock(&mut self, to: SimTime) {
        self.now = self.now.max(to);
    }
    fn apply(&mut self, action: &Action, _notes: &mut Vec<Note>) -> Result<(), String> {
        match (action.kind.as_str(), action.arg.parse::<u64>()) {
            ("boost", Ok(n)) if n <= 100 => {
                self.boost = n;
                Ok(())
            }
            _ => Err(format!("cannot {} {}", action.kind, action.arg)),
        }
    }
    fn metrics(&self) -> &Metrics {
        &self.metrics
    }
    fn digest(&self) -> u64 {
        Digest::new()
            .u64(self.total)
            .u64(self.boost)
            .u64(self.queue.scheduled())
            .finish()
    }
}

fn secs(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

#[test]
fn live_recording_equals_replay_of_its_timeline() {
    for seed in 0..20 {
        let mut live = Run::new(Toy::new(seed), ActionList::new());
        live.seek(secs(3));
        live.record(Action::new(live.now(), "boost", "5")).unwrap();
        live.seek(secs(7));
        live.record(Action::new(live.now(), "boost", "2")).unwrap();
        live.seek(secs(12));
        let mut replay = Run::new(Toy::new(seed), live.actions().clone());
        replay.seek(secs(12));
        assert_eq!(live.digest(), replay.digest(), "seed {seed}");
        assert_eq!(live.steps(), replay.steps());
    }
}

#[test]
fn scrub_back_then_play_on_equals_straight_run() {
    let mut actions = ActionList::new();
    actions.insert(Action::new(secs(4), "boost", "9"));
    let mut straight = Run::new(Toy::new(3), actions.clone());
    straight.seek(secs(30));
    let mut scrub = Run::new(Toy::new(3), actions);
    scrub.seek(secs(25));
    scrub.seek(secs(2));
    scrub.seek(secs(17));
    scrub.seek(secs(30));
    assert_eq!(straight.digest(), scrub.digest());
    assert_eq!(straight.notes(), scrub.notes());
}

#[test]
fn step_back_lands_on_the_previous_state() {
    let mut run = Run::new(Toy::new(5), ActionList::new());
    run.seek(secs(20));
    let steps = run.steps();
    let mut reference = Run::new(Toy::new(5), ActionList::new());
    for _ in 0..steps - 1 {
        reference.step_once();
    }
    run.seek_step(steps - 1);
    assert_eq!(run.steps(), steps - 1);
    assert_eq!(run.digest(), reference.digest());
}

#[test]
fn inserting_an_action_in_the_past_replays_from_before_it() {
    let mut run = Run::new(Toy::new(8), ActionList::new());
    run.seek(secs(10));
    run.record(Action::new(secs(5), "boost", "3")).unwrap();
    assert_eq!(run.now(), secs(10));
    let mut replay = Run::new(Toy::new(8), run.actions().clone());
    replay.seek(secs(10));
    assert_eq!(run.digest(), replay.digest());
}

#[test]
fn refused_actions_are_narrated_and_change_nothing() {
    let mut a = Run::new(Toy::new(1), ActionList::new());
    a.seek(secs(2));
    a.record(Action::new(a.now(), "boost", "lots")).unwrap();
    a.seek(secs(4));
    let mut b = Run::new(Toy::new(1), ActionList::new());
    b.seek(secs(4));
    assert!(a
        .notes()
        .iter()
        .any(|n| n.kind == NoteKind::Refused && n.text.contains("cannot")));
    assert_eq!(a.model().digest(), b.model().digest());
}
