//! The picture for rendezvous hashing: one key's score on every server.
//!
//! Rendezvous (highest random weight, Thaler & Ravishankar 1998) scores a
//! key on every server and gives it to the highest, so the picture is that
//! contest for one example key: a bar per server, the winner outlined.
//! Above [`MAX_TARGETS`] servers only the top scores are shown.
//!
//! TODO: the example key changes every two simulated seconds and is not
//! the key being looked up, because 20 lookups a second would make the bars
//! flicker; linking them would explain each pulse.

use mp_models::engine::run::Model;
use mp_models::hash::key_server_hash;
use mp_models::scenes::ring::text::count_usize;
use mp_models::scenes::ring::{Assignment, RingModel};

use super::{boxed, colour, panel_title, Rect, CIRCLE, MAX_TARGETS};
use crate::drawing::{Drawing, Paint, Point};

/// Rendezvous: one example key's score on every server, the winner marked.
pub(super) fn scores(d: &mut Drawing, rect: Rect, model: &RingModel, a: &Assignment) {
    let keys = model.keys();
    // A new example key every two simulated seconds, so the bars can be read.
    let index = (model.now().micros() / 2_000_000) as usize % keys.len().max(1);
    let key = keys.get(index).copied().unwrap_or(0);
    let owner = a.owners().get(index).copied();
    let score = |s: u32| key_server_hash(key, s) as f64 / CIRCLE;
    let mut shown: Vec<(u32, f64)> = a.servers().iter().map(|&s| (s, score(s))).collect();
    let total = shown.len();
    if total > MAX_TARGETS {
        shown.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        shown.truncate(MAX_TARGETS);
        shown.sort_by_key(|s| s.0);
    }
    let mut title = format!("Scores of key #{index} on each server: highest wins");
    if let Some(o) = owner {
        title.push_str(&format!(" (server {o})"));
    }
    if total > shown.len() {
        title.push_str(&format!("; top {} of {}", shown.len(), count_usize(total)));
    }
    panel_title(d, rect, &title, 10.0);
    let area = rect.below(30.0);
    let area = Rect {
        h: (area.h - 12.0).max(4.0),
        ..area
    };
    let bw = area.w / shown.len().max(1) as f64;
    for (i, &(s, score)) in shown.iter().enumerate() {
        let h = (area.h * score).max(1.0);
        let at = Point::new(area.x + i as f64 * bw, area.y + area.h - h);
        let stroke = (owner == Some(s)).then_some((Paint::Accent, 2.5));
        boxed(d, at, (bw - 1.0, h), colour(s), stroke);
        if bw >= 14.0 {
            let at = Point::new(at.x + bw / 2.0, area.y + area.h + 10.0);
            d.text_mid(at, s.to_string(), 9.0, Paint::Muted);
        }
    }
}
