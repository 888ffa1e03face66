//! Types stored by the pallet and returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::U256;

/// A farm's state.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct FarmInfo<LpToken, AssetKind, Balance, BlockNumber> {
	/// The LP token whose stakers earn.
	pub lp_token: LpToken,
	/// The asset minted as reward.
	pub reward_asset: AssetKind,
	/// Reward units per block since `rate_since`.
	pub rate: Balance,
	/// The first block that emits.
	pub start: BlockNumber,
	/// The block the current rate took effect.
	pub rate_since: BlockNumber,
	/// Emitted before `rate_since`.
	pub emitted_before: Balance,
	/// The first block that emits nothing (the cap may end emission earlier).
	pub end: BlockNumber,
	/// The most the farm will ever emit.
	pub max_total_rewards: Balance,
	/// LP tokens staked in the farm.
	pub total_staked: Balance,
	/// Rewards per staked LP token since the start, scaled by `acc_precision`.
	pub acc_reward_per_share: U256,
	/// The scale of `acc_reward_per_share` and of its stakes' carried fractions:
	/// `math::PRECISION` for farms created since storage version 1, `math::LEGACY_PRECISION` for
	/// older ones.
	pub acc_precision: u128,
	/// The block the accumulator was last brought up to.
	pub last_update: BlockNumber,
	/// Emission that went to stakers.
	pub distributed: Balance,
	/// Emission of blocks without any stake: never minted.
	pub undistributed: Balance,
	/// Rewards minted by claims.
	pub claimed: Balance,
	/// Rewards given up by emergency withdrawals: never minted.
	pub forfeited: Balance,
}

/// A staker's position in a farm.
#[derive(Clone, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct StakeInfo<Balance> {
	/// LP tokens staked.
	pub amount: Balance,
	/// The farm's `acc_reward_per_share` at the last settlement.
	pub acc_paid: U256,
	/// Fraction of a reward unit (scaled by the farm's `acc_precision`) carried from the last
	/// settlement.
	pub carried: u128,
	/// Settled rewards not yet claimed.
	pub pending: Balance,
}

/// Why a farm stopped emitting.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum EndReason {
	/// It reached its end block.
	EndBlock,
	/// It emitted its whole cap.
	Cap,
	/// The admin ended it.
	Admin,
}

/// A farm as the runtime API reports it, at the current block.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct FarmView<LpToken, AssetKind, Balance, BlockNumber> {
	/// The farm.
	pub farm_id: u32,
	/// The LP token whose stakers earn.
	pub lp_token: LpToken,
	/// The asset minted as reward.
	pub reward_asset: AssetKind,
	/// Current reward units per block.
	pub reward_per_block: Balance,
	/// The first block that emits.
	pub start_block: BlockNumber,
	/// The first block that emits nothing, the cap taken into account.
	pub end_block: BlockNumber,
	/// Whether the farm emits in the current block.
	pub active: bool,
	/// LP tokens staked.
	pub total_staked: Balance,
	/// Emitted so far.
	pub total_emitted: Balance,
	/// Still to be emitted before the farm ends.
	pub remaining_rewards: Balance,
	/// The cap.
	pub max_total_rewards: Balance,
	/// Minted by claims so far.
	pub claimed: Balance,
	/// The block until which the pool's first depositor keeps all of its initial LP tokens
	/// locked (a rug-pull guard); `None` when they are not locked.
	pub initial_liquidity_locked_until: Option<BlockNumber>,
}

/// What a farm's APR is computed from, valued in one quote asset (see [`crate::FarmPrices`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolPrices {
	/// The Q64.64 price of one unit of the reward asset.
	pub reward_price_x64: U256,
	/// The value of everything the farm's pool holds.
	pub pool_value: u128,
	/// The pool's LP supply.
	pub lp_supply: u128,
}

/// A farm's yield as the runtime API reports it, every value in the quote asset asked for, at the
/// AMM's mid prices (rounded down).
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct FarmApr<Balance> {
	/// The unit price of the reward asset, Q64.64 (`2^64` is 1).
	pub reward_price_x64: sp_core::U256,
	/// Reward units the farm pays in the next year at its current rate: up to its end, within
	/// what remains of its cap (0 once it has stopped).
	pub yearly_rewards: Balance,
	/// Their value.
	pub yearly_rewards_value: Balance,
	/// Value of the LP tokens staked in the farm.
	pub staked_value: Balance,
	/// Value of the rewards still to be emitted.
	pub remaining_rewards_value: Balance,
	/// `yearly_rewards_value / staked_value` in parts per million; `None` while nothing is
	/// staked.
	pub apr_ppm: Option<u128>,
}
