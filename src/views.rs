//! The scene page's markup, split into small views. Each reads the player
//! and wires its controls to [`Shared`] methods.

use crate::env;
use crate::keys::SHORTCUTS;
use crate::player::Player;
use crate::scene_page::Shared;
use crate::scene_text;
use crate::scene_ui::Needs;
use mp_models::engine::params::format_float;
use mp_models::url::SPEEDS;
use mp_models::{Digest, NoteKind, ParamKind, ParamSpec, SimTime};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The whole page.
pub fn page(s: &Shared, section: &NodeRef) -> Html {
    let p = s.player.borrow();
    let embed = p.spec.embed;
    let class = classes!("scene", embed.then_some("embed"));
    html! {
        <section id="scene" ref={section.clone()} {class} data-scene={p.scene.id}
            aria-label={p.scene.title}>
            { header(&p) }
            { notices(s) }
            { stage(s, &p) }
            { transport(s, &p) }
            { actions_bar(s, &p) }
            if embed {
                { narration(&p, 4) }
                <p class="open-full"><a id="open-full" target="_blank" rel="noopener"
                    href={format!("{}{}", env::base_url(), full_query(&p))}>
                    {"Open the full scene \u{2197}"}</a></p>
            } else {
                <div class="panels">
                    { params_panel(s, &p) }
                    { narration(&p, 14) }
                </div>
                { charts(s, &p) }
                { crate::batch_view::panel(s, &p) }
                { export_panel(s, &p) }
                { scene_text::about(p.scene.id) }
            }
            { help(s) }
        </section>
    }
}

fn full_query(p: &Player) -> String {
    let mut spec = p.spec_now();
    spec.embed = false;
    spec.to_query()
}

fn header(p: &Player) -> Html {
    if p.spec.embed {
        return html! {
            <header class="scene-head compact"><h1>{p.scene.title}</h1></header>
        };
    }
    html! {
        <header class="scene-head">
            <nav><a href="./" class="back-home">{"\u{2190} All scenes"}</a></nav>
            <h1>{p.scene.title}</h1>
            <p class="tagline">{p.scene.tagline}</p>
            { scene_text::intro(p.scene.id) }
        </header>
    }
}

fn notices(s: &Shared) -> Html {
    let list = s.notices.borrow().clone();
    let s2 = s.clone();
    let dismiss = Callback::from(move |_| {
        s2.notices.borrow_mut().clear();
        s2.refresh.emit(());
    });
    html! {
        <div class="notices" role="status" hidden={list.is_empty()}>
            <ul id="notices">
                { for list.iter().map(|n| html! { <li>{n}</li> }) }
            </ul>
            <button class="link" onclick={dismiss}>{"Dismiss"}</button>
        </div>
    }
}

fn stage(s: &Shared, p: &Player) -> Html {
    let compare = p.b.is_some();
    let click = {
        let s = s.clone();
        Callback::from(move |e: MouseEvent| on_canvas_click(&s, &e, false))
    };
    let click_b = {
        let s = s.clone();
        Callback::from(move |e: MouseEvent| on_canvas_click(&s, &e, true))
    };
    html! {
        <div class={classes!("stage", compare.then_some("compare"))} ref={s.ctx.stage.clone()}>
            <figure class="side" data-side="a">
                if compare { <figcaption
                    class="side-label a">{p.scene.design_label(&p.spec.design)}</figcaption> }
                <canvas class="diagram" data-side="a" ref={s.ctx.canvas_a.clone()} role="img"
                    tabindex="0" onclick={click}></canvas>
            </figure>
            if let Some(c) = &p.spec.compare {
                <figure class="side" data-side="b">
                    <figcaption class="side-label b">{p.scene.design_label(c)}</figcaption>
                    <canvas class="diagram" data-side="b" ref={s.ctx.canvas_b.clone()} role="img"
                        onclick={click_b}></canvas>
                </figure>
            }
        </div>
    }
}

