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
mod lp_lock;
pub mod math;
pub mod migrations;
#[cfg(test)]
mod mock;
mod swap_traits;
#[cfg(test)]
mod tests;
mod types;
pub mod valuation;
pub mod weights;

pub use pallet::*;
pub use types::*;
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
		Get, Incrementable, Time,
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

/// The symbols and decimals of assets, used to name LP tokens (`LP DEX/USDT`).
pub trait AssetMetadata<AssetKind> {
	/// The asset's ticker symbol, e.g. `DEX` or `USDT`.
	fn symbol(asset: &AssetKind) -> Vec<u8>;
	/// The asset's number of decimals.
	fn decimals(asset: &AssetKind) -> u8;
}

impl<AssetKind> AssetMetadata<AssetKind> for () {
	fn symbol(_: &AssetKind) -> Vec<u8> {
		b"?".to_vec()
	}
	fn decimals(_: &AssetKind) -> u8 {
		0
	}
}

/// [`AssetMetadata`] for `NativeOrWithId` assets: the native token's symbol and decimals are
/// constants, assets' come from their metadata in `Assets`.
pub struct NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>(
	core::marker::PhantomData<(NativeSymbol, NativeDecimals, Assets, AccountId)>,
);

impl<NativeSymbol, NativeDecimals, Assets, AccountId, AssetId>
	AssetMetadata<NativeOrWithId<AssetId>>
	for NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>
where
	NativeSymbol: Get<&'static str>,
	NativeDecimals: Get<u8>,
	Assets: fungibles::metadata::Inspect<AccountId, AssetId = AssetId>,
	AssetId: Ord + Clone,
{
	fn symbol(asset: &NativeOrWithId<AssetId>) -> Vec<u8> {
		match asset {
			NativeOrWithId::Native => NativeSymbol::get().as_bytes().to_vec(),
			NativeOrWithId::WithId(id) => Assets::symbol(id.clone()),
		}
	}
	fn decimals(asset: &NativeOrWithId<AssetId>) -> u8 {
		match asset {
			NativeOrWithId::Native => NativeDecimals::get(),
			NativeOrWithId::WithId(id) => Assets::decimals(id.clone()),
		}
	}
}

/// Creates and funds assets for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AssetKind> {
	/// The asset numbered `seed`, created if it does not exist yet (`0` may be the native token).
	fn create_asset(seed: u32) -> AssetKind;
	/// Sets the clock that [`Config::Timestamp`] reads, in milliseconds.
	fn set_timestamp(ms: u64);
}

/// The longest symbol of an asset kept in an LP token's name.
const MAX_SYMBOL_LEN: usize = 16;

/// A pool as route pricing sees it: `(asset1, asset2, reserve1, reserve2)`.
pub type PoolReserves<AssetKind> = (AssetKind, AssetKind, u128, u128);

/// A route being searched: the asset it has reached, the assets it visited, and each hop's
/// `(reserve in, reserve out)`.
type PartialRoute<AssetKind> = (AssetKind, Vec<AssetKind>, Vec<(u128, u128)>);

/// Most partial routes [`Pallet::route_price_among`] extends per hop count: bounds the search
/// however many pools there are.
const MAX_ROUTES: usize = 1_024;

// The calls take the parameters of Uniswap V2's router (amounts, minimums, recipient, deadline).
#[allow(clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_arithmetic::Permill;

	/// A pool's id: its two assets in ascending order.
	pub type PoolIdOf<T> = (<T as Config>::AssetKind, <T as Config>::AssetKind);
	/// A pool's stored state.
	pub type PoolInfoOf<T> = PoolInfo<<T as Config>::PoolAssetId>;
	/// A pool as the runtime API reports it.
	pub type PoolViewOf<T> = PoolView<
		<T as Config>::AssetKind,
		<T as Config>::PoolAssetId,
		<T as Config>::Balance,
		<T as frame_system::Config>::AccountId,
	>;
	/// An account's deposit basis in one pool.
	pub type DepositBasisOf<T> = DepositBasis<<T as Config>::Balance>;
	/// A position as the runtime API reports it.
	pub type PositionReportOf<T> = PositionReport<
		<T as Config>::AssetKind,
		<T as Config>::PoolAssetId,
		<T as Config>::Balance,
	>;
	/// An account's lock on LP tokens.
	pub type LpLockOf<T> = LpLock<<T as Config>::Balance, BlockNumberFor<T>>;
	/// A pool's first deposit.
	pub type InitialLiquidityOf<T> =
		InitialLiquidity<<T as frame_system::Config>::AccountId, <T as Config>::Balance>;
	/// A pool's initial liquidity and its lock, as the runtime API reports it.
	pub type InitialLiquidityLockOf<T> = InitialLiquidityLock<
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		BlockNumberFor<T>,
	>;
	/// A pool to create at genesis: `(asset1, asset2, fee_bps, provider, amount1, amount2)`.
	pub type GenesisPoolOf<T> = (
		<T as Config>::AssetKind,
		<T as Config>::AssetKind,
		u32,
		<T as frame_system::Config>::AccountId,
		<T as Config>::Balance,
		<T as Config>::Balance,
	);

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
			+ Balanced<Self::AccountId>;

		/// Symbols and decimals of assets, to name LP tokens.
		type AssetMetadata: AssetMetadata<Self::AssetKind>;

		/// Id of LP tokens.
		type PoolAssetId: Parameter + MaxEncodedLen + Copy + Ord + Incrementable;

		/// The LP token pallet. Only this pallet creates its tokens.
		type PoolAssets: Inspect<Self::AccountId, AssetId = Self::PoolAssetId, Balance = Self::Balance>
			+ Create<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ fungibles::metadata::Mutate<Self::AccountId>;

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
			let tiers =
				if self.fee_tiers.is_empty() { vec![5, 30, 100] } else { self.fee_tiers.clone() };
			let tiers: BoundedVec<u32, T::MaxFeeTiers> =
				tiers.try_into().expect("genesis fee tiers exceed MaxFeeTiers");
			Pallet::<T>::validate_fee_tiers(&tiers).expect("genesis fee tiers are invalid");
			FeeTiers::<T>::put(tiers);

			for (asset1, asset2, fee_bps, provider, amount1, amount2) in &self.pools {
				Pallet::<T>::do_create_pool(
					provider,
					asset1.clone(),
					asset2.clone(),
					*fee_bps,
					false,
				)
				.expect("genesis pool cannot be created");
				Pallet::<T>::do_add_liquidity(
					provider,
					asset1.clone(),
					asset2.clone(),
					*amount1,
					*amount2,
					Zero::zero(),
					Zero::zero(),
					provider,
				)
				.expect("genesis pool liquidity cannot be added");
			}
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
			Self::validate_fee_tiers(&fee_tiers)?;
			FeeTiers::<T>::put(&fee_tiers);
			Self::deposit_event(Event::FeeTiersSet { fee_tiers: fee_tiers.into_inner() });
			Ok(())
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
			if let Some(config) = &config {
				ensure!(config.share > Permill::zero(), Error::<T>::ZeroAmount);
			}
			ProtocolFee::<T>::set(config.clone());
			Self::deposit_event(Event::ProtocolFeeSet { config });
			Ok(())
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
			let pool_id = Self::pool_id(asset1, asset2)?;
			let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
			let lock = LpLocks::<T>::get(info.lp_token, &who).ok_or(Error::<T>::NoLock)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= lock.until, Error::<T>::LockNotExpired);
			LpLocks::<T>::remove(info.lp_token, &who);
			Self::deposit_event(Event::LpTokensUnlocked {
				who,
				pool_id,
				lp_token: info.lp_token,
				amount: lock.amount,
			});
			Ok(())
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
			let pool_id = Self::pool_id(asset1, asset2)?;
			ensure!(Pools::<T>::contains_key(&pool_id), Error::<T>::PoolNotFound);
			if enabled {
				Self::start_oracle(&pool_id)
			} else {
				Self::stop_oracle(&pool_id)
			}
		}
	}
}

