//! Layout of the worker-sharding scene and the TLS welcome figure.

mod common;

use common::assert_shapes_in_frame;
use mp_layout::sharding::{hidden_window_millis, tls_timeline, TlsVersion};
use mp_layout::{draw_scene, svg, DrawOptions, Drawing, Shape};
use mp_models::scenes::sharding::{params::specs, DEF};
use mp_models::scenes::SceneRun;
use mp_models::{Action, ActionList, Params, SimTime};

fn run_at(secs: u64, actions: &str) -> Box<dyn SceneRun> {
    let (actions, notices) = ActionList::parse(actions);
    assert!(notices.is_empty());
    let mut run = (DEF.build)(&Params::defaults(&specs()), 7, "on", actions);
    run.advance_to(SimTime::from_secs(secs), u64::MAX);
    run
}

fn assert_sane(d: &Drawing) {
    assert!(!d.description.is_empty());
    assert_shapes_in_frame(d, 0.5, "sharding");
    assert!(svg::to_svg(d).starts_with("<svg"));
}

#[test]
fn every_server_is_a_labelled_target_at_narrow_and_wide_sizes() {
    let run = run_at(90, "");
    for (w, h) in [(320.0, 420.0), (1200.0, 640.0), (320.0, 240.0)] {
        let d = draw_scene(
            "worker-sharding",
            run.as_ref(),
            w,
            h,
            &DrawOptions::default(),
        )
        .expect("a sharding run draws");
        assert_sane(&d);
        assert_eq!(d.targets.len(), 24);
        for (i, t) in d.targets.iter().enumerate() {
            assert_eq!(t.id, format!("server:{i}"));
            assert!(
                t.label.starts_with(&format!("Server {i}")) && t.radius > 4.0,
                "{t:?}"
            );
        }
        assert!(d.description.contains("24 servers"), "{}", d.description);
    }
}

#[test]
fn requests_move_and_reduced_motion_stills_them() {
    let mut run = run_at(60, "");
    let dots = |run: &dyn SceneRun, reduced_motion| {
        let opts = DrawOptions {
            reduced_motion,
            selected: None,
        };
        let d = draw_scene("worker-sharding", run, 800.0, 500.0, &opts).expect("draws");
        d.shapes
            .iter()
            .filter(|s| matches!(s, Shape::Circle { .. }))
            .cloned()
            .collect::<Vec<_>>()
    };
    let moving = dots(run.as_ref(), false);
    let still = dots(run.as_ref(), true);
    assert!(
        moving.len() > still.len() + 5,
        "{} vs {}",
        moving.len(),
        still.len()
    );
    run.advance_to(SimTime::from_micros(60_000_500), u64::MAX);
    assert_ne!(
        dots(run.as_ref(), false),
        moving,
        "dots are functions of time"
    );
}

#[test]
fn failed_and_overloaded_servers_say_so() {
    let mut run = run_at(30, "10:fail:2");
    assert_eq!(run.record(Action::new(run.now(), "overload", "5")), Ok(()));
    let opts = DrawOptions {
        selected: Some("server:5".to_string()),
        ..DrawOptions::default()
    };
    let d = draw_scene("worker-sharding", run.as_ref(), 600.0, 400.0, &opts).expect("draws");
    assert_sane(&d);
    std::fs::write(
        std::env::temp_dir().join("sharding-faults.svg"),
        svg::to_svg(&d),
    )
    .ok();
    assert!(d.targets[2].label.contains("failed"), "{:?}", d.targets[2]);
    assert!(
        d.targets[5].label.contains("overloaded"),
        "{:?}",
        d.targets[5]
    );
    assert!(d.description.contains("1 failed"));
    let centre = d.targets[7].center;
    assert_eq!(d.hit(centre).map(|t| t.id.as_str()), Some("server:7"));
}

#[test]
fn the_tls_figure_shows_whether_a_start_hides_in_the_handshake() {
    assert_eq!(hidden_window_millis(TlsVersion::Tls12, 30.0), 60.0);
    assert_eq!(hidden_window_millis(TlsVersion::Tls13, 30.0), 30.0);
    assert_eq!(TlsVersion::Tls12.round_trips(), 3);
    for tls in [TlsVersion::Tls12, TlsVersion::Tls13] {
        for (w, h) in [(320.0, 200.0), (1200.0, 260.0)] {
            let d = tls_timeline(w, h, tls, 30.0);
            assert_sane(&d);
            assert!(
                d.description.contains("5 ms start hides"),
                "{}",
                d.description
            );
        }
    }
    let d = tls_timeline(600.0, 220.0, TlsVersion::Tls13, 30.0);
    assert!(
        d.description.contains("arrives at 75 ms"),
        "{}",
        d.description
    );
    assert!(d.description.contains("wait 370 ms"), "{}", d.description);
    let fast = tls_timeline(600.0, 220.0, TlsVersion::Tls13, 2.0);
    assert!(
        fast.description
            .contains("5 ms start makes the request wait 3 ms"),
        "{}",
        fast.description
    );
}
