//! The worker-sharding batches: the real-scale preset lands in the ranges
//! the source reports, and the analytic shortcut behind it agrees with the
//! literal simulation.

use mp_models::scenes::sharding::analytic::{one_worker, steady_state};
use mp_models::scenes::sharding::batches::{real_scale, real_scale_of};
use mp_models::scenes::sharding::check::{check_config, check_with};
use mp_models::scenes::sharding::params::specs;
use mp_models::{Params, SimTime};

fn figure(report: &mp_models::scenes::BatchReport, key: &str, column: &str) -> f64 {
    let found = report
        .figures
        .iter()
        .find(|(k, c, _)| k == key && c == column);
    found
        .map(|f| f.2)
        .unwrap_or_else(|| panic!("no figure {key}/{column}"))
}

#[test]
fn the_default_real_scale_preset_lands_in_the_reported_ranges() {
    let params = Params::defaults(&specs());
    let mut calls = 0;
    let report = real_scale(&params, 1, &mut |_| {
        calls += 1;
        true
    })
    .expect("runs");
    assert!(calls > 10, "progress is reported in chunks");
    let warm_off = figure(&report, "warm_pct", "off");
    assert!((99.8..=99.95).contains(&warm_off), "{warm_off}");
    let fewer = figure(&report, "cold_pct", "off") / figure(&report, "cold_pct", "on");
    assert!((5.0..=20.0).contains(&fewer), "{fewer}");
    let evictions =
        figure(&report, "evictions_per_min", "off") / figure(&report, "evictions_per_min", "on");
    assert!((5.0..=20.0).contains(&evictions), "{evictions}");
    let forwarded = figure(&report, "forwarded_pct", "on");
    assert!((2.0..=8.0).contains(&forwarded), "{forwarded}");
    assert!(figure(&report, "quiet_cold_pct", "off") > 95.0);
    assert!(figure(&report, "quiet_cold_pct", "on") < 1.0);
    assert!(report.method.contains("check") && !report.remarks.is_empty());
}

#[test]
fn a_one_per_minute_worker_is_cold_nearly_always_unsharded_and_nearly_never_sharded() {
    let scale = real_scale_of(&Params::defaults(&specs()));
    let [(cold_off, _), (cold_on, copies_on)] = one_worker(&scale, 1.0 / 60.0);
    assert!(cold_off > 0.98 && cold_on < 0.01, "{cold_off} {cold_on}");
    assert!(copies_on <= 1.0);
}

#[test]
fn a_cancelled_batch_stops_with_an_error() {
    let scale = real_scale_of(&Params::defaults(&specs()));
    let mut calls = 0;
    let result = steady_state(&scale, &mut |_| {
        calls += 1;
        calls < 3
    });
    assert!(result.is_err());
    assert_eq!(calls, 3);
}

/// The literal simulation at 300 servers and 10,000 workers agrees with the
/// formulas within 5% (relative) on every figure; sampling noise over ten
/// simulated minutes is about 1 to 1.5%.
#[test]
fn the_literal_simulation_agrees_with_the_analytic_shortcut() {
    let config = check_config(&Params::defaults(&specs()));
    let warmup = SimTime::from_micros(config.idle_timeout_micros);
    let measure = SimTime::from_secs(10 * 60);
    let [off, on] = check_with(&config, 23, warmup, measure, &mut |_| true).expect("runs");
    for (design, a) in [("off", off), ("on", on)] {
        let (l, f) = (a.literal, a.analytic);
        let close = |x: f64, y: f64| (x - y).abs() <= 0.05 * y.abs().max(1e-9);
        assert!(
            close(l.cold, f.cold),
            "{design} cold {} vs {}",
            l.cold,
            f.cold
        );
        assert!(
            close(l.cold_per_sec, f.cold_per_sec),
            "{design} {l:?} {f:?}"
        );
        assert!(close(l.instances, f.instances), "{design} {l:?} {f:?}");
        assert!(
            (l.forwarded - f.forwarded).abs() < 0.005,
            "{design} {l:?} {f:?}"
        );
    }
    assert!(off.literal.cold > 3.0 * on.literal.cold);
}
