//! Scene parameters: a schema per scene, and values parsed from untrusted
//! text (URL query, command line) with clamping and reader-facing notices.
//!
//! A bad value never aborts anything: it is clamped to the allowed range or
//! replaced by the default, and a notice says what happened, while the other
//! values still apply.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What values a parameter takes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ParamKind {
    /// A whole number in `min..=max`.
    Int { min: i64, max: i64 },
    /// A real number in `min..=max`.
    Float { min: f64, max: f64 },
    /// One of a fixed set of `(key, label)` choices.
    Choice(&'static [(&'static str, &'static str)]),
    /// On or off.
    Bool,
}

/// A value of a parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    /// An `Int` value.
    Int(i64),
    /// A `Float` value.
    Float(f64),
    /// A `Choice` key.
    Text(String),
    /// A `Bool` value.
    Bool(bool),
}

impl ParamValue {
    /// The value as URL text (`true`/`false` become `1`/`0`).
    pub fn to_text(&self) -> String {
        match self {
            ParamValue::Int(v) => v.to_string(),
            ParamValue::Float(v) => format_float(*v),
            ParamValue::Text(s) => s.clone(),
            ParamValue::Bool(b) => if *b { "1" } else { "0" }.to_string(),
        }
    }
}

/// Shortest text that reads back as the same float.
pub fn format_float(v: f64) -> String {
    let s = format!("{v}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// One parameter of a scene.
#[derive(Clone, Debug, Serialize)]
pub struct ParamSpec {
    /// URL and command-line key.
    pub key: &'static str,
    /// Label in the parameter panel.
    pub label: &'static str,
    /// One sentence on what it changes.
    pub help: &'static str,
    /// Unit shown beside the value ("", "ms", "min", ...).
    pub unit: &'static str,
    /// Allowed values.
    pub kind: ParamKind,
    /// The default.
    pub default: ParamValue,
    /// True when the model can take a change mid-run (recorded as an action);
    /// false when a change restarts the run.
    pub live: bool,
}

/// Parameter values of one run, keyed and ordered by parameter key.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Params {
    values: BTreeMap<String, ParamValue>,
}

impl Params {
    /// Every parameter at its default.
    pub fn defaults(specs: &[ParamSpec]) -> Self {
        let values = specs
            .iter()
            .map(|s| (s.key.to_string(), s.default.clone()))
            .collect();
        Params { values }
    }

    /// Defaults overridden by `pairs` (key, text). Unknown keys and bad values
    /// are dropped or clamped; each produces one notice.
    pub fn parse(specs: &[ParamSpec], pairs: &[(String, String)]) -> (Self, Vec<String>) {
        let mut params = Params::defaults(specs);
        let mut notices = Vec::new();
        for (key, text) in pairs {
            match specs.iter().find(|s| s.key == key) {
                None => notices.push(format!("Unknown setting \u{201c}{key}\u{201d} ignored.")),
                Some(spec) => {
                    if let Err(n) = params.set_text(spec, text) {
                        notices.push(n);
                    }
                }
            }
        }
        (params, notices)
    }

    /// Sets one value from text. On bad input the value is clamped or left as
    /// it was, and the `Err` carries a notice for the reader.
    pub fn set_text(&mut self, spec: &ParamSpec, text: &str) -> Result<(), String> {
        let (value, notice) = parse_value(spec, text.trim());
        if let Some(v) = value {
            self.values.insert(spec.key.to_string(), v);
        }
        match notice {
            Some(n) => Err(n),
            None => Ok(()),
        }
    }

    /// Sets a value directly (already valid).
    pub fn set(&mut self, key: &str, value: ParamValue) {
        self.values.insert(key.to_string(), value);
    }
    /// The raw value.
    pub fn get(&self, key: &str) -> Option<&ParamValue> {
        self.values.get(key)
    }
    /// An integer value (floats are truncated; 0 if missing).
    pub fn int(&self, key: &str) -> i64 {
        match self.values.get(key) {
            Some(ParamValue::Int(v)) => *v,
            Some(ParamValue::Float(v)) => *v as i64,
            Some(ParamValue::Bool(b)) => i64::from(*b),
            _ => 0,
        }
    }
    /// A real value (0 if missing).
    pub fn float(&self, key: &str) -> f64 {
        match self.values.get(key) {
            Some(ParamValue::Float(v)) => *v,
            Some(ParamValue::Int(v)) => *v as f64,
            Some(ParamValue::Bool(b)) => f64::from(u8::from(*b)),
            _ => 0.0,
        }
    }
    /// A choice key ("" if missing).
    pub fn text(&self, key: &str) -> &str {
        match self.values.get(key) {
            Some(ParamValue::Text(s)) => s,
            _ => "",
        }
    }
    /// A switch (false if missing).
    pub fn flag(&self, key: &str) -> bool {
        match self.values.get(key) {
            Some(ParamValue::Bool(b)) => *b,
            Some(ParamValue::Int(v)) => *v != 0,
            _ => false,
        }
    }
    /// `(key, text)` for every value that differs from its default, in key
    /// order: what a URL needs to carry.
    pub fn non_defaults(&self, specs: &[ParamSpec]) -> Vec<(String, String)> {
        specs
            .iter()
            .filter_map(|s| {
                let v = self.values.get(s.key)?;
                (v != &s.default).then(|| (s.key.to_string(), v.to_text()))
            })
            .collect::<BTreeMap<_, _>>()
            .into_iter()
            .collect()
    }
    /// Every value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &ParamValue)> {
        self.values.iter()
    }
}

