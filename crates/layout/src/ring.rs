//! Layout of the "hash-ring" scene: the placement of keys on servers under
//! one scheme, and what the last change of the pool moved.
//!
//! Pictures, by design:
//! - ring and bounded loads: the circle (Karger et al. 1997) cut into each
//!   server's arcs, virtual-node ticks when there are few, keys as dots,
//!   moved keys lit, one marker per server (grouped above [`MAX_TARGETS`]),
//!   lookups walking clockwise from their key to the owning point, then on
//!   to the owner's marker;
//! - `hash mod N` and jump hash (Lamping & Veach 2014): the numbered
//!   buckets, each naming its server, with the keys that arrived lit;
//! - rendezvous (Thaler & Ravishankar 1998): one example key's score on
//!   every server, the highest winning;
//! - Maglev (Eisenbud et al. 2016): the lookup table as cells coloured by
//!   owner (downsampled above [`MAX_TABLE_CELLS`]).
//!
//! Every design also gets a keys-per-server bar chart with the mean, and a
//! header with the scheme and the last change's numbers. The layout only
//! reads the model: the assignment and the ring's arcs are computed by the
//! model once per change, so a frame costs the same at 100,000 ring points
//! as at 100. Positions of moving things are functions of the model's time.
//!
//! TODO: this file is longer than the project's usual 300 lines because the
//! scene's layout was asked to stay in one file; splitting it into
//! `ring/{circle,buckets,table,bars}.rs` would make each picture easier to
//! find.

use std::f64::consts::TAU;

use mp_models::engine::run::{Model, Run};
use mp_models::hash::{key_hash, key_server_hash, server_point};
use mp_models::placement::{bounded, Scheme};
use mp_models::scenes::ring::model::{HIGHLIGHT_MICROS, LOOKUP_FLIGHT_MICROS};
use mp_models::scenes::ring::text::{count, count_usize, pct};
use mp_models::scenes::ring::{Assignment, Change, RingModel, ServerLoad, ShareKind};
use mp_models::scenes::SceneRun;

use crate::drawing::{Anchor, Drawing, HitTarget, Paint, Point, Shape};
use crate::DrawOptions;

/// Most clickable server targets; above it servers are grouped.
pub const MAX_TARGETS: usize = 48;
/// Most Maglev cells drawn; bigger tables are downsampled.
pub const MAX_TABLE_CELLS: usize = 512;
/// Most key dots drawn on the ring (keys are sampled evenly above it).
const MAX_KEY_DOTS: usize = 400;
/// Most moved-key dots drawn.
const MAX_MOVED_DOTS: usize = 600;
/// Ring points up to which each virtual node gets a tick.
const MAX_TICK_POINTS: usize = 240;
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

/// A run of consecutive servers (by id) drawn and clicked as one.
#[derive(Clone, Copy, Debug)]
struct Group {
    /// The busiest server of the group: its colour and its click target.
    rep: ServerLoad,
    first: u32,
    last: u32,
    size: usize,
}

impl Group {
    fn holds(&self, id: u32) -> bool {
        self.first <= id && id <= self.last
    }
}

/// Short-hand for the shapes this layout uses most.
trait Pen {
    fn disc(&mut self, center: Point, radius: f64, fill: Paint, stroke: Option<(Paint, f64)>);
    fn boxed(&mut self, at: Point, size: (f64, f64), fill: Paint, stroke: Option<(Paint, f64)>);
    fn arc_on(&mut self, circle: (Point, f64), fracs: (f64, f64), paint: Paint, width: f64);
    fn dashed(&mut self, from: Point, to: Point, paint: Paint);
    fn label(&mut self, at: Point, text: String, size: f64, paint: Paint, anchor: Anchor);
    fn bold(&mut self, at: Point, text: String, size: f64);
}

