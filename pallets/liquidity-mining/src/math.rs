//! Pure reward accounting: no storage, no dispatch, so it can be property-tested.
//!
//! A farm emits `rate` reward units per block from its `start` block until its `end` block or
//! until it has emitted its `cap`, whichever comes first. Emission is a function of the block
//! number alone: what block `n` has emitted in total is
//!
//! `emitted(n) = min(cap, emitted_before + rate·(clamp(n, since, end) − since))`
//!
//! where `since` is the block the current rate took effect and `emitted_before` what was emitted
//! until then. Each block's emission is split among the stake present during it through a
//! reward-per-share accumulator `acc` (scaled by the farm's precision `P`, [`PRECISION`] for
//! every farm created since storage version 1, [`LEGACY_PRECISION`] for farms migrated from
//! version 0):
//!
//! - on every touch of a farm: `acc += (emitted(now) − emitted(last)) · P / total_stake`
//!   (blocks without stake emit to nobody: that amount is recorded as undistributed, never minted);
//! - a staker settles (on every stake, unstake and claim) `stake · (acc − acc_paid)`, in scaled
//!   units, plus the fraction of a unit it carried from its last settlement; the whole units are
//!   its reward, the fraction below one unit is carried on, and `acc_paid` becomes `acc`.
//!
//! Every division rounds down and no fraction is paid twice, so the sum of every staker's rewards
//! never exceeds what was distributed. What stays behind is the accumulator's rounding, below
//! `total_stake / P` units per touch, and each staker's carried fraction, below one unit.
//! All operations are O(1).

use sp_core::{U256, U512};

/// Scale of a farm's reward-per-share accumulator: 10^36, so a touch loses less than one reward
/// unit as long as fewer than 10^36 LP units are staked (two 18-decimal tokens' LP supply stays
/// far below). `emission · PRECISION` fits the U256 accumulator for any `u128` emission, and the
/// carried fraction (below `PRECISION`) fits `u128`.
pub const PRECISION: u128 = 1_000_000_000_000_000_000_000_000_000_000_000_000;

/// The accumulator scale of storage version 0, 10^18, which farms created then keep: it loses up
/// to `total_stake / 10^18` units per touch, so pools with an LP supply beyond 10^18 lost
/// emission.
pub const LEGACY_PRECISION: u128 = 1_000_000_000_000_000_000;

/// A farm's emission schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
	/// Reward units per block from `since` on.
	pub rate: u128,
	/// The block the current rate took effect (at or after the farm's start).
	pub since: u64,
	/// Emitted before `since`.
	pub emitted_before: u128,
	/// The first block that emits nothing.
	pub end: u64,
	/// The most the farm may ever emit.
	pub cap: u128,
}

impl Schedule {
	/// Total emitted by the farm by block `now`, following the formula in the module docs.
	pub fn emitted(&self, now: u64) -> u128 {
		let blocks = now.clamp(self.since, self.end.max(self.since)) - self.since;
		self.emitted_before.saturating_add(self.rate.saturating_mul(blocks as u128)).min(self.cap)
	}

	/// The block from which the farm emits nothing: its end, or the block at which it reaches its
	/// cap if that comes first.
	pub fn effective_end(&self) -> u64 {
		if self.rate == 0 {
			return self.end;
		}
		let remaining = self.cap.saturating_sub(self.emitted_before);
		// Blocks needed to emit the rest, rounded up: the last of them may emit a partial rate.
		let blocks = remaining.div_ceil(self.rate);
		let cap_block = self.since.saturating_add(u64::try_from(blocks).unwrap_or(u64::MAX));
		cap_block.min(self.end).max(self.since)
	}

	/// Whether the farm reaches its cap before (or at) its end block.
	pub fn ends_by_cap(&self) -> bool {
		self.effective_end() < self.end || self.emitted(self.end) >= self.cap
	}
}

/// The accumulator (scaled by `precision`) after distributing `emission` over `total_stake`.
/// Returns the new accumulator and what was actually distributed (zero when nothing is staked).
pub fn accumulate(acc: U256, emission: u128, total_stake: u128, precision: u128) -> (U256, u128) {
	if total_stake == 0 || emission == 0 {
		return (acc, 0);
	}
	// Cannot overflow: both factors are below 2^128.
	let increment = U256::from(emission) * U256::from(precision) / U256::from(total_stake);
	(acc.saturating_add(increment), emission)
}

