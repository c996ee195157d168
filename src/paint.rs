//! Paints a layout [`Drawing`] onto a 2D canvas.
//!
//! The only place diagram pixels are made. The canvas backing store is sized
//! to CSS size × devicePixelRatio so lines stay sharp on HiDPI screens; the
//! layout works in CSS pixels throughout.

use mp_layout::{Anchor, Drawing, Paint, Shape};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The colour of a role in the light or dark theme.
pub fn colour(paint: Paint, dark: bool) -> String {
    if let Paint::Series(n) = paint {
        return series(n, dark).to_string();
    }
    let (light, night) = match paint {
        Paint::Ink => ("#1d2330", "#e6e9ef"),
        Paint::Muted => ("#5f6b7a", "#9aa4b2"),
        Paint::Faint => ("#e4e7ec", "#2a303b"),
        Paint::Background => ("#ffffff", "#12151b"),
        Paint::Surface => ("#f5f6f8", "#1b1f27"),
        Paint::Accent => ("#3358d4", "#7c9cff"),
        Paint::Good => ("#1f8a5b", "#4cc38a"),
        Paint::Bad => ("#c8372d", "#ff6b5e"),
        Paint::Warn => ("#b7791f", "#f0b44c"),
        Paint::Highlight => ("#e8590c", "#ff922b"),
        Paint::Series(_) => ("#000", "#fff"),
    };
    if dark { night } else { light }.to_string()
}

fn series(n: u16, dark: bool) -> &'static str {
    // Okabe–Ito order (colour-blind safe); brighter variants on dark.
    const LIGHT: [&str; 8] = [
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#b8a300",
    ];
    const DARK: [&str; 8] = [
        "#4da3e0", "#f5b841", "#2ec79b", "#e59ac4", "#7fcaf2", "#ff8a4c", "#b0b0b0", "#e0cc3a",
    ];
    let i = n as usize % LIGHT.len();
    if dark {
        DARK[i]
    } else {
        LIGHT[i]
    }
}

/// Resizes `canvas` for `css_w`×`css_h` at the device pixel ratio and
/// returns its context scaled to CSS pixels. `None` if no 2D context.
pub fn prepare(
    canvas: &HtmlCanvasElement,
    css_w: f64,
    css_h: f64,
) -> Option<CanvasRenderingContext2d> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let (pw, ph) = (
        (css_w * ratio).round() as u32,
        (css_h * ratio).round() as u32,
    );
    if canvas.width() != pw {
        canvas.set_width(pw);
    }
    if canvas.height() != ph {
        canvas.set_height(ph);
    }
    let style = canvas.style();
    let _ = style.set_property("height", &format!("{css_h}px"));
    let ctx = canvas
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    Some(ctx)
}

/// Paints `d` on a cleared canvas with the theme's background.
pub fn paint(canvas: &HtmlCanvasElement, d: &Drawing, dark: bool) {
    let Some(ctx) = prepare(canvas, d.width, d.height) else {
        return;
    };
    ctx.set_fill_style_str(&colour(Paint::Background, dark));
    ctx.fill_rect(0.0, 0.0, d.width, d.height);
    for shape in &d.shapes {
        paint_shape(&ctx, shape, dark);
    }
    canvas.set_attribute("aria-label", &d.description).ok();
}

fn stroke(ctx: &CanvasRenderingContext2d, s: Option<(Paint, f64)>, dark: bool) {
    if let Some((p, w)) = s {
        ctx.set_stroke_style_str(&colour(p, dark));
        ctx.set_line_width(w);
        ctx.stroke();
    }
}

fn fill(ctx: &CanvasRenderingContext2d, f: Option<Paint>, dark: bool) {
    if let Some(p) = f {
        ctx.set_fill_style_str(&colour(p, dark));
        ctx.fill();
    }
}

