//! The run specification and its URL form.
//!
//! A link must reproduce the exact view, so the URL carries everything: format
//! version, scene, seed, design, compared design, parameters, the action
//! timeline and the playhead. The browser and the command-line runner parse
//! the same text with this module, so they run the same thing.
//!
//! Parsing never fails: every unknown key or bad value is dropped or clamped
//! with a notice, and whatever else the URL says still applies.

use crate::engine::action::{format_secs, parse_secs, ActionList};
use crate::engine::params::Params;
use crate::engine::time::SimTime;
use crate::scenes::{self, SceneDef};

/// The URL format version this build writes. Older versions are read.
pub const FORMAT_VERSION: u32 = 1;
/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;
/// Speeds offered (multiples of the scene's natural pace).
pub const SPEEDS: [f64; 10] = [0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0];
/// Playhead limit: links past this are clamped (keeps a seek bounded).
pub const MAX_PLAYHEAD: SimTime = SimTime::from_secs(400 * 86_400);

/// Keys the shell itself understands; the rest are scene parameters.
const SHELL_KEYS: [&str; 10] = [
    "v", "scene", "seed", "design", "cmp", "a", "t", "embed", "theme", "speed",
];

/// Everything that defines a run and its presentation.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// The scene id.
    pub scene: &'static str,
    /// Seed of all randomness.
    pub seed: u64,
    /// The design shown (side A).
    pub design: String,
    /// The design compared against (side B), if comparing.
    pub compare: Option<String>,
    /// Parameter values.
    pub params: Params,
    /// The action timeline.
    pub actions: ActionList,
    /// The playhead.
    pub t: SimTime,
    /// Minimal chrome for iframes.
    pub embed: bool,
    /// `light`, `dark` or `auto`.
    pub theme: String,
    /// Playback speed.
    pub speed: f64,
}

impl RunSpec {
    /// The default run of `scene`.
    pub fn defaults(scene: &SceneDef) -> Self {
        RunSpec {
            scene: scene.id,
            seed: DEFAULT_SEED,
            design: scene.designs.first().map(|d| d.0).unwrap_or("").to_string(),
            compare: None,
            params: Params::defaults(&(scene.params)()),
            actions: ActionList::new(),
            t: SimTime::ZERO,
            embed: false,
            theme: "auto".to_string(),
            speed: 1.0,
        }
    }

    /// Parses a query string (with or without the leading `?`). `None` when
    /// it names no scene (the home page); notices say what was dropped.
    pub fn from_query(query: &str) -> (Option<Self>, Vec<String>) {
        let pairs = split_query(query);
        let mut notices = Vec::new();
        let scene_id = pairs
            .iter()
            .find(|(k, _)| k == "scene")
            .map(|(_, v)| v.as_str());
        let scene = match scene_id {
            None | Some("") => return (None, notices),
            Some(id) => match scenes::find(id) {
                Some(s) => s,
                None => {
                    let shown: String = id.chars().take(32).collect();
                    notices.push(format!(
                        "There is no scene \u{201c}{shown}\u{201d}; showing the list."
                    ));
                    return (None, notices);
                }
            },
        };
        let mut spec = RunSpec::defaults(&scene);
        let mut param_pairs = Vec::new();
        for (key, value) in &pairs {
            if SHELL_KEYS.contains(&key.as_str()) {
                spec.apply_shell_key(&scene, key, value, &mut notices);
            } else {
                param_pairs.push((key.clone(), value.clone()));
            }
        }
        let (params, param_notices) = Params::parse(&(scene.params)(), &param_pairs);
        spec.params = params;
        notices.extend(param_notices);
        spec.keep_within_scene(&scene, &mut notices);
        (Some(spec), notices)
    }

    /// Drops actions the scene does not know or that fall after its last
    /// moment, and clamps the playhead to that moment, each with a notice.
    fn keep_within_scene(&mut self, scene: &SceneDef, notices: &mut Vec<String>) {
        let limit = scene.max_time();
        let mut kept = ActionList::new();
        for a in self.actions.items() {
            if !scene.knows_action(&a.kind) {
                let kinds = scene.action_kinds.join(", ");
                notices.push(format!(
                    "Action \u{201c}{}\u{201d} is not one this scene knows ({kinds}); skipped.",
                    shorten(&a.kind)
                ));
            } else if a.at > limit {
                notices.push(format!(
                    "Action {} at {} is after this scene's end ({limit}); skipped.",
                    a.kind, a.at
                ));
            } else {
                kept.insert(a.clone());
            }
        }
        self.actions = kept;
        if self.t > limit {
            notices.push(format!(
                "t={} is after this scene's end; using {limit}.",
                format_secs(self.t)
            ));
            self.t = limit;
        }
        if self.compare.as_deref() == Some(self.design.as_str()) {
            notices.push(format!(
                "Comparing {} with itself: both sides will match.",
                self.design
            ));
        }
    }

