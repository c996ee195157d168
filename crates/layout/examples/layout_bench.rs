//! Layout benchmark: frame time of the hash-ring scene at 300 servers x
//! 100 points with 10,000 keys, and the cost of the largest configuration.
//! Prints figures; it is not a test gate.
//!
//! `cargo run --release -p mp-layout --example layout_bench`

use mp_layout::{draw_scene, DrawOptions, Drawing};
use mp_models::scenes::ring::{self, RingModel};
use mp_models::{ActionList, ParamValue, Params, Run, SimTime};

fn params(pairs: &[(&str, i64)]) -> Params {
    let mut p = Params::defaults(&ring::params());
    for &(k, v) in pairs {
        p.set(k, ParamValue::Int(v));
    }
    p
}

fn run(design: &str, p: &Params, actions: &str, t_secs: f64) -> Run<RingModel> {
    let (list, _) = ActionList::parse(actions);
    let mut run = Run::new(RingModel::new(p, 7, design), list);
    run.seek(SimTime::from_secs_f64(t_secs));
    run
}

fn draw(run: &Run<RingModel>, w: f64, h: f64, opts: &DrawOptions) -> Drawing {
    draw_scene("hash-ring", run, w, h, opts).unwrap_or_default()
}

fn main() {
    ring_frame_time();
    largest_configuration_cost();
}

/// Frame time of the ring at 300 servers x 100 points with 10,000 keys.
fn ring_frame_time() {
    let p = params(&[
        ("servers", 300),
        ("points", 100),
        ("keys", 10_000),
        ("rate", 200),
    ]);
    for design in ["ring", "bounded", "modn", "rendezvous", "jump", "maglev"] {
        let mut r = run(design, &p, "1:add", 1.2);
        let mut times = Vec::new();
        for i in 0..200 {
            r.seek(SimTime::from_micros(1_200_000 + i * 16_667));
            let start = std::time::Instant::now();
            let d = draw(&r, 1200.0, 560.0, &DrawOptions::default());
            times.push(start.elapsed().as_secs_f64() * 1e3);
            assert!(!d.shapes.is_empty());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{design}: median {:.3} ms, p95 {:.3} ms",
            times[100], times[190]
        );
    }
}

/// Cost of building and changing the largest configuration (1,000 servers
/// x 1,000 points, 100,000 keys). A benchmark, not a gate.
fn largest_configuration_cost() {
    let p = params(&[("servers", 1_000), ("points", 1_000), ("keys", 100_000)]);
    for design in ["ring", "bounded", "rendezvous", "maglev"] {
        let start = std::time::Instant::now();
        let r = run(design, &p, "", 0.0);
        let built = start.elapsed().as_secs_f64();
        let start = std::time::Instant::now();
        let r2 = run(design, &p, "1:remove:500", 1.0);
        let changed = (start.elapsed().as_secs_f64() - built).max(0.0);
        let start = std::time::Instant::now();
        let d = draw(&r2, 1200.0, 560.0, &DrawOptions::default());
        let frame = start.elapsed().as_secs_f64();
        let (ms, shapes) = (frame * 1e3, d.shapes.len());
        println!("{design}: build {built:.3} s, change {changed:.3} s, frame {ms:.3} ms");
        println!("  {shapes} shapes");
        drop(r);
    }
}
