//! Property tests of the placement schemes: invariants checked over many
//! seeded random cases (server sets, points per server, key lists), plus the
//! well-known reference values (moved share on add about 1/(n + 1), ring
//! share spread about 1/sqrt(k)).

use mp_models::placement::stats::{
    ideal_moved_share_on_add, load_stats, moved_keys, moved_share, per_server_counts,
    ring_share_spread,
};
use mp_models::placement::{bounded, jump, Placement, PlacementConfig, Ring, Scheme};

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator for cases.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `lo..=hi` (modulo bias is irrelevant here).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// `n` distinct ids below `bound`, sorted.
    fn ids(&mut self, n: usize, bound: u64) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::with_capacity(n);
        while ids.len() < n {
            let id = self.range(0, bound - 1) as u32;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        ids
    }

    /// Between `lo` and `hi` distinct ids below `bound`, sorted.
    fn some_ids(&mut self, lo: u64, hi: u64, bound: u64) -> Vec<u32> {
        let n = self.range(lo, hi) as usize;
        self.ids(n, bound)
    }

    fn keys(&mut self, n: usize) -> Vec<u64> {
        (0..n).map(|_| self.next()).collect()
    }
}

fn placement(scheme: Scheme, k: u32, servers: &[u32]) -> Placement {
    let config = PlacementConfig {
        scheme,
        points_per_server: k,
        maglev_table_size: 4_099,
        bounded_eps: 0.25,
    };
    Placement::new(config, servers).unwrap_or_else(|e| panic!("{scheme:?}: {e}"))
}

/// An id above every live one, so jump hash can add it cheaply.
fn fresh_id(servers: &[u32]) -> u32 {
    servers.last().map_or(0, |&top| top + 1)
}

#[test]
fn every_key_has_exactly_one_live_owner() {
    for seed in 0..20 {
        let mut rng = SplitMix64(seed);
        let n = rng.range(1, 40) as usize;
        let servers = rng.ids(n, 2_000);
        let k = rng.range(1, 200) as u32;
        let keys = rng.keys(400);
        for scheme in Scheme::ALL {
            let owners = placement(scheme, k, &servers).assign(&keys);
            assert_eq!(owners.len(), keys.len(), "seed {seed} {scheme:?}");
            for owner in owners {
                assert!(
                    servers.binary_search(&owner).is_ok(),
                    "seed {seed} {scheme:?}"
                );
            }
        }
    }
}

#[test]
fn state_depends_only_on_the_live_set() {
    for seed in 0..10 {
        let mut rng = SplitMix64(100 + seed);
        let servers = rng.some_ids(2, 30, 500);
        let keys = rng.keys(300);
        let gone = servers[rng.range(0, servers.len() as u64 - 1) as usize];
        let rest: Vec<u32> = servers.iter().copied().filter(|&s| s != gone).collect();
        for scheme in Scheme::ALL {
            let mut changed = placement(scheme, 20, &servers);
            assert_eq!(changed.remove_server(gone), Ok(()));
            let fresh = placement(scheme, 20, &rest);
            assert_eq!(changed.assign(&keys), fresh.assign(&keys), "{scheme:?}");
            assert_eq!(changed.add_server(gone), Ok(()));
            let back = placement(scheme, 20, &servers);
            assert_eq!(changed.assign(&keys), back.assign(&keys), "{scheme:?}");
        }
    }
}

/// The owner the old ring gives a key if `removed`'s points are skipped.
fn next_clockwise_survivor(ring: &Ring, key: u64, removed: u32) -> u32 {
    let points = ring.points();
    let start = ring
        .point_index_at(mp_models::hash::key_hash(key))
        .unwrap_or(0);
    (0..points.len())
        .map(|step| points[(start + step) % points.len()].1)
        .find(|&s| s != removed)
        .unwrap_or(u32::MAX)
}

#[test]
fn ring_removal_moves_only_the_removed_servers_keys_clockwise() {
    for seed in 0..15 {
        let mut rng = SplitMix64(200 + seed);
        let servers = rng.some_ids(2, 30, 1_000);
        let k = rng.range(1, 150) as u32;
        let keys = rng.keys(2_000);
        let mut p = placement(Scheme::Ring, k, &servers);
        let old_ring = p.ring().cloned().unwrap_or_else(|| panic!("ring"));
        let before = p.assign(&keys);
        let removed = servers[rng.range(0, servers.len() as u64 - 1) as usize];
        assert_eq!(p.remove_server(removed), Ok(()));
        let after = p.assign(&keys);
        for ((&key, &b), &a) in keys.iter().zip(&before).zip(&after) {
            if b != removed {
                assert_eq!(a, b, "seed {seed}: a key of a surviving server moved");
            } else {
                assert_eq!(a, next_clockwise_survivor(&old_ring, key, removed));
            }
        }
    }
}

