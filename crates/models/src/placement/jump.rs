//! Jump consistent hash.
//!
//! What it models: Lamping and Veach, "A Fast, Minimal Memory, Consistent
//! Hash Algorithm" (arXiv:1406.2294, 2014). [`jump_consistent_hash`] is the
//! paper's C++ function, line for line: a 64-bit linear congruential
//! generator (multiplier 2862933555777941757) decides where the key jumps
//! next, with the same double-precision arithmetic. It needs no memory and
//! about ln(n) + 1 iterations, and growing from n to n + 1 buckets moves
//! exactly the keys that land in the new bucket, about 1/(n + 1) of them.
//!
//! What it simplifies, and its cost: jump hash maps a key to a bucket
//! number `0..n`, not to a server name. Here bucket `b` is the `b`-th live
//! server in id order, so only adding a server with a higher id than every
//! live one, or removing the highest, is cheap. Removing any other server
//! renumbers every bucket above it ([`renumbered_buckets`]) and moves keys
//! between servers that stayed: jump hash can only remove the
//! highest-numbered bucket.
//!
//! The IEEE double operations used (multiply, divide, conversion) are
//! exactly rounded, so native and WebAssembly builds agree bit for bit.

use crate::hash::key_hash;

/// The LCG multiplier of the paper.
const LCG_MULTIPLIER: u64 = 2_862_933_555_777_941_757;

/// The paper's `JumpConsistentHash(key, num_buckets)`: a bucket in
/// `0..num_buckets`, or -1 when `num_buckets <= 0` (as the C++ code does).
pub fn jump_consistent_hash(mut key: u64, num_buckets: i32) -> i32 {
    let mut b: i64 = -1;
    let mut j: i64 = 0;
    while j < i64::from(num_buckets) {
        b = j;
        key = key.wrapping_mul(LCG_MULTIPLIER).wrapping_add(1);
        // j = (b + 1) * (double(1LL << 31) / double((key >> 33) + 1));
        // b + 1 <= 2^31 and the quotient <= 2^31, so the product is below
        // 2^62 and the cast truncates exactly as C's conversion does.
        j = ((b + 1) as f64 * ((1i64 << 31) as f64 / ((key >> 33) + 1) as f64)) as i64;
    }
    // b < num_buckets <= i32::MAX, so this cast is lossless.
    b as i32
}

/// Bucket of `key` among `num_buckets`, the key placed by [`key_hash`].
/// `None` when there are no buckets.
pub fn bucket(key: u64, num_buckets: usize) -> Option<usize> {
    let n = i32::try_from(num_buckets).ok()?;
    usize::try_from(jump_consistent_hash(key_hash(key), n)).ok()
}

/// Owner of `key`: the live server (sorted ids) at its bucket number.
pub fn owner(servers: &[u32], key: u64) -> Option<u32> {
    bucket(key, servers.len()).map(|b| servers[b])
}

/// How many servers get a new bucket number if `removed` leaves `servers`
/// (sorted ids): every server above it. `None` if `removed` is not live.
/// Zero only when `removed` is the highest-numbered bucket; otherwise the
/// keys of all those buckets are reshuffled, not just the removed one's.
pub fn renumbered_buckets(servers: &[u32], removed: u32) -> Option<usize> {
    let index = servers.binary_search(&removed).ok()?;
    Some(servers.len() - index - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden values from dgryski/go-jump `jump_test.go` ("Generated from the
    /// reference C++ code"): bucket for 1, 2, 3, ... buckets.
    #[test]
    fn matches_reference_outputs() {
        let cases: [(u64, &[i32]); 4] = [
            (0, &[0; 20]),
            (
                1,
                &[0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 17, 17],
            ),
            (
                0xdead_beef,
                &[0, 1, 2, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 16, 16, 16],
            ),
            (
                0x0ddc_0ffe_ebad_f00d,
                &[0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 15, 15, 15, 15],
            ),
        ];
        for (key, buckets) in cases {
            for (i, &want) in buckets.iter().enumerate() {
                let n = i as i32 + 1;
                assert_eq!(jump_consistent_hash(key, n), want, "key {key:#x} n {n}");
            }
        }
    }

    #[test]
    fn no_buckets_means_no_owner() {
        assert_eq!(jump_consistent_hash(5, 0), -1);
        assert_eq!(owner(&[], 5), None);
    }

    #[test]
    fn removal_cost_is_the_buckets_above() {
        let servers = [2, 4, 7, 9];
        assert_eq!(renumbered_buckets(&servers, 9), Some(0));
        assert_eq!(renumbered_buckets(&servers, 2), Some(3));
        assert_eq!(renumbered_buckets(&servers, 5), None);
    }
}
