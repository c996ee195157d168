//! Tests of the hash-ring scene's model: ownership invariants after any
//! action sequence, disruption against the reference values (1/(n+1) on
//! add, only the leaver's keys on remove, about n/(n+1) for mod N),
//! determinism, replay and scrubbing, refusals, and the batches.

use mp_models::scenes::ring::{self, batch, RingModel};
use mp_models::scenes::{self, BatchReport};
use mp_models::{Action, ActionList, Model, NoteKind, ParamValue, Params, Run, SimTime};

const DESIGNS: [&str; 6] = ["ring", "modn", "rendezvous", "jump", "maglev", "bounded"];

fn params(pairs: &[(&str, ParamValue)]) -> Params {
    let mut p = Params::defaults(&ring::params());
    for (k, v) in pairs {
        p.set(k, v.clone());
    }
    p
}

fn int(v: i64) -> ParamValue {
    ParamValue::Int(v)
}

fn actions(text: &str) -> ActionList {
    let (list, notes) = ActionList::parse(text);
    assert!(notes.is_empty(), "{notes:?}");
    list
}

fn run_to(design: &str, p: &Params, seed: u64, acts: &str, secs: u64) -> Run<RingModel> {
    let mut run = Run::new(RingModel::new(p, seed, design), actions(acts));
    run.seek(SimTime::from_secs(secs));
    run
}

/// Every key has exactly one owner, a live server, and the counts add up.
fn check_ownership(m: &RingModel, what: &str) {
    let a = m
        .assignment()
        .unwrap_or_else(|| panic!("{what}: no assignment"));
    assert_eq!(a.owners().len(), m.keys().len(), "{what}");
    assert!(
        a.owners()
            .iter()
            .all(|o| a.servers().binary_search(o).is_ok()),
        "{what}"
    );
    let total: u64 = a.loads().iter().map(|l| l.keys).sum();
    assert_eq!(total as usize, m.keys().len(), "{what}");
}

/// A deterministic pseudo-random action sequence over the live servers.
fn random_actions(seed: u64, n0: u32, count: usize) -> String {
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 33
    };
    let mut live: Vec<u32> = (0..n0).collect();
    let mut next_id = n0;
    let mut out = Vec::new();
    for i in 0..count {
        let t = i + 1;
        let pick = next() % 3;
        if pick == 0 || live.len() < 2 {
            out.push(format!("{t}:add"));
            live.push(next_id);
            next_id += 1;
        } else {
            let id = live.remove((next() as usize) % live.len());
            out.push(format!(
                "{t}:{}:{id}",
                if pick == 1 { "remove" } else { "fail" }
            ));
        }
    }
    out.join(";")
}

#[test]
fn each_key_has_one_owner_after_any_action_sequence() {
    let p = params(&[("servers", int(4)), ("points", int(20)), ("keys", int(500))]);
    for design in DESIGNS {
        for seed in 0..4 {
            let acts = random_actions(seed, 4, 12);
            let run = run_to(design, &p, seed, &acts, 14);
            check_ownership(run.model(), &format!("{design} seed {seed}: {acts}"));
            let refused = run
                .notes()
                .iter()
                .filter(|n| n.kind == NoteKind::Refused)
                .count();
            assert_eq!(refused, 0, "{design}: {:?}", run.notes());
        }
    }
}

#[test]
fn removing_a_server_moves_only_its_keys() {
    let p = params(&[]);
    for design in ["ring", "rendezvous"] {
        for (seed, id) in [(1, 3), (2, 0), (3, 7)] {
            let before = run_to(design, &p, seed, "", 1);
            let own = before
                .model()
                .assignment()
                .and_then(|a| a.load_of(id))
                .map(|l| l.keys);
            let after = run_to(design, &p, seed, &format!("1:remove:{id}"), 1);
            let c = after
                .model()
                .last_change()
                .unwrap_or_else(|| panic!("no change"));
            assert_eq!(c.collateral, 0, "{design}");
            assert_eq!(Some(c.moved.len() as u64), own, "{design}");
            let old = before
                .model()
                .assignment()
                .map(|a| a.owners().to_vec())
                .unwrap_or_default();
            assert!(c.moved.iter().all(|&i| old[i as usize] == id), "{design}");
        }
    }
}

#[test]
fn adding_a_server_moves_keys_only_to_it() {
    let p = params(&[]);
    for design in ["ring", "rendezvous", "jump"] {
        let run = run_to(design, &p, 5, "1:add", 1);
        let c = run
            .model()
            .last_change()
            .unwrap_or_else(|| panic!("no change"));
        assert_eq!(c.collateral, 0, "{design}");
        assert_eq!(c.arrivals, vec![(8, c.moved.len() as u64)], "{design}");
    }
}