/// A swap path resolved against storage: each hop's pool and the direction of travel.
struct Hop<T: Config> {
	pool_id: PoolIdOf<T>,
	/// The pool's account, which holds its reserves.
	account: T::AccountId,
	fee_bps: u32,
	asset_in: T::AssetKind,
	asset_out: T::AssetKind,
	/// The pool's reserves of `asset_in` and `asset_out`.
	reserves: (u128, u128),
}

impl<T: Config> Hop<T> {
	/// `(reserve_in, reserve_out, fee_bps)` as the math expects it.
	fn math_view(&self) -> (u128, u128, u32) {
		(self.reserves.0, self.reserves.1, self.fee_bps)
	}
}

impl<T: Config> Pallet<T> {
	/// The pool id of two assets: in ascending order.
	pub fn pool_id(asset1: T::AssetKind, asset2: T::AssetKind) -> Result<PoolIdOf<T>, Error<T>> {
		ensure!(asset1 != asset2, Error::<T>::IdenticalAssets);
		Ok(if asset1 < asset2 { (asset1, asset2) } else { (asset2, asset1) })
	}

	/// The account holding a pool's reserves: the account whose id is
	/// `blake2_256((pallet id, "pool", pool id))`, as wide as the account id type allows.
	pub fn pool_account(pool_id: &PoolIdOf<T>) -> T::AccountId {
		let hash = BlakeTwo256::hash(&(T::PalletId::get(), b"pool", pool_id).encode()).0;
		// Decoding from a zero-padded input cannot fail for fixed-width account ids; the
		// fallback only keeps this infallible for exotic ones.
		T::AccountId::decode(&mut TrailingZeroInput::new(&hash))
			.unwrap_or_else(|_| T::PalletId::get().into_sub_account_truncating(hash))
	}

	/// The pallet's own account, the admin of every LP token.
	pub fn pallet_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	fn ensure_deadline(deadline: Option<BlockNumberFor<T>>) -> Result<(), Error<T>> {
		if let Some(deadline) = deadline {
			ensure!(
				frame_system::Pallet::<T>::block_number() <= deadline,
				Error::<T>::DeadlinePassed
			);
		}
		Ok(())
	}

	fn validate_fee_tiers(tiers: &[u32]) -> Result<(), Error<T>> {
		ensure!(!tiers.is_empty(), Error::<T>::InvalidFeeTiers);
		for (i, tier) in tiers.iter().enumerate() {
			ensure!(*tier < math::BPS, Error::<T>::InvalidFeeTiers);
			ensure!(!tiers[..i].contains(tier), Error::<T>::InvalidFeeTiers);
		}
		ensure!(tiers.contains(&T::DefaultFeeTier::get()), Error::<T>::DefaultFeeTierNotAllowed);
		Ok(())
	}

	fn to_balance(value: u128) -> T::Balance {
		value.into()
	}

	fn math_error(error: math::MathError) -> DispatchError {
		match error {
			math::MathError::ZeroAmount => Error::<T>::ZeroAmount.into(),
			math::MathError::InsufficientLiquidity => Error::<T>::InsufficientLiquidity.into(),
			math::MathError::Overflow => Error::<T>::Overflow.into(),
			math::MathError::InvalidFee => Error::<T>::InvalidFeeTiers.into(),
		}
	}

	/// Creates a pool; `charge_fee` is false only at genesis.
	pub(crate) fn do_create_pool(
		creator: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		fee_bps: u32,
		charge_fee: bool,
	) -> Result<PoolIdOf<T>, DispatchError> {
		let pool_id = Self::pool_id(asset1, asset2)?;
		ensure!(!Pools::<T>::contains_key(&pool_id), Error::<T>::PoolExists);
		ensure!(FeeTiers::<T>::get().contains(&fee_bps), Error::<T>::FeeTierNotAllowed);
		ensure!(T::Assets::asset_exists(pool_id.0.clone()), Error::<T>::UnknownAsset);
		ensure!(T::Assets::asset_exists(pool_id.1.clone()), Error::<T>::UnknownAsset);

		let lp_token = match NextPoolAssetId::<T>::get() {
			Some(id) => id,
			None => T::PoolAssetId::initial_value().ok_or(Error::<T>::LpTokenIdsExhausted)?,
		};
		let next_lp_token = lp_token.increment().ok_or(Error::<T>::LpTokenIdsExhausted)?;

		if charge_fee {
			let fee = T::PoolSetupFee::get();
			if !fee.is_zero() {
				T::Assets::transfer(
					T::PoolSetupFeeAsset::get(),
					creator,
					&T::PoolSetupFeeReceiver::get(),
					fee,
					Preservation::Preserve,
				)?;
			}
		}

		let pool_account = Self::pool_account(&pool_id);
		// The pool's account must exist for as long as the pool does, whatever it holds.
		frame_system::Pallet::<T>::inc_providers(&pool_account);

		let admin = Self::pallet_account();
		T::PoolAssets::create(lp_token, admin.clone(), false, 1u128.into())?;
		let (symbol1, symbol2) = (Self::short_symbol(&pool_id.0), Self::short_symbol(&pool_id.1));
		let name = [b"LP ".as_slice(), &symbol1, b"/", &symbol2].concat();
		let symbol = [b"LP-".as_slice(), &symbol1, b"-", &symbol2].concat();
		let decimals = ((T::AssetMetadata::decimals(&pool_id.0) as u16
			+ T::AssetMetadata::decimals(&pool_id.1) as u16)
			/ 2) as u8;
		<T::PoolAssets as fungibles::metadata::Mutate<T::AccountId>>::set(
			lp_token, &admin, name, symbol, decimals,
		)?;

		Pools::<T>::insert(&pool_id, PoolInfo { lp_token, fee_bps, root_k_last: U256::zero() });
		LpTokenPools::<T>::insert(lp_token, &pool_id);
		NextPoolAssetId::<T>::put(next_lp_token);

		Self::deposit_event(Event::PoolCreated {
			creator: creator.clone(),
			pool_id: pool_id.clone(),
			pool_account,
			lp_token,
			fee_bps,
		});
		// New pools get a price oracle while there is room; once the slots are full, the admin
		// origin chooses which pools keep one.
		if (OraclePools::<T>::decode_len().unwrap_or(0) as u32) < T::MaxOraclePools::get() {
			Self::start_oracle(&pool_id)?;
		}
		Ok(pool_id)
	}

	/// A pool's reserves: its account's balances of its two assets, in the pool's order.
	pub fn reserves(pool_id: &PoolIdOf<T>) -> (T::Balance, T::Balance) {
		Self::reserves_in(pool_id, &Self::pool_account(pool_id))
	}

	/// [`Self::reserves`] of a pool whose account, `account`, the caller already has.
	fn reserves_in(pool_id: &PoolIdOf<T>, account: &T::AccountId) -> (T::Balance, T::Balance) {
		(
			T::Assets::balance(pool_id.0.clone(), account),
			T::Assets::balance(pool_id.1.clone(), account),
		)
	}

