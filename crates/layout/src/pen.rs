//! Short-hands that push shapes onto a [`Drawing`], shared by every scene's
//! layout.
//!
//! Each layout once carried its own little constructors (a disc here, a
//! rounded box or a bold label there), the same struct literals written
//! three times over. They live here once, so a layout reads as what it draws
//! and a shape is built the same way in every scene. Nothing here decides
//! sizes or colours: callers pass them.

use crate::drawing::{Anchor, Drawing, Paint, Point, Shape};

impl Drawing {
    /// Appends text starting at `at` (its baseline).
    pub fn text(&mut self, at: Point, text: impl Into<String>, size: f64, paint: Paint) {
        self.label(at, text, size, paint, Anchor::Start);
    }

    /// Appends text centred on `at`.
    pub fn text_mid(&mut self, at: Point, text: impl Into<String>, size: f64, paint: Paint) {
        self.label(at, text, size, paint, Anchor::Middle);
    }

    /// Appends plain text aligned on `at` by `anchor`.
    pub fn label(
        &mut self,
        at: Point,
        text: impl Into<String>,
        size: f64,
        paint: Paint,
        anchor: Anchor,
    ) {
        self.push_text(at, text.into(), (size, paint), anchor, false);
    }

    /// Appends bold text aligned on `at` by `anchor`.
    pub fn bold(
        &mut self,
        at: Point,
        text: impl Into<String>,
        size: f64,
        paint: Paint,
        anchor: Anchor,
    ) {
        self.push_text(at, text.into(), (size, paint), anchor, true);
    }

    fn push_text(
        &mut self,
        at: Point,
        text: String,
        (size, paint): (f64, Paint),
        anchor: Anchor,
        bold: bool,
    ) {
        self.push(Shape::Text {
            at,
            text,
            size,
            paint,
            anchor,
            bold,
        });
    }

    /// Appends a plain line.
    pub fn line(&mut self, from: Point, to: Point, paint: Paint, width: f64) {
        self.line_with(from, to, (paint, width), false, false);
    }

    /// Appends a dashed line.
    pub fn dashed(&mut self, from: Point, to: Point, paint: Paint, width: f64) {
        self.line_with(from, to, (paint, width), true, false);
    }

    /// Appends a line of the given colour and width, dashed or not, with or
    /// without an arrow head at `to`.
    pub fn line_with(
        &mut self,
        from: Point,
        to: Point,
        (paint, width): (Paint, f64),
        dashed: bool,
        arrow: bool,
    ) {
        self.push(Shape::Line {
            from,
            to,
            paint,
            width,
            dashed,
            arrow,
        });
    }

    /// Appends a circle with an optional fill and outline.
    pub fn circle(
        &mut self,
        center: Point,
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        self.push(Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        });
    }

    /// Appends a filled disc without an outline (dots, markers).
    pub fn dot(&mut self, center: Point, radius: f64, fill: Paint) {
        self.circle(center, radius, Some(fill), None);
    }

    /// Appends a `(w, h)` rectangle from its top-left corner `at`, corners
    /// rounded by `radius`.
    pub fn rect(
        &mut self,
        at: Point,
        (w, h): (f64, f64),
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        self.push(Shape::Rect {
            at,
            w,
            h,
            radius,
            fill,
            stroke,
        });
    }

    /// Appends an arc of the circle `(center, radius)` between two angles in
    /// radians, clockwise from 12 o'clock.
    pub fn arc(
        &mut self,
        (center, radius): (Point, f64),
        (start, end): (f64, f64),
        paint: Paint,
        width: f64,
    ) {
        self.push(Shape::Arc {
            center,
            radius,
            start,
            end,
            paint,
            width,
        });
    }

    /// Appends an open polyline through `points`.
    pub fn polyline(&mut self, points: Vec<Point>, stroke: (Paint, f64)) {
        self.push(Shape::Path {
            points,
            fill: None,
            stroke: Some(stroke),
        });
    }
}