fn on_canvas_click(s: &Shared, e: &MouseEvent, side_b: bool) {
    let pt = mp_layout::Point::new(f64::from(e.offset_x()), f64::from(e.offset_y()));
    let hit = {
        let drawings = s.ctx.drawings.borrow();
        let d = if side_b {
            drawings.1.as_ref()
        } else {
            drawings.0.as_ref()
        };
        d.and_then(|d| d.hit(pt).map(|t| t.id.clone()))
    };
    let Some(id) = hit else { return };
    *s.ctx.selected.borrow_mut() = Some(id.clone());
    // Targets that name their own action: `fault:<kind>` and `try:<move>`.
    if let Some(kind) = id.strip_prefix("fault:") {
        return s.act(kind, Needs::Nothing, "");
    }
    if let Some(arg) = id.strip_prefix("try:") {
        return s.act("try", Needs::Nothing, arg);
    }
    let click = s.player.borrow().ui.click;
    let needs = click.and_then(|k| {
        let p = s.player.borrow();
        p.ui.actions.iter().find(|a| a.kind == k).map(|a| a.needs)
    });
    match (click, needs) {
        (Some(kind), Some(needs)) => s.act(kind, needs, ""),
        _ => {
            s.ctx.paint_diagrams();
            s.refresh.emit(());
        }
    }
}

fn button(id: &str, icon: &str, title: &str, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button id={id.to_string()} type="button" class="icon-button" title={title.to_string()}
            aria-label={title.to_string()} {onclick}>{crate::icons::icon(icon)}</button>
    }
}

fn transport(s: &Shared, p: &Player) -> Html {
    let cb = |f: fn(&mut Player)| {
        let s = s.clone();
        Callback::from(move |_| s.paused(f))
    };
    let play = {
        let s = s.clone();
        Callback::from(move |_| s.toggle_play())
    };
    let scrub = {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let secs = input.value_as_number();
            s.paused(|p| p.seek(SimTime::from_secs_f64(secs)));
        })
    };
    let speed = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let v: f64 = sel.value().parse().unwrap_or(1.0);
            s.player.borrow_mut().set_speed(v);
            s.changed();
        })
    };
    let now = p.playhead();
    let horizon = p.horizon().max(now);
    let seeking = p.seeking();
    let playing = p.playing;
    html! {
        <div class="transport" role="toolbar" aria-label="Playback">
            { button("back", "back", "Step back one event (\u{2190})", cb(Player::step_back)) }
            <button id="play" type="button" class="primary" aria-pressed={playing.to_string()}
                title="Play or pause (Space)" onclick={play}>
                { crate::icons::icon(if playing { "pause" } else { "play" }) }
                { if playing { " Pause" } else { " Play" } }
            </button>
            { button("step", "step", "Step one event forward (\u{2192})", cb(Player::step)) }
            { button("next-event", "next", "Jump to the next narrated event (n)",
                cb(Player::next_event)) }
            { button("reset", "reset", "Back to the start (Home)", cb(Player::reset)) }
            <label class="scrub">
                <span class="visually-hidden">{"Playhead (simulated seconds)"}</span>
                <input id="scrub" type="range" min="0" max={format!("{}", horizon.secs_f64())}
                    step="any"
                    value={format!("{}", now.secs_f64())} oninput={scrub}
                    aria-valuetext={now.to_string()} />
            </label>
            <span id="clock" class="clock" aria-live="off">
                { format!("{now}") }
                <span class="muted">{ format!(" / {horizon}") }</span>
                if let Some((from, to)) = p.skipped.filter(|_| playing) {
                    <span class="skip">{ format!(" \u{23E9} skipped {} of quiet",
                        SimTime(to.since(from))) }</span>
                }
                if let Some(done) = seeking {
                    <span class="lag">{ format!(" (getting there: {:.0}%)", done * 100.0) }</span>
                }
                if p.lagging && playing { <span class="lag">{" (catching up)"}</span> }
            </span>
            <label class="speed">{"Speed "}
                <select id="speed" onchange={speed} aria-label="Playback speed">
                    { for SPEEDS.iter().map(|v| html! {
                        <option value={v.to_string()} selected={(*v - p.spec.speed).abs() < 1e-9}>
                            {format!("{}x", format_float(*v))}</option>
                    }) }
                </select>
            </label>
            <small class="muted pace">{pace_note(p)}</small>
        </div>
    }
}

