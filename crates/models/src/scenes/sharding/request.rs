//! One request's path: routing by design, overload handling, then warm or
//! cold service on the server that runs it.
//!
//! Routing, with sharding on: a hot worker runs where it arrived; a quiet
//! one goes to its home server on the ring, unless the client is that home.
//! An overloaded home refuses: under the optimistic policy the request was
//! already sent, and the home hands back a reference to the client's own
//! not-yet-started instance (so the body is not sent twice); the client runs
//! it and stops sharding that worker for `stop_sharding_s`. Under the
//! pessimistic policy every sharded request first asks the home (one extra
//! forward), and a refused one runs locally.

use super::instances::Found;
use super::model::ShardingModel;
use super::params::{Design, Shedding};
use super::trace::{Route, Trace};
use crate::engine::run::Note;
use std::cmp::Reverse;

impl ShardingModel {
    /// Handles the arrival that is due now.
    pub(super) fn arrive(&mut self, notes: &mut Vec<Note>) {
        self.now = self.workload.next_arrival;
        let draw = self
            .workload
            .draw(self.config.servers, self.config.rate_per_sec);
        let client = self.live_server_from(draw.client);
        let worker = draw.worker;
        self.window.requests += 1;
        let (route, server, extra_micros) = self.route(client, worker);
        let found = self.serve(server, worker);
        let cold = found != Found::Warm;
        let exec_micros = libm::round(self.config.exec_micros as f64 * draw.exec_factor) as u64;
        let cold_micros = if cold {
            self.config.cold_start_micros
        } else {
            0
        };
        let latency_micros = extra_micros + cold_micros + exec_micros;
        self.latency.record(latency_micros);
        self.retire(server);
        let done = self.now.plus(latency_micros).micros();
        self.in_flight[server as usize].push(Reverse(done));
        let home = match route {
            Route::Forwarded | Route::HandedBack | Route::Denied => self.homes[worker as usize],
            _ => server,
        };
        let trace = Trace {
            at: self.now,
            worker,
            client,
            server,
            home,
            route,
            cold,
            latency_micros,
        };
        self.recent.push(trace);
        if cold {
            self.recent_cold.push(trace);
        }
        self.narrate_request(&trace, found, notes);
    }

    /// Decides where the request runs: `(route, server, added micros)`.
    fn route(&mut self, client: u32, worker: u32) -> (Route, u32, u64) {
        if self.design == Design::Off {
            return (Route::Local, client, 0);
        }
        // TODO: a real shard client measures each worker's rate; here the
        // model knows it exactly (`hot_count`), so a worker never flips
        // between hot and sharded as its traffic wobbles.
        if worker < self.hot_count {
            return (Route::Hot, client, 0);
        }
        self.window.sharded += 1;
        let home = self.homes[worker as usize];
        if home == client {
            self.window.at_home += 1;
            return (Route::Local, client, 0);
        }
        if self.is_paused(client, worker) {
            self.window.pinned += 1;
            return (Route::Pinned, client, 0);
        }
        let forward = self.config.forward_micros;
        let refused = self.refuses(home);
        match (self.config.shedding, refused) {
            (Shedding::Optimistic, false) => {
                self.window.forwarded += 1;
                (Route::Forwarded, home, forward)
            }
            (Shedding::Optimistic, true) => {
                // TODO: the source resumes sharding "when traffic changes";
                // a fixed `stop_sharding_s` stands in, so a long pause can
                // outlast the overload and a short one can retry too soon.
                self.window.handed_back += 1;
                let until = self.now.plus(self.config.stop_sharding_micros);
                self.paused.insert((client, worker), until);
                (Route::HandedBack, client, forward)
            }
            (Shedding::Pessimistic, false) => {
                self.window.forwarded += 1;
                (Route::Forwarded, home, 2 * forward)
            }
            (Shedding::Pessimistic, true) => {
                self.window.denied += 1;
                (Route::Denied, client, forward)
            }
        }
    }

    /// Runs `worker` on `server`: warm if a live instance is there, else a
    /// cold start (making room under the memory cap first).
    fn serve(&mut self, server: u32, worker: u32) -> Found {
        let idle = self.config.idle_timeout_micros;
        let found = self.instances.find(server, worker, self.now, idle);
        match found {
            Found::Warm => self.window.warm += 1,
            Found::Expired(_) | Found::Absent => {
                self.window.cold += 1;
                if matches!(found, Found::Expired(_)) {
                    self.window.idle_evictions += 1;
                }
                let cap = self.config.memory_cap;
                let (idle_gone, capped) = self.instances.make_room(server, self.now, idle, cap);
                self.window.idle_evictions += idle_gone;
                self.window.cap_evictions += capped;
                self.instances.start(server, worker, self.now);
            }
        }
        found
    }

    /// True when `home` refuses a sharded request now. Capacity gates only
    /// sharded requests: a server always runs what arrives from the internet.
    /// TODO: queue or shed local requests past capacity, so an overloaded
    /// server's own latency rises too.
    fn refuses(&mut self, home: u32) -> bool {
        self.retire(home);
        let busy = self.in_flight[home as usize].len() >= self.config.capacity as usize;
        busy || self.overloaded[home as usize]
    }

    /// Forgets the requests on `server` that have finished by now.
    fn retire(&mut self, server: u32) {
        let now = self.now.micros();
        let heap = &mut self.in_flight[server as usize];
        while heap.peek().is_some_and(|Reverse(done)| *done <= now) {
            heap.pop();
        }
    }

    /// True while a refusal keeps `worker` local on `client`.
    fn is_paused(&mut self, client: u32, worker: u32) -> bool {
        if self.paused.is_empty() {
            return false;
        }
        match self.paused.get(&(client, worker)) {
            Some(until) if *until > self.now => true,
            Some(_) => {
                self.paused.remove(&(client, worker));
                false
            }
            None => false,
        }
    }

    /// `server` if it is up, else the next live server by id (the load
    /// balancer skips failed servers).
    pub(super) fn live_server_from(&self, server: u32) -> u32 {
        let n = self.config.servers;
        (0..n)
            .map(|i| (server + i) % n)
            .find(|&s| !self.failed[s as usize])
            .unwrap_or(server)
    }
}
