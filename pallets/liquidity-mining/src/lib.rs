//! # Liquidity mining pallet
//!
//! Farms that mint reward tokens every block to the accounts staking a pool's LP tokens, in
//! proportion to their stake and the time it stays.
//!
//! ## Overview
//!
//! - An admin origin [creates a farm](`Pallet::create_farm`) for an LP token: a reward asset (the
//!   native token or any asset), a rate per block, a start and end block and a cap on the total
//!   ever emitted. Rewards are minted by this pallet when claimed, never taken from a pot that can
//!   run dry.
//! - LPs [stake](`Pallet::stake`) LP tokens (held by the pallet's account while staked),
//!   [unstake](`Pallet::unstake`) them, [claim](`Pallet::claim`) rewards to themselves or a
//!   beneficiary, or [withdraw in an emergency](`Pallet::emergency_withdraw`) forfeiting rewards.
//!   [`Pallet::add_liquidity_and_stake`] deposits into the AMM and stakes the minted LP tokens in
//!   one call.
//! - The admin can [change a farm's rate](`Pallet::set_farm_rate`) (everything accrued so far is
//!   settled at the old rate first), [extend it](`Pallet::extend_farm`) or
//!   [end it early](`Pallet::end_farm`). A farm stops emitting exactly at its end block or when its
//!   cap is reached, whichever comes first; [`Event::FarmEnded`] says so in that block.
//!
//! ## Accounting
//!
//! A reward-per-share accumulator (see [`math`]): every call on a farm first brings the
//! accumulator up to the current block, in O(1); each staker's reward is its stake times the
//! accumulator's growth since its last settlement. No hook iterates over stakers: the only
//! per-block work is emitting [`Event::FarmEnded`] for the farms that end in that block, bounded
//! by [`Config::MaxFarmEndingsPerBlock`].
//!
//! ## Staking moves LP tokens, it does not freeze them
//!
//! A stake is transferred to the pallet's account ([`Pallet::account_id`]) and back, whereas
//! pallet-asset-rewards freezes stakes in place. Freezing is not open to this pallet: the LP
//! token pallet (`PoolAssets`, an instance of pallet-assets) has a single `Freezer`, and that is
//! the AMM's LP lock (the rug-pull guard: `pallet_amm` implements
//! `pallet_assets::FrozenBalance`), so farms cannot freeze LP tokens as well. Custody also keeps
//! the books a simple sum: the pallet's account holds at least the stakes of every farm of an LP
//! token, which [`Pallet::do_try_state`] checks.
//!
//! ## Code layout
//!
//! Every call checks its origin and hands over to a `do_*` function of its feature's module:
//! `farm.rs` for the admin calls (and a farm's schedule and accumulator), `stake.rs` for the
//! stakers' calls (and settlement). A call on an existing farm reads the farm (and the stake),
//! brings the farm's accumulator up to the current block, changes both in memory and writes each
//! back once. The queries behind the runtime API are in `runtime_api.rs`, the invariants in
//! `try_state.rs`, the storage-free formulas in [`math`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod farm;
pub mod math;
pub mod migrations;
#[cfg(test)]
mod mock;
mod runtime_api;
mod stake;
#[cfg(test)]
mod tests;
mod try_state;
mod types;
pub mod weights;

pub use pallet::*;
pub use runtime_api::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		AccountTouch, Get,
	},
	PalletId,
};
use sp_core::U256;
use sp_runtime::{
	traits::{
		AccountIdConversion, CheckedAdd, MaybeSerializeDeserialize, SaturatedConversion,
		Saturating, Zero,
	},
	DispatchError,
};

/// What this pallet needs from the AMM, so it can be used (and tested) without a concrete AMM.
pub trait LiquidityProvider<AccountId, LpToken, Balance, BlockNumber> {
	/// Whether `lp_token` is the LP token of a pool.
	fn is_lp_token(lp_token: &LpToken) -> bool;

	/// Deposits up to the desired amounts of the two assets of `lp_token`'s pool (in the pool's
	/// asset order) for `who`, mints the LP tokens to `who` and returns how many.
	fn add_liquidity(
		who: &AccountId,
		lp_token: &LpToken,
		amount1_desired: Balance,
		amount2_desired: Balance,
		amount1_min: Balance,
		amount2_min: Balance,
	) -> Result<Balance, DispatchError>;

