//! Properties of the payments scene, checked over many seeded checkouts with
//! random faults (a local splitmix loop instead of a property-test crate).

use mp_models::engine::rng::splitmix64;
use mp_models::scenes::payments::{
    self, batch, Checkout, Config, Era, IntentEvent, IntentState, Method, Next, Outcome,
    RetryPolicy, StateMachine, StopReason, Support,
};
use mp_models::{Action, ActionList, NoteKind, Params, Run, SimTime};

/// A small deterministic generator for test cases.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        splitmix64(&mut self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const KINDS: [&str; 6] = [
    "disconnect",
    "merchant-down",
    "switch",
    "decline",
    "abandon",
    "try",
];

/// A random configuration and fault timeline.
fn random_case(g: &mut Cases, era: Era, method: Method) -> (Config, u64, Vec<Action>) {
    let retry = [
        RetryPolicy::None,
        RetryPolicy::ForHours(1),
        RetryPolicy::ForHours(72),
    ];
    let cfg = Config {
        era,
        method,
        retry: retry[g.below(3) as usize],
        outage_secs: 60 * (1 + g.below(600)),
        chargeable_webhook: g.chance(50),
        track_orders: g.chance(50),
        verbose: false,
    };
    let mut actions = Vec::new();
    for _ in 0..g.below(4) {
        let kind = KINDS[g.below(KINDS.len() as u64) as usize];
        let at = SimTime::from_secs(if g.chance(30) { 0 } else { g.below(3_600) });
        let arg = match kind {
            "merchant-down" if g.chance(50) => "webhook".to_string(),
            "switch" => Method::ALL[g.below(7) as usize].key().to_string(),
            "try" => ["confirm", "charge-source", "cancel"][g.below(3) as usize].to_string(),
            _ => String::new(),
        };
        actions.push(Action::new(at, kind, &arg));
    }
    actions.sort_by_key(|a| a.at);
    (cfg, g.next(), actions)
}

/// Every era x method, `per` random cases each.
fn for_all_cases(per: u64, mut check: impl FnMut(&Config, &Checkout, &[Action])) {
    let mut g = Cases(0x5eed);
    for era in Era::ALL {
        for method in Method::ALL {
            for _ in 0..per {
                let (cfg, seed, actions) = random_case(&mut g, era, method);
                let c = batch::run_checkout(cfg, seed, &actions);
                check(&cfg, &c, &actions);
            }
        }
    }
}

#[test]
fn every_captured_payment_ends_fulfilled_refunded_or_counted() {
    let per = std::env::var("PAYMENTS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for_all_cases(per, |cfg, c, actions| {
        let l = c.ledger();
        let why = format!("{cfg:?} {actions:?} -> {:?} {l:?}", c.outcome());
        assert_eq!(l.held, 0, "money left in limbo: {why}");
        assert_eq!(l.paid, l.captured + l.refunded, "{why}");
        match c.outcome() {
            Outcome::Fulfilled | Outcome::DoubleCharged => assert!(l.captured >= 1, "{why}"),
            Outcome::PaidUnfulfilled => assert!(l.captured >= 1, "{why}"),
            Outcome::PaidRefunded => assert!(l.captured == 0 && l.refunded >= 1, "{why}"),
            Outcome::NotPaid(_) => assert_eq!(l.paid, l.refunded, "{why}"),
            Outcome::Open => panic!("a checkout never finished: {why}"),
        }
        assert!(c.next_event_at().is_none(), "{why}");
    });
}

#[test]
fn payment_intents_never_charge_a_customer_twice() {
    let per = std::env::var("PAYMENTS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    for_all_cases(per, |cfg, c, actions| {
        if cfg.era.uses_intents() {
            assert!(c.ledger().captured <= 1, "{cfg:?} {actions:?}");
        }
    });
}

