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
//! TODO: split this file into a sequence part and a machine part (it is kept
//! whole because one file was assigned to this scene); at its length it is
//! harder to scan than the other layouts.

use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point, Shape};
use crate::DrawOptions;
use mp_models::scenes::payments::{
    Checkout, Fate, Lane, Machine, MachineView, Message, MsgKind, Outcome, PaymentsModel, Support,
};
use mp_models::scenes::SceneRun;
use mp_models::{Action, Run, SimTime};

/// A quiet stretch longer than this gets its own "later" row.
pub const BREAK_AFTER_MICROS: u64 = 30_000_000;
/// Below this width the machines go under the sequence diagram.
const NARROW_PX: f64 = 640.0;
const ROW_PX: f64 = 22.0;
const BOX_H: f64 = 22.0;
const BOX_PITCH: f64 = 34.0;
const LANE_GAP_PX: f64 = 6.0;
/// Room kept right of a machine for the name of the move just taken.
const HOT_LABEL_PX: f64 = 78.0;

/// The drawing of a payments run, `None` if `run` is another scene's.
pub fn draw(run: &dyn SceneRun, width: f64, height: f64, opts: &DrawOptions) -> Option<Drawing> {
    let run = run.as_any().downcast_ref::<Run<PaymentsModel>>()?;
    let c = run.model().checkout();
    let w = if width.is_finite() {
        width.max(280.0)
    } else {
        640.0
    };
    let hint = if height.is_finite() {
        height.max(320.0)
    } else {
        600.0
    };
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
    d.push(bold(
        heading,
        "State machines of this era",
        12.0,
        Paint::Ink,
        Anchor::Start,
    ));
    let mut y = py + 28.0;
    for view in &machines {
        y = machine(&mut d, view, Point::new(px, y), pw, opts);
    }
    let note = "* real states, beyond this story";
    d.text(Point::new(px + 8.0, y + 4.0), note, 10.0, Paint::Muted);
    d.description = describe(c, now);
    Some(d)
}

fn seg(from: Point, to: Point, paint: Paint, width: f64, dashed: bool, arrow: bool) -> Shape {
    Shape::Line {
        from,
        to,
        paint,
        width,
        dashed,
        arrow,
    }
}

fn rect(
    at: Point,
    w: f64,
    h: f64,
    radius: f64,
    fill: Option<Paint>,
    stroke: Option<(Paint, f64)>,
) -> Shape {
    Shape::Rect {
        at,
        w,
        h,
        radius,
        fill,
        stroke,
    }
}

fn disc(center: Point, radius: f64, fill: Option<Paint>, stroke: Option<(Paint, f64)>) -> Shape {
    Shape::Circle {
        center,
        radius,
        fill,
        stroke,
    }
}

fn bold(at: Point, text: &str, size: f64, paint: Paint, anchor: Anchor) -> Shape {
    Shape::Text {
        at,
        text: text.to_string(),
        size,
        paint,
        anchor,
        bold: true,
    }
}

fn plain(at: Point, text: String, size: f64, paint: Paint, anchor: Anchor) -> Shape {
    Shape::Text {
        at,
        text,
        size,
        paint,
        anchor,
        bold: false,
    }
}

/// Rough width of `chars` characters at `size` px (no font metrics here).
fn text_px(chars: usize, size: f64) -> f64 {
    chars as f64 * size * 0.56
}

/// Text cut to about `max_px` wide.
fn fit(text: &str, size: f64, max_px: f64) -> String {
    let max_chars = (max_px / text_px(1, size)).floor().max(3.0) as usize;
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{cut}\u{2026}")
}

