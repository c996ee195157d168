//! Narration: notable requests explained, at most one of a kind per few
//! simulated seconds so the log stays readable at a thousand requests per
//! second.

use super::instances::Found;
use super::model::ShardingModel;
use super::params::{Design, Shedding};
use super::trace::{Route, Trace};
use crate::engine::run::{Note, NoteKind};
use crate::engine::time::SimTime;

/// The kinds of request note, each rate-limited on its own.
#[derive(Clone, Copy, Debug)]
enum Topic {
    QuietCold = 0,
    Forward = 1,
    Refusal = 2,
    Hot = 3,
}

/// Least simulated time between two notes of a topic, by topic.
const GAP_MICROS: [u64; 4] = [20_000_000, 45_000_000, 15_000_000, 300_000_000];

/// When each topic may speak next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteGate {
    next_at: [SimTime; 4],
}

impl NoteGate {
    fn allow(&mut self, topic: Topic, now: SimTime) -> bool {
        let i = topic as usize;
        if now < self.next_at[i] {
            return false;
        }
        self.next_at[i] = now.plus(GAP_MICROS[i]);
        true
    }
}

impl ShardingModel {
    /// Explains `trace` if it is notable and its topic is not rate-limited.
    pub(super) fn narrate_request(&mut self, trace: &Trace, found: Found, notes: &mut Vec<Note>) {
        let text = match trace.route {
            Route::HandedBack | Route::Denied if self.gate.allow(Topic::Refusal, self.now) => {
                Some((NoteKind::Insight, self.refusal_text(trace)))
            }
            Route::Forwarded if self.gate.allow(Topic::Forward, self.now) => {
                Some((NoteKind::Info, self.forward_text(trace)))
            }
            Route::Hot if self.gate.allow(Topic::Hot, self.now) => {
                Some((NoteKind::Info, self.hot_text(trace)))
            }
            _ => None,
        };
        if let Some((kind, text)) = text {
            notes.push(Note::new(self.now, kind, text));
        }
        if trace.cold
            && self.is_quiet_where_run(trace)
            && self.gate.allow(Topic::QuietCold, self.now)
        {
            notes.push(Note::new(
                self.now,
                NoteKind::Insight,
                self.quiet_cold_text(trace, found),
            ));
        }
    }

    /// Requests per second `worker` gets in all.
    fn worker_rate(&self, worker: u32) -> f64 {
        self.workload.zipf.share(worker) * self.config.rate_per_sec
    }

    /// True when the server that ran `trace` was its home under sharding.
    fn ran_at_home(&self, trace: &Trace) -> bool {
        self.design == Design::On
            && matches!(trace.route, Route::Local | Route::Forwarded)
            && self.home_of(trace.worker) == Some(trace.server)
    }

    /// Requests per second of this worker that the running server sees.
    fn rate_where_run(&self, trace: &Trace) -> f64 {
        let rate = self.worker_rate(trace.worker);
        if self.ran_at_home(trace) {
            rate
        } else {
            rate / self.live_servers() as f64
        }
    }

    fn is_quiet_where_run(&self, trace: &Trace) -> bool {
        let idle_secs = self.config.idle_timeout_micros as f64 / 1e6;
        self.rate_where_run(trace) * idle_secs < 1.0
    }

    pub(super) fn live_servers(&self) -> u32 {
        self.failed.iter().filter(|f| !**f).count().max(1) as u32
    }

    fn quiet_cold_text(&self, trace: &Trace, found: Found) -> String {
        let (w, s) = (trace.worker, trace.server);
        let idle = span(self.config.idle_timeout_micros);
        let cold = span(self.config.cold_start_micros);
        let last = match found {
            Found::Expired(t) => Some(t),
            _ => self.instances.recently_gone(s, w),
        };
        let at_home = self.ran_at_home(trace);
        let head = if at_home {
            format!("Cold start: worker {w} at its home, server {s} (+{cold}).")
        } else {
            format!("Cold start: worker {w} on server {s} (+{cold}).")
        };
        let gap_micros = (1e6 / self.rate_where_run(trace).max(1e-12)).min(1e15) as u64;
        let why = match (last, at_home) {
            (Some(t), false) => format!(
                "Its last request on this server was {} ago, longer than the {idle} idle \
                 timeout, so the instance had been shut down.",
                span(self.now.since(t))
            ),
            (Some(t), true) => format!(
                "Even with all of its requests here, the last one was {} ago, longer than the \
                 {idle} idle timeout.",
                span(self.now.since(t))
            ),
            (None, false) => format!(
                "It gets {} in all; spread over {} servers, each sees it about once every {}, \
                 {} the {idle} idle timeout.",
                rate_phrase(self.worker_rate(w)),
                self.live_servers(),
                span(gap_micros),
                self.longer(gap_micros)
            ),
            (None, true) => format!(
                "Even with all of its requests coming here it gets only {}, {} the {idle} idle \
                 timeout.",
                rate_phrase(self.worker_rate(w)),
                self.longer(gap_micros)
            ),
        };
        format!("{head} {why}")
    }

