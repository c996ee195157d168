//! Batch `check`: the literal simulation against the analytic shortcut on
//! the same configuration, 300 servers and 10,000 workers, so the
//! real-scale figures can be trusted where the simulation cannot reach.
//!
//! The idle-timeout model forgets everything older than one timeout, so
//! after a warm-up of one timeout the literal run is in steady state; the
//! check measures a window after that and compares rates with the formulas.

use super::analytic::{self, Scale, Steady};
use super::batches::{pct_cell, thousands};
use super::model::ShardingModel;
use super::params::{Config, Design};
use super::sampling::SAMPLE_MICROS;
use crate::engine::params::Params;
use crate::engine::run::Model;
use crate::engine::time::SimTime;
use crate::scenes::{BatchReport, Progress};

/// Servers in the check.
pub const CHECK_SERVERS: u32 = 300;
/// Workers in the check.
pub const CHECK_WORKERS: u32 = 10_000;

/// One design's measured and computed figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Agreement {
    /// Measured in the literal simulation.
    pub literal: Steady,
    /// From the analytic shortcut.
    pub analytic: Steady,
}

/// The check's configuration: the scene's rates and timings at 300 servers
/// and 10,000 workers, with no capacity limit and no memory cap, which the
/// shortcut does not model.
pub fn check_config(params: &Params) -> Config {
    let mut config = Config::from_params(params);
    config.servers = CHECK_SERVERS;
    config.workers = CHECK_WORKERS;
    config.capacity = u32::MAX;
    config.memory_cap = 0;
    config
}

/// Batch `check` with the scene's parameters: warm-up of one idle timeout,
/// then 30 minutes (or four timeouts, if longer) measured.
pub fn check(params: &Params, seed: u64, progress: Progress<'_>) -> Result<BatchReport, String> {
    let config = check_config(params);
    let warmup = round_up_to_sample(config.idle_timeout_micros);
    let measure = round_up_to_sample((30 * 60 * 1_000_000).max(4 * config.idle_timeout_micros));
    let [off, on] = check_with(&config, seed, warmup, measure, progress)?;
    let mut report = BatchReport {
        title: "Check: literal simulation against the formula".to_string(),
        method: format!(
            "Literal event simulation of {} servers \u{00d7} {} workers, {} requests/s, after \
             a warm-up of {} simulated minutes, measured over the next {}; beside it the \
             analytic shortcut used at real scale, on the same configuration.",
            config.servers,
            thousands(f64::from(config.workers)),
            thousands(config.rate_per_sec),
            warmup.micros() / 60_000_000,
            format_minutes(measure)
        ),
        columns: [
            "Figure",
            "Off: simulated",
            "Off: formula",
            "On: simulated",
            "On: formula",
        ]
        .map(String::from)
        .to_vec(),
        ..BatchReport::default()
    };
    let rows: [Row; 5] = [
        ("warm_pct", "Warm requests", |s| 100.0 * s.warm),
        ("cold_pct", "Cold starts", |s| 100.0 * s.cold),
        ("forwarded_pct", "Forwarded", |s| 100.0 * s.forwarded),
        ("cold_per_s", "Cold starts per second", |s| s.cold_per_sec),
        ("instances", "Instances in memory", |s| s.instances),
    ];
    for (key, label, get) in rows {
        let cell = |v: f64| {
            if key.ends_with("pct") {
                pct_cell(v)
            } else {
                format!("{v:.1}")
            }
        };
        let values = [
            get(&off.literal),
            get(&off.analytic),
            get(&on.literal),
            get(&on.analytic),
        ];
        let mut row = vec![label.to_string()];
        row.extend(values.iter().map(|v| cell(*v)));
        report.rows.push(row);
        for (column, v) in ["off_simulated", "off_formula", "on_simulated", "on_formula"]
            .iter()
            .zip(values)
        {
            report
                .figures
                .push((key.to_string(), column.to_string(), v));
        }
    }
    report.remarks.push(
        "Simulated and computed figures differ by sampling noise only (a few percent of the \
         cold-start share); a test holds them within 5% of each other."
            .to_string(),
    );
    Ok(report)
}

/// One row of the check table: figure key, label, and how to read it.
type Row = (&'static str, &'static str, fn(&Steady) -> f64);

/// Runs both designs of `config` literally for `warmup + measure` and pairs
/// the measured window with the analytic shortcut.
pub fn check_with(
    config: &Config,
    seed: u64,
    warmup: SimTime,
    measure: SimTime,
    progress: Progress<'_>,
) -> Result<[Agreement; 2], String> {
    let scale = Scale {
        servers: config.servers,
        workers: u64::from(config.workers),
        rate_per_sec: config.rate_per_sec,
        zipf_s: config.zipf_s,
        idle_timeout_secs: config.idle_timeout_micros as f64 / 1e6,
        hot_threshold_per_sec: config.hot_threshold_per_sec,
    };
    let formula = analytic::steady_state(&scale, &mut |_| true)?;
    let end = SimTime::from_micros(warmup.micros() + measure.micros());
    let mut out = [Agreement {
        literal: Steady::default(),
        analytic: formula.off,
    }; 2];
    for (i, design) in [Design::Off, Design::On].into_iter().enumerate() {
        let mut model = ShardingModel::with_config(config.clone(), seed, design);
        let mut report = |t: SimTime| progress((i as f64 + t.secs_f64() / end.secs_f64()) / 2.0);
        run_reporting(&mut model, warmup, &mut report)?;
        let before = model.totals();
        run_reporting(&mut model, end, &mut report)?;
        let after = model.totals();
        let requests = (after.requests - before.requests).max(1) as f64;
        let cold = (after.cold - before.cold) as f64;
        let instances = model
            .metrics()
            .get("instances")
            .map(|s| mean_between(&s.points, warmup, end))
            .unwrap_or(0.0);
        out[i].literal = Steady {
            warm: (after.warm - before.warm) as f64 / requests,
            cold: cold / requests,
            forwarded: (after.forwarded - before.forwarded) as f64 / requests,
            cold_per_sec: cold / measure.secs_f64(),
            instances,
        };
        out[i].analytic = if design == Design::On {
            formula.on
        } else {
            formula.off
        };
    }
    Ok(out)
}

/// Runs to `t` in steps of a few samples, reporting progress after each.
fn run_reporting(
    model: &mut ShardingModel,
    t: SimTime,
    report: &mut dyn FnMut(SimTime) -> bool,
) -> Result<(), String> {
    while model.now() < t {
        let next = model.now().plus(6 * SAMPLE_MICROS).min(t);
        model.run_until(next);
        if !report(next) {
            return Err("Cancelled.".to_string());
        }
    }
    Ok(())
}

/// Mean of the points after `from` up to and including `to`.
fn mean_between(points: &[[f64; 2]], from: SimTime, to: SimTime) -> f64 {
    let (lo, hi) = (from.secs_f64(), to.secs_f64());
    let inside: Vec<f64> = points
        .iter()
        .filter(|p| p[0] > lo && p[0] <= hi)
        .map(|p| p[1])
        .collect();
    inside.iter().sum::<f64>() / inside.len().max(1) as f64
}

fn round_up_to_sample(micros: u64) -> SimTime {
    SimTime::from_micros(micros.div_ceil(SAMPLE_MICROS) * SAMPLE_MICROS)
}

fn format_minutes(t: SimTime) -> String {
    format!("{} simulated minutes", t.micros() / 60_000_000)
}