/// What "1x" means in this scene: pacing differs between a fleet that runs
/// on the clock and a sequence diagram that steps from message to message.
fn pace_note(p: &Player) -> String {
    match p.ui.wall_secs_per_event {
        Some(secs) => format!(
            "1x: one step every {} s, long waits jumped",
            format_float(secs)
        ),
        None if p.ui.pace == 1.0 => "1x: real time".to_string(),
        None => format!("1x: {} simulated s per second", format_float(p.ui.pace)),
    }
}

fn actions_bar(s: &Shared, p: &Player) -> Html {
    if p.ui.actions.is_empty() {
        return html! {};
    }
    let targets: Vec<(String, String)> =
        s.ctx.drawings.borrow().0.as_ref().map_or(Vec::new(), |d| {
            d.targets
                .iter()
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect()
        });
    let selected = s.ctx.selected.borrow().clone();
    let pick = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let v = sel.value();
            *s.ctx.selected.borrow_mut() = (!v.is_empty()).then_some(v);
            s.ctx.paint_diagrams();
            s.refresh.emit(());
        })
    };
    let clear = {
        let s = s.clone();
        Callback::from(move |_| {
            let n = s.player.borrow_mut().clear_future();
            s.notice(format!("Removed {} after the playhead.", actions(n)));
            s.changed();
        })
    };
    let needs_target = p.ui.actions.iter().any(|a| a.needs != Needs::Nothing);
    html! {
        <div class="actions" role="toolbar" aria-label="Faults and actions">
            if needs_target {
                <label>{"Target "}
                    <select id="target" onchange={pick} aria-label="Target for faults">
                        <option value=""
                            selected={selected.is_none()}>{"(click the diagram or pick)"}</option>
                        { for targets.iter().map(|(id, label)| html! {
                            <option value={id.clone()} selected={selected.as_deref() ==
                                Some(id.as_str())}>
                                {label.clone()}</option>
                        }) }
                    </select>
                </label>
            }
            { for p.ui.actions.iter().map(|a| {
                let s = s.clone();
                let a = *a;
                let onclick = Callback::from(move |_| s.act(a.kind, a.needs, a.arg));
                html! {
                    <button type="button" class="fault" data-action={a.kind} {onclick}
                        title={format!("{} (key {})", a.label, a.key)}>
                        {a.label}<kbd>{a.key}</kbd></button>
                }
            }) }
            { timeline(s, p) }
            if p.a.actions().items().iter().any(|a| a.at > p.now()) {
                <button type="button" class="link" onclick={clear}>{"Forget later actions"}</button>
            }
        </div>
    }
}

/// "1 action", "3 actions".
fn actions(n: usize) -> String {
    if n == 1 {
        "1 action".to_string()
    } else {
        format!("{n} actions")
    }
}

fn timeline(s: &Shared, p: &Player) -> Html {
    let items = p.a.actions().items();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <details class="timeline">
            <summary>{format!("Timeline: {}", actions(items.len()))}</summary>
            <ol>
                { for items.iter().map(|a| {
                    let s = s.clone();
                    let at = a.at;
                    let onclick = Callback::from(move |_| s.paused(|p| p.seek(at)));
                    html! { <li><button type="button" class="link" {onclick}>
                        {format!("{} \u{2014} {} {}", a.at, a.kind, a.arg)}</button></li> }
                }) }
            </ol>
        </details>
    }
}

