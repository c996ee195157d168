//! SVG output of a [`Drawing`], for snapshot tests and picture export.
//!
//! Shapes come out as the canvas paints them, in the light theme's colours;
//! a line's arrow head is the same triangle ([`arrow_head`]) the canvas
//! fills, written as a polygon after the line.

use crate::drawing::{arrow_head, Anchor, Drawing, Paint, Point, Shape};
use std::fmt::{self, Write};

/// The light theme's colour for a role (the view has its own mapping per
/// theme; this one is for SVG files).
pub fn light_colour(paint: Paint) -> String {
    let s = match paint {
        Paint::Ink => "#1d2330",
        Paint::Muted => "#667085",
        Paint::Faint => "#e4e7ec",
        Paint::Background => "#ffffff",
        Paint::Surface => "#f5f6f8",
        Paint::Accent => "#3358d4",
        Paint::Good => "#1f8a5b",
        Paint::Bad => "#c8372d",
        Paint::Warn => "#b7791f",
        Paint::Highlight => "#e8590c",
        Paint::Series(n) => return series_colour(n),
    };
    s.to_string()
}

/// The categorical palette (colour-blind-safe order, after Okabe & Ito).
pub fn series_colour(n: u16) -> String {
    const PALETTE: [&str; 8] = [
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#b8a300",
    ];
    PALETTE[n as usize % PALETTE.len()].to_string()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The drawing as a standalone SVG document.
pub fn to_svg(d: &Drawing) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" "#,
            r#"viewBox="0 0 {w} {h}"><title>{t}</title>"#
        ),
        w = d.width,
        h = d.height,
        t = esc(&d.description)
    );
    for shape in &d.shapes {
        shape_svg(&mut out, shape);
    }
    out.push_str("</svg>");
    out
}

fn paint_attrs(fill: Option<Paint>, stroke: Option<(Paint, f64)>) -> String {
    let fill = fill.map_or("none".to_string(), light_colour);
    match stroke {
        Some((p, w)) => format!(
            r#"fill="{fill}" stroke="{}" stroke-width="{w}""#,
            light_colour(p)
        ),
        None => format!(r#"fill="{fill}""#),
    }
}

fn shape_svg(out: &mut String, shape: &Shape) {
    let _ = match shape {
        Shape::Circle {
            center,
            radius,
            fill,
            stroke,
        } => write!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" {}/>"#,
            center.x,
            center.y,
            radius,
            paint_attrs(*fill, *stroke)
        ),
        Shape::Line {
            from,
            to,
            paint,
            width,
            dashed,
            arrow,
        } => write!(
            out,
            concat!(
                r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" "#,
                r#"stroke="{}" stroke-width="{}"{}/>"#
            ),
            from.x,
            from.y,
            to.x,
            to.y,
            light_colour(*paint),
            width,
            if *dashed {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            }
        )
        .and_then(|()| {
            if *arrow {
                arrow_svg(out, (*from, *to), *paint, *width)
            } else {
                Ok(())
            }
        }),
        Shape::Arc {
            center,
            radius,
            start,
            end,
            paint,
            width,
        } => {
            let pt = |a: f64| {
                (
                    center.x + radius * libm::sin(a),
                    center.y - radius * libm::cos(a),
                )
            };
            let (x0, y0) = pt(*start);
            let (x1, y1) = pt(*end);
            let large = u8::from(end - start > std::f64::consts::PI);
            write!(
                out,
                concat!(
                    r#"<path d="M{x0:.1} {y0:.1} A{radius:.1} {radius:.1} 0 {large} 1 "#,
                    r#"{x1:.1} {y1:.1}" fill="none" stroke="{}" stroke-width="{width}"/>"#
                ),
                light_colour(*paint),
                x0 = x0,
                y0 = y0,
                radius = radius,
                large = large,
                x1 = x1,
                y1 = y1,
                width = width,
            )
        }
        Shape::Rect {
            at,
            w,
            h,
            radius,
            fill,
            stroke,
        } => write!(
            out,
            r#"<rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{h:.1}" rx="{radius}" {}/>"#,
            at.x,
            at.y,
            paint_attrs(*fill, *stroke)
        ),
        Shape::Text {
            at,
            text,
            size,
            paint,
            anchor,
            bold,
        } => write!(
            out,
            concat!(
                r#"<text x="{:.1}" y="{:.1}" font-size="{size}" fill="{}" "#,
                r#"text-anchor="{}"{}>{}</text>"#
            ),
            at.x,
            at.y,
            light_colour(*paint),
            match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            },
            if *bold { r#" font-weight="bold""# } else { "" },
            esc(text),
            size = size,
        ),
        Shape::Path {
            points,
            fill,
            stroke,
        } => {
            let pts: Vec<String> = points
                .iter()
                .map(|p| format!("{:.1},{:.1}", p.x, p.y))
                .collect();
            let tag = if fill.is_some() {
                "polygon"
            } else {
                "polyline"
            };
            write!(
                out,
                r#"<{tag} points="{}" {}/>"#,
                pts.join(" "),
                paint_attrs(*fill, *stroke)
            )
        }
    };
}

/// The filled head of an arrow from `from` to `to`, as the canvas draws it.
fn arrow_svg(
    out: &mut String,
    (from, to): (Point, Point),
    paint: Paint,
    width: f64,
) -> fmt::Result {
    let pts: Vec<String> = arrow_head(from, to, width)
        .iter()
        .map(|p| format!("{:.1},{:.1}", p.x, p.y))
        .collect();
    write!(
        out,
        r#"<polygon points="{}" fill="{}"/>"#,
        pts.join(" "),
        light_colour(paint)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_escapes_text_and_has_title() {
        let mut d = Drawing::new(100.0, 50.0);
        d.description = "a <ring>".into();
        d.text(Point::new(1.0, 2.0), "x & y", 12.0, Paint::Ink);
        let svg = to_svg(&d);
        assert!(svg.contains("<title>a &lt;ring&gt;</title>"));
        assert!(svg.contains(">x &amp; y</text>"));
    }

    #[test]
    fn an_arrow_line_ends_in_a_filled_head_at_its_end() {
        let mut d = Drawing::new(100.0, 50.0);
        let (from, to) = (Point::new(10.0, 20.0), Point::new(90.0, 20.0));
        d.line_with(from, to, (Paint::Accent, 1.0), false, true);
        d.line(from, to, Paint::Ink, 1.0);
        let svg = to_svg(&d);
        // Tip at `to`, back corners 8 px back (6 + 2 * width) and to the sides.
        let head = r##"<polygon points="90.0,20.0 82.8,23.5 82.8,16.5" fill="#3358d4"/>"##;
        assert!(svg.contains(head), "{svg}");
        assert_eq!(
            svg.matches("<polygon").count(),
            1,
            "only the arrow has a head"
        );
    }
}
