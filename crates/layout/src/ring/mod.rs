//! Layout of the "hash-ring" scene: the placement of keys on servers under
//! one scheme, and what the last change of the pool moved.
//!
//! Pictures, by design:
//! - ring and bounded loads: the circle (Karger et al. 1997) cut into each
//!   server's arcs, virtual-node ticks when there are few, keys as dots,
//!   moved keys lit, one marker per server (grouped above [`MAX_TARGETS`]),
//!   lookups walking clockwise from their key to the owning point, then on
//!   to the owner's marker (`circle`);
//! - `hash mod N` and jump hash (Lamping & Veach 2014): the numbered
//!   buckets, each naming its server, with the keys that arrived lit
//!   (`buckets`);
//! - rendezvous (Thaler & Ravishankar 1998): one example key's score on
//!   every server, the highest winning (`scores`);
//! - Maglev (Eisenbud et al. 2016): the lookup table as cells coloured by
//!   owner, downsampled above [`MAX_TABLE_CELLS`] (`table`).
//!
//! Every design also gets a keys-per-server bar chart with the mean
//! (`bars`), and a header with the scheme and the last change's numbers
//! (`labels`). Above the target cap, runs of servers are drawn and clicked
//! as one (`groups`). The layout only reads the model: the assignment and
//! the ring's arcs are computed by the model once per change, so a frame
//! costs the same at 100,000 ring points as at 100. Positions of moving
//! things are functions of the model's time.

mod bars;
mod buckets;
mod circle;
mod groups;
mod labels;
mod scores;
mod table;

use mp_models::engine::run::{Model, Run};
use mp_models::placement::Scheme;
use mp_models::scenes::ring::model::LOOKUP_FLIGHT_MICROS;
use mp_models::scenes::ring::RingModel;
use mp_models::scenes::SceneRun;

use crate::drawing::{frame_len, Drawing, Paint, Point};
use crate::text::one_line;
use crate::DrawOptions;

use groups::{bar_capacity, group_of, groups};

/// Most clickable server targets; above it servers are grouped.
pub const MAX_TARGETS: usize = 48;
/// Most Maglev cells drawn; bigger tables are downsampled.
pub const MAX_TABLE_CELLS: usize = 512;
/// Outer margin of the frame.
const PAD: f64 = 8.0;
/// The ring's circumference in hash positions, 2^64.
const CIRCLE: f64 = 18_446_744_073_709_551_616.0;

/// A rectangle of the frame.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn center(self) -> Point {
        Point::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
    /// The part below a title line of `title_h` px.
    fn below(self, title_h: f64) -> Rect {
        let t = title_h.min(self.h);
        Rect {
            y: self.y + t,
            h: self.h - t,
            ..self
        }
    }
}

/// The drawing of a hash-ring run; `None` if `run` is not one.
pub fn draw(run: &dyn SceneRun, width: f64, height: f64, opts: &DrawOptions) -> Option<Drawing> {
    let run = run.as_any().downcast_ref::<Run<RingModel>>()?;
    let model = run.model();
    let w = frame_len(width, 160.0, 4_000.0, 320.0);
    let h = frame_len(height, 160.0, 4_000.0, 300.0);
    let mut d = Drawing::new(w, h);
    let Some(a) = model.assignment() else {
        let why = model.error().unwrap_or("This run could not be built.");
        d.text_mid(Point::new(w / 2.0, h / 2.0), why, 12.0, Paint::Bad);
        d.description = why.to_string();
        return Some(d);
    };
    let top = labels::header(&mut d, model, a);
    let body = Rect {
        x: PAD,
        y: top,
        w: w - 2.0 * PAD,
        h: (h - top - PAD).max(20.0),
    };
    let (main, side) = panels(body, w);
    let ring = matches!(a.scheme(), Scheme::Ring | Scheme::BoundedLoads);
    let bar_groups = groups(a.loads(), bar_capacity(side.w, ring));
    let bar_tops = bars::load_bars(&mut d, side, model, a, &bar_groups, !ring, opts);
    let to_bar = |id: u32| group_of(&bar_groups, id).map(|g| bar_tops[g]);
    let inbox = Point::new(main.center().x, main.y + 22.0);
    match a.scheme() {
        Scheme::Ring | Scheme::BoundedLoads => circle::draw_ring(&mut d, main, model, a, opts),
        Scheme::ModN | Scheme::Jump => {
            let centres = buckets::buckets(&mut d, main, model, a, opts);
            let to_bucket = |id: u32| {
                let i = a.servers().binary_search(&id).ok()?;
                centres.get(i).copied()
            };
            pulses(&mut d, model, opts, |_| Some(inbox), to_bucket);
        }
        Scheme::Rendezvous => {
            scores::scores(&mut d, main, model, a);
            pulses(&mut d, model, opts, |_| Some(inbox), to_bar);
        }
        Scheme::Maglev => {
            let cell_of = table::table(&mut d, main, a, model.lit_change());
            let keys = model.keys();
            pulses(
                &mut d,
                model,
                opts,
                |k| keys.get(k).map(|&key| cell_of(key)),
                to_bar,
            );
        }
    }
    d.description = labels::describe(model, a);
    Some(d)
}

