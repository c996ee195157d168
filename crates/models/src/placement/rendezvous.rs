//! Rendezvous hashing, or highest random weight.
//!
//! What it models: Thaler and Ravishankar, "Using Name-Based Mappings to
//! Increase Hit Rates" (IEEE/ACM Transactions on Networking, 1998). Each
//! server gets a pseudo-random score for the key; the highest score wins.
//! Removing a server moves only its keys (each to its runner-up), and adding
//! one moves only the keys it now outscores for: minimal disruption, with no
//! table at all, at the price of one hash per server per lookup.
//!
//! What it simplifies: the score is [`key_server_hash`]`(key, server)`, no
//! weights. Equal scores (a 64-bit collision) go to the smaller server id.

use crate::hash::key_server_hash;

/// The score of `server` for `key`: higher wins.
pub fn score(key: u64, server: u32) -> u64 {
    key_server_hash(key, server)
}

/// Owner of `key`: the server of `servers` with the highest score, the
/// smaller id on ties; `None` if empty.
pub fn owner(servers: &[u32], key: u64) -> Option<u32> {
    let mut best: Option<(u64, u32)> = None;
    for &server in servers {
        let s = score(key, server);
        let better = match best {
            None => true,
            Some((top, top_server)) => s > top || (s == top && server < top_server),
        };
        if better {
            best = Some((s, server));
        }
    }
    best.map(|(_, server)| server)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_has_the_top_score() {
        let servers = [1, 4, 6, 9];
        for key in 0..200 {
            let won = owner(&servers, key).unwrap_or(0);
            let top = servers.iter().map(|&s| score(key, s)).max();
            assert_eq!(Some(score(key, won)), top);
        }
        assert_eq!(owner(&[], 1), None);
    }
}
