//! The scheme picker and the parameters of a placement.
//!
//! What it models: the reader's choices, which scheme and its knobs (virtual
//! nodes per server, Maglev table size, bounded-loads slack), with stable
//! short keys for URLs and JSON. Validation refuses values the models cannot
//! honour, with a reason the page can show.

use serde::{Deserialize, Serialize};

use super::{maglev, PlacementError, MAX_POINTS_PER_SERVER};

/// A placement scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Scheme {
    /// Consistent hash ring with virtual nodes.
    #[serde(rename = "ring")]
    Ring,
    /// `hash mod N` over the live servers.
    #[serde(rename = "modn")]
    ModN,
    /// Highest random weight.
    #[serde(rename = "rendezvous")]
    Rendezvous,
    /// Jump consistent hash over the live servers in id order.
    #[serde(rename = "jump")]
    Jump,
    /// Maglev lookup table.
    #[serde(rename = "maglev")]
    Maglev,
    /// Ring with a cap on every server's load.
    #[serde(rename = "bounded")]
    BoundedLoads,
}

impl Scheme {
    /// Every scheme, in the order a picker lists them.
    pub const ALL: [Scheme; 6] = [
        Scheme::Ring,
        Scheme::ModN,
        Scheme::Rendezvous,
        Scheme::Jump,
        Scheme::Maglev,
        Scheme::BoundedLoads,
    ];

    /// Stable short key, for URLs and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Scheme::Ring => "ring",
            Scheme::ModN => "modn",
            Scheme::Rendezvous => "rendezvous",
            Scheme::Jump => "jump",
            Scheme::Maglev => "maglev",
            Scheme::BoundedLoads => "bounded",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Scheme::Ring => "Consistent hash ring",
            Scheme::ModN => "hash mod N",
            Scheme::Rendezvous => "Rendezvous (highest random weight)",
            Scheme::Jump => "Jump consistent hash",
            Scheme::Maglev => "Maglev table",
            Scheme::BoundedLoads => "Ring with bounded loads",
        }
    }

    /// The scheme whose [`Scheme::key`] is `key`.
    pub fn from_key(key: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Parameters of a placement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacementConfig {
    /// Which scheme assigns keys.
    pub scheme: Scheme,
    /// Virtual nodes per server for the ring schemes, `1..=1000`.
    pub points_per_server: u32,
    /// Maglev table size `M`, a prime (65537 by default; 7, 251 or 4099 to
    /// draw). Checked only when the scheme is Maglev.
    pub maglev_table_size: u32,
    /// Bounded-loads slack: cap = `ceil((1 + eps) * keys / servers)`.
    /// Checked only when the scheme is bounded loads.
    pub bounded_eps: f64,
}

impl Default for PlacementConfig {
    fn default() -> Self {
        Self {
            scheme: Scheme::Ring,
            points_per_server: 100,
            maglev_table_size: maglev::DEFAULT_TABLE_SIZE,
            bounded_eps: 0.25,
        }
    }
}

impl PlacementConfig {
    /// Checks the parameters the scheme uses.
    pub fn validate(&self) -> Result<(), PlacementError> {
        let uses_ring = matches!(self.scheme, Scheme::Ring | Scheme::BoundedLoads);
        let k = self.points_per_server;
        if uses_ring && !(1..=MAX_POINTS_PER_SERVER).contains(&k) {
            return Err(PlacementError::PointsPerServer {
                got: k,
                max: MAX_POINTS_PER_SERVER,
            });
        }
        if self.scheme == Scheme::Maglev {
            maglev::check_table_size(self.maglev_table_size)?;
        }
        let eps = self.bounded_eps;
        if self.scheme == Scheme::BoundedLoads && !(eps.is_finite() && eps >= 0.0) {
            return Err(PlacementError::BoundedEps(eps));
        }
        Ok(())
    }
}
