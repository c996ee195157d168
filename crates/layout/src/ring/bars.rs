//! The hash-ring scene's keys-per-server bar chart, drawn for every design.
//!
//! One bar per server (or per group of servers, each shown by its busiest),
//! coloured by server, the keys that just arrived lit at the top, a dashed
//! mean line and, for bounded loads, the dashed capacity every server is
//! held under. The scale leaves room above the mean so an even spread does
//! not look like a wall. Where the picture has no markers of its own (mod
//! N, jump, rendezvous, Maglev) the bars are the click targets.

use mp_models::placement::{bounded, Scheme};
use mp_models::scenes::ring::{Assignment, Change, RingModel};

use super::groups::Group;
use super::labels::target_label;
use super::{boxed, colour, panel_title, selected_server, Rect};
use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point};
use crate::DrawOptions;

/// Keys server `id` received in change `c`.
pub(super) fn arrivals_of(c: &Change, id: u32) -> u64 {
    c.arrivals
        .binary_search_by_key(&id, |&(s, _)| s)
        .map_or(0, |i| c.arrivals[i].1)
}

/// The keys-per-server bar chart; returns the top centre of every bar.
pub(super) fn load_bars(
    d: &mut Drawing,
    rect: Rect,
    model: &RingModel,
    a: &Assignment,
    groups: &[Group],
    targets: bool,
    opts: &DrawOptions,
) -> Vec<Point> {
    let (stats, lit, selected) = (a.stats(), model.lit_change(), selected_server(opts));
    let mut title = "Keys per server".to_string();
    let per = groups.first().map_or(1, |g| g.size);
    if per > 1 {
        title.push_str(&format!(" (each bar: the busiest of {per})"));
    }
    if lit.is_some() {
        title.push_str("; lit: just arrived");
    }
    panel_title(d, rect, &title, 11.0);
    let bw = rect.w / groups.len().max(1) as f64;
    let label_h = if bw >= 16.0 { 12.0 } else { 2.0 };
    let area = Rect {
        h: (rect.h - 16.0 - label_h).max(4.0),
        ..rect.below(16.0)
    };
    let eps = model.config().bounded_eps;
    let cap = (model.scheme() == Scheme::BoundedLoads)
        .then(|| bounded::capacity(model.keys().len(), a.servers().len(), eps));
    let top_keys = (stats.max as f64)
        .max(stats.mean * 1.25)
        .max(cap.unwrap_or(0) as f64)
        .max(1.0);
    let y_of = |keys: f64| area.y + area.h - area.h * (keys / top_keys).min(1.0);
    let bar_w = if bw > 4.0 { bw - 1.0 } else { bw };
    let mut tops = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let top = Point::new(area.x + i as f64 * bw, y_of(g.rep.keys as f64));
        let h = area.y + area.h - top.y;
        let stroke = selected
            .filter(|&s| g.holds(s))
            .map(|_| (Paint::Accent, 2.0));
        boxed(d, top, (bar_w, h), colour(g.rep.id), stroke);
        let arrived = lit.map_or(0, |c| arrivals_of(c, g.rep.id));
        if arrived > 0 {
            let ah = (area.h * arrived as f64 / top_keys).min(h);
            let outline = (bw > 4.0).then_some((Paint::Ink, 0.5));
            boxed(d, top, (bar_w, ah), Paint::Highlight, outline);
        }
        let mid = top.x + bw / 2.0;
        if label_h > 2.0 {
            let at = Point::new(mid, area.y + area.h + 10.0);
            d.text_mid(at, g.rep.id.to_string(), 9.0, Paint::Muted);
        }
        tops.push(Point::new(mid, top.y));
        if targets {
            d.targets.push(HitTarget {
                id: format!("server:{}", g.rep.id),
                label: target_label(g, a.share_kind(), model.keys().len()),
                center: Point::new(mid, area.y + area.h / 2.0),
                radius: (bw / 2.0).clamp(6.0, 14.0),
            });
        }
    }
    reference_lines(d, area, stats.mean, cap, y_of);
    tops
}

/// The dashed mean line and, under bounded loads, the capacity line.
fn reference_lines(
    d: &mut Drawing,
    area: Rect,
    mean: f64,
    cap: Option<u64>,
    y_of: impl Fn(f64) -> f64,
) {
    let right = area.x + area.w;
    let ym = y_of(mean);
    d.dashed(
        Point::new(area.x, ym),
        Point::new(right, ym),
        Paint::Ink,
        1.0,
    );
    let at = Point::new(right, (ym - 3.0).max(area.y + 9.0));
    d.label(at, format!("mean {mean:.0}"), 9.0, Paint::Ink, Anchor::End);
    if let Some(cap) = cap {
        let yc = y_of(cap as f64);
        d.dashed(
            Point::new(area.x, yc),
            Point::new(right, yc),
            Paint::Warn,
            1.0,
        );
        let at = Point::new(area.x + 2.0, (yc - 3.0).max(area.y + 9.0));
        d.text(at, format!("cap {cap}"), 9.0, Paint::Warn);
    }
}
