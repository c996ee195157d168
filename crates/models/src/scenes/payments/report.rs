//! The batch's table: one row per era, figures for machines, and remarks
//! that point at the two differences the scene is about.

use super::batch::EraTotals;
use super::integration::Handler;
use super::machine::Machine;
use super::method::Era;
use crate::engine::format::thousands;
use crate::engine::params::Params;
use crate::engine::time::SimTime;
use crate::scenes::BatchReport;

/// Column keys (for figures) and headings, in table order.
const COLUMNS: [(&str, &str); 12] = [
    ("era", "Era"),
    ("conversion", "Conversion"),
    ("paid_refunded", "Paid, refunded (lost sales)"),
    ("paid_unfulfilled", "Paid, never fulfilled"),
    ("double_charged", "Charged twice"),
    ("not_offered", "Method not offered"),
    ("final_p50_secs", "Time to final, median"),
    ("final_p90_secs", "Time to final, p90"),
    ("machines", "State machines"),
    ("states", "States handled"),
    ("webhooks", "Webhook handlers"),
    ("code_paths", "Code paths (page + server)"),
];

/// The `q`-quantile of `values` (sorted in place), in microseconds.
fn quantile(values: &mut [u64], q: f64) -> u64 {
    if values.is_empty() {
        return 0;
    }
    values.sort_unstable();
    let rank = libm::ceil(q * values.len() as f64).max(1.0) as usize;
    values[rank.min(values.len()) - 1]
}

fn percent(part: u64, whole: u64) -> String {
    format!("{:.1}%", 100.0 * part as f64 / whole.max(1) as f64)
}

/// The report for `totals` (in [`Era::ALL`] order) of `n` customers.
pub fn report(params: &Params, n: u64, totals: &[EraTotals]) -> BatchReport {
    let mut rows = Vec::new();
    let mut figures = Vec::new();
    for (era, t) in Era::ALL.into_iter().zip(totals) {
        let cells = cells(t, n);
        let mut row = vec![era.label().to_string()];
        row.extend(cells.iter().map(|c| c.1.clone()));
        rows.push(row);
        let key = era.key().to_string();
        for ((column, _), (value, _)) in COLUMNS[1..].iter().zip(&cells) {
            figures.push((key.clone(), column.to_string(), *value));
        }
        let extra = [
            ("ideal_drops", t.ideal_drops.0),
            ("ideal_drop_lost", t.ideal_drops.1),
            ("switches", t.switches.0),
            ("switch_double", t.switches.1),
        ];
        for (column, value) in extra {
            figures.push((key.clone(), column.to_string(), value as f64));
        }
    }
    BatchReport {
        title: format!("{} checkouts through every era", thousands(n as f64)),
        method: "Simulated: every customer (same seed, method and faults) runs through each \
                 era with the step-by-step model, without narration. State machines, states, \
                 webhook handlers and code paths are the distinct ones the merchant's page \
                 and server met in these runs."
            .to_string(),
        columns: COLUMNS.iter().map(|c| c.1.to_string()).collect(),
        rows,
        figures,
        remarks: remarks(params, totals),
    }
}

/// One era's cells after the name: raw value and text, in column order.
fn cells(t: &EraTotals, n: u64) -> Vec<(f64, String)> {
    let mut finals = t.final_micros.clone();
    let p50 = quantile(&mut finals, 0.5);
    let p90 = quantile(&mut finals, 0.9);
    let count = |v: u64| (v as f64, thousands(v as f64));
    let states = t.tally.states_met;
    let machines = Machine::ALL
        .iter()
        .filter(|m| states & m.state_mask() != 0)
        .count() as u64;
    let paths: Vec<Handler> = Handler::in_set(t.tally.handlers).collect();
    let page = paths.iter().filter(|h| h.on_page()).count();
    vec![
        (
            t.fulfilled as f64 / n.max(1) as f64,
            percent(t.fulfilled, n),
        ),
        count(t.paid_refunded),
        count(t.paid_unfulfilled),
        count(t.double_charged),
        count(t.not_offered),
        (p50 as f64 / 1e6, SimTime(p50).to_string()),
        (p90 as f64 / 1e6, SimTime(p90).to_string()),
        count(machines),
        count(u64::from(states.count_ones())),
        count(u64::from(t.tally.webhooks.count_ones())),
        (
            paths.len() as f64,
            format!("{} ({page} + {})", paths.len(), paths.len() - page),
        ),
    ]
}

fn remarks(params: &Params, totals: &[EraTotals]) -> Vec<String> {
    let era = |e: Era| &totals[e as usize];
    let (src, pi) = (era(Era::Sources), era(Era::Intents));
    let mut out = vec![
        format!(
            "iDEAL customers whose connection drops on the way back from the bank: {}. Lost \
             sales among them: {} under Sources, {} under PaymentIntents. Under Sources only the \
             returning browser (or a webhook handler) creates the Charge; a PaymentIntent \
             is paid at the provider whether or not the browser comes back.",
            src.ideal_drops.0, src.ideal_drops.1, pi.ideal_drops.1
        ),
        format!(
            "Customers who switched to a card midway: {}. Charged twice: {} under Sources, \
             {} under PaymentIntents. Two Sources are two payments unless the merchant \
             tracks them; one intent refuses a second confirmation once it is processing \
             or paid.",
            src.switches.0, src.switches.1, pi.switches.1
        ),
    ];
    if !params.flag("chargeable_webhook") {
        out.push(
            "The Sources-era merchant here charges only when the browser comes back (the \
             chargeable-webhook setting is off), as many integrations did; it therefore \
             offers no cash vouchers."
                .to_string(),
        );
    }
    if params.text("retries") == "none" {
        out.push(
            "Webhooks are not retried: under PaymentIntents a merchant that is down when \
             payment_intent.succeeded arrives keeps the money but never ships."
                .to_string(),
        );
    }
    out
}
