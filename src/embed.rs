//! Embedding: when the page runs inside an iframe it reports its content
//! height to the parent with `postMessage({type: "moving-parts:height",
//! scene, height})`, so the host page can size the iframe to fit. The
//! snippet from "Copy embed code" listens for exactly this message.

use crate::env;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;

/// Keeps the observer alive for the page's lifetime.
pub struct HeightReporter {
    observer: ResizeObserver,
    _cb: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

fn post_height(scene: &str) {
    let Some(win) = env::window() else { return };
    let Ok(Some(parent)) = win.parent() else {
        return;
    };
    let Some(doc) = win.document() else { return };
    let Some(root) = doc.document_element() else {
        return;
    };
    let height = f64::from(root.scroll_height())
        .max(f64::from(root.get_bounding_client_rect().height() as i32));
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"moving-parts:height".into());
    let _ = js_sys::Reflect::set(&msg, &"scene".into(), &scene.into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &JsValue::from_f64(height.ceil()));
    let _ = parent.post_message(&msg, "*");
}

/// Starts reporting the height of the document to the parent window, if
/// there is one. `None` when not framed or unsupported.
pub fn report_height(scene: &'static str) -> Option<HeightReporter> {
    let win = env::window()?;
    let parent = win.parent().ok()??;
    if parent == win {
        return None;
    }
    let body = win.document()?.body()?;
    let cb =
        Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| post_height(scene));
    let observer = ResizeObserver::new(cb.as_ref().unchecked_ref()).ok()?;
    observer.observe(&body);
    post_height(scene);
    Some(HeightReporter { observer, _cb: cb })
}
