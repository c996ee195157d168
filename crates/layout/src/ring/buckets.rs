//! The picture for `hash mod N` and jump hash: numbered buckets.
//!
//! Both schemes map a key to a bucket number, and bucket `b` belongs to the
//! `b`-th server in id order; so the picture is the row of buckets, each
//! naming its server and key count, filled from the bottom with the keys
//! that just arrived. Bucket numbers are positions in the server list, so
//! when a jump-hash change shifts them (a server leaving from the middle)
//! a note says that the renumbered buckets' keys moved too (Lamping &
//! Veach 2014 assume servers only join or leave at the end).

use mp_models::placement::Scheme;
use mp_models::scenes::ring::text::count;
use mp_models::scenes::ring::{Assignment, RingModel, ServerLoad};

use super::bars::arrivals_of;
use super::{boxed, colour, panel_title, selected_server, Rect};
use crate::drawing::{Anchor, Drawing, Paint, Point};
use crate::text::one_line;
use crate::DrawOptions;

/// Numbered buckets (mod N, jump); returns each server's bucket centre.
pub(super) fn buckets(
    d: &mut Drawing,
    rect: Rect,
    model: &RingModel,
    a: &Assignment,
    opts: &DrawOptions,
) -> Vec<Point> {
    let (n, lit, selected) = (a.servers().len(), model.lit_change(), selected_server(opts));
    let how = if model.scheme() == Scheme::Jump {
        format!("jump hash over {n} buckets")
    } else {
        format!("hash mod {n}")
    };
    let title = format!("key \u{2192} {how} \u{2192} bucket b \u{2192} b-th server");
    panel_title(d, rect, &title, 10.0);
    let mut area = rect.below(30.0);
    if let Some(r) = lit.and_then(|c| c.renumbered).filter(|&r| r > 0) {
        area.h -= 14.0;
        let note = format!("{r} buckets renumbered: their keys moved too");
        let at = Point::new(rect.x, area.y + area.h + 11.0);
        d.text(at, one_line(&note, rect.w, 10.0), 10.0, Paint::Highlight);
    }
    let cols =
        (libm::ceil(libm::sqrt(n as f64 * area.w / area.h.max(1.0))) as usize).clamp(1, n.max(1));
    let rows = n.div_ceil(cols).max(1);
    let cw = area.w / cols as f64;
    let ch = (area.h / rows as f64).min(cw * 1.1);
    let inset = if cw > 8.0 { 2.0 } else { 0.0 };
    let size = ((cw - 2.0 * inset).max(0.5), (ch - 2.0 * inset).max(0.5));
    let mut centres = Vec::with_capacity(n);
    for (b, load) in a.loads().iter().enumerate() {
        let corner = Point::new(
            area.x + (b % cols) as f64 * cw + inset,
            area.y + (b / cols) as f64 * ch + inset,
        );
        let stroke = if selected == Some(load.id) {
            (Paint::Accent, 3.0)
        } else {
            (colour(load.id), 1.5)
        };
        let radius = 3.0_f64.min(size.0 / 4.0);
        d.rect(corner, size, radius, Some(Paint::Surface), Some(stroke));
        let arrived = lit.map_or(0, |c| arrivals_of(c, load.id));
        centres.push(bucket(d, b, load, (corner, size), arrived));
    }
    centres
}

/// Bucket `b`'s fill of arrivals and its words, as many as fit; returns its
/// centre.
fn bucket(
    d: &mut Drawing,
    b: usize,
    load: &ServerLoad,
    (corner, (w, h)): (Point, (f64, f64)),
    arrived: u64,
) -> Point {
    if arrived > 0 && load.keys > 0 {
        // Filled from the bottom, leaving the bucket number readable.
        let fh = (h - 14.0).max(0.0) * (arrived as f64 / load.keys as f64).min(1.0);
        let at = Point::new(corner.x, corner.y + h - fh);
        boxed(d, at, (w, fh), Paint::Highlight, None);
    }
    let centre = Point::new(corner.x + w / 2.0, corner.y + h / 2.0);
    if w >= 38.0 && h >= 34.0 {
        let at = Point::new(corner.x + 3.0, corner.y + 10.0);
        d.text(at, format!("#{b}"), 9.0, Paint::Muted);
        let pill = Point::new(centre.x - 20.0, centre.y - 9.0);
        d.rect(pill, (40.0, 27.0), 3.0, Some(Paint::Surface), None);
        let at = Point::new(centre.x, centre.y + 3.0);
        d.bold(
            at,
            format!("s{}", load.id),
            11.0,
            Paint::Ink,
            Anchor::Middle,
        );
        let at = Point::new(centre.x, centre.y + 15.0);
        d.text_mid(at, count(load.keys), 9.0, Paint::Ink);
    } else if w >= 16.0 && h >= 12.0 {
        let at = Point::new(centre.x, centre.y + 3.0);
        d.text_mid(at, b.to_string(), 8.0, Paint::Ink);
    }
    centre
}
