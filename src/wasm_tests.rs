//! In-browser tests of the parts that need a real canvas or the wasm build:
//! painting, charts, event pacing and the worker entry point. Run by
//! `cargo test --target wasm32-unknown-unknown -p moving-parts` (headless
//! Chromium through chromedriver; see tests/README.md).

use crate::{charts, paint, player::Player};
use mp_layout::{Drawing, Paint, Point, Shape};
use mp_models::{scenes, url::RunSpec, Series, SimTime};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn canvas() -> HtmlCanvasElement {
    let doc = crate::env::document().expect("a document");
    let c = doc
        .create_element("canvas")
        .expect("a canvas")
        .dyn_into::<HtmlCanvasElement>();
    let c = c.expect("canvas element");
    doc.body()
        .expect("a body")
        .append_child(&c)
        .expect("attached");
    c
}

/// Pixels (RGBA) of the whole backing store.
fn pixels(c: &HtmlCanvasElement) -> Vec<u8> {
    let ctx = c.get_context("2d").ok().flatten().expect("2d");
    let ctx = ctx.dyn_into::<CanvasRenderingContext2d>().expect("ctx");
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    let data = ctx
        .get_image_data(0.0, 0.0, c.width().into(), c.height().into())
        .expect("data");
    data.data().0
}

fn count_colour(px: &[u8], hex: &str) -> usize {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("hex");
    let (r, g, b) = ((v >> 16) as u8, (v >> 8) as u8, v as u8);
    px.chunks(4)
        .filter(|p| p[0].abs_diff(r) < 8 && p[1].abs_diff(g) < 8 && p[2].abs_diff(b) < 8)
        .count()
}

#[wasm_bindgen_test]
fn paint_fills_background_and_draws_shapes_in_theme_colours() {
    let c = canvas();
    let mut d = Drawing::new(120.0, 80.0);
    d.push(Shape::Circle {
        center: Point::new(60.0, 40.0),
        radius: 20.0,
        fill: Some(Paint::Bad),
        stroke: None,
    });
    for dark in [false, true] {
        paint::paint(&c, &d, dark);
        let px = pixels(&c);
        let bad = count_colour(&px, &paint::colour(Paint::Bad, dark));
        let bg = count_colour(&px, &paint::colour(Paint::Background, dark));
        let ratio = c.width() as f64 / 120.0;
        let disc = std::f64::consts::PI * (20.0 * ratio) * (20.0 * ratio);
        assert!(
            (bad as f64) > disc * 0.8 && (bad as f64) < disc * 1.2,
            "disc {bad} vs {disc}"
        );
        assert!(bg > px.len() / 4 / 2, "background {bg}");
    }
}

#[wasm_bindgen_test]
fn chart_draws_both_designs_in_their_colours() {
    let c = canvas();
    let series = |slope: f64| Series {
        key: "k".into(),
        label: "Test".into(),
        unit: "%".into(),
        points: (0..20).map(|i| [i as f64, slope * i as f64]).collect(),
    };
    let (a, b) = (series(1.0), series(2.0));
    charts::draw(&c, 300.0, 170.0, &a, Some(&b), false);
    let px = pixels(&c);
    assert!(
        count_colour(&px, &paint::colour(Paint::Accent, false)) > 100,
        "side A line"
    );
    assert!(
        count_colour(&px, &paint::colour(Paint::Series(1), false)) > 100,
        "side B line"
    );
}

#[wasm_bindgen_test]
fn event_pacing_spends_the_same_wall_time_on_every_gap() {
    let scene = scenes::find("payments").expect("payments scene");
    let mut p = Player::new(scene, RunSpec::defaults(&scene));
    let per_event = p.ui.wall_secs_per_event.expect("payments paces by events");
    p.playing = true;
    let first = p.a.next_at().expect("a first event");
    // Just short of one gap's wall time: not there yet; then there.
    let frames = (per_event / 0.05) as usize;
    for _ in 0..frames - 1 {
        p.tick(0.05);
    }
    assert!(p.now() < first, "{} vs {first}", p.now());
    p.tick(0.05);
    p.tick(0.05);
    assert!(p.now() >= first);
}

#[wasm_bindgen_test]
fn clock_pacing_advances_by_pace_times_speed() {
    let scene = scenes::find("worker-sharding").expect("sharding scene");
    let mut p = Player::new(scene, RunSpec::defaults(&scene));
    p.playing = true;
    p.set_speed(2.0);
    p.tick(0.05);
    let expected = SimTime::from_secs_f64(0.05 * 2.0 * p.ui.pace);
    assert_eq!(p.now(), expected);
}

#[wasm_bindgen_test]
fn worker_entry_answers_json_for_good_and_bad_requests() {
    let noop = js_sys::Function::new_no_args("");
    let bad = crate::batch::worker_run("not json", &noop);
    assert!(bad.contains("\"error\""), "{bad}");
    let req = r#"{"batch":"spread","query":"?scene=hash-ring&servers=5&keys=200"}"#;
    let good = crate::batch::worker_run(req, &noop);
    let v: serde_json::Value = serde_json::from_str(&good).expect("json");
    assert!(
        v["ok"]["rows"].as_array().is_some_and(|r| !r.is_empty()),
        "{good}"
    );
}

#[wasm_bindgen_test]
fn next_event_stops_at_the_next_narrated_line() {
    let scene = scenes::find("worker-sharding").expect("sharding scene");
    let mut p = Player::new(scene, RunSpec::defaults(&scene));
    let before = (p.a.notes().len(), p.a.steps());
    p.next_event();
    assert_eq!(
        p.a.notes().len(),
        before.0 + 1,
        "exactly the step that narrated"
    );
    assert!(
        p.a.steps() > before.1 + 1,
        "plain events in between were skipped"
    );
}
