//! Types stored by the pallet and returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::Permill;
use sp_core::U256;

use crate::Config;
use frame_system::pallet_prelude::BlockNumberFor;

/// A pool's stored state. Its reserves are its account's balances of its two assets and its LP
/// supply is its LP token's issuance, so a swap writes nothing here.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct PoolInfo<PoolAssetId> {
	/// The pool's LP token in the LP token pallet.
	pub lp_token: PoolAssetId,
	/// Trading fee in basis points, fixed at creation.
	pub fee_bps: u32,
	/// `sqrt(reserve1·reserve2)` after the last liquidity change while the protocol fee was on;
	/// zero while it is off. The protocol's share of fees is minted from its growth.
	pub root_k_last: U256,
}

/// A pool's price accumulators (Uniswap V2's `priceCumulativeLast`), brought up to date at the
/// start of every block in which the pool's reserves differ from those it last saw.
///
/// Prices are Q64.64 (see [`crate::math::price_x64`]) and times are milliseconds of the block
/// timestamp, so `(cumulative(t2) − cumulative(t1)) / (t2 − t1)` is the average price between
/// the two times, weighted by how long each price held.
#[derive(Clone, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct OracleState {
	/// Timestamp of the block whose closing reserves are `reserves`; zero before the first
	/// update.
	pub updated_at: u64,
	/// The pool's reserves at the end of that block: the price that has held since.
	pub reserves: (u128, u128),
	/// Sum of the price of asset 1 in asset 2 times the milliseconds it held (wrapping).
	pub price1_cumulative: U256,
	/// Sum of the price of asset 2 in asset 1 times the milliseconds it held (wrapping).
	pub price2_cumulative: U256,
	/// Slots of the observation ring in use (at most `MaxObservations`).
	pub observation_count: u32,
	/// The slot the next observation goes to; once the ring is full, also its oldest.
	pub next_observation: u32,
	/// Timestamp of the newest observation.
	pub observed_at: u64,
}

/// A snapshot of a pool's cumulative prices, kept in a bounded ring per pool.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Observation {
	/// Block timestamp in milliseconds.
	pub timestamp: u64,
	/// The pool's `price1_cumulative` at that time.
	pub price1_cumulative: U256,
	/// The pool's `price2_cumulative` at that time.
	pub price2_cumulative: U256,
}

/// A time-weighted average price, as the runtime API reports it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Twap<Balance> {
	/// Average price of the base asset in the quote asset, Q64.64 (divide by 2^64).
	pub price_x64: U256,
	/// The asked amount of the base asset valued at that price, in the quote asset.
	pub amount_out: Balance,
	/// Start of the window the average covers (timestamp of an observation, ms).
	pub from: u64,
	/// End of the window: the current block's timestamp (ms).
	pub to: u64,
}

/// Who receives the protocol's share of trading fees, and how large it is.
#[derive(
	Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
)]
pub struct ProtocolFeeConfig<AccountId> {
	/// The account that receives LP tokens worth the protocol's share.
	pub receiver: AccountId,
	/// Share of the LPs' fee income that goes to the protocol (Uniswap V2 uses one sixth).
	pub share: Permill,
}

/// A pool as the runtime API reports it, with reserves in the order the caller asked for.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct PoolView<AssetKind, PoolAssetId, Balance, AccountId> {
	/// The pool's assets, in canonical order.
	pub assets: (AssetKind, AssetKind),
	/// The pool's account, which holds its reserves.
	pub account: AccountId,
	/// The pool's LP token.
	pub lp_token: PoolAssetId,
	/// Trading fee in basis points.
	pub fee_bps: u32,
	/// Reserves of `assets.0` and `assets.1`.
	pub reserves: (Balance, Balance),
	/// LP tokens in existence.
	pub lp_supply: Balance,
	/// Who can freeze or take the pool's balance of `assets.0` and `assets.1` (`None`: nobody,
	/// as for the native token): the pool's rug-pull signal.
	pub controls: (Option<AssetControl<AccountId>>, Option<AssetControl<AccountId>>),
}

