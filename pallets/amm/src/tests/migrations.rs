//! Storage migrations: version 0 to 1.

use super::*;
use crate::{Observations, OraclePools};

/// Runs the migration once; with `try-runtime`, through its pre- and post-upgrade checks too.
fn upgrade() {
	use frame_support::traits::OnRuntimeUpgrade;
	#[cfg(feature = "try-runtime")]
	crate::migrations::v1::MigrateToV1::<Test>::try_on_runtime_upgrade(true)
		.expect("the migration's pre- and post-upgrade checks pass");
	#[cfg(not(feature = "try-runtime"))]
	crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
}

#[test]
fn migration_to_v1_moves_oracles_out_of_the_pool_records() {
	use crate::migrations::v1::{MigrateToV1, OldOracleState, OldPoolInfo};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	test(|| {
		// Five pools for four oracle slots, written as version 0 stored them.
		let pairs = [(NATIVE, USDT), (NATIVE, ETH), (NATIVE, DOT), (USDT, ETH), (USDT, DOT)];
		for (a, b) in pairs.clone() {
			pool_with(a, b, 1_000_000, 2_000_000);
		}
		let _ = Oracles::<Test>::clear(u32::MAX, None);
		OraclePools::<Test>::kill();
		for pool_id in Pools::<Test>::iter_keys().collect::<Vec<_>>() {
			let info = Pools::<Test>::get(&pool_id).unwrap();
			let (reserve1, reserve2) = Amm::reserves(&pool_id);
			let old = OldPoolInfo {
				lp_token: info.lp_token,
				fee_bps: info.fee_bps,
				reserve1,
				reserve2,
				lp_supply: Amm::lp_supply(info.lp_token),
				root_k_last: info.root_k_last,
				oracle: OldOracleState {
					updated_at: 7_000,
					price1_cumulative: 11u32.into(),
					price2_cumulative: 13u32.into(),
					observation_count: 1,
					next_observation: 1,
					observed_at: 7_000,
				},
			};
			frame_support::storage::unhashed::put(&Pools::<Test>::hashed_key_for(&pool_id), &old);
			Observations::<Test>::insert(
				&pool_id,
				0,
				crate::Observation {
					timestamp: 7_000,
					price1_cumulative: 11u32.into(),
					price2_cumulative: 13u32.into(),
				},
			);
		}
		StorageVersion::new(0).put::<Amm>();

		upgrade();

		assert_eq!(Amm::on_chain_storage_version(), 1);
		let tracked = OraclePools::<Test>::get();
		assert_eq!(tracked.len(), MAX_ORACLE_POOLS as usize);
		for pool_id in Pools::<Test>::iter_keys() {
			let info = Pools::<Test>::get(&pool_id).unwrap();
			assert_eq!((info.fee_bps, info.root_k_last), (30, 0.into()));
			let observations = Observations::<Test>::iter_prefix(&pool_id).count();
			if tracked.contains(&pool_id) {
				let oracle = Oracles::<Test>::get(&pool_id).unwrap();
				let (reserve1, reserve2) = Amm::reserves(&pool_id);
				assert_eq!(oracle.reserves, (reserve1, reserve2));
				assert_eq!((oracle.updated_at, oracle.price1_cumulative), (7_000, 11u32.into()));
				assert_eq!(observations, 1);
			} else {
				assert!(Oracles::<Test>::get(&pool_id).is_none());
				assert_eq!(observations, 0);
			}
		}
		// A second run is a no-op.
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(OraclePools::<Test>::get(), tracked);
	})
}
