//! One placement applied to the scene's keys, with everything a frame needs.
//!
//! What it models: the owner of every key under the current pool, each
//! server's key count and exact share of the hash space, and (for the ring
//! schemes) the ring cut into coloured arcs. It is built once per change of
//! the pool and shared between checkpoints, so neither a frame nor a replay
//! ever reassigns the keys.
//!
//! What it simplifies: when the ring has more than [`MAX_EXACT_ARC_POINTS`]
//! points, the arcs are aggregated into [`ARC_BINS`] equal segments, each
//! coloured by the server owning most of it (exact integer arc lengths), so
//! a drawing of 100,000 points costs the same as one of 720.

use crate::engine::digest::Digest;
use crate::placement::ring::RingPoint;
use crate::placement::stats::{load_stats, per_server_counts};
use crate::placement::{LoadStats, Placement, PlacementError, Scheme};

/// Ring points up to which arcs are drawn exactly, one per run of points.
pub const MAX_EXACT_ARC_POINTS: usize = 720;
/// Segments the ring is aggregated into above [`MAX_EXACT_ARC_POINTS`].
pub const ARC_BINS: usize = 720;

/// What a server's `share` measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareKind {
    /// Exact share of the ring's circumference (ring and bounded loads).
    RingArc,
    /// Exact share of Maglev's table slots.
    TableSlots,
    /// Expected share, 1/n (mod N, rendezvous, jump hash).
    Expected,
}

/// One server's load.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerLoad {
    /// Server id.
    pub id: u32,
    /// Keys it owns.
    pub keys: u64,
    /// Its share of the hash space, as described by [`ShareKind`].
    pub share: f64,
}

/// A stretch of the ring owned by one server, as fractions of the circle
/// (`0 <= start < end <= 1`), clockwise from the top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RingArc {
    /// Start, as a fraction of the circle.
    pub start: f64,
    /// End, as a fraction of the circle.
    pub end: f64,
    /// Owning server id (for binned arcs: the one owning most of it).
    pub server: u32,
}

/// A placement with the owner of every key and its per-server summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignment {
    placement: Placement,
    owners: Vec<u32>,
    loads: Vec<ServerLoad>,
    share_kind: ShareKind,
    stats: LoadStats,
    share_cv: Option<f64>,
    arcs: Vec<RingArc>,
    arcs_binned: bool,
    owners_digest: u64,
}

impl Assignment {
    /// Places `keys` with `placement`.
    pub fn new(placement: Placement, keys: &[u64]) -> Self {
        let owners = placement.assign(keys);
        let counts = per_server_counts(placement.servers(), &owners);
        let stats = load_stats(&counts);
        let (share_kind, shares) = shares_of(&placement);
        let loads = counts
            .iter()
            .zip(shares.iter().copied())
            .map(|(&(id, keys), share)| ServerLoad { id, keys, share })
            .collect();
        let (arcs, arcs_binned) = placement
            .ring()
            .map_or((Vec::new(), false), |r| ring_arcs(r.points()));
        // The same figure as `stats::ring_share_spread`, from the shares
        // already summed (saves a second pass over every ring point).
        let share_cv = (share_kind == ShareKind::RingArc).then(|| cv(&shares));
        let mut digest = Digest::new();
        for &owner in &owners {
            digest.u64(u64::from(owner));
        }
        Self {
            placement,
            owners,
            loads,
            share_kind,
            stats,
            share_cv,
            arcs,
            arcs_binned,
            owners_digest: digest.finish(),
        }
    }

    /// A new assignment of `keys` after `change` is applied to a copy of the
    /// placement; `self` is left as it was.
    pub fn changed(
        &self,
        keys: &[u64],
        change: impl FnOnce(&mut Placement) -> Result<(), PlacementError>,
    ) -> Result<Self, PlacementError> {
        let mut placement = self.placement.clone();
        change(&mut placement)?;
        Ok(Self::new(placement, keys))
    }