#[test]
fn moved_share_is_near_the_ideal_and_mod_n_moves_almost_all() {
    let p = params(&[("keys", int(5_000))]);
    let (mut moved, mut modn, mut ideal) = (0.0, 0.0, 0.0);
    let seeds = 12;
    for seed in 0..seeds {
        let run = run_to("ring", &p, seed, "1:add", 1);
        let c = run
            .model()
            .last_change()
            .unwrap_or_else(|| panic!("no change"));
        moved += c.moved_share() / seeds as f64;
        modn += c.modn_share() / seeds as f64;
        ideal = c.ideal_share;
    }
    assert!((ideal - 1.0 / 9.0).abs() < 1e-12);
    assert!(
        (moved - ideal).abs() < 0.015,
        "ring moved {moved} vs ideal {ideal}"
    );
    assert!((modn - 8.0 / 9.0).abs() < 0.02, "mod N moved {modn}");
    let text = run_to("ring", &p, 1, "1:add", 1)
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("mod N renumbers almost every key because N changed"),
        "{text}"
    );
}

#[test]
fn jump_hash_says_what_removing_a_middle_bucket_costs() {
    let p = params(&[]);
    let run = run_to("jump", &p, 1, "1:remove:2", 1);
    let c = run
        .model()
        .last_change()
        .unwrap_or_else(|| panic!("no change"));
    assert_eq!(c.renumbered, Some(5));
    assert!(c.collateral > c.moved.len() / 3, "{c:?}");
    let last = run
        .notes()
        .last()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(
        last.contains("can only remove the highest-numbered bucket"),
        "{last}"
    );
    let cheap = run_to("jump", &p, 1, "1:remove:7", 1);
    assert_eq!(cheap.model().last_change().map(|c| c.collateral), Some(0));
}

#[test]
fn same_seed_same_digest_and_seeds_differ() {
    let p = params(&[]);
    for design in DESIGNS {
        let a = run_to(design, &p, 9, "3:add;6:fail:2", 10);
        let b = run_to(design, &p, 9, "3:add;6:fail:2", 10);
        let c = run_to(design, &p, 10, "3:add;6:fail:2", 10);
        assert_eq!(a.digest(), b.digest(), "{design}");
        assert_ne!(a.digest(), c.digest(), "{design}");
    }
}

