//! Reader actions: faults (`fail`, `recover`, `overload`), live parameter
//! changes (`set:key=value`) and switching design (`design:on|off`).

use super::model::ShardingModel;
use super::narration::span;
use super::params::{specs, Config, Design};
use super::workload::Zipf;
use crate::engine::action::Action;
use crate::engine::run::{Note, NoteKind};

impl ShardingModel {
    /// Applies one action at the current time.
    pub(super) fn act(&mut self, action: &Action, notes: &mut Vec<Note>) -> Result<(), String> {
        match action.kind.as_str() {
            "fail" => self.fail(self.parse_server(&action.arg)?, notes),
            "recover" => self.recover(self.parse_server(&action.arg)?, notes),
            "overload" => self.toggle_overload(self.parse_server(&action.arg)?, notes),
            "set" => self.set(&action.arg, notes),
            "design" => self.switch_design(&action.arg, notes),
            other => Err(format!(
                "The sharding scene has no action \u{201c}{other}\u{201d}; it knows fail, \
                 recover, overload, set and design."
            )),
        }
    }

    fn parse_server(&self, arg: &str) -> Result<u32, String> {
        let n = self.config.servers;
        match arg.trim().parse::<u32>() {
            Ok(s) if s < n => Ok(s),
            _ => Err(format!(
                "\u{201c}{arg}\u{201d} is not a server; servers are 0 to {}.",
                n - 1
            )),
        }
    }

    fn fail(&mut self, server: u32, notes: &mut Vec<Note>) -> Result<(), String> {
        if self.failed[server as usize] {
            return Err(format!("Server {server} has already failed."));
        }
        if self.live_servers() == 1 {
            return Err(format!(
                "Server {server} is the last one running; it stays up."
            ));
        }
        self.failed[server as usize] = true;
        self.overloaded[server as usize] = false;
        // TODO: requests running on the failed server are dropped from its
        // books but still counted as served; a retry on another server
        // (and its extra cold start) is not modelled.
        self.in_flight[server as usize].clear();
        let lost = self.instances.clear_server(server);
        self.window.lost += lost;
        let before = self.homes.clone();
        self.rehome();
        let (moved, receivers) = self.moved_since(&before);
        let next = self.live_server_from(server);
        notes.push(Note::new(
            self.now,
            NoteKind::Fault,
            format!(
                "Server {server} failed: its {lost} instances vanished, and the ring moved the \
                 {moved} workers it was home to onto the next points clockwise ({receivers} \
                 servers share them). Its internet traffic now lands on server {next}."
            ),
        ));
        Ok(())
    }

    fn recover(&mut self, server: u32, notes: &mut Vec<Note>) -> Result<(), String> {
        if !self.failed[server as usize] {
            return Err(format!(
                "Server {server} is running; only a failed server can recover."
            ));
        }
        self.failed[server as usize] = false;
        let before = self.homes.clone();
        self.rehome();
        let (moved, _) = self.moved_since(&before);
        notes.push(Note::new(
            self.now,
            NoteKind::Fault,
            format!(
                "Server {server} is back with no instances: the ring returns its arcs, {moved} \
                 workers move home to it, and each starts cold there on its next request."
            ),
        ));
        Ok(())
    }

    fn toggle_overload(&mut self, server: u32, notes: &mut Vec<Note>) -> Result<(), String> {
        if self.failed[server as usize] {
            return Err(format!("Server {server} has failed; recover it first."));
        }
        let on = !self.overloaded[server as usize];
        self.overloaded[server as usize] = on;
        let text = if on {
            format!(
                "Server {server} is overloaded: it refuses requests sharded to it and runs only \
                 its own."
            )
        } else {
            format!("Server {server} is no longer overloaded and accepts sharded requests again.")
        };
        notes.push(Note::new(self.now, NoteKind::Fault, text));
        Ok(())
    }

    fn set(&mut self, arg: &str, notes: &mut Vec<Note>) -> Result<(), String> {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(format!("\u{201c}{arg}\u{201d} is not key=value."));
        };
        let all = specs();
        let Some(spec) = all.iter().find(|s| s.key == key.trim()) else {
            return Err(format!("Unknown setting \u{201c}{key}\u{201d}."));
        };
        if !spec.live {
            return Err(format!(
                "{} cannot change during a run; change it to restart.",
                spec.label
            ));
        }
        // A clamped value still applies; the notice goes to the narration.
        let outcome = self.params.set_text(spec, value);
        self.reconfigure();
        let shown = self
            .params
            .get(spec.key)
            .map(|v| v.to_text())
            .unwrap_or_default();
        notes.push(Note::new(
            self.now,
            NoteKind::Change,
            format!("{} set to {shown} {}.", spec.label, spec.unit).replace(" .", "."),
        ));
        outcome
    }

    /// Re-reads live parameters; servers and workers stay as built.
    fn reconfigure(&mut self) {
        let mut next = Config::from_params(&self.params);
        next.servers = self.config.servers;
        next.workers = self.config.workers;
        if next.zipf_s != self.config.zipf_s {
            self.workload.zipf = Zipf::new(next.workers, next.zipf_s);
        }
        self.hot_count = self
            .workload
            .zipf
            .hot_count(next.rate_per_sec, next.hot_threshold_per_sec);
        self.config = next;
    }

    fn switch_design(&mut self, arg: &str, notes: &mut Vec<Note>) -> Result<(), String> {
        let Some(design) = Design::from_key(arg.trim()) else {
            return Err(format!(
                "\u{201c}{arg}\u{201d} is not a design; use on or off."
            ));
        };
        self.design = design;
        let text = match design {
            Design::On => format!(
                "Sharding on: each of the {} quiet workers now runs only on its home server; \
                 idle copies elsewhere are evicted after {}.",
                self.config.workers - self.hot_count,
                span(self.config.idle_timeout_micros)
            ),
            Design::Off => "Sharding off: every server runs whatever arrives.".to_string(),
        };
        notes.push(Note::new(self.now, NoteKind::Change, text));
        Ok(())
    }

    /// How many workers changed home since `before`, and how many distinct
    /// servers received them.
    fn moved_since(&self, before: &[u32]) -> (usize, usize) {
        let mut receivers = vec![false; self.config.servers as usize];
        let mut moved = 0;
        for (old, new) in before.iter().zip(&self.homes) {
            if old != new {
                moved += 1;
                receivers[*new as usize] = true;
            }
        }
        (moved, receivers.iter().filter(|r| **r).count())
    }
}