/// Who controls an asset that an account (a pool) holds, and whether that balance can move now.
/// Any of them can hurt the holder: the admin can burn or move its balance, the freezer can
/// freeze it, the owner can destroy the asset.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct AssetControl<AccountId> {
	/// Can destroy the asset, and name the other roles.
	pub owner: AccountId,
	/// Can burn the holder's balance or transfer it away.
	pub admin: AccountId,
	/// Can freeze the holder's balance, or the whole asset.
	pub freezer: AccountId,
	/// The holder's balance cannot move now: its account is frozen or blocked, or the asset is
	/// frozen or being destroyed.
	pub frozen: bool,
}

/// Reports who controls an asset (see [`AssetControl`]).
pub trait AssetControls<AssetKind, AccountId> {
	/// Who controls `holder`'s balance of `asset`; `None` when nobody can freeze or take it.
	fn control(asset: &AssetKind, holder: &AccountId) -> Option<AssetControl<AccountId>>;
}

/// No asset has a controller.
impl<AssetKind, AccountId> AssetControls<AssetKind, AccountId> for () {
	fn control(_: &AssetKind, _: &AccountId) -> Option<AssetControl<AccountId>> {
		None
	}
}

/// A quote for a swap along a path, as the runtime API returns it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct SwapQuote<Balance> {
	/// What the trader pays in the path's first asset.
	pub amount_in: Balance,
	/// What the trader receives in the path's last asset.
	pub amount_out: Balance,
	/// Every amount along the path: `amounts[0]` in, `amounts[last]` out.
	pub amounts: alloc::vec::Vec<Balance>,
	/// Fee paid at each hop, in that hop's input asset.
	pub fees: alloc::vec::Vec<Balance>,
	/// Combined price impact of all hops in parts per million (fees excluded).
	pub price_impact_ppm: u32,
}

/// What a deposit would take and mint, as the runtime API quotes it; amounts in the order the
/// assets were given.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct AddLiquidityQuote<Balance> {
	/// What the deposit takes of the first asset.
	pub amount1: Balance,
	/// What the deposit takes of the second asset.
	pub amount2: Balance,
	/// LP tokens it mints to the depositor.
	pub lp_minted: Balance,
}

/// What burning LP tokens would pay, as the runtime API quotes it; amounts in the order the
/// assets were given.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct RemoveLiquidityQuote<Balance> {
	/// What the withdrawal pays of the first asset.
	pub amount1: Balance,
	/// What the withdrawal pays of the second asset.
	pub amount2: Balance,
}

/// What an account paid for the LP tokens its deposits into one pool brought it, so that its
/// position report can tell fees and impermanent loss apart. Deposits add to it; removals consume
/// it pro rata (burning a fifth of the LP tokens it covers removes a fifth of each figure). LP
/// tokens that arrive by transfer bring no basis.
#[derive(
	Clone,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct DepositBasis<Balance> {
	/// LP tokens the account's deposits minted to it, less those its removals burned.
	pub lp: Balance,
	/// The amounts deposited for them, in the pool's asset order.
	pub amounts: (Balance, Balance),
	/// Their share of the pool's `√(R1·R2)` when deposited: the sum, over deposits, of
	/// `lp_minted · √k / S` right after each. Fees grow a share; nothing else does.
	pub root_k: Balance,
}

/// An account's position in one pool, as the runtime API reports it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct PositionReport<AssetKind, PoolAssetId, Balance> {
	/// The pool's assets, in canonical order (every pair below follows it).
	pub assets: (AssetKind, AssetKind),
	/// The pool's LP token.
	pub lp_token: PoolAssetId,
	/// LP tokens in the account.
	pub lp_free: Balance,
	/// Of `lp_free`, those under a lock that has not expired (see `LpLocks`).
	pub lp_locked: Balance,
	/// LP tokens the account has staked in farms.
	pub lp_staked: Balance,
	/// Of `lp_free + lp_staked`, those the account's deposit basis covers.
	pub lp_with_basis: Balance,
	/// The rest: LP tokens that arrived by transfer, which have no basis.
	pub lp_without_basis: Balance,
	/// What all its LP tokens hold of the pool's reserves.
	pub underlying: (Balance, Balance),
	/// What was deposited for the LP tokens with a basis.
	pub deposited: (Balance, Balance),
	/// The asset the values are in.
	pub quote: AssetKind,
	/// Values in `quote`; `None` when a pool asset has no route of pools to it.
	pub valuation: Option<PositionValuation<Balance>>,
	/// What the controllers of the pool's assets can do to its reserves (the rug-pull signal).
	pub risks: (AssetRisk, AssetRisk),
}

