//! The scene page: diagram(s), transport, actions, parameters, narration,
//! charts, batch runs and export, for any scene.
//!
//! State lives in a [`Player`] behind `Rc<RefCell>`; the animation loop
//! ([`crate::frame`]) paints canvases directly and re-renders this component
//! only a few times a second, so the DOM is not rebuilt every frame.

use crate::batch::{BatchEvent, BatchJob};
use crate::env;
use crate::frame::LoopCtx;
use crate::player::Player;
use crate::scene_ui::Needs;
use crate::views;
use gloo::events::{EventListener, EventListenerOptions};
use mp_models::scenes::SceneDef;
use mp_models::url::RunSpec;
use mp_models::SimTime;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, IntersectionObserver, IntersectionObserverEntry, KeyboardEvent};
use yew::prelude::*;

/// Properties: the scene, the run to show and notices from parsing its URL.
#[derive(Properties, PartialEq, Clone)]
pub struct Props {
    /// The run.
    pub spec: RunSpec,
    /// Notices from reading the URL.
    pub notices: Vec<String>,
}

/// State of the batch panel.
#[derive(Clone, Default, PartialEq)]
pub struct BatchUi {
    /// Key of the running batch.
    pub running: Option<String>,
    /// Done fraction.
    pub progress: f64,
    /// Last report (JSON) and the batch it came from.
    pub report: Option<(String, serde_json::Value)>,
    /// Last error.
    pub error: Option<String>,
    /// The batch picked in the list (the first when none).
    pub chosen: Option<String>,
}

/// Everything the page's callbacks share.
#[derive(Clone)]
pub struct Shared {
    /// The player.
    pub player: Rc<RefCell<Player>>,
    /// The loop.
    pub ctx: Rc<LoopCtx>,
    /// Notices shown to the reader.
    pub notices: Rc<RefCell<Vec<String>>>,
    /// Help overlay open.
    pub help: Rc<Cell<bool>>,
    /// Batch panel state.
    pub batch: Rc<RefCell<BatchUi>>,
    /// The running batch job.
    pub job: Rc<RefCell<Option<BatchJob>>>,
    /// Re-render.
    pub refresh: Callback<()>,
}