fn paint_shape(ctx: &CanvasRenderingContext2d, shape: &Shape, dark: bool) {
    use std::f64::consts::{FRAC_PI_2, TAU};
    match shape {
        Shape::Circle {
            center,
            radius,
            fill: f,
            stroke: s,
        } => {
            ctx.begin_path();
            let _ = ctx.arc(center.x, center.y, radius.max(0.0), 0.0, TAU);
            fill(ctx, *f, dark);
            stroke(ctx, *s, dark);
        }
        Shape::Line {
            from,
            to,
            paint: p,
            width,
            dashed,
            arrow,
        } => {
            let dash = if *dashed { vec![5.0, 4.0] } else { vec![] };
            let arr = js_sys::Array::new();
            for v in dash {
                arr.push(&JsValue::from_f64(v));
            }
            let _ = ctx.set_line_dash(&arr);
            ctx.begin_path();
            ctx.move_to(from.x, from.y);
            ctx.line_to(to.x, to.y);
            stroke(ctx, Some((*p, *width)), dark);
            let _ = ctx.set_line_dash(&js_sys::Array::new());
            if *arrow {
                arrow_head(ctx, *from, *to, *p, *width, dark);
            }
        }
        Shape::Arc {
            center,
            radius,
            start,
            end,
            paint: p,
            width,
        } => {
            ctx.begin_path();
            let _ = ctx.arc(
                center.x,
                center.y,
                *radius,
                start - FRAC_PI_2,
                end - FRAC_PI_2,
            );
            stroke(ctx, Some((*p, *width)), dark);
        }
        Shape::Rect {
            at,
            w,
            h,
            radius,
            fill: f,
            stroke: s,
        } => {
            ctx.begin_path();
            rounded_rect(ctx, at.x, at.y, *w, *h, *radius);
            fill(ctx, *f, dark);
            stroke(ctx, *s, dark);
        }
        Shape::Text {
            at,
            text,
            size,
            paint: p,
            anchor,
            bold,
        } => {
            let weight = if *bold { "600 " } else { "" };
            ctx.set_font(&format!(
                "{weight}{size}px system-ui, -apple-system, 'Segoe UI', sans-serif"
            ));
            ctx.set_text_align(match anchor {
                Anchor::Start => "left",
                Anchor::Middle => "center",
                Anchor::End => "right",
            });
            ctx.set_fill_style_str(&colour(*p, dark));
            let _ = ctx.fill_text(text, at.x, at.y);
        }
        Shape::Path {
            points,
            fill: f,
            stroke: s,
        } => {
            let Some(first) = points.first() else { return };
            ctx.begin_path();
            ctx.move_to(first.x, first.y);
            for p in &points[1..] {
                ctx.line_to(p.x, p.y);
            }
            if f.is_some() {
                ctx.close_path();
            }
            fill(ctx, *f, dark);
            stroke(ctx, *s, dark);
        }
    }
}

fn arrow_head(
    ctx: &CanvasRenderingContext2d,
    from: mp_layout::Point,
    to: mp_layout::Point,
    p: Paint,
    width: f64,
    dark: bool,
) {
    // The same triangle the SVG export draws.
    let [tip, left, right] = mp_layout::drawing::arrow_head(from, to, width);
    ctx.begin_path();
    ctx.move_to(tip.x, tip.y);
    ctx.line_to(left.x, left.y);
    ctx.line_to(right.x, right.y);
    ctx.close_path();
    fill(ctx, Some(p), dark);
}

fn rounded_rect(ctx: &CanvasRenderingContext2d, x: f64, y: f64, w: f64, h: f64, r: f64) {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    ctx.move_to(x + r, y);
    let _ = ctx.arc_to(x + w, y, x + w, y + h, r);
    let _ = ctx.arc_to(x + w, y + h, x, y + h, r);
    let _ = ctx.arc_to(x, y + h, x, y, r);
    let _ = ctx.arc_to(x, y, x + w, y, r);
    ctx.close_path();
}
