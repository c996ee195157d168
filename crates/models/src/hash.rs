//! A named, stable 64-bit hash for placing keys and servers.
//!
//! What it models: the hash function every placement scheme uses to put keys
//! and servers onto a number line (the ring, a table, a score). It is
//! xxHash64 (XXH64) by Yann Collet, following the algorithm as specified in
//! the xxHash repository (`doc/xxhash_spec.md`, "XXH64 algorithm
//! description"), written out here so that no crate update can change where a
//! key lands.
//!
//! What it simplifies: only the one-shot form is provided (no streaming
//! state), and inputs are small fixed encodings of integers. Every value is
//! plain integer arithmetic, so native and WebAssembly builds agree bit for
//! bit.
//!
//! The encodings are part of the contract: changing a seed or a byte order
//! moves every key in every scene.

/// XXH64 prime 1.
const PRIME64_1: u64 = 0x9E37_79B1_85EB_CA87;
/// XXH64 prime 2.
const PRIME64_2: u64 = 0xC2B2_AE3D_27D4_EB4F;
/// XXH64 prime 3.
const PRIME64_3: u64 = 0x1656_67B1_9E37_79F9;
/// XXH64 prime 4.
const PRIME64_4: u64 = 0x85EB_CA77_C2B2_AE63;
/// XXH64 prime 5.
const PRIME64_5: u64 = 0x27D4_EB2F_1656_67C5;

/// Seed of [`server_point`]: positions of servers' virtual nodes.
pub const SERVER_POINT_SEED: u64 = 0;
/// Seed of [`key_hash`]: positions of keys. It differs from
/// [`SERVER_POINT_SEED`] so a key never lands exactly on a server point just
/// because the two share a byte encoding.
pub const KEY_SEED: u64 = 0x6B65_795F_6861_7368; // "key_hash" in ASCII
/// Seed of [`key_server_hash`]: rendezvous scores.
pub const KEY_SERVER_SEED: u64 = 0x7363_6F72_655F_6B73; // "score_ks" in ASCII

/// xxHash64 of `bytes` with `seed`, exactly as the reference implementation.
///
/// For example `xxh64(b"", 0) == 0xEF46_DB37_51D8_E999`.
pub fn xxh64(bytes: &[u8], seed: u64) -> u64 {
    let len = bytes.len() as u64;
    let mut rest = bytes;
    let mut h = if bytes.len() >= 32 {
        let (acc, tail) = stripes(bytes, seed);
        rest = tail;
        acc
    } else {
        seed.wrapping_add(PRIME64_5)
    };
    h = h.wrapping_add(len);
    while rest.len() >= 8 {
        h ^= round(0, read_u64(rest));
        h = h
            .rotate_left(27)
            .wrapping_mul(PRIME64_1)
            .wrapping_add(PRIME64_4);
        rest = &rest[8..];
    }
    if rest.len() >= 4 {
        h ^= u64::from(read_u32(rest)).wrapping_mul(PRIME64_1);
        h = h
            .rotate_left(23)
            .wrapping_mul(PRIME64_2)
            .wrapping_add(PRIME64_3);
        rest = &rest[4..];
    }
    for &byte in rest {
        h ^= u64::from(byte).wrapping_mul(PRIME64_5);
        h = h.rotate_left(11).wrapping_mul(PRIME64_1);
    }
    avalanche(h)
}

/// Position of virtual node `vnode` of `server`.
///
/// Encoding: the 8 bytes `server` (u32, little-endian) then `vnode` (u32,
/// little-endian), hashed with [`xxh64`] and seed [`SERVER_POINT_SEED`].
pub fn server_point(server: u32, vnode: u32) -> u64 {
    xxh64_word(
        u64::from(server) | (u64::from(vnode) << 32),
        SERVER_POINT_SEED,
    )
}