    fn apply_shell_key(
        &mut self,
        scene: &SceneDef,
        key: &str,
        value: &str,
        notices: &mut Vec<String>,
    ) {
        let shown = shorten(value);
        match key {
            "v" if value.parse::<u32>().map_or(true, |v| v > FORMAT_VERSION) => {
                notices.push(format!(
                    "This link was made by a newer version (v={shown}); some settings may be \
                        ignored."
                ));
            }
            "seed" => match value.trim().parse::<u64>() {
                Ok(s) => self.seed = s,
                Err(_) => notices.push(format!(
                    "seed={shown} is not a whole number from 0 to 18446744073709551615; keeping \
                        {}.",
                    self.seed
                )),
            },
            "design" | "cmp" => {
                if !scene.has_design(value) {
                    let keys: Vec<&str> = scene.designs.iter().map(|d| d.0).collect();
                    notices.push(format!(
                        "{key}={shown} is not one of {}; ignored.",
                        keys.join(", ")
                    ));
                } else if key == "design" {
                    self.design = value.to_string();
                } else {
                    self.compare = Some(value.to_string());
                }
            }
            "a" => {
                let (actions, n) = ActionList::parse(value);
                self.actions = actions;
                notices.extend(n);
            }
            "t" => match parse_secs(value) {
                Some(t) if t <= MAX_PLAYHEAD => self.t = t,
                Some(_) => {
                    self.t = MAX_PLAYHEAD;
                    notices.push(format!(
                        "t={shown} is too far; using {}.",
                        format_secs(MAX_PLAYHEAD)
                    ));
                }
                None => notices.push(format!(
                    "t={shown} is not a plain number of seconds (like \
                    12.5); starting at 0."
                )),
            },
            "embed" => self.embed = matches!(value, "1" | "true" | "yes"),
            "theme" => match value {
                "light" | "dark" | "auto" => self.theme = value.to_string(),
                _ => notices.push(format!(
                    "theme={shown} is not light, dark or auto; using auto."
                )),
            },
            "speed" => match value.parse::<f64>() {
                Ok(s) if s.is_finite() => {
                    let nearest = nearest_speed(s);
                    if (nearest - s).abs() > 1e-9 {
                        notices.push(format!("speed={shown} is not offered; using {nearest}x."));
                    }
                    self.speed = nearest;
                }
                _ => notices.push(format!("speed={shown} is not a number; using 1x.")),
            },
            _ => {}
        }
    }

    /// The query string (with leading `?`) that reproduces this run.
    /// Defaults are left out to keep links short; `v` and `scene` always stay.
    pub fn to_query(&self) -> String {
        let scene = scenes::find(self.scene);
        let mut out = vec![
            format!("v={FORMAT_VERSION}"),
            format!("scene={}", self.scene),
        ];
        if self.seed != DEFAULT_SEED {
            out.push(format!("seed={}", self.seed));
        }
        let default_design = scene
            .and_then(|s| s.designs.first().map(|d| d.0))
            .unwrap_or("");
        if self.design != default_design {
            out.push(format!("design={}", encode(&self.design)));
        }
        if let Some(c) = &self.compare {
            out.push(format!("cmp={}", encode(c)));
        }
        if let Some(s) = scene {
            for (k, v) in self.params.non_defaults(&(s.params)()) {
                out.push(format!("{}={}", encode(&k), encode(&v)));
            }
        }
        if !self.actions.is_empty() {
            out.push(format!("a={}", encode(&self.actions.to_text())));
        }
        if self.t > SimTime::ZERO {
            out.push(format!("t={}", format_secs(self.t)));
        }
        if (self.speed - 1.0).abs() > 1e-9 {
            out.push(format!("speed={}", self.speed));
        }
        if self.embed {
            out.push("embed=1".to_string());
        }
        if self.theme != "auto" {
            out.push(format!("theme={}", self.theme));
        }
        format!("?{}", out.join("&"))
    }
}

/// At most 24 characters of untrusted text for a notice, with an ellipsis
/// when cut.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        out.push('\u{2026}');
    }
    out
}

/// The offered speed closest to `s`.
pub fn nearest_speed(s: f64) -> f64 {
    let mut best = 1.0;
    for cand in SPEEDS {
        if (libm::log(cand) - libm::log(s.max(1e-6))).abs()
            < (libm::log(best) - libm::log(s.max(1e-6))).abs()
        {
            best = cand;
        }
    }
    best
}

/// Splits `a=1&b=x%20y` into decoded pairs; a key without `=` gets "".
/// Caps the number of pairs so a pathological URL costs little.
pub fn split_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .take(200)
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Percent-decoding (`+` is a space); invalid escapes are kept literally.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding of everything but unreserved characters and `:;,.`
/// (kept readable in action lists).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'_' | b'.' | b'~' | b':' | b';' | b',');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_round_trip() {
        let s = "points=50 & more/ü;";
        assert_eq!(decode(&encode(s)), s);
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a+b%20c"), "a b c");
    }

    #[test]
    fn speeds_snap_to_offered() {
        assert_eq!(nearest_speed(3.0), 2.0);
        assert_eq!(nearest_speed(1e9), 100.0);
        assert_eq!(nearest_speed(-4.0), 0.1);
    }

    #[test]
    fn unknown_scene_is_home_with_notice() {
        let (spec, notes) = RunSpec::from_query("?scene=nope");
        assert!(spec.is_none());
        assert_eq!(notes.len(), 1);
        let (spec, notes) = RunSpec::from_query("");
        assert!(spec.is_none() && notes.is_empty());
    }
}

#[cfg(test)]
mod scene_limit_tests {
    use super::*;

    #[test]
    fn far_playheads_and_late_or_unknown_actions_are_clamped_with_notices() {
        let (spec, notes) =
            RunSpec::from_query("?scene=hash-ring&t=10000000&a=5:explode;6:add;99999:add");
        let spec = spec.expect("a scene");
        let scene = scenes::find("hash-ring").expect("ring");
        assert_eq!(spec.t, scene.max_time());
        assert_eq!(spec.actions.len(), 1, "{:?}", spec.actions);
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("explode")));
    }

    #[test]
    fn long_bad_values_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("abc"), "abc");
        assert_eq!(
            shorten(&"x".repeat(30)),
            format!("{}\u{2026}", "x".repeat(24))
        );
    }
}
