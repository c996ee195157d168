//! Payment methods and the API eras that can take them.
//!
//! Methods differ on two axes that drive everything else in this scene: when
//! the money is final (a card at once, Bitcoin after about an hour of
//! confirmations, bank debits after days) and who starts the payment (the
//! merchant pulls from a card or bank account; the customer pushes money from
//! a bank page, a wallet or a shop counter). Each era of the API was designed
//! around some of these methods and could not take the others.

use serde::Serialize;

/// How the customer pays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Method {
    /// A card that answers at once.
    Card,
    /// A card whose bank asks the customer to authenticate (3-D Secure).
    Card3ds,
    /// A US bank debit (ACH): pulled by the merchant, final after days.
    Ach,
    /// Bitcoin: pushed by the customer's wallet, final after confirmations.
    Bitcoin,
    /// iDEAL: the customer is redirected to their bank and pays there.
    Ideal,
    /// A SEPA direct debit: pulled by the merchant, final after days.
    Sepa,
    /// A cash voucher (OXXO style): printed, then paid at a shop counter.
    Voucher,
}

impl Method {
    /// Every method, in menu order.
    pub const ALL: [Method; 7] = [
        Method::Card,
        Method::Card3ds,
        Method::Ach,
        Method::Bitcoin,
        Method::Ideal,
        Method::Sepa,
        Method::Voucher,
    ];

    /// `(key, label)` pairs for a choice parameter.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("card", "Card"),
        ("card-3ds", "Card with 3-D Secure"),
        ("ach", "ACH bank debit"),
        ("bitcoin", "Bitcoin"),
        ("ideal", "iDEAL bank redirect"),
        ("sepa", "SEPA direct debit"),
        ("voucher", "Cash voucher"),
    ];

    /// URL key.
    pub fn key(self) -> &'static str {
        Self::CHOICES[self as usize].0
    }

    /// Reader-facing name.
    pub fn label(self) -> &'static str {
        Self::CHOICES[self as usize].1
    }

    /// The method with URL key `key`.
    pub fn from_key(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }

    /// True when the customer sends the money (bank page, wallet, shop), so
    /// it can arrive while nobody on the merchant's side is watching.
    pub fn customer_pushes(self) -> bool {
        matches!(self, Method::Bitcoin | Method::Ideal | Method::Voucher)
    }

    /// True when the customer has to do something away from the merchant's
    /// page (authenticate, pay at the bank, send coins, pay at a shop).
    pub fn needs_customer_step(self) -> bool {
        matches!(
            self,
            Method::Card3ds | Method::Bitcoin | Method::Ideal | Method::Voucher
        )
    }

    /// True when the outside party sends the browser back to the shop.
    pub fn redirects_back(self) -> bool {
        matches!(self, Method::Card3ds | Method::Ideal)
    }

    /// True for bank debits, whose answer comes days later.
    pub fn is_debit(self) -> bool {
        matches!(self, Method::Ach | Method::Sepa)
    }

    /// True when a card network authorises the payment.
    pub fn is_card(self) -> bool {
        matches!(self, Method::Card | Method::Card3ds)
    }

    /// A one-word name for the fourth lane, for narrow drawings.
    pub fn outside_party_short(self) -> &'static str {
        match self {
            Method::Card => "Network",
            Method::Card3ds => "Issuer",
            Method::Ach | Method::Sepa | Method::Ideal => "Bank",
            Method::Bitcoin => "Wallet",
            Method::Voucher => "Shop",
        }
    }

    /// Who the fourth lane is for this method.
    pub fn outside_party(self) -> &'static str {
        match self {
            Method::Card => "Card network",
            Method::Card3ds => "Card issuer",
            Method::Ach | Method::Sepa => "Customer's bank",
            Method::Bitcoin => "Bitcoin wallet",
            Method::Ideal => "Bank page",
            Method::Voucher => "Shop counter",
        }
    }
}

