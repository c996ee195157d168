//! The worker-sharding scene's opening figure: a worker's start hidden in
//! the TLS handshake, then and now.
//!
//! Three timeline bars on one millisecond axis: the handshake (TCP's round
//! trip in grey, TLS's in accent, the request's last half trip in ink), a
//! 5 ms start of the early days and a 400 ms start of today, both beginning
//! when the server reads SNI. A dashed line marks the request's arrival: a
//! start that ends before it is hidden. The timings are the model's
//! [`Handshake`]; this file only places them.

use mp_models::scenes::sharding::tls::{
    Handshake, TlsVersion, EARLY_START_MILLIS, TODAY_START_MILLIS,
};

use super::rounded;
use crate::drawing::{Anchor, Drawing, Paint, Point};

/// A coloured stretch of a timeline bar: from, to (ms) and its paint.
type Span = (f64, f64, Paint);

/// The window, from SNI to the request's arrival, a start can hide in.
pub fn hidden_window_millis(tls: TlsVersion, rtt_millis: f64) -> f64 {
    Handshake::new(tls, rtt_millis).hidden_window_millis()
}

/// The opening figure: the handshake of `tls` at a round trip of
/// `rtt_millis` (TCP's round trip in grey, TLS's in accent, the request's
/// last half trip in ink) above a 5 ms start of the early days and a
/// 400 ms start of today, both beginning when the server reads SNI. A dashed
/// line marks the request's arrival: a start that ends before it is hidden.
pub fn tls_timeline(width: f64, height: f64, tls: TlsVersion, rtt_millis: f64) -> Drawing {
    let (width, height) = (width.max(1.0), height.max(1.0));
    let h = Handshake::new(tls, rtt_millis.max(0.1));
    let mut d = Drawing::new(width, height);
    let font = if width < 480.0 { 10.0 } else { 12.0 };
    let (sni, arrives) = (h.sni_read_millis, h.request_arrives_millis);
    let span = (sni + TODAY_START_MILLIS).max(arrives) * 1.05;
    let (left, right) = (8.0, width - 8.0);
    let x = |ms: f64| left + (right - left) * ms / span;
    let row = ((height - 2.0 * (font + 6.0) - 8.0) / 3.0).max(font + 6.0);
    let bar_h = (row - font - 8.0).clamp(3.0, 18.0);
    for (i, (label, segments)) in bars(tls, &h).iter().enumerate() {
        let top = 4.0 + row * i as f64;
        d.text(
            Point::new(left, top + font),
            label.as_str(),
            font,
            Paint::Ink,
        );
        let bar_top = top + font + 4.0;
        for &(from, to, paint) in segments {
            let at = Point::new(x(from), bar_top);
            let size = ((x(to) - x(from)).max(2.0), bar_h);
            rounded(&mut d, at, size, Some(paint), None);
        }
        // The arrival line crosses the bars, not their labels.
        let from = Point::new(x(arrives), bar_top - 2.0);
        let to = Point::new(x(arrives), bar_top + bar_h + 2.0);
        d.dashed(from, to, Paint::Ink, 1.5);
    }
    let axis_y = 4.0 + row * 3.0;
    d.line(
        Point::new(left, axis_y),
        Point::new(right, axis_y),
        Paint::Muted,
        1.0,
    );
    draw_ticks(&mut d, &x, span, axis_y, font);
    let events_y = (axis_y + 2.0 * font + 8.0).min(height - 2.0);
    let at = Point::new(x(sni), events_y);
    d.label(at, "SNI read", font, Paint::Ink, Anchor::Middle);
    let (anchor, dx) = if x(arrives) > width * 0.6 {
        (Anchor::End, -15.0)
    } else {
        (Anchor::Start, 15.0)
    };
    let arrival = format!("request arrives at {arrives:.0} ms");
    let at = Point::new(x(arrives) + dx, events_y);
    d.bold(at, arrival, font, Paint::Ink, anchor);
    d.description = format!(
        "With {} at a {:.0} ms round trip, the server learns the worker's name from SNI at \
         {sni:.0} ms and the request arrives at {arrives:.0} ms: {}; {}.",
        tls.name(),
        h.rtt_millis,
        h.outcome(EARLY_START_MILLIS),
        h.outcome(TODAY_START_MILLIS)
    );
    d
}

/// The three bars, each a label and its coloured spans: the handshake, a
/// start of the early days and a start of today.
fn bars(tls: TlsVersion, h: &Handshake) -> [(String, Vec<Span>); 3] {
    let (sni, arrives) = (h.sni_read_millis, h.request_arrives_millis);
    [
        (
            format!(
                "{} handshake: {} round trips, TCP's included",
                tls.name(),
                tls.round_trips()
            ),
            vec![
                (0.0, h.tcp_done_millis, Paint::Muted),
                (h.tcp_done_millis, h.handshake_done_millis, Paint::Accent),
                (h.handshake_done_millis, arrives, Paint::Ink),
            ],
        ),
        (
            format!("Worker start then: {EARLY_START_MILLIS} ms"),
            vec![(sni, sni + EARLY_START_MILLIS, Paint::Good)],
        ),
        (
            format!("Worker start today: up to {TODAY_START_MILLIS} ms"),
            vec![(sni, sni + TODAY_START_MILLIS, Paint::Bad)],
        ),
    ]
}

/// Tick marks every 100 ms (every 50 ms on short spans) under the axis.
fn draw_ticks(d: &mut Drawing, x: &dyn Fn(f64) -> f64, span: f64, axis_y: f64, font: f64) {
    let step = if span > 300.0 { 100.0 } else { 50.0 };
    for i in 0..=((span / step) as u32) {
        let ms = f64::from(i) * step;
        d.line(
            Point::new(x(ms), axis_y),
            Point::new(x(ms), axis_y + 4.0),
            Paint::Muted,
            1.0,
        );
        let (label, anchor) = match i {
            0 => ("0 ms".to_string(), Anchor::Start),
            _ => (format!("{ms:.0}"), Anchor::Middle),
        };
        let at = Point::new(x(ms), axis_y + font + 4.0);
        d.label(at, label, font * 0.9, Paint::Ink, anchor);
    }
}
