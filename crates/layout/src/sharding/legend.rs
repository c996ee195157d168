//! The worker-sharding scene's legend: what the dots, bars and outlines
//! mean.
//!
//! Entries flow in rows of about 140 px, so a narrow frame gets more rows;
//! the grid above leaves room for them by asking [`height`] first.

use super::rounded;
use crate::drawing::{Drawing, Paint, Point};

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    Dot(Paint),
    RingedDot,
    Outline(Paint),
    Bar,
}

const LEGEND: [(Swatch, &str); 6] = [
    (Swatch::Dot(Paint::Good), "warm request"),
    (Swatch::Dot(Paint::Bad), "cold start"),
    (Swatch::RingedDot, "forwarded home"),
    (Swatch::Bar, "live instances"),
    (Swatch::Outline(Paint::Warn), "overloaded"),
    (Swatch::Outline(Paint::Faint), "failed"),
];

/// Legend entries per row at `width`: about 140 px each.
fn per_row(width: f64) -> usize {
    (((width - 8.0) / 140.0) as usize).clamp(2, LEGEND.len())
}

/// The legend's height at `width` and `font`.
pub(super) fn height(width: f64, font: f64) -> f64 {
    let rows = LEGEND.len().div_ceil(per_row(width));
    rows as f64 * (font + 8.0) + 4.0
}

/// The legend, its first row at `top`.
pub(super) fn draw_legend(d: &mut Drawing, width: f64, top: f64, font: f64) {
    let per_row = per_row(width);
    let col_w = (width - 8.0) / per_row as f64;
    for (i, (swatch, label)) in LEGEND.iter().enumerate() {
        let x = 6.0 + col_w * (i % per_row) as f64;
        let y = top + 4.0 + (font + 8.0) * (i / per_row) as f64 + font / 2.0;
        let (center, radius) = (Point::new(x + 5.0, y), 4.0);
        match *swatch {
            Swatch::Dot(paint) => d.dot(center, radius, paint),
            Swatch::RingedDot => {
                let stroke = Some((Paint::Accent, 1.5));
                d.circle(center, radius, Some(Paint::Good), stroke);
            }
            Swatch::Outline(paint) => rounded(
                d,
                Point::new(x, y - 5.0),
                (10.0, 10.0),
                Some(Paint::Surface),
                Some((paint, 2.0)),
            ),
            Swatch::Bar => {
                let at = Point::new(x, y - 2.0);
                rounded(d, at, (10.0, 4.0), Some(Paint::Good), None);
            }
        }
        let at = Point::new(x + 15.0, y + font / 2.5);
        d.text(at, *label, font, Paint::Ink);
    }
}
