//! The payments scene's state machines, one column each.
//!
//! The graphs come from the model, which enumerates them from its own
//! transition functions, so the picture cannot show a move the model would
//! refuse. States stand in a column in the model's order; a move to the
//! next state is a short arrow down, a longer forward move is routed in a
//! lane on the right, a backward move in a lane on the left, shortest moves
//! innermost so routes do not cross. States beyond this story (real, but not
//! reachable here) are faint and starred; the current state is filled, and
//! the move just taken is lit and named beside the column.

use mp_models::scenes::payments::{Machine, MachineView};

use super::add_target;
use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point};
use crate::text::fit;
use crate::DrawOptions;

/// Height of a state's box.
const BOX_H: f64 = 22.0;
/// From one state's box to the next.
const BOX_PITCH: f64 = 34.0;
/// Between routing lanes beside the column.
const LANE_GAP_PX: f64 = 6.0;
/// Room kept right of a machine for the name of the move just taken.
const HOT_LABEL_PX: f64 = 78.0;

/// Height a machine's column needs.
pub(super) fn machine_height(v: &MachineView) -> f64 {
    28.0 + v.graph.states.len() as f64 * BOX_PITCH
}

/// The columns of a machine: where the boxes go and how many routing lanes
/// each side needs.
struct Column {
    bx: f64,
    box_w: f64,
    top: f64,
    right_lanes: f64,
    left_lanes: f64,
    font: f64,
}

impl Column {
    fn cy(&self, i: usize) -> f64 {
        self.top + i as f64 * BOX_PITCH + BOX_H / 2.0
    }
}

/// Draws one machine at `at` in a panel `pw` wide; returns the y below it.
pub(super) fn machine(
    d: &mut Drawing,
    v: &MachineView,
    at: Point,
    pw: f64,
    opts: &DrawOptions,
) -> f64 {
    let g = &v.graph;
    let story = |i: usize| g.states.get(i).is_some_and(|s| !s.beyond_story);
    let edges: Vec<_> = g
        .edges
        .iter()
        .filter(|e| story(e.from) && story(e.to))
        .collect();
    let right = edges.iter().filter(|e| e.to > e.from + 1).count() as f64;
    let left = edges.iter().filter(|e| e.to < e.from).count() as f64;
    let lanes_px = (right + left) * LANE_GAP_PX;
    let room = pw - 24.0 - lanes_px - HOT_LABEL_PX;
    let box_w = room.clamp(112.0, 176.0);
    let spare = (room - box_w).max(0.0) / 2.0;
    let col = Column {
        bx: at.x + 12.0 + left * LANE_GAP_PX + spare,
        box_w,
        top: at.y + 24.0,
        right_lanes: right,
        left_lanes: left,
        font: if box_w < 150.0 { 10.0 } else { 11.0 },
    };
    let title_at = Point::new(at.x + 8.0, at.y + 16.0);
    d.bold(title_at, v.title.as_str(), 11.0, Paint::Ink, Anchor::Start);
    let mut sorted = edges;
    sorted.sort_by_key(|e| (e.from.abs_diff(e.to), e.from));
    let (mut kr, mut kl) = (0.0, 0.0);
    for e in sorted {
        let hot = v
            .last
            .is_some_and(|(f, t, _)| f == Some(g.states[e.from].key) && t == g.states[e.to].key);
        let side = if e.to == e.from + 1 {
            0.0
        } else if e.to > e.from {
            kr += 1.0;
            kr
        } else {
            kl += 1.0;
            -kl
        };
        let name = hot.then(|| v.last.map_or("", |l| l.2));
        edge(d, &col, (e.from, e.to), side, name);
    }
    for i in 0..g.states.len() {
        state_box(d, v, &col, i, opts);
    }
    col.top + g.states.len() as f64 * BOX_PITCH
}