fn params_panel(s: &Shared, p: &Player) -> Html {
    let on_design = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let v = sel.value();
            s.paused(|p| p.set_design(&v));
        })
    };
    let on_cmp = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let v = sel.value();
            s.paused(|p| p.set_compare((!v.is_empty()).then_some(v.as_str())));
        })
    };
    let toggle = {
        let s = s.clone();
        Callback::from(move |_| s.paused(Player::toggle_compare))
    };
    let on_seed = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            match input.value().trim().parse::<u64>() {
                Ok(seed) => s.paused(|p| p.set_seed(seed)),
                Err(_) => {
                    let seed = s.player.borrow().spec.seed;
                    s.notice(format!(
                        "The seed must be a whole number from 0 upwards; keeping {seed}."
                    ));
                    input.set_value(&seed.to_string());
                    s.refresh.emit(());
                }
            }
        })
    };
    let compare = p.spec.compare.clone();
    html! {
        <section class="params" aria-labelledby="params-h">
            <h2 id="params-h">{"Settings"}</h2>
            <div class="row">
                <label for="design">{"Design"}</label>
                <select id="design" onchange={on_design}>
                    { for p.scene.designs.iter().map(|(k, l)| html! {
                        <option value={*k} selected={p.spec.design == *k}>{*l}</option> }) }
                </select>
            </div>
            <div class="row">
                <button id="compare-toggle" type="button"
                    aria-pressed={compare.is_some().to_string()}
                    onclick={toggle} title="Compare two designs on the same workload (c)">
                    { if compare.is_some() { "Stop comparing" } else { "Compare side by side" }
                        }</button>
                if compare.is_some() {
                    <select id="compare" onchange={on_cmp} aria-label="Compared design">
                        { for p.scene.designs.iter().map(|(k, l)| html! {
                            <option value={*k} selected={compare.as_deref() ==
                                Some(*k)}>{*l}</option> }) }
                    </select>
                }
            </div>
            <div class="row">
                <label for="seed">{"Seed"}</label>
                <input id="seed" type="text" inputmode="numeric" value={typed_or("seed",
                    p.spec.seed.to_string())}
                    onchange={on_seed} aria-describedby="seed-help" />
                <small id="seed-help">{"Same seed and settings, same run."}</small>
            </div>
            { for (p.scene.params)().iter().map(|spec| param_row(s, p, spec)) }
        </section>
    }
}

fn param_row(s: &Shared, p: &Player, spec: &ParamSpec) -> Html {
    let key = spec.key;
    let onchange = {
        let s = s.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target() else { return };
            let text = if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                if i.type_() == "checkbox" {
                    if i.checked() {
                        "1".into()
                    } else {
                        "0".into()
                    }
                } else {
                    i.value()
                }
            } else if let Some(sel) = el.dyn_ref::<HtmlSelectElement>() {
                sel.value()
            } else {
                return;
            };
            let res = s.player.borrow_mut().set_param(key, &text);
            if let Err(n) = res {
                s.notice(n);
            }
            s.changed();
        })
    };
    let id = format!("param-{key}");
    let value = typed_or(&id, p.param_text(key));
    let help_id = format!("{id}-help");
    let live = if spec.live {
        "changes mid-run"
    } else {
        "restarts the run"
    };
    let control = match &spec.kind {
        ParamKind::Int { min, max } => html! {
            <input id={id.clone()} data-param={key} type="number" min={min.to_string()}
                max={max.to_string()}
                step="1" value={value} {onchange} aria-describedby={help_id.clone()} />
        },
        ParamKind::Float { min, max } => html! {
            <input id={id.clone()} data-param={key} type="number" min={format_float(*min)}
                max={format_float(*max)} step="any" value={value} {onchange}
                    aria-describedby={help_id.clone()} />
        },
        ParamKind::Choice(options) => html! {
            <select id={id.clone()} data-param={key} {onchange} aria-describedby={help_id.clone()}>
                { for options.iter().map(|(k, l)| html! { <option value={*k} selected={value ==
                    *k}>{*l}</option> }) }
            </select>
        },
        ParamKind::Bool => html! {
            <input id={id.clone()} data-param={key} type="checkbox" checked={value == "1" || value
                == "true"}
                {onchange} aria-describedby={help_id.clone()} />
        },
    };
    html! {
        <div class="row">
            <label for={id.clone()}>{spec.label}
                if !spec.unit.is_empty() { <span class="unit">{format!(" ({})", spec.unit)}</span>
                    }</label>
            { control }
            <small id={help_id}>{format!("{} ({live})", spec.help)}</small>
        </div>
    }
}

/// The text the reader is typing into field `id` if it has the focus, else
/// `value`. Yew writes an input's value back on every render, and the page
/// re-renders while playing: without this, typing would be overwritten.
fn typed_or(id: &str, value: String) -> String {
    let focused = env::document().and_then(|d| d.active_element());
    match focused.and_then(|el| el.dyn_into::<HtmlInputElement>().ok()) {
        Some(input) if input.id() == id => input.value(),
        _ => value,
    }
}

