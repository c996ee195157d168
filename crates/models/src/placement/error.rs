//! Errors of building or changing a placement.
//!
//! What it models: the ways a reader's request can be refused (an unknown
//! server, removing the last one, a table size that is not prime). Each text
//! says what was wrong in words a reader of the page understands.

use std::fmt;

/// Why a placement could not be built or changed.
#[derive(Clone, Debug, PartialEq)]
pub enum PlacementError {
    /// A placement needs at least one server.
    NoServers,
    /// More servers than the model allows.
    TooManyServers {
        /// The largest allowed number of servers.
        max: usize,
    },
    /// The server id is already live.
    DuplicateServer(u32),
    /// No live server has this id.
    UnknownServer(u32),
    /// The server is the only one left; every key needs an owner.
    LastServer(u32),
    /// Virtual nodes per server outside `1..=max`.
    PointsPerServer {
        /// The requested number of points.
        got: u32,
        /// The largest allowed number of points.
        max: u32,
    },
    /// The Maglev table size must be a prime in `2..=max`.
    TableSize {
        /// The requested size.
        got: u32,
        /// The largest allowed size.
        max: u32,
    },
    /// A Maglev (offset, skip) pair that does not describe a permutation.
    Permutation {
        /// Index of the backend whose pair is wrong.
        backend: usize,
    },
    /// The bounded-loads slack must be a finite number >= 0.
    BoundedEps(f64),
}

impl fmt::Display for PlacementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoServers => write!(f, "at least one server is needed"),
            Self::TooManyServers { max } => {
                write!(f, "at most {max} servers are supported")
            }
            Self::DuplicateServer(id) => write!(f, "server {id} is already in the pool"),
            Self::UnknownServer(id) => write!(f, "there is no live server {id}"),
            Self::LastServer(id) => write!(
                f,
                "server {id} is the last one left: every key needs an owner"
            ),
            Self::PointsPerServer { got, max } => write!(
                f,
                "points per server must be between 1 and {max} (got {got})"
            ),
            Self::TableSize { got, max } => write!(
                f,
                "the Maglev table size must be a prime between 2 and {max} (got {got})"
            ),
            Self::Permutation { backend } => write!(
                f,
                "backend {backend}: offset must be below the table size and skip \
                 between 1 and size - 1"
            ),
            Self::BoundedEps(eps) => write!(
                f,
                "the load slack epsilon must be a number of at least 0 (got {eps})"
            ),
        }
    }
}

impl std::error::Error for PlacementError {}