fn parse_value(spec: &ParamSpec, text: &str) -> (Option<ParamValue>, Option<String>) {
    let key = spec.key;
    match &spec.kind {
        ParamKind::Int { min, max } => match parse_number(text) {
            None => (None, Some(not_a_number(key, text, &spec.default))),
            Some(v) => {
                let rounded = libm::round(v);
                let clamped = rounded.clamp(*min as f64, *max as f64) as i64;
                let notice = (rounded != v || (clamped as f64) != rounded)
                    .then(|| clamped_notice(key, text, &clamped.to_string(), *min, *max));
                (Some(ParamValue::Int(clamped)), notice)
            }
        },
        ParamKind::Float { min, max } => match parse_number(text) {
            None => (None, Some(not_a_number(key, text, &spec.default))),
            Some(v) => {
                let clamped = v.clamp(*min, *max);
                let notice = (clamped != v).then(|| {
                    let (lo, hi) = (format_float(*min), format_float(*max));
                    format!(
                        "{key}={text} is outside {lo}\u{2013}{hi}; using {}.",
                        format_float(clamped)
                    )
                });
                (Some(ParamValue::Float(clamped)), notice)
            }
        },
        ParamKind::Choice(options) => {
            if options.iter().any(|(k, _)| *k == text) {
                (Some(ParamValue::Text(text.to_string())), None)
            } else {
                let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
                let notice = format!(
                    "{key}={text} is not one of {}; keeping {}.",
                    keys.join(", "),
                    spec.default.to_text()
                );
                (None, Some(notice))
            }
        }
        ParamKind::Bool => match text {
            "1" | "true" | "on" | "yes" => (Some(ParamValue::Bool(true)), None),
            "0" | "false" | "off" | "no" => (Some(ParamValue::Bool(false)), None),
            _ => (
                None,
                Some(format!("{key}={text} is not on/off (1 or 0); ignored.")),
            ),
        },
    }
}

/// A finite number, or `None` (rejects NaN, infinities and non-numbers).
fn parse_number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn not_a_number(key: &str, text: &str, default: &ParamValue) -> String {
    let shown: String = text.chars().take(24).collect();
    format!(
        "{key}={shown} is not a number; keeping {}.",
        default.to_text()
    )
}

fn clamped_notice(key: &str, text: &str, used: &str, min: i64, max: i64) -> String {
    let shown: String = text.chars().take(24).collect();
    format!("{key}={shown} is outside {min}\u{2013}{max} or not whole; using {used}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> Vec<ParamSpec> {
        vec![
            ParamSpec {
                key: "servers",
                label: "Servers",
                help: "",
                unit: "",
                kind: ParamKind::Int { min: 1, max: 1000 },
                default: ParamValue::Int(8),
                live: false,
            },
            ParamSpec {
                key: "mode",
                label: "Mode",
                help: "",
                unit: "",
                kind: ParamKind::Choice(&[("a", "A"), ("b", "B")]),
                default: ParamValue::Text("a".into()),
                live: true,
            },
        ]
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn huge_value_is_clamped_with_notice_and_others_apply() {
        let (p, notes) = Params::parse(&specs(), &pairs(&[("servers", "1e9"), ("mode", "b")]));
        assert_eq!(p.int("servers"), 1000);
        assert_eq!(p.text("mode"), "b");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("using 1000"), "{notes:?}");
    }

    #[test]
    fn junk_and_unknown_keys_are_dropped() {
        let list = [
            ("servers", "lots"),
            ("zzz", "1"),
            ("mode", "c"),
            ("servers", "NaN"),
        ];
        let (p, notes) = Params::parse(&specs(), &pairs(&list));
        assert_eq!(p.int("servers"), 8);
        assert_eq!(p.text("mode"), "a");
        assert_eq!(notes.len(), 4, "{notes:?}");
    }

    #[test]
    fn non_defaults_round_trip() {
        let (p, _) = Params::parse(&specs(), &pairs(&[("servers", "12")]));
        let back = p.non_defaults(&specs());
        assert_eq!(back, pairs(&[("servers", "12")]));
        let (q, notes) = Params::parse(&specs(), &back);
        assert!(notes.is_empty());
        assert_eq!(p, q);
    }
}