impl Pen for Drawing {
    fn disc(&mut self, center: Point, radius: f64, fill: Paint, stroke: Option<(Paint, f64)>) {
        self.push(Shape::Circle {
            center,
            radius,
            fill: Some(fill),
            stroke,
        });
    }
    fn boxed(&mut self, at: Point, (w, h): (f64, f64), fill: Paint, stroke: Option<(Paint, f64)>) {
        let (w, h) = (w.max(0.5), h.max(0.0));
        self.push(Shape::Rect {
            at,
            w,
            h,
            radius: 0.0,
            fill: Some(fill),
            stroke,
        });
    }
    /// An arc from fraction `a` to `b` of the way round, clockwise from
    /// the top; nothing when it is empty.
    fn arc_on(
        &mut self,
        (center, radius): (Point, f64),
        (a, b): (f64, f64),
        paint: Paint,
        width: f64,
    ) {
        if b > a {
            let (start, end) = (a * TAU, b * TAU);
            self.push(Shape::Arc {
                center,
                radius,
                start,
                end,
                paint,
                width,
            });
        }
    }
    fn dashed(&mut self, from: Point, to: Point, paint: Paint) {
        self.push(Shape::Line {
            from,
            to,
            paint,
            width: 1.0,
            dashed: true,
            arrow: false,
        });
    }
    fn label(&mut self, at: Point, text: String, size: f64, paint: Paint, anchor: Anchor) {
        self.push(Shape::Text {
            at,
            text,
            size,
            paint,
            anchor,
            bold: false,
        });
    }
    fn bold(&mut self, at: Point, text: String, size: f64) {
        let (paint, anchor) = (Paint::Ink, Anchor::Start);
        self.push(Shape::Text {
            at,
            text,
            size,
            paint,
            anchor,
            bold: true,
        });
    }
}

/// The drawing of a hash-ring run; `None` if `run` is not one.
pub fn draw(run: &dyn SceneRun, width: f64, height: f64, opts: &DrawOptions) -> Option<Drawing> {
    let run = run.as_any().downcast_ref::<Run<RingModel>>()?;
    let model = run.model();
    let size = |v: f64, fallback| {
        if v.is_finite() {
            v.clamp(160.0, 4_000.0)
        } else {
            fallback
        }
    };
    let (w, h) = (size(width, 320.0), size(height, 300.0));
    let mut d = Drawing::new(w, h);
    let Some(a) = model.assignment() else {
        let why = model.error().unwrap_or("This run could not be built.");
        d.text_mid(Point::new(w / 2.0, h / 2.0), why, 12.0, Paint::Bad);
        d.description = why.to_string();
        return Some(d);
    };
    let top = header(&mut d, model, a);
    let body = Rect {
        x: PAD,
        y: top,
        w: w - 2.0 * PAD,
        h: (h - top - PAD).max(20.0),
    };
    // Wide frames put the picture left of the bars; narrow ones stack them.
    let (main, side) = if w >= 560.0 {
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
    };
    let ring = matches!(a.scheme(), Scheme::Ring | Scheme::BoundedLoads);
    let bar_groups = groups(a.loads(), bar_capacity(side.w, ring));
    let bar_tops = load_bars(&mut d, side, model, a, &bar_groups, !ring, opts);
    let to_bar = |id: u32| group_of(&bar_groups, id).map(|g| bar_tops[g]);
    let inbox = Point::new(main.center().x, main.y + 22.0);
    match a.scheme() {
        Scheme::Ring | Scheme::BoundedLoads => draw_ring(&mut d, main, model, a, opts),
        Scheme::ModN | Scheme::Jump => {
            let centres = buckets(&mut d, main, model, a, opts);
            let to_bucket = |id: u32| {
                let i = a.servers().binary_search(&id).ok()?;
                centres.get(i).copied()
            };
            pulses(&mut d, model, opts, |_| Some(inbox), to_bucket);
        }
        Scheme::Rendezvous => {
            scores(&mut d, main, model, a);
            pulses(&mut d, model, opts, |_| Some(inbox), to_bar);
        }
        Scheme::Maglev => {
            let cell_of = table(&mut d, main, a, model.lit_change());
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
    d.description = describe(model, a);
    Some(d)
}

/// The server id of a selected `server:<id>` target.
fn selected_server(opts: &DrawOptions) -> Option<u32> {
    opts.selected
        .as_deref()?
        .strip_prefix("server:")?
        .parse()
        .ok()
}

/// Point at `frac` of the way round a circle, clockwise from the top.
fn polar(c: Point, r: f64, frac: f64) -> Point {
    let a = frac * TAU;
    Point::new(c.x + r * libm::sin(a), c.y - r * libm::cos(a))
}

/// Position of a key on the ring, as a fraction of the circle.
fn key_frac(key: u64) -> f64 {
    key_hash(key) as f64 / CIRCLE
}

/// Colour of server `id`: by id, so it stays put when others leave.
fn colour(id: u32) -> Paint {
    Paint::Series((id % 65_536) as u16)
}

/// Scheme, pool and the last change; returns the y where the body starts.
fn header(d: &mut Drawing, model: &RingModel, a: &Assignment) -> f64 {
    let w = d.width;
    let mut title = format!(
        "{} \u{b7} {} servers \u{b7} {} keys",
        model.scheme().label(),
        count_usize(a.servers().len()),
        count_usize(model.keys().len())
    );
    if matches!(model.scheme(), Scheme::Ring | Scheme::BoundedLoads) {
        let k = model.config().points_per_server;
        title.push_str(&format!(" \u{b7} {k} points each"));
    }
    let title_size = if w < 480.0 { 12.0 } else { 13.0 };
    let mut y = PAD + title_size;
    for line in wrap(&title, chars_for(w - 2.0 * PAD, title_size), 1) {
        d.bold(Point::new(PAD, y), line, title_size);
        y += title_size + 3.0;
    }
    let (text, paint) = match model.last_change() {
        Some(c) if model.now().since(c.at) < HIGHLIGHT_MICROS => (c.summary(), Paint::Ink),
        Some(c) => (
            format!("Last change at {}: {}", c.at, c.summary()),
            Paint::Muted,
        ),
        None => (
            "Add, remove or crash a server to see which keys move.".into(),
            Paint::Muted,
        ),
    };
    for line in wrap(&text, chars_for(w - 2.0 * PAD, 11.0), 2) {
        d.text(Point::new(PAD, y + 11.0), line, 11.0, paint);
        y += 14.0;
    }
    y + 6.0
}

/// Characters of `size` px text that fit in `width` px (a rough average).
fn chars_for(width: f64, size: f64) -> usize {
    (width / (size * 0.56)).max(8.0) as usize
}

/// Word-wraps `text` into at most `lines` lines of `max` characters,
/// ending the last with an ellipsis when it does not fit.
fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            let keep: String = last.chars().take(max.saturating_sub(1)).collect();
            *last = format!("{}\u{2026}", keep.trim_end());
        }
    }
    out
}

