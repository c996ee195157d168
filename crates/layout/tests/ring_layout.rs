//! Layout tests of the hash-ring scene: one target per server (few
//! servers), capped targets (many), no NaN, everything inside the frame,
//! a description, every design at narrow and wide sizes.
//!
//! Set `MP_RING_SVG_DIR` to a directory to also write the drawings as SVG.

mod common;

use common::assert_shapes_in_frame;
use mp_layout::{draw_scene, svg, DrawOptions, Drawing, Shape};
use mp_models::scenes::ring::{self, RingModel};
use mp_models::{ActionList, ParamValue, Params, Run, SimTime};

const DESIGNS: [&str; 6] = ["ring", "modn", "rendezvous", "jump", "maglev", "bounded"];

fn params(pairs: &[(&str, i64)]) -> Params {
    let mut p = Params::defaults(&ring::params());
    for &(k, v) in pairs {
        p.set(k, ParamValue::Int(v));
    }
    p
}

/// A run of `design` moved to `t_secs`, with a change at 5 s.
fn run(design: &str, p: &Params, actions: &str, t_secs: f64) -> Run<RingModel> {
    let (list, notes) = ActionList::parse(actions);
    assert!(notes.is_empty(), "{notes:?}");
    let mut run = Run::new(RingModel::new(p, 7, design), list);
    run.seek(SimTime::from_secs_f64(t_secs));
    run
}

fn draw(run: &Run<RingModel>, w: f64, h: f64, opts: &DrawOptions) -> Drawing {
    draw_scene("hash-ring", run, w, h, opts).unwrap_or_else(|| panic!("no drawing"))
}

/// No NaN anywhere and every shape inside the frame.
fn check_frame(d: &Drawing, what: &str) {
    assert_shapes_in_frame(d, 0.51, what);
    for t in &d.targets {
        assert!(
            t.center.x.is_finite() && t.center.y.is_finite() && t.radius > 0.0,
            "{what}"
        );
        assert!(t.center.x >= 0.0 && t.center.x <= d.width, "{what}: {t:?}");
        assert!(t.center.y >= 0.0 && t.center.y <= d.height, "{what}: {t:?}");
        assert!(!t.label.is_empty());
    }
    assert!(d.description.len() > 40, "{what}: {}", d.description);
    if let Ok(dir) = std::env::var("MP_RING_SVG_DIR") {
        let path = format!("{dir}/{}.svg", what.replace([' ', '/'], "_"));
        std::fs::write(path, svg::to_svg(d)).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn one_target_per_server_in_every_design() {
    let p = params(&[]);
    for design in DESIGNS {
        let r = run(design, &p, "1:add;2:remove:3", 2.2);
        let d = draw(&r, 800.0, 500.0, &DrawOptions::default());
        let mut ids: Vec<String> = d.targets.iter().map(|t| t.id.clone()).collect();
        ids.sort();
        let mut want: Vec<String> = [0, 1, 2, 4, 5, 6, 7, 8]
            .iter()
            .map(|s| format!("server:{s}"))
            .collect();
        want.sort();
        assert_eq!(ids, want, "{design}");
        assert!(
            d.description.contains("Last change"),
            "{design}: {}",
            d.description
        );
    }
}

#[test]
fn targets_are_capped_when_there_are_many_servers() {
    let p = params(&[("servers", 300), ("points", 100), ("keys", 10_000)]);
    for design in ["ring", "maglev"] {
        let r = run(design, &p, "1:add", 1.5);
        let d = draw(&r, 1200.0, 560.0, &DrawOptions::default());
        assert!(
            !d.targets.is_empty() && d.targets.len() <= 48,
            "{design}: {}",
            d.targets.len()
        );
        check_frame(&d, &format!("many {design}"));
    }
}

#[test]
fn every_design_fits_narrow_and_wide_frames() {
    let small = params(&[("servers", 5), ("points", 3), ("keys", 300)]);
    let default = params(&[]);
    for design in DESIGNS {
        for (name, p) in [("small", &small), ("default", &default)] {
            let r = run(design, p, "3:add;4:fail:1", 4.1);
            for (w, h) in [(320.0, 300.0), (560.0, 347.0), (1200.0, 560.0)] {
                for reduced in [false, true] {
                    let opts = DrawOptions {
                        reduced_motion: reduced,
                        selected: Some("server:2".into()),
                    };
                    let d = draw(&r, w, h, &opts);
                    check_frame(&d, &format!("{design} {name} {w} {reduced}"));
                }
            }
        }
    }
}

#[test]
fn reduced_motion_has_no_pulses() {
    let p = params(&[("rate", 200)]);
    let r = run("ring", &p, "", 3.05);
    let count = |reduced| {
        let opts = DrawOptions {
            reduced_motion: reduced,
            selected: None,
        };
        draw(&r, 600.0, 400.0, &opts).shapes.len()
    };
    assert!(count(false) > count(true));
}

#[test]
fn moved_keys_are_lit_then_fade() {
    let p = params(&[]);
    let lit = |t| {
        let r = run("ring", &p, "1:add", t);
        let d = draw(
            &r,
            600.0,
            400.0,
            &DrawOptions {
                reduced_motion: true,
                selected: None,
            },
        );
        d.shapes
            .iter()
            .filter(|s| {
                matches!(
                    s,
                    Shape::Circle {
                        fill: Some(mp_layout::Paint::Highlight),
                        ..
                    }
                )
            })
            .count()
    };
    assert!(lit(2.0) > 50);
    assert_eq!(lit(30.0), 0);
}

#[test]
fn other_scenes_runs_are_not_drawn_as_rings() {
    for scene in mp_models::scenes::all()
        .into_iter()
        .filter(|s| s.id != "hash-ring")
    {
        let p = Params::defaults(&(scene.params)());
        let other = (scene.build)(&p, 1, scene.designs[0].0, ActionList::new());
        let opts = DrawOptions::default();
        assert!(
            mp_layout::ring::draw(&*other, 400.0, 300.0, &opts).is_none(),
            "{}",
            scene.id
        );
    }
}

#[test]
fn edge_configurations_draw_inside_the_frame() {
    let one = params(&[("servers", 1), ("points", 1), ("keys", 1)]);
    let mut tiny_table = params(&[("servers", 20)]);
    tiny_table.set("table", ParamValue::Text("7".into()));
    for design in DESIGNS {
        for (name, p) in [("one", &one), ("tiny table", &tiny_table)] {
            let r = run(design, p, "1:add;2:remove:0", 2.1);
            let d = draw(&r, 320.0, 300.0, &DrawOptions::default());
            check_frame(&d, &format!("{design} {name}"));
        }
    }
    let r = run("ring", &one, "", 1.0);
    let d = draw(&r, f64::NAN, f64::INFINITY, &DrawOptions::default());
    check_frame(&d, "ring nan size");
}