	/// LP tokens of a pool in existence, the locked minimum liquidity included.
	pub fn lp_supply(lp_token: T::PoolAssetId) -> T::Balance {
		T::PoolAssets::total_issuance(lp_token)
	}

	/// Starts a pool's price oracle: it takes a slot and begins at the next block's start.
	fn start_oracle(pool_id: &PoolIdOf<T>) -> sp_runtime::DispatchResult {
		ensure!(!Oracles::<T>::contains_key(pool_id), Error::<T>::OracleAlreadyStarted);
		OraclePools::<T>::try_append(pool_id).map_err(|_| Error::<T>::OracleSlotsFull)?;
		// An empty ring: slots a stopped oracle of this pool left behind are never read.
		Oracles::<T>::insert(pool_id, OracleState::default());
		Self::deposit_event(Event::PriceOracleStarted { pool_id: pool_id.clone() });
		Ok(())
	}

	/// Stops a pool's price oracle and frees its slot.
	fn stop_oracle(pool_id: &PoolIdOf<T>) -> sp_runtime::DispatchResult {
		ensure!(Oracles::<T>::take(pool_id).is_some(), Error::<T>::NoOracle);
		OraclePools::<T>::mutate(|pools| pools.retain(|tracked| tracked != pool_id));
		Self::deposit_event(Event::PriceOracleStopped { pool_id: pool_id.clone() });
		Ok(())
	}

	/// Brings the oracles of the tracked pools up to the start of this block: the previous
	/// block's timestamp is still `Timestamp::now()` here, so each pool with liquidity whose
	/// reserves differ from those its oracle last saw credits the old price with the time it held
	/// until then and records the new reserves, and an observation when one is due. Reads every tracked pool
	/// (at most [`Config::MaxOraclePools`]); writes only those that changed. Returns the weight
	/// of the worst case, every tracked pool changed.
	pub(crate) fn update_oracles() -> frame_support::weights::Weight {
		let pools = OraclePools::<T>::get();
		let weight = T::WeightInfo::update_oracles(pools.len() as u32);
		let now = T::Timestamp::now();
		if now == 0 {
			return weight;
		}
		for pool_id in pools {
			let Some(mut oracle) = Oracles::<T>::get(&pool_id) else { continue };
			let (reserve1, reserve2) = Self::reserves(&pool_id);
			let reserves: (u128, u128) = (reserve1.into(), reserve2.into());
			// An empty pool has no price to track yet; an unchanged one adds nothing new.
			let unchanged =
				oracle.updated_at != 0 && (reserves == oracle.reserves || now <= oracle.updated_at);
			if reserves.0 == 0 || reserves.1 == 0 || unchanged {
				continue;
			}
			Self::update_oracle(&pool_id, &mut oracle, now, reserves);
			Oracles::<T>::insert(&pool_id, oracle);
		}
		weight
	}

	fn short_symbol(asset: &T::AssetKind) -> Vec<u8> {
		let mut symbol = T::AssetMetadata::symbol(asset);
		symbol.truncate(MAX_SYMBOL_LEN);
		symbol
	}

	/// Mints the protocol's share of the pool's fee income since the last liquidity change, if
	/// the protocol fee is on. Returns whether it is on.
	/// `reserves` are the pool's, and `lp_supply` its LP supply, which grows by what is minted.
	fn mint_protocol_fee(
		pool_id: &PoolIdOf<T>,
		info: &PoolInfoOf<T>,
		reserves: (T::Balance, T::Balance),
		lp_supply: &mut T::Balance,
	) -> Result<bool, DispatchError> {
		let Some(config) = ProtocolFee::<T>::get() else { return Ok(false) };
		let minted = math::protocol_fee_lp(
			info.root_k_last,
			reserves.0.into(),
			reserves.1.into(),
			(*lp_supply).into(),
			config.share.deconstruct(),
		)
		.map_err(Self::math_error)?;
		let minted = Self::to_balance(minted);
		// A receiver that cannot hold the LP token (e.g. an account that was reaped) forgoes this
		// interval's fee, which stays with the LPs: liquidity changes must never be blocked by it.
		let receivable =
			T::PoolAssets::can_deposit(info.lp_token, &config.receiver, minted, Provenance::Minted)
				== DepositConsequence::Success;
		if !minted.is_zero() && receivable {
			T::PoolAssets::mint_into(info.lp_token, &config.receiver, minted)?;
			*lp_supply = lp_supply.checked_add(&minted).ok_or(Error::<T>::Overflow)?;
			Self::deposit_event(Event::ProtocolFeeMinted {
				pool_id: pool_id.clone(),
				receiver: config.receiver,
				lp_minted: minted,
			});
		}
		Ok(true)
	}