/// One line of `text` that fits `width` px at `size` px.
fn one_line(text: &str, width: f64, size: f64) -> String {
    wrap(text, chars_for(width, size), 1).concat()
}

/// Splits the servers (sorted by id) into at most `max` runs of equal size.
fn groups(loads: &[ServerLoad], max: usize) -> Vec<Group> {
    let size = loads.len().div_ceil(max.max(1)).max(1);
    let busiest = |a: &&ServerLoad, b: &&ServerLoad| a.keys.cmp(&b.keys).then(b.id.cmp(&a.id));
    loads
        .chunks(size)
        .filter_map(|chunk| {
            let rep = **chunk.iter().max_by(busiest).as_ref()?;
            let (first, last) = (chunk.first()?.id, chunk.last()?.id);
            Some(Group {
                rep,
                first,
                last,
                size: chunk.len(),
            })
        })
        .collect()
}

/// Index of the group holding server `id`.
fn group_of(groups: &[Group], id: u32) -> Option<usize> {
    let i = groups.partition_point(|g| g.last < id);
    groups.get(i).filter(|g| g.holds(id)).map(|_| i)
}

/// How many bars fit at 3 px or more each; capped at [`MAX_TARGETS`] for
/// the designs whose bars are the click targets.
fn bar_capacity(width: f64, ring: bool) -> usize {
    let by_width = (width / 3.0).max(1.0) as usize;
    by_width.min(if ring { 250 } else { MAX_TARGETS })
}

/// "Server 3: 12.4% of the ring, 251 keys", or the same for a group.
fn target_label(g: &Group, kind: ShareKind, total_keys: usize) -> String {
    let s = g.rep;
    let keys = count(s.keys);
    let share = match kind {
        ShareKind::RingArc => format!("{} of the ring, {keys} keys", pct(s.share)),
        ShareKind::TableSlots => format!("{} of the table, {keys} keys", pct(s.share)),
        ShareKind::Expected => {
            let of_all = pct(s.keys as f64 / total_keys.max(1) as f64);
            format!("{keys} keys ({of_all} of all keys)")
        }
    };
    if g.size == 1 {
        format!("Server {}: {share}", s.id)
    } else {
        let (a, b, n, id) = (g.first, g.last, g.size, s.id);
        format!("Servers {a}\u{2013}{b} ({n} servers); the busiest, server {id}: {share}")
    }
}

