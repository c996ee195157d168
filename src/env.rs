//! Small wrappers over browser APIs: location, history, media queries,
//! downloads. Every failure is logged once and turned into a harmless default.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, Window};

/// The window, if this is a page (not a worker).
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document.
pub fn document() -> Option<Document> {
    window()?.document()
}

/// `location.search`, or "".
pub fn search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Replaces the query string without reloading or adding history entries.
pub fn replace_search(query: &str) {
    let Some(w) = window() else { return };
    let Ok(history) = w.history() else { return };
    let path = w.location().pathname().unwrap_or_default();
    let url = format!("{path}{query}");
    if history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .is_err()
    {
        log(&format!("could not update the address bar to {url}"));
    }
}

/// True when a media query matches.
pub fn media(query: &str) -> bool {
    window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The reader prefers reduced motion.
pub fn reduced_motion() -> bool {
    media("(prefers-reduced-motion: reduce)")
}

/// Resolves `light`/`dark`/`auto` to dark or not.
pub fn is_dark(theme: &str) -> bool {
    match theme {
        "dark" => true,
        "light" => false,
        _ => media("(prefers-color-scheme: dark)"),
    }
}

/// Sets `data-theme` on the root element so CSS follows the chosen theme.
pub fn apply_theme(theme: &str) {
    let dark = is_dark(theme);
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// The tab is visible.
pub fn page_visible() -> bool {
    document().is_none_or(|d| !d.hidden())
}

/// Milliseconds from the page's performance clock, for pacing work within
/// a frame only: it never reaches a model.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// One log line in the console.
pub fn log(msg: &str) {
    web_sys::console::warn_1(&msg.into());
}

/// Starts a download of `url` as `filename`.
pub fn download(url: &str, filename: &str) {
    let Some(doc) = document() else { return };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<HtmlElement>() else {
        return;
    };
    let _ = a.set_attribute("href", url);
    let _ = a.set_attribute("download", filename);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// Starts a download of text content through a Blob URL.
pub fn download_text(text: &str, mime: &str, filename: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        log("could not make the download");
        return;
    };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        download(&url, filename);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// Copies text to the clipboard (best effort; returns false if unavailable).
pub fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = w.navigator().clipboard();
    let _ = clipboard.write_text(text);
    true
}

/// The page's own address without query, for links and embed snippets.
pub fn base_url() -> String {
    let Some(w) = window() else {
        return String::new();
    };
    let loc = w.location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}")
}
