//! Text measures without font metrics, shared by the scenes' layouts.
//!
//! Layout runs natively and in wasm without a canvas, so it cannot measure
//! text. Every width here is an estimate from one average character advance,
//! [`CHAR_EM`] of the font size, which suits the app's sans-serif for mixed
//! words and numbers. Callers leave some slack: an estimate can be a few
//! characters off either way.

/// The average advance of a character, as a fraction of the font size.
pub(crate) const CHAR_EM: f64 = 0.56;

/// Rough width in px of `chars` characters at `size` px.
pub(crate) fn text_px(chars: usize, size: f64) -> f64 {
    chars as f64 * size * CHAR_EM
}

/// How many characters of `size` px text fit in `width` px, at least
/// `at_least` (so a narrow frame still shows a readable stub).
fn chars_within(width: f64, size: f64, at_least: f64) -> usize {
    (width / text_px(1, size)).floor().max(at_least) as usize
}

/// Characters of `size` px text that fit in `width` px, at least eight.
pub(crate) fn chars_for(width: f64, size: f64) -> usize {
    chars_within(width, size, 8.0)
}

/// Word-wraps `text` into at most `lines` lines of `max` characters,
/// ending the last with an ellipsis when it does not fit. Words are split
/// on single spaces; a word longer than a line keeps its own line.
pub(crate) fn wrap(text: &str, max: usize, lines: usize) -> Vec<String> {
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

/// `text` broken into as many lines of about `max_px` as it needs.
pub(crate) fn wrap_px(text: &str, size: f64, max_px: f64) -> Vec<String> {
    wrap(text, chars_for(max_px, size), usize::MAX)
}

/// One line of `text` that fits `width` px at `size` px, cut at a word
/// boundary with an ellipsis (for sentences: titles, notes).
pub(crate) fn one_line(text: &str, width: f64, size: f64) -> String {
    wrap(text, chars_for(width, size), 1).concat()
}

/// `text` cut to about `max_px` wide in the middle of a word if need be,
/// with an ellipsis (for short names in boxes and lanes, where a word
/// boundary may be the whole name); at least three characters are kept.
pub(crate) fn fit(text: &str, size: f64, max_px: f64) -> String {
    let max_chars = chars_within(max_px, size, 3.0);
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{cut}\u{2026}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_ends_an_overflowing_last_line_with_an_ellipsis() {
        let lines = wrap("one two three four five", 9, 2);
        assert_eq!(
            lines,
            vec!["one two".to_string(), "three\u{2026}".to_string()]
        );
    }

    #[test]
    fn fit_cuts_mid_word_and_one_line_at_a_word() {
        let (size, px) = (10.0, 45.0);
        assert_eq!(fit("abcdefghijkl", size, px), "abcdefg\u{2026}");
        assert_eq!(one_line("abc defgh ijkl", px, size), "abc\u{2026}");
    }
}