/// What an asset's controller can do to a pool's balance of it, in short.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum AssetRisk {
	/// Nobody can freeze or take it (the native token).
	None,
	/// Its owner, admin or freezer can freeze, burn or move it, or destroy the asset.
	Controlled,
	/// It cannot move now: the pool's account is frozen or blocked, or the asset is frozen or
	/// being destroyed.
	Frozen,
	/// The asset was destroyed.
	Destroyed,
}

impl AssetRisk {
	/// The risk of an asset with `control` (see [`AssetControls`]) that `exists` or not.
	pub fn of<AccountId>(control: &Option<AssetControl<AccountId>>, exists: bool) -> Self {
		match control {
			_ if !exists => AssetRisk::Destroyed,
			None => AssetRisk::None,
			Some(control) if control.frozen => AssetRisk::Frozen,
			Some(_) => AssetRisk::Controlled,
		}
	}
}

/// A position's values in the quote asset, at the pools' mid prices (rounded down).
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct PositionValuation<Balance> {
	/// Unit price of each pool asset in the quote asset, Q64.64 (`2^64` is 1).
	pub prices_x64: (U256, U256),
	/// What all its LP tokens are worth.
	pub value: Balance,
	/// What the LP tokens with a basis are worth.
	pub basis_value: Balance,
	/// Fee income of the LP tokens with a basis since they were deposited.
	pub fees_earned: Balance,
	/// What the deposited amounts would be worth now, had they been held instead.
	pub hold_value: Balance,
	/// `basis_value − fees_earned − hold_value`: impermanent loss with fees excluded (negative
	/// is a loss).
	pub impermanent_loss: i128,
	/// The same in parts per million of `hold_value`.
	pub impermanent_loss_ppm: i64,
}

/// LP tokens an account has locked: they can be neither removed from the pool nor transferred
/// before block `until`.
#[derive(
	Clone,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct LpLock<Balance, BlockNumber> {
	/// LP tokens under the lock.
	pub amount: Balance,
	/// The first block at which they are free again.
	pub until: BlockNumber,
}

/// A pool's first deposit: who received its LP tokens and how many (the locked minimum
/// liquidity excluded).
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct InitialLiquidity<AccountId, Balance> {
	/// The account the first deposit's LP tokens were minted to.
	pub provider: AccountId,
	/// LP tokens minted to it.
	pub lp_minted: Balance,
}

/// A pool's initial liquidity and whether it is locked, as the runtime API reports it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct InitialLiquidityLock<AccountId, Balance, BlockNumber> {
	/// The account the first deposit's LP tokens were minted to.
	pub provider: AccountId,
	/// LP tokens the first deposit minted to it.
	pub lp_minted: Balance,
	/// LP tokens the provider has under a lock that has not expired (0 without one).
	pub locked: Balance,
	/// The block the provider's lock expires at, while it has not.
	pub locked_until: Option<BlockNumber>,
	/// Whether the provider's lock covers all of the first deposit's LP tokens.
	pub fully_locked: bool,
	/// The provider's running lock as a share of the pool's LP supply, in parts per million
	/// (rounded down): a dust seed that is locked while the real liquidity is not shows as a
	/// small share.
	pub locked_share_ppm: u32,
}

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
pub type PositionReportOf<T> =
	PositionReport<<T as Config>::AssetKind, <T as Config>::PoolAssetId, <T as Config>::Balance>;
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
