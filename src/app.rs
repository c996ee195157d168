//! The app: reads the address once, then shows the home page or a scene.
//! Links between pages are plain links (`?scene=...`), so every page is a
//! deep link that works on any static host without rewrite rules.

use crate::embed;
use crate::env;
use crate::home::Home;
use crate::scene_page::ScenePage;
use mp_models::url::RunSpec;
use yew::prelude::*;

/// The root component.
#[function_component]
pub fn App() -> Html {
    let parsed = use_memo((), |_| RunSpec::from_query(&env::search()));
    let (spec, notices) = (*parsed).clone();
    let theme = spec
        .as_ref()
        .map_or("auto".to_string(), |s| s.theme.clone());
    let embedded = spec.as_ref().is_some_and(|s| s.embed);
    {
        let theme = theme.clone();
        let scene = spec.as_ref().map(|s| s.scene);
        use_effect_with((), move |_| {
            env::apply_theme(&theme);
            let reporter = scene.and_then(embed::report_height);
            move || drop(reporter)
        });
    }
    if let Some(doc) = env::document() {
        let title = spec
            .as_ref()
            .and_then(|s| mp_models::scenes::find(s.scene))
            .map_or("Moving Parts".to_string(), |s| {
                format!("{} \u{2014} Moving Parts", s.title)
            });
        doc.set_title(&title);
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("data-embed", if embedded { "1" } else { "0" });
        }
    }
    match spec {
        Some(spec) => html! { <ScenePage {spec} {notices} /> },
        None => html! { <Home {notices} /> },
    }
}
