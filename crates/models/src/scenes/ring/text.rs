//! Number formatting for the hash-ring scene's narration, tables and labels.
//!
//! Counts get thousands separators ("1,818") and shares one decimal place
//! ("11.6%"), so the narration, the batch tables and the drawing read alike.

/// A count with thousands separators: `1818` becomes `"1,818"`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let head = digits.len() % 3;
    let mut out = String::from(&digits[..head]);
    let mut i = head;
    // Decimal digits are ASCII, so byte slicing stays on char boundaries.
    while i < digits.len() {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&digits[i..i + 3]);
        i += 3;
    }
    out
}

/// [`count`] of a `usize`.
pub fn count_usize(n: usize) -> String {
    count(n as u64)
}

/// A share as a percentage with one decimal: `0.1163` becomes `"11.6%"`.
/// Shares below 0.1% but above zero keep two decimals so they do not read
/// as nothing.
pub fn pct(share: f64) -> String {
    let p = share * 100.0;
    if !p.is_finite() {
        return "\u{2013}".to_string();
    }
    if p != 0.0 && p.abs() < 0.1 {
        format!("{p:.2}%")
    } else {
        format!("{p:.1}%")
    }
}

/// `part / whole` as a share, 0 when `whole` is 0.
pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// "1 server" / "3 servers".
pub fn servers(n: usize) -> String {
    if n == 1 {
        "1 server".to_string()
    } else {
        format!("{} servers", count_usize(n))
    }
}

/// "1 key" / "3 keys".
pub fn keys(n: usize) -> String {
    if n == 1 {
        "1 key".to_string()
    } else {
        format!("{} keys", count_usize(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_818), "1,818");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(pct(0.1163), "11.6%");
        assert_eq!(pct(0.0004), "0.04%");
        assert_eq!(pct(0.0), "0.0%");
        assert_eq!(servers(1), "1 server");
        assert_eq!(keys(2_000), "2,000 keys");
        assert_eq!(share(1, 0), 0.0);
    }
}