/// Keys server `id` received in change `c`.
fn arrivals_of(c: &Change, id: u32) -> u64 {
    c.arrivals
        .binary_search_by_key(&id, |&(s, _)| s)
        .map_or(0, |i| c.arrivals[i].1)
}

/// The keys-per-server bar chart; returns the top centre of every bar.
fn load_bars(
    d: &mut Drawing,
    rect: Rect,
    model: &RingModel,
    a: &Assignment,
    groups: &[Group],
    targets: bool,
    opts: &DrawOptions,
) -> Vec<Point> {
    let (stats, lit, selected) = (a.stats(), model.lit_change(), selected_server(opts));
    let mut title = "Keys per server".to_string();
    let per = groups.first().map_or(1, |g| g.size);
    if per > 1 {
        title.push_str(&format!(" (each bar: the busiest of {per})"));
    }
    if lit.is_some() {
        title.push_str("; lit: just arrived");
    }
    d.text(
        Point::new(rect.x, rect.y + 11.0),
        one_line(&title, rect.w, 11.0),
        11.0,
        Paint::Muted,
    );
    let bw = rect.w / groups.len().max(1) as f64;
    let label_h = if bw >= 16.0 { 12.0 } else { 2.0 };
    let area = Rect {
        h: (rect.h - 16.0 - label_h).max(4.0),
        ..rect.below(16.0)
    };
    let eps = model.config().bounded_eps;
    let cap = (model.scheme() == Scheme::BoundedLoads)
        .then(|| bounded::capacity(model.keys().len(), a.servers().len(), eps));
    let top_keys = (stats.max as f64)
        .max(stats.mean * 1.25)
        .max(cap.unwrap_or(0) as f64)
        .max(1.0);
    let y_of = |keys: f64| area.y + area.h - area.h * (keys / top_keys).min(1.0);
    let bar_w = if bw > 4.0 { bw - 1.0 } else { bw };
    let mut tops = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let top = Point::new(area.x + i as f64 * bw, y_of(g.rep.keys as f64));
        let h = area.y + area.h - top.y;
        let stroke = selected
            .filter(|&s| g.holds(s))
            .map(|_| (Paint::Accent, 2.0));
        d.boxed(top, (bar_w, h), colour(g.rep.id), stroke);
        let arrived = lit.map_or(0, |c| arrivals_of(c, g.rep.id));
        if arrived > 0 {
            let ah = (area.h * arrived as f64 / top_keys).min(h);
            d.boxed(
                top,
                (bar_w, ah),
                Paint::Highlight,
                (bw > 4.0).then_some((Paint::Ink, 0.5)),
            );
        }
        let mid = top.x + bw / 2.0;
        if label_h > 2.0 {
            let at = Point::new(mid, area.y + area.h + 10.0);
            d.text_mid(at, g.rep.id.to_string(), 9.0, Paint::Muted);
        }
        tops.push(Point::new(mid, top.y));
        if targets {
            d.targets.push(HitTarget {
                id: format!("server:{}", g.rep.id),
                label: target_label(g, a.share_kind(), model.keys().len()),
                center: Point::new(mid, area.y + area.h / 2.0),
                radius: (bw / 2.0).clamp(6.0, 14.0),
            });
        }
    }
    let right = area.x + area.w;
    let ym = y_of(stats.mean);
    d.dashed(Point::new(area.x, ym), Point::new(right, ym), Paint::Ink);
    let at = Point::new(right, (ym - 3.0).max(area.y + 9.0));
    d.label(
        at,
        format!("mean {:.0}", stats.mean),
        9.0,
        Paint::Ink,
        Anchor::End,
    );
    if let Some(cap) = cap {
        let yc = y_of(cap as f64);
        d.dashed(Point::new(area.x, yc), Point::new(right, yc), Paint::Warn);
        let at = Point::new(area.x + 2.0, (yc - 3.0).max(area.y + 9.0));
        d.text(at, format!("cap {cap}"), 9.0, Paint::Warn);
    }
    tops
}