/// What a stake accrued since its last settlement: `stake · (acc − acc_paid) + carried`, in units
/// scaled by the farm's `precision`, split into whole reward units (rounded down) and the
/// fraction carried to the next settlement. Returns `(reward, carried)`.
pub fn accrue(
	stake: u128,
	acc: U256,
	acc_paid: U256,
	carried: u128,
	precision: u128,
) -> (u128, u128) {
	let scaled = U512::from(stake) * U512::from(acc.saturating_sub(acc_paid)) + U512::from(carried);
	let precision = U512::from(precision.max(1));
	let reward = u128::try_from(scaled / precision).unwrap_or(u128::MAX);
	// The remainder of a division by a `u128` precision is below it, which fits in u128.
	let carried = u128::try_from(scaled % precision).unwrap_or(0);
	(reward, carried)
}

pub use dex_math::PRICE_FRACTION_BITS;

/// `amount` at a Q64.64 price, rounded down, saturating at `u128::MAX`: an APR figure too large
/// to represent shows as the largest value rather than none.
fn value_at_price(amount: u128, price_x64: U256) -> u128 {
	dex_math::value_at_price(amount, price_x64).unwrap_or(u128::MAX)
}

/// A farm's yield, every value in one quote asset (rounded down).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AprFigures {
	/// Reward units the farm pays in the next year at its current rate:
	/// `min(rate · blocks, remaining)`, where `blocks` are those it still runs, a year at most.
	pub yearly_rewards: u128,
	/// Their value.
	pub yearly_rewards_value: u128,
	/// Value of the staked LP tokens: their share of the pool's value.
	pub staked_value: u128,
	/// Value of the rewards still to be emitted.
	pub remaining_rewards_value: u128,
	/// `yearly_rewards_value / staked_value` in parts per million; `None` while nothing is
	/// staked.
	pub apr_ppm: Option<u128>,
}

