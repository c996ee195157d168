//! The consistent hash ring with virtual nodes.
//!
//! What it models: Karger et al., "Consistent Hashing and Random Trees"
//! (STOC 1997). Every server is hashed onto a circle of 2^64 positions at `k`
//! points (virtual nodes); a key belongs to the first point at or after its
//! own position, going clockwise and wrapping past the top. Removing a server
//! hands each of its arcs to the next point clockwise, so with many points its
//! keys spread over many servers; adding one takes over the arcs just before
//! its points and nothing else moves.
//!
//! What it simplifies: points are [`server_point`]`(server, i)` for
//! `i in 0..k`; no weights. Two points at the same position (a 64-bit
//! collision) are ordered by server id, so the result stays deterministic.
//!
//! The points are one flat `Vec<(position, server)>` sorted by position, and
//! a lookup is a binary search in it: `O(log(n·k))` comparisons.

use crate::hash::{key_hash, server_point};

/// A point on the ring: `(position, server id)`.
pub type RingPoint = (u64, u32);

/// Size of the circle, 2^64, as an exact integer.
const CIRCLE: u128 = 1 << 64;

/// A consistent hash ring: every server's points, sorted by position.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    points: Vec<RingPoint>,
    points_per_server: u32,
}

impl Ring {
    /// Builds the ring of `servers` with `points_per_server` points each.
    pub fn new(servers: &[u32], points_per_server: u32) -> Self {
        let mut points = Vec::with_capacity(servers.len() * points_per_server as usize);
        for &server in servers {
            points.extend(server_points(server, points_per_server));
        }
        points.sort_unstable();
        Self {
            points,
            points_per_server,
        }
    }

    /// Adds the points of `server`. The caller checks it is not live yet.
    pub fn add_server(&mut self, server: u32) {
        self.points
            .extend(server_points(server, self.points_per_server));
        self.points.sort_unstable();
    }

    /// Removes every point of `server`.
    pub fn remove_server(&mut self, server: u32) {
        self.points.retain(|&(_, owner)| owner != server);
    }

    /// All points, sorted by position (then server id), for drawing.
    pub fn points(&self) -> &[RingPoint] {
        &self.points
    }

    /// Virtual nodes per server (`k`).
    pub fn points_per_server(&self) -> u32 {
        self.points_per_server
    }

    /// Index in [`Ring::points`] of the point that owns ring position
    /// `position`: the first point at or after it, wrapping to index 0.
    /// `None` when the ring is empty.
    pub fn point_index_at(&self, position: u64) -> Option<usize> {
        if self.points.is_empty() {
            return None;
        }
        let index = self.points.partition_point(|&(p, _)| p < position);
        Some(if index == self.points.len() { 0 } else { index })
    }

    /// Owner of ring position `position` (already a hash).
    pub fn owner_at(&self, position: u64) -> Option<u32> {
        self.point_index_at(position).map(|i| self.points[i].1)
    }

    /// Owner of `key`, placed at [`key_hash`]`(key)`.
    pub fn owner(&self, key: u64) -> Option<u32> {
        self.owner_at(key_hash(key))
    }

    /// Each server's share of the circle, sorted by server id.
    pub fn shares(&self) -> Vec<(u32, f64)> {
        arc_shares(&self.points)
    }
}

/// The `k` points of one server, unsorted.
fn server_points(server: u32, k: u32) -> impl Iterator<Item = RingPoint> {
    (0..k).map(move |vnode| (server_point(server, vnode), server))
}

/// Each server's share of the circle from sorted `points`, sorted by server
/// id. A point owns the arc from its predecessor (exclusive) to itself
/// (inclusive); arcs are summed as exact integers, then divided by 2^64.
pub fn arc_shares(points: &[RingPoint]) -> Vec<(u32, f64)> {
    let mut arcs: Vec<(u32, u128)> = Vec::with_capacity(points.len());
    let Some(&(last, _)) = points.last() else {
        return Vec::new();
    };
    let mut previous = last;
    for (i, &(position, server)) in points.iter().enumerate() {
        let arc = if i == 0 {
            // Wraps past the top: from the last point round to this one.
            CIRCLE - u128::from(previous) + u128::from(position)
        } else {
            u128::from(position - previous)
        };
        arcs.push((server, arc));
        previous = position;
    }
    sum_by_server(arcs)
}

/// Sums arcs per server and converts them to fractions of the circle.
fn sum_by_server(mut arcs: Vec<(u32, u128)>) -> Vec<(u32, f64)> {
    arcs.sort_unstable_by_key(|&(server, _)| server);
    let mut shares: Vec<(u32, u128)> = Vec::new();
    for (server, arc) in arcs {
        match shares.last_mut() {
            Some((last, total)) if *last == server => *total += arc,
            _ => shares.push((server, arc)),
        }
    }
    shares
        .into_iter()
        .map(|(server, arc)| (server, arc as f64 / CIRCLE as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_sorted_and_complete() {
        let ring = Ring::new(&[1, 2, 5], 10);
        assert_eq!(ring.points().len(), 30);
        assert!(ring.points().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(ring.points().iter().filter(|p| p.1 == 5).count(), 10);
    }

    #[test]
    fn owner_is_first_point_clockwise_with_wrap() {
        let ring = Ring::new(&[1, 2, 3], 4);
        let points = ring.points();
        let (first, last) = (points[0], points[points.len() - 1]);
        assert_eq!(ring.owner_at(first.0), Some(first.1));
        assert_eq!(ring.owner_at(first.0.wrapping_sub(1)), Some(first.1));
        assert_eq!(ring.owner_at(last.0), Some(last.1));
        assert_eq!(ring.owner_at(last.0 + 1), Some(first.1));
        assert_eq!(ring.owner_at(points[3].0 + 1), Some(points[4].1));
    }

    #[test]
    fn empty_ring_has_no_owner() {
        assert_eq!(Ring::new(&[], 10).owner(1), None);
        assert!(arc_shares(&[]).is_empty());
    }

    #[test]
    fn shares_are_exact_arcs() {
        let points = [(10, 2), (1 << 63, 1), (u64::MAX, 2)];
        let shares = arc_shares(&points);
        // Server 1 owns (10, 2^63]; server 2 owns the rest.
        let one = ((1u128 << 63) - 10) as f64 / CIRCLE as f64;
        assert_eq!(shares, vec![(1, one), (2, 1.0 - one)]);
        assert_eq!(arc_shares(&[(5, 9)]), vec![(9, 1.0)]);
    }

    #[test]
    fn add_and_remove_round_trip() {
        let mut ring = Ring::new(&[1, 2, 3], 20);
        let before = ring.clone();
        ring.add_server(9);
        assert_eq!(ring.points().len(), 80);
        ring.remove_server(9);
        assert_eq!(ring, before);
    }
}
