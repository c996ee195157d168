//! The worker-sharding scene's moving parts: request dots and cold-start
//! flashes.
//!
//! A request's dot drops from the internet band to its shard client in one
//! leg; a forwarded one goes on to the worker's home in a second leg, along
//! a dashed arrow; one handed back or denied goes to the home and back.
//! A leg lasts about the time [`DOTS_PER_LEG`] requests take to arrive, so
//! the number of dots in view stays about the same at any request rate.
//! Positions depend only on the model's time, so scrubbing needs nothing.

use mp_models::scenes::sharding::{Route, ShardingModel, Trace};
use mp_models::Model;

use super::{rounded, Grid, INTERNET_PX};
use crate::drawing::{Drawing, Paint, Point};

/// Requests in view per leg of a dot's path.
const DOTS_PER_LEG: f64 = 16.0;

/// How long one leg of a dot's path is drawn, from the request rate.
fn leg_micros(model: &ShardingModel) -> u64 {
    (DOTS_PER_LEG * 1e6 / model.config().rate_per_sec).clamp(2_000.0, 2_000_000.0) as u64
}

/// A red outline on every server busy with a cold start (held at least two
/// legs so a short one is still seen).
pub(super) fn draw_cold_flashes(d: &mut Drawing, model: &ShardingModel, grid: &Grid) {
    let now = model.now();
    let min_flash = 2 * leg_micros(model);
    for trace in model.recent_cold().filter(|tr| tr.at <= now) {
        if now.since(trace.at) < trace.latency_micros.max(min_flash) {
            let at = grid.corner(trace.server);
            let side = (grid.tile - 6.0).max(1.0);
            let inset = Point::new(at.x + 3.0, at.y + 3.0);
            rounded(d, inset, (side, side), None, Some((Paint::Bad, 2.0)));
        }
    }
}

/// Every recent request's dot: green when warm, red when cold, ringed
/// when forwarded.
pub(super) fn draw_dots(d: &mut Drawing, model: &ShardingModel, grid: &Grid) {
    let now = model.now();
    let leg = leg_micros(model) as f64;
    let radius = (grid.tile * 0.08).clamp(2.5, 5.0);
    for trace in model.recent().filter(|tr| tr.at <= now) {
        let age = now.since(trace.at) as f64 / leg;
        let Some(center) = dot_position(trace, age, grid) else {
            continue;
        };
        if trace.home != trace.client && age >= 1.0 {
            let (from, to) = (grid.center(trace.client), grid.center(trace.home));
            d.line_with(from, to, (Paint::Accent, 1.0), true, true);
        }
        let fill = Some(if trace.cold { Paint::Bad } else { Paint::Good });
        let stroke = (trace.route == Route::Forwarded).then_some((Paint::Accent, 1.5));
        d.circle(center, radius, fill, stroke);
    }
}

/// Where a request's dot is `age` legs after arrival; `None` once done.
fn dot_position(trace: &Trace, age: f64, grid: &Grid) -> Option<Point> {
    let client = grid.center(trace.client);
    let home = grid.center(trace.home);
    let entry = Point::new(client.x, INTERNET_PX / 2.0);
    match trace.route {
        _ if age < 1.0 => Some(entry.lerp(client, age)),
        Route::Forwarded if age < 2.0 => Some(client.lerp(home, age - 1.0)),
        // To the refusing home and back: the hand-back, or the question.
        Route::HandedBack | Route::Denied if age < 3.0 => {
            Some(client.lerp(home, 1.0 - (age - 2.0).abs()))
        }
        _ => None,
    }
}