/// Position of a key (a worker id, a request id...).
///
/// Encoding: the 8 bytes of `key` (u64, little-endian), hashed with
/// [`xxh64`] and seed [`KEY_SEED`]. Every scheme hashes keys through this, so
/// sequential ids spread as well as random ones.
pub fn key_hash(key: u64) -> u64 {
    xxh64_word(key, KEY_SEED)
}

/// Hash of the pair (key, server), the rendezvous score.
///
/// Encoding: the 12 bytes `key` (u64, little-endian) then `server` (u32,
/// little-endian), hashed with [`xxh64`] and seed [`KEY_SERVER_SEED`].
pub fn key_server_hash(key: u64, server: u32) -> u64 {
    let h = seed_and_len(KEY_SERVER_SEED, 12);
    let h = eat_word(h, key);
    avalanche(eat_half(h, server))
}

/// [`xxh64`] of the 8 little-endian bytes of `word`, without the slice
/// handling: lookups hash millions of these per second.
fn xxh64_word(word: u64, seed: u64) -> u64 {
    avalanche(eat_word(seed_and_len(seed, 8), word))
}

/// Start of a short (< 32 bytes) input: `seed + PRIME64_5 + len`.
fn seed_and_len(seed: u64, len: u64) -> u64 {
    seed.wrapping_add(PRIME64_5).wrapping_add(len)
}

/// Mixes in one 8-byte lane of the tail.
fn eat_word(h: u64, word: u64) -> u64 {
    (h ^ round(0, word))
        .rotate_left(27)
        .wrapping_mul(PRIME64_1)
        .wrapping_add(PRIME64_4)
}

/// Mixes in one 4-byte lane of the tail.
fn eat_half(h: u64, half: u32) -> u64 {
    (h ^ u64::from(half).wrapping_mul(PRIME64_1))
        .rotate_left(23)
        .wrapping_mul(PRIME64_2)
        .wrapping_add(PRIME64_3)
}

/// Runs the four accumulators over every whole 32-byte stripe; returns the
/// merged accumulator and the bytes left over.
fn stripes(bytes: &[u8], seed: u64) -> (u64, &[u8]) {
    let mut acc = [
        seed.wrapping_add(PRIME64_1).wrapping_add(PRIME64_2),
        seed.wrapping_add(PRIME64_2),
        seed,
        seed.wrapping_sub(PRIME64_1),
    ];
    let mut rest = bytes;
    while rest.len() >= 32 {
        for (lane, v) in acc.iter_mut().enumerate() {
            *v = round(*v, read_u64(&rest[lane * 8..]));
        }
        rest = &rest[32..];
    }
    let mut h = acc[0]
        .rotate_left(1)
        .wrapping_add(acc[1].rotate_left(7))
        .wrapping_add(acc[2].rotate_left(12))
        .wrapping_add(acc[3].rotate_left(18));
    for v in acc {
        h = merge_round(h, v);
    }
    (h, rest)
}

fn round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(PRIME64_2))
        .rotate_left(31)
        .wrapping_mul(PRIME64_1)
}

fn merge_round(acc: u64, val: u64) -> u64 {
    (acc ^ round(0, val))
        .wrapping_mul(PRIME64_1)
        .wrapping_add(PRIME64_4)
}

fn avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(PRIME64_2);
    h ^= h >> 29;
    h = h.wrapping_mul(PRIME64_3);
    h ^ (h >> 32)
}

