//! Layout of the payments scene on fixed seeds: geometry stays finite and in
//! the frame from 320 to 1200 px, targets and description are there, and the
//! picture shows what the model did (webhooks, losses, breaks, lit states).

mod common;

use common::assert_shapes_in_frame;
use mp_layout::{payments, svg, Anchor, DrawOptions, Drawing, Paint, Shape};
use mp_models::scenes::payments as pay;
use mp_models::scenes::SceneRun;
use mp_models::{Action, ActionList, Params, SimTime};

const WIDTHS: [f64; 6] = [320.0, 400.0, 639.0, 640.0, 800.0, 1200.0];

/// The shell's height for a width (a hint; the layout may use more).
fn hint(w: f64) -> f64 {
    if w < 640.0 {
        900.0
    } else {
        (w * 0.6).clamp(480.0, 640.0)
    }
}

fn run(design: &str, method: &str, actions: &[(u64, &str, &str)]) -> Box<dyn SceneRun> {
    let specs = pay::params::params();
    let (params, notices) = Params::parse(&specs, &[("method".to_string(), method.to_string())]);
    assert!(notices.is_empty());
    let mut list = ActionList::new();
    for (t, kind, arg) in actions {
        list.insert(Action::new(SimTime::from_secs(*t), kind, arg));
    }
    pay::build(&params, 7, design, list)
}

fn draw_at(r: &mut Box<dyn SceneRun>, t: SimTime, w: f64, opts: &DrawOptions) -> Drawing {
    r.seek(t);
    payments::draw(r.as_ref(), w, hint(w), opts).expect("a payments drawing")
}

fn texts(d: &Drawing) -> Vec<&str> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn check_frame(d: &Drawing, what: &str) {
    assert_shapes_in_frame(d, 1.0, what);
    for s in &d.shapes {
        if let Shape::Text {
            at,
            text,
            anchor: Anchor::Start,
            size,
            ..
        } = s
        {
            let approx = text.chars().count() as f64 * size * 0.5;
            assert!(
                at.x + approx <= d.width + 12.0,
                "text runs off {what}: {text}"
            );
        }
    }
    for t in &d.targets {
        assert!(t.center.x.is_finite() && t.radius > 0.0, "{what}");
    }
    assert!(!d.description.is_empty(), "{what}");
}

#[test]
fn every_era_and_method_draws_finite_and_in_frame_at_all_widths() {
    let times = [0, 9, 60, 200, 3_600, 30_000, 5 * 86_400, 14 * 86_400];
    for (design, _) in pay::Era::DESIGNS {
        for method in pay::Method::ALL {
            let faults = [
                (0, "disconnect", ""),
                (0, "merchant-down", "webhook"),
                (100, "switch", ""),
            ];
            let mut r = run(design, method.key(), &faults);
            for w in WIDTHS {
                for t in times {
                    let d = draw_at(&mut r, SimTime::from_secs(t), w, &DrawOptions::default());
                    check_frame(&d, &format!("{design} {} w={w} t={t}", method.key()));
                }
            }
        }
    }
}

#[test]
fn lanes_offer_fault_targets_and_objects_offer_a_try() {
    let mut r = run("sources", "card", &[]);
    let d = draw_at(
        &mut r,
        SimTime::from_secs(60),
        800.0,
        &DrawOptions::default(),
    );
    let ids: Vec<&str> = d.targets.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "fault:disconnect",
        "fault:merchant-down",
        "fault:decline",
        "try:charge-source",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let browser = d
        .targets
        .iter()
        .find(|t| t.id == "fault:disconnect")
        .map(|t| t.center);
    let hit = browser.and_then(|p| d.hit(p)).map(|t| t.id.as_str());
    assert_eq!(hit, Some("fault:disconnect"));
    let opts = DrawOptions {
        selected: Some("fault:disconnect".into()),
        ..Default::default()
    };
    let chosen = draw_at(&mut r, SimTime::from_secs(60), 800.0, &opts);
    assert!(
        chosen.shapes.len() > d.shapes.len(),
        "the selected target is ringed"
    );
}

