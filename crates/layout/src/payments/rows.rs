//! One row each of the payments sequence diagram: a message, one of the
//! reader's actions, or a "later" break.
//!
//! A message is an arrow from its sender's lane to its receiver's, labelled
//! above; its colour says its kind (see [`kind_paint`], which the legend
//! shares). In flight, it grows with the model's clock towards its end; a
//! lost one stops short at a cross. An action is a warning dot on the lane
//! it hits, with what it does written beside it.

use mp_models::scenes::payments::{Fate, Lane, Message, MsgKind};
use mp_models::{Action, SimTime};

use super::sequence::{Seq, ROW_PX};
use crate::drawing::{Anchor, Drawing, Paint, Point};
use crate::text::{fit, text_px};

/// The colour of a message of `kind` that was not lost.
pub(super) fn kind_paint(kind: MsgKind) -> Paint {
    match kind {
        MsgKind::Webhook => Paint::Series(1),
        MsgKind::Redirect => Paint::Series(2),
        MsgKind::Request => Paint::Ink,
        MsgKind::Response => Paint::Muted,
    }
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

impl Seq<'_> {
    /// A quiet stretch of `gap` micros: dashes either side of its length.
    pub(super) fn later_row(&self, d: &mut Drawing, y: f64, gap: u64, is_now: bool) {
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
                d.dashed(from, to, Paint::Faint, 1.0);
            }
        }
        let at = Point::new(cx, mid + 4.0);
        d.bold(at, text, 11.0, Paint::Muted, Anchor::Middle);
    }

    /// One of the reader's actions, on the lane it hits.
    pub(super) fn action_row(&self, d: &mut Drawing, y: f64, a: &Action) {
        let (lane, text) = action_mark(a);
        let x = self.x(lane);
        d.dot(Point::new(x, y + 15.0), 5.0, Paint::Warn);
        let right = lane != Lane::Outside;
        let (tx, anchor) = if right {
            (x + 9.0, Anchor::Start)
        } else {
            (x - 9.0, Anchor::End)
        };
        let room = if right { self.w - tx - 4.0 } else { tx - 4.0 };
        let at = Point::new(tx, y + 19.0);
        d.bold(at, fit(&text, 10.0, room), 10.0, Paint::Warn, anchor);
        self.time(d, y, a.at);
    }

    /// The row's time in the gutter, when there is one.
    fn time(&self, d: &mut Drawing, y: f64, t: SimTime) {
        if self.gutter() > 0.0 {
            let at = Point::new(self.gutter() - 2.0, y + 15.0);
            d.label(at, t.to_string(), 9.0, Paint::Muted, Anchor::End);
        }
    }

    /// A message's arrow (grown as far as it has flown) and its label.
    pub(super) fn message_row(&self, d: &mut Drawing, y: f64, m: &Message) {
        let lost = matches!(m.fate, Fate::Lost(_));
        let paint = if lost { Paint::Bad } else { kind_paint(m.kind) };
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
        d.line_with(from, end, (paint, 1.5), dashed, arrow);
        if lost && !in_flight {
            cross(d, end);
        } else if in_flight {
            let (center, fill) = if moving {
                (end, Some(paint))
            } else {
                (from.lerp(to, 0.5), None)
            };
            d.circle(center, 4.0, fill, Some((paint, 1.5)));
        }
        let label = match m.delivery {
            1 => m.label.to_string(),
            n => format!("#{n} {}", m.label),
        };
        let mid = Point::new((x0 + x1) / 2.0, y + 11.0);
        let text = fit(&label, 10.0, (x1 - x0).abs() + 30.0);
        d.text_mid(mid, text, 10.0, if lost { Paint::Bad } else { Paint::Ink });
    }
}

/// The cross where a lost message stopped.
fn cross(d: &mut Drawing, at: Point) {
    for s in [-1.0, 1.0] {
        let (a, b) = (
            Point::new(at.x - 4.0, at.y - 4.0 * s),
            Point::new(at.x + 4.0, at.y + 4.0 * s),
        );
        d.line(a, b, Paint::Bad, 2.0);
    }
}