#[test]
fn ring_addition_moves_keys_only_to_the_new_server() {
    for seed in 0..15 {
        let mut rng = SplitMix64(300 + seed);
        let servers = rng.some_ids(1, 30, 1_000);
        let k = rng.range(1, 150) as u32;
        let keys = rng.keys(2_000);
        let mut p = placement(Scheme::Ring, k, &servers);
        let before = p.assign(&keys);
        let added = 1_000 + rng.range(0, 10) as u32;
        assert_eq!(p.add_server(added), Ok(()));
        let after = p.assign(&keys);
        for (&b, &a) in before.iter().zip(&after) {
            assert!(a == b || a == added, "seed {seed}: moved {b} -> {a}");
        }
    }
}

#[test]
fn ring_moved_share_on_add_is_near_one_over_n_plus_one() {
    let keys = SplitMix64(7).keys(100_000);
    for seed in 0..3 {
        let servers = SplitMix64(400 + seed).ids(10, 10_000);
        let mut p = placement(Scheme::Ring, 100, &servers);
        let before = p.assign(&keys);
        assert_eq!(p.add_server(20_000 + seed as u32), Ok(()));
        let share = moved_share(&before, &p.assign(&keys));
        let ideal = ideal_moved_share_on_add(10);
        // The newcomer's arc share has a spread of about 1/sqrt(k) = 10%.
        assert!(
            (share / ideal - 1.0).abs() < 0.35,
            "seed {seed}: {share} vs {ideal}"
        );
    }
}

#[test]
fn ring_share_spread_is_about_one_over_sqrt_k() {
    let servers: Vec<u32> = (0..100).collect();
    for (k, expected) in [(10, 0.316), (100, 0.1), (1_000, 0.0316)] {
        let spread = ring_share_spread(Ring::new(&servers, k).points());
        let ratio = spread / expected;
        assert!((0.6..1.5).contains(&ratio), "k {k}: spread {spread}");
    }
}

#[test]
fn ring_key_load_spread_follows_the_arcs() {
    let servers: Vec<u32> = (0..50).collect();
    let keys = SplitMix64(9).keys(50_000);
    let p = placement(Scheme::Ring, 100, &servers);
    let stats = load_stats(&per_server_counts(&servers, &p.assign(&keys)));
    assert!(stats.cv > 0.05 && stats.cv < 0.2, "cv {}", stats.cv);
    assert_eq!(stats.mean, 1_000.0);
}

#[test]
fn mod_n_moves_almost_every_key_on_add() {
    let keys = SplitMix64(11).keys(20_000);
    let servers: Vec<u32> = (0..10).collect();
    let mut p = placement(Scheme::ModN, 1, &servers);
    let before = p.assign(&keys);
    assert_eq!(p.add_server(10), Ok(()));
    let share = moved_share(&before, &p.assign(&keys));
    assert!((share - 10.0 / 11.0).abs() < 0.02, "moved {share}");
}

#[test]
fn rendezvous_disrupts_minimally() {
    for seed in 0..8 {
        let mut rng = SplitMix64(500 + seed);
        let servers = rng.some_ids(2, 20, 1_000);
        let keys = rng.keys(3_000);
        let mut p = placement(Scheme::Rendezvous, 1, &servers);
        let before = p.assign(&keys);
        let removed = servers[rng.range(0, servers.len() as u64 - 1) as usize];
        assert_eq!(p.remove_server(removed), Ok(()));
        let after = p.assign(&keys);
        for (&b, &a) in before.iter().zip(&after) {
            assert!(b == removed || a == b, "seed {seed}: survivor's key moved");
        }
        let added = fresh_id(&servers);
        assert_eq!(p.add_server(added), Ok(()));
        let grown = p.assign(&keys);
        for (&b, &a) in after.iter().zip(&grown) {
            assert!(a == b || a == added, "seed {seed}: moved {b} -> {a}");
        }
    }
}

#[test]
fn rendezvous_moved_share_on_add_is_near_one_over_n_plus_one() {
    let keys = SplitMix64(13).keys(20_000);
    let servers: Vec<u32> = (0..10).collect();
    let mut p = placement(Scheme::Rendezvous, 1, &servers);
    let before = p.assign(&keys);
    assert_eq!(p.add_server(10), Ok(()));
    let share = moved_share(&before, &p.assign(&keys));
    assert!((share - 1.0 / 11.0).abs() < 0.01, "moved {share}");
}

