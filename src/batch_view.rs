//! The batch panel: pick a heavy computation, run it in the background
//! worker with progress and cancel, and read its table.

use crate::player::Player;
use crate::scene_page::Shared;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The panel, or nothing when the scene has no batches.
pub fn panel(s: &Shared, p: &Player) -> Html {
    let batches = p.scene.batches;
    if batches.is_empty() {
        return html! {};
    }
    let b = s.batch.borrow().clone();
    let select = NodeRef::default();
    let run = {
        let s = s.clone();
        let select = select.clone();
        let first = batches[0].key;
        Callback::from(move |_| {
            let key = select
                .cast::<HtmlSelectElement>()
                .map_or(first.to_string(), |e| e.value());
            s.start_batch(&key);
        })
    };
    let cancel = {
        let s = s.clone();
        Callback::from(move |_| s.cancel_batch())
    };
    let running = b.running.is_some();
    let chosen = b
        .chosen
        .clone()
        .unwrap_or_else(|| batches[0].key.to_string());
    let choose = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                s.batch.borrow_mut().chosen = Some(sel.value());
            }
        })
    };
    html! {
        <section class="batch" aria-labelledby="batch-h">
            <h2 id="batch-h">{"Larger runs"}</h2>
            <p class="muted">{"These run in the background (a Web Worker) with the settings above; \
                the page stays responsive and they finish even if you switch tabs."}</p>
            <div class="row">
                <select id="batch-key" ref={select} aria-label="Which computation"
                    disabled={running}
                    onchange={choose}>
                    // Yew inserts children last-first, so the browser would
                    // select the last option: say which one is selected.
                    { for batches.iter().map(|d| html! {
                        <option value={d.key} selected={d.key == chosen}>{d.label}</option>
                    }) }
                </select>
                <button id="batch-run" type="button" onclick={run}
                    disabled={running}>{"Run"}</button>
                <button id="batch-cancel" type="button" onclick={cancel}
                    disabled={!running}>{"Cancel"}</button>
                if running {
                    <progress id="batch-progress" max="1" value={b.progress.to_string()}
                        aria-label="Progress">{format!("{:.0}%", b.progress * 100.0)}</progress>
                    <span aria-live="polite">{format!(" {:.0}%", b.progress * 100.0)}</span>
                }
            </div>
            if let Some(e) = &b.error { <p class="error" role="alert">{e}</p> }
            if let Some((key, report)) = &b.report { { report_view(key, report) } }
        </section>
    }
}

fn text_of(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

fn report_view(key: &str, r: &serde_json::Value) -> Html {
    let columns: Vec<String> = r["columns"]
        .as_array()
        .map_or(Vec::new(), |c| c.iter().map(text_of).collect());
    let rows: Vec<Vec<String>> = r["rows"].as_array().map_or(Vec::new(), |rows| {
        rows.iter()
            .map(|row| {
                row.as_array()
                    .map_or(Vec::new(), |c| c.iter().map(text_of).collect())
            })
            .collect()
    });
    let remarks: Vec<String> = r["remarks"]
        .as_array()
        .map_or(Vec::new(), |c| c.iter().map(text_of).collect());
    html! {
        <div class="report" data-batch={key.to_string()}>
            <h3>{text_of(&r["title"])}</h3>
            <p class="method"><strong>{"How these figures were obtained: \
                "}</strong>{text_of(&r["method"])}</p>
            <div class="table-scroll">
                <table id="batch-table">
                    <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{c}</th> })
                        }</tr></thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>{ for row.iter().enumerate().map(|(i, c)| if i == 0 {
                                html! { <th scope="row">{c}</th> }
                            } else {
                                html! { <td>{c}</td> }
                            }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <ul class="remarks">{ for remarks.iter().map(|m| html! { <li>{m}</li> }) }</ul>
        </div>
    }
}
