//! Actions: everything a reader (or a story's author) does to a run.
//!
//! A run is its parameters, its seed and a timeline of actions, each at a
//! simulated time: fail a server, change a live parameter, switch design.
//! Replaying the same timeline gives the same run. The timeline has a compact
//! text form for URLs: `12.5:fail:3;20:set:points=50` (seconds, kind,
//! argument), and a JSON form that may also carry captions.

use crate::engine::time::SimTime;
use serde::{Deserialize, Serialize};

/// The most actions a timeline keeps; more are dropped with a notice.
pub const MAX_ACTIONS: usize = 500;

/// One thing done to a run at a simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// When it happens.
    pub at: SimTime,
    /// What it is: a scene-defined word such as `fail`, `add`, `set`.
    pub kind: String,
    /// Its argument: a server id, `key=value`, ... ("" when none).
    #[serde(default)]
    pub arg: String,
    /// Optional caption shown in the narration (stories).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

impl Action {
    /// An action without caption.
    pub fn new(at: SimTime, kind: &str, arg: &str) -> Self {
        Action {
            at,
            kind: kind.to_string(),
            arg: arg.to_string(),
            caption: None,
        }
    }
}

/// A time-ordered list of actions (stable among equal times).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionList {
    items: Vec<Action>,
}

impl ActionList {
    /// An empty timeline.
    pub fn new() -> Self {
        Self::default()
    }
    /// The actions in time order.
    pub fn items(&self) -> &[Action] {
        &self.items
    }
    /// Number of actions.
    pub fn len(&self) -> usize {
        self.items.len()
    }
    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// Inserts after every action at the same or an earlier time; returns the
    /// index it landed at, or `None` when the timeline is full.
    pub fn insert(&mut self, action: Action) -> Option<usize> {
        if self.items.len() >= MAX_ACTIONS {
            return None;
        }
        let idx = self.items.partition_point(|a| a.at <= action.at);
        self.items.insert(idx, action);
        Some(idx)
    }
    /// Drops every action later than `t`; returns how many went.
    pub fn truncate_after(&mut self, t: SimTime) -> usize {
        let keep = self.items.partition_point(|a| a.at <= t);
        let dropped = self.items.len() - keep;
        self.items.truncate(keep);
        dropped
    }

    /// The compact URL form.
    pub fn to_text(&self) -> String {
        let parts: Vec<String> = self
            .items
            .iter()
            .map(|a| {
                let t = format_secs(a.at);
                if a.arg.is_empty() {
                    format!("{t}:{}", a.kind)
                } else {
                    format!("{t}:{}:{}", a.kind, a.arg)
                }
            })
            .collect();
        parts.join(";")
    }

    /// Parses the compact form. Malformed entries are dropped, each with a
    /// notice; the rest apply.
    pub fn parse(text: &str) -> (Self, Vec<String>) {
        let mut list = ActionList::new();
        let mut notices = Vec::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_one(part) {
                Some(a) => {
                    if list.insert(a).is_none() {
                        notices.push(format!("Only {MAX_ACTIONS} actions are kept."));
                        break;
                    }
                }
                None => {
                    let shown: String = part.chars().take(32).collect();
                    notices.push(format!(
                        "Action \u{201c}{shown}\u{201d} is not understood; skipped."
                    ));
                }
            }
        }
        (list, notices)
    }
}

fn parse_one(part: &str) -> Option<Action> {
    let mut it = part.splitn(3, ':');
    let at = parse_secs(it.next()?)?;
    let kind = it.next()?.trim();
    let valid_kind = !kind.is_empty()
        && kind.len() <= 24
        && kind
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid_kind {
        return None;
    }
    let arg = it.next().unwrap_or("").trim();
    if arg.len() > 64 {
        return None;
    }
    Some(Action::new(at, kind, arg))
}

/// Seconds with up to six decimals, trailing zeros trimmed: exact.
pub fn format_secs(t: SimTime) -> String {
    let whole = t.micros() / 1_000_000;
    let frac = t.micros() % 1_000_000;
    if frac == 0 {
        whole.to_string()
    } else {
        let f = format!("{frac:06}");
        format!("{whole}.{}", f.trim_end_matches('0'))
    }
}

/// Parses `12`, `12.5`, `0.000001` exactly (no float rounding). Rejects
/// negatives, more than six decimals and times beyond about 30 years.
pub fn parse_secs(text: &str) -> Option<SimTime> {
    let text = text.trim();
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 10 || !digits(whole) || frac.len() > 6 || !digits(frac) {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    if whole > 1_000_000_000 {
        return None;
    }
    let frac_micros: u64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<6}").parse().ok()?
    };
    Some(SimTime(whole * 1_000_000 + frac_micros))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trip_is_exact() {
        let mut l = ActionList::new();
        l.insert(Action::new(SimTime(20_000_000), "set", "points=50"));
        l.insert(Action::new(SimTime(12_500_001), "fail", "3"));
        l.insert(Action::new(SimTime(20_000_000), "add", ""));
        let text = l.to_text();
        assert_eq!(text, "12.500001:fail:3;20:set:points=50;20:add");
        let (back, notes) = ActionList::parse(&text);
        assert!(notes.is_empty());
        assert_eq!(back, l);
    }

    #[test]
    fn junk_entries_are_skipped_with_notices() {
        let (l, notes) = ActionList::parse("5:fail:1;-3:fail:2;abc;7:x y:1;1e99:add;9:add");
        assert_eq!(l.len(), 2);
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert_eq!(l.items()[0].at, SimTime::from_secs(5));
    }
}
