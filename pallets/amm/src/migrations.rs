//! Storage migrations of the AMM pallet.

use super::*;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

/// Version 0 to 1: a pool's reserves and LP supply leave its record (they are its account's
/// balances and its LP token's issuance), and price oracles move to [`Oracles`], for at most
/// [`Config::MaxOraclePools`] pools.
pub mod v1 {
	use super::*;

	/// A pool's price oracle as version 0 stored it, inside the pool's record.
	#[derive(Clone, Debug, Decode, Default, Encode, Eq, PartialEq, TypeInfo)]
	pub struct OldOracleState {
		/// Block timestamp of the last update; zero before the first.
		pub updated_at: u64,
		/// Sum of the price of asset 1 in asset 2 times the milliseconds it held.
		pub price1_cumulative: U256,
		/// Sum of the price of asset 2 in asset 1 times the milliseconds it held.
		pub price2_cumulative: U256,
		/// Slots of the observation ring in use.
		pub observation_count: u32,
		/// The slot the next observation goes to.
		pub next_observation: u32,
		/// Timestamp of the newest observation.
		pub observed_at: u64,
	}

	/// A pool's record as version 0 stored it.
	#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
	pub struct OldPoolInfo<PoolAssetId, Balance> {
		/// The pool's LP token.
		pub lp_token: PoolAssetId,
		/// Trading fee in basis points.
		pub fee_bps: u32,
		/// Reserve of the pool id's first asset.
		pub reserve1: Balance,
		/// Reserve of the pool id's second asset.
		pub reserve2: Balance,
		/// LP tokens in existence.
		pub lp_supply: Balance,
		/// `sqrt(k)` after the last liquidity change while the protocol fee was on.
		pub root_k_last: U256,
		/// The pool's price oracle.
		pub oracle: OldOracleState,
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		/// Rewrites every pool's record. The first [`Config::MaxOraclePools`] pools (in storage
		/// order) keep their oracle, accumulators and observations as they were, its price the
		/// reserves version 0 had stored; the others' observations are removed. Reads and writes
		/// every pool once: the chain's pools must fit in one block's weight.
		fn on_runtime_upgrade() -> Weight {
			let mut tracked = BoundedVec::<PoolIdOf<T>, T::MaxOraclePools>::new();
			let (mut pools, mut cleared) = (0u64, 0u64);
			Pools::<T>::translate::<OldPoolInfo<T::PoolAssetId, T::Balance>, _>(|pool_id, old| {
				pools += 1;
				let oracle = old.oracle;
				if tracked.try_push(pool_id.clone()).is_ok() {
					Oracles::<T>::insert(
						&pool_id,
						OracleState {
							updated_at: oracle.updated_at,
							reserves: (old.reserve1.into(), old.reserve2.into()),
							price1_cumulative: oracle.price1_cumulative,
							price2_cumulative: oracle.price2_cumulative,
							observation_count: oracle.observation_count,
							next_observation: oracle.next_observation,
							observed_at: oracle.observed_at,
						},
					);
				} else {
					let removed =
						Observations::<T>::clear_prefix(&pool_id, T::MaxObservations::get(), None);
					cleared += removed.unique as u64;
				}
				Some(PoolInfo {
					lp_token: old.lp_token,
					fee_bps: old.fee_bps,
					root_k_last: old.root_k_last,
				})
			});
			let oracles = tracked.len() as u64;
			OraclePools::<T>::put(tracked);
			T::DbWeight::get().reads_writes(pools, pools + oracles + cleared + 1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 to 1, run once: see [`v1`].
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
