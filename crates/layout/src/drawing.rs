//! Plain drawing primitives.
//!
//! Colours are semantic roles, not CSS values: the view maps each role to a
//! colour of the current theme (light, dark), so layouts stay theme-free.
//! The short-hands that push shapes onto a [`Drawing`] are in `pen`.

use serde::Serialize;

/// A point in CSS pixels, origin top-left.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    /// Rightwards.
    pub x: f64,
    /// Downwards.
    pub y: f64,
}

impl Point {
    /// A point.
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
    /// The point `t` of the way from `self` to `other`.
    pub fn lerp(self, other: Point, t: f64) -> Point {
        Point::new(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
        )
    }
}

/// A colour role; the view picks the actual colour for the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Paint {
    /// Main text and outlines.
    Ink,
    /// Secondary text, guides, axes.
    Muted,
    /// Faint fills and grid.
    Faint,
    /// The page background.
    Background,
    /// Panel and card surfaces.
    Surface,
    /// The accent (selection, the thing being explained).
    Accent,
    /// Healthy / warm / success.
    Good,
    /// Failure / cold / loss.
    Bad,
    /// Warning / in progress.
    Warn,
    /// Something that just changed (moved keys, the transition just taken).
    Highlight,
    /// The n-th colour of a categorical palette (servers, lanes), cycling.
    Series(u16),
}

/// Horizontal text alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Anchor {
    /// Text starts at the point.
    Start,
    /// Text is centred on the point.
    Middle,
    /// Text ends at the point.
    End,
}

/// One thing to paint. Painted in list order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Shape {
    /// A circle.
    Circle {
        /// Centre.
        center: Point,
        /// Radius in px.
        radius: f64,
        /// Fill, if any.
        fill: Option<Paint>,
        /// Outline colour and width, if any.
        stroke: Option<(Paint, f64)>,
    },
    /// A straight segment, optionally dashed and with an arrow head at `to`.
    Line {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Colour.
        paint: Paint,
        /// Width in px.
        width: f64,
        /// Dashed.
        dashed: bool,
        /// Arrow head at `to`.
        arrow: bool,
    },
    /// A circular arc, angles in radians clockwise from 12 o'clock.
    Arc {
        /// Centre.
        center: Point,
        /// Radius.
        radius: f64,
        /// Start angle.
        start: f64,
        /// End angle (> start).
        end: f64,
        /// Colour.
        paint: Paint,
        /// Width.
        width: f64,
    },
    /// A rectangle with optional rounded corners.
    Rect {
        /// Top-left.
        at: Point,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Corner radius.
        radius: f64,
        /// Fill.
        fill: Option<Paint>,
        /// Outline.
        stroke: Option<(Paint, f64)>,
    },
    /// A line of text; `at` is the baseline point.
    Text {
        /// Anchor point (baseline).
        at: Point,
        /// The text.
        text: String,
        /// Font size in px.
        size: f64,
        /// Colour.
        paint: Paint,
        /// Alignment.
        anchor: Anchor,
        /// Bold.
        bold: bool,
    },
    /// A polyline or polygon.
    Path {
        /// Vertices.
        points: Vec<Point>,
        /// Close and fill with this.
        fill: Option<Paint>,
        /// Outline.
        stroke: Option<(Paint, f64)>,
    },
}

/// Something a reader can click (or pick by keyboard) to act on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HitTarget {
    /// Scene-defined id, e.g. `server:3`.
    pub id: String,
    /// Accessible label, e.g. "Server 3 (owns 12% of keys)".
    pub label: String,
    /// Centre of the clickable disc.
    pub center: Point,
    /// Its radius.
    pub radius: f64,
}

/// A finished layout: what to paint, what can be clicked, and a text
/// description for screen readers.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Drawing {
    /// Frame width in CSS px.
    pub width: f64,
    /// Frame height in CSS px.
    pub height: f64,
    /// Shapes in paint order.
    pub shapes: Vec<Shape>,
    /// Clickable things, topmost last.
    pub targets: Vec<HitTarget>,
    /// One or two sentences describing the picture (canvas alt text).
    pub description: String,
}

impl Drawing {
    /// An empty drawing of the given size.
    pub fn new(width: f64, height: f64) -> Self {
        Drawing {
            width,
            height,
            ..Default::default()
        }
    }
    /// Appends a shape.
    pub fn push(&mut self, shape: Shape) {
        self.shapes.push(shape);
    }
    /// The topmost target under `p`, if any.
    pub fn hit(&self, p: Point) -> Option<&HitTarget> {
        self.targets.iter().rev().find(|t| {
            let (dx, dy) = (t.center.x - p.x, t.center.y - p.y);
            dx * dx + dy * dy <= t.radius * t.radius
        })
    }
}

/// Half the angle of an arrow head's point, in radians.
const ARROW_HALF_ANGLE: f64 = 0.45;

/// The corners of the arrow head that ends a [`Shape::Line`] with `arrow`
/// set: the tip at `to`, then the two back corners, `6 + 2 * width` px back
/// along the line and 0.45 rad either side of it, so a heavier line gets a
/// bigger head. The SVG writer fills this triangle in the line's colour.
///
/// The canvas painter in the app and the SVG export both use it.
pub fn arrow_head(from: Point, to: Point, width: f64) -> [Point; 3] {
    let angle = libm::atan2(to.y - from.y, to.x - from.x);
    let len = 6.0 + width * 2.0;
    let corner = |side: f64| {
        let a = angle + std::f64::consts::PI + side;
        Point::new(to.x + len * libm::cos(a), to.y + len * libm::sin(a))
    };
    [to, corner(-ARROW_HALF_ANGLE), corner(ARROW_HALF_ANGLE)]
}

/// A frame side in px: `v` held to `min..=max`, or `fallback` when `v` is
/// NaN or infinite (a hidden or detached canvas reports such sizes).
pub(crate) fn frame_len(v: f64, min: f64, max: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v.clamp(min, max)
    } else {
        fallback
    }
}
