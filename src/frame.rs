//! The animation loop and painting.
//!
//! A requestAnimationFrame loop runs only while the run is playing AND the
//! tab is visible AND the figure is on screen; otherwise no frame is
//! requested and no CPU is spent. Each frame advances the player by the
//! frame's wall time (clamped, so a stalled tab does not jump), repaints the
//! diagrams, and at most a few times a second re-renders the controls and
//! charts.

use crate::charts;
use crate::env;
use crate::paint;
use crate::player::Player;
use gloo::render::{request_animation_frame, AnimationFrame};
use mp_layout::{draw_scene, DrawOptions, Drawing, Paint, Point};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

/// Controls and charts refresh at most this often while playing.
const UI_REFRESH_MS: f64 = 250.0;
/// With reduced motion the diagram repaints in discrete steps this far apart.
const REDUCED_MOTION_FRAME_MS: f64 = 600.0;

/// Everything the loop needs, shared by the component and its callbacks.
pub struct LoopCtx {
    /// The runs.
    pub player: Rc<RefCell<Player>>,
    /// Diagram canvases of side A and B.
    pub canvas_a: NodeRef,
    /// Side B's canvas.
    pub canvas_b: NodeRef,
    /// The element holding chart canvases.
    pub charts: NodeRef,
    /// The diagrams' container: the loop runs only while it is on screen.
    pub stage: NodeRef,
    /// Re-renders the component.
    pub refresh: Callback<()>,
    /// The tab is visible.
    pub visible: Cell<bool>,
    /// The figure intersects the viewport.
    pub onscreen: Cell<bool>,
    /// Dark theme in force.
    pub dark: Cell<bool>,
    /// Reader prefers reduced motion.
    pub reduced: Cell<bool>,
    /// The selected target (keyboard / select box).
    pub selected: RefCell<Option<String>>,
    /// Last drawings, for hit tests and target lists.
    pub drawings: RefCell<(Option<Drawing>, Option<Drawing>)>,
    raf: RefCell<Option<AnimationFrame>>,
    last_ts: Cell<Option<f64>>,
    last_ui_ms: Cell<f64>,
    last_paint_ms: Cell<f64>,
    chart_sig: Cell<u64>,
    /// Narration lines the page last showed (to scroll new ones into view).
    pub notes_seen: Cell<usize>,
    /// Target signature the controls were last rendered with.
    pub rendered_targets: Cell<u64>,
    /// Called whenever playback stops (to update the URL).
    pub on_stop: RefCell<Option<Callback<()>>>,
}

impl LoopCtx {
    /// A loop context for `player`.
    pub fn new(player: Rc<RefCell<Player>>, refresh: Callback<()>) -> Self {
        LoopCtx {
            player,
            canvas_a: NodeRef::default(),
            canvas_b: NodeRef::default(),
            charts: NodeRef::default(),
            stage: NodeRef::default(),
            refresh,
            visible: Cell::new(env::page_visible()),
            onscreen: Cell::new(true),
            dark: Cell::new(false),
            reduced: Cell::new(env::reduced_motion()),
            selected: RefCell::new(None),
            drawings: RefCell::new((None, None)),
            raf: RefCell::new(None),
            last_ts: Cell::new(None),
            last_ui_ms: Cell::new(0.0),
            last_paint_ms: Cell::new(0.0),
            chart_sig: Cell::new(u64::MAX),
            rendered_targets: Cell::new(0),
            notes_seen: Cell::new(usize::MAX),
            on_stop: RefCell::new(None),
        }
    }

    /// A fingerprint of side A's clickable targets (ids and labels).
    pub fn target_signature(&self) -> u64 {
        let drawings = self.drawings.borrow();
        let mut d = mp_models::Digest::new();
        for t in drawings.0.iter().flat_map(|d| d.targets.iter()) {
            d.str(&t.id).str(&t.label);
        }
        d.finish()
    }

    /// Whether frames should be requested now.
    fn should_run(&self) -> bool {
        let p = self.player.borrow();
        self.visible.get() && self.onscreen.get() && (p.playing || p.seeking().is_some())
    }

    /// Starts the loop if it should run and is not running.
    pub fn kick(self: &Rc<Self>) {
        if self.raf.borrow().is_some() || !self.should_run() {
            return;
        }
        self.last_ts.set(None);
        schedule(self.clone());
    }

    /// Stops requesting frames.
    pub fn halt(&self) {
        self.raf.borrow_mut().take();
        self.last_ts.set(None);
    }