/// The picture's panel and the bars' panel: wide frames put the picture
/// left of the bars; narrow ones stack them.
fn panels(body: Rect, frame_w: f64) -> (Rect, Rect) {
    if frame_w >= 560.0 {
        let main_w = (body.w * 0.6).min(body.h * 1.4).max(body.w * 0.45);
        let side = Rect {
            x: body.x + main_w + 14.0,
            w: body.w - main_w - 14.0,
            ..body
        };
        (Rect { w: main_w, ..body }, side)
    } else {
        let main_h = body.h * 0.66;
        let side = Rect {
            y: body.y + main_h + 6.0,
            h: body.h - main_h - 6.0,
            ..body
        };
        (Rect { h: main_h, ..body }, side)
    }
}

/// Lookups in flight, from `from(key index)` towards `to(owner id)`.
fn pulses(
    d: &mut Drawing,
    model: &RingModel,
    opts: &DrawOptions,
    from: impl Fn(usize) -> Option<Point>,
    to: impl Fn(u32) -> Option<Point>,
) {
    if opts.reduced_motion {
        return;
    }
    let now = model.now();
    for l in model.recent_lookups() {
        let age = now.since(l.at);
        let Some(start) = from(l.key_index as usize).filter(|_| age < LOOKUP_FLIGHT_MICROS) else {
            continue;
        };
        if l.failed {
            d.dot(start, 3.5, Paint::Bad);
            continue;
        }
        let Some(end) = to(l.owner) else { continue };
        let p = start.lerp(end, age as f64 / LOOKUP_FLIGHT_MICROS as f64);
        d.line(start, p, Paint::Accent, 1.0);
        d.dot(p, 3.0, Paint::Accent);
    }
}

/// The server id of a selected `server:<id>` target.
fn selected_server(opts: &DrawOptions) -> Option<u32> {
    opts.selected
        .as_deref()?
        .strip_prefix("server:")?
        .parse()
        .ok()
}

/// Colour of server `id`: by id, so it stays put when others leave.
fn colour(id: u32) -> Paint {
    Paint::Series((id % 65_536) as u16)
}

/// A square-cornered box (bars, cells) never thinner than half a pixel, so
/// even the smallest bar of a crowded chart stays visible.
fn boxed(
    d: &mut Drawing,
    at: Point,
    (w, h): (f64, f64),
    fill: Paint,
    stroke: Option<(Paint, f64)>,
) {
    d.rect(at, (w.max(0.5), h.max(0.0)), 0.0, Some(fill), stroke);
}

/// A panel's muted title line, cut to the panel's width.
fn panel_title(d: &mut Drawing, rect: Rect, title: &str, size: f64) {
    let at = Point::new(rect.x, rect.y + 11.0);
    d.text(at, one_line(title, rect.w, size), size, Paint::Muted);
}
