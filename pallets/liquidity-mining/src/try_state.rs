//! The pallet's invariants, checked by `try_state` and the test harnesses (the pallet's tests and
//! `runtime/tests`).

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: each farm's total stake equals the sum of its stakes; the
	/// pallet's account holds every staked LP token; no farm emitted more than its schedule and
	/// cap allow, or minted more than it distributed; the end of every running farm is announced
	/// for the hook exactly once.
	///
	/// Iterates every farm and stake: for `try-runtime` and test harnesses, never for a block.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let u = |b: T::Balance| -> u128 { b.into() };
		let mut staked_by_farm: BTreeMap<FarmId, u128> = BTreeMap::new();
		// What each farm owes its stakers: settled rewards plus what accrued up to the farm's
		// last update (test review P11).
		let mut owed_by_farm: BTreeMap<FarmId, u128> = BTreeMap::new();
		for (_, farm_id, stake) in Stakes::<T>::iter() {
			*staked_by_farm.entry(farm_id).or_default() += u(stake.amount);
			if let Some(farm) = Farms::<T>::get(farm_id) {
				let owed = u(stake.pending).saturating_add(Self::accrued(&farm, &stake).0);
				let entry = owed_by_farm.entry(farm_id).or_default();
				*entry = entry.saturating_add(owed);
			}
		}
		let mut staked_by_token: BTreeMap<Vec<u8>, (T::LpToken, u128)> = BTreeMap::new();
		for (farm_id, farm) in Farms::<T>::iter() {
			let sum = staked_by_farm.get(&farm_id).copied().unwrap_or_default();
			ensure!(sum == u(farm.total_staked), "a farm's total stake differs from its stakes");
			let emitted = Self::schedule(&farm).emitted(Self::block_u64(farm.last_update));
			ensure!(
				u(farm.distributed) + u(farm.undistributed) == emitted,
				"a farm's distributed and undistributed rewards differ from its emission"
			);
			ensure!(emitted <= u(farm.max_total_rewards), "a farm emitted more than its cap");
			ensure!(
				u(farm.claimed) + u(farm.forfeited) <= u(farm.distributed),
				"a farm paid more than it distributed"
			);
			let owed = owed_by_farm.get(&farm_id).copied().unwrap_or_default();
			ensure!(
				owed <= u(farm.distributed) - u(farm.claimed) - u(farm.forfeited),
				"a farm owes its stakers more than it distributed and has not paid"
			);
			let entry = staked_by_token
				.entry(codec::Encode::encode(&farm.lp_token))
				.or_insert((farm.lp_token, 0));
			entry.1 += sum;
		}
		// Every running farm's end is announced once, at the block it ends (audit I-4), and every
		// announcement still to come names a farm that ends then.
		let now = frame_system::Pallet::<T>::block_number();
		for (farm_id, farm) in Farms::<T>::iter() {
			let end = Self::effective_end(&farm);
			if end > now {
				let listed = FarmEndings::<T>::get(end).iter().filter(|id| **id == farm_id).count();
				ensure!(listed == 1, "a running farm's end is not announced exactly once");
			}
		}
		for (block, ids) in FarmEndings::<T>::iter().filter(|(block, _)| *block > now) {
			for farm_id in ids {
				let ends_then = Farms::<T>::get(farm_id)
					.is_some_and(|farm| Self::effective_end(&farm) == block);
				ensure!(ends_then, "an announced end names no farm that ends then");
			}
		}
		for (lp_token, staked) in staked_by_token.into_values() {
			ensure!(
				u(T::LpTokens::balance(lp_token, &Self::account_id())) >= staked,
				"the pallet's account holds fewer LP tokens than are staked"
			);
		}
		Ok(())
	}
}