#[test]
fn a_payment_intent_never_ends_failed_and_succeeded_is_final() {
    for event in IntentState::EVENTS {
        assert!(IntentState::Succeeded.apply(*event).is_err(), "{event:?}");
    }
    let keys: Vec<&str> = IntentState::STATES.iter().map(|s| s.key()).collect();
    assert!(keys.iter().all(|k| !k.contains("fail")), "{keys:?}");
    for_all_cases(25, |cfg, c, actions| {
        if let Outcome::NotPaid(StopReason::Declined | StopReason::Expired) = c.outcome() {
            if cfg.era.uses_intents() && c.intent().is_some() {
                let why = format!("{cfg:?} {actions:?}");
                assert_eq!(
                    c.intent(),
                    Some(IntentState::RequiresPaymentMethod),
                    "{why}"
                );
            }
        }
    });
    // Step by step, once succeeded the intent stays succeeded.
    let mut g = Cases(99);
    for _ in 0..80 {
        let method = Method::ALL[g.below(7) as usize];
        let (cfg, seed, actions) = random_case(&mut g, Era::Intents, method);
        let mut c = Checkout::new(cfg, seed);
        let mut seen_success = false;
        let mut next = 0;
        while c.next_event_at().is_some() {
            if let Some(a) = actions
                .get(next)
                .filter(|a| c.next_event_at().is_some_and(|e| a.at <= e))
            {
                c.advance_clock(a.at);
                let _ = c.apply(a);
                next += 1;
            } else {
                c.step();
            }
            seen_success |= c.intent() == Some(IntentState::Succeeded);
            if seen_success {
                assert_eq!(c.intent(), Some(IntentState::Succeeded), "{actions:?}");
            }
        }
    }
}

#[test]
fn confirming_with_a_method_skips_requires_confirmation() {
    let rpm = IntentState::RequiresPaymentMethod;
    assert_eq!(
        rpm.apply(IntentEvent::Confirm(Next::Action)),
        Ok(IntentState::RequiresAction)
    );
    assert_eq!(
        rpm.apply(IntentEvent::Confirm(Next::Succeeded)),
        Ok(IntentState::Succeeded)
    );
    assert_eq!(rpm.apply(IntentEvent::Confirm(Next::Failed)), Ok(rpm));
    let err = IntentState::Succeeded.apply(IntentEvent::Confirm(Next::Succeeded));
    assert!(err.is_err_and(|e| e.to_string().contains("second time")));
}

fn params(pairs: &[(&str, &str)]) -> Params {
    let owned: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let (p, notices) = Params::parse(&payments::params::params(), &owned);
    assert!(notices.is_empty(), "{notices:?}");
    p
}

fn timeline(actions: &[Action]) -> ActionList {
    let mut list = ActionList::new();
    for a in actions {
        list.insert(a.clone());
    }
    list
}

#[test]
fn batch_and_step_by_step_model_agree_for_the_same_customer() {
    let p = params(&[]);
    for i in 0..120 {
        let who = batch::customer(&p, 1, i);
        let method_params = params(&[("method", who.method.key())]);
        for era in Era::ALL {
            let base = Config::from_params(&p, era.key());
            let cfg = Config {
                method: who.method,
                verbose: false,
                ..base
            };
            let mut quiet = batch::run_checkout(cfg, who.seed, &who.actions);
            quiet.advance_clock(SimTime::NEVER);
            let mut run =
                payments::build(&method_params, who.seed, era.key(), timeline(&who.actions));
            run.advance_to(SimTime::NEVER, u64::MAX);
            let live = run
                .as_any()
                .downcast_ref::<Run<payments::PaymentsModel>>()
                .map(|r| r.model().checkout());
            let live = live.expect("a payments run");
            assert_eq!(live.outcome(), quiet.outcome(), "customer {i} {era:?}");
            assert_eq!(live.final_at(), quiet.final_at(), "customer {i} {era:?}");
            assert_eq!(live.digest(), quiet.digest(), "customer {i} {era:?}");
        }
    }
}

#[test]
fn intents_with_merchant_down_and_no_retries_leave_paid_orders_unfulfilled() {
    let p = params(&[
        ("retries", "none"),
        ("down_rate", "0.3"),
        ("checkouts", "600"),
    ]);
    let totals = batch::simulate(&p, 3, 600, &mut |_| true).expect("not cancelled");
    let pi = &totals[Era::Intents as usize];
    assert!(pi.paid_unfulfilled > 0, "{pi:?}");
    // One checkout: the money is captured, the only webhook is lost for good.
    let cfg = Config {
        retry: RetryPolicy::None,
        method: Method::Card,
        ..Config::from_params(&p, "intents")
    };
    let c = batch::run_checkout(
        cfg,
        5,
        &[Action::new(SimTime::ZERO, "merchant-down", "webhook")],
    );
    assert_eq!(c.outcome(), Outcome::PaidUnfulfilled);
}

