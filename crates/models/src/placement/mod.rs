//! Placement: which server owns which key, under six schemes.
//!
//! What it models: the ways a pool of servers splits a key space (workers,
//! connections, shards) and what each costs when the pool changes:
//! - [`ring`]: consistent hash ring with virtual nodes (Karger et al. 1997);
//! - [`modn`]: `hash mod N`, the naive table that reshuffles on every change;
//! - [`rendezvous`]: highest random weight (Thaler & Ravishankar 1998);
//! - [`jump`]: jump consistent hash (Lamping & Veach 2014);
//! - [`maglev`]: Maglev's lookup table (Eisenbud et al., NSDI 2016);
//! - [`bounded`]: consistent hashing with bounded loads (Mirrokni, Thorup &
//!   Zadimoghaddam, SODA 2018).
//!
//! [`Placement`] puts them behind one interface over a set of live servers
//! with stable `u32` ids kept sorted: removing a server leaves a gap in the
//! ids, never renumbers them. [`stats`] measures balance and disruption.
//!
//! What it simplifies: all servers weigh the same, keys are `u64` ids, and
//! every key and server position comes from [`crate::hash`] (xxHash64), so
//! native and WebAssembly builds place every key identically.

pub mod bounded;
pub mod error;
pub mod jump;
pub mod maglev;
pub mod modn;
pub mod rendezvous;
pub mod ring;
mod scheme;
pub mod stats;

use serde::Serialize;

pub use error::PlacementError;
pub use maglev::MaglevTable;
pub use ring::{Ring, RingPoint};
pub use scheme::{PlacementConfig, Scheme};
pub use stats::LoadStats;

/// Most live servers a placement accepts.
pub const MAX_SERVERS: usize = 1_000;
/// Most virtual nodes per server on the ring.
pub const MAX_POINTS_PER_SERVER: u32 = 1_000;

/// What one lookup costs under a scheme, for the cost panel.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LookupCost {
    /// Typical operations per lookup (comparisons, hashes or iterations).
    pub ops_per_lookup: f64,
    /// How that number is computed, for the reader.
    pub formula: &'static str,
    /// Entries the lookup structure keeps in memory.
    pub memory_entries: u64,
}

/// The state each scheme keeps between lookups.
#[derive(Clone, Debug, PartialEq)]
enum State {
    /// Ring and bounded loads.
    Ring(Ring),
    /// Maglev.
    Maglev(MaglevTable),
    /// Mod N, rendezvous and jump need only the server list.
    Stateless,
}

/// A scheme applied to a set of live servers.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    config: PlacementConfig,
    servers: Vec<u32>,
    state: State,
}

