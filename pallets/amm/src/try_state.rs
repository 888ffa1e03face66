//! The pallet's invariants, checked by `try_state` and the test harnesses.

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: a pool with LP tokens holds both assets (unless an
	/// asset's controller emptied its side) and keeps the locked minimum liquidity,
	/// the oracles are exactly the tracked pools' and their rings stay within bounds, and every
	/// deposit basis, lock and initial deposit belongs to a pool.
	///
	/// Iterates every pool: for `try-runtime` and test harnesses, never for a block.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (pool_id, info) in Pools::<T>::iter() {
			if !Self::lp_supply(info.lp_token).is_zero() {
				let (reserve1, reserve2) = Self::reserves(&pool_id);
				let account = Self::pool_account(&pool_id);
				// A destroyed asset's side is empty too: its issuer destroyed it.
				let controlled = |asset: &T::AssetKind| {
					T::AssetControls::control(asset, &account).is_some()
						|| !T::Assets::asset_exists(asset.clone())
				};
				ensure!(
					(!reserve1.is_zero() || controlled(&pool_id.0))
						&& (!reserve2.is_zero() || controlled(&pool_id.1)),
					"a pool has LP tokens without a reserve that nobody but the AMM controls"
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