    /// The placement.
    pub fn placement(&self) -> &Placement {
        &self.placement
    }
    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        self.placement.scheme()
    }
    /// Live server ids, sorted.
    pub fn servers(&self) -> &[u32] {
        self.placement.servers()
    }
    /// Owner of every key, in key order.
    pub fn owners(&self) -> &[u32] {
        &self.owners
    }
    /// Every live server's load, sorted by id.
    pub fn loads(&self) -> &[ServerLoad] {
        &self.loads
    }
    /// The load of server `id`, if live.
    pub fn load_of(&self, id: u32) -> Option<&ServerLoad> {
        let i = self.loads.binary_search_by_key(&id, |l| l.id).ok()?;
        self.loads.get(i)
    }
    /// What [`ServerLoad::share`] measures.
    pub fn share_kind(&self) -> ShareKind {
        self.share_kind
    }
    /// Balance of keys per server (includes the sampling noise of the keys).
    pub fn stats(&self) -> &LoadStats {
        &self.stats
    }
    /// Coefficient of variation of the exact ring shares (ring schemes only).
    pub fn ring_share_cv(&self) -> Option<f64> {
        self.share_cv
    }
    /// The ring cut into arcs, in clockwise order (ring schemes only).
    pub fn arcs(&self) -> &[RingArc] {
        &self.arcs
    }
    /// True when [`Assignment::arcs`] are aggregated segments, not exact.
    pub fn arcs_binned(&self) -> bool {
        self.arcs_binned
    }
    /// A digest of every key's owner.
    pub fn owners_digest(&self) -> u64 {
        self.owners_digest
    }
}

/// Each live server's share (aligned with the sorted servers) and its kind.
fn shares_of(placement: &Placement) -> (ShareKind, Vec<f64>) {
    let servers = placement.servers();
    let even = 1.0 / servers.len().max(1) as f64;
    if let Some(ring) = placement.ring() {
        let shares = ring.shares();
        let of = |id: u32| {
            shares
                .binary_search_by_key(&id, |&(s, _)| s)
                .map_or(0.0, |i| shares[i].1)
        };
        return (
            ShareKind::RingArc,
            servers.iter().map(|&id| of(id)).collect(),
        );
    }
    if let Some(table) = placement.maglev_table() {
        let slots = per_server_counts(servers, table.entries());
        let m = table.size().max(1) as f64;
        let shares = slots.iter().map(|&(_, c)| c as f64 / m).collect();
        return (ShareKind::TableSlots, shares);
    }
    (ShareKind::Expected, vec![even; servers.len()])
}

/// Coefficient of variation (population standard deviation / mean).
fn cv(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    if mean > 0.0 {
        libm::sqrt(var) / mean
    } else {
        0.0
    }
}

/// The circle, 2^64, as an exact integer.
const CIRCLE: u128 = 1 << 64;

/// The ring's arcs from sorted `points`: exact when there are few points,
/// otherwise [`ARC_BINS`] segments coloured by their majority owner.
fn ring_arcs(points: &[RingPoint]) -> (Vec<RingArc>, bool) {
    let pieces = pieces(points);
    if points.len() <= MAX_EXACT_ARC_POINTS {
        let arcs = pieces
            .iter()
            .map(|&(a, b, server)| RingArc {
                start: a as f64 / CIRCLE as f64,
                end: b as f64 / CIRCLE as f64,
                server,
            })
            .collect();
        return (merge(arcs), false);
    }
    (merge(binned(&pieces)), true)
}

/// The circle as contiguous integer pieces `[a, b)` in clockwise order,
/// each owned by the point at its end (the wrap-around arc is split at 0).
fn pieces(points: &[RingPoint]) -> Vec<(u128, u128, u32)> {
    let (Some(&(first, first_server)), Some(&(last, _))) = (points.first(), points.last()) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(points.len() + 1);
    // Positions up to and including `first` belong to the first point; so do
    // those after the last point (wrapping past the top).
    out.push((0, u128::from(first) + 1, first_server));
    for pair in points.windows(2) {
        let (a, (b, server)) = (pair[0].0, pair[1]);
        if b > a {
            out.push((u128::from(a) + 1, u128::from(b) + 1, server));
        }
    }
    if u128::from(last) + 1 < CIRCLE {
        out.push((u128::from(last) + 1, CIRCLE, first_server));
    }
    out
}