fn narration(p: &Player, lines: usize) -> Html {
    // While playing, only notable lines (faults, refusals, changes,
    // insights) are announced, through a separate region; paused or
    // stepping, every new line is.
    let live = if p.playing { "off" } else { "polite" };
    let notable = |run: &dyn mp_models::scenes::SceneRun| {
        let last = run
            .notes()
            .iter()
            .rev()
            .find(|n| n.kind != NoteKind::Info)
            .cloned();
        last.filter(|_| p.playing)
            .map(|n| n.text)
            .unwrap_or_default()
    };
    let b = p.b.as_ref().zip(p.spec.compare.as_ref());
    let headline = match b {
        Some((run, c)) => {
            let (x, y) = (notable(&*p.a), notable(&**run));
            let (da, db) = (
                p.scene.design_label(&p.spec.design),
                p.scene.design_label(c),
            );
            format!("{da}: {x} {db}: {y}")
        }
        None => notable(&*p.a),
    };
    html! {
        <section class="narration" aria-labelledby="narration-h">
            <h2 id="narration-h">{"What happened, and why"}</h2>
            if let Some((_, c)) = b {
                <h3 class="side-label a">{p.scene.design_label(&p.spec.design)}</h3>
                { note_list("narration", p.a.notes(), lines, live) }
                <h3 class="side-label b">{p.scene.design_label(c)}</h3>
            } else {
                { note_list("narration", p.a.notes(), lines, live) }
            }
            if let Some((run, _)) = b { { note_list("narration-b", run.notes(), lines, live) } }
            <div id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true">
                { headline }
            </div>
            if p.a.notes().is_empty() {
                <p class="muted">{"Press Play or step to start the run."}</p>
            }
        </section>
    }
}

fn note_list(id: &str, notes: &[mp_models::Note], lines: usize, live: &str) -> Html {
    let start = notes.len().saturating_sub(lines);
    let kind_class = |k: NoteKind| match k {
        NoteKind::Info => "info",
        NoteKind::Fault => "fault",
        NoteKind::Change => "change",
        NoteKind::Refused => "refused",
        NoteKind::Insight => "insight",
    };
    html! {
        <ol id={id.to_string()} class="notes" aria-live={live.to_string()}
            aria-relevant="additions">
            { for notes[start..].iter().enumerate().map(|(i, n)| html! {
                <li key={start + i} class={kind_class(n.kind)}>
                    <time>{n.at.to_string()}</time>{" "}{&n.text}</li>
            }) }
        </ol>
    }
}

fn charts(s: &Shared, p: &Player) -> Html {
    let metrics = p.a.metrics();
    let keys: Vec<String> = if p.ui.charts.is_empty() {
        metrics.series.iter().map(|s| s.key.clone()).collect()
    } else {
        p.ui.charts.iter().map(|k| k.to_string()).collect()
    };
    let compare = p.spec.compare.as_ref().map(|c| p.scene.design_label(c));
    html! {
        <section class="charts-wrap" aria-labelledby="charts-h">
            <h2 id="charts-h">{"Metrics over time"}</h2>
            if let Some(c) = &compare {
                <p class="legend"><span
                    class="swatch a"></span>{p.scene.design_label(&p.spec.design)}
                    <span class="swatch b"></span>{c}</p>
            }
            <div class="charts" ref={s.ctx.charts.clone()}>
                { for keys.iter().filter_map(|k| metrics.get(k)).map(|series| {
                    let b = p.b.as_ref().and_then(|b| b.metrics().get(&series.key)).and_then(|s|
                        s.last());
                    let summary = chart_summary(&series.label, &series.unit, series.last(), b);
                    html! {
                        <figure class="chart-box">
                            <canvas class="chart" data-metric={series.key.clone()} role="img"
                                aria-label={summary.clone()}></canvas>
                            <figcaption class="visually-hidden">{summary}</figcaption>
                        </figure>
                    }
                }) }
            </div>
        </section>
    }
}

fn chart_summary(label: &str, unit: &str, a: Option<f64>, b: Option<f64>) -> String {
    let f = |v: Option<f64>| {
        v.map_or("no data yet".to_string(), |v| {
            format!("{} {unit}", crate::charts::format_value(v))
        })
    };
    match b {
        Some(_) => format!("{label}: now {} (A) and {} (B)", f(a), f(b)),
        None => format!("{label}: now {}", f(a)),
    }
}