/// State `i`'s box: filled when current, ringed when just created, with
/// the initial state's dot and, on the current state, the "try" target.
fn state_box(d: &mut Drawing, v: &MachineView, col: &Column, i: usize, opts: &DrawOptions) {
    let s = &v.graph.states[i];
    let (bx, box_w) = (col.bx, col.box_w);
    let current = v.current == Some(s.key);
    let created = current && v.last.is_some_and(|(f, t, _)| f.is_none() && t == s.key);
    let y = col.cy(i) - BOX_H / 2.0;
    let text_paint = match (current, s.beyond_story) {
        (true, _) => Paint::Background,
        (false, true) => Paint::Muted,
        (false, false) => Paint::Ink,
    };
    let fill = Some(if current {
        Paint::Accent
    } else {
        Paint::Surface
    });
    let stroke = match (created, s.beyond_story, s.is_final) {
        (true, ..) => (Paint::Highlight, 2.5),
        (false, true, _) => (Paint::Faint, 1.0),
        (false, false, fin) => (Paint::Muted, if fin { 2.0 } else { 1.0 }),
    };
    d.rect(Point::new(bx, y), (box_w, BOX_H), 5.0, fill, Some(stroke));
    let label = if s.beyond_story {
        format!("{}*", s.key)
    } else {
        s.key.to_string()
    };
    let text = fit(&label, col.font, box_w - 6.0);
    let at = Point::new(bx + box_w / 2.0, y + 15.0);
    d.text_mid(at, text, col.font, text_paint);
    if s.initial {
        let dot_x = bx - 8.0 - col.left_lanes * LANE_GAP_PX;
        d.dot(Point::new(dot_x, y + BOX_H / 2.0), 2.5, Paint::Muted);
    }
    if created {
        let x = bx + box_w + col.right_lanes * LANE_GAP_PX + 6.0;
        let at = Point::new(x, y + 15.0);
        d.bold(at, "created", 10.0, Paint::Highlight, Anchor::Start);
    }
    if let Some((id, what)) = try_target(v.graph.machine).filter(|_| current) {
        let target = HitTarget {
            id: id.to_string(),
            label: what.to_string(),
            center: Point::new(bx + box_w / 2.0, y + BOX_H / 2.0),
            radius: BOX_H / 2.0 + 2.0,
        };
        add_target(d, target, opts);
    }
}

/// One transition arrow: straight down between neighbours (`side` 0),
/// routed on the right (`side` > 0) or the left (`side` < 0). A hot edge is
/// highlighted and named right of the column.
fn edge(d: &mut Drawing, col: &Column, (from, to): (usize, usize), side: f64, hot: Option<&str>) {
    let (paint, width) = if hot.is_some() {
        (Paint::Highlight, 2.5)
    } else {
        (Paint::Muted, 1.0)
    };
    let (y0, y1) = (col.cy(from), col.cy(to));
    let (l, r) = (col.bx, col.bx + col.box_w);
    let pts = if side == 0.0 {
        let x = col.bx + col.box_w / 2.0;
        vec![
            Point::new(x, y0 + BOX_H / 2.0),
            Point::new(x, y1 - BOX_H / 2.0),
        ]
    } else if side > 0.0 {
        let x = r + side * LANE_GAP_PX;
        vec![
            Point::new(r, y0 + 3.0),
            Point::new(x, y0 + 3.0),
            Point::new(x, y1 - 3.0),
            Point::new(r, y1 - 3.0),
        ]
    } else {
        let x = l + side * LANE_GAP_PX;
        vec![
            Point::new(l, y0 - 3.0),
            Point::new(x, y0 - 3.0),
            Point::new(x, y1 + 3.0),
            Point::new(l, y1 + 3.0),
        ]
    };
    let n = pts.len();
    if n > 2 {
        d.polyline(pts[..n - 1].to_vec(), (paint, width));
    }
    d.line_with(pts[n - 2], pts[n - 1], (paint, width), false, true);
    if let Some(name) = hot {
        let x = r + col.right_lanes * LANE_GAP_PX + 6.0;
        let y = if side == 0.0 {
            (y0 + y1) / 2.0 + 4.0
        } else {
            y1 + 4.0
        };
        let text = fit(name, 10.0, HOT_LABEL_PX - 6.0);
        d.bold(
            Point::new(x, y),
            text,
            10.0,
            Paint::Highlight,
            Anchor::Start,
        );
    }
}

/// What a click on the current state of `machine` tries: its target id and
/// label (a second confirmation or Charge on the same object).
fn try_target(machine: Machine) -> Option<(&'static str, &'static str)> {
    match machine {
        Machine::PaymentIntent => Some(("try:confirm", "Try confirming the PaymentIntent again")),
        Machine::Source => Some(("try:charge-source", "Try a second Charge from this Source")),
        Machine::Token => Some(("try:charge-token", "Try a second Charge from this Token")),
        Machine::BitcoinReceiver => Some((
            "try:charge-receiver",
            "Try a second Charge from this receiver",
        )),
        Machine::Charge => None,
    }
}