impl Placement {
    /// Places keys over `servers` (any order, no duplicates) with `config`.
    pub fn new(config: PlacementConfig, servers: &[u32]) -> Result<Self, PlacementError> {
        config.validate()?;
        let mut sorted = servers.to_vec();
        sorted.sort_unstable();
        if let Some(pair) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return Err(PlacementError::DuplicateServer(pair[0]));
        }
        check_count(sorted.len())?;
        let state = build_state(&config, &sorted)?;
        Ok(Self {
            config,
            servers: sorted,
            state,
        })
    }

    /// The parameters in use.
    pub fn config(&self) -> &PlacementConfig {
        &self.config
    }

    /// The scheme in use.
    pub fn scheme(&self) -> Scheme {
        self.config.scheme
    }

    /// Live server ids, sorted.
    pub fn servers(&self) -> &[u32] {
        &self.servers
    }

    /// The ring, for the ring and bounded-loads schemes (to draw it).
    pub fn ring(&self) -> Option<&Ring> {
        match &self.state {
            State::Ring(ring) => Some(ring),
            _ => None,
        }
    }

    /// The lookup table, for the Maglev scheme (to draw it).
    pub fn maglev_table(&self) -> Option<&MaglevTable> {
        match &self.state {
            State::Maglev(table) => Some(table),
            _ => None,
        }
    }

    /// Adds server `id`.
    pub fn add_server(&mut self, id: u32) -> Result<(), PlacementError> {
        let Err(at) = self.servers.binary_search(&id) else {
            return Err(PlacementError::DuplicateServer(id));
        };
        check_count(self.servers.len() + 1)?;
        self.servers.insert(at, id);
        match &mut self.state {
            State::Ring(ring) => ring.add_server(id),
            State::Maglev(_) => self.rebuild_maglev()?,
            State::Stateless => {}
        }
        Ok(())
    }

    /// Removes server `id`; its keys go to the others.
    pub fn remove_server(&mut self, id: u32) -> Result<(), PlacementError> {
        let Ok(at) = self.servers.binary_search(&id) else {
            return Err(PlacementError::UnknownServer(id));
        };
        if self.servers.len() == 1 {
            return Err(PlacementError::LastServer(id));
        }
        self.servers.remove(at);
        match &mut self.state {
            State::Ring(ring) => ring.remove_server(id),
            State::Maglev(_) => self.rebuild_maglev()?,
            State::Stateless => {}
        }
        Ok(())
    }

    /// Owner of every key, in the same order. For bounded loads the keys
    /// are placed in this order and the result depends on the whole list.
    pub fn assign(&self, keys: &[u64]) -> Vec<u32> {
        match (&self.state, self.config.scheme) {
            (State::Ring(ring), Scheme::BoundedLoads) => {
                bounded::assign(ring, keys, self.config.bounded_eps)
            }
            _ => keys.iter().filter_map(|&key| self.owner(key)).collect(),
        }
    }

    /// Owner of one key; `None` for bounded loads, where ownership depends
    /// on the other keys (use [`Placement::assign`]).
    pub fn owner(&self, key: u64) -> Option<u32> {
        match (&self.state, self.config.scheme) {
            (_, Scheme::BoundedLoads) => None,
            (State::Ring(ring), _) => ring.owner(key),
            (State::Maglev(table), _) => Some(table.owner(key)),
            (_, Scheme::ModN) => modn::owner(&self.servers, key),
            (_, Scheme::Rendezvous) => rendezvous::owner(&self.servers, key),
            (_, Scheme::Jump) => jump::owner(&self.servers, key),
            // Ring and Maglev always carry their state (see `build_state`).
            (State::Stateless, Scheme::Ring | Scheme::Maglev) => None,
        }
    }

    /// What one lookup costs with the current servers.
    pub fn lookup_cost(&self) -> LookupCost {
        let n = self.servers.len() as u64;
        let points = n * u64::from(self.config.points_per_server);
        let m = u64::from(self.config.maglev_table_size);
        let (ops_per_lookup, formula, memory_entries) = match self.config.scheme {
            Scheme::Ring => (log2_at_least_one(points), "log2(n·k) comparisons", points),
            Scheme::ModN => (1.0, "1 hash, 1 modulo", n),
            Scheme::Rendezvous => (n as f64, "n hashes, one score per server", n),
            Scheme::Jump => (
                libm::log(n as f64) + 1.0,
                "ln(n) + 1 loop iterations (expected)",
                n,
            ),
            Scheme::Maglev => (1.0, "1 table read; M entries, rebuilt on change", m),
            Scheme::BoundedLoads => (
                log2_at_least_one(points),
                "log2(n·k) comparisons, then a walk past full servers; needs all loads",
                points + n,
            ),
        };
        LookupCost {
            ops_per_lookup,
            formula,
            memory_entries,
        }
    }

    fn rebuild_maglev(&mut self) -> Result<(), PlacementError> {
        self.state = State::Maglev(MaglevTable::new(
            &self.servers,
            self.config.maglev_table_size,
        )?);
        Ok(())
    }
}

/// `log2(x)`, at least 1 (one comparison even for a single point).
fn log2_at_least_one(x: u64) -> f64 {
    libm::log2(x as f64).max(1.0)
}

fn check_count(n: usize) -> Result<(), PlacementError> {
    match n {
        0 => Err(PlacementError::NoServers),
        n if n > MAX_SERVERS => Err(PlacementError::TooManyServers { max: MAX_SERVERS }),
        _ => Ok(()),
    }
}

