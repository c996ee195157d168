//! The frame check every layout test shares: no NaN anywhere, and every
//! shape (with the radius drawn around its centre) inside the frame.
//!
//! Each scene's tests used to carry their own copy with a slightly
//! different idea of a shape's extent; one copy keeps them agreeing. The
//! slack is the caller's: half a pixel for anti-aliased edges, more where a
//! layout lets strokes touch the border.

use mp_layout::{Drawing, Point, Shape};

/// The points a shape covers, each with the radius drawn around it. Also
/// asserts that arcs run forwards and rectangles have no negative side.
pub fn shape_points(shape: &Shape) -> Vec<(Point, f64)> {
    match shape {
        Shape::Circle { center, radius, .. } => vec![(*center, *radius)],
        Shape::Arc {
            center,
            radius,
            start,
            end,
            ..
        } => {
            assert!(
                start.is_finite() && end.is_finite() && end > start,
                "{shape:?}"
            );
            vec![(*center, *radius)]
        }
        Shape::Line { from, to, .. } => vec![(*from, 0.0), (*to, 0.0)],
        Shape::Rect { at, w, h, .. } => {
            assert!(*w >= 0.0 && *h >= 0.0, "{shape:?}");
            vec![(*at, 0.0), (Point::new(at.x + w, at.y + h), 0.0)]
        }
        Shape::Text { at, .. } => vec![(*at, 0.0)],
        Shape::Path { points, .. } => points.iter().map(|p| (*p, 0.0)).collect(),
    }
}

/// Asserts every shape of `d` is finite and within `slack` px of its frame.
pub fn assert_shapes_in_frame(d: &Drawing, slack: f64, what: &str) {
    assert!(
        d.width.is_finite() && d.height.is_finite() && d.height > 0.0,
        "{what}: frame {}x{}",
        d.width,
        d.height
    );
    for shape in &d.shapes {
        for (p, r) in shape_points(shape) {
            assert!(
                p.x.is_finite() && p.y.is_finite() && r.is_finite(),
                "{what}: {shape:?}"
            );
            let inside = p.x - r >= -slack
                && p.y - r >= -slack
                && p.x + r <= d.width + slack
                && p.y + r <= d.height + slack;
            assert!(
                inside,
                "{what}: outside the {}x{} frame: {shape:?}",
                d.width, d.height
            );
        }
    }
}
