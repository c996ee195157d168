//! The hash-ring scene's batches: heavier tables computed off the animation.
//!
//! - `spread`: for k in {1, 3, 10, 30, 100, 300, 1000} points per server at
//!   the current pool size, the exact spread of ring shares and the spread
//!   of keys per server, next to the 1/sqrt(k) reference (Karger et al.
//!   1997; each server's share is a sum of k nearly independent arcs, a
//!   Gamma(k) variable with coefficient of variation 1/sqrt(k)).
//! - `schemes`: every placement scheme on the run's keys and servers: keys
//!   moved when a server joins, when a middle one leaves and when the
//!   highest-numbered one leaves; balance; lookup cost; memory.

use crate::engine::params::Params;
use crate::placement::stats::{load_stats, moved_keys, per_server_counts, ring_share_spread};
use crate::placement::{Placement, PlacementConfig, Ring, Scheme, MAX_SERVERS};
use crate::scenes::{BatchReport, Progress};

use super::model::placement_config;
use super::text::{count_usize, keys as keys_text, pct, servers as n_servers, share};
use super::{int_param, keys_for};

/// Points per server the `spread` batch measures.
pub const SPREAD_POINTS: [u32; 7] = [1, 3, 10, 30, 100, 300, 1_000];

const CANCELLED: &str = "Cancelled.";

/// The `spread` batch (see the module doc).
pub fn spread(params: &Params, seed: u64, progress: Progress<'_>) -> Result<BatchReport, String> {
    let n = int_param(params, "servers", 1, 1_000);
    let m = int_param(params, "keys", 1, 100_000);
    let keys = keys_for(seed, m);
    let servers: Vec<u32> = (0..n as u32).collect();
    let noise = super::sampling_noise(n, m);
    let mut report = BatchReport {
        title: format!("Load spread against points per server ({})", n_servers(n)),
        method: format!(
            "Ring share spread is exact: every server's arcs summed as 64-bit integers, no \
             sampling. Key load spread is sampled: the run's {} keys (seed {seed}), placed on the
                 same \
             ring and counted per server, so it adds the noise of placing finitely many keys, \
             about \u{221a}((n\u{2212}1)/m) = {}. Both are coefficients of variation \
             (standard deviation / mean) across the {}.",
            count_usize(m),
            pct(noise),
            n_servers(n)
        ),
        columns: [
            "Points per server (k)",
            "Ring share spread (exact)",
            "Reference 1/\u{221a}k",
            "Key load spread (sampled)",
            "Expected \u{221a}(1/k + (n\u{2212}1)/m)",
            "Busiest / mean",
        ]
        .map(String::from)
        .to_vec(),
        ..BatchReport::default()
    };
    for (i, &k) in SPREAD_POINTS.iter().enumerate() {
        if !progress(i as f64 / SPREAD_POINTS.len() as f64) {
            return Err(CANCELLED.to_string());
        }
        let ring = Ring::new(&servers, k);
        let share_cv = ring_share_spread(ring.points());
        let owners: Vec<u32> = keys.iter().filter_map(|&key| ring.owner(key)).collect();
        let stats = load_stats(&per_server_counts(&servers, &owners));
        let reference = 1.0 / libm::sqrt(f64::from(k));
        let expected = libm::sqrt(1.0 / f64::from(k) + noise * noise);
        let row = k.to_string();
        report.rows.push(vec![
            row.clone(),
            pct(share_cv),
            pct(reference),
            pct(stats.cv),
            pct(expected),
            format!("{:.2}\u{d7}", stats.max_over_mean),
        ]);
        for (col, v) in [
            ("ring_share_cv", share_cv),
            ("reference", reference),
            ("load_cv", stats.cv),
            ("expected_load_cv", expected),
            ("max_over_mean", stats.max_over_mean),
        ] {
            report.figures.push((row.clone(), col.to_string(), v));
        }
    }
    progress(1.0);
    report.remarks = vec![
        "The ring share spread follows 1/\u{221a}k: about 30% at 10 points, 10% at 100, 3% at \
         1,000."
            .to_string(),
        "Keys per server never get more even than the sampling noise \
         \u{221a}((n\u{2212}1)/m), however many points the ring has: more keys help there, \
         not more points."
            .to_string(),
    ];
    if n == 1 {
        report
            .remarks
            .push("With one server every spread is zero.".to_string());
    }
    Ok(report)
}

