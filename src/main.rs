//! Moving Parts: the browser app.
//!
//! The only layer that touches the browser. Models come from `mp-models`,
//! drawings from `mp-layout`; this crate wires them to the DOM, the canvas,
//! the address bar and a background worker.

mod app;
mod batch;
mod batch_view;
mod charts;
mod embed;
mod env;
mod export;
mod frame;
mod home;
mod icons;
mod keys;
mod paint;
mod player;
mod scene_page;
mod scene_text;
mod scene_ui;
mod tls_figure;
mod views;
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests;

pub use batch::worker_run;

/// Shows a panic in the page (not only in the console), so a reader sees
/// that something broke and can report it.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(doc) = env::document() else { return };
        let Some(body) = doc.body() else { return };
        let el = doc.get_element_by_id("panic").or_else(|| {
            let el = doc.create_element("div").ok()?;
            el.set_id("panic");
            let _ = body.prepend_with_node_1(&el);
            Some(el)
        });
        if let Some(el) = el {
            let _ = el.set_attribute("role", "alert");
            el.set_text_content(Some(&format!(
                "Sorry: Moving Parts hit a bug and stopped ({info}). Reloading the page usually \
                 helps; the address keeps your settings."
            )));
        }
    }));
}

fn main() {
    // In the background worker there is no window: it only serves
    // `worker_run`, so there is nothing to mount.
    if web_sys::window().is_none() {
        return;
    }
    install_panic_hook();
    // Theme first, so nothing paints in the wrong colours.
    let (spec, _) = mp_models::url::RunSpec::from_query(&env::search());
    env::apply_theme(spec.as_ref().map_or("auto", |s| s.theme.as_str()));
    let root = env::document().and_then(|d| d.get_element_by_id("mp"));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
