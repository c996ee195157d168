//! Live worker instances on every server, with idle-timeout and LRU
//! eviction.
//!
//! Each server keeps its instances in a doubly linked list ordered by last
//! use (least recent at the head), threaded through one flat slab, so a
//! request touches an instance in O(1) and no request allocates once the
//! slab has grown. Because every instance lives for the same idle timeout
//! after its last use, the head of a list is also the next to expire:
//! evictions are found by walking heads, lazily (when a request looks the
//! instance up) or in a sweep (at every metrics sample), and each is counted
//! exactly once, at a time no earlier than it happened and in the sampling
//! window it belongs to.
//!
//! A lookup index maps (server, worker) to a slab slot. It is a `HashMap`
//! with a small multiplicative hasher; it is only ever queried, never
//! iterated, so its order cannot reach any output.

use crate::engine::digest::Digest;
use crate::engine::time::SimTime;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// No slot.
const NIL: u32 = u32::MAX;
/// Evictions remembered for narration ("its last request here was ...").
const GONE_KEPT: usize = 4_096;

/// A fast hasher for the `(server, worker)` keys of the index.
#[derive(Clone, Copy, Debug, Default)]
pub struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        let h = (self.0 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    server: u32,
    worker: u32,
    last_used: SimTime,
    prev: u32,
    next: u32,
}

#[derive(Clone, Copy, Debug)]
struct List {
    head: u32,
    tail: u32,
    len: u32,
}

const EMPTY: List = List {
    head: NIL,
    tail: NIL,
    len: 0,
};

/// What a request found on its server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// A live instance: a warm request.
    Warm,
    /// An instance that had outlived the idle timeout, evicted now; its last
    /// use is given. A cold start follows.
    Expired(SimTime),
    /// No instance: a cold start follows.
    Absent,
}

/// Every live instance in the data center.
#[derive(Clone, Debug)]
pub struct Instances {
    workers: u32,
    slots: Vec<Slot>,
    free: Vec<u32>,
    lists: Vec<List>,
    index: HashMap<u64, u32, BuildHasherDefault<PairHasher>>,
    gone: VecDeque<(u64, SimTime)>,
}

impl Instances {
    /// No instances on `servers` servers serving `workers` workers.
    pub fn new(servers: u32, workers: u32) -> Instances {
        Instances {
            workers,
            slots: Vec::new(),
            free: Vec::new(),
            lists: vec![EMPTY; servers as usize],
            index: HashMap::default(),
            gone: VecDeque::new(),
        }
    }