#[test]
fn default_batch_shows_both_headline_differences() {
    let p = params(&[("checkouts", "4000")]);
    let totals = batch::simulate(&p, 1, 4_000, &mut |_| true).expect("not cancelled");
    let (src, pi) = (
        &totals[Era::Sources as usize],
        &totals[Era::Intents as usize],
    );
    assert!(
        src.ideal_drops.1 > 0,
        "Sources should lose iDEAL sales: {src:?}"
    );
    assert_eq!(pi.ideal_drops.1, 0, "{pi:?}");
    assert!(src.switches.1 > 0, "Sources should double charge: {src:?}");
    assert_eq!(pi.switches.1, 0);
    assert_eq!(pi.double_charged, 0);
    assert!(pi.fulfilled > src.fulfilled);
    // What the merchant built, counted from the runs: one webhook handler.
    assert_eq!(pi.tally.webhooks.count_ones(), 1);
    assert!(src.tally.states_met.count_ones() > pi.tally.states_met.count_ones());
}

#[test]
fn batch_report_has_a_row_per_era_and_honours_cancel() {
    let p = params(&[("checkouts", "500")]);
    let mut calls = 0;
    let report = batch::run(&p, 2, &mut |f| {
        calls += 1;
        (0.0..=1.0).contains(&f)
    })
    .expect("report");
    assert_eq!(report.rows.len(), Era::ALL.len());
    assert!(calls >= 2);
    assert!(report.rows.iter().all(|r| r.len() == report.columns.len()));
    assert!(batch::run(&p, 2, &mut |_| false).is_err());
}

fn run_of(design: &str, method: &str, actions: &[Action]) -> Box<dyn mp_models::scenes::SceneRun> {
    payments::build(
        &params(&[("method", method)]),
        11,
        design,
        timeline(actions),
    )
}

#[test]
fn replay_equals_live_recording_and_scrubbing_back_equals_a_straight_run() {
    let mut live = run_of("sources", "ideal", &[]);
    live.advance_to(SimTime::from_secs(9), u64::MAX);
    live.record(Action::new(SimTime::from_secs(9), "disconnect", ""))
        .expect("recorded");
    live.advance_to(SimTime::from_secs(40), u64::MAX);
    live.record(Action::new(SimTime::from_secs(40), "switch", "card"))
        .expect("recorded");
    live.advance_to(SimTime::NEVER, u64::MAX);
    let actions = live.actions().items().to_vec();
    let mut replay = run_of("sources", "ideal", &actions);
    replay.advance_to(SimTime::NEVER, u64::MAX);
    assert_eq!(live.digest(), replay.digest());

    let mut straight = run_of("intents", "ach", &actions);
    straight.advance_to(SimTime::NEVER, u64::MAX);
    let mut scrubbed = run_of("intents", "ach", &actions);
    scrubbed.advance_to(SimTime::from_secs(3 * 86_400), u64::MAX);
    scrubbed.seek(SimTime::from_secs(30));
    scrubbed.advance_to(SimTime::NEVER, u64::MAX);
    assert_eq!(straight.digest(), scrubbed.digest());
}

