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
    pub fn to_csv(&self) -> String {
        Metrics::csv_of(&[("", self)])
    }

    /// Several runs' series as one CSV: one row per sample time, one column
    /// per run and series, headed `<prefix><key>`. A series sampled twice at
    /// the same time contributes its last value; a series without a sample
    /// at that time leaves the cell empty.
    pub fn csv_of(runs: &[(&str, &Metrics)]) -> String {
        let all = || runs.iter().flat_map(|(_, m)| m.series.iter());
        let mut times: Vec<f64> = all().flat_map(|s| s.points.iter().map(|p| p[0])).collect();
        times.sort_by(f64::total_cmp);
        times.dedup();
        let mut out = String::from("time_secs");
        for (prefix, m) in runs {
            for s in &m.series {
                out.push_str(&format!(",{prefix}{}", s.key));
            }
        }
        out.push('\n');
        let mut cursors = vec![0usize; all().count()];
        for t in times {
            out.push_str(&format!("{t}"));
            for (s, c) in all().zip(cursors.iter_mut()) {
                let mut last = None;
                while let Some(p) = s.points.get(*c).filter(|p| p[0] <= t) {
                    last = Some(p[1]);
                    *c += 1;
                }
                out.push(',');
                if let Some(v) = last {
                    out.push_str(&format!("{v}"));
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

    #[test]
    fn repeated_times_keep_columns_aligned() {
        let mut m = Metrics::default();
        let a = m.declare("a", "A", "");
        let b = m.declare("b", "B", "");
        m.push(a, 0.0, 0.0);
        m.push(a, 0.0, 1.0);
        m.push(a, 2.0, 3.0);
        m.push(b, 2.0, 7.0);
        assert_eq!(m.to_csv(), "time_secs,a,b\n0,1,\n2,3,7\n");
        let csv = Metrics::csv_of(&[("x:", &m), ("y:", &m)]);
        assert!(
            csv.starts_with("time_secs,x:a,x:b,y:a,y:b\n0,1,,1,\n"),
            "{csv}"
        );
    }
}
