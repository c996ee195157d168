//! `hash mod N`: the naive placement the ring replaces.
//!
//! What it models: the textbook table `servers[hash(key) mod N]` over the
//! live servers, sorted by id. It balances well, but when N changes almost
//! every key gets a new owner: growing from N to N + 1 keeps a key only when
//! both remainders happen to pick the same server, about 1 key in N + 1.
//!
//! What it simplifies: no weights; the hash is [`key_hash`].

use crate::hash::key_hash;

/// Owner of `key` among `servers` (sorted live ids); `None` if empty.
pub fn owner(servers: &[u32], key: u64) -> Option<u32> {
    if servers.is_empty() {
        return None;
    }
    let index = key_hash(key) % servers.len() as u64;
    // The index is below `servers.len()`, so it fits a usize.
    Some(servers[index as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_is_hash_mod_n() {
        let servers = [3, 8, 20];
        for key in 0..100 {
            let want = servers[(key_hash(key) % 3) as usize];
            assert_eq!(owner(&servers, key), Some(want));
        }
        assert_eq!(owner(&[], 1), None);
    }
}