    /// Paints the diagrams now.
    pub fn paint_diagrams(&self) {
        let player = self.player.borrow();
        let opts = DrawOptions {
            reduced_motion: self.reduced.get(),
            selected: self.selected.borrow().clone(),
        };
        let a = paint_side(&self.canvas_a, &player, &*player.a, &opts, self.dark.get());
        let b = player
            .b
            .as_ref()
            .and_then(|b| paint_side(&self.canvas_b, &player, &**b, &opts, self.dark.get()));
        *self.drawings.borrow_mut() = (a, b);
    }

    /// Repaints the charts if the metrics changed since last time (or `force`).
    pub fn paint_charts(&self, force: bool) {
        let player = self.player.borrow();
        let count =
            |m: &mp_models::Metrics| m.series.iter().map(|s| s.points.len() as u64).sum::<u64>();
        let sig = count(player.a.metrics())
            + player.b.as_ref().map_or(0, |b| count(b.metrics()) << 32)
            + u64::from(self.dark.get()) * 7_919;
        if !force && sig == self.chart_sig.get() {
            return;
        }
        self.chart_sig.set(sig);
        let Some(holder) = self.charts.cast::<HtmlElement>() else {
            return;
        };
        let canvases = holder.query_selector_all("canvas.chart");
        let Ok(list) = canvases else { return };
        for i in 0..list.length() {
            let Some(canvas) = list
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlCanvasElement>().ok())
            else {
                continue;
            };
            let key = canvas.get_attribute("data-metric").unwrap_or_default();
            let Some(sa) = player.a.metrics().get(&key) else {
                continue;
            };
            let sb = player.b.as_ref().and_then(|b| b.metrics().get(&key));
            let w = canvas
                .parent_element()
                .map_or(300.0, |p| f64::from(p.client_width()))
                .max(200.0);
            charts::draw(&canvas, w, 170.0, sa, sb, self.dark.get());
        }
    }

    /// The playhead changed outside the loop (seek, step): repaint all.
    pub fn repaint_all(&self) {
        self.paint_diagrams();
        self.paint_charts(false);
    }
}

fn paint_side(
    node: &NodeRef,
    player: &Player,
    run: &dyn mp_models::scenes::SceneRun,
    opts: &DrawOptions,
    dark: bool,
) -> Option<Drawing> {
    let canvas = node.cast::<HtmlCanvasElement>()?;
    let width = canvas
        .parent_element()
        .map_or(600.0, |p| f64::from(p.client_width()))
        .clamp(280.0, 1400.0);
    let height = (player.ui.height)(width);
    let drawing = draw_scene(player.scene.id, run, width, height, opts).unwrap_or_else(|| {
        let mut d = Drawing::new(width, height);
        d.text_mid(
            Point::new(width / 2.0, height / 2.0),
            "This scene has no picture yet.",
            14.0,
            Paint::Muted,
        );
        d.description = "No picture available.".to_string();
        d
    });
    paint::paint(&canvas, &drawing, dark);
    Some(drawing)
}

fn schedule(ctx: Rc<LoopCtx>) {
    let inner = ctx.clone();
    let handle = request_animation_frame(move |ts| on_frame(inner, ts));
    *ctx.raf.borrow_mut() = Some(handle);
}

fn on_frame(ctx: Rc<LoopCtx>, ts: f64) {
    ctx.raf.borrow_mut().take();
    let dt_secs = ctx
        .last_ts
        .get()
        .map_or(0.0, |last| ((ts - last) / 1e3).clamp(0.0, 0.1));
    ctx.last_ts.set(Some(ts));
    let changed = ctx.player.borrow_mut().tick(dt_secs);
    let reduced = ctx.reduced.get();
    if changed && (!reduced || ts - ctx.last_paint_ms.get() >= REDUCED_MOTION_FRAME_MS) {
        ctx.paint_diagrams();
        ctx.last_paint_ms.set(ts);
    }
    if ts - ctx.last_ui_ms.get() >= UI_REFRESH_MS {
        ctx.last_ui_ms.set(ts);
        ctx.paint_charts(false);
        ctx.refresh.emit(());
    }
    if ctx.should_run() {
        schedule(ctx);
    } else {
        ctx.last_ts.set(None);
        ctx.paint_diagrams();
        ctx.paint_charts(false);
        ctx.refresh.emit(());
        let idle = {
            let p = ctx.player.borrow();
            !p.playing && p.seeking().is_none()
        };
        if idle {
            if let Some(cb) = ctx.on_stop.borrow().as_ref() {
                cb.emit(());
            }
        }
    }
}