fn refusals(run: &dyn mp_models::scenes::SceneRun) -> Vec<String> {
    run.notes()
        .iter()
        .filter(|n| n.kind == NoteKind::Refused)
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn illegal_transitions_are_refused_with_a_reason() {
    let t = SimTime::from_secs(3_600);
    let src = run_of(
        "sources",
        "card",
        &[Action::new(t, "try", "charge-consumed-source")],
    );
    let mut src = src;
    src.advance_to(SimTime::NEVER, u64::MAX);
    let why = refusals(src.as_ref());
    assert!(
        why.iter()
            .any(|w| w.contains("consumed") && w.contains("twice")),
        "{why:?}"
    );

    let mut pi = run_of(
        "intents",
        "card",
        &[Action::new(t, "try", "confirm-succeeded")],
    );
    pi.advance_to(SimTime::NEVER, u64::MAX);
    let why = refusals(pi.as_ref());
    assert!(
        why.iter().any(|w| w.contains("succeeded is final")),
        "{why:?}"
    );

    // A customer who switches after an ACH debit started: the intent refuses.
    let mut ach = run_of(
        "intents",
        "ach",
        &[Action::new(SimTime::from_secs(60), "switch", "card")],
    );
    ach.advance_to(SimTime::NEVER, u64::MAX);
    assert!(refusals(ach.as_ref())
        .iter()
        .any(|w| w.contains("processing")));
}

#[test]
fn an_era_that_cannot_take_a_method_says_why() {
    let mut run = run_of("charge-2011", "ideal", &[]);
    run.advance_to(SimTime::NEVER, u64::MAX);
    let why = refusals(run.as_ref());
    assert!(why.iter().any(|w| w.contains("cards only")), "{why:?}");
    let cfg = Config::from_params(&params(&[("method", "voucher")]), "sources");
    let c = batch::run_checkout(cfg, 1, &[]);
    assert_eq!(c.outcome(), Outcome::NotPaid(StopReason::Unsupported));
}

#[test]
fn ideal_disconnect_loses_the_sale_under_sources_unless_a_webhook_handler_is_up() {
    let drop = [Action::new(SimTime::ZERO, "disconnect", "")];
    let p = params(&[("method", "ideal")]);
    let sources = batch::run_checkout(Config::from_params(&p, "sources"), 4, &drop);
    assert_eq!(sources.outcome(), Outcome::PaidRefunded);
    let intents = batch::run_checkout(Config::from_params(&p, "intents"), 4, &drop);
    assert_eq!(intents.outcome(), Outcome::Fulfilled);
    let hooked = params(&[("method", "ideal"), ("chargeable_webhook", "1")]);
    let saved = batch::run_checkout(Config::from_params(&hooked, "sources"), 4, &drop);
    assert_eq!(saved.outcome(), Outcome::Fulfilled);
    let mut down = drop.to_vec();
    down.push(Action::new(SimTime::ZERO, "merchant-down", "webhook"));
    let long = params(&[
        ("method", "ideal"),
        ("chargeable_webhook", "1"),
        ("outage_mins", "480"),
    ]);
    let lost = batch::run_checkout(Config::from_params(&long, "sources"), 4, &down);
    assert_eq!(lost.outcome(), Outcome::PaidRefunded);
}

#[test]
fn without_faults_every_offered_checkout_is_paid_once_and_fulfilled() {
    let mut g = Cases(7);
    for era in Era::ALL {
        for method in Method::ALL {
            for _ in 0..20 {
                let (cfg, seed, _) = random_case(&mut g, era, method);
                let c = batch::run_checkout(cfg, seed, &[]);
                let ok = match c.outcome() {
                    Outcome::Fulfilled => c.ledger().captured == 1,
                    Outcome::NotPaid(StopReason::Unsupported) => {
                        !matches!(c.support(), Support::Full)
                    }
                    Outcome::NotPaid(StopReason::NeedsAuthentication) => method == Method::Card3ds,
                    _ => false,
                };
                assert!(ok, "{cfg:?} -> {:?}", c.outcome());
            }
        }
    }
}

#[test]
fn narration_explains_each_step_in_clean_sentences() {
    for (design, method) in [
        ("sources", "ideal"),
        ("intents", "card-3ds"),
        ("charge-2015", "bitcoin"),
    ] {
        let drop = [Action::new(SimTime::ZERO, "disconnect", "")];
        let mut run = run_of(design, method, &drop);
        run.advance_to(SimTime::NEVER, u64::MAX);
        let notes = run.notes();
        let messages = run
            .as_any()
            .downcast_ref::<Run<payments::PaymentsModel>>()
            .map_or(0, |r| r.model().checkout().messages().len());
        assert!(
            notes.len() >= messages / 2,
            "{design}: {} notes, {messages} messages",
            notes.len()
        );
        for n in notes {
            assert!(!n.text.contains("  "), "double space: {}", n.text);
            assert!(n.text.ends_with('.'), "unfinished sentence: {}", n.text);
        }
        assert!(
            notes.iter().any(|n| n.kind == NoteKind::Fault),
            "{design}: the fault is narrated"
        );
    }
}