/// The ring: arcs, ticks, keys, moved keys, markers (targets) and pulses.
fn draw_ring(d: &mut Drawing, rect: Rect, model: &RingModel, a: &Assignment, opts: &DrawOptions) {
    let c = rect.center();
    let labelled = a.servers().len() <= 16;
    let outer = (rect.w.min(rect.h) / 2.0).max(12.0);
    let band = (outer * 0.07).clamp(3.0, 12.0);
    let marker_r = (outer / 14.0).clamp(3.5, 6.0);
    let margin = band / 2.0 + 2.0 * marker_r + 6.0 + if labelled { 16.0 } else { 0.0 };
    let r = (outer - margin).max(outer * 0.5);
    d.push(Shape::Circle {
        center: c,
        radius: r,
        fill: None,
        stroke: Some((Paint::Faint, band)),
    });
    for arc in a.arcs() {
        d.arc_on((c, r), (arc.start, arc.end), colour(arc.server), band);
    }
    let selected = selected_server(opts).filter(|&s| a.load_of(s).is_some());
    for arc in a.arcs().iter().filter(|arc| Some(arc.server) == selected) {
        d.arc_on(
            (c, r + band / 2.0 + 2.0),
            (arc.start, arc.end),
            Paint::Accent,
            3.0,
        );
    }
    if let Some(ring) = a
        .placement()
        .ring()
        .filter(|r| r.points().len() <= MAX_TICK_POINTS)
    {
        for &(pos, _) in ring.points() {
            let (f, half) = (pos as f64 / CIRCLE, band / 2.0 + 2.0);
            d.line(
                polar(c, r - half, f),
                polar(c, r + half, f),
                Paint::Ink,
                1.0,
            );
        }
    }
    key_dots(d, (c, (r - band / 2.0 - 5.0).max(2.0)), model);
    let orbit = r + band / 2.0 + marker_r + 4.0;
    let marker_groups = groups(a.loads(), MAX_TARGETS);
    let angles = marker_groups
        .iter()
        .map(|g| server_point(g.rep.id, 0) as f64 / CIRCLE)
        .collect();
    let fracs = spread_out(angles, (2.0 * marker_r + 4.0) / (TAU * orbit));
    let mut markers = Vec::with_capacity(marker_groups.len());
    for (g, &f) in marker_groups.iter().zip(&fracs) {
        let at = polar(c, orbit, f);
        let is_sel = selected_server(opts).is_some_and(|s| g.holds(s));
        let stroke = if is_sel {
            (Paint::Accent, 3.0)
        } else {
            (Paint::Ink, 1.0)
        };
        d.disc(at, marker_r, colour(g.rep.id), Some(stroke));
        if labelled {
            let l = polar(c, orbit + marker_r + 8.0, f);
            d.text_mid(
                Point::new(l.x, l.y + 4.0),
                g.rep.id.to_string(),
                10.0,
                Paint::Ink,
            );
        }
        d.targets.push(HitTarget {
            id: format!("server:{}", g.rep.id),
            label: target_label(g, a.share_kind(), model.keys().len()),
            center: at,
            radius: 10.0,
        });
        markers.push(at);
    }
    if !opts.reduced_motion {
        let marker = |id: u32| group_of(&marker_groups, id).map(|g| markers[g]);
        ring_pulses(d, model, a, (c, r), marker);
    }
    if a.arcs_binned() && r > 90.0 {
        let note = "each arc segment: the server owning most of it";
        d.text_mid(Point::new(c.x, c.y + 4.0), note, 9.0, Paint::Muted);
    }
}

/// Keys as dots just inside the ring (sampled), and the keys the last
/// change moved, lit, while the change is recent.
fn key_dots(d: &mut Drawing, (c, r): (Point, f64), model: &RingModel) {
    let (dot, moved_dot) = ((r / 70.0).clamp(0.8, 1.4), (r / 45.0).clamp(1.2, 2.6));
    let keys = model.keys();
    let stride = keys.len().div_ceil(MAX_KEY_DOTS).max(1);
    for &key in keys.iter().step_by(stride) {
        d.disc(polar(c, r, key_frac(key)), dot, Paint::Muted, None);
    }
    if let Some(change) = model.lit_change() {
        let stride = change.moved.len().div_ceil(MAX_MOVED_DOTS).max(1);
        for &i in change.moved.iter().step_by(stride) {
            if let Some(&key) = keys.get(i as usize) {
                d.disc(
                    polar(c, r, key_frac(key)),
                    moved_dot,
                    Paint::Highlight,
                    None,
                );
            }
        }
    }
}