fn build_state(config: &PlacementConfig, servers: &[u32]) -> Result<State, PlacementError> {
    Ok(match config.scheme {
        Scheme::Ring | Scheme::BoundedLoads => {
            State::Ring(Ring::new(servers, config.points_per_server))
        }
        Scheme::Maglev => State::Maglev(MaglevTable::new(servers, config.maglev_table_size)?),
        Scheme::ModN | Scheme::Rendezvous | Scheme::Jump => State::Stateless,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(scheme: Scheme) -> PlacementConfig {
        PlacementConfig {
            scheme,
            maglev_table_size: 251,
            ..PlacementConfig::default()
        }
    }

    #[test]
    fn scheme_keys_round_trip() {
        for scheme in Scheme::ALL {
            assert_eq!(Scheme::from_key(scheme.key()), Some(scheme));
            let json = serde_json::to_string(&scheme).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", scheme.key()));
        }
        assert_eq!(Scheme::from_key("nope"), None);
    }

    #[test]
    fn errors_are_reported() {
        let ring = config(Scheme::Ring);
        assert_eq!(Placement::new(ring, &[]), Err(PlacementError::NoServers));
        assert_eq!(
            Placement::new(ring, &[1, 1]),
            Err(PlacementError::DuplicateServer(1))
        );
        let mut p = Placement::new(ring, &[4]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.remove_server(4), Err(PlacementError::LastServer(4)));
        assert_eq!(p.remove_server(5), Err(PlacementError::UnknownServer(5)));
        assert_eq!(p.add_server(4), Err(PlacementError::DuplicateServer(4)));
        let bad = PlacementConfig {
            points_per_server: 0,
            ..ring
        };
        assert!(Placement::new(bad, &[1]).is_err());
        let bad = PlacementConfig {
            maglev_table_size: 100,
            ..config(Scheme::Maglev)
        };
        assert!(Placement::new(bad, &[1]).is_err());
        let bad = PlacementConfig {
            bounded_eps: f64::NAN,
            ..config(Scheme::BoundedLoads)
        };
        assert!(Placement::new(bad, &[1]).is_err());
        let many: Vec<u32> = (0..1001).collect();
        assert!(Placement::new(ring, &many).is_err());
        assert!(!PlacementError::LastServer(4).to_string().is_empty());
    }

    #[test]
    fn servers_stay_sorted_with_gaps() {
        let mut p =
            Placement::new(config(Scheme::Jump), &[9, 2, 5]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.servers(), &[2, 5, 9]);
        assert_eq!(p.remove_server(5), Ok(()));
        assert_eq!(p.add_server(7), Ok(()));
        assert_eq!(p.servers(), &[2, 7, 9]);
    }

    #[test]
    fn owner_matches_assign_except_bounded() {
        let keys: Vec<u64> = (0..300).collect();
        for scheme in Scheme::ALL {
            let p = Placement::new(config(scheme), &[1, 3, 8]).unwrap_or_else(|e| panic!("{e}"));
            let owners = p.assign(&keys);
            assert_eq!(owners.len(), keys.len(), "{scheme:?}");
            if scheme == Scheme::BoundedLoads {
                assert_eq!(p.owner(1), None);
            } else {
                assert_eq!(Some(owners[7]), p.owner(7), "{scheme:?}");
            }
        }
    }

    #[test]
    fn lookup_costs() {
        let servers: Vec<u32> = (0..300).collect();
        let cost = |scheme| {
            let p = Placement::new(config(scheme), &servers).unwrap_or_else(|e| panic!("{e}"));
            p.lookup_cost()
        };
        let ring = cost(Scheme::Ring);
        assert!((ring.ops_per_lookup - libm::log2(30_000.0)).abs() < 1e-12);
        assert_eq!(ring.memory_entries, 30_000);
        assert_eq!(cost(Scheme::Rendezvous).ops_per_lookup, 300.0);
        assert_eq!(cost(Scheme::ModN).ops_per_lookup, 1.0);
        assert_eq!(cost(Scheme::Maglev).memory_entries, 251);
        assert!((cost(Scheme::Jump).ops_per_lookup - 6.70).abs() < 0.01);
    }
}