impl Shared {
    /// Writes the current run into the address bar.
    pub fn sync_url(&self) {
        env::replace_search(&self.player.borrow().spec_now().to_query());
    }
    /// After a change made while paused: repaint, re-render, update the URL.
    pub fn changed(&self) {
        if self.player.borrow().seeking().is_some() {
            self.ctx.kick();
        }
        self.ctx.repaint_all();
        self.refresh.emit(());
        self.sync_url();
    }
    /// Adds a notice for the reader.
    pub fn notice(&self, text: String) {
        let mut n = self.notices.borrow_mut();
        if n.last() == Some(&text) {
            return;
        }
        n.push(text);
        let len = n.len();
        if len > 6 {
            n.drain(..len - 6);
        }
    }
    /// Play or pause.
    pub fn toggle_play(&self) {
        let playing = {
            let mut p = self.player.borrow_mut();
            if !p.playing && p.at_end() {
                p.seek(SimTime::ZERO);
            }
            p.playing = !p.playing;
            p.playing
        };
        if playing {
            self.ctx.kick();
        } else {
            self.ctx.halt();
            self.sync_url();
        }
        self.changed();
    }
    /// Runs `f` on the player while paused, then refreshes everything.
    pub fn paused(&self, f: impl FnOnce(&mut Player)) {
        self.ctx.halt();
        {
            let mut p = self.player.borrow_mut();
            p.playing = false;
            f(&mut p);
        }
        self.changed();
    }
    /// Takes a scene action, on the selected target when it needs one.
    pub fn act(&self, kind: &str, needs: Needs, arg: &str) {
        let arg = match needs {
            Needs::Nothing => arg.to_string(),
            Needs::Target(prefix) => match self.target_arg(prefix) {
                Some(a) => a,
                None => {
                    self.notice(format!(
                        "Pick a {prefix} first (click one, or use [ and ])."
                    ));
                    self.refresh.emit(());
                    return;
                }
            },
        };
        let res = self.player.borrow_mut().record(kind, &arg);
        if let Err(e) = res {
            self.notice(e);
        }
        self.ctx.kick();
        self.changed();
    }
    /// The argument for the selected target of kind `prefix` (its id part).
    fn target_arg(&self, prefix: &str) -> Option<String> {
        let selected = self.ctx.selected.borrow().clone()?;
        let (kind, id) = selected.split_once(':')?;
        (kind == prefix).then(|| id.to_string())
    }
    /// Selects the next (or previous) target of side A.
    pub fn cycle_target(&self, forward: bool) {
        let ids: Vec<String> = self
            .ctx
            .drawings
            .borrow()
            .0
            .as_ref()
            .map_or(Vec::new(), |d| {
                d.targets.iter().map(|t| t.id.clone()).collect()
            });
        if ids.is_empty() {
            return;
        }
        let cur = self.ctx.selected.borrow().clone();
        let i = cur.and_then(|c| ids.iter().position(|x| *x == c));
        let n = ids.len();
        let next = match (i, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        *self.ctx.selected.borrow_mut() = Some(ids[next].clone());
        self.ctx.paint_diagrams();
        self.refresh.emit(());
    }
    /// Starts a batch in the background worker.
    pub fn start_batch(&self, key: &str) {
        let query = self.player.borrow().spec_now().to_query();
        let this = self.clone();
        let on_event = Callback::from(move |ev: BatchEvent| this.batch_event(ev));
        match BatchJob::start(key, &query, on_event) {
            Ok(job) => {
                *self.job.borrow_mut() = Some(job);
                let mut b = self.batch.borrow_mut();
                b.running = Some(key.to_string());
                b.progress = 0.0;
                b.error = None;
            }
            Err(e) => self.batch.borrow_mut().error = Some(e),
        }
        self.refresh.emit(());
    }
    fn batch_event(&self, ev: BatchEvent) {
        {
            let mut b = self.batch.borrow_mut();
            match ev {
                BatchEvent::Progress(p) => b.progress = p,
                BatchEvent::Done(v) => {
                    let key = b.running.take().unwrap_or_default();
                    b.report = Some((key, v));
                    b.progress = 1.0;
                }
                BatchEvent::Failed(e) => {
                    b.running = None;
                    b.error = Some(e);
                }
            }
            if b.running.is_none() {
                self.job.borrow_mut().take();
            }
        }
        self.refresh.emit(());
    }
    /// Stops the running batch.
    pub fn cancel_batch(&self) {
        self.job.borrow_mut().take();
        let mut b = self.batch.borrow_mut();
        b.running = None;
        b.error = Some("Cancelled.".to_string());
        drop(b);
        self.refresh.emit(());
    }
}

/// The scene page.
#[function_component]
pub fn ScenePage(props: &Props) -> Html {
    let scene: SceneDef = match mp_models::scenes::find(props.spec.scene) {
        Some(s) => s,
        None => return html! { <p>{"Unknown scene."}</p> },
    };
    let fu = use_force_update();
    let refresh = Callback::from(move |_| fu.force_update());
    let player = {
        let spec = props.spec.clone();
        use_mut_ref(move || Player::new(scene, spec))
    };
    let shared = {
        let player = player.clone();
        let refresh = refresh.clone();
        let notices = props.notices.clone();
        use_memo((), move |_| Shared {
            ctx: Rc::new(LoopCtx::new(player.clone(), refresh.clone())),
            player,
            notices: Rc::new(RefCell::new(notices)),
            help: Rc::new(Cell::new(false)),
            batch: Rc::new(RefCell::new(BatchUi::default())),
            job: Rc::new(RefCell::new(None)),
            refresh,
        })
    };
    let section = use_node_ref();
    {
        let shared = (*shared).clone();
        let section = section.clone();
        let theme = props.spec.theme.clone();
        use_effect(move || {
            shared.ctx.dark.set(env::is_dark(&theme));
            shared.ctx.paint_diagrams();
            shared.ctx.paint_charts(false);
            // Narration lists scroll, newest line last: bring a new line into
            // view (and leave the reader's scrolling alone otherwise).
            let seen = {
                let p = shared.player.borrow();
                p.a.notes().len() + p.b.as_ref().map_or(0, |b| b.notes().len())
            };
            if shared.ctx.notes_seen.replace(seen) != seen {
                scroll_notes_to_end();
            }
            // An open help dialog takes the focus (and keeps it inside).
            if shared.help.get() {
                focus_help();
            }
            // The target picker lists the drawing's targets; the first render
            // happens before any drawing exists, so render once more when the
            // set of targets changes.
            let targets = shared.ctx.target_signature();
            if targets != shared.ctx.rendered_targets.replace(targets) {
                shared.refresh.emit(());
            }
            // Ready once the first frame is drawn and any seek from the
            // link has finished (tests read the digest then).
            if let Some(el) = section.cast::<HtmlElement>() {
                let ready = shared.player.borrow().seeking().is_none();
                let _ = el.set_attribute("data-ready", if ready { "1" } else { "0" });
            }
        });
    }
    {
        let shared = (*shared).clone();
        use_effect_with((), move |_| {
            let guards = install_listeners(&shared);
            let stop = shared.clone();
            *shared.ctx.on_stop.borrow_mut() = Some(Callback::from(move |_| stop.sync_url()));
            shared.sync_url();
            // A link with a far playhead finishes its seek in slices.
            shared.ctx.kick();
            move || {
                shared.ctx.halt();
                drop(guards);
            }
        });
    }
    views::page(&shared, &section)
}

/// Listeners that live as long as the page: visibility, keyboard, resize,
/// theme changes and on-screen tracking.
struct Guards {
    _listeners: Vec<EventListener>,
    observer: Option<IntersectionObserver>,
    _observer_cb: Option<EntriesCallback>,
}

impl Drop for Guards {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

fn install_listeners(shared: &Shared) -> Guards {
    let mut listeners = Vec::new();
    if let Some(doc) = env::document() {
        let s = shared.clone();
        listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
            s.ctx.visible.set(env::page_visible());
            if s.ctx.visible.get() {
                s.ctx.kick();
            } else {
                s.ctx.halt();
            }
        }));
        let s = shared.clone();
        listeners.push(EventListener::new_with_options(
            &doc,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |e| {
                if let Some(ke) = e.dyn_ref::<KeyboardEvent>() {
                    crate::keys::on_key(&s, ke);
                }
            },
        ));
    }
    if let Some(win) = env::window() {
        let s = shared.clone();
        listeners.push(EventListener::new(&win, "resize", move |_| {
            s.ctx.repaint_all()
        }));
        if let Ok(Some(mq)) = win.match_media("(prefers-color-scheme: dark)") {
            let s = shared.clone();
            listeners.push(EventListener::new(&mq, "change", move |_| {
                let theme = s.player.borrow().spec.theme.clone();
                env::apply_theme(&theme);
                s.ctx.dark.set(env::is_dark(&theme));
                s.ctx.paint_diagrams();
                s.ctx.paint_charts(true);
            }));
        }
    }
    let (observer, cb) = observe(shared);
    Guards {
        _listeners: listeners,
        observer,
        _observer_cb: cb,
    }
}

