//! The sentences that explain a [`Change`]: a one-line summary for the
//! picture and the narration, which states the three numbers (moved, ideal,
//! what `hash mod N` would move) and the scheme-specific reason.

use crate::placement::Scheme;

use super::change::{Change, ChangeKind};
use super::text::{count_usize, pct, servers as n_servers};

impl Change {
    /// One line for the picture: "+1 server: 231 keys moved (11.6%); ideal
    /// 11.1%; mod N would move 1,818 (90.9%)".
    pub fn summary(&self) -> String {
        let what = match &self.kind {
            ChangeKind::Add(_) => "+1 server".to_string(),
            ChangeKind::Remove(id) => format!("\u{2212}server {id}"),
            ChangeKind::Fail(id) => format!("server {id} crashed"),
            ChangeKind::Reconfigure(what) => what.clone(),
        };
        let mut line = format!(
            "{what}: {} moved ({}); ideal {}",
            super::text::keys(self.moved.len()),
            pct(self.moved_share()),
            pct(self.ideal_share)
        );
        if self.pool_changed() && self.scheme != Scheme::ModN {
            line.push_str(&format!(
                "; mod N would move {} ({})",
                count_usize(self.modn_moved),
                pct(self.modn_share())
            ));
        }
        line
    }

    /// The narration: what happened, the three numbers and why.
    pub fn narrate(&self) -> String {
        let n = format!("{} \u{2192} {}", self.servers_before, self.servers_after);
        let moved = format!(
            "{} moved ({})",
            super::text::keys(self.moved.len()),
            pct(self.moved_share())
        );
        let head = match &self.kind {
            ChangeKind::Add(id) => format!(
                "Server {id} joined ({n} servers): {moved}; the ideal is 1/{} = {}.",
                self.servers_before + 1,
                pct(self.ideal_share)
            ),
            ChangeKind::Remove(id) => format!(
                "Server {id} left gracefully ({n} servers): {moved}; the ideal is its own \
                 keys, {}.",
                pct(self.ideal_share)
            ),
            ChangeKind::Fail(id) => format!(
                "Server {id} crashed ({n} servers): {}. For placement a crash is a departure: \
                 {moved}; the ideal is its own keys, {}.",
                match self.lookups_failed {
                    0 => "no lookup was in flight to it".to_string(),
                    k => format!(
                        "{} in flight to it failed and must be retried",
                        plural(k, "lookup", "lookups")
                    ),
                },
                pct(self.ideal_share)
            ),
            ChangeKind::Reconfigure(what) => format!(
                "{}: {moved} although no server joined or left.",
                capitalise(what)
            ),
        };
        let mut text = head;
        text.push(' ');
        text.push_str(&self.why());
        if self.pool_changed() && self.scheme != Scheme::ModN {
            text.push_str(&format!(
                " hash mod N would move {} ({}) of the same keys: mod N renumbers almost every \
                 key because N changed.",
                count_usize(self.modn_moved),
                pct(self.modn_share())
            ));
        }
        text
    }

    /// The scheme-specific reason for the number that moved.
    fn why(&self) -> String {
        let extra = self.collateral;
        let stayed = match extra {
            0 => "no key moved between servers that stayed".to_string(),
            _ => format!(
                "{} moved between servers that stayed",
                plural(extra, "key", "keys")
            ),
        };
        match (self.scheme, &self.kind) {
            (_, ChangeKind::Reconfigure(_)) => {
                "Every key is placed again under the new setting.".to_string()
            }
            (Scheme::Ring, ChangeKind::Add(id)) => format!(
                "All of them went to server {id}, taken from {} whose arcs its points cut.",
                n_servers(self.donors)
            ),
            (Scheme::Ring, _) => format!(
                "Only its keys moved, each to the next point clockwise, spread over {}.",
                n_servers(self.receivers)
            ),
            (Scheme::ModN, _) => format!(
                "hash mod N renumbers almost every key because N changed: a key stays only if \
                 both remainders pick the same server ({stayed})."
            ),
            (Scheme::Rendezvous, ChangeKind::Add(id)) => format!(
                "Only keys on which server {id} now scores highest moved, from {}.",
                n_servers(self.donors)
            ),
            (Scheme::Rendezvous, _) => format!(
                "Only its keys moved, each to its runner-up score, spread over {}.",
                n_servers(self.receivers)
            ),
            (Scheme::Jump, ChangeKind::Add(_)) if self.renumbered.unwrap_or(0) == 0 => {
                "Jump hash moves only the keys that jump into the new last bucket.".to_string()
            }
            (Scheme::Jump, _) => match self.renumbered {
                Some(0) | None => "It was the highest-numbered bucket, the only one jump hash \
                                   can remove cheaply."
                    .to_string(),
                Some(r) => format!(
                    "Jump hash can only remove the highest-numbered bucket: {} above it \
                     were renumbered, so {stayed}.",
                    plural(r, "server", "servers")
                ),
            },
            (Scheme::Maglev, _) => format!(
                "Maglev rebuilt its table: {} slots changed owner and {stayed}.",
                count_usize(self.changed_slots.len())
            ),
            (Scheme::BoundedLoads, _) => {
                let (c0, c1) = self.caps.unwrap_or((0, 0));
                if extra == 0 {
                    format!(
                        "The cap went from {c0} to {c1} keys per server and no server reached \
                         it, so this moved exactly like the plain ring."
                    )
                } else {
                    format!(
                        "The cap went from {c0} to {c1} keys per server; keys over a cap walk on \
                         clockwise to the next server with room, so {stayed}."
                    )
                }
            }
        }
    }
}

/// "1 lookup" / "3 lookups", with thousands separators.
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", count_usize(n))
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
