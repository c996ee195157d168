//! The hash-ring scene's actions, and the sentences that explain them.
//!
//! - `add`: the next unused server id joins (ids are never reused, so a new
//!   server always has the highest id: the cheap case for jump hash).
//! - `remove:<id>`: server `id` leaves gracefully; lookups in flight finish.
//! - `fail:<id>`: server `id` crashes; same placement effect as a removal,
//!   but lookups in flight to it fail.
//! - `set:<key>=<value>`: a live parameter (`points`, `eps`, `table`,
//!   `rate`) changes; placement settings re-place every key and the cost is
//!   recorded like a change of the pool.
//!
//! Membership actions mean the same in every design, so two designs
//! compared side by side always have the same servers.

use std::sync::Arc;

use crate::engine::action::Action;
use crate::engine::params::Params;
use crate::engine::run::{Note, NoteKind};
use crate::placement::{Placement, PlacementConfig, Scheme, MAX_SERVERS};

use super::assignment::Assignment;
use super::change::{Change, ChangeKind};
use super::model::{RingModel, LOOKUP_FLIGHT_MICROS};
use super::text::{count_usize, keys, pct, servers};
use super::{params, table_size_for};

/// Applies one action (see the module doc); `Err` is a refusal sentence.
pub(super) fn apply(
    m: &mut RingModel,
    action: &Action,
    notes: &mut Vec<Note>,
) -> Result<(), String> {
    let arg = action.arg.trim();
    match action.kind.as_str() {
        "add" => add(m, arg, notes),
        "remove" => leave(m, arg, false, notes),
        "fail" => leave(m, arg, true, notes),
        "set" => set(m, arg, notes),
        // TODO: switching design mid-run is refused; supporting it would
        // show the cost of migrating between schemes (nearly every key moves).
        "design" => Err(
            "This scene compares placement schemes side by side instead of switching \
                         one mid-run; pick the design in the panel (that restarts the run)."
                .to_string(),
        ),
        other => Err(format!(
            "The hash-ring scene has no action \u{201c}{other}\u{201d}; it knows add, \
             remove:<server>, fail:<server> and set:<setting>=<value>."
        )),
    }
}

fn current(m: &RingModel) -> Result<Arc<Assignment>, String> {
    m.state.clone()
}

fn add(m: &mut RingModel, arg: &str, notes: &mut Vec<Note>) -> Result<(), String> {
    if !arg.is_empty() {
        return Err(format!(
            "add takes no server id (got \u{201c}{arg}\u{201d}): the next unused id, {}, joins.",
            m.next_server_id
        ));
    }
    let before = current(m)?;
    if before.servers().len() >= MAX_SERVERS {
        return Err(format!(
            "There are already {} servers, the most this scene runs; remove one before adding.",
            count_usize(MAX_SERVERS)
        ));
    }
    let id = m.next_server_id;
    let after = before
        .changed(&m.keys, |p| p.add_server(id))
        .map_err(|e| format!("Server {id} cannot join: {e}."))?;
    m.next_server_id += 1;
    record(m, ChangeKind::Add(id), &before, after, 0, notes);
    Ok(())
}

fn leave(m: &mut RingModel, arg: &str, crash: bool, notes: &mut Vec<Note>) -> Result<(), String> {
    let verb = if crash { "fail" } else { "remove" };
    let id: u32 = arg.trim_start_matches("server:").parse().map_err(|_| {
        format!("\u{201c}{arg}\u{201d} is not a server id; write {verb}:3 to {verb} server 3.")
    })?;
    let before = current(m)?;
    if before.load_of(id).is_none() {
        return Err(format!("There is no live server {id} to {verb}."));
    }
    if before.servers().len() == 1 {
        return Err(format!(
            "Server {id} is the last one left: every key needs an owner, so it cannot {}.",
            if crash { "be failed" } else { "leave" }
        ));
    }
    let after = before
        .changed(&m.keys, |p| p.remove_server(id))
        .map_err(|e| format!("Server {id} cannot leave: {e}."))?;
    let mut failed = 0;
    if crash {
        let now = m.now;
        for l in m.recent.iter_mut() {
            if l.owner == id && !l.failed && now.since(l.at) < LOOKUP_FLIGHT_MICROS {
                l.failed = true;
                failed += 1;
            }
        }
        m.lookups_failed += failed as u64;
    }
    let kind = if crash {
        ChangeKind::Fail(id)
    } else {
        ChangeKind::Remove(id)
    };
    record(m, kind, &before, after, failed, notes);
    Ok(())
}

fn record(
    m: &mut RingModel,
    kind: ChangeKind,
    before: &Assignment,
    after: Assignment,
    lookups_failed: usize,
    notes: &mut Vec<Note>,
) {
    let note_kind = match kind {
        ChangeKind::Fail(_) => NoteKind::Fault,
        _ => NoteKind::Change,
    };
    let mut change = Change::between(m.now, kind, before, &after, &m.keys, m.config.bounded_eps);
    change.lookups_failed = lookups_failed;
    notes.push(Note::new(m.now, note_kind, change.narrate()));
    m.state = Ok(Arc::new(after));
    m.last_change = Some(Arc::new(change));
}

