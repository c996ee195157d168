//! The scene's parameters and their typed form.
//!
//! [`specs`] is the schema the parameter panel, the URL and `set:` actions
//! share; [`Config`] is the same values converted once into the units the
//! model computes with (integer microseconds, requests per second).

use crate::engine::params::{ParamKind, ParamSpec, ParamValue, Params};

/// How a shard client handles a home server that might be overloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shedding {
    /// Send at once; an overloaded home hands the request back.
    Optimistic,
    /// Ask the home first: one extra round trip on every sharded request.
    Pessimistic,
}

/// The two designs compared side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    /// Any server runs any worker.
    Off,
    /// Each quiet worker runs on its home server on a hash ring.
    On,
}

impl Design {
    /// The design with URL key `key` (`off` or `on`).
    pub fn from_key(key: &str) -> Option<Design> {
        match key {
            "off" => Some(Design::Off),
            "on" => Some(Design::On),
            _ => None,
        }
    }

    /// The URL key.
    pub fn key(self) -> &'static str {
        match self {
            Design::Off => "off",
            Design::On => "on",
        }
    }
}

/// The scene's parameters, in panel order.
///
/// The upper corner of the ranges (300 servers, 20,000 workers, 5,000
/// requests/s, a 30 min timeout, s = 1.2) holds about a million live
/// instances, some 50 MB per model; the runner keeps fewer checkpoints of
/// such a model (its memory budget divided by `approx_bytes`), and the
/// ranges stop there so one copy stays affordable in a browser tab.
pub fn specs() -> Vec<ParamSpec> {
    vec![
        int(
            "servers",
            "Servers",
            "Servers in the data center. The animated run is kept small; \
             the real-scale preset covers 300.",
            "",
            1,
            300,
            24,
            false,
        ),
        int(
            "workers",
            "Workers",
            "Distinct workers (scripts) the data center serves.",
            "",
            10,
            20_000,
            2_000,
            false,
        ),
        float(
            "rate",
            "Request rate",
            "Requests per second arriving from the internet, all \
               workers together.",
            "req/s",
            1.0,
            5_000.0,
            1_000.0,
        ),
        float(
            "zipf_s",
            "Popularity exponent",
            "Zipf exponent s: worker k gets a share \
               proportional to 1/k^s. Larger means a few workers take nearly everything.",
            "",
            1.2,
            2.5,
            1.8,
        ),
        float(
            "idle_timeout_min",
            "Idle timeout",
            "An instance is shut down after this long \
               without a request.",
            "min",
            0.1,
            30.0,
            5.0,
        ),
        float(
            "cold_start_ms",
            "Cold start",
            "Fetch, compile and run a worker's top-level code \
               before its first request.",
            "ms",
            1.0,
            2_000.0,
            300.0,
        ),
        float(
            "forward_ms",
            "Forward",
            "Extra time to pass a request to another server in the \
               data center.",
            "ms",
            0.1,
            20.0,
            1.0,
        ),
        float(
            "exec_ms",
            "Run time",
            "Mean time a warm worker takes to answer.",
            "ms",
            0.1,
            100.0,
            2.0,
        ),
        float(
            "hot_threshold",
            "Hot threshold",
            "Workers with at least this many requests per \
               second run on every server and are never sharded.",
            "req/s",
            0.01,
            100_000.0,
            1.0,
        ),
        int(
            "capacity",
            "Server capacity",
            "Requests a server runs at once before it refuses \
             sharded requests from other servers.",
            "requests",
            1,
            1_000,
            32,
            true,
        ),
        ParamSpec {
            key: "shedding",
            label: "Overload policy",
            help: "Optimistic: send at once and let an overloaded home hand the request back. \
                   Pessimistic: ask the home first, one extra round trip every time.",
            unit: "",
            kind: ParamKind::Choice(&[
                ("optimistic", "Optimistic (send, hand back)"),
                ("pessimistic", "Pessimistic (ask first)"),
            ]),
            default: ParamValue::Text("optimistic".to_string()),
            live: true,
        },
        float(
            "stop_sharding_s",
            "Stop-sharding time",
            "After a refusal, the shard client runs \
               that worker locally for this long before trying its home again.",
            "s",
            0.0,
            3_600.0,
            60.0,
        ),
        int(
            "memory_cap",
            "Memory cap",
            "Most instances a server keeps; the least recently used \
             goes first. 0 means no cap (idle timeout only).",
            "instances",
            0,
            100_000,
            0,
            true,
        ),
    ]
}