/// Little-endian u64 from the first 8 bytes. Callers check the length.
fn read_u64(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// Little-endian u32 from the first 4 bytes. Callers check the length.
fn read_u32(bytes: &[u8]) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PRIME32` and `PRIME64` of the sanity check (the latter is not
    /// XXH64's prime 1: it ends in ...797, not ...791).
    const PRIME32: u64 = 2_654_435_761;
    const PRIME64: u64 = 11_400_714_785_074_694_797;

    /// The xxHash sanity buffer: `XSUM_fillTestBuffer` in the reference
    /// repository's `cli/xsum_sanity_check.c`.
    fn sanity_buffer(len: usize) -> Vec<u8> {
        let mut gen = PRIME32;
        (0..len)
            .map(|_| {
                let byte = (gen >> 56) as u8;
                gen = gen.wrapping_mul(PRIME64);
                byte
            })
            .collect()
    }

    /// Vectors from `XSUM_sanityCheck` in Cyan4973/xxHash
    /// (`cli/xsum_sanity_check.c`): (length of sanity buffer, seed, XXH64).
    #[test]
    fn xxh64_matches_reference_sanity_vectors() {
        let cases = [
            (0, 0, 0xEF46_DB37_51D8_E999),
            (0, PRIME32, 0xAC75_FDA2_929B_17EF),
            (1, 0, 0xE934_A84A_DB05_2768),
            (1, PRIME32, 0x5014_6076_43A9_B4C3),
            (4, 0, 0x9136_A0DC_A574_57EE),
            (14, 0, 0x8282_DCC4_994E_35C8),
            (14, PRIME32, 0xC3BD_6BF6_3DEB_6DF0),
            (222, 0, 0xB641_AE8C_B691_C174),
            (222, PRIME32, 0x20CB_8AB7_AE10_C14A),
        ];
        let buffer = sanity_buffer(222);
        for (len, seed, want) in cases {
            let got = xxh64(&buffer[..len], seed);
            assert_eq!(got, want, "len {len} seed {seed}: {got:#018x}");
        }
    }

    /// Short strings, from ifduyue/nim-xxhash `tests/test_xxh64_update.nim`
    /// and ClickHouse's xxHash64 functional test ("ABC", "xxhash").
    #[test]
    fn xxh64_matches_published_string_vectors() {
        assert_eq!(xxh64(b"a", 0), 15_154_266_338_359_012_955);
        assert_eq!(xxh64(b"ab", 0), 7_347_350_983_217_793_633);
        assert_eq!(xxh64(b"abc", 0), 4_952_883_123_889_572_249);
        assert_eq!(xxh64(b"ABC", 0), 0xE66A_E735_4FCF_EE98);
        assert_eq!(xxh64(b"xxhash", 0), 0x32DD_3895_2C4B_C720);
    }

    #[test]
    fn encodings_are_the_documented_ones() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&7u32.to_le_bytes());
        bytes.extend_from_slice(&3u32.to_le_bytes());
        assert_eq!(server_point(7, 3), xxh64(&bytes, SERVER_POINT_SEED));
        assert_eq!(key_hash(42), xxh64(&42u64.to_le_bytes(), KEY_SEED));
        bytes.clear();
        bytes.extend_from_slice(&42u64.to_le_bytes());
        bytes.extend_from_slice(&7u32.to_le_bytes());
        assert_eq!(key_server_hash(42, 7), xxh64(&bytes, KEY_SERVER_SEED));
    }

    #[test]
    fn fast_paths_match_the_generic_hash() {
        let mut x = 0x0123_4567_89AB_CDEFu64;
        for _ in 0..1_000 {
            x = x.wrapping_mul(PRIME64_1).wrapping_add(PRIME64_2);
            let (a, b) = (x as u32, (x >> 32) as u32);
            assert_eq!(xxh64_word(x, 5), xxh64(&x.to_le_bytes(), 5));
            let mut bytes = [0u8; 8];
            bytes[..4].copy_from_slice(&a.to_le_bytes());
            bytes[4..].copy_from_slice(&b.to_le_bytes());
            assert_eq!(server_point(a, b), xxh64(&bytes, SERVER_POINT_SEED));
            let mut pair = x.to_le_bytes().to_vec();
            pair.extend_from_slice(&b.to_le_bytes());
            assert_eq!(key_server_hash(x, b), xxh64(&pair, KEY_SERVER_SEED));
        }
    }

    #[test]
    fn seeds_separate_keys_from_points() {
        let key = u64::from(7u32) | (u64::from(3u32) << 32);
        assert_ne!(key_hash(key), server_point(7, 3));
    }
}
