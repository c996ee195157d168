//! Moving Parts: layout.
//!
//! Turns model snapshots into plain geometry: shapes with semantic colours,
//! text and hit targets, in CSS pixels of a given frame size. Nothing here
//! touches a canvas or the DOM, so every layout is tested natively and can be
//! written out as SVG. The app's view layer only paints what this produces.
//!
//! Each scene's layout is a folder named after the scene (`ring`,
//! `sharding`, `payments`); what they share is `drawing` (the plain types),
//! `pen` (short-hands that push shapes), `text` (width estimates and
//! wrapping, since there are no font metrics here) and `svg`.

pub mod drawing;
pub mod payments;
mod pen;
pub mod ring;
pub mod sharding;
pub mod svg;
mod text;

pub use drawing::{Anchor, Drawing, HitTarget, Paint, Point, Shape};

use mp_models::scenes::SceneRun;

/// Reader preferences that change a layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrawOptions {
    /// The reader asked for less motion: no in-flight dots, no pulses.
    pub reduced_motion: bool,
    /// The id of a selected target (keyboard focus), drawn highlighted.
    pub selected: Option<String>,
}

impl DrawOptions {
    /// True when the target `id` is the selected one.
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected.as_deref() == Some(id)
    }
}

/// The drawing of any scene's run, chosen by scene id. `None` when the id is
/// unknown or the run is not of that scene's model.
pub fn draw_scene(
    scene_id: &str,
    run: &dyn SceneRun,
    width: f64,
    height: f64,
    opts: &DrawOptions,
) -> Option<Drawing> {
    // Each scene adds one arm here.
    let _ = (run, width, height, opts);
    match scene_id {
        "hash-ring" => ring::draw(run, width, height, opts),
        "worker-sharding" => sharding::draw(run, width, height, opts),
        "payments" => payments::draw(run, width, height, opts),
        _ => None,
    }
}
