//! Live metric charts, drawn with plotters on a canvas.
//!
//! One small chart per metric. In compare mode both designs share the chart:
//! side A solid in the accent colour, side B in the second series colour, so
//! the difference reads at a glance.

use crate::paint;
use mp_layout::Paint;
use mp_models::Series;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

fn rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Bounds of the visible data, padded; never empty.
fn bounds(a: &Series, b: Option<&Series>) -> (f64, f64, f64, f64) {
    let pts = a
        .points
        .iter()
        .chain(b.into_iter().flat_map(|s| s.points.iter()));
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in pts {
        if p[0].is_finite() && p[1].is_finite() {
            x0 = x0.min(p[0]);
            x1 = x1.max(p[0]);
            y0 = y0.min(p[1]);
            y1 = y1.max(p[1]);
        }
    }
    if x0 > x1 {
        return (0.0, 1.0, 0.0, 1.0);
    }
    // Start at zero unless every value sits high above it (99.8% against
    // 99.99% warm would otherwise look the same).
    let y0 = if y0 > 0.0 && y0 > 0.6 * y1 {
        y0 - (y1 - y0) * 0.15
    } else {
        y0.min(0.0)
    };
    let y1 = if y1 <= y0 {
        y0 + 1.0
    } else {
        y1 + (y1 - y0) * 0.08
    };
    let x1 = if x1 <= x0 { x0 + 1.0 } else { x1 };
    (x0, x1, y0, y1)
}

/// Round tick values covering `lo..hi`, about `n` of them.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).abs().max(1e-12);
    let raw = span / n.max(1) as f64;
    let mag = libm::pow(10.0, libm::floor(libm::log10(raw)));
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = libm::ceil(lo / step) * step;
    (0..=n * 2 + 2)
        .map(|i| first + step * i as f64)
        .take_while(|v| *v <= hi + step * 1e-9)
        .collect()
}

/// Draws one metric (and its compared twin) on `canvas` at CSS size w×h.
///
/// Plotters maps coordinates and draws grid and lines; the text (title and
/// tick labels) is drawn straight on the canvas context, because plotters'
/// browser text measurement writes inline styles, which a strict
/// Content-Security-Policy (`style-src 'self'`) forbids.
pub fn draw(
    canvas: &HtmlCanvasElement,
    w: f64,
    h: f64,
    a: &Series,
    b: Option<&Series>,
    dark: bool,
) {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    canvas.set_width((w * ratio) as u32);
    canvas.set_height((h * ratio) as u32);
    let _ = canvas.style().set_property("height", &format!("{h}px"));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let colour = |p: Paint| rgb(&paint::colour(p, dark));
    if root.fill(&colour(Paint::Background)).is_err() {
        return;
    }
    let (x0, x1, y0, y1) = bounds(a, b);
    let px = |v: f64| (v * ratio) as i32;
    let area = root.margin(px(24.0), px(20.0), px(48.0), px(10.0));
    let Ok(mut chart) = ChartBuilder::on(&area).build_cartesian_2d(x0..x1, y0..y1) else {
        return;
    };
    let grid = colour(Paint::Faint);
    let y_ticks = ticks(y0, y1, 4);
    let x_ticks = ticks(x0, x1, 4);
    for y in &y_ticks {
        let _ = chart.draw_series(LineSeries::new(
            vec![(x0, *y), (x1, *y)],
            grid.stroke_width(1),
        ));
    }
    // Steps, not slopes: a value holds until the next sample.
    let line = |s: &Series| {
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(s.points.len() * 2);
        for p in &s.points {
            if let Some(&(_, y)) = out.last() {
                out.push((p[0], y));
            }
            out.push((p[0], p[1]));
        }
        out
    };
    let width = (2.0 * ratio) as u32;
    let dot = (3.0 * ratio) as i32;
    for (s, p) in [(Some(a), Paint::Accent), (b, Paint::Series(1))] {
        let Some(s) = s else { continue };
        let c = colour(p);
        let _ = chart.draw_series(LineSeries::new(line(s), c.stroke_width(width)));
        // A lone sample has no segment to draw: mark it.
        if let [only] = s.points.as_slice() {
            let _ = chart.draw_series(std::iter::once(Circle::new(
                (only[0], only[1]),
                dot,
                c.filled(),
            )));
        }
    }
    let _ = root.present();
    let labels_y: Vec<(String, (i32, i32))> = y_ticks
        .iter()
        .map(|y| (format_value(*y), chart.backend_coord(&(x0, *y))))
        .collect();
    let x_step = x_ticks
        .windows(2)
        .map(|w| w[1] - w[0])
        .next()
        .unwrap_or(1.0);
    let labels_x: Vec<(String, (i32, i32))> = x_ticks
        .iter()
        .map(|x| (format_tick_secs(*x, x_step), chart.backend_coord(&(*x, y0))))
        .collect();
    let title = match a.unit.as_str() {
        "" => a.label.clone(),
        u => format!("{} ({u})", a.label),
    };
    draw_text(canvas, ratio, dark, &title, &labels_x, &labels_y);
}

fn draw_text(
    canvas: &HtmlCanvasElement,
    ratio: f64,
    dark: bool,
    title: &str,
    xs: &[(String, (i32, i32))],
    ys: &[(String, (i32, i32))],
) {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_fill_style_str(&paint::colour(Paint::Ink, dark));
    ctx.set_text_align("left");
    ctx.set_text_baseline("alphabetic");
    // Shrink a long title to fit the width rather than cut it.
    let room = f64::from(canvas.width()) - 12.0 * ratio;
    let mut size = 12.5;
    loop {
        ctx.set_font(&format!("600 {}px system-ui, sans-serif", size * ratio));
        let fits = ctx.measure_text(title).map_or(true, |m| m.width() <= room);
        if fits || size <= 8.5 {
            break;
        }
        size -= 0.5;
    }
    let _ = ctx.fill_text(title, 6.0 * ratio, 16.0 * ratio);
    ctx.set_fill_style_str(&paint::colour(Paint::Muted, dark));
    ctx.set_font(&format!("{}px system-ui, sans-serif", 11.0 * ratio));
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    for (text, (x, y)) in ys {
        let _ = ctx.fill_text(text, f64::from(*x) - 5.0 * ratio, f64::from(*y));
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("top");
    for (text, (x, y)) in xs {
        let _ = ctx.fill_text(text, f64::from(*x), f64::from(*y) + 4.0 * ratio);
    }
}

/// Axis label for a time tick, precise enough to tell ticks `step` apart.
fn format_tick_secs(v: f64, step: f64) -> String {
    // One decimal only where whole units would repeat or mislead.
    let num = |x: f64| {
        let r = libm::round(x * 10.0) / 10.0;
        if r == libm::round(r) {
            format!("{r:.0}")
        } else {
            format!("{r:.1}")
        }
    };
    if step < 60.0 && v < 600.0 {
        format!("{}s", num(v))
    } else if step < 3_600.0 && v < 86_400.0 {
        format!("{}m", num(v / 60.0))
    } else if step < 86_400.0 {
        format!("{}h", num(v / 3_600.0))
    } else {
        format!("{}d", num(v / 86_400.0))
    }
}

/// Compact number for axes and summaries.
pub fn format_value(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 100.0 || v == v.trunc() {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}