#[test]
fn jump_adding_the_next_bucket_moves_one_over_n_plus_one_to_it() {
    let keys = SplitMix64(17).keys(20_000);
    for n in [1u32, 5, 10, 40] {
        let servers: Vec<u32> = (0..n).collect();
        let mut p = placement(Scheme::Jump, 1, &servers);
        let before = p.assign(&keys);
        assert_eq!(p.add_server(n), Ok(()));
        let after = p.assign(&keys);
        for (&b, &a) in before.iter().zip(&after) {
            assert!(a == b || a == n, "n {n}: moved {b} -> {a}");
        }
        let share = moved_share(&before, &after);
        let ideal = ideal_moved_share_on_add(n as usize);
        assert!((share - ideal).abs() < 0.015, "n {n}: {share} vs {ideal}");
    }
}

#[test]
fn jump_removing_a_middle_bucket_renumbers_and_moves_more() {
    let keys = SplitMix64(19).keys(20_000);
    let servers: Vec<u32> = (0..10).collect();
    let before = placement(Scheme::Jump, 1, &servers).assign(&keys);
    let counts = per_server_counts(&servers, &before);
    // Highest bucket: exactly its own keys move.
    let mut top = placement(Scheme::Jump, 1, &servers);
    assert_eq!(top.remove_server(9), Ok(()));
    assert_eq!(moved_keys(&before, &top.assign(&keys)) as u64, counts[9].1);
    // Bucket 0: every bucket above it is renumbered.
    assert_eq!(jump::renumbered_buckets(&servers, 0), Some(9));
    let mut low = placement(Scheme::Jump, 1, &servers);
    assert_eq!(low.remove_server(0), Ok(()));
    let moved = moved_keys(&before, &low.assign(&keys)) as u64;
    assert!(
        moved > 3 * counts[0].1,
        "moved {moved}, owned {}",
        counts[0].1
    );
}

#[test]
fn maglev_balances_and_disrupts_little() {
    let keys = SplitMix64(23).keys(30_000);
    let servers: Vec<u32> = (0..100).collect();
    let config = PlacementConfig {
        scheme: Scheme::Maglev,
        maglev_table_size: 65_537,
        ..PlacementConfig::default()
    };
    let mut p = Placement::new(config, &servers).unwrap_or_else(|e| panic!("{e}"));
    let table = p
        .maglev_table()
        .map(|t| t.entries().to_vec())
        .unwrap_or_default();
    let slots = per_server_counts(&servers, &table);
    assert!(
        slots.iter().all(|&(_, c)| c == 655 || c == 656),
        "{slots:?}"
    );
    let before = p.assign(&keys);
    assert_eq!(p.remove_server(42), Ok(()));
    let after = p.assign(&keys);
    let survivors_moved = before
        .iter()
        .zip(&after)
        .filter(|(&b, &a)| b != 42 && a != b)
        .count();
    let share = survivors_moved as f64 / keys.len() as f64;
    // The paper reports a small extra disruption beyond the removed share.
    assert!(share < 0.02, "survivors' keys moved: {share}");
}

#[test]
fn bounded_loads_respects_the_cap_and_places_every_key() {
    for seed in 0..20 {
        let mut rng = SplitMix64(600 + seed);
        let servers = rng.some_ids(1, 40, 1_000);
        let k = rng.range(1, 100) as u32;
        let eps = rng.range(0, 100) as f64 / 100.0;
        let num_keys = rng.range(0, 3_000) as usize;
        let keys = rng.keys(num_keys);
        let ring = Ring::new(&servers, k);
        let owners = bounded::assign(&ring, &keys, eps);
        assert_eq!(owners.len(), keys.len(), "seed {seed}");
        let cap = bounded::capacity(keys.len(), servers.len(), eps);
        for (server, count) in per_server_counts(&servers, &owners) {
            assert!(
                count <= cap,
                "seed {seed}: server {server} holds {count} > {cap}"
            );
        }
        let counted: u64 = per_server_counts(&servers, &owners)
            .iter()
            .map(|c| c.1)
            .sum();
        assert_eq!(counted as usize, keys.len(), "seed {seed}: unknown owner");
    }
}

#[test]
fn bounded_loads_lowers_the_peak_of_the_ring() {
    let servers: Vec<u32> = (0..30).collect();
    let keys = SplitMix64(29).keys(30_000);
    let ring = placement(Scheme::Ring, 10, &servers).assign(&keys);
    let capped = placement(Scheme::BoundedLoads, 10, &servers).assign(&keys);
    let ring_peak = load_stats(&per_server_counts(&servers, &ring)).max_over_mean;
    let capped_peak = load_stats(&per_server_counts(&servers, &capped)).max_over_mean;
    assert!(capped_peak <= 1.25 + 1e-9, "capped peak {capped_peak}");
    assert!(
        ring_peak > capped_peak,
        "ring {ring_peak} vs capped {capped_peak}"
    );
}
