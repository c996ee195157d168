//! Metric time series.
//!
//! Each model samples its metrics at a fixed simulated interval into named
//! series; charts and the CSV export read them, and the runner prints them as
//! JSON. Points are `[seconds, value]`.

use serde::{Deserialize, Serialize};

/// One metric over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Stable key, used in CSV headers and JSON.
    pub key: String,
    /// Label shown to readers.
    pub label: String,
    /// Unit shown on the axis ("%", "ms", "instances", ...).
    pub unit: String,
    /// `[simulated seconds, value]`, in time order.
    pub points: Vec<[f64; 2]>,
}

impl Series {
    /// The most recent value, if any.
    pub fn last(&self) -> Option<f64> {
        self.points.last().map(|p| p[1])
    }
}

/// All series of one model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// The series, in a fixed order chosen by the model.
    pub series: Vec<Series>,
}

impl Metrics {
    /// Declares a series; returns its index for [`Metrics::push`].
    pub fn declare(&mut self, key: &str, label: &str, unit: &str) -> usize {
        self.series.push(Series {
            key: key.to_string(),
            label: label.to_string(),
            unit: unit.to_string(),
            points: Vec::new(),
        });
        self.series.len() - 1
    }
    /// Appends a point to series `index`.
    pub fn push(&mut self, index: usize, secs: f64, value: f64) {
        if let Some(s) = self.series.get_mut(index) {
            s.points.push([secs, value]);
        }
    }
    /// The series with `key`.
    pub fn get(&self, key: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.key == key)
    }
    /// All series as CSV: one row per sample time, one column per series.
    /// Series sampled at different times leave empty cells.
    pub fn to_csv(&self) -> String {
        let mut times: Vec<f64> = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p[0]))
            .collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        let mut out = String::from("time_secs");
        for s in &self.series {
            out.push(',');
            out.push_str(&s.key);
        }
        out.push('\n');
        let mut cursors = vec![0usize; self.series.len()];
        for t in times {
            out.push_str(&format!("{t}"));
            for (s, c) in self.series.iter().zip(cursors.iter_mut()) {
                out.push(',');
                if let Some(p) = s.points.get(*c) {
                    if p[0] == t {
                        out.push_str(&format!("{}", p[1]));
                        *c += 1;
                    }
                }
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_aligns_series_by_time() {
        let mut m = Metrics::default();
        let a = m.declare("a", "A", "");
        let b = m.declare("b", "B", "");
        m.push(a, 0.0, 1.0);
        m.push(a, 1.0, 2.0);
        m.push(b, 1.0, 5.0);
        assert_eq!(m.to_csv(), "time_secs,a,b\n0,1,\n1,2,5\n");
    }
}
