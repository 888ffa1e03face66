//! The runtime API (`AmmApi`): swap quotes, pools, prices, positions and LP locks, and the
//! pallet functions behind it.

use super::*;

sp_api::decl_runtime_apis! {
	/// Queries of the AMM: swap quotes and pool state.
	///
	/// Quotes use the same math as execution, so a swap submitted in the same block state pays
	/// exactly the quoted amounts.
	#[api_version(2)]
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
		/// What depositing up to `amount1_desired` of `asset1` and `amount2_desired` of `asset2`
		/// would take of each and mint in LP tokens now; `None` without such a pool or for a
		/// deposit the call would refuse.
		#[api_version(2)]
		fn quote_add_liquidity(asset1: AssetKind, asset2: AssetKind, amount1_desired: Balance, amount2_desired: Balance) -> Option<AddLiquidityQuote<Balance>>;
		/// What burning `lp_amount` LP tokens of the pool of `asset1` and `asset2` would pay of
		/// each now; `None` without such a pool or for a withdrawal the call would refuse.
		#[api_version(2)]
		fn quote_remove_liquidity(asset1: AssetKind, asset2: AssetKind, lp_amount: Balance) -> Option<RemoveLiquidityQuote<Balance>>;
	}
}

impl<T: Config> Pallet<T> {
	/// A pool as the runtime API reports it.
	pub fn pool_view(pool_id: PoolIdOf<T>, info: PoolInfoOf<T>) -> PoolViewOf<T> {
		let account = Self::pool_account(&pool_id);
		PoolView {
			controls: (
				T::AssetControls::control(&pool_id.0, &account),
				T::AssetControls::control(&pool_id.1, &account),
			),
			account,
			reserves: Self::reserves(&pool_id),
			lp_supply: Self::lp_supply(info.lp_token),
			assets: pool_id,
			lp_token: info.lp_token,
			fee_bps: info.fee_bps,
		}
	}

	/// What a deposit of up to `amount1_desired` and `amount2_desired` (in the order of `asset1`
	/// and `asset2`) would take and mint now: the plan the call would execute, without
	/// minimums. `None` without such a pool or for a deposit the call would refuse.
	pub fn quote_add_liquidity(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
	) -> Option<AddLiquidityQuote<T::Balance>> {
		let zero = (Zero::zero(), Zero::zero());
		let plan =
			Self::plan_deposit(asset1.clone(), asset2, (amount1_desired, amount2_desired), zero)
				.ok()?;
		let (amount1, amount2) = Self::in_pool_order(&plan.pool_id, &asset1, plan.amounts);
		Some(AddLiquidityQuote { amount1, amount2, lp_minted: plan.lp_minted })
	}

	/// What burning `lp_amount` LP tokens of the pool of `asset1` and `asset2` would pay now, in
	/// their order, protocol fee included. `None` without such a pool or for a withdrawal the
	/// call would refuse whoever held the tokens.
	pub fn quote_remove_liquidity(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		lp_amount: T::Balance,
	) -> Option<RemoveLiquidityQuote<T::Balance>> {
		let zero = (Zero::zero(), Zero::zero());
		let (plan, _) =
			Self::plan_withdrawal(None, asset1.clone(), asset2, lp_amount, zero).ok()?;
		let (amount1, amount2) = Self::in_pool_order(&plan.pool_id, &asset1, plan.amounts);
		Some(RemoveLiquidityQuote { amount1, amount2 })
	}
}
