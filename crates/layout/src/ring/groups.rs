//! Runs of consecutive servers drawn and clicked as one.
//!
//! A pool of hundreds of servers cannot get a marker or a bar each in a
//! small frame, nor a click target each that a finger can hit. Above a cap,
//! servers (sorted by id) are cut into runs of equal size, and each run is
//! shown by its busiest member: the one a reader looking for hot spots
//! needs to see.

use mp_models::scenes::ring::ServerLoad;

use super::MAX_TARGETS;

/// A run of consecutive servers (by id) drawn and clicked as one.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    /// The busiest server of the group: its colour and its click target.
    pub(super) rep: ServerLoad,
    pub(super) first: u32,
    pub(super) last: u32,
    pub(super) size: usize,
}

impl Group {
    pub(super) fn holds(&self, id: u32) -> bool {
        self.first <= id && id <= self.last
    }
}

/// Splits the servers (sorted by id) into at most `max` runs of equal size.
pub(super) fn groups(loads: &[ServerLoad], max: usize) -> Vec<Group> {
    let size = loads.len().div_ceil(max.max(1)).max(1);
    let busiest = |a: &&ServerLoad, b: &&ServerLoad| a.keys.cmp(&b.keys).then(b.id.cmp(&a.id));
    loads
        .chunks(size)
        .filter_map(|chunk| {
            let rep = **chunk.iter().max_by(busiest).as_ref()?;
            let (first, last) = (chunk.first()?.id, chunk.last()?.id);
            Some(Group {
                rep,
                first,
                last,
                size: chunk.len(),
            })
        })
        .collect()
}

/// Index of the group holding server `id`.
pub(super) fn group_of(groups: &[Group], id: u32) -> Option<usize> {
    let i = groups.partition_point(|g| g.last < id);
    groups.get(i).filter(|g| g.holds(id)).map(|_| i)
}

/// How many bars fit at 3 px or more each; capped at [`MAX_TARGETS`] for
/// the designs whose bars are the click targets.
pub(super) fn bar_capacity(width: f64, ring: bool) -> usize {
    let by_width = (width / 3.0).max(1.0) as usize;
    by_width.min(if ring { 250 } else { MAX_TARGETS })
}
