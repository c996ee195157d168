//! Maglev hashing: a lookup table filled by backend preference lists.
//!
//! What it models: Eisenbud et al., "Maglev: A Fast and Reliable Software
//! Network Load Balancer" (NSDI 2016), section 3.4. Each backend has a
//! permutation of the `M` table slots, `permutation[j] = (offset + j * skip)
//! mod M` with `offset = h1(name) mod M` and `skip = h2(name) mod (M - 1) +
//! 1`; since `M` is prime every such list visits every slot. "Populate" lets
//! the backends take turns claiming their next preferred free slot until the
//! table is full, so every backend gets `M / N` slots give or take one. A
//! lookup is one table read at `hash(key) mod M`. When a backend leaves, its
//! slots go to others and only a few other slots change hands.
//!
//! What it simplifies: a backend's name is its server id; `h1` and `h2` are
//! [`xxh64`] of the id's 4 little-endian bytes with two different seeds. No
//! weights, no connection tracking. Backends take turns in id order.

use crate::hash::{key_hash, xxh64};

use super::error::PlacementError;

/// The table size the paper's evaluation uses for small pools, a prime.
pub const DEFAULT_TABLE_SIZE: u32 = 65_537;
/// Largest table size accepted (entries are 4 bytes each).
pub const MAX_TABLE_SIZE: u32 = 4_000_000;
/// Prime sizes small enough to draw, and the default.
pub const DRAWABLE_TABLE_SIZES: [u32; 4] = [7, 251, 4_099, DEFAULT_TABLE_SIZE];

/// Seed of `h1`, which picks a backend's first slot.
const OFFSET_SEED: u64 = 0x6D61_676C_6576_5F31; // "maglev_1"
/// Seed of `h2`, which picks a backend's stride.
const SKIP_SEED: u64 = 0x6D61_676C_6576_5F32; // "maglev_2"

/// A populated Maglev lookup table.
#[derive(Clone, Debug, PartialEq)]
pub struct MaglevTable {
    /// Server id of every slot; its length is the prime table size.
    entries: Vec<u32>,
}

impl MaglevTable {
    /// Builds the table of `servers` (sorted ids) with `table_size` slots.
    pub fn new(servers: &[u32], table_size: u32) -> Result<Self, PlacementError> {
        if servers.is_empty() {
            return Err(PlacementError::NoServers);
        }
        let permutations: Vec<(u32, u32)> = servers
            .iter()
            .map(|&server| offset_and_skip(server, table_size))
            .collect::<Result<_, _>>()?;
        let slots = populate(&permutations, table_size)?;
        let entries = slots.into_iter().map(|backend| servers[backend]).collect();
        Ok(Self { entries })
    }

    /// Server id of every slot, for drawing.
    pub fn entries(&self) -> &[u32] {
        &self.entries
    }

    /// Table size `M`.
    pub fn size(&self) -> usize {
        self.entries.len()
    }

    /// Owner of `key`: slot `key_hash(key) mod M`.
    pub fn owner(&self, key: u64) -> u32 {
        let slot = key_hash(key) % self.entries.len() as u64;
        // `new` never builds an empty table and the slot is below its length.
        self.entries[slot as usize]
    }
}

/// The `(offset, skip)` pair of `server` for a table of `table_size` slots.
pub fn offset_and_skip(server: u32, table_size: u32) -> Result<(u32, u32), PlacementError> {
    check_table_size(table_size)?;
    let m = u64::from(table_size);
    let name = server.to_le_bytes();
    let offset = xxh64(&name, OFFSET_SEED) % m;
    let skip = xxh64(&name, SKIP_SEED) % (m - 1) + 1;
    // Both are below `table_size`, a u32.
    Ok((offset as u32, skip as u32))
}

