//! Queries: the `LiquidityMiningApi` runtime API and the pallet functions behind it (pending
//! rewards, a farm's view, the farms of an LP token, an account's stakes). They read storage
//! and write nothing.

use super::*;

impl<T: Config> Pallet<T> {
	/// Rewards `who` could claim from a farm now.
	pub fn pending_rewards(farm_id: FarmId, who: &T::AccountId) -> Option<T::Balance> {
		let mut farm = Farms::<T>::get(farm_id)?;
		let stake = Stakes::<T>::get(who, farm_id)?;
		Self::update_farm(&mut farm);
		let (accrued, _) = Self::accrued(&farm, &stake);
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

	/// A farm's APR in `quote`, its rewards and stake valued at [`Config::Prices`]: what it will
	/// pay in the next year at its current rate, up to its end and within what remains of its
	/// cap, against the value staked. A farm that has not started yet is quoted at the rate it
	/// will pay from its start. `None` for an unknown farm or without prices.
	pub fn farm_apr(farm_id: FarmId, quote: T::AssetKind) -> Option<FarmApr<T::Balance>> {
		let farm = Self::farm_view(farm_id)?;
		let prices = T::Prices::farm_prices(&farm.lp_token, &farm.reward_asset, &quote)?;
		let now = frame_system::Pallet::<T>::block_number();
		let upcoming = now < farm.start_block && !farm.remaining_rewards.is_zero();
		let rate = if farm.active || upcoming { farm.reward_per_block } else { Zero::zero() };
		// The blocks it still pays for within a year from now.
		let year_end = now.saturating_add(T::BlocksPerYear::get().into());
		let blocks = farm.end_block.min(year_end).saturating_sub(now.max(farm.start_block));
		let figures = math::farm_apr(
			rate.into(),
			sp_runtime::SaturatedConversion::saturated_into::<u128>(blocks),
			farm.remaining_rewards.into(),
			farm.total_staked.into(),
			prices.lp_supply,
			prices.pool_value,
			prices.reward_price_x64,
		);
		Some(FarmApr {
			reward_price_x64: prices.reward_price_x64,
			yearly_rewards: figures.yearly_rewards.into(),
			yearly_rewards_value: figures.yearly_rewards_value.into(),
			staked_value: figures.staked_value.into(),
			remaining_rewards_value: figures.remaining_rewards_value.into(),
			apr_ppm: figures.apr_ppm,
		})
	}

	/// LP tokens `lp_token` that `who` has staked in its farms.
	pub fn staked_of(who: &T::AccountId, lp_token: T::LpToken) -> T::Balance {
		let farms = Self::farms_of(lp_token);
		Stakes::<T>::iter_prefix(who)
			.filter(|(farm_id, _)| farms.contains(farm_id))
			.fold(Zero::zero(), |total: T::Balance, (_, stake)| total.saturating_add(stake.amount))
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
