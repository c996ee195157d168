//! Layout of the payments scene: a sequence diagram of one checkout and,
//! beside it (below it when narrow), the era's state machines.
//!
//! Messages are rows in sending order, arrows between four lanes; a quiet
//! stretch longer than [`BREAK_AFTER_MICROS`] becomes one "⋯ later" row, so
//! days of waiting cost a line. The reader's actions appear as marked rows
//! on the lane they hit. Webhooks are dashed and have their own colour; a
//! lost message stops short with a cross. A message in flight grows along
//! its arrow with the model's clock (a still, hollow marker under reduced
//! motion). The state machines come from the graphs the model enumerates
//! from its own transition functions: a column of states, forward moves on
//! the right, backward moves on the left, the current state lit and the
//! move just taken named.
//!
//! Files: `sequence` (lanes and the choice of rows), `rows` (one row each:
//! message, action, break), `footer` (support banner, legend, outcome),
//! `machines` (the state machines).

mod footer;
mod machines;
mod rows;
mod sequence;

use crate::drawing::{frame_len, Anchor, Drawing, HitTarget, Paint, Point};
use crate::DrawOptions;
use mp_models::scenes::payments::{Checkout, Fate, Message, PaymentsModel};
use mp_models::scenes::SceneRun;
use mp_models::{Run, SimTime};

use machines::{machine, machine_height};
use sequence::Seq;

/// A quiet stretch longer than this gets its own "later" row.
pub const BREAK_AFTER_MICROS: u64 = 30_000_000;
/// Below this width the machines go under the sequence diagram.
const NARROW_PX: f64 = 640.0;

/// The drawing of a payments run, `None` if `run` is another scene's.
pub fn draw(run: &dyn SceneRun, width: f64, height: f64, opts: &DrawOptions) -> Option<Drawing> {
    let run = run.as_any().downcast_ref::<Run<PaymentsModel>>()?;
    let c = run.model().checkout();
    let w = frame_len(width, 280.0, f64::INFINITY, 640.0);
    let hint = frame_len(height, 320.0, f64::INFINITY, 600.0);
    let machines = c.machines();
    let machines_h: f64 = machines.iter().map(machine_height).sum::<f64>() + 44.0;
    let narrow = w < NARROW_PX;
    let (seq_w, seq_h, total_h) = if narrow {
        let seq_h = (hint - machines_h).max(300.0);
        (w, seq_h, seq_h + machines_h)
    } else {
        let h = hint.max(machines_h);
        ((w * 0.6).floor(), h, h)
    };
    let mut d = Drawing::new(w, total_h);
    let now = run.now();
    let seq = Seq {
        c,
        now,
        w: seq_w,
        h: seq_h,
        opts,
    };
    seq.draw(&mut d, run.actions().items());
    let (px, py, pw) = if narrow {
        (0.0, seq_h, w)
    } else {
        (seq_w + 8.0, 0.0, w - seq_w - 8.0)
    };
    let heading = Point::new(px + 8.0, py + 18.0);
    let title = "State machines of this era";
    d.bold(heading, title, 12.0, Paint::Ink, Anchor::Start);
    let mut y = py + 28.0;
    for view in &machines {
        y = machine(&mut d, view, Point::new(px, y), pw, opts);
    }
    let note = "* real states, beyond this story";
    d.text(Point::new(px + 8.0, y + 4.0), note, 10.0, Paint::Muted);
    d.description = describe(c, now);
    Some(d)
}

/// Adds target `t`, ringed first when it is the selected one.
fn add_target(d: &mut Drawing, t: HitTarget, opts: &DrawOptions) {
    if opts.is_selected(&t.id) {
        d.circle(t.center, t.radius, None, Some((Paint::Highlight, 2.5)));
    }
    d.targets.push(t);
}

/// The sentence for screen readers.
fn describe(c: &Checkout, now: SimTime) -> String {
    let shown: Vec<&Message> = c.messages().iter().filter(|m| m.sent <= now).collect();
    let lost = shown
        .iter()
        .filter(|m| matches!(m.fate, Fate::Lost(_)))
        .count();
    let states: Vec<String> = c
        .machines()
        .iter()
        .filter_map(|v| {
            v.current
                .map(|s| format!("{} {}", v.graph.machine.name(), s))
        })
        .collect();
    let states = if states.is_empty() {
        "no payment object yet".to_string()
    } else {
        states.join(", ")
    };
    format!(
        "Sequence diagram of one checkout paying by {} under {}, at {now}: {} messages so far, \
         {lost} lost; {states}; outcome so far: {}.",
        c.current_method().label(),
        c.config().era.label(),
        shown.len(),
        c.outcome().label()
    )
}