/// Pushes fractions of the circle apart to at least `gap`, keeping their
/// order round the circle; returns them in input order.
fn spread_out(fracs: Vec<f64>, gap: f64) -> Vec<f64> {
    let n = fracs.len();
    if n < 2 {
        return fracs;
    }
    let gap = gap.min(0.9 / n as f64);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| fracs[i].total_cmp(&fracs[j]).then(i.cmp(&j)));
    let mut a: Vec<f64> = order.iter().map(|&i| fracs[i]).collect();
    for _ in 0..40 {
        let mut moved = false;
        for i in 0..n {
            let j = (i + 1) % n;
            let between = (a[j] - a[i]).rem_euclid(1.0);
            if between < gap {
                let push = (gap - between) / 2.0;
                a[i] = (a[i] - push).rem_euclid(1.0);
                a[j] = (a[j] + push).rem_euclid(1.0);
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let mut out = vec![0.0; n];
    for (k, &i) in order.iter().enumerate() {
        out[i] = a[k];
    }
    out
}

/// Lookups in flight on the ring: each walks clockwise from its key to the
/// point that owns it (the first half of its flight), then goes to the
/// owner's marker. A lookup caught by a crash stays at its key, failed.
fn ring_pulses(
    d: &mut Drawing,
    model: &RingModel,
    a: &Assignment,
    (c, r): (Point, f64),
    marker: impl Fn(u32) -> Option<Point>,
) {
    let Some(ring) = a.placement().ring() else {
        return;
    };
    let points = ring.points();
    let now = model.now();
    for l in model.recent_lookups() {
        let age = now.since(l.at);
        let Some(&key) = model.keys().get(l.key_index as usize) else {
            continue;
        };
        if age >= LOOKUP_FLIGHT_MICROS {
            continue;
        }
        let kf = key_frac(key);
        if l.failed {
            d.disc(polar(c, r, kf), 3.5, Paint::Bad, None);
            continue;
        }
        let Some(end) = marker(l.owner) else { continue };
        // The first point clockwise of the owner (for bounded loads, after
        // a short walk past full servers).
        let first = ring.point_index_at(key_hash(key)).unwrap_or(0);
        let owning = (0..points.len().min(4_096))
            .map(|i| points[(first + i) % points.len()])
            .find(|&(_, s)| s == l.owner)
            .map(|(pos, _)| pos as f64 / CIRCLE);
        let t = age as f64 / LOOKUP_FLIGHT_MICROS as f64;
        let p = match owning {
            None => polar(c, r, kf).lerp(end, t),
            Some(pf) if t < 0.5 => {
                let cur = kf + (pf - kf).rem_euclid(1.0) * t * 2.0;
                d.arc_on((c, r), (kf, cur), Paint::Accent, 2.5);
                polar(c, r, cur)
            }
            Some(pf) => {
                let from = polar(c, r, pf);
                let p = from.lerp(end, (t - 0.5) * 2.0);
                d.line(from, p, Paint::Accent, 1.0);
                p
            }
        };
        d.disc(p, 3.0, Paint::Accent, None);
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
            d.disc(start, 3.5, Paint::Bad, None);
            continue;
        }
        let Some(end) = to(l.owner) else { continue };
        let p = start.lerp(end, age as f64 / LOOKUP_FLIGHT_MICROS as f64);
        d.line(start, p, Paint::Accent, 1.0);
        d.disc(p, 3.0, Paint::Accent, None);
    }
}

/// Numbered buckets (mod N, jump); returns each server's bucket centre.
fn buckets(
    d: &mut Drawing,
    rect: Rect,
    model: &RingModel,
    a: &Assignment,
    opts: &DrawOptions,
) -> Vec<Point> {
    let (n, lit, selected) = (a.servers().len(), model.lit_change(), selected_server(opts));
    let how = if model.scheme() == Scheme::Jump {
        format!("jump hash over {n} buckets")
    } else {
        format!("hash mod {n}")
    };
    let title = format!("key \u{2192} {how} \u{2192} bucket b \u{2192} b-th server");
    d.text(
        Point::new(rect.x, rect.y + 11.0),
        one_line(&title, rect.w, 10.0),
        10.0,
        Paint::Muted,
    );
    let mut area = rect.below(30.0);
    if let Some(r) = lit.and_then(|c| c.renumbered).filter(|&r| r > 0) {
        area.h -= 14.0;
        let note = format!("{r} buckets renumbered: their keys moved too");
        let at = Point::new(rect.x, area.y + area.h + 11.0);
        d.text(at, one_line(&note, rect.w, 10.0), 10.0, Paint::Highlight);
    }
    let cols =
        (libm::ceil(libm::sqrt(n as f64 * area.w / area.h.max(1.0))) as usize).clamp(1, n.max(1));
    let rows = n.div_ceil(cols).max(1);
    let cw = area.w / cols as f64;
    let ch = (area.h / rows as f64).min(cw * 1.1);
    let inset = if cw > 8.0 { 2.0 } else { 0.0 };
    let (w, h) = ((cw - 2.0 * inset).max(0.5), (ch - 2.0 * inset).max(0.5));
    let mut centres = Vec::with_capacity(n);
    for (b, load) in a.loads().iter().enumerate() {
        let corner = Point::new(
            area.x + (b % cols) as f64 * cw + inset,
            area.y + (b / cols) as f64 * ch + inset,
        );
        let is_sel = selected == Some(load.id);
        let stroke = if is_sel {
            (Paint::Accent, 3.0)
        } else {
            (colour(load.id), 1.5)
        };
        let radius = 3.0_f64.min(w / 4.0);
        let fill = Some(Paint::Surface);
        d.push(Shape::Rect {
            at: corner,
            w,
            h,
            radius,
            fill,
            stroke: Some(stroke),
        });
        let arrived = lit.map_or(0, |c| arrivals_of(c, load.id));
        if arrived > 0 && load.keys > 0 {
            // Filled from the bottom, leaving the bucket number readable.
            let fh = (h - 14.0).max(0.0) * (arrived as f64 / load.keys as f64).min(1.0);
            d.boxed(
                Point::new(corner.x, corner.y + h - fh),
                (w, fh),
                Paint::Highlight,
                None,
            );
        }
        let centre = Point::new(corner.x + w / 2.0, corner.y + h / 2.0);
        if w >= 38.0 && h >= 34.0 {
            let muted = Paint::Muted;
            d.text(
                Point::new(corner.x + 3.0, corner.y + 10.0),
                format!("#{b}"),
                9.0,
                muted,
            );
            let pill = Point::new(centre.x - 20.0, centre.y - 9.0);
            let fill = Some(Paint::Surface);
            d.push(Shape::Rect {
                at: pill,
                w: 40.0,
                h: 27.0,
                radius: 3.0,
                fill,
                stroke: None,
            });
            let at = Point::new(centre.x, centre.y + 3.0);
            let (text, paint, anchor) = (format!("s{}", load.id), Paint::Ink, Anchor::Middle);
            d.push(Shape::Text {
                at,
                text,
                size: 11.0,
                paint,
                anchor,
                bold: true,
            });
            d.text_mid(
                Point::new(centre.x, centre.y + 15.0),
                count(load.keys),
                9.0,
                Paint::Ink,
            );
        } else if w >= 16.0 && h >= 12.0 {
            d.text_mid(
                Point::new(centre.x, centre.y + 3.0),
                b.to_string(),
                8.0,
                Paint::Ink,
            );
        }
        centres.push(centre);
    }
    centres
}

/// Rendezvous: one example key's score on every server, the winner marked.
///
/// TODO: the example key changes every two simulated seconds and is not
/// the key being looked up, because 20 lookups a second would make the bars
/// flicker; linking them would explain each pulse.
fn scores(d: &mut Drawing, rect: Rect, model: &RingModel, a: &Assignment) {
    let keys = model.keys();
    // A new example key every two simulated seconds, so the bars can be read.
    let index = (model.now().micros() / 2_000_000) as usize % keys.len().max(1);
    let key = keys.get(index).copied().unwrap_or(0);
    let owner = a.owners().get(index).copied();
    let score = |s: u32| key_server_hash(key, s) as f64 / CIRCLE;
    let mut shown: Vec<(u32, f64)> = a.servers().iter().map(|&s| (s, score(s))).collect();
    let total = shown.len();
    if total > MAX_TARGETS {
        shown.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        shown.truncate(MAX_TARGETS);
        shown.sort_by_key(|s| s.0);
    }
    let mut title = format!("Scores of key #{index} on each server: highest wins");
    if let Some(o) = owner {
        title.push_str(&format!(" (server {o})"));
    }
    if total > shown.len() {
        title.push_str(&format!("; top {} of {}", shown.len(), count_usize(total)));
    }
    d.text(
        Point::new(rect.x, rect.y + 11.0),
        one_line(&title, rect.w, 10.0),
        10.0,
        Paint::Muted,
    );
    let area = rect.below(30.0);
    let area = Rect {
        h: (area.h - 12.0).max(4.0),
        ..area
    };
    let bw = area.w / shown.len().max(1) as f64;
    for (i, &(s, score)) in shown.iter().enumerate() {
        let h = (area.h * score).max(1.0);
        let at = Point::new(area.x + i as f64 * bw, area.y + area.h - h);
        let stroke = (owner == Some(s)).then_some((Paint::Accent, 2.5));
        d.boxed(at, (bw - 1.0, h), colour(s), stroke);
        if bw >= 14.0 {
            let at = Point::new(at.x + bw / 2.0, area.y + area.h + 10.0);
            d.text_mid(at, s.to_string(), 9.0, Paint::Muted);
        }
    }
}

/// Maglev's table as cells coloured by owner; returns key → its cell.
fn table(
    d: &mut Drawing,
    rect: Rect,
    a: &Assignment,
    lit: Option<&Change>,
) -> impl Fn(u64) -> Point {
    let entries = a
        .placement()
        .maglev_table()
        .map_or(&[][..], |t| t.entries());
    let m = entries.len().max(1);
    let cells = m.min(MAX_TABLE_CELLS);
    let mut title = format!("Lookup table: slot = hash(key) mod {}", count_usize(m));
    if cells < m {
        title.push_str(&format!(
            "; each cell shows 1 of {} slots",
            m.div_ceil(cells)
        ));
    }
    if lit.is_some_and(|c| !c.changed_slots.is_empty()) {
        title.push_str("; dots: slots that changed owner");
    }
    d.text(
        Point::new(rect.x, rect.y + 11.0),
        one_line(&title, rect.w, 10.0),
        10.0,
        Paint::Muted,
    );
    let area = rect.below(30.0);
    let side = libm::floor(libm::sqrt(area.w * area.h / cells as f64)).clamp(2.0, 28.0);
    let cols = (libm::floor(area.w / side) as usize).max(1);
    let side = side
        .min(area.h / cells.div_ceil(cols).max(1) as f64)
        .max(1.0);
    let cell_at = move |i: usize| {
        Point::new(
            area.x + (i % cols) as f64 * side,
            area.y + (i / cols) as f64 * side,
        )
    };
    let mut changed = vec![false; cells];
    for &slot in lit.map_or(&[][..], |c| &c.changed_slots[..]) {
        if let Some(x) = changed.get_mut(slot as usize * cells / m) {
            *x = true;
        }
    }
    let gap = if side >= 5.0 { 1.0 } else { 0.0 };
    for (i, &was_changed) in changed.iter().enumerate() {
        let owner = entries.get(i * m / cells).copied().unwrap_or(0);
        let at = cell_at(i);
        d.boxed(at, (side - gap, side - gap), colour(owner), None);
        if was_changed {
            // A dot, not a colour: the owners' colours use the palette.
            let centre = Point::new(at.x + side / 2.0, at.y + side / 2.0);
            let dot = (side * 0.22).max(1.0);
            d.disc(centre, dot, Paint::Background, Some((Paint::Ink, 1.0)));
        }
    }
    move |key: u64| {
        let at = cell_at((key_hash(key) % m as u64) as usize * cells / m);
        Point::new(at.x + side / 2.0, at.y + side / 2.0)
    }
}

/// The sentence for screen readers.
fn describe(model: &RingModel, a: &Assignment) -> String {
    let stats = a.stats();
    let mut text = format!(
        "{} with {} servers and {} keys; the busiest server holds {:.2} times the mean; load \
         spread (keys per server, with sampling noise) {}",
        model.scheme().label(),
        count_usize(a.servers().len()),
        count_usize(model.keys().len()),
        stats.max_over_mean,
        pct(stats.cv)
    );
    if let Some(cv) = a.ring_share_cv() {
        text.push_str(&format!(
            "; ring share spread (exact arc per server) {}",
            pct(cv)
        ));
    }
    text.push('.');
    if let Some(c) = model.last_change() {
        text.push_str(&format!(" Last change: {}.", c.summary()));
    }
    text
}
