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

/// Rewrites a pool's record as version 0 stored it, with `reserves` and `oracle` in it, and one
/// observation of the oracle at its `observed_at`.
fn put_v0_pool(
	pool_id: &crate::PoolIdOf<Test>,
	reserves: (u128, u128),
	oracle: crate::migrations::v1::OldOracleState,
) {
	let info = Pools::<Test>::get(pool_id).unwrap();
	Observations::<Test>::insert(
		pool_id,
		0,
		crate::Observation {
			timestamp: oracle.observed_at,
			price1_cumulative: oracle.price1_cumulative,
			price2_cumulative: oracle.price2_cumulative,
		},
	);
	let old = crate::migrations::v1::OldPoolInfo {
		lp_token: info.lp_token,
		fee_bps: info.fee_bps,
		reserve1: reserves.0,
		reserve2: reserves.1,
		lp_supply: Amm::lp_supply(info.lp_token),
		root_k_last: info.root_k_last,
		oracle,
	};
	frame_support::storage::unhashed::put(&Pools::<Test>::hashed_key_for(pool_id), &old);
}

/// A version-0 oracle seven seconds into the chain, with one observation.
fn v0_oracle() -> crate::migrations::v1::OldOracleState {
	crate::migrations::v1::OldOracleState {
		updated_at: 7_000,
		price1_cumulative: 11u32.into(),
		price2_cumulative: 13u32.into(),
		observation_count: 1,
		next_observation: 1,
		observed_at: 7_000,
	}
}

#[test]
fn migration_to_v1_moves_oracles_out_of_the_pool_records() {
	use crate::migrations::v1::MigrateToV1;
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
			put_v0_pool(&pool_id, Amm::reserves(&pool_id), v0_oracle());
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

/// A version-0 pool record as the chain stored it, field by field (SCALE, little-endian), with
/// the values the test below expects.
const V0_POOL_RECORD: [&str; 12] = [
	"07000000",                                                         // lp_token: 7
	"1e000000",                                                         // fee_bps: 30
	"e8030000000000000000000000000000",                                 // reserve1: 1,000
	"d0070000000000000000000000000000",                                 // reserve2: 2,000
	"86050000000000000000000000000000",                                 // lp_supply: 1,414
	"0000000000000000000000000000000000000000000000000000000000000000", // root_k_last: 0
	"581b000000000000",                                                 // oracle.updated_at: 7,000
	"0b00000000000000000000000000000000000000000000000000000000000000", // price1_cumulative: 11
	"0d00000000000000000000000000000000000000000000000000000000000000", // price2_cumulative: 13
	"01000000",                                                         // observation_count: 1
	"01000000",                                                         // next_observation: 1
	"581b000000000000",                                                 // observed_at: 7,000
];

fn unhex(hex: &str) -> Vec<u8> {
	(0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn the_old_record_type_reads_version_0_bytes() {
	use crate::migrations::v1::OldPoolInfo;
	use codec::{Decode, Encode};
	let bytes: Vec<u8> = V0_POOL_RECORD.iter().flat_map(|field| unhex(field)).collect();
	let old = OldPoolInfo::<u32, u128>::decode(&mut &bytes[..]).expect("version 0 bytes decode");
	assert_eq!(
		old,
		OldPoolInfo {
			lp_token: 7,
			fee_bps: 30,
			reserve1: 1_000,
			reserve2: 2_000,
			lp_supply: 1_414,
			root_k_last: 0u32.into(),
			oracle: v0_oracle(),
		}
	);
	assert_eq!(old.encode(), bytes, "nothing left over, nothing reordered");
}

#[test]
fn a_donation_made_before_the_upgrade_moves_the_price_only_from_the_upgrade_on() {
	use crate::migrations::v1::{MigrateToV1, OldOracleState};
	use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 2_000_000);
		let pool_id = Amm::pool_id(NATIVE, USDT).unwrap();
		assert_eq!(pool_id, (NATIVE, USDT), "reserves below are in pool order");
		let info = Pools::<Test>::get(&pool_id).unwrap();
		let _ = Oracles::<Test>::clear(u32::MAX, None);
		OraclePools::<Test>::kill();
		// Version 0 kept the reserves in the record; tokens sent to the pool afterwards were
		// balances beyond them.
		let stored = reserves(NATIVE, USDT);
		let supply = Amm::lp_supply(info.lp_token);
		let v0 = OldOracleState {
			updated_at: 7_000,
			observation_count: 1,
			next_observation: 1,
			observed_at: 7_000,
			..Default::default()
		};
		put_v0_pool(&pool_id, stored, v0);
		StorageVersion::new(0).put::<Amm>();
		let account = Amm::pool_account(&pool_id);
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), 1, account, 2_000_000));
		let balances = reserves(NATIVE, USDT);
		assert_eq!(balances, (1_000_000, 4_000_000));

		Now::set(67_000);
		upgrade();

		// The oracle goes on from the price version 0 had: the donation is not credited to the
		// time before the upgrade.
		assert_eq!(oracle(NATIVE, USDT).reserves, stored);
		assert_eq!(Amm::lp_supply(info.lp_token), supply, "the LP supply is the token's issuance");
		// Running it again changes nothing at all.
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);

		// The first block after the upgrade credits the old price for 7 s .. 67 s; the donated
		// reserves are the price from then on.
		block_at(127_000);
		let before = math::price_x64(stored.0, stored.1).unwrap();
		let after = math::price_x64(balances.0, balances.1).unwrap();
		assert_eq!(Amm::twap(NATIVE, USDT, 1, 60_000).unwrap().price_x64, after);
		let whole = Amm::twap(NATIVE, USDT, 1, 120_000).unwrap();
		assert_eq!((whole.from, whole.to), (7_000, 127_000));
		assert_eq!(whole.price_x64, (before * 60_000 + after * 60_000) / 120_000);
	})
}
