//! The worker-sharding model: accounting, determinism, replay, scrubbing,
//! faults and the effect sharding has on the default preset.

use mp_models::scenes::sharding::{params::specs, Design, ShardingModel, DEF};
use mp_models::{Action, ActionList, Model, NoteKind, Params, Run, SimTime};

fn params(pairs: &[(&str, &str)]) -> Params {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (p, notices) = Params::parse(&specs(), &pairs);
    assert!(notices.is_empty(), "{notices:?}");
    p
}

fn secs(s: u64) -> SimTime {
    SimTime::from_secs(s)
}

/// A small, quick configuration.
fn small() -> Params {
    params(&[
        ("servers", "12"),
        ("workers", "500"),
        ("rate", "300"),
        ("idle_timeout_min", "1"),
    ])
}

fn run_of(p: &Params, seed: u64, design: Design) -> Run<ShardingModel> {
    Run::new(ShardingModel::new(p, seed, design), ActionList::new())
}

fn record(run: &mut Run<ShardingModel>, kind: &str, arg: &str) {
    let at = run.now();
    assert_eq!(run.record(Action::new(at, kind, arg)), Ok(()));
}

#[test]
fn every_request_is_served_exactly_once() {
    for (design, shedding) in [
        (Design::Off, "optimistic"),
        (Design::On, "optimistic"),
        (Design::On, "pessimistic"),
    ] {
        let p = params(&[
            ("servers", "12"),
            ("workers", "500"),
            ("rate", "300"),
            ("shedding", shedding),
        ]);
        let mut run = run_of(&p, 3, design);
        run.advance_to(secs(40), u64::MAX);
        record(&mut run, "overload", "4");
        run.advance_to(secs(200), u64::MAX);
        let t = run.model().totals();
        assert!(t.requests > 50_000, "{t:?}");
        assert_eq!(t.warm + t.cold, t.requests, "{design:?} {t:?}");
        // A sharded request is served at home (arrived there, or forwarded)
        // or, refused or paused, by its client: exactly one of these.
        let routed = t.at_home + t.forwarded + t.handed_back + t.denied + t.pinned;
        assert_eq!(routed, t.sharded, "{t:?}");
        assert!(t.sharded <= t.requests, "{t:?}");
        match (design, shedding) {
            (Design::Off, _) => assert_eq!(t.sharded + t.refusals() + t.pinned, 0, "{t:?}"),
            (_, "optimistic") => {
                assert!(t.denied == 0 && t.handed_back > 0 && t.pinned > 0, "{t:?}")
            }
            _ => assert!(t.handed_back == 0 && t.pinned == 0 && t.denied > 0, "{t:?}"),
        }
        // Every window's warm and cold shares add up to the whole.
        let m = run.model().metrics();
        let (warm, cold) = (
            &m.get("warm_pct").unwrap().points,
            &m.get("cold_pct").unwrap().points,
        );
        assert!(warm
            .iter()
            .zip(cold)
            .all(|(w, c)| (w[1] + c[1] - 100.0).abs() < 1e-9));
    }
}

#[test]
fn same_seed_same_digest_and_same_workload_in_both_designs() {
    let p = small();
    let digest = |seed, design| {
        let mut run = run_of(&p, seed, design);
        run.advance_to(secs(90), u64::MAX);
        (run.digest(), run.model().totals().requests)
    };
    assert_eq!(digest(11, Design::On), digest(11, Design::On));
    assert_ne!(digest(11, Design::On).0, digest(12, Design::On).0);
    assert_eq!(digest(11, Design::On).1, digest(11, Design::Off).1);
    let recent = |design| {
        let mut run = run_of(&p, 5, design);
        run.advance_to(secs(30), u64::MAX);
        run.model()
            .recent()
            .map(|t| (t.at, t.worker, t.client))
            .collect::<Vec<_>>()
    };
    assert_eq!(recent(Design::Off), recent(Design::On));
}

#[test]
fn replaying_the_timeline_equals_the_live_recording() {
    let p = small();
    let mut live = run_of(&p, 9, Design::On);
    live.advance_to(secs(50), u64::MAX);
    record(&mut live, "fail", "3");
    live.advance_to(secs(80), u64::MAX);
    record(&mut live, "overload", "5");
    record(&mut live, "set", "rate=150");
    live.advance_to(secs(120), u64::MAX);
    record(&mut live, "design", "off");
    record(&mut live, "recover", "3");
    live.advance_to(secs(200), u64::MAX);
    let mut replay = Run::new(
        ShardingModel::new(&p, 9, Design::On),
        live.actions().clone(),
    );
    replay.advance_to(secs(200), u64::MAX);
    assert_eq!(live.digest(), replay.digest());
    assert_eq!(live.model().metrics(), replay.model().metrics());
}

