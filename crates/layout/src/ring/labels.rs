//! The hash-ring scene's words: the header over the picture, the labels of
//! the click targets, and the sentence for screen readers.
//!
//! The header says which scheme places how many keys on how many servers,
//! then what the last change moved; while the change is recent it is in
//! ink, later muted with its time. Numbers come formatted from the model's
//! `text` helpers so the picture, the narration and the tables agree.

use mp_models::engine::run::Model;
use mp_models::placement::Scheme;
use mp_models::scenes::ring::model::HIGHLIGHT_MICROS;
use mp_models::scenes::ring::text::{count, count_usize, pct};
use mp_models::scenes::ring::{Assignment, RingModel, ShareKind};

use super::groups::Group;
use super::PAD;
use crate::drawing::{Anchor, Drawing, Paint, Point};
use crate::text::{chars_for, wrap};

/// Scheme, pool and the last change; returns the y where the body starts.
pub(super) fn header(d: &mut Drawing, model: &RingModel, a: &Assignment) -> f64 {
    let w = d.width;
    let mut title = format!(
        "{} \u{b7} {} servers \u{b7} {} keys",
        model.scheme().label(),
        count_usize(a.servers().len()),
        count_usize(model.keys().len())
    );
    if matches!(model.scheme(), Scheme::Ring | Scheme::BoundedLoads) {
        let k = model.config().points_per_server;
        title.push_str(&format!(" \u{b7} {k} points each"));
    }
    let title_size = if w < 480.0 { 12.0 } else { 13.0 };
    let mut y = PAD + title_size;
    for line in wrap(&title, chars_for(w - 2.0 * PAD, title_size), 1) {
        d.bold(
            Point::new(PAD, y),
            line,
            title_size,
            Paint::Ink,
            Anchor::Start,
        );
        y += title_size + 3.0;
    }
    let (text, paint) = match model.last_change() {
        Some(c) if model.now().since(c.at) < HIGHLIGHT_MICROS => (c.summary(), Paint::Ink),
        Some(c) => (
            format!("Last change at {}: {}", c.at, c.summary()),
            Paint::Muted,
        ),
        None => (
            "Add, remove or crash a server to see which keys move.".into(),
            Paint::Muted,
        ),
    };
    for line in wrap(&text, chars_for(w - 2.0 * PAD, 11.0), 2) {
        d.text(Point::new(PAD, y + 11.0), line, 11.0, paint);
        y += 14.0;
    }
    y + 6.0
}

/// "Server 3: 12.4% of the ring, 251 keys", or the same for a group.
pub(super) fn target_label(g: &Group, kind: ShareKind, total_keys: usize) -> String {
    let s = g.rep;
    let keys = count(s.keys);
    let share = match kind {
        ShareKind::RingArc => format!("{} of the ring, {keys} keys", pct(s.share)),
        ShareKind::TableSlots => format!("{} of the table, {keys} keys", pct(s.share)),
        ShareKind::Expected => {
            let of_all = pct(s.keys as f64 / total_keys.max(1) as f64);
            format!("{keys} keys ({of_all} of all keys)")
        }
    };
    if g.size == 1 {
        format!("Server {}: {share}", s.id)
    } else {
        let (a, b, n, id) = (g.first, g.last, g.size, s.id);
        format!("Servers {a}\u{2013}{b} ({n} servers); the busiest, server {id}: {share}")
    }
}

/// The sentence for screen readers.
pub(super) fn describe(model: &RingModel, a: &Assignment) -> String {
    let stats = a.stats();
    let mut text = format!(
        "{} with {} servers and {} keys; the busiest server holds {:.2} times the mean; load \
         spread (keys per server, with sampling noise) {}",
        model.scheme().label(),
        count_usize(a.servers().len()),
        count_usize(model.keys().len()),
        stats.max_over_mean,
        pct(stats.cv)
    );
    if let Some(cv) = a.ring_share_cv() {
        text.push_str(&format!(
            "; ring share spread (exact arc per server) {}",
            pct(cv)
        ));
    }
    text.push('.');
    if let Some(c) = model.last_change() {
        text.push_str(&format!(" Last change: {}.", c.summary()));
    }
    text
}
