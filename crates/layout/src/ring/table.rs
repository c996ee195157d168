//! The picture for Maglev: the lookup table as cells coloured by owner.
//!
//! Maglev (Eisenbud et al. 2016) fills a prime-sized table from each
//! server's permutation of the slots, and a key's owner is the entry at
//! `hash(key) mod M`. The table is drawn as a grid of cells in its owners'
//! colours; above [`MAX_TABLE_CELLS`] each cell stands for one slot in `k`,
//! so the grid keeps a readable size. Slots that changed owner in the last
//! change carry a dot (not a colour, since the owners use the palette).

use mp_models::hash::key_hash;
use mp_models::scenes::ring::text::count_usize;
use mp_models::scenes::ring::{Assignment, Change};

use super::{boxed, colour, panel_title, Rect, MAX_TABLE_CELLS};
use crate::drawing::{Drawing, Paint, Point};

/// Maglev's table as cells coloured by owner; returns key → its cell.
pub(super) fn table(
    d: &mut Drawing,
    rect: Rect,
    a: &Assignment,
    lit: Option<&Change>,
) -> impl Fn(u64) -> Point {
    let entries = a
        .placement()
        .maglev_table()
        .map_or(&[][..], |t| t.entries());
    let m = entries.len().max(1);
    let cells = m.min(MAX_TABLE_CELLS);
    let mut title = format!("Lookup table: slot = hash(key) mod {}", count_usize(m));
    if cells < m {
        title.push_str(&format!(
            "; each cell shows 1 of {} slots",
            m.div_ceil(cells)
        ));
    }
    if lit.is_some_and(|c| !c.changed_slots.is_empty()) {
        title.push_str("; dots: slots that changed owner");
    }
    panel_title(d, rect, &title, 10.0);
    let area = rect.below(30.0);
    let side = libm::floor(libm::sqrt(area.w * area.h / cells as f64)).clamp(2.0, 28.0);
    let cols = (libm::floor(area.w / side) as usize).max(1);
    let side = side
        .min(area.h / cells.div_ceil(cols).max(1) as f64)
        .max(1.0);
    let cell_at = move |i: usize| {
        Point::new(
            area.x + (i % cols) as f64 * side,
            area.y + (i / cols) as f64 * side,
        )
    };
    let mut changed = vec![false; cells];
    for &slot in lit.map_or(&[][..], |c| &c.changed_slots[..]) {
        if let Some(x) = changed.get_mut(slot as usize * cells / m) {
            *x = true;
        }
    }
    let gap = if side >= 5.0 { 1.0 } else { 0.0 };
    for (i, &was_changed) in changed.iter().enumerate() {
        let owner = entries.get(i * m / cells).copied().unwrap_or(0);
        let at = cell_at(i);
        boxed(d, at, (side - gap, side - gap), colour(owner), None);
        if was_changed {
            let centre = Point::new(at.x + side / 2.0, at.y + side / 2.0);
            let dot = (side * 0.22).max(1.0);
            d.circle(
                centre,
                dot,
                Some(Paint::Background),
                Some((Paint::Ink, 1.0)),
            );
        }
    }
    move |key: u64| {
        let at = cell_at((key_hash(key) % m as u64) as usize * cells / m);
        Point::new(at.x + side / 2.0, at.y + side / 2.0)
    }
}
