//! The steady-state shortcut: expected warm, cold and forwarded shares and
//! instances in memory, summed over every worker instead of simulated.
//!
//! With Poisson arrivals, a worker of rate `λ` spread over `S` servers
//! reaches each at `λ/S`; a request finds it warm exactly when the previous
//! request on that server came within the idle timeout `T`, so it is cold
//! with probability `exp(-λT/S)`, and an instance is live at a random moment
//! with probability `1 - exp(-λT/S)`. Sharded, the worker's home sees all of
//! `λ`: cold with `exp(-λT)`, one possible copy. Workers at or above the hot
//! threshold are not sharded; of the others' requests, `(S-1)/S` arrive at a
//! server that is not the home and are forwarded. Every cold start creates
//! an instance that is later evicted, so in steady state evictions equal
//! cold starts.
//!
//! What it leaves out: overload and refusals, memory caps, failures and the
//! warm-up after a start (the literal simulation has all of them).

use crate::scenes::Progress;

/// Terms summed between two progress reports.
const CHUNK: u64 = 1 << 16;

/// A data center to evaluate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    /// Servers `S`.
    pub servers: u32,
    /// Workers, ranked by popularity.
    pub workers: u64,
    /// Total requests per second.
    pub rate_per_sec: f64,
    /// Zipf exponent of popularity.
    pub zipf_s: f64,
    /// Idle timeout `T`.
    pub idle_timeout_secs: f64,
    /// Workers at or above this rate are not sharded.
    pub hot_threshold_per_sec: f64,
}

/// Steady-state figures of one design.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Steady {
    /// Share of requests served warm.
    pub warm: f64,
    /// Share of requests that wait for a cold start.
    pub cold: f64,
    /// Share of requests forwarded to another server.
    pub forwarded: f64,
    /// Cold starts (and, in steady state, evictions) per second.
    pub cold_per_sec: f64,
    /// Instances in memory across the data center.
    pub instances: f64,
}

/// Both designs on one scale.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Comparison {
    /// No sharding.
    pub off: Steady,
    /// Sharding.
    pub on: Steady,
    /// Workers at or above the hot threshold.
    pub hot_workers: u64,
}

/// One worker of rate `rate_per_sec`: `(cold chance, expected live copies)`
/// without sharding (spread over all servers) and with it (at its home).
pub fn one_worker(scale: &Scale, rate_per_sec: f64) -> [(f64, f64); 2] {
    let s = f64::from(scale.servers.max(1));
    let per_window = rate_per_sec * scale.idle_timeout_secs;
    let spread = per_window / s;
    [
        (libm::exp(-spread), -s * libm::expm1(-spread)),
        (libm::exp(-per_window), -libm::expm1(-per_window)),
    ]
}

/// Sums every worker exactly, reporting progress every [`CHUNK`] workers;
/// `Err` when the callback cancels.
pub fn steady_state(scale: &Scale, progress: Progress<'_>) -> Result<Comparison, String> {
    let n = scale.workers.max(1);
    let weight = |k: u64| libm::pow(k as f64, -scale.zipf_s);
    let mut total = 0.0;
    for start in (1..=n).step_by(CHUNK as usize) {
        total += (start..=(start + CHUNK - 1).min(n))
            .map(weight)
            .sum::<f64>();
        report(progress, 0.5 * start as f64 / n as f64)?;
    }
    let s = f64::from(scale.servers.max(1));
    let (mut off, mut on) = (Steady::default(), Steady::default());
    let mut hot_workers = 0;
    for start in (1..=n).step_by(CHUNK as usize) {
        for k in start..=(start + CHUNK - 1).min(n) {
            let share = weight(k) / total;
            let rate = share * scale.rate_per_sec;
            let [(cold_off, copies_off), home] = one_worker(scale, rate);
            off.cold += share * cold_off;
            off.instances += copies_off;
            if rate >= scale.hot_threshold_per_sec {
                hot_workers += 1;
                on.cold += share * cold_off;
                on.instances += copies_off;
            } else {
                on.cold += share * home.0;
                on.instances += home.1;
                on.forwarded += share * (s - 1.0) / s;
            }
        }
        report(progress, 0.5 + 0.5 * start as f64 / n as f64)?;
    }
    for steady in [&mut off, &mut on] {
        steady.warm = 1.0 - steady.cold;
        steady.cold_per_sec = steady.cold * scale.rate_per_sec;
    }
    Ok(Comparison {
        off,
        on,
        hot_workers,
    })
}

fn report(progress: Progress<'_>, done: f64) -> Result<(), String> {
    if progress(done.min(1.0)) {
        Ok(())
    } else {
        Err("Cancelled.".to_string())
    }
}