fn set(m: &mut RingModel, arg: &str, notes: &mut Vec<Note>) -> Result<(), String> {
    let (key, text) = arg
        .split_once('=')
        .ok_or_else(|| format!("set needs setting=value (got \u{201c}{arg}\u{201d})."))?;
    let specs = params();
    let spec = specs
        .iter()
        .find(|s| s.key == key)
        .ok_or_else(|| format!("There is no setting \u{201c}{key}\u{201d} in this scene."))?;
    if !spec.live {
        return Err(format!(
            "{} cannot change mid-run; change it in the panel to restart the run.",
            spec.label
        ));
    }
    // An empty set of values: after parsing, the key is present only if the
    // text gave a value (possibly clamped, with a notice).
    let mut values = Params::default();
    let parsed = values.set_text(spec, text);
    if values.get(key).is_none() {
        return Err(parsed
            .err()
            .unwrap_or_else(|| format!("{key}={text} was not understood.")));
    }
    if let Err(notice) = parsed {
        notes.push(Note::new(m.now, NoteKind::Change, notice));
    }
    set_value(m, key, &values, notes)
}

fn set_value(
    m: &mut RingModel,
    key: &str,
    v: &Params,
    notes: &mut Vec<Note>,
) -> Result<(), String> {
    let mut config = m.config;
    let what = match key {
        "rate" => {
            let old = m.rate_per_sec;
            m.set_rate(v.float(key));
            let text = format!("Lookups per second {old} \u{2192} {}.", m.rate_per_sec);
            notes.push(Note::new(m.now, NoteKind::Change, text));
            return Ok(());
        }
        "points" => {
            config.points_per_server = v.int(key).clamp(1, 1_000) as u32;
            let (a, b) = (m.config.points_per_server, config.points_per_server);
            (
                format!("points per server {a} \u{2192} {b}"),
                uses_ring(m.scheme),
                a == b,
            )
        }
        "eps" => {
            config.bounded_eps = v.float(key).clamp(0.0, 2.0);
            let (a, b) = (m.config.bounded_eps, config.bounded_eps);
            (
                format!("load slack \u{3b5} {a} \u{2192} {b}"),
                m.scheme == Scheme::BoundedLoads,
                a == b,
            )
        }
        "table" => {
            let n = current(m)?.servers().len();
            config.maglev_table_size = table_size_for(v.text(key), n, m.keys.len());
            let (a, b) = (m.config.maglev_table_size, config.maglev_table_size);
            (
                format!("Maglev table {a} \u{2192} {b} slots"),
                m.scheme == Scheme::Maglev,
                a == b,
            )
        }
        _ => return Err(format!("{key} cannot change mid-run.")),
    };
    let (what, matters, same) = what;
    if same {
        return Ok(());
    }
    if !matters {
        m.config = config;
        let text = format!(
            "{}: no effect on {}, which does not use it.",
            what,
            m.scheme.label()
        );
        notes.push(Note::new(m.now, NoteKind::Change, text));
        return Ok(());
    }
    reconfigure(m, config, what, notes)
}

fn reconfigure(
    m: &mut RingModel,
    config: PlacementConfig,
    what: String,
    notes: &mut Vec<Note>,
) -> Result<(), String> {
    let before = current(m)?;
    let placement = Placement::new(config, before.servers())
        .map_err(|e| format!("The new setting cannot be used: {e}."))?;
    let after = Assignment::new(placement, &m.keys);
    m.config = config;
    record(m, ChangeKind::Reconfigure(what), &before, after, 0, notes);
    Ok(())
}

fn uses_ring(scheme: Scheme) -> bool {
    matches!(scheme, Scheme::Ring | Scheme::BoundedLoads)
}

/// The opening line: the pool, and how even it is and why.
pub(super) fn intro(m: &RingModel, a: &Assignment) -> String {
    let n = a.servers().len();
    let stats = a.stats();
    let noise = super::sampling_noise(n, m.keys.len());
    let mut text = format!(
        "{}: {}, {}. Load spread (keys per server) {}; placing that many keys at random \
         gives about {} by itself (sampling noise). The busiest server holds {:.2}\u{d7} the \
         mean.",
        m.scheme.label(),
        servers(n),
        keys(m.keys.len()),
        pct(stats.cv),
        pct(noise),
        stats.max_over_mean
    );
    let k = m.config.points_per_server;
    let tail = match (m.scheme, a.ring_share_cv()) {
        (Scheme::Ring | Scheme::BoundedLoads, Some(cv)) => format!(
            " Ring share spread (exact arc per server) {}, near 1/\u{221a}{k} = {}.",
            pct(cv),
            pct(1.0 / libm::sqrt(f64::from(k)))
        ),
        (Scheme::Maglev, _) => format!(
            " The table has {} slots, about {:.1} per server.",
            count_usize(m.config.maglev_table_size as usize),
            f64::from(m.config.maglev_table_size) / n as f64
        ),
        (Scheme::ModN, _) => {
            " It balances well, but any change of N remaps almost every key.".to_string()
        }
        _ => String::new(),
    };
    text.push_str(&tail);
    if m.scheme == Scheme::BoundedLoads {
        let cap = crate::placement::bounded::capacity(m.keys.len(), n, m.config.bounded_eps);
        text.push_str(&format!(" No server may hold more than {cap} keys."));
    }
    text
}
