//! The payments scene's sequence diagram: four lanes and the rows between
//! them.
//!
//! Rows are the messages sent and the reader's actions taken so far, in
//! time order, with a "later" row wherever nothing happened for longer than
//! [`BREAK_AFTER_MICROS`]. When the rows outgrow the frame, the earliest are
//! dropped behind a count, so the newest row is always in view. The lanes'
//! heads are the fault targets (cut the browser, take the merchant down,
//! make the bank decline) and turn red while their fault lasts.

use mp_models::scenes::payments::{Checkout, Lane, Message};
use mp_models::{Action, SimTime};

use super::{add_target, BREAK_AFTER_MICROS};
use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point};
use crate::text::fit;
use crate::DrawOptions;

/// Height of one row.
pub(super) const ROW_PX: f64 = 22.0;

/// One row of the sequence diagram.
enum Row<'a> {
    Msg(&'a Message),
    Act(&'a Action),
    Later(u64, bool),
}

/// The sequence diagram of checkout `c` at time `now`, `w` by `h` px.
pub(super) struct Seq<'a> {
    pub(super) c: &'a Checkout,
    pub(super) now: SimTime,
    pub(super) w: f64,
    pub(super) h: f64,
    pub(super) opts: &'a DrawOptions,
}

impl Seq<'_> {
    /// Room left of the lanes for the rows' times (none when narrow).
    pub(super) fn gutter(&self) -> f64 {
        if self.w >= 480.0 {
            62.0
        } else {
            0.0
        }
    }
    fn lane_w(&self) -> f64 {
        (self.w - self.gutter() - 8.0) / 4.0
    }
    /// The x of `lane`'s life line.
    pub(super) fn x(&self, lane: Lane) -> f64 {
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

    /// Title and clock, lanes, as many rows as fit, then the footer.
    pub(super) fn draw(&self, d: &mut Drawing, actions: &[Action]) {
        let title = format!(
            "{} \u{b7} {}",
            self.c.config().era.label(),
            self.c.current_method().label()
        );
        let title = fit(&title, 12.0, self.w - 90.0);
        d.bold(
            Point::new(8.0, 16.0),
            title,
            12.0,
            Paint::Ink,
            Anchor::Start,
        );
        let clock = format!("t = {}", self.now);
        let at = Point::new(self.w - 6.0, 16.0);
        d.bold(at, clock, 11.0, Paint::Accent, Anchor::End);
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

    /// Each lane's head (a fault target), and its life line down the rows.
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
            d.rect(
                at,
                (lane_w - 6.0, h),
                4.0,
                Some(Paint::Surface),
                Some(stroke),
            );
            let name = fit(label, 11.0, lane_w - 10.0);
            d.text_mid(Point::new(x, top + 17.0), name, 11.0, Paint::Ink);
            let life = if trouble { Paint::Bad } else { Paint::Faint };
            let (from, to) = (Point::new(x, top + h), Point::new(x, self.h - 44.0));
            d.line_with(from, to, (life, 1.0), trouble, false);
            if let Some((id, what)) = fault_target(lane) {
                let target = HitTarget {
                    id: id.to_string(),
                    label: format!("{what} ({})", self.c.lane_label(lane)),
                    center: Point::new(x, top + h / 2.0),
                    radius: (lane_w / 2.0 - 4.0).clamp(10.0, 28.0),
                };
                add_target(d, target, self.opts);
            }
        }
    }
}

/// The fault a click on `lane`'s head injects: its target id and label.
fn fault_target(lane: Lane) -> Option<(&'static str, &'static str)> {
    match lane {
        Lane::Browser => Some(("fault:disconnect", "Cut the browser's connection")),
        Lane::Merchant => Some(("fault:merchant-down", "Take the merchant's server down")),
        Lane::Outside => Some(("fault:decline", "Make the bank or network decline")),
        Lane::Provider => None,
    }
}
