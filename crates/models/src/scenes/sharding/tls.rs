//! The trick sharding replaced: hiding a worker's cold start inside the TLS
//! handshake.
//!
//! What it models: the first message of a TLS handshake (the ClientHello)
//! names the site in SNI, so the server can start the worker while the
//! handshake finishes. Time runs from the client's first TCP packet, in
//! round trips `r`: TCP's handshake takes one; the ClientHello reaches the
//! server half a round trip later, at `1.5 r`; TLS 1.2 adds two round trips
//! of its own (three in all, the count the source uses), TLS 1.3 one; the
//! request then reaches the server half a round trip after the handshake
//! ends. A start shorter than the gap between SNI and the request is free.
//!
//! What it simplifies: no session resumption or 0-RTT, no packet loss, and
//! the server's own processing time is zero.

/// A worker's start in the early days, about 5 ms.
pub const EARLY_START_MILLIS: f64 = 5.0;
/// A worker's start today can use up to 400 ms of startup CPU.
pub const TODAY_START_MILLIS: f64 = 400.0;

/// The TLS version of the handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsVersion {
    /// Two round trips of its own after TCP's one: three in all.
    Tls12,
    /// One round trip after TCP's: two in all.
    Tls13,
}

impl TlsVersion {
    /// Round trips before the client may send its request, TCP's included.
    pub fn round_trips(self) -> u32 {
        match self {
            TlsVersion::Tls12 => 3,
            TlsVersion::Tls13 => 2,
        }
    }

    /// Its name, `TLS 1.2` or `TLS 1.3`.
    pub fn name(self) -> &'static str {
        match self {
            TlsVersion::Tls12 => "TLS 1.2",
            TlsVersion::Tls13 => "TLS 1.3",
        }
    }
}

/// The moments of one connection, in milliseconds from the first packet.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Handshake {
    /// The TLS version.
    pub tls: TlsVersion,
    /// One network round trip.
    pub rtt_millis: f64,
    /// TCP's handshake is done.
    pub tcp_done_millis: f64,
    /// The server reads the worker's name from SNI.
    pub sni_read_millis: f64,
    /// The client has finished the handshake and sends its request.
    pub handshake_done_millis: f64,
    /// The request reaches the server.
    pub request_arrives_millis: f64,
}

impl Handshake {
    /// The connection of `tls` at a round trip of `rtt_millis`.
    pub fn new(tls: TlsVersion, rtt_millis: f64) -> Handshake {
        let rtt = rtt_millis.max(0.0);
        let done = f64::from(tls.round_trips()) * rtt;
        Handshake {
            tls,
            rtt_millis: rtt,
            tcp_done_millis: rtt,
            sni_read_millis: 1.5 * rtt,
            handshake_done_millis: done,
            request_arrives_millis: done + 0.5 * rtt,
        }
    }

    /// The time a start can hide in: from SNI to the request's arrival.
    pub fn hidden_window_millis(&self) -> f64 {
        self.request_arrives_millis - self.sni_read_millis
    }

    /// How long the request waits for a start of `start_millis` (zero when
    /// the start hides inside the handshake).
    pub fn wait_millis(&self, start_millis: f64) -> f64 {
        (start_millis - self.hidden_window_millis()).max(0.0)
    }

    /// One sentence: does a start of `start_millis` hide?
    pub fn outcome(&self, start_millis: f64) -> String {
        match self.wait_millis(start_millis) {
            w if w <= 0.0 => format!("a {start_millis} ms start hides inside the handshake"),
            w => format!("a {start_millis} ms start makes the request wait {w:.0} ms"),
        }
    }
}
