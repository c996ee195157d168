//! How each scene is presented: its pace, the actions a reader can take (by
//! button, key and click) and which metrics get charts. Presentation only:
//! what the actions do is up to the scene's model.

/// What an action needs from the reader.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Needs {
    /// Nothing: it applies to the whole run.
    Nothing,
    /// A target of this kind (the prefix of hit-target ids, e.g. `server`).
    Target(&'static str),
}

/// One action offered in the fault/action bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActionUi {
    /// The model's action kind.
    pub kind: &'static str,
    /// Button label.
    pub label: &'static str,
    /// Keyboard shortcut.
    pub key: char,
    /// What it needs.
    pub needs: Needs,
    /// Fixed argument for target-less actions ("" for none).
    pub arg: &'static str,
}

/// Presentation settings of one scene.
#[derive(Clone, Copy, Debug)]
pub struct SceneUi {
    /// Simulated seconds per wall-clock second at 1x.
    pub pace: f64,
    /// Offered actions.
    pub actions: &'static [ActionUi],
    /// The action a click on a target takes (kind), if any.
    pub click: Option<&'static str>,
    /// Metric keys charted (first ones first); empty = all.
    pub charts: &'static [&'static str],
    /// Diagram height for a given width, in CSS px.
    pub height: fn(f64) -> f64,
    /// Skip ahead when nothing happens for this many wall seconds.
    pub skip_quiet_after_wall_secs: f64,
    /// Pace by events instead of by the clock: each gap between events takes
    /// this many wall seconds at 1x (sequence diagrams).
    pub wall_secs_per_event: Option<f64>,
}

const fn act(kind: &'static str, label: &'static str, key: char, needs: Needs) -> ActionUi {
    ActionUi {
        kind,
        label,
        key,
        needs,
        arg: "",
    }
}

const SERVER: Needs = Needs::Target("server");

const RING_ACTIONS: &[ActionUi] = &[
    act("add", "Add server", 'a', Needs::Nothing),
    act("remove", "Remove server", 'x', SERVER),
    act("fail", "Fail server", 'f', SERVER),
];
const FLEET_ACTIONS: &[ActionUi] = &[
    act("fail", "Fail server", 'f', SERVER),
    act("recover", "Recover server", 'v', SERVER),
    act("overload", "Overload server", 'o', SERVER),
];
const PAYMENT_ACTIONS: &[ActionUi] = &[
    act("disconnect", "Browser disconnects", 'd', Needs::Nothing),
    act("merchant-down", "Merchant server down", 'm', Needs::Nothing),
    act("switch", "Customer switches method", 's', Needs::Nothing),
    act("decline", "Decline", 'x', Needs::Nothing),
    act("abandon", "Customer abandons", 'q', Needs::Nothing),
    ActionUi {
        kind: "try",
        label: "Try: confirm again",
        key: 'i',
        needs: Needs::Nothing,
        arg: "confirm",
    },
    ActionUi {
        kind: "try",
        label: "Try: charge the source again",
        key: 'g',
        needs: Needs::Nothing,
        arg: "charge-source",
    },
];

fn ring_height(w: f64) -> f64 {
    // Narrow screens stack the ring above the load bars: give both room.
    if w < 560.0 {
        (w * 1.5).clamp(380.0, 720.0)
    } else {
        (w * 0.62).clamp(320.0, 560.0)
    }
}
fn fleet_height(w: f64) -> f64 {
    (w * 0.55).clamp(320.0, 520.0)
}
fn sequence_height(w: f64) -> f64 {
    if w < 640.0 {
        900.0
    } else {
        (w * 0.6).clamp(480.0, 640.0)
    }
}

/// The presentation of scene `id`.
pub fn for_scene(id: &str) -> SceneUi {
    match id {
        "hash-ring" => SceneUi {
            pace: 1.0,
            actions: RING_ACTIONS,
            click: Some("remove"),
            charts: &[],
            height: ring_height,
            skip_quiet_after_wall_secs: 3.0,
            wall_secs_per_event: None,
        },
        "worker-sharding" => SceneUi {
            pace: 10.0,
            actions: FLEET_ACTIONS,
            click: Some("overload"),
            charts: &[],
            height: fleet_height,
            skip_quiet_after_wall_secs: 3.0,
            wall_secs_per_event: None,
        },
        "payments" => SceneUi {
            pace: 1.0,
            actions: PAYMENT_ACTIONS,
            click: None,
            charts: &[],
            height: sequence_height,
            skip_quiet_after_wall_secs: 2.0,
            wall_secs_per_event: Some(1.2),
        },
        _ => SceneUi {
            pace: 1.0,
            actions: &[],
            click: None,
            charts: &[],
            height: fleet_height,
            skip_quiet_after_wall_secs: 3.0,
            wall_secs_per_event: None,
        },
    }
}
