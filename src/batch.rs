//! Heavy runs off the main thread.
//!
//! A batch (real-scale preset, thousands of checkouts) runs in a module Web
//! Worker (`worker.js`, a file of its own so a strict Content-Security-Policy
//! allows it). The worker loads this same wasm and calls [`worker_run`]; it
//! posts progress as it goes, and Cancel terminates it. Workers keep running
//! while the tab is hidden, so a batch finishes in the background.

use mp_models::scenes;
use mp_models::url::RunSpec;
use serde::Deserialize;
use serde_json::json;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::Callback;

/// What the page asks the worker to do.
#[derive(Deserialize)]
struct Request {
    batch: String,
    query: String,
}

/// Worker entry: runs the batch named in `request_json` and returns the
/// report as JSON (`{"ok": report}` or `{"error": text}`). `progress` is
/// called with the done fraction.
#[wasm_bindgen]
pub fn worker_run(request_json: &str, progress: &js_sys::Function) -> String {
    let out = match run_request(request_json, progress) {
        Ok(report) => json!({ "ok": report }),
        Err(e) => json!({ "error": e }),
    };
    out.to_string()
}

fn run_request(
    request_json: &str,
    progress: &js_sys::Function,
) -> Result<serde_json::Value, String> {
    let req: Request = serde_json::from_str(request_json).map_err(|e| e.to_string())?;
    let (spec, _) = RunSpec::from_query(&req.query);
    let spec = spec.ok_or("no scene in the request")?;
    let scene = scenes::find(spec.scene).ok_or("unknown scene")?;
    let def = scene
        .batches
        .iter()
        .find(|b| b.key == req.batch)
        .ok_or("unknown batch")?;
    let mut last = -1.0;
    let mut report_progress = |frac: f64| {
        if frac - last >= 0.01 || frac >= 1.0 {
            last = frac;
            let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(frac));
        }
        true
    };
    let report = (def.run)(&spec.params, spec.seed, &mut report_progress)?;
    serde_json::to_value(&report).map_err(|e| e.to_string())
}

/// The worker script of this build: the hashed name the build announces in
/// `<meta name="mp-worker">` (so a cached older `worker.js` can never load a
/// newer build's glue), else `./worker.js`.
fn worker_url() -> String {
    crate::env::document()
        .and_then(|d| d.query_selector("meta[name=mp-worker]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.is_empty() && !c.contains(':') && !c.starts_with('/'))
        .map_or_else(
            || "./worker.js".to_string(),
            |c| format!("./{}", c.trim_start_matches("./")),
        )
}

/// Events from a running batch.
pub enum BatchEvent {
    /// Done fraction.
    Progress(f64),
    /// Finished: the report as JSON.
    Done(serde_json::Value),
    /// Failed, with a reason.
    Failed(String),
}

/// A batch running in a worker; dropping or cancelling it stops the worker.
pub struct BatchJob {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl BatchJob {
    /// Starts `batch` for the run described by `query`.
    pub fn start(batch: &str, query: &str, on_event: Callback<BatchEvent>) -> Result<Self, String> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&worker_url(), &opts)
            .map_err(|e| format!("could not start a background worker: {e:?}"))?;
        let ev = on_event.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |m: MessageEvent| {
            let text = m.data().as_string().unwrap_or_default();
            let v: serde_json::Value =
                serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
            if let Some(p) = v.get("progress").and_then(|p| p.as_f64()) {
                ev.emit(BatchEvent::Progress(p));
            } else if let Some(ok) = v.get("ok") {
                ev.emit(BatchEvent::Done(ok.clone()));
            } else {
                let e = v
                    .get("error")
                    .and_then(|e| e.as_str())
                    .unwrap_or("the worker sent nothing usable");
                ev.emit(BatchEvent::Failed(e.to_string()));
            }
        });
        let ev = on_event;
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            ev.emit(BatchEvent::Failed(
                "the background worker failed to load or crashed".into(),
            ));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let msg = json!({ "batch": batch, "query": query }).to_string();
        worker
            .post_message(&JsValue::from_str(&msg))
            .map_err(|e| format!("{e:?}"))?;
        Ok(BatchJob {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for BatchJob {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