	/// Adds liquidity; the amounts and minimums are in the caller's asset order.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_add_liquidity(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
		mint_to: &T::AccountId,
	) -> Result<T::Balance, DispatchError> {
		let pool_id = Self::pool_id(asset1.clone(), asset2)?;
		let in_order = pool_id.0 == asset1;
		// Work in the pool's order from here on.
		let (desired1, desired2, min1, min2) = if in_order {
			(amount1_desired, amount2_desired, amount1_min, amount2_min)
		} else {
			(amount2_desired, amount1_desired, amount2_min, amount1_min)
		};
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(!desired1.is_zero() && !desired2.is_zero(), Error::<T>::ZeroAmount);

		let pool_account = Self::pool_account(&pool_id);
		let mut lp_supply = Self::lp_supply(info.lp_token);
		let first_deposit = lp_supply.is_zero();
		// Before the first deposit, tokens already in the pool's account are a gift to its first
		// LP: the deposit sets the price with the amounts asked for.
		let reserves = if first_deposit {
			(Zero::zero(), Zero::zero())
		} else {
			Self::reserves_in(&pool_id, &pool_account)
		};
		let fee_on = Self::mint_protocol_fee(&pool_id, &info, reserves, &mut lp_supply)?;
		let (amount1, amount2) = math::optimal_deposit(
			desired1.into(),
			desired2.into(),
			reserves.0.into(),
			reserves.1.into(),
		)
		.map_err(Self::math_error)?;
		let (amount1, amount2) = (Self::to_balance(amount1), Self::to_balance(amount2));
		ensure!(!amount1.is_zero() && !amount2.is_zero(), Error::<T>::ZeroLpMinted);
		ensure!(amount1 >= min1 && amount2 >= min2, Error::<T>::DepositBelowMinimum);

		let lp_minted = if first_deposit {
			let total =
				math::initial_lp(amount1.into(), amount2.into()).map_err(Self::math_error)?;
			let locked = T::MintMinLiquidity::get();
			let lp_minted = Self::to_balance(total)
				.checked_sub(&locked)
				.filter(|lp| !lp.is_zero())
				.ok_or(Error::<T>::InsufficientInitialLiquidity)?;
			T::PoolAssets::mint_into(info.lp_token, &pool_account, locked)?;
			lp_supply = locked;
			lp_minted
		} else {
			let lp = math::lp_for_deposit(
				amount1.into(),
				amount2.into(),
				reserves.0.into(),
				reserves.1.into(),
				lp_supply.into(),
			)
			.map_err(Self::math_error)?;
			ensure!(lp > 0, Error::<T>::ZeroLpMinted);
			Self::to_balance(lp)
		};

		T::Assets::transfer(
			pool_id.0.clone(),
			who,
			&pool_account,
			amount1,
			Preservation::Preserve,
		)?;
		T::Assets::transfer(
			pool_id.1.clone(),
			who,
			&pool_account,
			amount2,
			Preservation::Preserve,
		)?;
		T::PoolAssets::mint_into(info.lp_token, mint_to, lp_minted)?;

		let lp_supply = lp_supply.checked_add(&lp_minted).ok_or(Error::<T>::Overflow)?;
		let reserves = Self::reserves_in(&pool_id, &pool_account);
		let lp_token = info.lp_token;
		Self::set_root_k_last(&pool_id, info, fee_on, reserves);
		let root_k = valuation::root_k_share(
			lp_minted.into(),
			(reserves.0.into(), reserves.1.into()),
			lp_supply.into(),
		);
		if first_deposit {
			InitialLiquidities::<T>::insert(
				lp_token,
				InitialLiquidity { provider: mint_to.clone(), lp_minted },
			);
		}
		DepositBases::<T>::mutate(lp_token, mint_to, |basis| {
			let basis = basis.get_or_insert_with(Default::default);
			basis.lp = basis.lp.saturating_add(lp_minted);
			basis.amounts.0 = basis.amounts.0.saturating_add(amount1);
			basis.amounts.1 = basis.amounts.1.saturating_add(amount2);
			basis.root_k = basis.root_k.saturating_add(Self::to_balance(root_k));
		});

		Self::deposit_event(Event::LiquidityAdded {
			who: who.clone(),
			mint_to: mint_to.clone(),
			pool_id,
			amount1,
			amount2,
			lp_token,
			lp_minted,
			reserves,
		});
		Ok(lp_minted)
	}

	/// Records `sqrt(k)` after a liquidity change while the protocol fee is on (zero while it is
	/// off), writing the pool only when that changes it.
	fn set_root_k_last(
		pool_id: &PoolIdOf<T>,
		mut info: PoolInfoOf<T>,
		fee_on: bool,
		reserves: (T::Balance, T::Balance),
	) {
		let root_k_last =
			if fee_on { math::root_k(reserves.0.into(), reserves.1.into()) } else { U256::zero() };
		if root_k_last != info.root_k_last {
			info.root_k_last = root_k_last;
			Pools::<T>::insert(pool_id, info);
		}
	}

	/// Removes liquidity; the minimums are in the caller's asset order.
	pub(crate) fn do_remove_liquidity(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		lp_amount: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
		withdraw_to: &T::AccountId,
	) -> Result<(T::Balance, T::Balance), DispatchError> {
		let pool_id = Self::pool_id(asset1.clone(), asset2)?;
		let in_order = pool_id.0 == asset1;
		let (min1, min2) =
			if in_order { (amount1_min, amount2_min) } else { (amount2_min, amount1_min) };
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(!lp_amount.is_zero(), Error::<T>::ZeroAmount);
		let lp_held = T::PoolAssets::balance(info.lp_token, who);
		ensure!(lp_held >= lp_amount, Error::<T>::InsufficientLpTokens);
		let locked = Self::locked_lp_tokens(info.lp_token, who);
		ensure!(lp_held.saturating_sub(locked) >= lp_amount, Error::<T>::LpTokensLocked);

		let pool_account = Self::pool_account(&pool_id);
		let reserves = Self::reserves_in(&pool_id, &pool_account);
		let mut lp_supply = Self::lp_supply(info.lp_token);
		let fee_on = Self::mint_protocol_fee(&pool_id, &info, reserves, &mut lp_supply)?;
		let (amount1, amount2) = math::withdrawal(
			lp_amount.into(),
			reserves.0.into(),
			reserves.1.into(),
			lp_supply.into(),
		)
		.map_err(Self::math_error)?;
		let (amount1, amount2) = (Self::to_balance(amount1), Self::to_balance(amount2));
		ensure!(!amount1.is_zero() && !amount2.is_zero(), Error::<T>::ZeroAmount);
		ensure!(amount1 >= min1 && amount2 >= min2, Error::<T>::WithdrawalBelowMinimum);

		T::PoolAssets::burn_from(
			info.lp_token,
			who,
			lp_amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		T::Assets::transfer(
			pool_id.0.clone(),
			&pool_account,
			withdraw_to,
			amount1,
			Preservation::Preserve,
		)?;
		T::Assets::transfer(
			pool_id.1.clone(),
			&pool_account,
			withdraw_to,
			amount2,
			Preservation::Preserve,
		)?;

		let reserves = Self::reserves_in(&pool_id, &pool_account);
		let lp_token = info.lp_token;
		Self::set_root_k_last(&pool_id, info, fee_on, reserves);
		Self::consume_basis(lp_token, who, lp_amount, lp_held);

		Self::deposit_event(Event::LiquidityRemoved {
			who: who.clone(),
			withdraw_to: withdraw_to.clone(),
			pool_id,
			amount1,
			amount2,
			lp_token,
			lp_burned: lp_amount,
			reserves,
		});
		Ok((amount1, amount2))
	}

	/// Resolves a path into hops with their pools, checking its length and that no pool repeats.
	fn resolve_path(path: &[T::AssetKind]) -> Result<Vec<Hop<T>>, DispatchError> {
		ensure!(
			path.len() >= 2 && path.len() <= T::MaxSwapPathLength::get() as usize,
			Error::<T>::InvalidPathLength
		);
		let mut hops: Vec<Hop<T>> = Vec::with_capacity(path.len() - 1);
		for pair in path.windows(2) {
			let pool_id = Self::pool_id(pair[0].clone(), pair[1].clone())?;
			ensure!(hops.iter().all(|hop| hop.pool_id != pool_id), Error::<T>::PathRepeatsPool);
			let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
			let account = Self::pool_account(&pool_id);
			let (reserve1, reserve2) = Self::reserves_in(&pool_id, &account);
			let (reserve1, reserve2): (u128, u128) = (reserve1.into(), reserve2.into());
			let reserves =
				if pool_id.0 == pair[0] { (reserve1, reserve2) } else { (reserve2, reserve1) };
			hops.push(Hop {
				pool_id,
				account,
				fee_bps: info.fee_bps,
				asset_in: pair[0].clone(),
				asset_out: pair[1].clone(),
				reserves,
			});
		}
		Ok(hops)
	}

	fn math_hops(hops: &[Hop<T>]) -> Vec<(u128, u128, u32)> {
		hops.iter().map(Hop::math_view).collect()
	}

	/// Quote of an exact-input swap along `path`, as the swap would execute now.
	pub fn quote_exact_in(
		path: &[T::AssetKind],
		amount_in: T::Balance,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_out_along(amount_in.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		Self::build_quote(&hops, amounts)
	}

	/// Quote of an exact-output swap along `path`, as the swap would execute now.
	pub fn quote_exact_out(
		path: &[T::AssetKind],
		amount_out: T::Balance,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_in_along(amount_out.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		Self::build_quote(&hops, amounts)
	}

	fn build_quote(
		hops: &[Hop<T>],
		amounts: Vec<u128>,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let mut fees = Vec::with_capacity(hops.len());
		// Combined impact: the product of each hop's execution/spot ratio.
		let mut remaining_ppm: u64 = 1_000_000;
		for (i, hop) in hops.iter().enumerate() {
			let (reserve_in, reserve_out, fee_bps) = hop.math_view();
			fees.push(Self::to_balance(
				math::fee_of(amounts[i], fee_bps).map_err(Self::math_error)?,
			));
			let impact = math::price_impact_ppm(
				amounts[i],
				amounts[i + 1],
				reserve_in,
				reserve_out,
				fee_bps,
			)
			.map_err(Self::math_error)?;
			remaining_ppm = remaining_ppm * (1_000_000 - impact as u64) / 1_000_000;
		}
		let last = amounts.len() - 1;
		Ok(SwapQuote {
			amount_in: Self::to_balance(amounts[0]),
			amount_out: Self::to_balance(amounts[last]),
			amounts: amounts.into_iter().map(Self::to_balance).collect(),
			fees,
			price_impact_ppm: (1_000_000 - remaining_ppm) as u32,
		})
	}

	/// Computes an exact-input swap along `path`: its hops and the amount at every step.
	fn plan_exact_in(
		path: &[T::AssetKind],
		amount_in: T::Balance,
		amount_out_min: T::Balance,
	) -> Result<(Vec<Hop<T>>, Vec<u128>), DispatchError> {
		ensure!(!amount_in.is_zero(), Error::<T>::ZeroAmount);
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_out_along(amount_in.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		ensure!(
			Self::to_balance(amounts[amounts.len() - 1]) >= amount_out_min,
			Error::<T>::AmountOutTooLow
		);
		Ok((hops, amounts))
	}

	/// Computes an exact-output swap along `path`: its hops and the amount at every step.
	fn plan_exact_out(
		path: &[T::AssetKind],
		amount_out: T::Balance,
		amount_in_max: T::Balance,
	) -> Result<(Vec<Hop<T>>, Vec<u128>), DispatchError> {
		ensure!(!amount_out.is_zero(), Error::<T>::ZeroAmount);
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_in_along(amount_out.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		ensure!(Self::to_balance(amounts[0]) <= amount_in_max, Error::<T>::AmountInTooHigh);
		Ok((hops, amounts))
	}

	/// Swaps an exact input; returns the amount sent to `send_to`.
	pub(crate) fn do_swap_exact_in(
		who: &T::AccountId,
		path: Vec<T::AssetKind>,
		amount_in: T::Balance,
		amount_out_min: T::Balance,
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		let (hops, amounts) = Self::plan_exact_in(&path, amount_in, amount_out_min)?;
		Self::execute_swap(who, hops, &amounts, send_to, keep_alive)?;
		Ok(Self::to_balance(amounts[amounts.len() - 1]))
	}

	/// Swaps for an exact output; returns the amount taken from `who`.
	pub(crate) fn do_swap_exact_out(
		who: &T::AccountId,
		path: Vec<T::AssetKind>,
		amount_out: T::Balance,
		amount_in_max: T::Balance,
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		let (hops, amounts) = Self::plan_exact_out(&path, amount_out, amount_in_max)?;
		Self::execute_swap(who, hops, &amounts, send_to, keep_alive)?;
		Ok(Self::to_balance(amounts[0]))
	}

	/// Moves the tokens of a computed swap from `who` through the pools to `send_to`. The
	/// caller's storage layer (every dispatchable has one) reverts everything if a transfer fails.
	fn execute_swap(
		who: &T::AccountId,
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> sp_runtime::DispatchResult {
		let preservation =
			if keep_alive { Preservation::Preserve } else { Preservation::Expendable };
		let amount_in = Self::to_balance(amounts[0]);
		// The transfer below would fail too, with an arithmetic error for amounts past the
		// balance; this says what is wrong. (Amounts the account holds but cannot spend, frozen
		// or needed to keep it alive, fail in the transfer.)
		ensure!(
			T::Assets::balance(hops[0].asset_in.clone(), who) >= amount_in,
			sp_runtime::TokenError::FundsUnavailable
		);
		let first_pool = hops[0].account.clone();
		T::Assets::transfer(hops[0].asset_in.clone(), who, &first_pool, amount_in, preservation)?;
		let (trace, _) = Self::move_through_pools(hops, amounts, Some(send_to))?;
		Self::deposit_event(Event::SwapExecuted {
			who: who.clone(),
			send_to: send_to.clone(),
			amount_in,
			amount_out: Self::to_balance(amounts[amounts.len() - 1]),
			path: trace.path,
			fees: trace.fees,
		});
		Ok(())
	}

	/// Swaps a credit along computed hops: the output leaves the last pool as a credit, and only
	/// then `credit_in` goes into the first pool, so that every failure hands `credit_in` back
	/// whole with all storage changes reverted.
	fn swap_credit(
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		credit_in: CreditOf<T>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let asset_in = credit_in.asset();
		let first_pool = hops[0].account.clone();
		let amount_out = Self::to_balance(amounts[amounts.len() - 1]);
		let mut credit_in = Some(credit_in);
		let outcome = with_transaction(|| {
			let result = (|| -> Result<CreditOf<T>, DispatchError> {
				let (trace, last_pool) = Self::move_through_pools(hops, amounts, None)?;
				let asset_out = trace.path[trace.path.len() - 1].0.clone();
				let credit_out = T::Assets::withdraw(
					asset_out,
					&last_pool,
					amount_out,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				let Some(credit) = credit_in.take() else {
					return Err(Error::<T>::ZeroAmount.into());
				};
				if let Err(credit) = T::Assets::resolve(&first_pool, credit) {
					credit_in = Some(credit);
					// Dropped inside the storage layer that is about to be reverted, the output
					// credit leaves no trace.
					drop(credit_out);
					return Err(sp_runtime::TokenError::BelowMinimum.into());
				}
				Self::deposit_event(Event::SwapCreditExecuted {
					amount_in: Self::to_balance(amounts[0]),
					amount_out,
					path: trace.path,
					fees: trace.fees,
				});
				Ok(credit_out)
			})();
			match result {
				Ok(credit_out) => TransactionOutcome::Commit(Ok(credit_out)),
				Err(error) => TransactionOutcome::Rollback(Err(error)),
			}
		});
		// On failure the input credit is still here, unless the storage layer could not even be
		// opened before it was taken (then the empty credit is all there is to return).
		outcome.map_err(|error| (credit_in.unwrap_or_else(|| CreditOf::<T>::zero(asset_in)), error))
	}

	/// Moves a swap's tokens from pool to pool (the input must reach the first pool separately).
	/// The output goes to `send_to`, or with `None` stays in the last pool, whose account is
	/// returned, for the caller to take out.
	fn move_through_pools(
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		send_to: Option<&T::AccountId>,
	) -> Result<(SwapTrace<T>, T::AccountId), DispatchError> {
		let mut accounts: Vec<T::AccountId> = hops.iter().map(|hop| hop.account.clone()).collect();
		let mut trace = SwapTrace {
			path: Vec::with_capacity(hops.len() + 1),
			fees: Vec::with_capacity(hops.len()),
		};
		trace.path.push((hops[0].asset_in.clone(), Self::to_balance(amounts[0])));
		for (i, hop) in hops.into_iter().enumerate() {
			let hop_out = Self::to_balance(amounts[i + 1]);
			// Each hop pays straight into the next pool; the last one pays the recipient.
			if let Some(destination) = accounts.get(i + 1).or(send_to) {
				T::Assets::transfer(
					hop.asset_out.clone(),
					&accounts[i],
					destination,
					hop_out,
					Preservation::Preserve,
				)?;
			}
			trace.fees.push(Self::to_balance(
				math::fee_of(amounts[i], hop.fee_bps).map_err(Self::math_error)?,
			));
			trace.path.push((hop.asset_out, hop_out));
		}
		let last_pool = accounts.pop().ok_or(Error::<T>::InvalidPathLength)?;
		Ok((trace, last_pool))
	}

	/// Credits the price of the oracle's stored reserves with the time it held until `now`,
	/// stores the pool's current `reserves`, and records an observation when the last one is at
	/// least [`Config::ObservationPeriod`] old (or there is none).
	fn update_oracle(
		pool_id: &PoolIdOf<T>,
		oracle: &mut OracleState,
		now: u64,
		reserves: (u128, u128),
	) {
		Self::accumulate_prices(oracle, now);
		oracle.reserves = reserves;
		let due = oracle.observation_count == 0
			|| now >= oracle.observed_at.saturating_add(T::ObservationPeriod::get());
		if due {
			let slots = T::MaxObservations::get().max(1);
			let slot = oracle.next_observation % slots;
			Observations::<T>::insert(
				pool_id,
				slot,
				Observation {
					timestamp: now,
					price1_cumulative: oracle.price1_cumulative,
					price2_cumulative: oracle.price2_cumulative,
				},
			);
			oracle.next_observation = (slot + 1) % slots;
			oracle.observation_count = oracle.observation_count.saturating_add(1).min(slots);
			oracle.observed_at = now;
		}
	}

	/// Adds the price of the stored reserves times the time it held since the last update to the
	/// cumulatives (nothing before the first update or while the pool is empty), and moves the
	/// update time to `now`.
	fn accumulate_prices(oracle: &mut OracleState, now: u64) {
		if oracle.updated_at != 0 && now > oracle.updated_at {
			let (reserve1, reserve2) = oracle.reserves;
			if let (Some(price1), Some(price2)) =
				(math::price_x64(reserve1, reserve2), math::price_x64(reserve2, reserve1))
			{
				let elapsed = now - oracle.updated_at;
				oracle.price1_cumulative =
					math::accumulate_price(oracle.price1_cumulative, price1, elapsed);
				oracle.price2_cumulative =
					math::accumulate_price(oracle.price2_cumulative, price2, elapsed);
			}
		}
		oracle.updated_at = oracle.updated_at.max(now);
	}

	/// The newest observation of a pool taken at or before `target` (binary search over the
	/// ring, `O(log MaxObservations)` reads).
	fn observation_at_or_before(
		pool_id: &PoolIdOf<T>,
		oracle: &OracleState,
		target: u64,
	) -> Option<Observation> {
		let slots = T::MaxObservations::get().max(1);
		let count = oracle.observation_count.min(slots);
		// The oldest observation sits at the next slot to write once the ring is full.
		let oldest = if count < slots { 0 } else { oracle.next_observation % slots };
		let at = |position: u32| Observations::<T>::get(pool_id, (oldest + position) % slots);
		// Find the last position whose timestamp is at or before the target.
		let (mut low, mut high) = (0u32, count);
		let mut found = None;
		while low < high {
			let middle = low + (high - low) / 2;
			let observation = at(middle)?;
			if observation.timestamp <= target {
				found = Some(observation);
				low = middle + 1;
			} else {
				high = middle;
			}
		}
		found
	}

	/// Time-weighted average price of `base` in `quote` from the newest observation at or
	/// before `window_ms` ago until now, with `amount` of `base` valued at it; the window
	/// actually covered is `[from, to]` of the result. `None` if there is no such pool, the pool
	/// has no observation that old, or the window is empty.
	pub fn twap(
		base: T::AssetKind,
		quote: T::AssetKind,
		amount: T::Balance,
		window_ms: u64,
	) -> Option<Twap<T::Balance>> {
		let pool_id = Self::pool_id(base.clone(), quote).ok()?;
		let mut oracle = Oracles::<T>::get(&pool_id)?;
		let forward = pool_id.0 == base;
		let now = T::Timestamp::now();
		// The cumulatives as they would be if the oracle were updated now (the ring's position
		// does not change with them).
		Self::accumulate_prices(&mut oracle, now);
		let start = Self::observation_at_or_before(&pool_id, &oracle, now.checked_sub(window_ms)?)?;
		let (start_cumulative, end_cumulative) = if forward {
			(start.price1_cumulative, oracle.price1_cumulative)
		} else {
			(start.price2_cumulative, oracle.price2_cumulative)
		};
		let price_x64 =
			math::twap_x64(start_cumulative, end_cumulative, now.checked_sub(start.timestamp)?)?;
		let amount_out = math::value_at_price(amount.into(), price_x64)?;
		Some(Twap {
			price_x64,
			amount_out: Self::to_balance(amount_out),
			from: start.timestamp,
			to: now,
		})
	}
}

/// What a swap moved, for its event.
struct SwapTrace<T: Config> {
	path: Vec<(T::AssetKind, T::Balance)>,
	fees: Vec<T::Balance>,
}

/// A credit of the pallet's assets (an imbalance not yet in any account).
pub type CreditOf<T> =
	fungibles::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Assets>;

impl<T: Config> Pallet<T> {
	/// The pool whose LP token is `lp_token`.
	pub fn pool_of_lp_token(lp_token: T::PoolAssetId) -> Option<PoolIdOf<T>> {
		LpTokenPools::<T>::get(lp_token)
	}

	/// Adds liquidity to the pool of `lp_token` for `who` (amounts in the pool's asset order),
	/// minting the LP tokens to `who`; returns how many. For other pallets, e.g. farms that
	/// deposit and stake in one call.
	pub fn add_liquidity_to_pool_of(
		who: &T::AccountId,
		lp_token: T::PoolAssetId,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		let (asset1, asset2) = Self::pool_of_lp_token(lp_token).ok_or(Error::<T>::PoolNotFound)?;
		Self::do_add_liquidity(
			who,
			asset1,
			asset2,
			amount1_desired,
			amount2_desired,
			amount1_min,
			amount2_min,
			who,
		)
	}

	/// Locks `amount` more of `who`'s LP tokens of a pool until `until`; returns the lock.
	pub(crate) fn do_lock_lp_tokens(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: T::Balance,
		until: BlockNumberFor<T>,
	) -> Result<LpLockOf<T>, DispatchError> {
		let pool_id = Self::pool_id(asset1, asset2)?;
		let lp_token = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?.lp_token;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(until > now, Error::<T>::LockEndsInThePast);
		let running = LpLocks::<T>::get(lp_token, who).filter(|lock| lock.until > now);
		ensure!(!amount.is_zero() || running.is_some(), Error::<T>::ZeroAmount);
		let running = running.unwrap_or_default();
		ensure!(until >= running.until, Error::<T>::LockShortened);
		let total = running.amount.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		ensure!(T::PoolAssets::balance(lp_token, who) >= total, Error::<T>::InsufficientLpTokens);
		let lock = LpLock { amount: total, until };
		LpLocks::<T>::insert(lp_token, who, lock.clone());
		Self::deposit_event(Event::LpTokensLocked {
			who: who.clone(),
			pool_id,
			lp_token,
			amount,
			total_locked: total,
			until,
		});
		Ok(lock)
	}

	/// `who`'s LP tokens of `lp_token` under a lock that has not expired.
	pub fn locked_lp_tokens(lp_token: T::PoolAssetId, who: &T::AccountId) -> T::Balance {
		let now = frame_system::Pallet::<T>::block_number();
		LpLocks::<T>::get(lp_token, who)
			.filter(|lock| lock.until > now)
			.map_or_else(Zero::zero, |lock| lock.amount)
	}

	/// The first deposit of the pool of `lp_token`, how much of it its provider has locked, and
	/// what share of the pool's LP supply that lock holds.
	pub fn initial_liquidity_lock(lp_token: T::PoolAssetId) -> Option<InitialLiquidityLockOf<T>> {
		let InitialLiquidity { provider, lp_minted } = InitialLiquidities::<T>::get(lp_token)?;
		let now = frame_system::Pallet::<T>::block_number();
		let lock = LpLocks::<T>::get(lp_token, &provider).filter(|lock| lock.until > now);
		let locked = lock.as_ref().map_or_else(Zero::zero, |lock| lock.amount);
		let supply: u128 = Self::lp_supply(lp_token).into();
		let locked_share_ppm = if supply == 0 {
			0
		} else {
			// At most 10^6: a lock never covers more than the supply.
			valuation::pro_rata(1_000_000, locked.into(), supply).min(1_000_000) as u32
		};
		Some(InitialLiquidityLock {
			provider,
			lp_minted,
			locked,
			locked_until: lock.map(|lock| lock.until),
			fully_locked: !lp_minted.is_zero() && locked >= lp_minted,
			locked_share_ppm,
		})
	}

	/// Takes the share of `who`'s deposit basis in the pool of `lp_token` that burning `lp_burned`
	/// of the `lp_held` LP tokens it held uses up: every figure shrinks by the fraction of its
	/// holding burned (the share removed rounds down; burning everything clears the basis, also
	/// the share of LP tokens it had transferred away).
	fn consume_basis(
		lp_token: T::PoolAssetId,
		who: &T::AccountId,
		lp_burned: T::Balance,
		lp_held: T::Balance,
	) {
		DepositBases::<T>::mutate_exists(lp_token, who, |entry| {
			let Some(basis) = entry else { return };
			let covered: u128 = basis.lp.into();
			let (burned, held): (u128, u128) = (lp_burned.into(), lp_held.into());
			let used =
				if burned >= held { covered } else { valuation::pro_rata(covered, burned, held) };
			let keep = |amount: T::Balance| {
				let amount: u128 = amount.into();
				Self::to_balance(amount - valuation::pro_rata(amount, used, covered))
			};
			basis.amounts = (keep(basis.amounts.0), keep(basis.amounts.1));
			basis.root_k = keep(basis.root_k);
			basis.lp = Self::to_balance(covered - used);
			if basis.lp.is_zero() {
				*entry = None;
			}
		});
	}

	/// The mid price (Q64.64) of one unit of `asset` in `quote` along the deepest route of at most
	/// `MaxSwapPathLength − 1` pools with liquidity: the route whose shallowest pool holds the most,
	/// valued in `quote` ([`valuation::route_depth`]), so that a dust pool cannot set the price;
	/// the fewer hops on a tie. `2^64` for the quote itself, `None` without a route. Reads every
	/// pool: for runtime API queries, not for calls.
	/// To price several assets, read the pools once with [`Self::liquid_pools`] and call
	/// [`Self::route_price_among`].
	pub fn mid_price_x64(asset: &T::AssetKind, quote: &T::AssetKind) -> Option<U256> {
		Self::route_price_among(&Self::liquid_pools(), asset, quote)
	}

	/// Every pool with liquidity as `(asset1, asset2, reserve1, reserve2)`, for route pricing.
	/// Reads every pool: for runtime API queries, not for calls.
	pub fn liquid_pools() -> Vec<PoolReserves<T::AssetKind>> {
		Pools::<T>::iter_keys()
			.filter_map(|pool_id| {
				let (reserve1, reserve2) = Self::reserves(&pool_id);
				let liquid = !reserve1.is_zero() && !reserve2.is_zero();
				liquid.then(|| (pool_id.0, pool_id.1, reserve1.into(), reserve2.into()))
			})
			.collect()
	}

	/// [`Self::mid_price_x64`] over a given list of pools (from [`Self::liquid_pools`]).
	pub fn route_price_among(
		pools: &[PoolReserves<T::AssetKind>],
		asset: &T::AssetKind,
		quote: &T::AssetKind,
	) -> Option<U256> {
		if asset == quote {
			return valuation::route_price_x64(&[]);
		}
		// Routes of each length, breadth first: (last asset, assets visited, hops' reserves).
		let mut frontier: Vec<PartialRoute<T::AssetKind>> =
			vec![(asset.clone(), vec![asset.clone()], Vec::new())];
		let max_hops = T::MaxSwapPathLength::get().saturating_sub(1) as usize;
		// The deepest route so far: (depth, price). Shorter routes come first and win ties.
		let mut best: Option<(U256, U256)> = None;
		for _ in 0..max_hops {
			let mut next = Vec::new();
			for (at, visited, hops) in &frontier {
				for (a, b, r1, r2) in pools {
					let (to, hop) = if a == at {
						(b, (*r1, *r2))
					} else if b == at {
						(a, (*r2, *r1))
					} else {
						continue;
					};
					if visited.contains(to) {
						continue;
					}
					let mut route = hops.clone();
					route.push(hop);
					if to == quote {
						let depth = valuation::route_depth(&route);
						if let (Some(depth), Some(price)) =
							(depth, valuation::route_price_x64(&route))
						{
							if best.is_none_or(|(deepest, _)| depth > deepest) {
								best = Some((depth, price));
							}
						}
					} else if next.len() < MAX_ROUTES {
						let mut seen = visited.clone();
						seen.push(to.clone());
						next.push((to.clone(), seen, route));
					}
				}
			}
			frontier = next;
		}
		best.map(|(_, price)| price)
	}

	/// `who`'s position in the pool of `asset1` and `asset2`, with `lp_staked` of its LP tokens
	/// staked in farms, valued in `quote`. `None` if there is no such pool.
	pub fn position(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		quote: T::AssetKind,
		lp_staked: T::Balance,
	) -> Option<PositionReportOf<T>> {
		let pool_id = Self::pool_id(asset1, asset2).ok()?;
		let info = Pools::<T>::get(&pool_id)?;
		let lp_free = T::PoolAssets::balance(info.lp_token, who);
		let held: u128 = lp_free.saturating_add(lp_staked).into();
		let basis = DepositBases::<T>::get(info.lp_token, who).unwrap_or_default();
		// LP tokens transferred away take their share of the basis with them.
		let covered: u128 = basis.lp.into();
		let with_basis = covered.min(held);
		let scale = |amount: T::Balance| valuation::pro_rata(amount.into(), with_basis, covered);
		let deposited = (scale(basis.amounts.0), scale(basis.amounts.1));
		let root_k = scale(basis.root_k);
		let reserves = Self::reserves(&pool_id);
		let reserves: (u128, u128) = (reserves.0.into(), reserves.1.into());
		let supply: u128 = Self::lp_supply(info.lp_token).into();
		let underlying = valuation::underlying(held, reserves, supply).ok()?;

		let valuation = (|| {
			let pools = Self::liquid_pools();
			let prices = (
				Self::route_price_among(&pools, &pool_id.0, &quote)?,
				Self::route_price_among(&pools, &pool_id.1, &quote)?,
			);
			let all =
				valuation::position_figures(held, (0, 0), 0, reserves, supply, prices).ok()?;
			let figures = valuation::position_figures(
				with_basis, deposited, root_k, reserves, supply, prices,
			)
			.ok()?;
			Some(PositionValuation {
				prices_x64: prices,
				value: Self::to_balance(all.value),
				basis_value: Self::to_balance(figures.value),
				fees_earned: Self::to_balance(figures.fees),
				hold_value: Self::to_balance(figures.hold_value),
				impermanent_loss: figures.impermanent_loss,
				impermanent_loss_ppm: figures.impermanent_loss_ppm,
			})
		})();

		Some(PositionReport {
			assets: pool_id,
			lp_token: info.lp_token,
			lp_free,
			lp_locked: Self::locked_lp_tokens(info.lp_token, who),
			lp_staked,
			lp_with_basis: Self::to_balance(with_basis),
			lp_without_basis: Self::to_balance(held - with_basis),
			underlying: (Self::to_balance(underlying.0), Self::to_balance(underlying.1)),
			deposited: (Self::to_balance(deposited.0), Self::to_balance(deposited.1)),
			quote,
			valuation,
		})
	}

	/// A pool as the runtime API reports it.
	pub fn pool_view(pool_id: PoolIdOf<T>, info: PoolInfoOf<T>) -> PoolViewOf<T> {
		PoolView {
			account: Self::pool_account(&pool_id),
			reserves: Self::reserves(&pool_id),
			lp_supply: Self::lp_supply(info.lp_token),
			assets: pool_id,
			lp_token: info.lp_token,
			fee_bps: info.fee_bps,
		}
	}

	/// Checks the pallet's invariants: a pool with LP tokens holds both assets and keeps the
	/// locked minimum liquidity, the oracles are exactly the tracked pools' and their rings stay
	/// within bounds, and every deposit basis, lock and initial deposit belongs to a pool.
	///
	/// Iterates every pool: for `try-runtime` and test harnesses, never for a block.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (pool_id, info) in Pools::<T>::iter() {
			if !Self::lp_supply(info.lp_token).is_zero() {
				let (reserve1, reserve2) = Self::reserves(&pool_id);
				ensure!(
					!reserve1.is_zero() && !reserve2.is_zero(),
					"a pool has LP tokens without reserves"
				);
				ensure!(
					T::PoolAssets::balance(info.lp_token, &Self::pool_account(&pool_id))
						>= T::MintMinLiquidity::get(),
					"the pool's locked minimum liquidity is gone"
				);
			}
		}
		let tracked = OraclePools::<T>::get();
		for (i, pool_id) in tracked.iter().enumerate() {
			ensure!(!tracked[..i].contains(pool_id), "a pool is tracked twice");
			ensure!(Pools::<T>::contains_key(pool_id), "a tracked pool does not exist");
			ensure!(Oracles::<T>::contains_key(pool_id), "a tracked pool has no oracle");
		}
		for (pool_id, oracle) in Oracles::<T>::iter() {
			ensure!(tracked.contains(&pool_id), "an oracle's pool is not tracked");
			ensure!(
				oracle.observation_count <= T::MaxObservations::get()
					&& oracle.next_observation < T::MaxObservations::get()
					&& oracle.observed_at <= oracle.updated_at,
				"the pool's oracle ring is out of bounds"
			);
		}
		for (lp_token, _, basis) in DepositBases::<T>::iter() {
			ensure!(!basis.lp.is_zero(), "an empty deposit basis was kept");
			ensure!(
				LpTokenPools::<T>::contains_key(lp_token),
				"a deposit basis names no pool's LP token"
			);
		}
		for (lp_token, who, lock) in LpLocks::<T>::iter() {
			ensure!(LpTokenPools::<T>::contains_key(lp_token), "a lock names no pool's LP token");
			ensure!(
				Self::locked_lp_tokens(lp_token, &who).is_zero()
					|| T::PoolAssets::balance(lp_token, &who) >= lock.amount,
				"an account holds fewer LP tokens than its running lock"
			);
		}
		for (lp_token, initial) in InitialLiquidities::<T>::iter() {
			ensure!(
				LpTokenPools::<T>::contains_key(lp_token) && !initial.lp_minted.is_zero(),
				"an initial deposit names no pool's LP token or minted nothing"
			);
		}
		Ok(())
	}
}

sp_api::decl_runtime_apis! {
	/// Queries of the AMM: swap quotes and pool state.
	///
	/// Quotes use the same math as execution, so a swap submitted in the same block state pays
	/// exactly the quoted amounts.
	pub trait AmmApi<AssetKind, Balance, PoolAssetId, AccountId, BlockNumber>
	where
		AssetKind: codec::Codec,
		Balance: codec::Codec,
		PoolAssetId: codec::Codec,
		AccountId: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// Quote for swapping exactly `amount_in` of `path[0]` along `path`; `None` if the path
		/// is invalid or the pools cannot serve it.
		fn quote_exact_in(path: Vec<AssetKind>, amount_in: Balance) -> Option<SwapQuote<Balance>>;
		/// Quote for receiving exactly `amount_out` of the path's last asset; `None` if the path
		/// is invalid or the pools cannot serve it.
		fn quote_exact_out(path: Vec<AssetKind>, amount_out: Balance) -> Option<SwapQuote<Balance>>;
		/// The pool of two assets (in either order), if it exists.
		fn pool(asset1: AssetKind, asset2: AssetKind) -> Option<PoolView<AssetKind, PoolAssetId, Balance, AccountId>>;
		/// Every pool.
		fn pools() -> Vec<PoolView<AssetKind, PoolAssetId, Balance, AccountId>>;
		/// Time-weighted average price of `base` in `quote` over at least the last `window_ms`
		/// milliseconds (from the newest observation at or before then), with `amount` of `base`
		/// valued at it; `None` without such a pool or enough history.
		fn twap(base: AssetKind, quote: AssetKind, amount: Balance, window_ms: u64) -> Option<Twap<Balance>>;
		/// `who`'s position in the pool of `asset1` and `asset2` (LP tokens free and staked,
		/// what they hold, fees earned and impermanent loss against its deposits), valued in
		/// `quote` at mid prices along the deepest routes; `None` if there is no such pool.
		fn position(who: AccountId, asset1: AssetKind, asset2: AssetKind, quote: AssetKind) -> Option<PositionReport<AssetKind, PoolAssetId, Balance>>;
		/// The mid price of one unit of `asset` in `quote` (Q64.64: `2^64` is 1) along the deepest
		/// route of at most `MaxSwapPathLength` assets (whose shallowest pool holds the most).
		fn mid_price(asset: AssetKind, quote: AssetKind) -> Option<sp_core::U256>;
		/// `who`'s lock on the LP tokens of the pool of `asset1` and `asset2`, as stored: once
		/// `until` has passed the tokens are free, though the record stays until cleared.
		fn lp_lock(who: AccountId, asset1: AssetKind, asset2: AssetKind) -> Option<LpLock<Balance, BlockNumber>>;
		/// The first deposit into the pool of `asset1` and `asset2` and how much of it its
		/// provider keeps locked: the rug-pull guard traders look at.
		fn initial_liquidity(asset1: AssetKind, asset2: AssetKind) -> Option<InitialLiquidityLock<AccountId, Balance, BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// [`AmmApi::pool`] for the runtime.
	pub fn api_pool(asset1: T::AssetKind, asset2: T::AssetKind) -> Option<PoolViewOf<T>> {
		let pool_id = Self::pool_id(asset1, asset2).ok()?;
		let info = Pools::<T>::get(&pool_id)?;
		Some(Self::pool_view(pool_id, info))
	}

	/// [`AmmApi::pools`] for the runtime.
	pub fn api_pools() -> Vec<PoolViewOf<T>> {
		Pools::<T>::iter().map(|(pool_id, info)| Self::pool_view(pool_id, info)).collect()
	}

	/// [`AmmApi::lp_lock`] for the runtime.
	pub fn api_lp_lock(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
	) -> Option<LpLockOf<T>> {
		let pool_id = Self::pool_id(asset1, asset2).ok()?;
		LpLocks::<T>::get(Pools::<T>::get(&pool_id)?.lp_token, who)
	}

	/// [`AmmApi::initial_liquidity`] for the runtime.
	pub fn api_initial_liquidity(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
	) -> Option<InitialLiquidityLockOf<T>> {
		let pool_id = Self::pool_id(asset1, asset2).ok()?;
		Self::initial_liquidity_lock(Pools::<T>::get(&pool_id)?.lp_token)
	}
}
