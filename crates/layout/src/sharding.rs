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
//! TODO: this file runs past 300 lines because the scene's layout had to
//! stay in one file; split it into `sharding/{tiles,dots,legend,tls}.rs`.

use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point, Shape};
use crate::DrawOptions;
use mp_models::scenes::sharding::tls::{Handshake, EARLY_START_MILLIS, TODAY_START_MILLIS};
use mp_models::scenes::sharding::{Design, Route, ShardingModel, Trace};
use mp_models::scenes::SceneRun;
use mp_models::{Model, Run};

pub use mp_models::scenes::sharding::tls::TlsVersion;

/// Height of the band standing for the internet.
const INTERNET_PX: f64 = 26.0;
/// Gap between tiles.
const GAP_PX: f64 = 6.0;
/// Requests in view per leg of a dot's path.
const DOTS_PER_LEG: f64 = 16.0;

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
    let legend_h = legend_height(width, font);
    let grid_top = INTERNET_PX + 10.0;
    let grid_h = (height - grid_top - legend_h - 8.0).max(8.0);
    let grid = Grid::fit(model.servers(), grid_top, width, grid_h);
    d.push(rect(
        Point::new(0.0, 0.0),
        width,
        INTERNET_PX,
        Some(Paint::Surface),
        None,
    ));
    d.text(
        Point::new(6.0, INTERNET_PX - 8.0),
        "Internet",
        font,
        Paint::Muted,
    );
    draw_tiles(&mut d, model, &grid, opts, font);
    if !opts.reduced_motion {
        draw_cold_flashes(&mut d, model, &grid);
        draw_dots(&mut d, model, &grid);
    }
    let last_row = grid.corner(model.servers().max(1) - 1).y + grid.tile;
    draw_legend(&mut d, width, (last_row + 8.0).min(height - legend_h), font);
    d.description = describe(model);
    Some(d)
}

fn draw_tiles(d: &mut Drawing, model: &ShardingModel, grid: &Grid, opts: &DrawOptions, font: f64) {
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
        let stroke = match (opts.selected.as_deref() == Some(id.as_str()), overloaded) {
            (true, _) => (Paint::Accent, 3.0),
            (false, true) => (Paint::Warn, 3.0),
            _ => (Paint::Muted, 1.0),
        };
        let fill = if failed { Paint::Faint } else { Paint::Surface };
        d.push(rect(at, t, t, Some(fill), Some(stroke)));
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
            d.push(rect(bar_at, track, 4.0, Some(Paint::Faint), None));
            d.push(rect(bar_at, filled, 4.0, Some(Paint::Good), None));
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

/// How long one leg of a dot's path is drawn, from the request rate.
fn leg_micros(model: &ShardingModel) -> u64 {
    (DOTS_PER_LEG * 1e6 / model.config().rate_per_sec).clamp(2_000.0, 2_000_000.0) as u64
}

/// A red outline on every server busy with a cold start (held at least two
/// legs so a short one is still seen).
fn draw_cold_flashes(d: &mut Drawing, model: &ShardingModel, grid: &Grid) {
    let now = model.now();
    let min_flash = 2 * leg_micros(model);
    for trace in model.recent_cold().filter(|tr| tr.at <= now) {
        if now.since(trace.at) < trace.latency_micros.max(min_flash) {
            let at = grid.corner(trace.server);
            let side = (grid.tile - 6.0).max(1.0);
            let inset = Point::new(at.x + 3.0, at.y + 3.0);
            d.push(rect(inset, side, side, None, Some((Paint::Bad, 2.0))));
        }
    }
}

fn draw_dots(d: &mut Drawing, model: &ShardingModel, grid: &Grid) {
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
            let paint = Paint::Accent;
            d.push(Shape::Line {
                from,
                to,
                paint,
                width: 1.0,
                dashed: true,
                arrow: true,
            });
        }
        let fill = Some(if trace.cold { Paint::Bad } else { Paint::Good });
        let stroke = (trace.route == Route::Forwarded).then_some((Paint::Accent, 1.5));
        d.push(Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        });
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

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    Dot(Paint),
    RingedDot,
    Outline(Paint),
    Bar,
}