#[test]
fn scrubbing_back_then_playing_on_matches_a_straight_run() {
    let p = small();
    let (actions, _) = ActionList::parse("30:fail:2;60:overload:7;90:set:idle_timeout_min=0.5");
    let mut straight = Run::new(ShardingModel::new(&p, 4, Design::On), actions.clone());
    straight.advance_to(secs(240), u64::MAX);
    let mut scrubbed = Run::new(ShardingModel::new(&p, 4, Design::On), actions);
    scrubbed.advance_to(secs(200), u64::MAX);
    scrubbed.seek(secs(45));
    assert_eq!(scrubbed.now(), secs(45));
    scrubbed.advance_to(secs(240), u64::MAX);
    assert_eq!(straight.digest(), scrubbed.digest());
}

#[test]
fn sharding_cuts_cold_starts_on_the_default_preset() {
    let p = Params::defaults(&specs());
    let measure = |design| {
        let mut m = ShardingModel::new(&p, 1, design);
        m.run_until(secs(6 * 60));
        let before = m.totals();
        m.run_until(secs(10 * 60));
        let after = m.totals();
        let requests = (after.requests - before.requests) as f64;
        (
            (after.cold - before.cold) as f64 / requests,
            (after.forwarded - before.forwarded) as f64 / requests,
        )
    };
    let (cold_off, _) = measure(Design::Off);
    let (cold_on, forwarded) = measure(Design::On);
    assert!(cold_off > 4.0 * cold_on, "off {cold_off} on {cold_on}");
    assert!((0.02..0.08).contains(&forwarded), "{forwarded}");
}

#[test]
fn a_failed_server_loses_its_instances_and_only_its_workers_move() {
    let p = small();
    let mut run = run_of(&p, 2, Design::On);
    run.advance_to(secs(60), u64::MAX);
    let workers = run.model().config().workers;
    let before: Vec<u32> = (0..workers)
        .filter_map(|w| run.model().home_of(w))
        .collect();
    assert!(run.model().instances_on(6) > 0);
    record(&mut run, "fail", "6");
    let m = run.model();
    assert!(m.is_failed(6) && m.instances_on(6) == 0 && m.totals().lost > 0);
    for (w, old) in before.iter().enumerate() {
        let new = m.home_of(w as u32).unwrap_or(u32::MAX);
        assert!(
            new != 6 && (*old == 6 || new == *old),
            "worker {w}: {old} -> {new}"
        );
    }
    assert!(run
        .notes()
        .iter()
        .any(|n| n.kind == NoteKind::Fault && n.text.contains("vanished")));
    record(&mut run, "recover", "6");
    let back: Vec<u32> = (0..workers)
        .filter_map(|w| run.model().home_of(w))
        .collect();
    assert_eq!(before, back);
}

#[test]
fn bad_actions_are_refused_with_a_reason() {
    let mut run = run_of(&small(), 1, Design::On);
    run.advance_to(secs(5), u64::MAX);
    for (kind, arg) in [
        ("fail", "99"),
        ("set", "servers=3"),
        ("set", "nope=1"),
        ("design", "maybe"),
        ("explode", ""),
    ] {
        record(&mut run, kind, arg);
    }
    record(&mut run, "set", "rate=1e9");
    let refused = run
        .notes()
        .iter()
        .filter(|n| n.kind == NoteKind::Refused)
        .count();
    assert_eq!(refused, 6, "{:#?}", run.notes());
    assert_eq!(run.model().config().rate_per_sec, 5_000.0);
}

#[test]
fn the_memory_cap_bounds_every_server() {
    let p = params(&[
        ("servers", "8"),
        ("workers", "2000"),
        ("rate", "400"),
        ("memory_cap", "40"),
    ]);
    let mut m = ShardingModel::new(&p, 8, Design::Off);
    m.run_until(secs(120));
    assert!((0..8).all(|s| m.instances_on(s) <= 40));
    assert!(m.totals().cap_evictions > 0);
}

#[test]
fn quiet_cold_starts_are_explained() {
    let mut run = run_of(&small(), 6, Design::Off);
    run.advance_to(secs(240), u64::MAX);
    let explained = run
        .notes()
        .iter()
        .filter(|n| n.text.contains("idle timeout"))
        .count();
    assert!(explained >= 3, "{:#?}", run.notes());
    assert!(run.notes().len() < 200, "narration is rate-limited");
}

#[test]
fn the_scene_is_registered() {
    let def = mp_models::scenes::find("worker-sharding").expect("registered");
    assert_eq!(def.id, DEF.id);
    assert!(def.has_design("off") && def.has_design("on"));
    let keys: Vec<&str> = def.batches.iter().map(|b| b.key).collect();
    assert_eq!(keys, ["real-scale", "check"]);
    let mut run = (def.build)(&small(), 1, "on", ActionList::new());
    assert!(run.advance_to(secs(20), u64::MAX));
    let keys: Vec<&str> = run
        .metrics()
        .series
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    assert_eq!(keys, mp_models::scenes::sharding::sampling::METRIC_KEYS);
}