/// A period of the payments API, with the objects it offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Era {
    /// 2011: Token + Charge, cards only.
    Charge2011,
    /// 2015: Charge with `pending` for ACH, BitcoinReceiver for Bitcoin.
    Charge2015,
    /// About 2015-2017: Source + Charge for every method.
    Sources,
    /// 2018 on: PaymentIntent + PaymentMethod.
    Intents,
    /// PaymentIntent with `error_on_requires_action`: cards without
    /// authentication, behaving like the old Charge.
    IntentsNoAction,
}

/// Whether an era can take a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Support {
    /// Taken, with the era's normal flow.
    Full,
    /// Run, but with a limitation the reader should know (the reason).
    Limited(&'static str),
    /// Not offered in this era (the reason).
    No(&'static str),
}

impl Era {
    /// Every era, oldest first.
    pub const ALL: [Era; 5] = [
        Era::Charge2011,
        Era::Charge2015,
        Era::Sources,
        Era::Intents,
        Era::IntentsNoAction,
    ];

    /// `(key, label)` pairs: the scene's designs. Sources comes first, so the
    /// default comparison is Sources against PaymentIntents.
    pub const DESIGNS: &'static [(&'static str, &'static str)] = &[
        ("sources", "Sources + Charge (2015-2017)"),
        ("intents", "PaymentIntents (2018 on)"),
        ("charge-2011", "Token + Charge (2011)"),
        ("charge-2015", "Pending Charge, BitcoinReceiver (2015)"),
        (
            "intents-no-action",
            "PaymentIntents with error_on_requires_action",
        ),
    ];

    /// URL key.
    pub fn key(self) -> &'static str {
        match self {
            Era::Charge2011 => "charge-2011",
            Era::Charge2015 => "charge-2015",
            Era::Sources => "sources",
            Era::Intents => "intents",
            Era::IntentsNoAction => "intents-no-action",
        }
    }

    /// Reader-facing name.
    pub fn label(self) -> &'static str {
        let key = self.key();
        Self::DESIGNS
            .iter()
            .find(|d| d.0 == key)
            .map_or(key, |d| d.1)
    }

    /// The era with URL key `key`.
    pub fn from_key(key: &str) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.key() == key)
    }

    /// True for the PaymentIntent eras.
    pub fn uses_intents(self) -> bool {
        matches!(self, Era::Intents | Era::IntentsNoAction)
    }

    /// Whether this era takes `method`. `chargeable_webhook` says whether the
    /// merchant built a handler for the "ready to charge" webhook.
    pub fn support(self, method: Method, chargeable_webhook: bool) -> Support {
        use Method::*;
        match (self, method) {
            (Era::Charge2011 | Era::Charge2015, Card) => Support::Full,
            (Era::Charge2011 | Era::Charge2015, Card3ds) => Support::Limited(
                "a Charge is one synchronous call with no step that sends the customer to \
                 their bank, so a card that demands 3-D Secure can only be declined",
            ),
            (Era::Charge2011, _) => Support::No(
                "in 2011 the API took cards only: a Token carried card details and a Charge \
                 answered at once, a shape that fits no other method",
            ),
            (Era::Charge2015, Ach | Bitcoin) => Support::Full,
            (Era::Charge2015, _) => Support::No(
                "bank redirects, SEPA debits and cash vouchers arrived later, with Sources",
            ),
            (Era::Sources, Voucher) if !chargeable_webhook => Support::No(
                "only a webhook can tell the merchant that a voucher was paid at a shop, and \
                 this merchant has no source.chargeable handler (turn it on in the settings)",
            ),
            (Era::Sources, _) => Support::Full,
            (Era::Intents, Bitcoin) => Support::Limited(
                "the real provider stopped taking Bitcoin in 2018, as PaymentIntents arrived; \
                 it is run here as if it had not, to compare the designs",
            ),
            (Era::Intents, _) => Support::Full,
            (Era::IntentsNoAction, Card) => Support::Full,
            (Era::IntentsNoAction, Card3ds) => Support::Limited(
                "with error_on_requires_action the intent errors instead of asking the \
                 customer to authenticate, so this card is declined",
            ),
            (Era::IntentsNoAction, _) => Support::No(
                "this packaging is for card payments without bank authentication; other \
                 methods need the full PaymentIntent integration",
            ),
        }
    }
}
