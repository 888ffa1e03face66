//! The price oracle: cumulative prices brought up to date at each block's start, a bounded
//! ring of observations per pool, and time-weighted average prices read from it.

use super::*;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Starts a pool's price oracle: it takes a slot and begins at the next block's start.
	pub(crate) fn start_oracle(pool_id: &PoolIdOf<T>) -> DispatchResult {
		ensure!(!Oracles::<T>::contains_key(pool_id), Error::<T>::OracleAlreadyStarted);
		OraclePools::<T>::try_append(pool_id).map_err(|_| Error::<T>::OracleSlotsFull)?;
		// An empty ring: slots a stopped oracle of this pool left behind are never read.
		Oracles::<T>::insert(pool_id, OracleState::default());
		Self::deposit_event(Event::PriceOracleStarted { pool_id: pool_id.clone() });
		Ok(())
	}

	/// Stops a pool's price oracle and frees its slot.
	pub(crate) fn stop_oracle(pool_id: &PoolIdOf<T>) -> DispatchResult {
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

	/// Credits the price of the oracle's stored reserves with the time it held until `now`,
	/// stores the pool's current `reserves`, and records an observation when the last one is at
	/// least [`Config::ObservationPeriod`] old (or there is none).
	pub(crate) fn update_oracle(
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
	pub(crate) fn accumulate_prices(oracle: &mut OracleState, now: u64) {
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
	pub(crate) fn observation_at_or_before(
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

	/// Starts (`enabled`) or stops the price oracle of the pool of `asset1` and `asset2`.
	pub(crate) fn do_set_price_oracle(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		enabled: bool,
	) -> DispatchResult {
		let pool_id = Self::pool_id(asset1, asset2)?;
		ensure!(Pools::<T>::contains_key(&pool_id), Error::<T>::PoolNotFound);
		if enabled {
			Self::start_oracle(&pool_id)
		} else {
			Self::stop_oracle(&pool_id)
		}
	}
}
