//! The home page: every scene with a picture and one line.
//!
//! The pictures are the scenes' own layouts, drawn once from a short default
//! run, so they always match what the scene shows.

use crate::env;
use crate::paint;
use mp_layout::{draw_scene, DrawOptions};
use mp_models::scenes::{self, SceneDef};
use mp_models::url::RunSpec;
use mp_models::SimTime;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties: notices from the URL (e.g. an unknown scene).
#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    /// Notices.
    pub notices: Vec<String>,
}

#[derive(Properties, PartialEq, Clone)]
struct CardProps {
    id: &'static str,
}

#[function_component]
fn Thumb(props: &CardProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let id = props.id;
        use_effect_with((), move |_| {
            if let (Some(c), Some(scene)) = (canvas.cast::<HtmlCanvasElement>(), scenes::find(id)) {
                paint_thumb(&c, &scene);
            }
        });
    }
    html! { <canvas class="thumb" ref={canvas} aria-hidden="true"></canvas> }
}

fn paint_thumb(c: &HtmlCanvasElement, scene: &SceneDef) {
    let spec = RunSpec::defaults(scene);
    let mut run = (scene.build)(&spec.params, spec.seed, &spec.design, spec.actions);
    let t = SimTime(scene.default_duration.micros() / 8);
    run.advance_to(t, 200_000);
    let opts = DrawOptions {
        reduced_motion: true,
        selected: None,
    };
    let dark = env::is_dark("auto");
    if let Some(mut d) = draw_scene(scene.id, &*run, 560.0, 320.0, &opts) {
        // Same frame for every card: crop a taller layout.
        d.height = 320.0;
        paint::paint(c, &d, dark);
        let _ = c.style().remove_property("height");
    }
}

/// The scene list.
#[function_component]
pub fn Home(props: &Props) -> Html {
    let list = scenes::all();
    html! {
        <div class="home">
            <header class="site-head">
                <h1>{"Moving Parts"}</h1>
                <p class="tagline">{"System-design diagrams that run. Every scene is a real, \
                    seeded \
                    model running in your browser: play it, break it, step back, compare two
                        designs \
                    on the same workload, and share the exact run as a link."}</p>
            </header>
            if !props.notices.is_empty() {
                <ul id="notices" role="status">{ for props.notices.iter().map(|n| html! {
                    <li>{n}</li> }) }</ul>
            }
            <ul class="cards">
                { for list.iter().map(|s| html! {
                    <li>
                        <a class="scene-card" href={format!("?scene={}", s.id)}>
                            <Thumb id={s.id} />
                            <span class="card-title">{s.title}</span>
                            <span class="card-line">{s.tagline}</span>
                        </a>
                    </li>
                }) }
            </ul>
            <footer class="site-foot">
                <p>{"Coming next: eventual consistency, the twelve building blocks, AI system \
                    flows."}</p>
                <p>{"Keyboard: every scene lists its keys under ?."}</p>
            </footer>
        </div>
    }
}
