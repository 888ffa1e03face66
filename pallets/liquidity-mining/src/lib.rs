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

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod math;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
		Get,
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

/// Creates LP tokens and reward assets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<LpToken, AssetKind, AccountId> {
	/// An LP token of a pool with liquidity, and `who` funded with the pool's two assets.
	fn lp_token(who: &AccountId) -> LpToken;
	/// A reward asset that exists.
	fn reward_asset() -> AssetKind;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

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
			+ Mutate<Self::AccountId>;

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

		/// Most farms (running or ended but not yet emptied) per LP token.
		#[pallet::constant]
		type MaxFarmsPerLpToken: Get<u32>;

		/// Most farms that may end in the same block (bounds the per-block hook).
		#[pallet::constant]
		type MaxFarmEndingsPerBlock: Get<u32>;

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

	/// Farms of each LP token that still exist.
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
				Pallet::<T>::do_create_farm(
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
		/// The LP token has as many farms as `MaxFarmsPerLpToken` allows.
		TooManyFarms,
		/// As many farms as `MaxFarmEndingsPerBlock` allows already end in that block.
		TooManyEndingsInBlock,
		/// The account has no stake in this farm.
		NoStake,
		/// The account's stake is smaller than the amount.
		InsufficientStake,
		/// There are no rewards to claim.
		NothingToClaim,
		/// The farm no longer emits: its rate cannot change and it cannot end again.
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
			ensure!(
				start_block >= frame_system::Pallet::<T>::block_number(),
				Error::<T>::InvalidSchedule
			);
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
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let mut stake = Stakes::<T>::get(&who, farm_id).ok_or(Error::<T>::NoStake)?;
			ensure!(stake.amount >= amount, Error::<T>::InsufficientStake);

			Self::update_farm(&mut farm);
			Self::settle(&farm, &mut stake)?;
			stake.amount -= amount;
			farm.total_staked = farm.total_staked.saturating_sub(amount);
			T::LpTokens::transfer(
				farm.lp_token,
				&Self::account_id(),
				&who,
				amount,
				Preservation::Expendable,
			)?;

			Self::deposit_event(Event::Unstaked {
				farm_id,
				who: who.clone(),
				amount,
				stake: stake.amount,
				total_staked: farm.total_staked,
			});
			Self::store(farm_id, farm, &who, stake);
			Ok(())
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
			let beneficiary = beneficiary.unwrap_or_else(|| who.clone());
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let mut stake = Stakes::<T>::get(&who, farm_id).ok_or(Error::<T>::NoStake)?;

			Self::update_farm(&mut farm);
			Self::settle(&farm, &mut stake)?;
			let amount = stake.pending;
			ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
			stake.pending = Zero::zero();
			farm.claimed = farm.claimed.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
			T::RewardAssets::mint_into(farm.reward_asset.clone(), &beneficiary, amount)?;

			Self::deposit_event(Event::Claimed {
				farm_id,
				who: who.clone(),
				beneficiary,
				reward_asset: farm.reward_asset.clone(),
				amount,
			});
			Self::store(farm_id, farm, &who, stake);
			Ok(())
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
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let stake = Stakes::<T>::get(&who, farm_id).ok_or(Error::<T>::NoStake)?;

			Self::update_farm(&mut farm);
			let (accrued, _) = math::accrue(
				stake.amount.into(),
				farm.acc_reward_per_share,
				stake.acc_paid,
				stake.carried,
			);
			let forfeited = stake.pending.saturating_add(accrued.into());
			farm.total_staked = farm.total_staked.saturating_sub(stake.amount);
			// Forfeited rewards were distributed but will never be minted.
			farm.forfeited = farm.forfeited.saturating_add(forfeited);
			T::LpTokens::transfer(
				farm.lp_token,
				&Self::account_id(),
				&who,
				stake.amount,
				Preservation::Expendable,
			)?;

			Self::deposit_event(Event::EmergencyWithdrawn {
				farm_id,
				who: who.clone(),
				amount: stake.amount,
				forfeited,
			});
			Self::store(farm_id, farm, &who, StakeInfo::default());
			Ok(())
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
			let farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let minted = T::Amm::add_liquidity(
				&who,
				&farm.lp_token,
				amount1_desired,
				amount2_desired,
				amount1_min,
				amount2_min,
			)?;
			Self::do_stake(&who, farm_id, minted)
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
			ensure!(!reward_per_block.is_zero(), Error::<T>::ZeroReward);
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(Self::effective_end(&farm) > now, Error::<T>::FarmEnded);

			Self::update_farm(&mut farm);
			let from_block = now.max(farm.start);
			let old_rate = farm.rate;
			let old_end = Self::effective_end(&farm);
			farm.emitted_before = Self::schedule(&farm).emitted(Self::block_u64(from_block)).into();
			farm.rate_since = from_block;
			farm.rate = reward_per_block;
			Self::reschedule_end(farm_id, old_end, Self::effective_end(&farm))?;
			Farms::<T>::insert(farm_id, farm);

			Self::deposit_event(Event::FarmRateChanged {
				farm_id,
				old_rate,
				new_rate: reward_per_block,
				from_block,
			});
			Ok(())
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
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			let old_end = Self::effective_end(&farm);
			ensure!(old_end > now, Error::<T>::FarmEnded);
			ensure!(end_block > farm.end, Error::<T>::InvalidSchedule);

			Self::update_farm(&mut farm);
			farm.end = end_block;
			Self::reschedule_end(farm_id, old_end, Self::effective_end(&farm))?;
			Farms::<T>::insert(farm_id, farm);

			Self::deposit_event(Event::FarmExtended { farm_id, end_block });
			Ok(())
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
			let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
			let now = frame_system::Pallet::<T>::block_number();
			let old_end = Self::effective_end(&farm);
			ensure!(old_end > now, Error::<T>::FarmEnded);

			Self::update_farm(&mut farm);
			// Emission up to this block stays; nothing after it.
			let end = now.max(farm.start);
			farm.end = end;
			FarmEndings::<T>::mutate(old_end, |ids| ids.retain(|id| *id != farm_id));
			let total_emitted = Self::schedule(&farm).emitted(Self::block_u64(end)).into();
			Farms::<T>::insert(farm_id, farm);

			Self::deposit_event(Event::FarmEnded {
				farm_id,
				at: end,
				reason: EndReason::Admin,
				total_emitted,
			});
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The pallet's account, which holds staked LP tokens.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	fn block_u64(block: frame_system::pallet_prelude::BlockNumberFor<T>) -> u64 {
		block.saturated_into()
	}

	/// A farm's emission schedule for the math.
	fn schedule(farm: &FarmInfoOf<T>) -> math::Schedule {
		math::Schedule {
			rate: farm.rate.into(),
			since: Self::block_u64(farm.rate_since),
			emitted_before: farm.emitted_before.into(),
			end: Self::block_u64(farm.end),
			cap: farm.max_total_rewards.into(),
		}
	}

	/// The first block at which the farm emits nothing.
	pub(crate) fn effective_end(
		farm: &FarmInfoOf<T>,
	) -> frame_system::pallet_prelude::BlockNumberFor<T> {
		Self::schedule(farm).effective_end().saturated_into()
	}

	/// Brings a farm's accumulator up to the current block: O(1).
	fn update_farm(farm: &mut FarmInfoOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		if now <= farm.last_update {
			return;
		}
		let schedule = Self::schedule(farm);
		let emission = schedule
			.emitted(Self::block_u64(now))
			.saturating_sub(schedule.emitted(Self::block_u64(farm.last_update)));
		let (acc, distributed) =
			math::accumulate(farm.acc_reward_per_share, emission, farm.total_staked.into());
		farm.acc_reward_per_share = acc;
		farm.distributed = farm.distributed.saturating_add(distributed.into());
		farm.undistributed = farm.undistributed.saturating_add((emission - distributed).into());
		farm.last_update = now;
	}

	/// Moves a stake's accrued whole reward units into its `pending`, carries the fraction and
	/// marks the accumulator as paid up to now.
	fn settle(farm: &FarmInfoOf<T>, stake: &mut StakeInfoOf<T>) -> sp_runtime::DispatchResult {
		let (reward, carried) = math::accrue(
			stake.amount.into(),
			farm.acc_reward_per_share,
			stake.acc_paid,
			stake.carried,
		);
		stake.pending = stake.pending.checked_add(&reward.into()).ok_or(Error::<T>::Overflow)?;
		stake.carried = carried;
		stake.acc_paid = farm.acc_reward_per_share;
		Ok(())
	}

	/// Writes a farm and a stake back; an empty stake is removed.
	fn store(farm_id: FarmId, farm: FarmInfoOf<T>, who: &T::AccountId, stake: StakeInfoOf<T>) {
		if stake.amount.is_zero() && stake.pending.is_zero() {
			Stakes::<T>::remove(who, farm_id);
		} else {
			Stakes::<T>::insert(who, farm_id, stake);
		}
		Farms::<T>::insert(farm_id, farm);
	}

	fn reschedule_end(
		farm_id: FarmId,
		old_end: frame_system::pallet_prelude::BlockNumberFor<T>,
		new_end: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> sp_runtime::DispatchResult {
		if old_end == new_end {
			return Ok(());
		}
		FarmEndings::<T>::mutate(old_end, |ids| ids.retain(|id| *id != farm_id));
		FarmEndings::<T>::try_mutate(new_end, |ids| ids.try_push(farm_id))
			.map_err(|_| Error::<T>::TooManyEndingsInBlock)?;
		Ok(())
	}

	pub(crate) fn do_create_farm(
		lp_token: T::LpToken,
		reward_asset: T::AssetKind,
		reward_per_block: T::Balance,
		start_block: frame_system::pallet_prelude::BlockNumberFor<T>,
		end_block: frame_system::pallet_prelude::BlockNumberFor<T>,
		max_total_rewards: T::Balance,
	) -> Result<FarmId, DispatchError> {
		ensure!(T::Amm::is_lp_token(&lp_token), Error::<T>::UnknownLpToken);
		ensure!(
			T::RewardAssets::asset_exists(reward_asset.clone()),
			Error::<T>::UnknownRewardAsset
		);
		ensure!(
			!reward_per_block.is_zero() && !max_total_rewards.is_zero(),
			Error::<T>::ZeroReward
		);
		ensure!(end_block > start_block, Error::<T>::InvalidSchedule);

		let farm_id = NextFarmId::<T>::get();
		let next_id = farm_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let farm = FarmInfo {
			lp_token,
			reward_asset: reward_asset.clone(),
			rate: reward_per_block,
			start: start_block,
			rate_since: start_block,
			emitted_before: Zero::zero(),
			end: end_block,
			max_total_rewards,
			total_staked: Zero::zero(),
			acc_reward_per_share: U256::zero(),
			last_update: start_block,
			distributed: Zero::zero(),
			undistributed: Zero::zero(),
			claimed: Zero::zero(),
			forfeited: Zero::zero(),
		};
		FarmsByLpToken::<T>::try_mutate(lp_token, |ids| ids.try_push(farm_id))
			.map_err(|_| Error::<T>::TooManyFarms)?;
		FarmEndings::<T>::try_mutate(Self::effective_end(&farm), |ids| ids.try_push(farm_id))
			.map_err(|_| Error::<T>::TooManyEndingsInBlock)?;

		let account = Self::account_id();
		if !frame_system::Pallet::<T>::account_exists(&account) {
			// The pallet's account holds LP tokens for as long as the chain runs.
			frame_system::Pallet::<T>::inc_providers(&account);
		}
		Farms::<T>::insert(farm_id, farm);
		NextFarmId::<T>::put(next_id);

		Self::deposit_event(Event::FarmCreated {
			farm_id,
			lp_token,
			reward_asset,
			reward_per_block,
			start_block,
			end_block,
			max_total_rewards,
		});
		Ok(farm_id)
	}

	pub(crate) fn do_stake(
		who: &T::AccountId,
		farm_id: FarmId,
		amount: T::Balance,
	) -> sp_runtime::DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let mut stake = Stakes::<T>::get(who, farm_id).unwrap_or_default();
		// The transfer below would fail too, with an arithmetic error for amounts past the
		// balance; this says what is wrong.
		ensure!(
			T::LpTokens::reducible_balance(
				farm.lp_token,
				who,
				Preservation::Expendable,
				Fortitude::Polite
			) >= amount,
			sp_runtime::TokenError::FundsUnavailable
		);

		Self::update_farm(&mut farm);
		Self::settle(&farm, &mut stake)?;
		T::LpTokens::transfer(
			farm.lp_token,
			who,
			&Self::account_id(),
			amount,
			Preservation::Expendable,
		)?;
		stake.amount = stake.amount.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		farm.total_staked = farm.total_staked.checked_add(&amount).ok_or(Error::<T>::Overflow)?;

		Self::deposit_event(Event::Staked {
			farm_id,
			who: who.clone(),
			amount,
			stake: stake.amount,
			total_staked: farm.total_staked,
		});
		Self::store(farm_id, farm, who, stake);
		Ok(())
	}

	/// Rewards `who` could claim from a farm now.
	pub fn pending_rewards(farm_id: FarmId, who: &T::AccountId) -> Option<T::Balance> {
		let mut farm = Farms::<T>::get(farm_id)?;
		let stake = Stakes::<T>::get(who, farm_id)?;
		Self::update_farm(&mut farm);
		let (accrued, _) = math::accrue(
			stake.amount.into(),
			farm.acc_reward_per_share,
			stake.acc_paid,
			stake.carried,
		);
		Some(stake.pending.saturating_add(accrued.into()))
	}

	/// A farm as the runtime API reports it, brought up to the current block.
	pub fn farm_view(farm_id: FarmId) -> Option<FarmViewOf<T>> {
		let mut farm = Farms::<T>::get(farm_id)?;
		Self::update_farm(&mut farm);
		let schedule = Self::schedule(&farm);
		let end = Self::effective_end(&farm);
		let now = frame_system::Pallet::<T>::block_number();
		Some(FarmView {
			farm_id,
			lp_token: farm.lp_token,
			reward_asset: farm.reward_asset,
			reward_per_block: farm.rate,
			start_block: farm.start,
			end_block: end,
			active: now >= farm.start && now < end,
			total_staked: farm.total_staked,
			total_emitted: schedule.emitted(Self::block_u64(now)).into(),
			remaining_rewards: schedule
				.emitted(u64::MAX)
				.saturating_sub(schedule.emitted(Self::block_u64(now)))
				.into(),
			max_total_rewards: farm.max_total_rewards,
			claimed: farm.claimed,
			initial_liquidity_locked_until: T::Amm::initial_liquidity_locked_until(&farm.lp_token),
		})
	}

	/// Every farm of an LP token.
	pub fn farms_of(lp_token: T::LpToken) -> Vec<FarmId> {
		FarmsByLpToken::<T>::get(lp_token).into_inner()
	}

	/// Every stake of an account, with its pending rewards: `(farm, stake, pending)`.
	pub fn stakes_of(who: &T::AccountId) -> Vec<(FarmId, T::Balance, T::Balance)> {
		Stakes::<T>::iter_prefix(who)
			.map(|(farm_id, stake)| {
				let pending = Self::pending_rewards(farm_id, who).unwrap_or_default();
				(farm_id, stake.amount, pending)
			})
			.collect()
	}

	/// Checks the pallet's invariants: each farm's total stake equals the sum of its stakes; the
	/// pallet's account holds every staked LP token; no farm emitted more than its schedule and
	/// cap allow, or minted more than it distributed.
	///
	/// Iterates every farm and stake: for `try-runtime` and test harnesses, never for a block.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut staked_by_farm: BTreeMap<FarmId, u128> = BTreeMap::new();
		for (_, farm_id, stake) in Stakes::<T>::iter() {
			*staked_by_farm.entry(farm_id).or_default() += Into::<u128>::into(stake.amount);
		}
		let mut staked_by_token: BTreeMap<Vec<u8>, (T::LpToken, u128)> = BTreeMap::new();
		for (farm_id, farm) in Farms::<T>::iter() {
			let sum = staked_by_farm.get(&farm_id).copied().unwrap_or_default();
			ensure!(
				sum == Into::<u128>::into(farm.total_staked),
				"a farm's total stake differs from its stakes"
			);
			let emitted = Self::schedule(&farm).emitted(Self::block_u64(farm.last_update));
			ensure!(
				Into::<u128>::into(farm.distributed) + Into::<u128>::into(farm.undistributed)
					== emitted,
				"a farm's distributed and undistributed rewards differ from its emission"
			);
			ensure!(
				emitted <= Into::<u128>::into(farm.max_total_rewards),
				"a farm emitted more than its cap"
			);
			ensure!(
				Into::<u128>::into(farm.claimed) + Into::<u128>::into(farm.forfeited)
					<= Into::<u128>::into(farm.distributed),
				"a farm paid more than it distributed"
			);
			let entry = staked_by_token
				.entry(codec::Encode::encode(&farm.lp_token))
				.or_insert((farm.lp_token, 0));
			entry.1 += sum;
		}
		for (lp_token, staked) in staked_by_token.into_values() {
			ensure!(
				Into::<u128>::into(T::LpTokens::balance(lp_token, &Self::account_id())) >= staked,
				"the pallet's account holds fewer LP tokens than are staked"
			);
		}
		Ok(())
	}
}

sp_api::decl_runtime_apis! {
	/// Queries of liquidity mining: pending rewards, farms and stakes.
	pub trait LiquidityMiningApi<AccountId, LpToken, AssetKind, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		LpToken: codec::Codec,
		AssetKind: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// Rewards `who` could claim from `farm_id` now; `None` without a stake.
		fn pending_rewards(farm_id: FarmId, who: AccountId) -> Option<Balance>;
		/// A farm's state at the current block.
		fn farm(farm_id: FarmId) -> Option<FarmView<LpToken, AssetKind, Balance, BlockNumber>>;
		/// The farms of an LP token.
		fn farms_of(lp_token: LpToken) -> Vec<FarmView<LpToken, AssetKind, Balance, BlockNumber>>;
		/// Every stake of `who`: `(farm, staked LP, pending rewards)`.
		fn stakes_of(who: AccountId) -> Vec<(FarmId, Balance, Balance)>;
		/// A farm's annual percentage rate, its rewards and stake valued in `quote` at the AMM's
		/// mid prices along the deepest routes; `None` for an unknown farm or when the reward
		/// asset or a pool asset has no route to `quote`.
		fn farm_apr(farm_id: FarmId, quote: AssetKind) -> Option<FarmApr<Balance>>;
	}
}
