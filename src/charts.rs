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
use web_sys::HtmlCanvasElement;

fn rgb(hex: &str) -> RGBColor {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Bounds of the visible data, padded; never empty.
fn bounds(a: &Series, b: Option<&Series>) -> (f64, f64, f64, f64) {
    let pts = a.points.iter().chain(b.into_iter().flat_map(|s| s.points.iter()));
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
    let y0 = y0.min(0.0);
    let y1 = if y1 <= y0 { y0 + 1.0 } else { y1 + (y1 - y0) * 0.08 };
    let x1 = if x1 <= x0 { x0 + 1.0 } else { x1 };
    (x0, x1, y0, y1)
}

/// Draws one metric (and its compared twin) on `canvas` at CSS size w×h.
pub fn draw(canvas: &HtmlCanvasElement, w: f64, h: f64, a: &Series, b: Option<&Series>, dark: bool) {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 3.0);
    canvas.set_width((w * ratio) as u32);
    canvas.set_height((h * ratio) as u32);
    let _ = canvas.style().set_property("height", &format!("{h}px"));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let bg = rgb(&paint::colour(Paint::Background, dark));
    let ink = rgb(&paint::colour(Paint::Muted, dark));
    let grid = rgb(&paint::colour(Paint::Faint, dark));
    let col_a = rgb(&paint::colour(Paint::Accent, dark));
    let col_b = rgb(&paint::colour(Paint::Series(1), dark));
    if root.fill(&bg).is_err() {
        return;
    }
    let (x0, x1, y0, y1) = bounds(a, b);
    let px = |v: f64| (v * ratio) as u32;
    let font = ("sans-serif", 11.0 * ratio).into_font().color(&ink);
    let title = match a.unit.as_str() {
        "" => a.label.clone(),
        u => format!("{} ({u})", a.label),
    };
    let chart = ChartBuilder::on(&root)
        .margin(px(6.0))
        .caption(title, ("sans-serif", 12.5 * ratio).into_font().color(&ink))
        .x_label_area_size(px(20.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(x0..x1, y0..y1);
    let Ok(mut chart) = chart else { return };
    let mesh = chart
        .configure_mesh()
        .light_line_style(grid)
        .bold_line_style(grid)
        .axis_style(ink)
        .label_style(font)
        .x_labels(4)
        .y_labels(4)
        .x_label_formatter(&|v| format_secs(*v))
        .y_label_formatter(&|v| format_value(*v))
        .draw();
    if mesh.is_err() {
        return;
    }
    let line = |s: &Series| s.points.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>();
    let width = (2.0 * ratio) as u32;
    let _ = chart.draw_series(LineSeries::new(line(a), col_a.stroke_width(width)));
    if let Some(b) = b {
        let _ = chart.draw_series(LineSeries::new(line(b), col_b.stroke_width(width)));
    }
    let _ = root.present();
}

/// Axis label for simulated seconds.
pub fn format_secs(v: f64) -> String {
    if v >= 86_400.0 {
        format!("{:.1}d", v / 86_400.0)
    } else if v >= 3_600.0 {
        format!("{:.1}h", v / 3_600.0)
    } else if v >= 120.0 {
        format!("{:.0}m", v / 60.0)
    } else {
        format!("{v:.0}s")
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
