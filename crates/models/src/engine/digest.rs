//! Run digests.
//!
//! A digest folds a model's state into 64 bits with FNV-1a (Fowler, Noll, Vo),
//! a simple, well-specified hash. Two runs with equal digests almost surely
//! took the same path; tests use it to compare native and browser runs,
//! replays and scrubs.

/// A streaming FNV-1a 64-bit hasher.
#[derive(Clone, Debug)]
pub struct Digest {
    state: u64,
}

impl Default for Digest {
    fn default() -> Self {
        Self::new()
    }
}

impl Digest {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    /// An empty digest.
    pub fn new() -> Self {
        Digest {
            state: Self::OFFSET,
        }
    }
    /// Folds in raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        for b in bytes {
            self.state ^= u64::from(*b);
            self.state = self.state.wrapping_mul(Self::PRIME);
        }
        self
    }
    /// Folds in an integer (little-endian bytes).
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes(&v.to_le_bytes())
    }
    /// Folds in a float by its exact bit pattern.
    pub fn f64(&mut self, v: f64) -> &mut Self {
        self.u64(v.to_bits())
    }
    /// Folds in a string, length-prefixed so "ab"+"c" differs from "a"+"bc".
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64).bytes(s.as_bytes())
    }
    /// The digest so far.
    pub fn finish(&self) -> u64 {
        self.state
    }
    /// The digest as 16 lower-case hex digits, as printed by the runner.
    pub fn hex(v: u64) -> String {
        format!("{v:016x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_reference_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(Digest::new().finish(), 0xcbf29ce484222325);
        assert_eq!(Digest::new().bytes(b"a").finish(), 0xaf63dc4c8601ec8c);
        assert_eq!(Digest::new().bytes(b"foobar").finish(), 0x85944171f73967e8);
    }

    #[test]
    fn strings_are_length_prefixed() {
        let ab_c = Digest::new().str("ab").str("c").finish();
        let a_bc = Digest::new().str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
    }
}