type EntriesCallback = Closure<dyn FnMut(js_sys::Array)>;

fn observe(shared: &Shared) -> (Option<IntersectionObserver>, Option<EntriesCallback>) {
    let Some(target) = shared.ctx.stage.cast::<web_sys::Element>() else {
        return (None, None);
    };
    let s = shared.clone();
    let cb = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let onscreen = entries.iter().any(|e| {
            e.dyn_into::<IntersectionObserverEntry>()
                .is_ok_and(|e| e.is_intersecting())
        });
        s.ctx.onscreen.set(onscreen);
        if onscreen {
            s.ctx.kick();
        } else {
            s.ctx.halt();
        }
    });
    match IntersectionObserver::new(cb.as_ref().unchecked_ref()) {
        Ok(obs) => {
            obs.observe(&target);
            (Some(obs), Some(cb))
        }
        Err(_) => (None, None),
    }
}

/// Moves the focus into the help dialog unless it is already there.
fn focus_help() {
    let Some(doc) = env::document() else { return };
    let inside = doc
        .active_element()
        .is_some_and(|el| el.closest("#help").ok().flatten().is_some());
    if inside {
        return;
    }
    if let Some(button) = doc.query_selector("#help button").ok().flatten() {
        if let Some(button) = button.dyn_ref::<HtmlElement>() {
            let _ = button.focus();
        }
    }
}

/// Scrolls every narration list to its newest line.
fn scroll_notes_to_end() {
    let Some(doc) = env::document() else { return };
    let Ok(lists) = doc.query_selector_all("ol.notes") else {
        return;
    };
    for i in 0..lists.length() {
        if let Some(el) = lists
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            el.set_scroll_top(el.scroll_height());
        }
    }
}
