//! # AMM pallet
//!
//! A constant-product automated market maker (Uniswap V2 style) over any pair of the native token
//! and assets.
//!
//! ## Overview
//!
//! - [Create a pool](`Pallet::create_pool`) for two assets with one of the governed fee tiers. The
//!   pool gets its own account and an LP token in the LP token pallet, named after the pair (e.g.
//!   `LP DEX/USDT`).
//! - [Add liquidity](`Pallet::add_liquidity`): the first deposit sets the price and mints
//!   `sqrt(a·b)` LP tokens, of which [`Config::MintMinLiquidity`] stay locked in the pool forever;
//!   later deposits keep the pool's ratio and mint `min(a·S/Ra, b·S/Rb)`.
//! - [Remove liquidity](`Pallet::remove_liquidity`): burn LP tokens for a pro-rata share of the
//!   reserves, trading fees included.
//! - Swap [an exact input](`Pallet::swap_exact_in`) or [for an exact output](`Pallet::swap_exact_out`)
//!   along a path of up to [`Config::MaxSwapPathLength`] assets, with slippage limits and an
//!   optional deadline. The fee stays in the pool, so LPs earn it pro rata.
//! - [Lock LP tokens](`Pallet::lock_lp_tokens`) until a block, a pool creator's promise not to
//!   pull its liquidity: locked tokens can be neither removed nor transferred (the pallet is the LP
//!   token pallet's freezer), and the runtime API and farms tell whether a pool's initial
//!   liquidity is locked.
//! - An admin origin sets the [allowed fee tiers](`Pallet::set_fee_tiers`) and can switch on a
//!   [protocol fee](`Pallet::set_protocol_fee`), a share of the LPs' fee income minted as LP tokens
//!   on the next liquidity change (Uniswap V2's `_mintFee`: no cost on swaps).
//!
//! A pool's reserves are its account's balances, as in pallet-asset-conversion, so a swap reads
//! the balances it moves anyway and writes nothing but them; tokens sent straight to a pool
//! account are a gift to its LPs. Each pool's price oracle (Uniswap V2's cumulative prices, with a
//! bounded ring of observations for TWAPs) is kept off the swap path: at the start of each block,
//! [`Config::MaxOraclePools`] tracked pools whose reserves changed add the price that held to
//! their accumulators. The math is in [`math`], free of storage, and the calls, the
//! [runtime API](`AmmApi`) quotes and the benchmarks all use it, so a quote always equals the
//! executed amount.
//!
//! ## Querying
//!
//! ```text
//! api.call.ammApi.quoteExactIn([{ Native: null }, { WithId: 1 }], 1_000_000_000_000n)
//! ```

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impl_swap;
mod liquidity;
mod lp_lock;
pub mod math;
mod metadata;
pub mod migrations;
#[cfg(test)]
mod mock;
mod oracle;
mod pool;
mod positions;
mod protocol_fee;
mod runtime_api;
mod swap;
#[cfg(test)]
mod tests;
mod try_state;
mod types;
pub mod valuation;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
pub use benchmarking::BenchmarkHelper;
pub use metadata::{AssetMetadata, NativeOrAssetMetadata};
pub use pallet::*;
pub use runtime_api::*;
pub use swap::CreditOf;
pub use types::*;
pub use valuation::PoolReserves;
pub use weights::WeightInfo;

use alloc::{vec, vec::Vec};
use codec::{Decode, Encode};
use frame_support::storage::{with_transaction, TransactionOutcome};
use frame_support::{
	ensure,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{self, Balanced, Create, Inspect, Mutate},
		tokens::{DepositConsequence, Fortitude, Precision, Preservation, Provenance},
		AccountTouch, Get, Incrementable, Time,
	},
	PalletId,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::U256;
use sp_runtime::{
	traits::{
		AccountIdConversion, BlakeTwo256, CheckedAdd, CheckedSub, Hash, MaybeSerializeDeserialize,
		Saturating, TrailingZeroInput, Zero,
	},
	DispatchError,
};

