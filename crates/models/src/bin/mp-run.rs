//! `mp-run`: the command-line runner.
//!
//! Runs a scene natively from the same input the browser takes (a URL query
//! string, or flags) and prints its metrics as JSON. The digest it prints is
//! the one the page shows in `output#digest` for the same URL.
//!
//! ```text
//! mp-run --url '?scene=worker-sharding&seed=7&t=60'
//! mp-run --scene hash-ring --param servers=20 --actions '5:add' --until 30
//! mp-run --scene worker-sharding --batch real-scale
//! mp-run --list
//! mp-run --bench
//! ```

use mp_models::engine::action::{parse_secs, ActionList};
use mp_models::scenes::{self, SceneRun};
use mp_models::url::RunSpec;
use mp_models::{Digest, SimTime};
use serde_json::{json, Value};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mp-run: {e}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str =
    "usage: mp-run (--url QUERY | --scene ID [--seed N] [--design D] [--compare D] \
[--param K=V]... [--actions TEXT]) [--until SECS] [--batch KEY] [--no-series] | --list | --bench";

fn run(args: &[String]) -> Result<String, String> {
    let mut query: Vec<String> = Vec::new();
    let mut until: Option<SimTime> = None;
    let mut batch: Option<String> = None;
    let mut series = true;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--url" => query.push(value()?.trim_start_matches('?').to_string()),
            "--scene" => query.push(format!("scene={}", value()?)),
            "--seed" => query.push(format!("seed={}", value()?)),
            "--design" => query.push(format!("design={}", value()?)),
            "--compare" => query.push(format!("cmp={}", value()?)),
            "--param" => query.push(value()?),
            "--actions" => query.push(format!("a={}", mp_models::url::encode(&value()?))),
            "--until" => {
                let v = value()?;
                until = Some(parse_secs(&v).ok_or_else(|| format!("--until {v}: not seconds"))?);
            }
            "--batch" => batch = Some(value()?),
            "--no-series" => series = false,
            "--list" => return Ok(list().to_string()),
            "--bench" => return Ok(bench().to_string()),
            "--help" | "-h" => return Ok(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let (spec, notices) = RunSpec::from_query(&query.join("&"));
    let spec =
        spec.ok_or_else(|| format!("no known scene given ({})\n{USAGE}", notices.join(" ")))?;
    let scene = scenes::find(spec.scene).ok_or("scene vanished")?;
    if let Some(key) = batch {
        let def = scene.batches.iter().find(|b| b.key == key).ok_or_else(|| {
            let keys: Vec<&str> = scene.batches.iter().map(|b| b.key).collect();
            format!(
                "scene {} has no batch {key} (has: {})",
                scene.id,
                keys.join(", ")
            )
        })?;
        let mut progress = |_: f64| true;
        let report = (def.run)(&spec.params, spec.seed, &mut progress)?;
        let v = json!({ "scene": scene.id, "batch": key, "seed": spec.seed,
            "notices": notices, "report": report });
        return serde_json::to_string_pretty(&v).map_err(|e| e.to_string());
    }
    let t = until.unwrap_or(if spec.t > SimTime::ZERO {
        spec.t
    } else {
        scene.default_duration
    });
    let side_a = run_side(&scene, &spec, &spec.design, t, series);
    let mut v = json!({
        "scene": scene.id, "seed": spec.seed, "query": spec.to_query(),
        "notices": notices, "t_secs": t.secs_f64(),
        "digest": side_a["digest"].clone(), "a": side_a,
    });
    if let Some(c) = &spec.compare {
        v["b"] = run_side(&scene, &spec, c, t, series);
    }
    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())
}

fn run_side(
    scene: &scenes::SceneDef,
    spec: &RunSpec,
    design: &str,
    t: SimTime,
    series: bool,
) -> Value {
    let mut run: Box<dyn SceneRun> =
        (scene.build)(&spec.params, spec.seed, design, spec.actions.clone());
    run.seek(t);
    let m = run.metrics();
    let last: serde_json::Map<String, Value> = m
        .series
        .iter()
        .map(|s| (s.key.clone(), json!(s.last())))
        .collect();
    let notes: Vec<Value> = run
        .notes()
        .iter()
        .rev()
        .take(20)
        .rev()
        .map(|n| json!({ "t_secs": n.at.secs_f64(), "kind": n.kind, "text": n.text }))
        .collect();
    let mut v = json!({
        "design": design, "digest": Digest::hex(run.digest()), "steps": run.steps(),
        "actions": run.actions().to_text(), "last": last, "recent_notes": notes,
    });
    if series {
        v["series"] = json!(m.series);
    }
    v
}

fn list() -> Value {
    let scenes: Vec<Value> = scenes::all()
        .iter()
        .map(|s| {
            json!({ "id": s.id, "title": s.title, "tagline": s.tagline,
                "designs": s.designs.iter().map(|d| d.0).collect::<Vec<_>>(),
                "params": (s.params)(),
                "batches": s.batches.iter().map(|b| b.key).collect::<Vec<_>>() })
        })
        .collect();
    json!({ "scenes": scenes })
}

/// Steps per second of each scene's default run, natively. Printed, not
/// asserted: speed targets live here, not in tests.
fn bench() -> Value {
    let mut rows = Vec::new();
    for scene in scenes::all() {
        let params = mp_models::Params::defaults(&(scene.params)());
        for (design, _) in scene.designs {
            let mut run = (scene.build)(&params, 1, design, ActionList::new());
            let start = std::time::Instant::now();
            let mut t = SimTime::ZERO;
            while start.elapsed().as_secs_f64() < 1.0 && run.next_at().is_some() {
                t = t.plus(1_000_000);
                run.advance_to(t, u64::MAX);
            }
            let secs = start.elapsed().as_secs_f64();
            rows.push(
                json!({ "scene": scene.id, "design": design, "steps": run.steps(),
                "secs": secs, "steps_per_sec": run.steps() as f64 / secs,
                "simulated_secs": run.now().secs_f64() }),
            );
        }
    }
    json!({ "bench": rows })
}
