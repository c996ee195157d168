//! Moving Parts: layout.
//!
//! Turns model snapshots into plain geometry: shapes with semantic colours,
//! text and hit targets, in CSS pixels of a given frame size. Nothing here
//! touches a canvas or the DOM, so every layout is tested natively and can be
//! written out as SVG. The app's view layer only paints what this produces.

pub mod drawing;
pub mod svg;

pub use drawing::{Anchor, Drawing, HitTarget, Paint, Point, Shape};
