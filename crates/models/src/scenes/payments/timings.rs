//! How long each step of a checkout takes, drawn once per customer.
//!
//! Every duration is drawn up front from the customer's seed, whether or not
//! the era uses it, so the same customer takes the same time at the bank in
//! every era and a fault added later shifts no draw. Ranges follow the
//! brief: a card answers in about a second, 3-D Secure takes the customer
//! about a minute, ACH settles in one to four days (business days are
//! simplified to days), Bitcoin needs about an hour of confirmations, an
//! iDEAL payment takes minutes, a cash voucher is paid within days. SEPA
//! debits are taken as three to six days: an assumption, the brief gives no
//! figure.

use crate::engine::rng::SimRng;

/// Stream label of the timing draws.
const TIMING_STREAM: u64 = 0x7469_6d65; // "time"

/// Seconds in an hour and a day.
pub const HOUR_SECS: u64 = 3_600;
/// Seconds in a day.
pub const DAY_SECS: u64 = 86_400;
/// Pushed money that no Charge claims goes back after this long.
pub const UNCLAIMED_WINDOW_SECS: u64 = 6 * HOUR_SECS;
/// An unpaid cash voucher expires after this long.
pub const VOUCHER_EXPIRY_SECS: u64 = 3 * DAY_SECS;
/// The simulation closes its books this long after the start.
pub const BOOKS_CLOSE_SECS: u64 = 14 * DAY_SECS;

/// Durations of one customer's checkout, in microseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Timings {
    /// Browser to a server, one way.
    pub net_micros: u64,
    /// Merchant's server to provider, one way.
    pub server_micros: u64,
    /// Provider to card network and back.
    pub network_micros: u64,
    /// Provider to merchant, for a webhook.
    pub webhook_micros: u64,
    /// Filling in the payment form.
    pub fill_micros: u64,
    /// Filling it in again after switching method.
    pub refill_micros: u64,
    /// Authenticating on the 3-D Secure page.
    pub threeds_micros: u64,
    /// Paying on the iDEAL bank page.
    pub bank_micros: u64,
    /// Sending coins from the wallet.
    pub wallet_micros: u64,
    /// Bitcoin confirmations.
    pub confirm_micros: u64,
    /// An ACH debit settling.
    pub ach_micros: u64,
    /// A SEPA debit settling.
    pub sepa_micros: u64,
    /// Going to a shop to pay the voucher.
    pub voucher_micros: u64,
}

fn secs(rng: &mut SimRng, lo: f64, hi: f64) -> u64 {
    libm::round(rng.uniform(lo, hi) * 1e6) as u64
}

impl Timings {
    /// The durations of the customer with `seed`.
    pub fn draw(seed: u64) -> Timings {
        let mut r = SimRng::derive(seed, TIMING_STREAM);
        let day = DAY_SECS as f64;
        Timings {
            net_micros: secs(&mut r, 0.04, 0.15),
            server_micros: secs(&mut r, 0.02, 0.08),
            network_micros: secs(&mut r, 0.3, 1.2),
            webhook_micros: secs(&mut r, 0.5, 3.0),
            fill_micros: secs(&mut r, 6.0, 20.0),
            refill_micros: secs(&mut r, 6.0, 20.0),
            threeds_micros: secs(&mut r, 30.0, 100.0),
            bank_micros: secs(&mut r, 60.0, 300.0),
            wallet_micros: secs(&mut r, 60.0, 240.0),
            confirm_micros: secs(&mut r, 2_400.0, 4_800.0),
            ach_micros: secs(&mut r, day, 4.0 * day),
            sepa_micros: secs(&mut r, 3.0 * day, 6.0 * day),
            voucher_micros: secs(&mut r, 2.0 * HOUR_SECS as f64, 2.9 * day),
        }
    }
}
