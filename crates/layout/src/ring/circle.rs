//! The ring picture for consistent hashing and bounded loads.
//!
//! The circle of 2^64 hash positions is cut into each server's arcs (binned
//! by the model when there are many), with a tick per virtual node when
//! there are few, keys as dots just inside, the keys the last change moved
//! lit, and one marker per server (or group) just outside at the server's
//! first point, pushed apart so markers never overlap. A lookup walks
//! clockwise from its key to the point that owns it, then on to the
//! owner's marker, following the ring's own rule (Karger et al. 1997).

use std::f64::consts::TAU;

use mp_models::engine::run::Model;
use mp_models::hash::{key_hash, server_point};
use mp_models::scenes::ring::model::LOOKUP_FLIGHT_MICROS;
use mp_models::scenes::ring::{Assignment, RingModel};

use super::groups::{group_of, groups};
use super::labels::target_label;
use super::{colour, selected_server, Rect, CIRCLE, MAX_TARGETS};
use crate::drawing::{Drawing, HitTarget, Paint, Point};
use crate::DrawOptions;

/// Most key dots drawn on the ring (keys are sampled evenly above it).
const MAX_KEY_DOTS: usize = 400;
/// Most moved-key dots drawn.
const MAX_MOVED_DOTS: usize = 600;
/// Ring points up to which each virtual node gets a tick.
const MAX_TICK_POINTS: usize = 240;

/// Point at `frac` of the way round a circle, clockwise from the top.
fn polar(c: Point, r: f64, frac: f64) -> Point {
    let a = frac * TAU;
    Point::new(c.x + r * libm::sin(a), c.y - r * libm::cos(a))
}

/// Position of a key on the ring, as a fraction of the circle.
fn key_frac(key: u64) -> f64 {
    key_hash(key) as f64 / CIRCLE
}

/// An arc from fraction `a` to `b` of the way round, clockwise from the
/// top; nothing when it is empty.
fn arc_on(d: &mut Drawing, circle: (Point, f64), (a, b): (f64, f64), paint: Paint, width: f64) {
    if b > a {
        d.arc(circle, (a * TAU, b * TAU), paint, width);
    }
}

/// The ring: arcs, ticks, keys, moved keys, markers (targets) and pulses.
pub(super) fn draw_ring(
    d: &mut Drawing,
    rect: Rect,
    model: &RingModel,
    a: &Assignment,
    opts: &DrawOptions,
) {
    let c = rect.center();
    let labelled = a.servers().len() <= 16;
    let outer = (rect.w.min(rect.h) / 2.0).max(12.0);
    let band = (outer * 0.07).clamp(3.0, 12.0);
    let marker_r = (outer / 14.0).clamp(3.5, 6.0);
    let margin = band / 2.0 + 2.0 * marker_r + 6.0 + if labelled { 16.0 } else { 0.0 };
    let r = (outer - margin).max(outer * 0.5);
    arcs_and_ticks(d, a, (c, r), band, opts);
    key_dots(d, (c, (r - band / 2.0 - 5.0).max(2.0)), model);
    let orbit = r + band / 2.0 + marker_r + 4.0;
    let marker_groups = groups(a.loads(), MAX_TARGETS);
    let angles = marker_groups
        .iter()
        .map(|g| server_point(g.rep.id, 0) as f64 / CIRCLE)
        .collect();
    let fracs = spread_out(angles, (2.0 * marker_r + 4.0) / (TAU * orbit));
    let mut markers = Vec::with_capacity(marker_groups.len());
    for (g, &f) in marker_groups.iter().zip(&fracs) {
        let at = polar(c, orbit, f);
        let is_sel = selected_server(opts).is_some_and(|s| g.holds(s));
        let stroke = if is_sel {
            (Paint::Accent, 3.0)
        } else {
            (Paint::Ink, 1.0)
        };
        d.circle(at, marker_r, Some(colour(g.rep.id)), Some(stroke));
        if labelled {
            let l = polar(c, orbit + marker_r + 8.0, f);
            let at = Point::new(l.x, l.y + 4.0);
            d.text_mid(at, g.rep.id.to_string(), 10.0, Paint::Ink);
        }
        d.targets.push(HitTarget {
            id: format!("server:{}", g.rep.id),
            label: target_label(g, a.share_kind(), model.keys().len()),
            center: at,
            radius: 10.0,
        });
        markers.push(at);
    }
    if !opts.reduced_motion {
        let marker = |id: u32| group_of(&marker_groups, id).map(|g| markers[g]);
        ring_pulses(d, model, a, (c, r), marker);
    }
    if a.arcs_binned() && r > 90.0 {
        let note = "each arc segment: the server owning most of it";
        d.text_mid(Point::new(c.x, c.y + 4.0), note, 9.0, Paint::Muted);
    }
}

