//! Layout of the worker-sharding scene: the data center as a grid of server
//! tiles under an "internet" band, requests as dots travelling to their
//! shard client and, when forwarded, on to the worker's home; plus the
//! opening figure comparing a worker's start with the TLS handshake.
//!
//! Dot positions are functions of the model's current time and each
//! request's arrival time, so playing, pausing and scrubbing need nothing
//! special. A request really crosses the data center in about a
//! millisecond; dots are drawn slowed down, each leg lasting about the time
//! sixteen requests take to arrive, so a handful are always in view.
//!
//! Files: `tiles` (the servers, each a click target), `dots` (requests and
//! cold-start flashes, skipped under reduced motion), `legend`, and `tls`
//! (the opening figure, drawn apart from any run).

mod dots;
mod legend;
mod tiles;
mod tls;

use crate::drawing::{Drawing, Paint, Point};
use crate::DrawOptions;
use mp_models::scenes::sharding::{Design, ShardingModel};
use mp_models::scenes::SceneRun;
use mp_models::{Model, Run};

pub use mp_models::scenes::sharding::tls::TlsVersion;
pub use tls::{hidden_window_millis, tls_timeline};

/// Height of the band standing for the internet.
const INTERNET_PX: f64 = 26.0;
/// Gap between tiles.
const GAP_PX: f64 = 6.0;

/// Where the tiles go: square tiles in rows of `cols`.
struct Grid {
    cols: u32,
    tile: f64,
    left: f64,
    top: f64,
}

impl Grid {
    /// The largest square tiles that fit `n` servers in the area, centred.
    fn fit(n: u32, top: f64, width: f64, height: f64) -> Grid {
        let n = n.max(1);
        let tile_for = |cols: u32| {
            let rows = n.div_ceil(cols);
            let w = (width - GAP_PX * f64::from(cols - 1)) / f64::from(cols);
            let h = (height - GAP_PX * f64::from(rows - 1)) / f64::from(rows);
            w.min(h).max(1.0)
        };
        let cols = (1..=n)
            .max_by(|a, b| tile_for(*a).total_cmp(&tile_for(*b)))
            .unwrap_or(1);
        let tile = tile_for(cols);
        let used = f64::from(cols) * (tile + GAP_PX) - GAP_PX;
        Grid {
            cols,
            tile,
            left: ((width - used) / 2.0).max(0.0),
            top,
        }
    }
    fn corner(&self, server: u32) -> Point {
        let (col, row) = (f64::from(server % self.cols), f64::from(server / self.cols));
        let step = self.tile + GAP_PX;
        Point::new(self.left + col * step, self.top + row * step)
    }
    fn center(&self, server: u32) -> Point {
        let c = self.corner(server);
        Point::new(c.x + self.tile / 2.0, c.y + self.tile / 2.0)
    }
}

/// The scene's drawing, or `None` when `run` is not a sharding run.
pub fn draw(run: &dyn SceneRun, width: f64, height: f64, opts: &DrawOptions) -> Option<Drawing> {
    let model = run.as_any().downcast_ref::<Run<ShardingModel>>()?.model();
    let (width, height) = (width.max(1.0), height.max(1.0));
    let mut d = Drawing::new(width, height);
    let font = if width < 480.0 { 10.0 } else { 12.0 };
    let legend_h = legend::height(width, font);
    let grid_top = INTERNET_PX + 10.0;
    let grid_h = (height - grid_top - legend_h - 8.0).max(8.0);
    let grid = Grid::fit(model.servers(), grid_top, width, grid_h);
    let band = (width, INTERNET_PX);
    rounded(
        &mut d,
        Point::new(0.0, 0.0),
        band,
        Some(Paint::Surface),
        None,
    );
    let at = Point::new(6.0, INTERNET_PX - 8.0);
    d.text(at, "Internet", font, Paint::Muted);
    tiles::draw_tiles(&mut d, model, &grid, opts, font);
    if !opts.reduced_motion {
        dots::draw_cold_flashes(&mut d, model, &grid);
        dots::draw_dots(&mut d, model, &grid);
    }
    let last_row = grid.corner(model.servers().max(1) - 1).y + grid.tile;
    legend::draw_legend(&mut d, width, (last_row + 8.0).min(height - legend_h), font);
    d.description = describe(model);
    Some(d)
}

/// The sentence for screen readers.
fn describe(model: &ShardingModel) -> String {
    let last = |key: &str| {
        model
            .metrics()
            .get(key)
            .and_then(|s| s.last())
            .unwrap_or(0.0)
    };
    let failed = (0..model.servers()).filter(|&s| model.is_failed(s)).count();
    let design = match model.design() {
        Design::Off => "no sharding".to_string(),
        Design::On => format!(
            "sharding on, {:.1}% of requests forwarded home",
            last("forwarded_pct")
        ),
    };
    let faults = if failed > 0 {
        format!(", {failed} failed")
    } else {
        String::new()
    };
    format!(
        "{} servers{faults}, {design}: {} instances in memory and {:.2}% of requests were cold \
         starts in the last 10 seconds.",
        model.servers(),
        last("instances"),
        last("cold_pct")
    )
}

/// The scene's one rectangle style: 3 px corners, and a size clamped at
/// zero so a bar of a tiny tile never turns inside out.
fn rounded(
    d: &mut Drawing,
    at: Point,
    (w, h): (f64, f64),
    fill: Option<Paint>,
    stroke: Option<(Paint, f64)>,
) {
    d.rect(at, (w.max(0.0), h.max(0.0)), 3.0, fill, stroke);
}
