//! Picture export: the diagram(s) as one PNG with a caption line naming the
//! scene, each side's design and the simulated time, so a saved picture
//! still says what it shows.

use crate::paint;
use crate::scene_page::Shared;
use mp_layout::Paint;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

const CAPTION_PX: f64 = 30.0;
const GAP_PX: f64 = 12.0;

/// A PNG data URL of side A (and B when comparing) with captions.
pub fn picture(s: &Shared) -> Option<String> {
    let a = s.ctx.canvas_a.cast::<HtmlCanvasElement>()?;
    let b = s
        .ctx
        .canvas_b
        .cast::<HtmlCanvasElement>()
        .filter(|_| s.player.borrow().b.is_some());
    let p = s.player.borrow();
    let dark = s.ctx.dark.get();
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    let (wa, ha) = (f64::from(a.width()), f64::from(a.height()));
    let (wb, hb) = b.as_ref().map_or((0.0, 0.0), |b| {
        (f64::from(b.width()), f64::from(b.height()))
    });
    let gap = if b.is_some() { GAP_PX * ratio } else { 0.0 };
    let caption = CAPTION_PX * ratio;
    let doc = crate::env::document()?;
    let out = doc
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()?;
    out.set_width((wa + gap + wb) as u32);
    out.set_height((caption + ha.max(hb)) as u32);
    let ctx = out
        .get_context("2d")
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    ctx.set_fill_style_str(&paint::colour(Paint::Background, dark));
    ctx.fill_rect(0.0, 0.0, f64::from(out.width()), f64::from(out.height()));
    ctx.set_fill_style_str(&paint::colour(Paint::Ink, dark));
    ctx.set_font(&format!("600 {}px system-ui, sans-serif", 14.0 * ratio));
    let when = format!(" \u{2014} t = {}", p.now());
    let title = |key: &str| format!("{}: {}{when}", p.scene.title, p.scene.design_label(key));
    let _ = ctx.fill_text(&title(&p.spec.design), 8.0 * ratio, 20.0 * ratio);
    let _ = ctx.draw_image_with_html_canvas_element(&a, 0.0, caption);
    if let (Some(b), Some(c)) = (&b, &p.spec.compare) {
        let _ = ctx.fill_text(&title(c), wa + gap + 8.0 * ratio, 20.0 * ratio);
        let _ = ctx.draw_image_with_html_canvas_element(b, wa + gap, caption);
    }
    out.to_data_url().ok()
}
