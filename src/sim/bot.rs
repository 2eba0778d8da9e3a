//! The random bot of `casesim play --bot random`: a trainer's check that a scenario cannot be
//! passed by chance.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::Session;
use crate::model::Action;

/// The most actions a bot takes before it hands in.
pub const BOT_LIMIT: usize = 3000;

/// Picks uniformly among the actions possible now, from a generator seeded by the attempt's seed.
pub struct RandomBot {
    rng: ChaCha8Rng,
    limit: usize,
}

impl RandomBot {
    /// A bot for an attempt with this seed that hands in after `limit` actions at the most.
    pub fn new(seed: u64, limit: usize) -> Self {
        RandomBot {
            // Its own stream, not the one that drew the variations.
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x05ee_db07),
            limit,
        }
    }

    /// The next action, `taken` actions into the attempt: one of `session.possible_actions()`
    /// at random, or `HandIn` when nothing is possible or the limit is reached.
    pub fn next(&mut self, session: &Session<'_>, taken: usize) -> Action {
        let mut choices = session.possible_actions();
        if taken >= self.limit || choices.is_empty() {
            return Action::HandIn;
        }
        let n = choices.len() as u64;
        choices.swap_remove((self.rng.next_u64() % n) as usize)
    }
}