#[test]
fn webhooks_are_dashed_in_their_own_colour_and_lost_messages_are_marked() {
    let mut r = run("intents", "card", &[(0, "merchant-down", "webhook")]);
    let d = draw_at(
        &mut r,
        SimTime::from_secs(4 * 3_600),
        1000.0,
        &DrawOptions::default(),
    );
    let webhook = |s: &Shape| {
        matches!(
            s,
            Shape::Line {
                dashed: true,
                paint: Paint::Series(1),
                ..
            }
        )
    };
    assert!(d.shapes.iter().any(webhook), "a delivered webhook");
    let lost =
        |s: &Shape| matches!(s, Shape::Line { paint: Paint::Bad, width, .. } if *width == 2.0);
    assert!(d.shapes.iter().any(lost), "a lost webhook's cross");
    assert!(
        texts(&d).iter().any(|t| t.contains("later")),
        "the outage is a break row"
    );
    assert!(
        texts(&d).iter().any(|t| t.starts_with("#2 ")),
        "retries are numbered: {:?}",
        texts(&d)
    );
}

#[test]
fn a_message_in_flight_moves_unless_motion_is_reduced() {
    let mut r = run("intents", "ideal", &[]);
    r.seek(SimTime::ZERO);
    let mid = SimTime::from_micros(r.next_at().map_or(0, |t| t.micros()) / 2);
    let moving = draw_at(&mut r, mid, 800.0, &DrawOptions::default());
    let still_opts = DrawOptions {
        reduced_motion: true,
        ..Default::default()
    };
    let still = draw_at(&mut r, mid, 800.0, &still_opts);
    let dot = |d: &Drawing, filled: bool| {
        d.shapes.iter().any(|s| {
            matches!(s, Shape::Circle { radius, fill, .. } if *radius == 4.0 &&
            fill.is_some() == filled)
        })
    };
    assert!(dot(&moving, true), "a filled dot rides the arrow");
    assert!(
        dot(&still, false) && !dot(&still, true),
        "a hollow, still marker instead"
    );
}

#[test]
fn the_current_state_is_lit_and_the_last_move_named() {
    let mut r = run("sources", "ideal", &[(0, "disconnect", "")]);
    let d = draw_at(
        &mut r,
        SimTime::from_secs(7 * 3_600),
        1200.0,
        &DrawOptions::default(),
    );
    let lit = d.shapes.iter().any(|s| {
        matches!(
            s,
            Shape::Rect {
                fill: Some(Paint::Accent),
                ..
            }
        )
    });
    assert!(lit);
    let named = d.shapes.iter().any(
        |s| matches!(s, Shape::Text { text, paint: Paint::Highlight, .. } if text == "expires"),
    );
    assert!(named, "the Source just expired");
    assert!(
        d.description.contains("Source canceled"),
        "{}",
        d.description
    );
    assert!(d.description.contains("lost sale"), "{}", d.description);
}

#[test]
fn narrow_drawings_put_the_machines_below_and_report_their_height() {
    let mut r = run("intents", "card-3ds", &[]);
    let narrow = draw_at(
        &mut r,
        SimTime::from_secs(120),
        360.0,
        &DrawOptions::default(),
    );
    let wide = draw_at(
        &mut r,
        SimTime::from_secs(120),
        1000.0,
        &DrawOptions::default(),
    );
    let heading_y = |d: &Drawing| {
        d.shapes.iter().find_map(|s| match s {
            Shape::Text { text, at, .. } if text == "State machines of this era" => Some(*at),
            _ => None,
        })
    };
    let (n, w) = (
        heading_y(&narrow).expect("heading"),
        heading_y(&wide).expect("heading"),
    );
    assert!(n.y > 400.0 && n.x < 20.0, "below when narrow: {n:?}");
    assert!(w.y < 40.0 && w.x > 500.0, "beside when wide: {w:?}");
    assert!(narrow.height >= hint(360.0) - 1.0);
}

#[test]
fn an_era_that_cannot_take_the_method_shows_why() {
    let mut r = run("charge-2011", "voucher", &[]);
    let d = draw_at(
        &mut r,
        SimTime::from_secs(5),
        640.0,
        &DrawOptions::default(),
    );
    assert!(
        texts(&d).iter().any(|t| t.starts_with("Not offered")),
        "{:?}",
        texts(&d)
    );
    assert!(d.description.contains("not offered"), "{}", d.description);
    let picture = svg::to_svg(&d);
    assert!(picture.starts_with("<svg") && picture.contains("<title>"));
}
