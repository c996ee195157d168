//! The worker-sharding scene's opening figure: why hiding a cold start in
//! the TLS handshake stopped working. The reader picks the TLS version and
//! the round-trip time; the figure and its sentence follow.

use crate::env;
use crate::paint;
use mp_layout::sharding::{hidden_window_millis, tls_timeline};
use mp_models::scenes::sharding::tls::{TlsVersion, EARLY_START_MILLIS, TODAY_START_MILLIS};
use web_sys::{HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The TLS pre-warming figure with its two controls.
#[function_component]
pub fn TlsFigure() -> Html {
    let tls = use_state(|| TlsVersion::Tls12);
    let rtt = use_state(|| 30.0f64);
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let (tls, rtt) = (*tls, *rtt);
        use_effect_with((tls, rtt.to_bits()), move |_| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                let w = c
                    .parent_element()
                    .map_or(600.0, |p| f64::from(p.client_width()))
                    .clamp(280.0, 900.0);
                let d = tls_timeline(w, if w < 480.0 { 190.0 } else { 170.0 }, tls, rtt);
                paint::paint(&c, &d, is_dark_attr());
            }
        });
    }
    let on_tls = {
        let tls = tls.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                tls.set(if sel.value() == "1.3" {
                    TlsVersion::Tls13
                } else {
                    TlsVersion::Tls12
                });
            }
        })
    };
    let on_rtt = {
        let rtt = rtt.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                let v = i.value_as_number();
                if v.is_finite() {
                    rtt.set(v.clamp(1.0, 300.0));
                }
            }
        })
    };
    let window = hidden_window_millis(*tls, *rtt);
    let verdict = |start: f64| {
        if start <= window {
            "hidden"
        } else {
            "not hidden"
        }
    };
    html! {
        <figure class="tls-figure">
            <figcaption>
                <strong>{"Before sharding: start the worker during the handshake. "}</strong>
                {format!(
                    "With {} and a {:.0} ms round trip the server learns the worker's name {:.0} \
                        ms \
                     before the request arrives. A {EARLY_START_MILLIS:.0} ms start is {}; a \
                     {TODAY_START_MILLIS:.0} ms start is {}.",
                    tls.name(), *rtt, window, verdict(EARLY_START_MILLIS),
                        verdict(TODAY_START_MILLIS)
                )}
            </figcaption>
            <div class="row">
                <label>{"Handshake "}
                    <select id="tls-version" onchange={on_tls}>
                        <option value="1.2" selected={*tls ==
                            TlsVersion::Tls12}>{"TLS 1.2 (3 round trips with TCP)"}</option>
                        <option value="1.3" selected={*tls ==
                            TlsVersion::Tls13}>{"TLS 1.3 (2 round trips with TCP)"}</option>
                    </select>
                </label>
                <label>{"Round trip "}
                    <input id="tls-rtt" type="range" min="5" max="200" step="5"
                        value={rtt.to_string()}
                        oninput={on_rtt} aria-valuetext={format!("{:.0} ms", *rtt)} />
                    {format!(" {:.0} ms", *rtt)}
                </label>
            </div>
            <canvas ref={canvas} class="tls" role="img"
                aria-label="TLS handshake timeline"></canvas>
        </figure>
    }
}

fn is_dark_attr() -> bool {
    env::document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"))
        .is_some_and(|t| t == "dark")
}