/// The `schemes` batch (see the module doc).
pub fn schemes(params: &Params, seed: u64, progress: Progress<'_>) -> Result<BatchReport, String> {
    let n = int_param(params, "servers", 1, 1_000);
    let m = int_param(params, "keys", 1, 100_000);
    let keys = keys_for(seed, m);
    let base = placement_config(params, Scheme::Ring);
    let servers: Vec<u32> = (0..n as u32).collect();
    let middle = (n / 2) as u32;
    let highest = n.saturating_sub(1) as u32;
    let mut report = BatchReport {
        title: format!("Every scheme on {} and {}", keys_text(m), n_servers(n)),
        method: format!(
            "Simulated exactly: every key of the run (seed {seed}) placed under each scheme, \
             then again after server {n} joins, after server {middle} (a middle one) leaves and \
             after server {highest} (the highest-numbered) leaves; moved = keys whose owner \
             changed. Lookup cost is the scheme's operation count per lookup; memory is the \
             entries its lookup structure keeps. Maglev uses a table of {} slots.",
            count_usize(base.maglev_table_size as usize)
        ),
        columns: [
            "Scheme",
            "Moved on add",
            "Moved on remove (middle)",
            "Moved on remove (highest)",
            "Busiest / mean",
            "Load spread",
            "Lookup cost",
            "Memory (entries)",
        ]
        .map(String::from)
        .to_vec(),
        ..BatchReport::default()
    };
    let dash = || "\u{2013}".to_string();
    let own = if n > 1 {
        "its own keys".to_string()
    } else {
        dash()
    };
    report.rows.push(vec![
        "Ideal (least that must move)".to_string(),
        pct(1.0 / (n as f64 + 1.0)),
        own.clone(),
        own,
        "1.00\u{d7}".to_string(),
        pct(0.0),
        dash(),
        dash(),
    ]);
    let total = Scheme::ALL.len() as f64;
    for (i, scheme) in Scheme::ALL.into_iter().enumerate() {
        if !progress(i as f64 / total) {
            return Err(CANCELLED.to_string());
        }
        let config = PlacementConfig { scheme, ..base };
        let row = scheme_row(config, &servers, &keys, [n as u32, middle, highest])
            .map_err(|e| format!("{}: {e}", scheme.label()))?;
        for (col, v) in row.figures {
            report
                .figures
                .push((scheme.key().to_string(), col.to_string(), v));
        }
        report.rows.push(row.cells);
    }
    progress(1.0);
    report.remarks = vec![
        "mod N moves almost every key on any change; the ring and rendezvous move only what \
         must move; jump hash is cheap only at the highest bucket; Maglev moves a little more \
         than the minimum; bounded loads trades some extra moves for a hard cap."
            .to_string(),
    ];
    if n >= MAX_SERVERS {
        report.remarks.push(format!(
            "The pool is full ({} servers), so the add column is empty.",
            count_usize(MAX_SERVERS)
        ));
    }
    Ok(report)
}

struct SchemeRow {
    cells: Vec<String>,
    figures: Vec<(&'static str, f64)>,
}

/// One scheme's row: `[added, middle, highest]` are the server ids used.
fn scheme_row(
    config: PlacementConfig,
    servers: &[u32],
    keys: &[u64],
    [added, middle, highest]: [u32; 3],
) -> Result<SchemeRow, String> {
    let placement = Placement::new(config, servers).map_err(|e| e.to_string())?;
    let owners = placement.assign(keys);
    let counts = per_server_counts(servers, &owners);
    let moved_after = |change: &dyn Fn(&mut Placement) -> bool| -> Option<f64> {
        let mut p = placement.clone();
        change(&mut p).then(|| share(moved_keys(&owners, &p.assign(keys)), keys.len()))
    };
    let own_share = |id: u32| {
        let held = counts.iter().find(|c| c.0 == id).map_or(0, |c| c.1);
        share(held as usize, keys.len())
    };
    let add = moved_after(&|p| p.add_server(added).is_ok());
    let removal = |id: u32| {
        let moved = moved_after(&|p| p.remove_server(id).is_ok())?;
        Some((moved, own_share(id)))
    };
    let (rm_mid, rm_high) = if servers.len() > 1 {
        (removal(middle), removal(highest))
    } else {
        (None, None)
    };
    let stats = load_stats(&counts);
    let cost = placement.lookup_cost();
    let cell = |v: Option<f64>| v.map_or("\u{2013}".to_string(), pct);
    let mut figures = vec![
        ("max_over_mean", stats.max_over_mean),
        ("load_cv", stats.cv),
        ("lookup_ops", cost.ops_per_lookup),
        ("memory_entries", cost.memory_entries as f64),
    ];
    let removed = |r: Option<(f64, f64)>| r.map(|(moved, _)| moved);
    let own = |r: Option<(f64, f64)>| r.map(|(_, own)| own);
    for (col, v) in [
        ("moved_add", add),
        ("moved_remove_middle", removed(rm_mid)),
        ("own_share_middle", own(rm_mid)),
        ("moved_remove_highest", removed(rm_high)),
        ("own_share_highest", own(rm_high)),
    ] {
        if let Some(v) = v {
            figures.push((col, v));
        }
    }
    let removal_cell = |r: Option<(f64, f64)>| {
        r.map_or("\u{2013}".to_string(), |(moved, own)| {
            format!("{} (own {})", pct(moved), pct(own))
        })
    };
    Ok(SchemeRow {
        cells: vec![
            config.scheme.label().to_string(),
            cell(add),
            removal_cell(rm_mid),
            removal_cell(rm_high),
            format!("{:.2}\u{d7}", stats.max_over_mean),
            pct(stats.cv),
            format!("{:.1} ({})", cost.ops_per_lookup, cost.formula),
            count_usize(cost.memory_entries as usize),
        ],
        figures,
    })
}
