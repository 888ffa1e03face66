//! Positions: each account's deposit basis, mid prices along the deepest routes, and the
//! value, fees earned and impermanent loss of a position.

use super::*;

impl<T: Config> Pallet<T> {
	/// Adds a deposit of `amounts` that minted `lp_minted` LP tokens to `who`'s deposit basis in
	/// the pool of `lp_token`, with its share of `sqrt(k)` at the `reserves` and `lp_supply`
	/// right after it.
	pub(crate) fn record_deposit(
		lp_token: T::PoolAssetId,
		who: &T::AccountId,
		lp_minted: T::Balance,
		amounts: (T::Balance, T::Balance),
		reserves: (T::Balance, T::Balance),
		lp_supply: T::Balance,
	) {
		let root_k = valuation::root_k_share(
			lp_minted.into(),
			(reserves.0.into(), reserves.1.into()),
			lp_supply.into(),
		);
		DepositBases::<T>::mutate(lp_token, who, |basis| {
			let basis = basis.get_or_insert_with(Default::default);
			basis.lp = basis.lp.saturating_add(lp_minted);
			basis.amounts.0 = basis.amounts.0.saturating_add(amounts.0);
			basis.amounts.1 = basis.amounts.1.saturating_add(amounts.1);
			basis.root_k = basis.root_k.saturating_add(Self::to_balance(root_k));
		});
	}

	/// Takes the share of `who`'s deposit basis in the pool of `lp_token` that burning `lp_burned`
	/// of the `lp_held` LP tokens it held uses up: every figure shrinks by the fraction of its
	/// holding burned (the share removed rounds down; burning everything clears the basis, also
	/// the share of LP tokens it had transferred away).
	pub(crate) fn consume_basis(
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
		let max_hops = T::MaxSwapPathLength::get().saturating_sub(1) as usize;
		valuation::deepest_route_price(pools, asset, quote, max_hops)
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

		let account = Self::pool_account(&pool_id);
		let risk = |asset: &T::AssetKind| {
			AssetRisk::of(
				&T::AssetControls::control(asset, &account),
				T::Assets::asset_exists(asset.clone()),
			)
		};
		Some(PositionReport {
			risks: (risk(&pool_id.0), risk(&pool_id.1)),
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
}