fn export_panel(s: &Shared, p: &Player) -> Html {
    let png = {
        let s = s.clone();
        Callback::from(move |_| {
            let url = crate::export::picture(&s);
            match url {
                Some(url) => env::download(&url, &format!("{}.png", s.player.borrow().scene.id)),
                None => {
                    s.notice("The picture could not be exported.".into());
                    s.refresh.emit(());
                }
            }
        })
    };
    let csv = {
        let s = s.clone();
        Callback::from(move |_| {
            let p = s.player.borrow();
            let a = format!("{}:", p.spec.design);
            let mut runs = vec![(a.as_str(), p.a.metrics())];
            let b = p.spec.compare.as_ref().map(|c| format!("{c}:"));
            if let (Some(run), Some(prefix)) = (&p.b, &b) {
                runs.push((prefix.as_str(), run.metrics()));
            }
            let text = mp_models::Metrics::csv_of(&runs);
            env::download_text(&text, "text/csv", &format!("{}-metrics.csv", p.scene.id));
        })
    };
    let link = {
        let s = s.clone();
        Callback::from(move |_| {
            let url = format!(
                "{}{}",
                env::base_url(),
                s.player.borrow().spec_now().to_query()
            );
            env::copy_text(&url);
            s.notice("Link to this exact view copied.".into());
            s.refresh.emit(());
        })
    };
    let snippet = embed_snippet(p);
    let embed = {
        let s = s.clone();
        let snippet = snippet.clone();
        Callback::from(move |_| {
            env::copy_text(&snippet);
            s.notice("Embed code copied.".into());
            s.refresh.emit(());
        })
    };
    html! {
        <section class="export" aria-labelledby="export-h">
            <h2 id="export-h">{"Share and export"}</h2>
            <div class="row">
                <button id="export-png" type="button" onclick={png}>{"Picture (PNG)"}</button>
                <button id="export-csv" type="button" onclick={csv}>{"Metrics (CSV)"}</button>
                <button id="copy-link" type="button"
                    onclick={link}>{"Copy link to this view"}</button>
                <button id="copy-embed" type="button" onclick={embed}>{"Copy embed code"}</button>
            </div>
            <details><summary>{"Embed code"}</summary><pre class="snippet">{snippet}</pre></details>
            <p class="muted small">{"Run digest: "}
                <output id="digest">{Digest::hex(p.a.digest())}</output>
                {format!(" after {} steps. The same link gives the same digest in any browser and \
                    in the command-line runner.", p.a.steps())}</p>
        </section>
    }
}

/// The iframe snippet with the height listener the embed's message needs.
pub fn embed_snippet(p: &Player) -> String {
    let mut spec = p.spec_now();
    spec.embed = true;
    let src = format!("{}{}", env::base_url(), spec.to_query()).replace('&', "&amp;");
    format!(
        "<iframe src=\"{src}\" title=\"Moving Parts: {title}\" style=\"width:100%;border:0\" \
            height=\"560\" loading=\"lazy\"></iframe>\n\
<script>\n\
addEventListener(\"message\", function (e) {{\n\
  var d = e.data;\n\
  if (!d || d.type !== \"moving-parts:height\") return;\n\
  document.querySelectorAll(\"iframe\").forEach(function (f) {{\n\
    if (f.contentWindow === e.source) f.style.height = d.height + \"px\";\n\
  }});\n\
}});\n\
</script>",
        title = p.scene.title
    )
}

fn help(s: &Shared) -> Html {
    let open = s.help.get();
    let close = {
        let s = s.clone();
        Callback::from(move |_| {
            s.help.set(false);
            s.refresh.emit(());
        })
    };
    let actions = s.player.borrow().ui.actions;
    html! {
        <div id="help" class="help" role="dialog" aria-modal="true" aria-labelledby="help-title"
            hidden={!open}>
            <div class="help-card">
                <h2 id="help-title">{"Keyboard"}</h2>
                <dl>
                    { for SHORTCUTS.iter().map(|(k, v)| html! {
                        <><dt><kbd>{*k}</kbd></dt><dd>{*v}</dd></> }) }
                    { for actions.iter().map(|a| html! {
                        <><dt><kbd>{a.key}</kbd></dt><dd>{a.label}</dd></> }) }
                </dl>
                <button type="button" onclick={close}>{"Close"}</button>
            </div>
        </div>
    }
}