    /// "longer than", or "far longer than" past three idle timeouts.
    fn longer(&self, gap_micros: u64) -> &'static str {
        if gap_micros > 3 * self.config.idle_timeout_micros {
            "far longer than"
        } else {
            "longer than"
        }
    }

    fn forward_text(&self, trace: &Trace) -> String {
        let (w, c, h) = (trace.worker, trace.client, trace.server);
        let fwd = span(self.config.forward_micros);
        let how = match self.config.shedding {
            Shedding::Optimistic => format!("forwarded it (+{fwd})"),
            Shedding::Pessimistic => {
                format!("asked it for permission, then forwarded (+2 \u{00d7} {fwd})")
            }
        };
        let state = if trace.cold {
            "started cold"
        } else {
            "was warm"
        };
        format!(
            "Request for worker {w} arrived at server {c}; the ring makes server {h} its home, \
             so server {c} {how}, and the worker {state} there."
        )
    }

    fn refusal_text(&self, trace: &Trace) -> String {
        let (w, c) = (trace.worker, trace.client);
        let h = self.home_of(w).unwrap_or(c);
        let fwd = span(self.config.forward_micros);
        if trace.route == Route::Denied {
            return format!(
                "Server {c} asked server {h}, home of worker {w}, for permission, as the \
                 pessimistic policy does before every sharded request. Server {h} is overloaded \
                 and said no, so server {c} runs it itself; the question cost {fwd}."
            );
        }
        format!(
            "Server {h}, home of worker {w}, is overloaded and handed the request back: it \
             returns a reference to server {c}'s own not-yet-started instance, so the body is \
             not sent twice. Server {c} runs it and stops sharding worker {w} for {} (standing \
             in for \u{201c}until traffic changes\u{201d}).",
            span(self.config.stop_sharding_micros)
        )
    }

    fn hot_text(&self, trace: &Trace) -> String {
        let w = trace.worker;
        let hot_share: f64 = (0..self.hot_count)
            .map(|k| self.workload.zipf.share(k))
            .sum();
        format!(
            "Worker {w} gets {}, above the {} hot threshold: it is warm on every server anyway, \
             so it is never sharded. The {} hot workers carry {:.1}% of all requests.",
            rate_phrase(self.worker_rate(w)),
            rate_phrase(self.config.hot_threshold_per_sec),
            self.hot_count,
            100.0 * hot_share
        )
    }
}

/// A duration in the largest sensible unit: `850 ms`, `12 s`, `5 min 20 s`,
/// `41 min`, `5 h 36 min`, `3 d 4 h` (seconds shown below ten minutes, so a
/// gap just over a five-minute timeout does not read as equal to it).
pub fn span(micros: u64) -> String {
    let secs = micros / 1_000_000;
    let (sub_milli, sub_minute) = (micros % 1_000, secs % 60);
    if micros < 1_000_000 {
        let millis = micros as f64 / 1e3;
        if millis < 10.0 && sub_milli > 0 {
            format!("{millis:.1} ms")
        } else {
            format!("{} ms", micros / 1_000)
        }
    } else if secs < 60 {
        format!("{secs} s")
    } else if secs < 600 && sub_minute > 0 {
        format!("{} min {sub_minute} s", secs / 60)
    } else if secs < 3_600 {
        format!("{} min", secs / 60)
    } else if secs < 86_400 {
        format!("{} h {} min", secs / 3_600, (secs % 3_600) / 60)
    } else {
        format!("{} d {} h", secs / 86_400, (secs % 86_400) / 3_600)
    }
}

/// A request rate in words: `3.2 requests/s`, `1 request/s` or `1 request
/// every 27 min`.
pub fn rate_phrase(per_sec: f64) -> String {
    if (per_sec - 1.0).abs() < 0.05 {
        "1 request/s".to_string()
    } else if per_sec >= 1.0 {
        format!(
            "{} requests/s",
            crate::engine::params::format_float(libm::round(per_sec * 10.0) / 10.0)
        )
    } else if per_sec > 0.0 {
        format!("1 request every {}", span((1e6 / per_sec).min(1e15) as u64))
    } else {
        "no requests".to_string()
    }
}