/// The paper's "Populate" (Pseudocode 1) from explicit `(offset, skip)`
/// pairs, one per backend in turn order; returns the backend index of every
/// slot. Fails if the size is not a prime in range or a pair is out of range
/// (then a preference list would miss slots and the loop could not finish).
pub fn populate(
    permutations: &[(u32, u32)],
    table_size: u32,
) -> Result<Vec<usize>, PlacementError> {
    check_table_size(table_size)?;
    if permutations.is_empty() {
        return Err(PlacementError::NoServers);
    }
    for (backend, &(offset, skip)) in permutations.iter().enumerate() {
        if offset >= table_size || skip == 0 || skip >= table_size {
            return Err(PlacementError::Permutation { backend });
        }
    }
    let m = table_size as usize;
    let mut entry = vec![EMPTY; m];
    let mut next = vec![0u64; permutations.len()];
    let mut filled = 0;
    loop {
        for (i, &(offset, skip)) in permutations.iter().enumerate() {
            let mut slot = preferred_slot(offset, skip, next[i], table_size);
            // Ends: the table is not full and the list visits every slot.
            while entry[slot] != EMPTY {
                next[i] += 1;
                slot = preferred_slot(offset, skip, next[i], table_size);
            }
            entry[slot] = i;
            next[i] += 1;
            filled += 1;
            if filled == m {
                return Ok(entry);
            }
        }
    }
}

/// Marks a slot no backend has claimed yet.
const EMPTY: usize = usize::MAX;

/// `permutation[j] = (offset + j * skip) mod M`, as a slot index.
fn preferred_slot(offset: u32, skip: u32, j: u64, table_size: u32) -> usize {
    let m = u64::from(table_size);
    // j < M after the reduction, so j * skip < 2^64; the result is below M.
    ((u64::from(offset) + (j % m) * u64::from(skip)) % m) as usize
}

/// Accepts primes in `2..=MAX_TABLE_SIZE`.
pub fn check_table_size(table_size: u32) -> Result<(), PlacementError> {
    if table_size <= MAX_TABLE_SIZE && is_prime(table_size) {
        Ok(())
    } else {
        Err(PlacementError::TableSize {
            got: table_size,
            max: MAX_TABLE_SIZE,
        })
    }
}

/// Trial division; sizes are at most a few million.
pub fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    let n = u64::from(n);
    let mut d = 2u64;
    while d * d <= n {
        if n % d == 0 {
            return false;
        }
        d += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table 1 of the Maglev paper (NSDI 2016, section 3.4): M = 7, B0 has
    /// offset 3 and skip 4, B1 offset 0 skip 2, B2 offset 3 skip 1.
    #[test]
    fn reproduces_paper_table_1() {
        let before = populate(&[(3, 4), (0, 2), (3, 1)], 7);
        assert_eq!(before, Ok(vec![1, 0, 1, 0, 2, 2, 0]));
        // After B1 is removed, B0 and B2 (indexes 0 and 1 here) refill it.
        let after = populate(&[(3, 4), (3, 1)], 7).map(|t| {
            t.into_iter()
                .map(|i| if i == 1 { 2 } else { i })
                .collect::<Vec<_>>()
        });
        assert_eq!(after, Ok(vec![0, 0, 0, 0, 2, 2, 2]));
    }

    #[test]
    fn rejects_bad_sizes_and_pairs() {
        assert!(check_table_size(7).is_ok());
        assert!(check_table_size(65_537).is_ok());
        assert!(check_table_size(8).is_err());
        assert!(check_table_size(1).is_err());
        assert_eq!(
            populate(&[(3, 4), (0, 7)], 7),
            Err(PlacementError::Permutation { backend: 1 })
        );
        assert_eq!(populate(&[], 7), Err(PlacementError::NoServers));
        assert!(DRAWABLE_TABLE_SIZES.iter().all(|&m| is_prime(m)));
    }

    #[test]
    fn every_backend_gets_about_m_over_n_slots() {
        let servers: Vec<u32> = (1..=10).collect();
        let table = MaglevTable::new(&servers, 251).unwrap_or_else(|e| panic!("{e}"));
        for &s in &servers {
            let slots = table.entries().iter().filter(|&&e| e == s).count();
            assert!((25..=26).contains(&slots), "server {s} has {slots} slots");
        }
    }

    #[test]
    fn more_backends_than_slots_still_fills_the_table() {
        let servers: Vec<u32> = (0..20).collect();
        let table = MaglevTable::new(&servers, 7).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(table.size(), 7);
    }
}
