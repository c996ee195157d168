//! The scene's heavy computations: the real-scale preset (analytic) and the
//! check that the analytic shortcut matches the literal simulation.

use super::analytic::{self, Comparison, Scale, Steady};
use super::params::Config;
use crate::engine::params::Params;
use crate::scenes::{BatchReport, Progress};

/// The real-scale data center: 300 servers, a million workers, a million
/// requests per second, and a worker counts as hot from 1,000 requests per
/// second (about 3 per second on each server). The popularity exponent and
/// the idle timeout come from the scene's parameters.
pub fn real_scale_of(params: &Params) -> Scale {
    let config = Config::from_params(params);
    Scale {
        servers: 300,
        workers: 1_000_000,
        rate_per_sec: 1e6,
        zipf_s: config.zipf_s,
        idle_timeout_secs: config.idle_timeout_micros as f64 / 1e6,
        hot_threshold_per_sec: 1_000.0,
    }
}

/// Batch `real-scale`: both designs at the real scale, analytically.
pub fn real_scale(
    params: &Params,
    _seed: u64,
    progress: Progress<'_>,
) -> Result<BatchReport, String> {
    let scale = real_scale_of(params);
    let c = analytic::steady_state(&scale, progress)?;
    let mut report = BatchReport {
        title: "Worker sharding at real scale".to_string(),
        method: format!(
            "Analytic, Poisson arrivals, summed exactly over all {} workers: a worker with \
             \u{03bb} requests/s is cold with probability exp(\u{2212}\u{03bb}T/S) on each of \
             S servers without sharding and exp(\u{2212}\u{03bb}T) at its home with it; in \
             steady state evictions equal cold starts. The literal simulation agrees at 300 \
             servers \u{00d7} 10\u{2074} workers, see batch \u{201c}check\u{201d}.",
            thousands(scale.workers as f64)
        ),
        columns: ["Figure", "No sharding", "Sharding", "Change"]
            .map(String::from)
            .to_vec(),
        ..BatchReport::default()
    };
    design_rows(&mut report, &c);
    quiet_rows(&mut report, &scale);
    report.remarks = vec![
        format!(
            "Parameters: {} servers, {} workers, {} requests/s in all, Zipf exponent s = {}, \
             idle timeout {} min, hot threshold {} requests/s ({} workers run everywhere).",
            scale.servers,
            thousands(scale.workers as f64),
            thousands(scale.rate_per_sec),
            scale.zipf_s,
            scale.idle_timeout_secs / 60.0,
            thousands(scale.hot_threshold_per_sec),
            c.hot_workers
        ),
        "The animated run is a small literal simulation; these figures are computed, not \
         simulated, because a data center serves billions of requests per idle window."
            .to_string(),
        "Few forwards do a lot: the hot head is warm everywhere already, and the long tail \
         of quiet workers, which sharding rescues, carries few requests."
            .to_string(),
    ];
    Ok(report)
}

fn design_rows(report: &mut BatchReport, c: &Comparison) {
    let per_min = |s: &Steady| s.cold_per_sec * 60.0;
    let rows: [(&str, &str, f64, f64, String); 5] = [
        (
            "warm_pct",
            "Warm requests",
            100.0 * c.off.warm,
            100.0 * c.on.warm,
            String::new(),
        ),
        (
            "cold_pct",
            "Cold starts",
            100.0 * c.off.cold,
            100.0 * c.on.cold,
            times_fewer(c.off.cold, c.on.cold),
        ),
        (
            "forwarded_pct",
            "Forwarded to another server",
            0.0,
            100.0 * c.on.forwarded,
            String::new(),
        ),
        (
            "evictions_per_min",
            "Evictions per minute (= cold starts)",
            per_min(&c.off),
            per_min(&c.on),
            times_fewer(c.off.cold, c.on.cold),
        ),
        (
            "instances",
            "Instances in memory",
            c.off.instances,
            c.on.instances,
            percent_change(c.off.instances, c.on.instances),
        ),
    ];
    for (key, label, off, on, change) in rows {
        let cell = |v: f64| {
            if key.ends_with("pct") {
                pct_cell(v)
            } else {
                thousands(v)
            }
        };
        report
            .rows
            .push(vec![label.to_string(), cell(off), cell(on), change]);
        report
            .figures
            .push((key.to_string(), "off".to_string(), off));
        report.figures.push((key.to_string(), "on".to_string(), on));
    }
}

fn quiet_rows(report: &mut BatchReport, scale: &Scale) {
    let [(cold_off, copies_off), (cold_on, copies_on)] = analytic::one_worker(scale, 1.0 / 60.0);
    let [(_, busy_off), (_, busy_on)] = analytic::one_worker(scale, 1.0);
    report.rows.push(vec![
        "A 1 request/min worker: chance a request is cold".to_string(),
        pct_cell(100.0 * cold_off),
        pct_cell(100.0 * cold_on),
        times_fewer(cold_off, cold_on),
    ]);
    report.rows.push(vec![
        "A 1 request/min worker: servers that may hold a copy".to_string(),
        scale.servers.to_string(),
        "1".to_string(),
        percent_change(f64::from(scale.servers), 1.0),
    ]);
    report.rows.push(vec![
        "A 1 request/min worker: live copies on average".to_string(),
        format!("{copies_off:.2}"),
        format!("{copies_on:.2}"),
        percent_change(copies_off, copies_on),
    ]);
    report.rows.push(vec![
        "A 1 request/s worker: live copies on average".to_string(),
        format!("{busy_off:.1}"),
        format!("{busy_on:.2}"),
        percent_change(busy_off, busy_on),
    ]);
    for (key, off, on) in [
        ("quiet_cold_pct", 100.0 * cold_off, 100.0 * cold_on),
        ("quiet_copies", copies_off, copies_on),
        ("busy_copies", busy_off, busy_on),
    ] {
        report
            .figures
            .push((key.to_string(), "off".to_string(), off));
        report.figures.push((key.to_string(), "on".to_string(), on));
    }
}

/// `12,345` style: whole numbers with thousands separators.
pub(super) fn thousands(v: f64) -> String {
    crate::engine::format::thousands(v)
}

/// A percentage with enough decimals to tell 99.8% from 99.99%.
pub(super) fn pct_cell(v: f64) -> String {
    if v == 0.0 {
        "0%".to_string()
    } else if !(1.0..99.0).contains(&v) {
        format!("{v:.3}%")
    } else {
        format!("{v:.1}%")
    }
}

fn times_fewer(before: f64, after: f64) -> String {
    if after > 0.0 {
        format!("{:.1}\u{00d7} fewer", before / after)
    } else {
        "all gone".to_string()
    }
}

fn percent_change(before: f64, after: f64) -> String {
    if before > 0.0 {
        format!("{:+.1}%", 100.0 * (after - before) / before)
    } else {
        String::new()
    }
}