/// The annual percentage rate of a farm emitting `rate` reward units per block (0 once it has
/// stopped) for `blocks` more blocks of the next year, with `remaining` still to emit, on `staked`
/// of the pool's `lp_supply` LP tokens, where the pool's reserves are worth `pool_value` and a
/// reward unit `reward_price_x64` (Q64.64):
///
/// `apr = min(rate · blocks, remaining) · price_reward / (pool_value · staked / lp_supply)`.
///
/// A farm that ends within the year, or whose cap runs out, yields only what it will still pay.
pub fn farm_apr(
	rate: u128,
	blocks: u128,
	remaining: u128,
	staked: u128,
	lp_supply: u128,
	pool_value: u128,
	reward_price_x64: U256,
) -> AprFigures {
	let yearly_rewards = rate.saturating_mul(blocks).min(remaining);
	let yearly_rewards_value = value_at_price(yearly_rewards, reward_price_x64);
	let staked_value = if lp_supply == 0 {
		0
	} else {
		let value =
			U256::from(pool_value) * U256::from(staked.min(lp_supply)) / U256::from(lp_supply);
		u128::try_from(value).unwrap_or(u128::MAX)
	};
	let apr_ppm = (staked_value > 0).then(|| {
		let apr =
			U256::from(yearly_rewards_value) * U256::from(dex_math::PPM) / U256::from(staked_value);
		u128::try_from(apr).unwrap_or(u128::MAX)
	});
	AprFigures {
		yearly_rewards,
		yearly_rewards_value,
		staked_value,
		remaining_rewards_value: value_at_price(remaining, reward_price_x64),
		apr_ppm,
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn large_stake_keeps_every_emitted_unit() {
		// Two 18-decimal tokens: an LP supply of 10^24 units staked, one reward unit a block.
		let total = 10u128.pow(24);
		let (legacy, _) = accumulate(U256::zero(), 1, total, LEGACY_PRECISION);
		assert_eq!(legacy, U256::zero(), "version 0's scale lost this emission");
		let (acc, distributed) = accumulate(U256::zero(), 1, total, PRECISION);
		assert_eq!(distributed, 1);
		// A million blocks later the whole stake has earned its million units.
		let mut acc_n = acc;
		for _ in 1..1_000_000u32 {
			acc_n = accumulate(acc_n, 1, total, PRECISION).0;
		}
		assert_eq!(accrue(total, acc_n, U256::zero(), 0, PRECISION), (1_000_000, 0));
	}

	#[test]
	fn apr_matches_a_hand_computation() {
		// 1 reward token (10^12 units) a block, 5,256,000 blocks a year (6 s), a reward token
		// worth 0.5 quote units each (price 1/2 per unit); 40 % of a pool worth 10^18 staked.
		let half = U256::one() << (PRICE_FRACTION_BITS - 1);
		let (rate, year, pool) = (1_000_000_000_000, 5_256_000, 1_000_000_000_000_000_000);
		let f = farm_apr(rate, year, u128::MAX, 400, 1_000, pool, half);
		// Yearly: 5.256·10^18 units, worth 2.628·10^18; staked: 4·10^17; APR 657 % = 6,570,000 ppm.
		assert_eq!(f.yearly_rewards, 5_256_000_000_000_000_000);
		assert_eq!(f.yearly_rewards_value, 2_628_000_000_000_000_000);
		assert_eq!(f.staked_value, 400_000_000_000_000_000);
		assert_eq!(f.apr_ppm, Some(6_570_000));
		// A farm ending in 30 days (432,000 blocks) pays 4.32·10^17 in the year: 54 %.
		let f = farm_apr(rate, 432_000, u128::MAX, 400, 1_000, pool, half);
		assert_eq!(f.yearly_rewards, 432_000_000_000_000_000);
		assert_eq!(f.apr_ppm, Some(540_000));
		// A cap with 10^17 left pays that much: 12.5 %.
		let f = farm_apr(rate, year, 100_000_000_000_000_000, 400, 1_000, pool, half);
		assert_eq!(f.yearly_rewards, 100_000_000_000_000_000);
		assert_eq!(f.remaining_rewards_value, 50_000_000_000_000_000);
		assert_eq!(f.apr_ppm, Some(125_000));
		// Nothing staked: no rate; a stopped farm yields nothing.
		assert_eq!(farm_apr(1, 10, 10, 0, 1_000, 1_000, half).apr_ppm, None);
		assert_eq!(farm_apr(0, 10, 10, 400, 1_000, 1_000, half).apr_ppm, Some(0));
	}

	fn schedule(rate: u128, start: u64, end: u64, cap: u128) -> Schedule {
		Schedule { rate, since: start, emitted_before: 0, end, cap }
	}

	#[test]
	fn emission_follows_blocks_and_stops_at_end() {
		let s = schedule(10, 100, 200, u128::MAX);
		assert_eq!(s.emitted(50), 0);
		assert_eq!(s.emitted(100), 0);
		assert_eq!(s.emitted(101), 10);
		assert_eq!(s.emitted(200), 1_000);
		assert_eq!(s.emitted(10_000), 1_000);
		assert_eq!(s.effective_end(), 200);
		assert!(!s.ends_by_cap());
	}

	#[test]
	fn emission_stops_at_cap() {
		let s = schedule(10, 100, 200, 55);
		assert_eq!(s.emitted(105), 50);
		assert_eq!(s.emitted(106), 55);
		assert_eq!(s.emitted(150), 55);
		assert_eq!(s.effective_end(), 106);
		assert!(s.ends_by_cap());
	}

	#[test]
	fn rewards_split_by_stake() {
		// 100 units over stakes 1 and 3.
		let (acc, distributed) = accumulate(U256::zero(), 100, 4, PRECISION);
		assert_eq!(distributed, 100);
		assert_eq!(accrue(1, acc, U256::zero(), 0, PRECISION), (25, 0));
		assert_eq!(accrue(3, acc, U256::zero(), 0, PRECISION), (75, 0));
		assert_eq!(accumulate(acc, 100, 0, PRECISION), (acc, 0));
	}

	#[test]
	fn fractions_are_carried_not_lost() {
		// 10 units over a stake of 3: 3.33 per settlement of one unit of stake.
		let (acc, _) = accumulate(U256::zero(), 10, 3, PRECISION);
		let (first, carried) = accrue(1, acc, U256::zero(), 0, PRECISION);
		assert_eq!(first, 3);
		let (acc2, _) = accumulate(acc, 10, 3, PRECISION);
		let (second, _) = accrue(1, acc2, acc, carried, PRECISION);
		// 6.66 in all: the fraction of the first settlement counts in the second.
		assert_eq!(first + second, 6);
	}

	mod properties {
		use super::*;
		use proptest::prelude::*;

		#[derive(Clone, Debug)]
		enum Op {
			Stake(usize, u128),
			Unstake(usize, u128),
			Claim(usize),
			SetRate(u128),
		}

		fn op() -> impl Strategy<Value = Op> {
			prop_oneof![
				(0usize..4, 1u128..1_000_000_000_000).prop_map(|(i, a)| Op::Stake(i, a)),
				(0usize..4, 1u128..1_000_000_000_000).prop_map(|(i, a)| Op::Unstake(i, a)),
				(0usize..4).prop_map(Op::Claim),
				(0u128..1_000_000_000).prop_map(Op::SetRate),
			]
		}

		proptest! {
			/// For any sequence of stake, unstake, claim and rate changes over random blocks,
			/// claimed + pending never exceeds what was emitted, and the shortfall (dust) is at
			/// most a few units per settlement.
			#[test]
			fn paid_never_exceeds_emitted(
				ops in proptest::collection::vec((op(), 0u64..20), 1..60),
				rate in 0u128..1_000_000_000,
				cap in 1u128..u128::MAX / 2,
			) {
				let mut s = schedule(rate, 10, 500, cap);
				let mut acc = U256::zero();
				let mut last = 0u64;
				let mut now = 0u64;
				let mut total = 0u128;
				let mut distributed = 0u128;
				let mut stakes = [0u128; 4];
				let mut paid = [U256::zero(); 4];
				let mut carried = [0u128; 4];
				let mut owed = [0u128; 4];
				let mut claimed = 0u128;
				let mut settlements = 0u128;
				for (op, advance) in ops {
					now += advance;
					let emission = s.emitted(now) - s.emitted(last);
					let (new_acc, d) = accumulate(acc, emission, total, PRECISION);
					acc = new_acc;
					distributed += d;
					last = now;
					match op {
						Op::Stake(i, a) => {
							let (reward, rest) = accrue(stakes[i], acc, paid[i], carried[i], PRECISION);
							owed[i] += reward;
							carried[i] = rest;
							paid[i] = acc;
							settlements += 1;
							stakes[i] += a;
							total += a;
						},
						Op::Unstake(i, a) => {
							let a = a.min(stakes[i]);
							let (reward, rest) = accrue(stakes[i], acc, paid[i], carried[i], PRECISION);
							owed[i] += reward;
							carried[i] = rest;
							paid[i] = acc;
							settlements += 1;
							stakes[i] -= a;
							total -= a;
						},
						Op::Claim(i) => {
							let (reward, rest) = accrue(stakes[i], acc, paid[i], carried[i], PRECISION);
							owed[i] += reward;
							carried[i] = rest;
							paid[i] = acc;
							settlements += 1;
							claimed += owed[i];
							owed[i] = 0;
						},
						Op::SetRate(r) => {
							s = Schedule { rate: r, since: now.max(10), emitted_before: s.emitted(now.max(10)), end: s.end, cap: s.cap };
						},
					}
				}
				let outstanding: u128 =
					(0..4).map(|i| owed[i] + accrue(stakes[i], acc, paid[i], carried[i], PRECISION).0).sum();
				prop_assert!(claimed + outstanding <= distributed);
				// Dust: the accumulator's rounding per touch and each staker's carried fraction.
				prop_assert!(distributed - (claimed + outstanding) <= 4 + 64);
				let _ = settlements;
			}

			/// Each staker's reward for a block equals its exact share of that block, to the unit.
			#[test]
			fn share_of_each_block_is_exact(
				stakes in proptest::collection::vec(1u128..1_000_000_000_000, 1..5),
				rate in 1u128..1_000_000_000_000,
				blocks in 1u64..100,
			) {
				let total: u128 = stakes.iter().sum();
				let s = schedule(rate, 0, 1_000, u128::MAX);
				let (acc, _) = accumulate(U256::zero(), s.emitted(blocks), total, PRECISION);
				for stake in stakes {
					let exact = U256::from(rate) * U256::from(blocks) * U256::from(stake) / U256::from(total);
					let got = U256::from(accrue(stake, acc, U256::zero(), 0, PRECISION).0);
					prop_assert!(got <= exact && exact - got <= U256::one());
				}
			}
		}
	}
}