	/// The block until which the provider of the first deposit into `lp_token`'s pool keeps
	/// all of that deposit's LP tokens locked; `None` when they are not (all) locked.
	fn initial_liquidity_locked_until(lp_token: &LpToken) -> Option<BlockNumber>;
}

/// Prices in a quote asset for a farm's APR, from the AMM: the runtime implements it with the
/// AMM's mid prices; `()` knows no price (every APR is then `None`).
pub trait FarmPrices<LpToken, AssetKind> {
	/// In `quote`: the Q64.64 price of one unit of `reward` (`2^64` is 1), the value of all that
	/// the pool of `lp_token` holds, and that pool's LP supply. `None` when a price is missing.
	fn farm_prices(lp_token: &LpToken, reward: &AssetKind, quote: &AssetKind)
		-> Option<PoolPrices>;
}

impl<LpToken, AssetKind> FarmPrices<LpToken, AssetKind> for () {
	fn farm_prices(_: &LpToken, _: &AssetKind, _: &AssetKind) -> Option<PoolPrices> {
		None
	}
}

/// Creates LP tokens and reward assets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<LpToken, AssetKind, AccountId> {
	/// An LP token of a pool with liquidity, and `who` funded with the pool's two assets.
	fn lp_token(who: &AccountId) -> LpToken;
	/// The LP token of a pool that holds no liquidity yet, and `who` funded with the pool's two
	/// assets: a farm on it takes the pool's first deposit, the costliest.
	fn empty_pool_lp_token(who: &AccountId) -> LpToken;
	/// A reward asset that exists; the costliest kind to mint to a new holder.
	fn reward_asset() -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The storage version: 1 since farms record their accumulator's scale
	/// ([`migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// A farm's id.
	pub type FarmId = u32;
	/// A farm's stored state.
	pub type FarmInfoOf<T> = FarmInfo<
		<T as Config>::LpToken,
		<T as Config>::AssetKind,
		<T as Config>::Balance,
		BlockNumberFor<T>,
	>;
	/// A stake's stored state.
	pub type StakeInfoOf<T> = StakeInfo<<T as Config>::Balance>;
	/// A farm as the runtime API reports it.
	pub type FarmViewOf<T> = FarmView<
		<T as Config>::LpToken,
		<T as Config>::AssetKind,
		<T as Config>::Balance,
		BlockNumberFor<T>,
	>;
	/// A farm to create at genesis: `(lp_token, reward_asset, reward_per_block, end_block,
	/// max_total)`.
	pub type GenesisFarmOf<T> = (
		<T as Config>::LpToken,
		<T as Config>::AssetKind,
		<T as Config>::Balance,
		BlockNumberFor<T>,
		<T as Config>::Balance,
	);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balance of LP tokens and reward assets.
		type Balance: frame_support::traits::tokens::Balance + From<u128> + Into<u128>;

		/// A reward asset: the native token or an asset (e.g. `NativeOrWithId<u32>`).
		type AssetKind: Parameter + MaxEncodedLen + MaybeSerializeDeserialize;

		/// The native token and assets, which this pallet mints rewards in.
		type RewardAssets: Inspect<Self::AccountId, AssetId = Self::AssetKind, Balance = Self::Balance>
			+ Mutate<Self::AccountId>;

		/// Id of an LP token.
		type LpToken: Parameter + MaxEncodedLen + Copy + MaybeSerializeDeserialize;

		/// LP tokens, which stakers deposit with this pallet's account.
		type LpTokens: Inspect<Self::AccountId, AssetId = Self::LpToken, Balance = Self::Balance>
			+ Mutate<Self::AccountId>
			+ AccountTouch<Self::LpToken, Self::AccountId, Balance = Self::Balance>;

		/// The AMM: which LP tokens exist, and adding liquidity for `add_liquidity_and_stake`.
		type Amm: LiquidityProvider<
			Self::AccountId,
			Self::LpToken,
			Self::Balance,
			BlockNumberFor<Self>,
		>;

		/// Origin that creates, changes and ends farms.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The pallet's id; its account holds staked LP tokens.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Most farms per LP token at once: those running or not yet started, and those ended
		/// that still hold stakes (an ended farm with nothing staked leaves when the next farm
		/// of its LP token is created).
		#[pallet::constant]
		type MaxFarmsPerLpToken: Get<u32>;

		/// Most farms that may end in the same block (bounds the per-block hook).
		#[pallet::constant]
		type MaxFarmEndingsPerBlock: Get<u32>;

		/// Prices for farms' APRs, in any quote asset.
		type Prices: FarmPrices<Self::LpToken, Self::AssetKind>;

		/// Blocks in a year, to annualise reward rates in APRs.
		#[pallet::constant]
		type BlocksPerYear: Get<u32>;

		/// Weights of the calls and the hook.
		type WeightInfo: WeightInfo;

		/// Creates LP tokens and reward assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::LpToken, Self::AssetKind, Self::AccountId>;
	}

	/// Farms by id.
	// Twox64Concat: farm ids are sequential and assigned by the pallet.
	#[pallet::storage]
	pub type Farms<T: Config> = StorageMap<_, Twox64Concat, FarmId, FarmInfoOf<T>>;

	/// The id of the next farm.
	#[pallet::storage]
	pub type NextFarmId<T: Config> = StorageValue<_, FarmId, ValueQuery>;

	/// Farms of each LP token that run, will run, or hold stakes; ended farms with nothing staked
	/// are pruned from it when a farm of the same LP token is created.
	// Blake2_128Concat: LP tokens are created by users through the AMM.
	#[pallet::storage]
	pub type FarmsByLpToken<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::LpToken,
		BoundedVec<FarmId, T::MaxFarmsPerLpToken>,
		ValueQuery,
	>;

	/// Stakes by account and farm. Keyed by account first, so a stake's place in the state does
	/// not depend on how many others stake in the same farm, and an account's stakes are one
	/// prefix.
	// Blake2_128Concat on the account: chosen by users; Twox64Concat on the farm: sequential ids.
	#[pallet::storage]
	pub type Stakes<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, FarmId, StakeInfoOf<T>>;

	/// Farms whose emission ends at a block, so the hook can announce it.
	// Twox64Concat: block numbers are not chosen freely by users.
	#[pallet::storage]
	pub type FarmEndings<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<FarmId, T::MaxFarmEndingsPerBlock>,
		ValueQuery,
	>;

	/// Genesis: farms that run from block 1.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Farms to create: `(lp_token, reward_asset, reward_per_block, end_block, max_total)`.
		pub farms: Vec<GenesisFarmOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (lp_token, reward_asset, rate, end, cap) in &self.farms {
				Pallet::<T>::add_farm(
					*lp_token,
					reward_asset.clone(),
					*rate,
					1u32.into(),
					*end,
					*cap,
				)
				.expect("genesis farm is valid");
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A farm was created.
		FarmCreated {
			/// The farm.
			farm_id: FarmId,
			/// The LP token it rewards staking.
			lp_token: T::LpToken,
			/// The asset it mints.
			reward_asset: T::AssetKind,
			/// Reward units per block.
			reward_per_block: T::Balance,
			/// First block that emits.
			start_block: BlockNumberFor<T>,
			/// First block that no longer emits.
			end_block: BlockNumberFor<T>,
			/// The most it will ever emit.
			max_total_rewards: T::Balance,
		},
		/// LP tokens were staked.
		Staked {
			/// The farm.
			farm_id: FarmId,
			/// The staker.
			who: T::AccountId,
			/// LP tokens added.
			amount: T::Balance,
			/// The staker's stake now.
			stake: T::Balance,
			/// The farm's total stake now.
			total_staked: T::Balance,
		},
		/// LP tokens were unstaked.
		Unstaked {
			/// The farm.
			farm_id: FarmId,
			/// The staker.
			who: T::AccountId,
			/// LP tokens returned.
			amount: T::Balance,
			/// The staker's stake now.
			stake: T::Balance,
			/// The farm's total stake now.
			total_staked: T::Balance,
		},
		/// Rewards were minted to a beneficiary.
		Claimed {
			/// The farm.
			farm_id: FarmId,
			/// The staker.
			who: T::AccountId,
			/// Who received the rewards.
			beneficiary: T::AccountId,
			/// The reward asset.
			reward_asset: T::AssetKind,
			/// Rewards minted.
			amount: T::Balance,
		},
		/// A staker took its LP tokens back and forfeited its rewards.
		EmergencyWithdrawn {
			/// The farm.
			farm_id: FarmId,
			/// The staker.
			who: T::AccountId,
			/// LP tokens returned.
			amount: T::Balance,
			/// Rewards given up.
			forfeited: T::Balance,
		},
		/// A farm's rate changed; what accrued before was settled at the old rate.
		FarmRateChanged {
			/// The farm.
			farm_id: FarmId,
			/// The previous rate.
			old_rate: T::Balance,
			/// The new rate.
			new_rate: T::Balance,
			/// The block from which the new rate applies.
			from_block: BlockNumberFor<T>,
		},
		/// A farm's end block moved later.
		FarmExtended {
			/// The farm.
			farm_id: FarmId,
			/// The new end block.
			end_block: BlockNumberFor<T>,
		},
		/// A farm stopped emitting in this block.
		FarmEnded {
			/// The farm.
			farm_id: FarmId,
			/// The first block without emission.
			at: BlockNumberFor<T>,
			/// Why it ended.
			reason: EndReason,
			/// Everything it emitted.
			total_emitted: T::Balance,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The LP token does not belong to any pool.
		UnknownLpToken,
		/// There is no farm with this id.
		FarmNotFound,
		/// The farm's blocks are wrong: the start is in the past or the end is not after the
		/// start (or, for an extension, not after the current end).
		InvalidSchedule,
		/// The reward rate or the cap is zero.
		ZeroReward,
		/// An amount is zero.
		ZeroAmount,
		/// The LP token has as many farms (running, upcoming or holding stakes) as
		/// `MaxFarmsPerLpToken` allows.
		TooManyFarms,
		/// As many farms as `MaxFarmEndingsPerBlock` allows already end in that block.
		TooManyEndingsInBlock,
		/// The account has no stake in this farm.
		NoStake,
		/// The account's stake is smaller than the amount.
		InsufficientStake,
		/// There are no rewards to claim.
		NothingToClaim,
		/// The farm no longer emits: it takes no stakes, its rate cannot change and it cannot end
		/// again.
		FarmEnded,
		/// The reward asset does not exist.
		UnknownRewardAsset,
		/// A result does not fit in the balance type.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Announces the farms whose emission ends in this block: O(farms ending now), bounded
		/// by [`Config::MaxFarmEndingsPerBlock`]; it never touches stakes.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let ending = FarmEndings::<T>::take(now);
			let count = ending.len() as u32;
			for farm_id in ending {
				if let Some(farm) = Farms::<T>::get(farm_id) {
					let schedule = Self::schedule(&farm);
					let reason =
						if schedule.ends_by_cap() { EndReason::Cap } else { EndReason::EndBlock };
					Self::deposit_event(Event::FarmEnded {
						farm_id,
						at: now,
						reason,
						total_emitted: schedule.emitted(Self::block_u64(now)).into(),
					});
				}
			}
			T::WeightInfo::on_initialize(count)
		}

		fn integrity_test() {
			assert!(T::MaxFarmsPerLpToken::get() >= 1, "MaxFarmsPerLpToken must be at least 1");
			assert!(
				T::MaxFarmEndingsPerBlock::get() >= 1,
				"MaxFarmEndingsPerBlock must be at least 1"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a farm that mints `reward_per_block` of `reward_asset` to the stakers of
		/// `lp_token` from `start_block` until `end_block` or until it has minted
		/// `max_total_rewards`.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// [`Error::UnknownLpToken`], [`Error::UnknownRewardAsset`], [`Error::ZeroReward`],
		/// [`Error::InvalidSchedule`], [`Error::TooManyFarms`], [`Error::TooManyEndingsInBlock`].
		///
		/// ## Events
		/// [`Event::FarmCreated`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_farm())]
		pub fn create_farm(
			origin: OriginFor<T>,
			lp_token: T::LpToken,
			reward_asset: T::AssetKind,
			reward_per_block: T::Balance,
			start_block: BlockNumberFor<T>,
			end_block: BlockNumberFor<T>,
			max_total_rewards: T::Balance,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_farm(
				lp_token,
				reward_asset,
				reward_per_block,
				start_block,
				end_block,
				max_total_rewards,
			)?;
			Ok(())
		}

		/// Stake `amount` LP tokens in a farm. Rewards accrued so far are settled and kept for
		/// [`Pallet::claim`].
		///
		/// ## Dispatch Origin
		/// Signed: the LP token holder.
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::ZeroAmount`], and the LP token pallet's errors when
		/// the account holds too few.
		///
		/// ## Events
		/// [`Event::Staked`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::stake())]
		pub fn stake(origin: OriginFor<T>, farm_id: FarmId, amount: T::Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_stake(&who, farm_id, amount)
		}

		/// Take `amount` staked LP tokens back. Rewards accrued so far are settled and kept for
		/// [`Pallet::claim`].
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::ZeroAmount`], [`Error::NoStake`],
		/// [`Error::InsufficientStake`].
		///
		/// ## Events
		/// [`Event::Unstaked`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unstake())]
		pub fn unstake(
			origin: OriginFor<T>,
			farm_id: FarmId,
			amount: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unstake(&who, farm_id, amount)
		}

		/// Mint the caller's accrued rewards to `beneficiary` (the caller when `None`).
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::NoStake`], [`Error::NothingToClaim`], and the reward
		/// asset's errors (e.g. an amount below its minimum balance for a new holder).
		///
		/// ## Events
		/// [`Event::Claimed`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(
			origin: OriginFor<T>,
			farm_id: FarmId,
			beneficiary: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(&who, farm_id, beneficiary)
		}

		/// Take the whole stake back at once and forfeit every unclaimed reward. Works in any
		/// state of the farm, ended ones included.
		///
		/// ## Dispatch Origin
		/// Signed: the staker.
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::NoStake`].
		///
		/// ## Events
		/// [`Event::EmergencyWithdrawn`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::emergency_withdraw())]
		pub fn emergency_withdraw(origin: OriginFor<T>, farm_id: FarmId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_emergency_withdraw(&who, farm_id)
		}

		/// Add liquidity to the farm's pool through the AMM and stake the minted LP tokens, in
		/// one call. Amounts are in the pool's asset order.
		///
		/// ## Dispatch Origin
		/// Signed: the liquidity provider.
		///
		/// ## Errors
		/// The AMM's errors for the deposit, then those of [`Pallet::stake`].
		///
		/// ## Events
		/// The AMM's liquidity event, then [`Event::Staked`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::add_liquidity_and_stake())]
		pub fn add_liquidity_and_stake(
			origin: OriginFor<T>,
			farm_id: FarmId,
			amount1_desired: T::Balance,
			amount2_desired: T::Balance,
			amount1_min: T::Balance,
			amount2_min: T::Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_liquidity_and_stake(
				&who,
				farm_id,
				amount1_desired,
				amount2_desired,
				amount1_min,
				amount2_min,
			)
		}

		/// Change a farm's rate from the current block on; what accrued before is settled at the
		/// old rate.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::ZeroReward`], [`Error::FarmEnded`],
		/// [`Error::TooManyEndingsInBlock`].
		///
		/// ## Events
		/// [`Event::FarmRateChanged`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_farm_rate())]
		pub fn set_farm_rate(
			origin: OriginFor<T>,
			farm_id: FarmId,
			reward_per_block: T::Balance,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_farm_rate(farm_id, reward_per_block)
		}

		/// Move a running farm's end block later. The cap still applies.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::FarmEnded`], [`Error::InvalidSchedule`] when the new
		/// end is not after the current one, [`Error::TooManyEndingsInBlock`].
		///
		/// ## Events
		/// [`Event::FarmExtended`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::extend_farm())]
		pub fn extend_farm(
			origin: OriginFor<T>,
			farm_id: FarmId,
			end_block: BlockNumberFor<T>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_extend_farm(farm_id, end_block)
		}

		/// End a farm now: no block from the current one on emits. Stakers keep what accrued and
		/// can still claim, unstake or withdraw.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// [`Error::FarmNotFound`], [`Error::FarmEnded`].
		///
		/// ## Events
		/// [`Event::FarmEnded`] with [`EndReason::Admin`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::end_farm())]
		pub fn end_farm(origin: OriginFor<T>, farm_id: FarmId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_end_farm(farm_id)
		}
	}
}
