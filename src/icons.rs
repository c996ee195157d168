//! Small inline SVG icons for the transport buttons (fonts on many systems
//! lack the media-control glyphs, and SVG needs no extra request).

use yew::prelude::*;

/// An icon by name; decorative (the button carries the label).
pub fn icon(name: &str) -> Html {
    let d = match name {
        "play" => "M4 2.5v11l9.5-5.5z",
        "pause" => "M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z",
        "back" => "M3 2.5h2v11H3zM13.5 2.5v11L6 8z",
        "step" => "M11 2.5h2v11h-2zM2.5 2.5v11L10 8z",
        "next" => "M1.5 2.5v11L7.5 8zM7.5 2.5v11L13.5 8zM13.5 2.5h1.5v11h-1.5z",
        "reset" => "M8 2.5a5.5 5.5 0 1 1-5.2 3.7l1.8.7A3.6 3.6 0 1 0 8 4.4V6.5L4.5 3.5 8 .5z",
        _ => "",
    };
    html! {
        <svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"
            focusable="false">
            <path d={d} fill="currentColor" />
        </svg>
    }
}