    /// Rough heap bytes held (for the runner's checkpoint budget).
    pub fn approx_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.free.capacity() * 4
            + self.lists.capacity() * std::mem::size_of::<List>()
            + self.index.capacity() * 16
            + self.gone.capacity() * 16
    }

    fn key(&self, server: u32, worker: u32) -> u64 {
        u64::from(server) * u64::from(self.workers) + u64::from(worker)
    }

    /// Instances held now, including any past their timeout not yet swept.
    pub fn held(&self) -> u64 {
        self.index.len() as u64
    }

    /// Live instances on `server` at `now`: held ones not yet expired.
    pub fn live_on(&self, server: u32, now: SimTime, idle_timeout_micros: u64) -> u32 {
        let Some(list) = self.lists.get(server as usize) else {
            return 0;
        };
        let mut expired = 0;
        let mut at = list.head;
        while at != NIL && is_expired(&self.slots[at as usize], now, idle_timeout_micros) {
            expired += 1;
            at = self.slots[at as usize].next;
        }
        list.len - expired
    }

    /// Looks `worker` up on `server` for a request at `now`. A live instance
    /// is marked used; an expired one is evicted. A cold request must then
    /// call [`Instances::start`].
    pub fn find(&mut self, server: u32, worker: u32, now: SimTime, idle_micros: u64) -> Found {
        let key = self.key(server, worker);
        let Some(&slot) = self.index.get(&key) else {
            return Found::Absent;
        };
        let last_used = self.slots[slot as usize].last_used;
        if is_expired(&self.slots[slot as usize], now, idle_micros) {
            self.remove(slot);
            return Found::Expired(last_used);
        }
        self.unlink(slot);
        self.slots[slot as usize].last_used = now;
        self.push_tail(slot);
        Found::Warm
    }

    /// Starts an instance of `worker` on `server` (not already held).
    pub fn start(&mut self, server: u32, worker: u32, now: SimTime) {
        let slot = Slot {
            server,
            worker,
            last_used: now,
            prev: NIL,
            next: NIL,
        };
        let at = match self.free.pop() {
            Some(at) => {
                self.slots[at as usize] = slot;
                at
            }
            None => {
                self.slots.push(slot);
                (self.slots.len() - 1) as u32
            }
        };
        let key = self.key(server, worker);
        self.index.insert(key, at);
        self.push_tail(at);
    }

    /// Evicts, on `server`, every instance past its idle timeout and then,
    /// if it still holds `cap` or more (cap > 0), the least recently used
    /// until one more fits. Returns `(idle, capped)` eviction counts.
    pub fn make_room(
        &mut self,
        server: u32,
        now: SimTime,
        idle_micros: u64,
        cap: u32,
    ) -> (u64, u64) {
        let idle = self.expire_on(server, now, idle_micros);
        let mut capped = 0;
        while cap > 0 && self.lists[server as usize].len >= cap {
            let head = self.lists[server as usize].head;
            self.remove(head);
            capped += 1;
        }
        (idle, capped)
    }

    /// Evicts every expired instance on every server; returns how many.
    pub fn sweep(&mut self, now: SimTime, idle_micros: u64) -> u64 {
        (0..self.lists.len() as u32)
            .map(|s| self.expire_on(s, now, idle_micros))
            .sum()
    }

    /// Drops every instance on `server` (it failed); returns how many.
    pub fn clear_server(&mut self, server: u32) -> u64 {
        let mut n = 0;
        while self.lists[server as usize].head != NIL {
            let head = self.lists[server as usize].head;
            self.remove(head);
            n += 1;
        }
        n
    }

    /// When `worker` was last used on `server`, if it was evicted recently
    /// enough to be remembered.
    pub fn recently_gone(&self, server: u32, worker: u32) -> Option<SimTime> {
        let key = self.key(server, worker);
        self.gone
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|&(_, t)| t)
    }

    /// Folds every instance, server by server in list order.
    pub fn fold(&self, d: &mut Digest) {
        for list in &self.lists {
            d.u64(u64::from(list.len));
            let mut at = list.head;
            while at != NIL {
                let s = &self.slots[at as usize];
                d.u64(u64::from(s.worker)).u64(s.last_used.micros());
                at = s.next;
            }
        }
    }

    fn expire_on(&mut self, server: u32, now: SimTime, idle_micros: u64) -> u64 {
        let mut n = 0;
        loop {
            let head = self.lists[server as usize].head;
            if head == NIL || !is_expired(&self.slots[head as usize], now, idle_micros) {
                return n;
            }
            self.remove(head);
            n += 1;
        }
    }

    fn remove(&mut self, at: u32) {
        self.unlink(at);
        let s = self.slots[at as usize];
        let key = self.key(s.server, s.worker);
        self.index.remove(&key);
        self.free.push(at);
        if self.gone.len() == GONE_KEPT {
            self.gone.pop_front();
        }
        self.gone.push_back((key, s.last_used));
    }

    fn unlink(&mut self, at: u32) {
        let Slot {
            server, prev, next, ..
        } = self.slots[at as usize];
        let list = &mut self.lists[server as usize];
        match prev {
            NIL => list.head = next,
            p => self.slots[p as usize].next = next,
        }
        match next {
            NIL => list.tail = prev,
            n => self.slots[n as usize].prev = prev,
        }
        list.len -= 1;
    }

    fn push_tail(&mut self, at: u32) {
        let server = self.slots[at as usize].server as usize;
        let tail = self.lists[server].tail;
        self.slots[at as usize].prev = tail;
        self.slots[at as usize].next = NIL;
        match tail {
            NIL => self.lists[server].head = at,
            t => self.slots[t as usize].next = at,
        }
        self.lists[server].tail = at;
        self.lists[server].len += 1;
    }
}

/// True when `slot` has gone `idle_micros` or longer without a request.
fn is_expired(slot: &Slot, now: SimTime, idle_micros: u64) -> bool {
    now.since(slot.last_used) >= idle_micros
}