// The calls take the parameters of Uniswap V2's router (amounts, minimums, recipient, deadline).
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The version of the pallet's storage layout.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Balance of every asset and of LP tokens. The math runs on `u128` with 256-bit
		/// intermediates.
		type Balance: frame_support::traits::tokens::Balance + From<u128> + Into<u128>;

		/// What a pool can hold: the native token or an asset (e.g. `NativeOrWithId<u32>`).
		type AssetKind: Parameter + MaxEncodedLen + Ord + MaybeSerializeDeserialize;

		/// The native token and assets behind one `fungibles` interface (e.g. `UnionOf`).
		type Assets: Inspect<Self::AccountId, AssetId = Self::AssetKind, Balance = Self::Balance>
			+ Mutate<Self::AccountId>
			+ Balanced<Self::AccountId>
			+ AccountTouch<Self::AssetKind, Self::AccountId, Balance = Self::Balance>;

		/// Symbols and decimals of assets, to name LP tokens.
		type AssetMetadata: AssetMetadata<Self::AssetKind>;

		/// Who controls each asset a pool holds: the pool view's rug-pull signal, and the one
		/// way a reserve can empty (`try_state` allows it only for a controlled asset).
		type AssetControls: AssetControls<Self::AssetKind, Self::AccountId>;

		/// Id of LP tokens.
		type PoolAssetId: Parameter + MaxEncodedLen + Copy + Ord + Incrementable;

		/// The LP token pallet. Only this pallet creates its tokens.
		type PoolAssets: Inspect<Self::AccountId, AssetId = Self::PoolAssetId, Balance = Self::Balance>
			+ Create<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ fungibles::metadata::Mutate<Self::AccountId>
			+ AccountTouch<Self::PoolAssetId, Self::AccountId, Balance = Self::Balance>;

		/// The pallet's id: its account creates LP tokens; pool accounts derive from it.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Fee charged to a pool's creator, in [`Config::PoolSetupFeeAsset`].
		#[pallet::constant]
		type PoolSetupFee: Get<Self::Balance>;

		/// The asset the pool setup fee is paid in.
		#[pallet::constant]
		type PoolSetupFeeAsset: Get<Self::AssetKind>;

		/// The account that receives pool setup fees.
		type PoolSetupFeeReceiver: Get<Self::AccountId>;

		/// Origin that sets fee tiers and the protocol fee.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most fee tiers that can be allowed at once.
		#[pallet::constant]
		type MaxFeeTiers: Get<u32>;

		/// Fee tier, in basis points, of pools created without naming one.
		#[pallet::constant]
		type DefaultFeeTier: Get<u32>;

		/// Most assets in a swap path (at least 2).
		#[pallet::constant]
		type MaxSwapPathLength: Get<u32>;

		/// LP tokens of the first deposit locked forever in the pool's account, so the pool can
		/// never be emptied and one LP token can never be made too expensive to own.
		#[pallet::constant]
		type MintMinLiquidity: Get<Self::Balance>;

		/// The block timestamp in milliseconds (e.g. `pallet_timestamp`), the price oracle's clock.
		type Timestamp: Time<Moment = u64>;

		/// Slots in each pool's ring of price observations (at least 2).
		#[pallet::constant]
		type MaxObservations: Get<u32>;

		/// Least time in milliseconds between two observations of a pool, so the ring covers at
		/// least `(MaxObservations − 1) · ObservationPeriod` of history.
		#[pallet::constant]
		type ObservationPeriod: Get<u64>;

		/// Most pools with a price oracle. Each block's start reads all of them and updates those
		/// whose reserves changed, so this bounds that work. New pools get an oracle while there
		/// is room; the admin origin starts and stops them.
		#[pallet::constant]
		type MaxOraclePools: Get<u32>;

		/// Weights of the calls.
		type WeightInfo: WeightInfo;

		/// Creates assets for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AssetKind>;
	}

	/// Pools by id (their two assets in ascending order).
	// Blake2_128Concat: pool ids are chosen by users.
	#[pallet::storage]
	pub type Pools<T: Config> = StorageMap<_, Blake2_128Concat, PoolIdOf<T>, PoolInfoOf<T>>;

	/// The pool of each LP token.
	// Twox64Concat: LP token ids are assigned sequentially by this pallet.
	#[pallet::storage]
	pub type LpTokenPools<T: Config> = StorageMap<_, Twox64Concat, T::PoolAssetId, PoolIdOf<T>>;

	/// The id the next pool's LP token gets.
	#[pallet::storage]
	pub type NextPoolAssetId<T: Config> = StorageValue<_, T::PoolAssetId, OptionQuery>;

	/// Fee tiers, in basis points, that new pools may use.
	#[pallet::storage]
	pub type FeeTiers<T: Config> = StorageValue<_, BoundedVec<u32, T::MaxFeeTiers>, ValueQuery>;

	/// The protocol fee, when switched on.
	#[pallet::storage]
	pub type ProtocolFee<T: Config> = StorageValue<_, ProtocolFeeConfig<T::AccountId>, OptionQuery>;

	/// Each account's deposit basis in each pool, by LP token: what its position report measures
	/// fees and impermanent loss against. One entry per account and pool it deposited into.
	#[pallet::storage]
	pub type DepositBases<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		T::PoolAssetId,
		Blake2_128Concat,
		T::AccountId,
		DepositBasisOf<T>,
		OptionQuery,
	>;

	/// LP tokens locked by their holders, by LP token and account (one lock each; locking more
	/// adds to it). The LP token pallet reads it as its freezer, so locked tokens can be neither
	/// transferred nor burned before the lock's block.
	#[pallet::storage]
	pub type LpLocks<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		T::PoolAssetId,
		Blake2_128Concat,
		T::AccountId,
		LpLockOf<T>,
		OptionQuery,
	>;

	/// Each pool's first deposit, by LP token: whose lock makes the pool's initial liquidity
	/// locked. Written once per pool (the locked minimum liquidity keeps the supply above zero).
	#[pallet::storage]
	pub type InitialLiquidities<T: Config> =
		StorageMap<_, Twox64Concat, T::PoolAssetId, InitialLiquidityOf<T>, OptionQuery>;

	/// Each pool's ring of price observations, by slot (`0..MaxObservations`).
	#[pallet::storage]
	pub type Observations<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PoolIdOf<T>, Twox64Concat, u32, Observation>;

	/// The pools whose price oracle runs, in the order they got it.
	#[pallet::storage]
	pub type OraclePools<T: Config> =
		StorageValue<_, BoundedVec<PoolIdOf<T>, T::MaxOraclePools>, ValueQuery>;

	/// The price oracle of each pool in [`OraclePools`].
	#[pallet::storage]
	pub type Oracles<T: Config> = StorageMap<_, Blake2_128Concat, PoolIdOf<T>, OracleState>;

	/// Genesis: the allowed fee tiers and pools that start with liquidity.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Allowed fee tiers in basis points; empty means 5, 30 and 100.
		pub fee_tiers: Vec<u32>,
		/// Pools to create: `(asset1, asset2, fee_bps, provider, amount1, amount2)`. The provider
		/// must hold both amounts at genesis and receives the LP tokens.
		pub pools: Vec<GenesisPoolOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::build_genesis(&self.fee_tiers, &self.pools);
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A pool was created.
		PoolCreated {
			/// Who created it and paid the setup fee.
			creator: T::AccountId,
			/// The pool's assets in canonical order.
			pool_id: PoolIdOf<T>,
			/// The pool's account.
			pool_account: T::AccountId,
			/// The pool's LP token.
			lp_token: T::PoolAssetId,
			/// Trading fee in basis points.
			fee_bps: u32,
		},
		/// Liquidity was added to a pool.
		LiquidityAdded {
			/// Who deposited the assets.
			who: T::AccountId,
			/// Who received the LP tokens.
			mint_to: T::AccountId,
			/// The pool.
			pool_id: PoolIdOf<T>,
			/// Amount of `pool_id.0` deposited.
			amount1: T::Balance,
			/// Amount of `pool_id.1` deposited.
			amount2: T::Balance,
			/// The LP token.
			lp_token: T::PoolAssetId,
			/// LP tokens minted to `mint_to`.
			lp_minted: T::Balance,
			/// Reserves after the deposit.
			reserves: (T::Balance, T::Balance),
		},
		/// Liquidity was removed from a pool.
		LiquidityRemoved {
			/// Who burned the LP tokens.
			who: T::AccountId,
			/// Who received the assets.
			withdraw_to: T::AccountId,
			/// The pool.
			pool_id: PoolIdOf<T>,
			/// Amount of `pool_id.0` paid out.
			amount1: T::Balance,
			/// Amount of `pool_id.1` paid out.
			amount2: T::Balance,
			/// The LP token.
			lp_token: T::PoolAssetId,
			/// LP tokens burned.
			lp_burned: T::Balance,
			/// Reserves after the withdrawal.
			reserves: (T::Balance, T::Balance),
		},
		/// A swap was executed along a path.
		SwapExecuted {
			/// Who paid.
			who: T::AccountId,
			/// Who received the output.
			send_to: T::AccountId,
			/// Each asset of the path with the amount that entered (first) or left each pool.
			path: Vec<(T::AssetKind, T::Balance)>,
			/// Fee paid at each hop, in that hop's input asset.
			fees: Vec<T::Balance>,
			/// What the trader paid.
			amount_in: T::Balance,
			/// What the trader received.
			amount_out: T::Balance,
		},
		/// The allowed fee tiers changed.
		FeeTiersSet {
			/// The allowed tiers in basis points.
			fee_tiers: Vec<u32>,
		},
		/// The protocol fee was switched on, changed or (with `None`) switched off.
		ProtocolFeeSet {
			/// The new setting.
			config: Option<ProtocolFeeConfig<T::AccountId>>,
		},
		/// Another pallet swapped a credit (an imbalance it holds) along a path, e.g. to pay a
		/// transaction fee in an asset.
		SwapCreditExecuted {
			/// Each asset of the path with the amount that entered (first) or left each pool.
			path: Vec<(T::AssetKind, T::Balance)>,
			/// Fee paid at each hop, in that hop's input asset.
			fees: Vec<T::Balance>,
			/// What the credit paid.
			amount_in: T::Balance,
			/// What the credit received.
			amount_out: T::Balance,
		},
		/// An account locked LP tokens, or added to or extended its lock.
		LpTokensLocked {
			/// The holder.
			who: T::AccountId,
			/// The pool.
			pool_id: PoolIdOf<T>,
			/// The LP token.
			lp_token: T::PoolAssetId,
			/// LP tokens added to the lock by this call.
			amount: T::Balance,
			/// LP tokens under the lock now.
			total_locked: T::Balance,
			/// The first block at which they are free again.
			until: BlockNumberFor<T>,
		},
		/// An expired lock was cleared.
		LpTokensUnlocked {
			/// The holder.
			who: T::AccountId,
			/// The pool.
			pool_id: PoolIdOf<T>,
			/// The LP token.
			lp_token: T::PoolAssetId,
			/// LP tokens the lock held.
			amount: T::Balance,
		},
		/// A pool's price oracle was started: its accumulators and observations begin at the next
		/// block.
		PriceOracleStarted {
			/// The pool.
			pool_id: PoolIdOf<T>,
		},
		/// A pool's price oracle was stopped and its state dropped.
		PriceOracleStopped {
			/// The pool.
			pool_id: PoolIdOf<T>,
		},
		/// The protocol's share of a pool's fee income was minted as LP tokens.
		ProtocolFeeMinted {
			/// The pool.
			pool_id: PoolIdOf<T>,
			/// Who received the LP tokens.
			receiver: T::AccountId,
			/// LP tokens minted.
			lp_minted: T::Balance,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The two assets of a pool or of a swap hop are the same.
		IdenticalAssets,
		/// An asset does not exist.
		UnknownAsset,
		/// A pool of these assets already exists.
		PoolExists,
		/// There is no pool of these assets.
		PoolNotFound,
		/// The fee tier is not among the allowed ones (see `FeeTiers`).
		FeeTierNotAllowed,
		/// A fee tier is 100% or more, or a tier is listed twice, or no tier is given.
		InvalidFeeTiers,
		/// The default fee tier is not allowed by the new tiers.
		DefaultFeeTierNotAllowed,
		/// An amount is zero where it must be positive.
		ZeroAmount,
		/// The deadline block has passed.
		DeadlinePassed,
		/// The pool does not hold enough to pay the requested amount.
		InsufficientLiquidity,
		/// The first deposit is too small: its `sqrt(a·b)` does not exceed the locked minimum
		/// liquidity.
		InsufficientInitialLiquidity,
		/// The deposit would mint no LP tokens.
		ZeroLpMinted,
		/// The deposit would use less of an asset than its minimum: the pool's price moved.
		DepositBelowMinimum,
		/// The withdrawal would pay less of an asset than its minimum.
		WithdrawalBelowMinimum,
		/// The swap would pay out less than `amount_out_min`.
		AmountOutTooLow,
		/// The swap would cost more than `amount_in_max`.
		AmountInTooHigh,
		/// The path has fewer than 2 or more than `MaxSwapPathLength` assets.
		InvalidPathLength,
		/// The path goes through the same pool twice.
		PathRepeatsPool,
		/// A result does not fit in the balance type.
		Overflow,
		/// No more LP token ids are left.
		LpTokenIdsExhausted,
		/// The account does not hold that many LP tokens.
		InsufficientLpTokens,
		/// A swapped credit is not of the path's first asset.
		CreditAssetMismatch,
		/// Those LP tokens are locked until a later block (see `LpLocks`).
		LpTokensLocked,
		/// A lock must end after the current block.
		LockEndsInThePast,
		/// A lock can be extended, never shortened: `until` is before the existing lock's end.
		LockShortened,
		/// The account has no lock on that pool's LP tokens.
		NoLock,
		/// The lock has not expired yet.
		LockNotExpired,
		/// [`Config::MaxOraclePools`] pools already have a price oracle.
		OracleSlotsFull,
		/// The pool's price oracle is already running.
		OracleAlreadyStarted,
		/// The pool has no price oracle.
		NoOracle,
	}

	// Read-only queries that Polkadot.js apps and polkadot-api call from the metadata alone; the
	// runtime API (`AmmApi`) serves the same and the quotes, positions and prices.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The pool of two assets (in either order), if it exists.
		pub fn pool(asset1: T::AssetKind, asset2: T::AssetKind) -> Option<PoolViewOf<T>> {
			let pool_id = Self::pool_id(asset1, asset2).ok()?;
			Some(Self::pool_view(pool_id.clone(), Pools::<T>::get(&pool_id)?))
		}

		/// Every pool.
		pub fn pools() -> Vec<PoolViewOf<T>> {
			Pools::<T>::iter().map(|(pool_id, info)| Self::pool_view(pool_id, info)).collect()
		}

		/// `who`'s lock on the LP tokens of the pool of `asset1` and `asset2`, as stored (an
		/// expired lock binds nothing but stays until cleared).
		pub fn lp_lock(
			who: T::AccountId,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
		) -> Option<LpLockOf<T>> {
			let pool_id = Self::pool_id(asset1, asset2).ok()?;
			LpLocks::<T>::get(Pools::<T>::get(&pool_id)?.lp_token, who)
		}

		/// The first deposit into the pool of `asset1` and `asset2` and how much of it its
		/// provider keeps locked.
		pub fn initial_liquidity(
			asset1: T::AssetKind,
			asset2: T::AssetKind,
		) -> Option<InitialLiquidityLockOf<T>> {
			let pool_id = Self::pool_id(asset1, asset2).ok()?;
			Self::initial_liquidity_lock(Pools::<T>::get(&pool_id)?.lp_token)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxSwapPathLength::get() >= 2, "MaxSwapPathLength must be at least 2");
			assert!(T::MaxFeeTiers::get() >= 1, "MaxFeeTiers must be at least 1");
			assert!(T::DefaultFeeTier::get() < math::BPS, "DefaultFeeTier must be below 100%");
			assert!(!T::MintMinLiquidity::get().is_zero(), "MintMinLiquidity must be positive");
			assert!(T::MaxObservations::get() >= 2, "MaxObservations must be at least 2");
		}

		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			Self::update_oracles()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a pool for `asset1` and `asset2` with a fee of `fee_tier` basis points (or the
		/// default tier when `None`).
		///
		/// ## Dispatch Origin
		/// Signed: anyone. Pays [`Config::PoolSetupFee`] to [`Config::PoolSetupFeeReceiver`].
		///
		/// ## Details
		/// The pair is stored in ascending order; the pool gets an account derived from the
		/// pallet id and the pair, and a new LP token named after the pair.
		///
		/// ## Errors
		/// [`Error::IdenticalAssets`], [`Error::UnknownAsset`], [`Error::PoolExists`],
		/// [`Error::FeeTierNotAllowed`].
		///
		/// ## Events
		/// [`Event::PoolCreated`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_pool())]
		pub fn create_pool(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
			fee_tier: Option<u32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let fee_bps = fee_tier.unwrap_or_else(T::DefaultFeeTier::get);
			Self::do_create_pool(&who, asset1, asset2, fee_bps, true)?;
			Ok(())
		}

		/// Deposit both assets of a pool and receive LP tokens.
		///
		/// ## Dispatch Origin
		/// Signed: the depositor.
		///
		/// ## Details
		/// The first deposit sets the price and mints `sqrt(a·b)` LP tokens, of which
		/// [`Config::MintMinLiquidity`] stay locked in the pool. Later deposits use the desired
		/// amount of one asset and the amount of the other that keeps the pool's ratio, and mint
		/// `min(a·S/Ra, b·S/Rb)` LP tokens to `mint_to`. The minimums protect against the price
		/// moving before the call executes.
		///
		/// ## Errors
		/// [`Error::PoolNotFound`], [`Error::ZeroAmount`], [`Error::DeadlinePassed`],
		/// [`Error::DepositBelowMinimum`], [`Error::InsufficientInitialLiquidity`],
		/// [`Error::ZeroLpMinted`], and the asset pallets' errors for missing funds.
		///
		/// ## Events
		/// [`Event::LiquidityAdded`], and [`Event::ProtocolFeeMinted`] when the protocol fee is on.
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::add_liquidity().max(T::WeightInfo::add_liquidity_first_deposit())
		)]
		pub fn add_liquidity(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
			amount1_desired: T::Balance,
			amount2_desired: T::Balance,
			amount1_min: T::Balance,
			amount2_min: T::Balance,
			mint_to: T::AccountId,
			deadline: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			Self::do_add_liquidity(
				&who,
				asset1,
				asset2,
				amount1_desired,
				amount2_desired,
				amount1_min,
				amount2_min,
				&mint_to,
			)?;
			Ok(())
		}

		/// Burn LP tokens and receive the pro-rata share of both reserves.
		///
		/// ## Dispatch Origin
		/// Signed: the LP token holder.
		///
		/// ## Details
		/// Pays `lp·R/S` of each asset (rounded down) to `withdraw_to`.
		///
		/// ## Errors
		/// [`Error::PoolNotFound`], [`Error::ZeroAmount`], [`Error::DeadlinePassed`],
		/// [`Error::InsufficientLpTokens`], [`Error::WithdrawalBelowMinimum`].
		///
		/// ## Events
		/// [`Event::LiquidityRemoved`], and [`Event::ProtocolFeeMinted`] when the protocol fee is
		/// on.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_liquidity())]
		pub fn remove_liquidity(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
			lp_amount: T::Balance,
			amount1_min: T::Balance,
			amount2_min: T::Balance,
			withdraw_to: T::AccountId,
			deadline: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			Self::do_remove_liquidity(
				&who,
				asset1,
				asset2,
				lp_amount,
				amount1_min,
				amount2_min,
				&withdraw_to,
			)?;
			Ok(())
		}

		/// Swap exactly `amount_in` of the path's first asset for at least `amount_out_min` of its
		/// last asset.
		///
		/// ## Dispatch Origin
		/// Signed: the trader.
		///
		/// ## Details
		/// `path` lists 2 to [`Config::MaxSwapPathLength`] assets; each neighbouring pair must
		/// have a pool and no pool may appear twice. With `keep_alive` the trader's account is
		/// never reaped. A failed hop reverts the whole swap.
		///
		/// ## Errors
		/// [`Error::InvalidPathLength`], [`Error::PathRepeatsPool`], [`Error::PoolNotFound`],
		/// [`Error::ZeroAmount`], [`Error::DeadlinePassed`], [`Error::AmountOutTooLow`],
		/// [`Error::InsufficientLiquidity`].
		///
		/// ## Events
		/// [`Event::SwapExecuted`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::swap_exact_in(path.len() as u32))]
		pub fn swap_exact_in(
			origin: OriginFor<T>,
			path: Vec<T::AssetKind>,
			amount_in: T::Balance,
			amount_out_min: T::Balance,
			send_to: T::AccountId,
			keep_alive: bool,
			deadline: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			Self::do_swap_exact_in(&who, path, amount_in, amount_out_min, &send_to, keep_alive)?;
			Ok(())
		}

		/// Swap at most `amount_in_max` of the path's first asset for exactly `amount_out` of its
		/// last asset.
		///
		/// ## Dispatch Origin
		/// Signed: the trader.
		///
		/// ## Details
		/// As [`Pallet::swap_exact_in`], with the amounts computed backwards from the output; each
		/// hop's input rounds up, in the pool's favour.
		///
		/// ## Errors
		/// As [`Pallet::swap_exact_in`], with [`Error::AmountInTooHigh`] for the slippage limit.
		///
		/// ## Events
		/// [`Event::SwapExecuted`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::swap_exact_out(path.len() as u32))]
		pub fn swap_exact_out(
			origin: OriginFor<T>,
			path: Vec<T::AssetKind>,
			amount_out: T::Balance,
			amount_in_max: T::Balance,
			send_to: T::AccountId,
			keep_alive: bool,
			deadline: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::ensure_deadline(deadline)?;
			Self::do_swap_exact_out(&who, path, amount_out, amount_in_max, &send_to, keep_alive)?;
			Ok(())
		}

		/// Set the fee tiers, in basis points, that new pools may use. Existing pools keep theirs.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Errors
		/// [`Error::InvalidFeeTiers`] for an empty list, a duplicate or a tier of 100% or more;
		/// [`Error::DefaultFeeTierNotAllowed`] when the list leaves out the default tier.
		///
		/// ## Events
		/// [`Event::FeeTiersSet`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_fee_tiers())]
		pub fn set_fee_tiers(
			origin: OriginFor<T>,
			fee_tiers: BoundedVec<u32, T::MaxFeeTiers>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_fee_tiers(fee_tiers)
		}

		/// Switch the protocol fee on (or change it) with `Some`, or off with `None`.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// While on, `share` of the LPs' fee income is minted as LP tokens to `receiver` at each
		/// pool's next liquidity change, as Uniswap V2 does; swaps pay nothing extra. Fees earned
		/// before the switch are not charged.
		///
		/// ## Errors
		/// [`Error::InvalidFeeTiers`] is not used here; a share of zero is refused with
		/// [`Error::ZeroAmount`].
		///
		/// ## Events
		/// [`Event::ProtocolFeeSet`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_protocol_fee())]
		pub fn set_protocol_fee(
			origin: OriginFor<T>,
			config: Option<ProtocolFeeConfig<T::AccountId>>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_protocol_fee(config)
		}

		/// Lock `amount` of the caller's LP tokens of a pool until block `until`: a pool creator's
		/// promise not to pull its liquidity (a rug-pull guard), visible to every trader and farm.
		///
		/// ## Dispatch Origin
		/// Signed: the LP token holder.
		///
		/// ## Details
		/// Each account has one lock per pool. Locking again adds `amount` to a running lock and
		/// moves its end to `until`, which may extend the lock but never shorten it; `amount` may
		/// be zero to only extend it. Until then, the locked tokens can be neither removed from
		/// the pool nor transferred (the LP token pallet reads the lock as a freeze), so they
		/// cannot be staked in farms either. A lock that has expired counts as none.
		///
		/// ## Errors
		/// [`Error::PoolNotFound`], [`Error::LockEndsInThePast`], [`Error::ZeroAmount`] (no
		/// amount and no running lock), [`Error::LockShortened`], [`Error::Overflow`],
		/// [`Error::InsufficientLpTokens`] (the lock would cover more than the account holds).
		///
		/// ## Events
		/// [`Event::LpTokensLocked`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::lock_lp_tokens())]
		pub fn lock_lp_tokens(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
			amount: T::Balance,
			until: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_lock_lp_tokens(&who, asset1, asset2, amount, until)?;
			Ok(())
		}

		/// Clear the caller's expired lock on a pool's LP tokens.
		///
		/// ## Dispatch Origin
		/// Signed: the lock's holder.
		///
		/// ## Details
		/// An expired lock already binds nothing; clearing it removes its record, so the runtime
		/// API and block explorers stop showing it.
		///
		/// ## Errors
		/// [`Error::PoolNotFound`], [`Error::NoLock`], [`Error::LockNotExpired`].
		///
		/// ## Events
		/// [`Event::LpTokensUnlocked`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::unlock_lp_tokens())]
		pub fn unlock_lp_tokens(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlock_lp_tokens(who, asset1, asset2)
		}

		/// Start (`enabled`) or stop the price oracle of the pool of `asset1` and `asset2`.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// A started oracle accumulates prices from the next block's start on; its TWAPs begin
		/// with its first observation. Stopping one drops its accumulators and observations' index
		/// and frees its slot for another pool.
		///
		/// ## Errors
		/// [`Error::PoolNotFound`], [`Error::OracleAlreadyStarted`], [`Error::OracleSlotsFull`],
		/// [`Error::NoOracle`].
		///
		/// ## Events
		/// [`Event::PriceOracleStarted`] or [`Event::PriceOracleStopped`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_price_oracle())]
		pub fn set_price_oracle(
			origin: OriginFor<T>,
			asset1: T::AssetKind,
			asset2: T::AssetKind,
			enabled: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_price_oracle(asset1, asset2, enabled)
		}
	}
}
