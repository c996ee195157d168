//! Plain drawing primitives.
//!
//! Colours are semantic roles, not CSS values: the view maps each role to a
//! colour of the current theme (light, dark), so layouts stay theme-free.

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
    /// Appends text.
    pub fn text(&mut self, at: Point, text: impl Into<String>, size: f64, paint: Paint) {
        self.push(Shape::Text {
            at,
            text: text.into(),
            size,
            paint,
            anchor: Anchor::Start,
            bold: false,
        });
    }
    /// Appends centred text.
    pub fn text_mid(&mut self, at: Point, text: impl Into<String>, size: f64, paint: Paint) {
        self.push(Shape::Text {
            at,
            text: text.into(),
            size,
            paint,
            anchor: Anchor::Middle,
            bold: false,
        });
    }
    /// Appends a plain line.
    pub fn line(&mut self, from: Point, to: Point, paint: Paint, width: f64) {
        self.push(Shape::Line {
            from,
            to,
            paint,
            width,
            dashed: false,
            arrow: false,
        });
    }
    /// The topmost target under `p`, if any.
    pub fn hit(&self, p: Point) -> Option<&HitTarget> {
        self.targets.iter().rev().find(|t| {
            let (dx, dy) = (t.center.x - p.x, t.center.y - p.y);
            dx * dx + dy * dy <= t.radius * t.radius
        })
    }
}
