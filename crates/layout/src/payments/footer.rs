//! The foot of the payments sequence diagram: the era's support banner, the
//! legend of message kinds and the outcome so far.
//!
//! The banner appears only when the era cannot take the method, or takes it
//! with a caveat; it sits right under the rows, or just above the legend
//! once the rows reach the bottom. The legend's colours come from the same
//! mapping the arrows use, so the two cannot drift apart.

use mp_models::scenes::payments::{MsgKind, Outcome, Support};

use super::rows::kind_paint;
use super::sequence::Seq;
use crate::drawing::{Anchor, Drawing, Paint, Point};
use crate::text::{fit, text_px, wrap_px};

impl Seq<'_> {
    /// Banner (if any), legend and outcome; the banner starts at
    /// `banner_top` unless that would run into the legend.
    pub(super) fn footer(&self, d: &mut Drawing, banner_top: f64) {
        if let Support::No(why) | Support::Limited(why) = self.c.support() {
            let head = match self.c.support() {
                Support::No(_) => "Not offered in this era: ",
                _ => "Limited in this era: ",
            };
            let lines = wrap_px(&format!("{head}{why}."), 10.5, self.w - 28.0);
            let h = lines.len() as f64 * 14.0 + 10.0;
            let top = if banner_top >= self.h - 44.0 {
                self.h - 44.0 - h
            } else {
                banner_top
            };
            let (at, w) = (Point::new(8.0, top), self.w - 16.0);
            let stroke = Some((Paint::Warn, 1.5));
            d.rect(at, (w, h), 4.0, Some(Paint::Surface), stroke);
            for (i, line) in lines.iter().enumerate() {
                let at = Point::new(14.0, top + 17.0 + i as f64 * 14.0);
                d.text(at, line.clone(), 10.5, Paint::Ink);
            }
        }
        self.legend(d, self.h - 30.0);
        let outcome = self.c.outcome();
        let (label, settled) = self.c.outcome_label_now();
        let paint = match outcome {
            Outcome::Fulfilled => Paint::Good,
            _ if !settled => Paint::Warn,
            _ => Paint::Bad,
        };
        let text = fit(&format!("Outcome so far: {label}"), 11.0, self.w - 16.0);
        let at = Point::new(8.0, self.h - 8.0);
        d.bold(at, text, 11.0, paint, Anchor::Start);
    }

    /// A short sample line and the name of each kind of arrow.
    fn legend(&self, d: &mut Drawing, y: f64) {
        let items = [
            ("request", kind_paint(MsgKind::Request), false),
            ("response", kind_paint(MsgKind::Response), false),
            ("redirect", kind_paint(MsgKind::Redirect), false),
            ("webhook", kind_paint(MsgKind::Webhook), true),
            ("lost", Paint::Bad, false),
        ];
        let mut x = 8.0;
        for (name, paint, dashed) in items {
            let (from, to) = (Point::new(x, y - 4.0), Point::new(x + 12.0, y - 4.0));
            d.line_with(from, to, (paint, 1.5), dashed, false);
            let at = Point::new(x + 15.0, y);
            d.label(at, name, 9.5, Paint::Muted, Anchor::Start);
            x += 15.0 + text_px(name.len(), 9.5) + 8.0;
        }
    }
}