/// Majority owner of each of [`ARC_BINS`] equal segments.
fn binned(pieces: &[(u128, u128, u32)]) -> Vec<RingArc> {
    let bins = ARC_BINS as u128;
    let bin_start = |j: u128| (j << 64) / bins;
    let mut out = Vec::with_capacity(ARC_BINS);
    let mut current = 0u128;
    let mut acc: Vec<(u32, u128)> = Vec::new();
    for &(a, b, server) in pieces {
        let (first_bin, last_bin) = ((a * bins) >> 64, ((b - 1) * bins) >> 64);
        for j in first_bin..=last_bin.min(bins - 1) {
            while current < j {
                push_majority(current, &mut acc, &mut out);
                current += 1;
            }
            let len = b.min(bin_start(j + 1)) - a.max(bin_start(j));
            match acc.iter_mut().find(|(s, _)| *s == server) {
                Some(entry) => entry.1 += len,
                None => acc.push((server, len)),
            }
        }
    }
    while current < bins {
        push_majority(current, &mut acc, &mut out);
        current += 1;
    }
    out
}

/// Closes bin `j`: its arc goes to the server with the most length in it
/// (the smaller id on ties).
fn push_majority(j: u128, acc: &mut Vec<(u32, u128)>, out: &mut Vec<RingArc>) {
    let best = acc
        .iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
        .map_or(0, |&(s, _)| s);
    let bins = ARC_BINS as f64;
    out.push(RingArc {
        start: j as f64 / bins,
        end: (j + 1) as f64 / bins,
        server: best,
    });
    acc.clear();
}

/// Joins neighbouring arcs of the same server.
fn merge(arcs: Vec<RingArc>) -> Vec<RingArc> {
    let mut out: Vec<RingArc> = Vec::with_capacity(arcs.len());
    for arc in arcs {
        match out.last_mut() {
            Some(last) if last.server == arc.server => last.end = arc.end,
            _ => out.push(arc),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::placement::{PlacementConfig, Ring};

    fn total(arcs: &[RingArc]) -> f64 {
        arcs.iter().map(|a| a.end - a.start).sum()
    }

    #[test]
    fn exact_arcs_cover_the_circle_and_match_shares() {
        let ring = Ring::new(&[1, 2, 3], 5);
        let (arcs, binned) = ring_arcs(ring.points());
        assert!(!binned);
        assert!((total(&arcs) - 1.0).abs() < 1e-12);
        assert!(arcs.windows(2).all(|w| w[0].end == w[1].start));
        for (id, share) in ring.shares() {
            let sum: f64 = arcs
                .iter()
                .filter(|a| a.server == id)
                .map(|a| a.end - a.start)
                .sum();
            assert!((sum - share).abs() < 1e-9, "{id}: {sum} vs {share}");
        }
    }

    #[test]
    fn share_spread_matches_the_placement_library() {
        let cfg = PlacementConfig::default();
        let servers: Vec<u32> = (0..20).collect();
        let placement = Placement::new(cfg, &servers).unwrap_or_else(|e| panic!("{e}"));
        let want = crate::placement::stats::ring_share_spread(
            placement.ring().map_or(&[][..], |r| r.points()),
        );
        let got = Assignment::new(placement, &[1, 2, 3])
            .ring_share_cv()
            .unwrap_or(-1.0);
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }

    #[test]
    fn many_points_are_binned() {
        let servers: Vec<u32> = (0..50).collect();
        let ring = Ring::new(&servers, 100);
        let (arcs, binned) = ring_arcs(ring.points());
        assert!(binned);
        assert!(arcs.len() <= ARC_BINS);
        assert!((total(&arcs) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn loads_add_up() {
        let cfg = PlacementConfig {
            scheme: Scheme::Maglev,
            maglev_table_size: 251,
            ..PlacementConfig::default()
        };
        let placement = Placement::new(cfg, &[0, 1, 2, 3]).unwrap_or_else(|e| panic!("{e}"));
        let keys: Vec<u64> = (0..1_000).collect();
        let a = Assignment::new(placement, &keys);
        assert_eq!(a.loads().iter().map(|l| l.keys).sum::<u64>(), 1_000);
        assert!((a.loads().iter().map(|l| l.share).sum::<f64>() - 1.0).abs() < 1e-12);
        assert_eq!(a.share_kind(), ShareKind::TableSlots);
    }
}