/// An integer parameter from `min` to `max`.
#[allow(clippy::too_many_arguments)]
fn int(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    unit: &'static str,
    min: i64,
    max: i64,
    default: i64,
    live: bool,
) -> ParamSpec {
    let kind = ParamKind::Int { min, max };
    spec(key, label, help, unit, kind, ParamValue::Int(default), live)
}

/// A number parameter from `min` to `max`, always live.
fn float(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    default: f64,
) -> ParamSpec {
    let kind = ParamKind::Float { min, max };
    spec(
        key,
        label,
        help,
        unit,
        kind,
        ParamValue::Float(default),
        true,
    )
}

/// The one place a spec is assembled, so the two builders cannot drift.
fn spec(
    key: &'static str,
    label: &'static str,
    help: &'static str,
    unit: &'static str,
    kind: ParamKind,
    default: ParamValue,
    live: bool,
) -> ParamSpec {
    ParamSpec {
        key,
        label,
        help,
        unit,
        kind,
        default,
        live,
    }
}

/// The parameters in the units the model uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Servers in the data center.
    pub servers: u32,
    /// Distinct workers.
    pub workers: u32,
    /// Total arrival rate.
    pub rate_per_sec: f64,
    /// Zipf exponent of worker popularity.
    pub zipf_s: f64,
    /// Idle time after which an instance is evicted.
    pub idle_timeout_micros: u64,
    /// Added to a request that finds no live instance.
    pub cold_start_micros: u64,
    /// Added to a request passed to another server.
    pub forward_micros: u64,
    /// Mean run time of a warm request.
    pub exec_micros: u64,
    /// Workers at or above this rate are never sharded.
    pub hot_threshold_per_sec: f64,
    /// Concurrent requests a server runs before refusing sharded ones.
    pub capacity: u32,
    /// Overload handling.
    pub shedding: Shedding,
    /// How long a client runs a refused worker locally.
    pub stop_sharding_micros: u64,
    /// Most instances per server; 0 for no cap.
    pub memory_cap: u32,
}

impl Config {
    /// Reads (already validated) parameter values; missing ones fall back to
    /// the schema's defaults.
    pub fn from_params(params: &Params) -> Config {
        let mut full = Params::defaults(&specs());
        for (key, value) in params.iter() {
            full.set(key, value.clone());
        }
        let p = &full;
        let micros = |key: &str, scale: f64| libm::round(p.float(key) * scale).max(0.0) as u64;
        Config {
            servers: p.int("servers").clamp(1, 300) as u32,
            workers: p.int("workers").clamp(1, 20_000) as u32,
            rate_per_sec: p.float("rate").max(1e-6),
            zipf_s: p.float("zipf_s"),
            idle_timeout_micros: micros("idle_timeout_min", 60e6).max(1),
            cold_start_micros: micros("cold_start_ms", 1e3),
            forward_micros: micros("forward_ms", 1e3),
            exec_micros: micros("exec_ms", 1e3),
            hot_threshold_per_sec: p.float("hot_threshold"),
            capacity: p.int("capacity").max(1) as u32,
            shedding: match p.text("shedding") {
                "pessimistic" => Shedding::Pessimistic,
                _ => Shedding::Optimistic,
            },
            stop_sharding_micros: micros("stop_sharding_s", 1e6),
            memory_cap: p.int("memory_cap").max(0) as u32,
        }
    }
}