const LEGEND: [(Swatch, &str); 6] = [
    (Swatch::Dot(Paint::Good), "warm request"),
    (Swatch::Dot(Paint::Bad), "cold start"),
    (Swatch::RingedDot, "forwarded home"),
    (Swatch::Bar, "live instances"),
    (Swatch::Outline(Paint::Warn), "overloaded"),
    (Swatch::Outline(Paint::Faint), "failed"),
];

/// Legend entries per row at `width`: about 140 px each.
fn legend_per_row(width: f64) -> usize {
    (((width - 8.0) / 140.0) as usize).clamp(2, LEGEND.len())
}

fn legend_height(width: f64, font: f64) -> f64 {
    let rows = LEGEND.len().div_ceil(legend_per_row(width));
    rows as f64 * (font + 8.0) + 4.0
}

fn draw_legend(d: &mut Drawing, width: f64, top: f64, font: f64) {
    let per_row = legend_per_row(width);
    let col_w = (width - 8.0) / per_row as f64;
    for (i, (swatch, label)) in LEGEND.iter().enumerate() {
        let x = 6.0 + col_w * (i % per_row) as f64;
        let y = top + 4.0 + (font + 8.0) * (i / per_row) as f64 + font / 2.0;
        let (center, radius) = (Point::new(x + 5.0, y), 4.0);
        d.push(match *swatch {
            Swatch::Dot(paint) => Shape::Circle {
                center,
                radius,
                fill: Some(paint),
                stroke: None,
            },
            Swatch::RingedDot => {
                let stroke = Some((Paint::Accent, 1.5));
                Shape::Circle {
                    center,
                    radius,
                    fill: Some(Paint::Good),
                    stroke,
                }
            }
            Swatch::Outline(paint) => rect(
                Point::new(x, y - 5.0),
                10.0,
                10.0,
                Some(Paint::Surface),
                Some((paint, 2.0)),
            ),
            Swatch::Bar => rect(Point::new(x, y - 2.0), 10.0, 4.0, Some(Paint::Good), None),
        });
        d.text(
            Point::new(x + 15.0, y + font / 2.5),
            *label,
            font,
            Paint::Ink,
        );
    }
}

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

fn rect(at: Point, w: f64, h: f64, fill: Option<Paint>, stroke: Option<(Paint, f64)>) -> Shape {
    Shape::Rect {
        at,
        w: w.max(0.0),
        h: h.max(0.0),
        radius: 3.0,
        fill,
        stroke,
    }
}

fn text_at(at: Point, text: impl Into<String>, size: f64, anchor: Anchor, bold: bool) -> Shape {
    Shape::Text {
        at,
        text: text.into(),
        size,
        paint: Paint::Ink,
        anchor,
        bold,
    }
}

/// The window, from SNI to the request's arrival, a start can hide in.
pub fn hidden_window_millis(tls: TlsVersion, rtt_millis: f64) -> f64 {
    Handshake::new(tls, rtt_millis).hidden_window_millis()
}

/// A coloured stretch of a timeline bar: from, to (ms) and its paint.
type Span = (f64, f64, Paint);

