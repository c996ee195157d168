//! A change of the pool and what it cost: which keys moved, against the
//! ideal and against `hash mod N` on the same keys.
//!
//! What it models: the disruption numbers of the consistent hashing papers.
//! The ideal is the least that must move for the load to stay even: 1/(n+1)
//! of the keys when a server joins n others (Karger et al. 1997), the
//! leaver's own keys when one leaves. `hash mod N` is the naive baseline:
//! when N changes, a key keeps its server only if both remainders happen to
//! pick the same one, so almost every key moves.
//!
//! What it simplifies: a crash and a graceful leave have the same placement
//! effect here; they differ only in the lookups a crash catches in flight.

use crate::engine::time::SimTime;
use crate::placement::{bounded, jump, modn, Scheme};

use super::assignment::Assignment;
use super::text::share;

/// What changed.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    /// A server joined.
    Add(u32),
    /// A server left gracefully.
    Remove(u32),
    /// A server crashed.
    Fail(u32),
    /// A live parameter changed (points, slack, table size); `what` says
    /// which, e.g. "points per server 100 \u{2192} 200".
    Reconfigure(String),
}

impl ChangeKind {
    /// The server that joined or left, if any.
    pub fn server(&self) -> Option<u32> {
        match self {
            ChangeKind::Add(id) | ChangeKind::Remove(id) | ChangeKind::Fail(id) => Some(*id),
            ChangeKind::Reconfigure(_) => None,
        }
    }
}

/// The cost of one change of the pool.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// When it happened.
    pub at: SimTime,
    /// What happened.
    pub kind: ChangeKind,
    /// The scheme it happened under.
    pub scheme: Scheme,
    /// Live servers before and after.
    pub servers_before: usize,
    /// Live servers after.
    pub servers_after: usize,
    /// Keys in the run.
    pub keys_total: usize,
    /// Indexes (into the key list) of the keys whose owner changed, sorted.
    pub moved: Vec<u32>,
    /// Moved keys that neither came from nor went to the changed server:
    /// moves between servers that stayed.
    pub collateral: usize,
    /// Keys each server received, sorted by server id (only non-zero).
    pub arrivals: Vec<(u32, u64)>,
    /// Distinct servers the moved keys came from.
    pub donors: usize,
    /// Distinct servers the moved keys went to.
    pub receivers: usize,
    /// The least share of keys that had to move.
    pub ideal_share: f64,
    /// Keys `hash mod N` would have moved on the same keys (0 when N stayed).
    pub modn_moved: usize,
    /// Jump hash: servers whose bucket number changed.
    pub renumbered: Option<usize>,
    /// Maglev: indexes of the table slots that changed owner.
    pub changed_slots: Vec<u32>,
    /// Bounded loads: the cap on keys per server before and after.
    pub caps: Option<(u64, u64)>,
    /// Lookups in flight to a crashed server that failed.
    pub lookups_failed: usize,
}

impl Change {
    /// Compares two assignments of `keys` around `kind`.
    pub fn between(
        at: SimTime,
        kind: ChangeKind,
        before: &Assignment,
        after: &Assignment,
        keys: &[u64],
        eps: f64,
    ) -> Self {
        let (old, new) = (before.owners(), after.owners());
        let moved: Vec<u32> = (0..old.len().min(new.len()))
            .filter(|&i| old[i] != new[i])
            .map(|i| i as u32)
            .collect();
        let server = kind.server();
        let collateral = moved
            .iter()
            .filter(|&&i| {
                let (o, n) = (old[i as usize], new[i as usize]);
                server != Some(o) && server != Some(n)
            })
            .count();
        let distinct = |owners: &[u32]| {
            let mut ids: Vec<u32> = moved.iter().map(|&i| owners[i as usize]).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len()
        };
        let (n0, n1) = (before.servers().len(), after.servers().len());
        let ideal_share = match &kind {
            ChangeKind::Add(_) => 1.0 / (n0 as f64 + 1.0),
            ChangeKind::Remove(id) | ChangeKind::Fail(id) => before
                .load_of(*id)
                .map_or(0.0, |l| share(l.keys as usize, keys.len())),
            ChangeKind::Reconfigure(_) => 0.0,
        };
        let scheme = after.scheme();
        Change {
            at,
            scheme,
            servers_before: n0,
            servers_after: n1,
            keys_total: keys.len(),
            collateral,
            arrivals: arrivals(&moved, new),
            donors: distinct(old),
            receivers: distinct(new),
            ideal_share,
            modn_moved: modn_moved(before.servers(), after.servers(), keys),
            renumbered: renumbered(scheme, &kind, before.servers()),
            changed_slots: changed_slots(before, after),
            caps: (scheme == Scheme::BoundedLoads).then(|| {
                let cap = |n| bounded::capacity(keys.len(), n, eps);
                (cap(n0), cap(n1))
            }),
            lookups_failed: 0,
            moved,
            kind,
        }
    }

    /// Share of keys that moved.
    pub fn moved_share(&self) -> f64 {
        share(self.moved.len(), self.keys_total)
    }

    /// Share `hash mod N` would have moved.
    pub fn modn_share(&self) -> f64 {
        share(self.modn_moved, self.keys_total)
    }

    /// True when the pool's size changed (so `hash mod N` is comparable).
    pub fn pool_changed(&self) -> bool {
        self.servers_before != self.servers_after
    }
}

/// Keys each server received among `moved`, sorted by id.
fn arrivals(moved: &[u32], new: &[u32]) -> Vec<(u32, u64)> {
    let mut ids: Vec<u32> = moved.iter().map(|&i| new[i as usize]).collect();
    ids.sort_unstable();
    let mut out: Vec<(u32, u64)> = Vec::new();
    for id in ids {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => out.push((id, 1)),
        }
    }
    out
}

/// Keys `hash mod N` moves when the pool goes from `before` to `after`.
fn modn_moved(before: &[u32], after: &[u32], keys: &[u64]) -> usize {
    if before == after {
        return 0;
    }
    keys.iter()
        .filter(|&&k| modn::owner(before, k) != modn::owner(after, k))
        .count()
}

/// Jump hash: how many live servers got a new bucket number.
fn renumbered(scheme: Scheme, kind: &ChangeKind, before: &[u32]) -> Option<usize> {
    if scheme != Scheme::Jump {
        return None;
    }
    match kind {
        ChangeKind::Remove(id) | ChangeKind::Fail(id) => jump::renumbered_buckets(before, *id),
        ChangeKind::Add(id) => Some(before.iter().filter(|&&s| s > *id).count()),
        ChangeKind::Reconfigure(_) => None,
    }
}

/// Maglev: slots whose owner differs (empty for other schemes or sizes).
fn changed_slots(before: &Assignment, after: &Assignment) -> Vec<u32> {
    let (Some(a), Some(b)) = (
        before.placement().maglev_table(),
        after.placement().maglev_table(),
    ) else {
        return Vec::new();
    };
    if a.size() != b.size() {
        return (0..b.size() as u32).collect();
    }
    let (a, b) = (a.entries(), b.entries());
    (0..a.len())
        .filter(|&i| a[i] != b[i])
        .map(|i| i as u32)
        .collect()
}
