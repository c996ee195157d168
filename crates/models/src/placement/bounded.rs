//! Consistent hashing with bounded loads.
//!
//! What it models: Mirrokni, Thorup and Zadimoghaddam, "Consistent Hashing
//! with Bounded Loads" (SODA 2018; arXiv:1608.01350, 2016). On top of the
//! ring, every server may hold at most `ceil((1 + eps) * m / n)` of the `m`
//! keys. Keys are placed one after another; a key whose clockwise owner is
//! already full walks on clockwise to the first point of a server with room.
//! No server ends above the cap, and since `n` caps hold at least `m` keys,
//! every key finds a home.
//!
//! What it simplifies: the key set and its order are given up front (the
//! paper also handles keys arriving and leaving one at a time). Ownership
//! depends on every other key, so this scheme assigns a whole key list, and
//! there is no per-key `owner`.
//!
//! Skipping full servers uses a "next point with room" pointer array with
//! path halving (a union-find over ring positions), so a long run of full
//! servers costs almost nothing after it is first crossed: assigning `m`
//! keys takes `O((m + n·k) α)` steps after the binary searches.

use crate::hash::key_hash;

use super::ring::Ring;

/// Most keys a server may hold: `ceil((1 + eps) * num_keys / num_servers)`.
/// Zero when there are no keys or no servers.
pub fn capacity(num_keys: usize, num_servers: usize, eps: f64) -> u64 {
    if num_keys == 0 || num_servers == 0 {
        return 0;
    }
    let exact = (1.0 + eps) * num_keys as f64 / num_servers as f64;
    // Float rounding must never push the cap below m / n, or the keys
    // would not all fit.
    let floor = num_keys.div_ceil(num_servers) as u64;
    (libm::ceil(exact) as u64).max(floor)
}

/// Owner of every key of `keys`, placed in that order on `ring` with slack
/// `eps`. Servers are the ones with points on the ring.
pub fn assign(ring: &Ring, keys: &[u64], eps: f64) -> Vec<u32> {
    let points = ring.points();
    let servers = servers_of(ring);
    let cap = capacity(keys.len(), servers.len(), eps);
    // Every point's server is in `servers`, which is built from the points.
    let point_server: Vec<usize> = points
        .iter()
        .map(|&(_, s)| servers.binary_search(&s).unwrap_or(0))
        .collect();
    let mut points_of: Vec<Vec<usize>> = vec![Vec::new(); servers.len()];
    for (i, &s) in point_server.iter().enumerate() {
        points_of[s].push(i);
    }
    let mut room = NextWithRoom::new(points.len());
    let mut loads = vec![0u64; servers.len()];
    let mut owners = Vec::with_capacity(keys.len());
    for &key in keys {
        let Some(start) = ring.point_index_at(key_hash(key)) else {
            return Vec::new();
        };
        // Some server has room: fewer than m keys are placed and n caps
        // hold at least m. The fallback to the plain owner is unreachable.
        let point = room.find_clockwise(start).unwrap_or(start);
        let s = point_server[point];
        owners.push(servers[s]);
        loads[s] += 1;
        if loads[s] == cap {
            points_of[s].iter().for_each(|&p| room.close(p));
        }
    }
    owners
}

/// Distinct servers of the ring, sorted by id.
fn servers_of(ring: &Ring) -> Vec<u32> {
    let mut servers: Vec<u32> = ring.points().iter().map(|&(_, s)| s).collect();
    servers.sort_unstable();
    servers.dedup();
    servers
}

/// For each ring point, the first point at or after it (clockwise) whose
/// server still has room. Index `len` is a sentinel meaning "past the top".
struct NextWithRoom {
    next: Vec<usize>,
}

impl NextWithRoom {
    fn new(len: usize) -> Self {
        Self {
            next: (0..=len).collect(),
        }
    }

    /// Marks point `p` full: lookups skip to the one after it.
    fn close(&mut self, p: usize) {
        self.next[p] = p + 1;
    }

    /// First open point at or after `p`, or the sentinel.
    fn find(&mut self, mut p: usize) -> usize {
        while self.next[p] != p {
            self.next[p] = self.next[self.next[p]];
            p = self.next[p];
        }
        p
    }

    /// First open point clockwise from `start`, wrapping once.
    fn find_clockwise(&mut self, start: usize) -> Option<usize> {
        let sentinel = self.next.len() - 1;
        let p = self.find(start);
        if p != sentinel {
            return Some(p);
        }
        let p = self.find(0);
        (p != sentinel).then_some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacity_rounds_up() {
        assert_eq!(capacity(100, 10, 0.0), 10);
        assert_eq!(capacity(101, 10, 0.0), 11);
        assert_eq!(capacity(100, 10, 0.25), 13);
        assert_eq!(capacity(0, 10, 0.25), 0);
        assert_eq!(capacity(3, 0, 0.25), 0);
    }

    #[test]
    fn large_slack_matches_the_plain_ring() {
        let ring = Ring::new(&[1, 2, 3, 4], 50);
        let keys: Vec<u64> = (0..400).collect();
        let plain: Vec<u32> = keys.iter().filter_map(|&k| ring.owner(k)).collect();
        assert_eq!(assign(&ring, &keys, 100.0), plain);
    }

    #[test]
    fn zero_slack_fills_every_server_exactly() {
        let ring = Ring::new(&[1, 2, 3, 4, 5], 3);
        let keys: Vec<u64> = (0..500).collect();
        let owners = assign(&ring, &keys, 0.0);
        for s in 1..=5 {
            assert_eq!(owners.iter().filter(|&&o| o == s).count(), 100);
        }
    }

    #[test]
    fn full_servers_are_skipped_clockwise() {
        let ring = Ring::new(&[1, 2], 1);
        // Two keys, one per server at most: the second key owned by the same
        // server as the first must move to the other one.
        let a = ring.owner(0).unwrap_or(0);
        let b = (1..1000).find(|&k| ring.owner(k) == Some(a)).unwrap_or(0);
        let owners = assign(&ring, &[0, b], 0.0);
        assert_eq!(owners[0], a);
        assert_ne!(owners[1], a);
    }

    #[test]
    fn empty_ring_assigns_nothing() {
        assert!(assign(&Ring::new(&[], 5), &[1, 2], 0.5).is_empty());
    }
}
