//! Simulated time.
//!
//! Time is an integer count of microseconds since the start of a run, so
//! ordering and arithmetic are exact on every platform. Nothing here reads a
//! clock: a model's time moves only when its runner advances it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A point in simulated time, in microseconds since the run started.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);
    /// A time later than any run reaches; used as "never".
    pub const NEVER: SimTime = SimTime(u64::MAX);

    /// From whole microseconds.
    pub const fn from_micros(micros: u64) -> Self {
        SimTime(micros)
    }
    /// From whole milliseconds.
    pub const fn from_millis(millis: u64) -> Self {
        SimTime(millis.saturating_mul(1_000))
    }
    /// From whole seconds.
    pub const fn from_secs(secs: u64) -> Self {
        SimTime(secs.saturating_mul(1_000_000))
    }
    /// From fractional seconds, rounded to the nearest microsecond and clamped
    /// to be non-negative (a NaN becomes zero).
    pub fn from_secs_f64(secs: f64) -> Self {
        if secs.is_nan() || secs <= 0.0 {
            return SimTime::ZERO;
        }
        let micros = libm::round(secs * 1e6);
        if micros >= u64::MAX as f64 {
            SimTime::NEVER
        } else {
            SimTime(micros as u64)
        }
    }
    /// Microseconds since the start.
    pub const fn micros(self) -> u64 {
        self.0
    }
    /// Seconds since the start, as a float (for charts and labels).
    pub fn secs_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }
    /// This time plus a duration, saturating at [`SimTime::NEVER`].
    pub const fn plus(self, duration_micros: u64) -> Self {
        SimTime(self.0.saturating_add(duration_micros))
    }
    /// The duration from `earlier` to `self`, zero if `earlier` is later.
    pub const fn since(self, earlier: SimTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

impl fmt::Display for SimTime {
    /// Short human form: `850 ms`, `12.5 s`, `3 min 20 s`, `2 h 05 min`, `3 d 4 h`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let micros = self.0;
        if micros == u64::MAX {
            return write!(f, "never");
        }
        let secs = micros / 1_000_000;
        if micros < 1_000_000 {
            let millis = micros as f64 / 1e3;
            if millis < 10.0 && !micros.is_multiple_of(1_000) {
                write!(f, "{millis:.1} ms")
            } else {
                write!(f, "{} ms", micros / 1_000)
            }
        } else if secs < 60 {
            write!(f, "{:.1} s", micros as f64 / 1e6)
        } else if secs < 3_600 {
            write!(f, "{} min {:02} s", secs / 60, secs % 60)
        } else if secs < 86_400 {
            write!(f, "{} h {:02} min", secs / 3_600, (secs % 3_600) / 60)
        } else {
            write!(f, "{} d {} h", secs / 86_400, (secs % 86_400) / 3_600)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_picks_a_readable_unit() {
        assert_eq!(SimTime::from_millis(850).to_string(), "850 ms");
        assert_eq!(SimTime::from_micros(1_500).to_string(), "1.5 ms");
        assert_eq!(SimTime::from_millis(12_500).to_string(), "12.5 s");
        assert_eq!(SimTime::from_secs(200).to_string(), "3 min 20 s");
        assert_eq!(SimTime::from_secs(7_500).to_string(), "2 h 05 min");
        assert_eq!(
            SimTime::from_secs(3 * 86_400 + 4 * 3_600).to_string(),
            "3 d 4 h"
        );
    }

    #[test]
    fn from_secs_f64_clamps_bad_input() {
        assert_eq!(SimTime::from_secs_f64(f64::NAN), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(-3.0), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(1e300), SimTime::NEVER);
        assert_eq!(SimTime::from_secs_f64(0.25), SimTime::from_millis(250));
    }
}