/// Text broken into lines of about `max_px`.
fn wrap(text: &str, size: f64, max_px: f64) -> Vec<String> {
    let max_chars = (max_px / text_px(1, size)).floor().max(8.0) as usize;
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let fits = lines
            .last()
            .is_some_and(|l| l.is_empty() || l.len() + 1 + word.len() <= max_chars);
        if !fits {
            lines.push(String::new());
        }
        if let Some(line) = lines.last_mut() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

/// One row of the sequence diagram.
enum Row<'a> {
    Msg(&'a Message),
    Act(&'a Action),
    Later(u64, bool),
}

/// The reader's actions as `(lane, text)`.
fn action_mark(a: &Action) -> (Lane, String) {
    match (a.kind.as_str(), a.arg.as_str()) {
        ("disconnect", _) => (
            Lane::Browser,
            "\u{26a1} connection drops (after the bank)".into(),
        ),
        ("merchant-down", "webhook") => (Lane::Merchant, "\u{26a1} down at next webhook".into()),
        ("merchant-down", _) => (Lane::Merchant, "\u{26a1} server down".into()),
        ("switch", arg) => {
            let to = if arg.is_empty() { "card" } else { arg };
            (Lane::Browser, format!("\u{21ba} switch to {to}"))
        }
        ("decline", _) => (Lane::Outside, "\u{26a1} will decline".into()),
        ("abandon", _) => (Lane::Browser, "\u{26a1} customer leaves".into()),
        (kind, arg) => (Lane::Provider, format!("? {kind} {arg}")),
    }
}

struct Seq<'a> {
    c: &'a Checkout,
    now: SimTime,
    w: f64,
    h: f64,
    opts: &'a DrawOptions,
}

impl Seq<'_> {
    fn gutter(&self) -> f64 {
        if self.w >= 480.0 {
            62.0
        } else {
            0.0
        }
    }
    fn lane_w(&self) -> f64 {
        (self.w - self.gutter() - 8.0) / 4.0
    }
    fn x(&self, lane: Lane) -> f64 {
        self.gutter() + 4.0 + self.lane_w() * (lane as usize as f64 + 0.5)
    }

    fn rows<'b>(&'b self, actions: &'b [Action]) -> Vec<Row<'b>> {
        let mut items: Vec<(SimTime, Row<'b>)> = Vec::new();
        items.extend(
            actions
                .iter()
                .filter(|a| a.at <= self.now)
                .map(|a| (a.at, Row::Act(a))),
        );
        let msgs = self.c.messages().iter().filter(|m| m.sent <= self.now);
        items.extend(msgs.map(|m| (m.sent, Row::Msg(m))));
        // Stable: actions stay before messages sent at the same time.
        items.sort_by_key(|(t, _)| *t);
        let mut out = Vec::new();
        let mut prev = SimTime::ZERO;
        for (t, row) in items {
            if t.since(prev) > BREAK_AFTER_MICROS {
                out.push(Row::Later(t.since(prev), false));
            }
            prev = prev.max(t);
            out.push(row);
        }
        if self.now.since(prev) > BREAK_AFTER_MICROS {
            out.push(Row::Later(self.now.since(prev), true));
        }
        out
    }

    fn draw(&self, d: &mut Drawing, actions: &[Action]) {
        let title = format!(
            "{} \u{b7} {}",
            self.c.config().era.label(),
            self.c.current_method().label()
        );
        let title = fit(&title, 12.0, self.w - 90.0);
        d.push(bold(
            Point::new(8.0, 16.0),
            &title,
            12.0,
            Paint::Ink,
            Anchor::Start,
        ));
        let clock = format!("t = {}", self.now);
        d.push(bold(
            Point::new(self.w - 6.0, 16.0),
            &clock,
            11.0,
            Paint::Accent,
            Anchor::End,
        ));
        self.lanes(d);
        let rows_top = 66.0;
        let bottom = self.h - 44.0;
        let all = self.rows(actions);
        let fit_rows = ((bottom - rows_top) / ROW_PX).floor().max(2.0) as usize;
        let skip = if all.len() > fit_rows {
            all.len() + 1 - fit_rows
        } else {
            0
        };
        let mut y = rows_top;
        if skip > 0 {
            let text = format!("\u{2026} {skip} earlier rows");
            d.text_mid(Point::new(self.w / 2.0, y + 12.0), text, 10.0, Paint::Muted);
            y += ROW_PX;
        }
        for row in all.iter().skip(skip) {
            match row {
                Row::Later(gap, is_now) => self.later_row(d, y, *gap, *is_now),
                Row::Act(a) => self.action_row(d, y, a),
                Row::Msg(m) => self.message_row(d, y, m),
            }
            y += ROW_PX;
        }
        let banner_top = if all.is_empty() { rows_top } else { bottom };
        self.footer(d, banner_top);
    }

    fn lanes(&self, d: &mut Drawing) {
        let (top, h, lane_w) = (26.0, 26.0, self.lane_w());
        for lane in Lane::ALL {
            let x = self.x(lane);
            let label = match lane {
                Lane::Outside if lane_w < 118.0 => self.c.current_method().outside_party_short(),
                Lane::Merchant if lane_w < 118.0 => "Merchant",
                Lane::Provider if lane_w < 118.0 => "Provider",
                _ => self.c.lane_label(lane),
            };
            let trouble = match lane {
                Lane::Browser => !self.c.browser_is_online(),
                Lane::Merchant => self.c.merchant_is_down(),
                _ => false,
            };
            let stroke = if trouble {
                (Paint::Bad, 2.0)
            } else {
                (Paint::Muted, 1.0)
            };
            let at = Point::new(x - lane_w / 2.0 + 3.0, top);
            let fill = Some(Paint::Surface);
            d.push(rect(at, lane_w - 6.0, h, 4.0, fill, Some(stroke)));
            d.text_mid(
                Point::new(x, top + 17.0),
                fit(label, 11.0, lane_w - 10.0),
                11.0,
                Paint::Ink,
            );
            d.push(seg(
                Point::new(x, top + h),
                Point::new(x, self.h - 44.0),
                if trouble { Paint::Bad } else { Paint::Faint },
                1.0,
                trouble,
                false,
            ));
            if let Some((id, what)) = fault_target(lane) {
                let target = HitTarget {
                    id: id.to_string(),
                    label: format!("{what} ({})", self.c.lane_label(lane)),
                    center: Point::new(x, top + h / 2.0),
                    radius: (lane_w / 2.0 - 4.0).clamp(10.0, 28.0),
                };
                selected_ring(d, &target, self.opts);
                d.targets.push(target);
            }
        }
    }

    fn later_row(&self, d: &mut Drawing, y: f64, gap: u64, is_now: bool) {
        let mid = y + ROW_PX / 2.0;
        let text = if is_now {
            format!("\u{22ef} {} later: now", SimTime(gap))
        } else {
            format!("\u{22ef} {} later", SimTime(gap))
        };
        let half = text_px(text.chars().count(), 11.0) / 2.0 + 8.0;
        let cx = (self.gutter() + self.w) / 2.0;
        for (from, to) in [(self.gutter() + 4.0, cx - half), (cx + half, self.w - 4.0)] {
            if to > from {
                let (from, to) = (Point::new(from, mid), Point::new(to, mid));
                d.push(seg(from, to, Paint::Faint, 1.0, true, false));
            }
        }
        d.push(bold(
            Point::new(cx, mid + 4.0),
            &text,
            11.0,
            Paint::Muted,
            Anchor::Middle,
        ));
    }

    fn action_row(&self, d: &mut Drawing, y: f64, a: &Action) {
        let (lane, text) = action_mark(a);
        let x = self.x(lane);
        let center = Point::new(x, y + 15.0);
        d.push(disc(center, 5.0, Some(Paint::Warn), None));
        let right = lane != Lane::Outside;
        let (tx, anchor) = if right {
            (x + 9.0, Anchor::Start)
        } else {
            (x - 9.0, Anchor::End)
        };
        let room = if right { self.w - tx - 4.0 } else { tx - 4.0 };
        d.push(bold(
            Point::new(tx, y + 19.0),
            &fit(&text, 10.0, room),
            10.0,
            Paint::Warn,
            anchor,
        ));
        self.time(d, y, a.at);
    }

    fn time(&self, d: &mut Drawing, y: f64, t: SimTime) {
        if self.gutter() > 0.0 {
            let at = Point::new(self.gutter() - 2.0, y + 15.0);
            d.push(plain(at, t.to_string(), 9.0, Paint::Muted, Anchor::End));
        }
    }

    fn message_row(&self, d: &mut Drawing, y: f64, m: &Message) {
        let lost = matches!(m.fate, Fate::Lost(_));
        let paint = match m.kind {
            _ if lost => Paint::Bad,
            MsgKind::Webhook => Paint::Series(1),
            MsgKind::Redirect => Paint::Series(2),
            MsgKind::Request => Paint::Ink,
            MsgKind::Response => Paint::Muted,
        };
        self.time(d, y, m.sent);
        let (x0, x1) = (self.x(m.from), self.x(m.to));
        let (from, to) = (Point::new(x0, y + 15.0), Point::new(x1, y + 19.0));
        let flight = m.arrives.since(m.sent).max(1) as f64;
        let progress = (self.now.since(m.sent) as f64 / flight).clamp(0.0, 1.0);
        let in_flight = m.arrives > self.now;
        let moving = in_flight && !self.opts.reduced_motion;
        let end = if lost && !in_flight {
            from.lerp(to, 0.62)
        } else if moving {
            from.lerp(to, progress)
        } else {
            to
        };
        let dashed = m.kind == MsgKind::Webhook;
        let arrow = !(lost || in_flight);
        d.push(seg(from, end, paint, 1.5, dashed, arrow));
        if lost && !in_flight {
            for s in [-1.0, 1.0] {
                let (a, b) = (
                    Point::new(end.x - 4.0, end.y - 4.0 * s),
                    Point::new(end.x + 4.0, end.y + 4.0 * s),
                );
                d.line(a, b, Paint::Bad, 2.0);
            }
        } else if in_flight {
            let (center, fill) = if moving {
                (end, Some(paint))
            } else {
                (from.lerp(to, 0.5), None)
            };
            d.push(disc(center, 4.0, fill, Some((paint, 1.5))));
        }
        let label = match m.delivery {
            1 => m.label.to_string(),
            n => format!("#{n} {}", m.label),
        };
        let mid = Point::new((x0 + x1) / 2.0, y + 11.0);
        let text = fit(&label, 10.0, (x1 - x0).abs() + 30.0);
        d.text_mid(mid, text, 10.0, if lost { Paint::Bad } else { Paint::Ink });
    }

    fn footer(&self, d: &mut Drawing, banner_top: f64) {
        if let Support::No(why) | Support::Limited(why) = self.c.support() {
            let head = match self.c.support() {
                Support::No(_) => "Not offered in this era: ",
                _ => "Limited in this era: ",
            };
            let lines = wrap(&format!("{head}{why}."), 10.5, self.w - 28.0);
            let h = lines.len() as f64 * 14.0 + 10.0;
            let top = if banner_top >= self.h - 44.0 {
                self.h - 44.0 - h
            } else {
                banner_top
            };
            let (at, w) = (Point::new(8.0, top), self.w - 16.0);
            let stroke = Some((Paint::Warn, 1.5));
            d.push(rect(at, w, h, 4.0, Some(Paint::Surface), stroke));
            for (i, line) in lines.iter().enumerate() {
                let at = Point::new(14.0, top + 17.0 + i as f64 * 14.0);
                d.text(at, line.clone(), 10.5, Paint::Ink);
            }
        }
        self.legend(d, self.h - 30.0);
        let outcome = self.c.outcome();
        let paint = match outcome {
            Outcome::Fulfilled => Paint::Good,
            Outcome::Open => Paint::Warn,
            _ => Paint::Bad,
        };
        let text = fit(
            &format!("Outcome so far: {}", outcome.label()),
            11.0,
            self.w - 16.0,
        );
        d.push(bold(
            Point::new(8.0, self.h - 8.0),
            &text,
            11.0,
            paint,
            Anchor::Start,
        ));
    }

    fn legend(&self, d: &mut Drawing, y: f64) {
        let items = [
            ("request", Paint::Ink, false),
            ("response", Paint::Muted, false),
            ("redirect", Paint::Series(2), false),
            ("webhook", Paint::Series(1), true),
            ("lost", Paint::Bad, false),
        ];
        let mut x = 8.0;
        for (name, paint, dashed) in items {
            let (from, to) = (Point::new(x, y - 4.0), Point::new(x + 12.0, y - 4.0));
            d.push(seg(from, to, paint, 1.5, dashed, false));
            let at = Point::new(x + 15.0, y);
            d.push(plain(
                at,
                name.to_string(),
                9.5,
                Paint::Muted,
                Anchor::Start,
            ));
            x += 15.0 + text_px(name.len(), 9.5) + 8.0;
        }
    }
}

fn fault_target(lane: Lane) -> Option<(&'static str, &'static str)> {
    match lane {
        Lane::Browser => Some(("fault:disconnect", "Cut the browser's connection")),
        Lane::Merchant => Some(("fault:merchant-down", "Take the merchant's server down")),
        Lane::Outside => Some(("fault:decline", "Make the bank or network decline")),
        Lane::Provider => None,
    }
}

fn selected_ring(d: &mut Drawing, t: &HitTarget, opts: &DrawOptions) {
    if opts.selected.as_deref() == Some(t.id.as_str()) {
        let stroke = Some((Paint::Highlight, 2.5));
        d.push(disc(t.center, t.radius, None, stroke));
    }
}

/// Height a machine's column needs.
fn machine_height(v: &MachineView) -> f64 {
    28.0 + v.graph.states.len() as f64 * BOX_PITCH
}

/// The columns of a machine: where the boxes go and how many routing lanes
/// each side needs.
struct Column {
    bx: f64,
    box_w: f64,
    top: f64,
    right_lanes: f64,
    font: f64,
}

impl Column {
    fn cy(&self, i: usize) -> f64 {
        self.top + i as f64 * BOX_PITCH + BOX_H / 2.0
    }
}

/// Draws one machine at `at` in a panel `pw` wide; returns the y below it.
fn machine(d: &mut Drawing, v: &MachineView, at: Point, pw: f64, opts: &DrawOptions) -> f64 {
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
    let bx = at.x + 12.0 + left * LANE_GAP_PX + spare;
    let font = if box_w < 150.0 { 10.0 } else { 11.0 };
    let col = Column {
        bx,
        box_w,
        top: at.y + 24.0,
        right_lanes: right,
        font,
    };
    d.push(bold(
        Point::new(at.x + 8.0, at.y + 16.0),
        &v.title,
        11.0,
        Paint::Ink,
        Anchor::Start,
    ));
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
        edge(
            d,
            &col,
            (e.from, e.to),
            side,
            hot.then(|| v.last.map_or("", |l| l.2)),
        );
    }
    for (i, s) in g.states.iter().enumerate() {
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
        let at = Point::new(bx, y);
        d.push(rect(at, box_w, BOX_H, 5.0, fill, Some(stroke)));
        let label = if s.beyond_story {
            format!("{}*", s.key)
        } else {
            s.key.to_string()
        };
        let text = fit(&label, col.font, box_w - 6.0);
        d.text_mid(
            Point::new(bx + box_w / 2.0, y + 15.0),
            text,
            col.font,
            text_paint,
        );
        let dot_x = bx - 8.0 - left * LANE_GAP_PX;
        if s.initial {
            let center = Point::new(dot_x, y + BOX_H / 2.0);
            d.push(disc(center, 2.5, Some(Paint::Muted), None));
        }
        if created {
            let at = Point::new(bx + box_w + right * LANE_GAP_PX + 6.0, y + 15.0);
            d.push(bold(at, "created", 10.0, Paint::Highlight, Anchor::Start));
        }
        if let Some((id, what)) = try_target(g.machine).filter(|_| current) {
            let center = Point::new(bx + box_w / 2.0, y + BOX_H / 2.0);
            let target = HitTarget {
                id: id.to_string(),
                label: what.to_string(),
                center,
                radius: BOX_H / 2.0 + 2.0,
            };
            selected_ring(d, &target, opts);
            d.targets.push(target);
        }
    }
    col.top + g.states.len() as f64 * BOX_PITCH
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
        d.push(Shape::Path {
            points: pts[..n - 1].to_vec(),
            fill: None,
            stroke: Some((paint, width)),
        });
    }
    d.push(seg(pts[n - 2], pts[n - 1], paint, width, false, true));
    if let Some(name) = hot {
        let x = r + col.right_lanes * LANE_GAP_PX + 6.0;
        let y = if side == 0.0 {
            (y0 + y1) / 2.0 + 4.0
        } else {
            y1 + 4.0
        };
        d.push(bold(
            Point::new(x, y),
            &fit(name, 10.0, HOT_LABEL_PX - 6.0),
            10.0,
            Paint::Highlight,
            Anchor::Start,
        ));
    }
}

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