#[test]
fn live_recording_equals_replay_and_scrubbing_equals_straight_run() {
    // 200 lookups a second for a minute: about 12,000 steps, so the runner
    // keeps several checkpoints and scrubbing really restores from them.
    let p = params(&[("rate", ParamValue::Float(200.0)), ("keys", int(500))]);
    let timeline = "12.5:add;30:fail:1;30:set:rate=150;41:remove:4";
    for design in DESIGNS {
        let mut live = Run::new(RingModel::new(&p, 3, design), ActionList::new());
        for (t_millis, kind, arg) in [
            (12_500, "add", ""),
            (30_000, "fail", "1"),
            (30_000, "set", "rate=150"),
            (41_000, "remove", "4"),
        ] {
            live.seek(SimTime::from_millis(t_millis));
            live.record(Action::new(live.now(), kind, arg))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        live.seek(SimTime::from_secs(60));
        let replay = run_to(design, &p, 3, timeline, 60);
        assert!(replay.steps() > 10_000, "{}", replay.steps());
        assert_eq!(live.digest(), replay.digest(), "{design}");
        let mut scrub = run_to(design, &p, 3, timeline, 60);
        scrub.seek(SimTime::from_secs(35));
        scrub.seek(SimTime::from_secs(60));
        assert_eq!(scrub.digest(), replay.digest(), "{design}");
        assert_eq!(scrub.notes(), replay.notes(), "{design}");
    }
}

#[test]
fn refused_actions_say_why() {
    let p = params(&[("servers", int(1))]);
    let mut m = RingModel::new(&p, 1, "ring");
    let mut notes = Vec::new();
    let mut refuse = |m: &mut RingModel, kind: &str, arg: &str| {
        let err = m.apply(&Action::new(SimTime::ZERO, kind, arg), &mut notes);
        err.err()
            .unwrap_or_else(|| panic!("{kind}:{arg} was not refused"))
    };
    assert!(refuse(&mut m, "remove", "0").contains("last one left"));
    assert!(refuse(&mut m, "fail", "0").contains("last one left"));
    assert!(refuse(&mut m, "remove", "42").contains("no live server 42"));
    assert!(refuse(&mut m, "remove", "x").contains("not a server id"));
    assert!(refuse(&mut m, "set", "servers=3").contains("cannot change mid-run"));
    assert!(refuse(&mut m, "set", "rate=lots").contains("not a number"));
    assert!(refuse(&mut m, "explode", "").contains("no action"));
    let full = params(&[
        ("servers", int(1_000)),
        ("points", int(1)),
        ("keys", int(100)),
    ]);
    let mut m = RingModel::new(&full, 1, "ring");
    assert!(refuse(&mut m, "add", "").contains("1,000 servers"));
    let run = run_to("ring", &p, 1, "1:remove:0", 2);
    assert!(run
        .notes()
        .iter()
        .any(|n| n.kind == NoteKind::Refused && n.text.contains("last one")));
}

#[test]
fn crash_fails_lookups_in_flight_and_designs_share_the_workload() {
    let p = params(&[("rate", ParamValue::Float(200.0))]);
    let ring = run_to("ring", &p, 4, "", 3);
    let modn = run_to("modn", &p, 4, "", 3);
    let keys = |r: &Run<RingModel>| {
        r.model()
            .recent_lookups()
            .map(|l| (l.at, l.key_index))
            .collect::<Vec<_>>()
    };
    assert!(!keys(&ring).is_empty());
    assert_eq!(keys(&ring), keys(&modn));
    let in_flight = ring
        .model()
        .recent_lookups()
        .filter(|l| l.owner == 2 && SimTime::from_secs(3).since(l.at) < 400_000)
        .count();
    let crashed = run_to("ring", &p, 4, "3:fail:2", 3);
    assert_eq!(crashed.model().lookups_failed() as usize, in_flight);
    assert!(in_flight > 0);
}

#[test]
fn live_settings_replace_keys_and_metrics_are_sampled() {
    let p = params(&[]);
    let run = run_to("ring", &p, 1, "2:set:points=10", 5);
    let c = run
        .model()
        .last_change()
        .unwrap_or_else(|| panic!("no change"));
    assert!(!c.moved.is_empty());
    assert_eq!(run.model().config().points_per_server, 10);
    let m = run.model().metrics();
    for key in [
        "moved_keys",
        "moved_pct",
        "ideal_pct",
        "modn_pct",
        "max_over_mean",
        "load_cv",
        "ring_share_cv",
        "lookup_ops",
        "servers",
    ] {
        let s = m.get(key).unwrap_or_else(|| panic!("no series {key}"));
        assert_eq!(s.points.len(), 6, "{key}");
    }
    assert!(run_to("modn", &p, 1, "", 2)
        .model()
        .metrics()
        .get("ring_share_cv")
        .is_none());
}

#[test]
fn scene_is_registered_first() {
    let all = scenes::all();
    assert_eq!(all.first().map(|s| s.id), Some("hash-ring"));
    let def = scenes::find("hash-ring").unwrap_or_else(|| panic!("not registered"));
    assert_eq!(def.default_compare, "modn");
    assert_eq!(def.designs.iter().map(|d| d.0).collect::<Vec<_>>(), DESIGNS);
}

fn figure(r: &BatchReport, row: &str, col: &str) -> f64 {
    r.figures
        .iter()
        .find(|f| f.0 == row && f.1 == col)
        .map_or(f64::NAN, |f| f.2)
}

#[test]
fn spread_batch_follows_one_over_sqrt_k_and_can_be_cancelled() {
    let p = params(&[("servers", int(50)), ("keys", int(2_000))]);
    let mut steps = 0;
    let mut progress = |_: f64| {
        steps += 1;
        true
    };
    let r = batch::spread(&p, 1, &mut progress).unwrap_or_else(|e| panic!("{e}"));
    assert!(steps >= 7);
    for (k, want) in [("10", 0.30), ("100", 0.10), ("1000", 0.03)] {
        let got = figure(&r, k, "ring_share_cv");
        assert!((got / want - 1.0).abs() < 0.3, "k={k}: {got}");
    }
    let mut cancel = |_: f64| false;
    assert_eq!(
        batch::spread(&p, 1, &mut cancel).err().as_deref(),
        Some("Cancelled.")
    );
}

#[test]
fn schemes_batch_compares_every_scheme() {
    let p = params(&[]);
    let mut progress = |_: f64| true;
    let r = batch::schemes(&p, 1, &mut progress).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.rows.len(), 7);
    let ring_mid = figure(&r, "ring", "moved_remove_middle");
    assert_eq!(ring_mid, figure(&r, "ring", "own_share_middle"));
    assert!(figure(&r, "modn", "moved_add") > 0.8);
    assert!(
        figure(&r, "jump", "moved_remove_middle") > 2.0 * figure(&r, "jump", "own_share_middle")
    );
    assert!(
        (figure(&r, "jump", "moved_remove_highest") - figure(&r, "jump", "own_share_highest"))
            .abs()
            < 1e-12
    );
    assert!(!r.method.is_empty());
}
