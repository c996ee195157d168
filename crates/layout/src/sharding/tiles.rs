//! The worker-sharding scene's server tiles, each a click target.
//!
//! A tile shows the server's name and a bar of its live instances against
//! the busiest server's; with room, the count too. A failed server is
//! crossed out, an overloaded one outlined in warning colour, the selected
//! one in accent. Each tile's label says what the bar cannot: how many
//! quiet workers call it home.

use mp_models::scenes::sharding::ShardingModel;

use super::{rounded, Grid};
use crate::drawing::{Drawing, HitTarget, Paint, Point};
use crate::DrawOptions;

/// Every server's tile and click target.
pub(super) fn draw_tiles(
    d: &mut Drawing,
    model: &ShardingModel,
    grid: &Grid,
    opts: &DrawOptions,
    font: f64,
) {
    let counts: Vec<u32> = (0..model.servers())
        .map(|s| model.instances_on(s))
        .collect();
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let homes = model.homes_per_server();
    let t = grid.tile;
    let label_size = (t * 0.28).clamp(7.0, font);
    for (s, (&count, &home_to)) in (0u32..).zip(counts.iter().zip(&homes)) {
        let at = grid.corner(s);
        let failed = model.is_failed(s);
        let overloaded = !failed && model.is_overloaded(s);
        let id = format!("server:{s}");
        let stroke = match (opts.is_selected(&id), overloaded) {
            (true, _) => (Paint::Accent, 3.0),
            (false, true) => (Paint::Warn, 3.0),
            _ => (Paint::Muted, 1.0),
        };
        let fill = if failed { Paint::Faint } else { Paint::Surface };
        rounded(d, at, (t, t), Some(fill), Some(stroke));
        let name_at = Point::new(at.x + 3.0, at.y + label_size + 2.0);
        d.text(name_at, format!("S{s}"), label_size, Paint::Ink);
        if failed {
            d.line(at, Point::new(at.x + t, at.y + t), Paint::Bad, 2.0);
            d.line(
                Point::new(at.x + t, at.y),
                Point::new(at.x, at.y + t),
                Paint::Bad,
                2.0,
            );
        } else {
            let (track, bar_at) = ((t - 6.0).max(1.0), Point::new(at.x + 3.0, at.y + t - 7.0));
            let filled = track * f64::from(count) / f64::from(most);
            rounded(d, bar_at, (track, 4.0), Some(Paint::Faint), None);
            rounded(d, bar_at, (filled, 4.0), Some(Paint::Good), None);
            if t >= 44.0 {
                let mid = Point::new(at.x + t / 2.0, at.y + t / 2.0 + label_size / 2.0);
                d.text_mid(mid, count.to_string(), label_size, Paint::Muted);
            }
        }
        let label = server_label(s, count, home_to, failed, overloaded);
        d.targets.push(HitTarget {
            id,
            label,
            center: grid.center(s),
            radius: t / 2.0,
        });
    }
}

/// The accessible label of server `s`'s tile.
fn server_label(s: u32, instances: u32, homes: u32, failed: bool, overloaded: bool) -> String {
    if failed {
        return format!("Server {s}, failed: no instances; its workers moved to other servers");
    }
    let state = if overloaded {
        ", overloaded: refusing sharded requests"
    } else {
        ""
    };
    format!("Server {s}: {instances} live instances, home to {homes} quiet workers{state}")
}