/// The opening figure: the handshake of `tls` at a round trip of
/// `rtt_millis` (TCP's round trip in grey, TLS's in accent, the request's
/// last half trip in ink) above a 5 ms start of the early days and a
/// 400 ms start of today, both beginning when the server reads SNI. A dashed
/// line marks the request's arrival: a start that ends before it is hidden.
pub fn tls_timeline(width: f64, height: f64, tls: TlsVersion, rtt_millis: f64) -> Drawing {
    let (width, height) = (width.max(1.0), height.max(1.0));
    let h = Handshake::new(tls, rtt_millis.max(0.1));
    let mut d = Drawing::new(width, height);
    let font = if width < 480.0 { 10.0 } else { 12.0 };
    let (sni, arrives) = (h.sni_read_millis, h.request_arrives_millis);
    let span = (sni + TODAY_START_MILLIS).max(arrives) * 1.05;
    let (left, right) = (8.0, width - 8.0);
    let x = |ms: f64| left + (right - left) * ms / span;
    let bars: [(String, Vec<Span>); 3] = [
        (
            format!(
                "{} handshake: {} round trips with TCP's",
                tls.name(),
                tls.round_trips()
            ),
            vec![
                (0.0, h.tcp_done_millis, Paint::Muted),
                (h.tcp_done_millis, h.handshake_done_millis, Paint::Accent),
                (h.handshake_done_millis, arrives, Paint::Ink),
            ],
        ),
        (
            format!("Worker start then: {EARLY_START_MILLIS} ms"),
            vec![(sni, sni + EARLY_START_MILLIS, Paint::Good)],
        ),
        (
            format!("Worker start today: up to {TODAY_START_MILLIS} ms"),
            vec![(sni, sni + TODAY_START_MILLIS, Paint::Bad)],
        ),
    ];
    let row = ((height - 2.0 * (font + 6.0) - 8.0) / 3.0).max(font + 6.0);
    let bar_h = (row - font - 8.0).clamp(3.0, 18.0);
    for (i, (label, segments)) in bars.iter().enumerate() {
        let top = 4.0 + row * i as f64;
        d.text(
            Point::new(left, top + font),
            label.as_str(),
            font,
            Paint::Ink,
        );
        let bar_top = top + font + 4.0;
        for &(from, to, paint) in segments {
            let at = Point::new(x(from), bar_top);
            d.push(rect(
                at,
                (x(to) - x(from)).max(2.0),
                bar_h,
                Some(paint),
                None,
            ));
        }
        // The arrival line crosses the bars, not their labels.
        let from = Point::new(x(arrives), bar_top - 2.0);
        let to = Point::new(x(arrives), bar_top + bar_h + 2.0);
        d.push(Shape::Line {
            from,
            to,
            paint: Paint::Ink,
            width: 1.5,
            dashed: true,
            arrow: false,
        });
    }
    let axis_y = 4.0 + row * 3.0;
    d.line(
        Point::new(left, axis_y),
        Point::new(right, axis_y),
        Paint::Muted,
        1.0,
    );
    draw_ticks(&mut d, &x, span, axis_y, font);
    let events_y = (axis_y + 2.0 * font + 8.0).min(height - 2.0);
    d.push(text_at(
        Point::new(x(sni), events_y),
        "SNI read",
        font,
        Anchor::Middle,
        false,
    ));
    let (anchor, dx) = if x(arrives) > width * 0.6 {
        (Anchor::End, -15.0)
    } else {
        (Anchor::Start, 15.0)
    };
    let arrival = format!("request arrives at {arrives:.0} ms");
    d.push(text_at(
        Point::new(x(arrives) + dx, events_y),
        arrival,
        font,
        anchor,
        true,
    ));
    d.description = format!(
        "With {} at a {:.0} ms round trip, the server learns the worker's name from SNI at \
         {sni:.0} ms and the request arrives at {arrives:.0} ms: {}; {}.",
        tls.name(),
        h.rtt_millis,
        h.outcome(EARLY_START_MILLIS),
        h.outcome(TODAY_START_MILLIS)
    );
    d
}

/// Tick marks every 100 ms (every 50 ms on short spans) under the axis.
fn draw_ticks(d: &mut Drawing, x: &dyn Fn(f64) -> f64, span: f64, axis_y: f64, font: f64) {
    let step = if span > 300.0 { 100.0 } else { 50.0 };
    for i in 0..=((span / step) as u32) {
        let ms = f64::from(i) * step;
        d.line(
            Point::new(x(ms), axis_y),
            Point::new(x(ms), axis_y + 4.0),
            Paint::Muted,
            1.0,
        );
        let (label, anchor) = match i {
            0 => ("0 ms".to_string(), Anchor::Start),
            _ => (format!("{ms:.0}"), Anchor::Middle),
        };
        d.push(text_at(
            Point::new(x(ms), axis_y + font + 4.0),
            label,
            font * 0.9,
            anchor,
            false,
        ));
    }
}
