//! Keyboard control of everything on a scene page. `?` lists the keys.

use crate::scene_page::Shared;
use web_sys::KeyboardEvent;

/// The shortcuts, for the help overlay: (keys, what they do).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Space or k", "Play / pause"),
    ("→ or .", "Step one event forward"),
    ("← or ,", "Step one event back"),
    ("n", "Jump to the next narrated event"),
    ("Home or 0", "Back to the start"),
    ("End", "Jump to the end"),
    ("+ / −", "Faster / slower"),
    ("[ / ]", "Select previous / next target (server, ...)"),
    ("c", "Compare two designs side by side"),
    ("?", "Show or hide this help"),
    ("Esc", "Close this help"),
];

/// True when the key belongs to the focused control: text and number
/// fields and selects keep all their keys; a focused button keeps Space and
/// Enter (it clicks itself), every other shortcut still works.
fn owned_by_focus(e: &KeyboardEvent) -> bool {
    let Some(target) = e.target() else {
        return false;
    };
    let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&target) else {
        return false;
    };
    match el.tag_name().as_str() {
        "INPUT" | "SELECT" | "TEXTAREA" => true,
        "BUTTON" | "SUMMARY" | "A" => matches!(e.key().as_str(), " " | "Enter"),
        _ => el.has_attribute("contenteditable"),
    }
}

/// Handles one key press on the page.
pub fn on_key(s: &Shared, e: &KeyboardEvent) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let key = e.key();
    if key == "Escape" {
        if s.help.get() {
            s.help.set(false);
            s.refresh.emit(());
        }
        return;
    }
    // Buttons handle Space/Enter themselves; fields need their keys.
    if owned_by_focus(e) && key != "?" {
        return;
    }
    let handled = match key.as_str() {
        " " | "k" => {
            s.toggle_play();
            true
        }
        "ArrowRight" | "." => {
            s.paused(|p| p.step());
            true
        }
        "ArrowLeft" | "," => {
            s.paused(|p| p.step_back());
            true
        }
        "n" => {
            s.paused(|p| p.next_event());
            true
        }
        "Home" | "0" => {
            s.paused(|p| p.reset());
            true
        }
        "End" => {
            s.paused(|p| p.seek(p.horizon()));
            true
        }
        "+" | "=" => {
            s.player.borrow_mut().nudge_speed(true);
            s.changed();
            true
        }
        "-" | "_" => {
            s.player.borrow_mut().nudge_speed(false);
            s.changed();
            true
        }
        "[" => {
            s.cycle_target(false);
            true
        }
        "]" => {
            s.cycle_target(true);
            true
        }
        "c" => {
            s.player.borrow_mut().toggle_compare();
            s.changed();
            true
        }
        "?" => {
            s.help.set(!s.help.get());
            s.refresh.emit(());
            true
        }
        _ => scene_key(s, &key),
    };
    if handled {
        e.prevent_default();
    }
}

fn scene_key(s: &Shared, key: &str) -> bool {
    let mut chars = key.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let actions = s.player.borrow().ui.actions;
    match actions.iter().find(|a| a.key == c) {
        Some(a) => {
            s.act(a.kind, a.needs, a.arg);
            true
        }
        None => false,
    }
}