/// The faint band, each server's arcs on it, the selected server's arcs
/// traced outside, and a tick per ring point when there are few.
fn arcs_and_ticks(
    d: &mut Drawing,
    a: &Assignment,
    (c, r): (Point, f64),
    band: f64,
    opts: &DrawOptions,
) {
    d.circle(c, r, None, Some((Paint::Faint, band)));
    for arc in a.arcs() {
        arc_on(d, (c, r), (arc.start, arc.end), colour(arc.server), band);
    }
    let selected = selected_server(opts).filter(|&s| a.load_of(s).is_some());
    for arc in a.arcs().iter().filter(|arc| Some(arc.server) == selected) {
        let outside = (c, r + band / 2.0 + 2.0);
        arc_on(d, outside, (arc.start, arc.end), Paint::Accent, 3.0);
    }
    if let Some(ring) = a
        .placement()
        .ring()
        .filter(|r| r.points().len() <= MAX_TICK_POINTS)
    {
        for &(pos, _) in ring.points() {
            let (f, half) = (pos as f64 / CIRCLE, band / 2.0 + 2.0);
            d.line(
                polar(c, r - half, f),
                polar(c, r + half, f),
                Paint::Ink,
                1.0,
            );
        }
    }
}

/// Keys as dots just inside the ring (sampled), and the keys the last
/// change moved, lit, while the change is recent.
fn key_dots(d: &mut Drawing, (c, r): (Point, f64), model: &RingModel) {
    let (dot, moved_dot) = ((r / 70.0).clamp(0.8, 1.4), (r / 45.0).clamp(1.2, 2.6));
    let keys = model.keys();
    let stride = keys.len().div_ceil(MAX_KEY_DOTS).max(1);
    for &key in keys.iter().step_by(stride) {
        d.dot(polar(c, r, key_frac(key)), dot, Paint::Muted);
    }
    if let Some(change) = model.lit_change() {
        let stride = change.moved.len().div_ceil(MAX_MOVED_DOTS).max(1);
        for &i in change.moved.iter().step_by(stride) {
            if let Some(&key) = keys.get(i as usize) {
                d.dot(polar(c, r, key_frac(key)), moved_dot, Paint::Highlight);
            }
        }
    }
}

/// Pushes fractions of the circle apart to at least `gap`, keeping their
/// order round the circle; returns them in input order.
fn spread_out(fracs: Vec<f64>, gap: f64) -> Vec<f64> {
    let n = fracs.len();
    if n < 2 {
        return fracs;
    }
    let gap = gap.min(0.9 / n as f64);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| fracs[i].total_cmp(&fracs[j]).then(i.cmp(&j)));
    let mut a: Vec<f64> = order.iter().map(|&i| fracs[i]).collect();
    for _ in 0..40 {
        let mut moved = false;
        for i in 0..n {
            let j = (i + 1) % n;
            let between = (a[j] - a[i]).rem_euclid(1.0);
            if between < gap {
                let push = (gap - between) / 2.0;
                a[i] = (a[i] - push).rem_euclid(1.0);
                a[j] = (a[j] + push).rem_euclid(1.0);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut out = vec![0.0; n];
    for (k, &i) in order.iter().enumerate() {
        out[i] = a[k];
    }
    out
}

/// Lookups in flight on the ring: each walks clockwise from its key to the
/// point that owns it (the first half of its flight), then goes to the
/// owner's marker. A lookup caught by a crash stays at its key, failed.
fn ring_pulses(
    d: &mut Drawing,
    model: &RingModel,
    a: &Assignment,
    (c, r): (Point, f64),
    marker: impl Fn(u32) -> Option<Point>,
) {
    let Some(ring) = a.placement().ring() else {
        return;
    };
    let points = ring.points();
    let now = model.now();
    for l in model.recent_lookups() {
        let age = now.since(l.at);
        let Some(&key) = model.keys().get(l.key_index as usize) else {
            continue;
        };
        if age >= LOOKUP_FLIGHT_MICROS {
            continue;
        }
        let kf = key_frac(key);
        if l.failed {
            d.dot(polar(c, r, kf), 3.5, Paint::Bad);
            continue;
        }
        let Some(end) = marker(l.owner) else { continue };
        // The first point clockwise of the owner (for bounded loads, after
        // a short walk past full servers).
        let first = ring.point_index_at(key_hash(key)).unwrap_or(0);
        let owning = (0..points.len().min(4_096))
            .map(|i| points[(first + i) % points.len()])
            .find(|&(_, s)| s == l.owner)
            .map(|(pos, _)| pos as f64 / CIRCLE);
        let t = age as f64 / LOOKUP_FLIGHT_MICROS as f64;
        let p = match owning {
            None => polar(c, r, kf).lerp(end, t),
            Some(pf) if t < 0.5 => {
                let cur = kf + (pf - kf).rem_euclid(1.0) * t * 2.0;
                arc_on(d, (c, r), (kf, cur), Paint::Accent, 2.5);
                polar(c, r, cur)
            }
            Some(pf) => {
                let from = polar(c, r, pf);
                let p = from.lerp(end, (t - 0.5) * 2.0);
                d.line(from, p, Paint::Accent, 1.0);
                p
            }
        };
        d.dot(p, 3.0, Paint::Accent);
    }
}
