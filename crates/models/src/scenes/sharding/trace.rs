//! A short, bounded memory of recent requests, kept for drawing: the layout
//! moves a dot along each one's path as a function of its age.

use crate::engine::time::SimTime;

/// Recent requests kept for drawing.
pub const RECENT_KEPT: usize = 64;
/// Recent cold starts kept for drawing (they last much longer than a warm
/// request, so they get their own buffer).
pub const COLD_KEPT: usize = 32;

/// How a request reached the server that ran it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Ran where it arrived: no sharding, or the client was its home.
    Local,
    /// A hot worker, warm everywhere, so never sharded.
    Hot,
    /// Forwarded to its home server.
    Forwarded,
    /// Sent to its home, which was overloaded and handed it back
    /// (optimistic policy).
    HandedBack,
    /// Its home refused permission (pessimistic policy).
    Denied,
    /// Run locally because a recent refusal stopped sharding this worker
    /// on this client for a while.
    Pinned,
}

/// One request, as the drawing needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trace {
    /// Arrival at the shard client.
    pub at: SimTime,
    /// The worker.
    pub worker: u32,
    /// The server that received it from the internet.
    pub client: u32,
    /// The server that ran it.
    pub server: u32,
    /// The home server it was sharded to (the server that ran it when it
    /// was not sharded). A refused request ran on its client, not here.
    pub home: u32,
    /// How it got there.
    pub route: Route,
    /// True when it waited for a cold start.
    pub cold: bool,
    /// Arrival to answer.
    pub latency_micros: u64,
}

/// A fixed-size ring of the latest traces.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring<const N: usize> {
    items: Vec<Trace>,
    next: usize,
}

impl<const N: usize> Default for Ring<N> {
    fn default() -> Self {
        Ring {
            items: Vec::with_capacity(N),
            next: 0,
        }
    }
}

impl<const N: usize> Ring<N> {
    /// Keeps `trace`, forgetting the oldest when full.
    pub fn push(&mut self, trace: Trace) {
        if self.items.len() < N {
            self.items.push(trace);
        } else {
            self.items[self.next] = trace;
        }
        self.next = (self.next + 1) % N;
    }

    /// The kept traces, newest first.
    pub fn newest_first(&self) -> impl Iterator<Item = &Trace> {
        // When full, `next` is the oldest: `items[next..]` then `items[..next]`
        // runs oldest to newest.
        let (newest_part, oldest_part) = self.items.split_at(self.next.min(self.items.len()));
        oldest_part.iter().chain(newest_part.iter()).rev()
    }

    /// Forgets everything (after a scrub the view redraws from the model).
    pub fn clear(&mut self) {
        self.items.clear();
        self.next = 0;
    }
}
