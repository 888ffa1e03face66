//! Storage migrations: version 0 to 1, and the accumulator scale it brings to new farms.

use super::*;
use crate::{
	math,
	migrations::v1::{MigrateToV1, OldFarmInfo},
};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Runs the migration once; with `try-runtime`, through its pre- and post-upgrade checks too.
fn upgrade() {
	use frame_support::traits::OnRuntimeUpgrade;
	#[cfg(feature = "try-runtime")]
	crate::migrations::v1::MigrateToV1::<Test>::try_on_runtime_upgrade(true)
		.expect("the migration's pre- and post-upgrade checks pass");
	#[cfg(not(feature = "try-runtime"))]
	crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
}

/// Writes farm `id` back in version 0's layout, its accumulator and its stakes' `acc_paid`
/// rescaled to version 0's 10^18 (the test's carried fractions are zero).
fn write_as_version_0(id: u32) {
	let farm = Farms::<Test>::get(id).unwrap();
	let scale = sp_core::U256::from(math::PRECISION / math::LEGACY_PRECISION);
	assert!(
		(farm.acc_reward_per_share % scale).is_zero(),
		"the test's accumulator rescales exactly"
	);
	let old = OldFarmInfo {
		lp_token: farm.lp_token,
		reward_asset: farm.reward_asset,
		rate: farm.rate,
		start: farm.start,
		rate_since: farm.rate_since,
		emitted_before: farm.emitted_before,
		end: farm.end,
		max_total_rewards: farm.max_total_rewards,
		total_staked: farm.total_staked,
		acc_reward_per_share: farm.acc_reward_per_share / scale,
		last_update: farm.last_update,
		distributed: farm.distributed,
		undistributed: farm.undistributed,
		claimed: farm.claimed,
		forfeited: farm.forfeited,
	};
	frame_support::storage::unhashed::put(&Farms::<Test>::hashed_key_for(id), &old);
	for (who, farm_id, mut stake) in Stakes::<Test>::iter().collect::<Vec<_>>() {
		if farm_id == id {
			assert!(stake.carried == 0 && (stake.acc_paid % scale).is_zero());
			stake.acc_paid /= scale;
			Stakes::<Test>::insert(who, farm_id, stake);
		}
	}
}

#[test]
fn migration_to_v1_keeps_every_farm_and_what_it_owes() {
	test(|| {
		let farm = create_farm(100, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 1_000);
		stake(BOB, farm, 3_000);
		run_to_block(5);
		// Touch the farm so its accumulator holds the four blocks.
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		let claimed = native(ALICE);
		let bob_pending = pending(farm, BOB);
		assert_eq!(bob_pending, 300);
		write_as_version_0(farm);
		StorageVersion::new(0).put::<LiquidityMining>();

		upgrade();

		assert_eq!(LiquidityMining::on_chain_storage_version(), 1);
		let migrated = Farms::<Test>::get(farm).unwrap();
		assert_eq!(migrated.acc_precision, math::LEGACY_PRECISION);
		assert_eq!(pending(farm, BOB), bob_pending);
		// The migrated farm keeps paying 1:3.
		run_to_block(11);
		assert_eq!(pending(farm, ALICE), 150);
		assert_eq!(pending(farm, BOB), bob_pending + 450);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert_eq!(native(ALICE), claimed + 150);
		// A new farm uses the finer scale.
		let new_farm = create_farm(1, 12, 1_000, u128::MAX);
		assert_eq!(Farms::<Test>::get(new_farm).unwrap().acc_precision, math::PRECISION);

		// A second run is a no-op.
		let before = Farms::<Test>::get(farm);
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Farms::<Test>::get(farm), before);
	})
}

#[test]
fn a_huge_stake_earns_a_tiny_rate() {
	// Version 0 lost a farm's emission when the stake exceeded 10^18 units per reward unit.
	test(|| {
		let lp_supply = 10u128.pow(24);
		assert_ok!(<LpTokens as frame_support::traits::fungibles::Mutate<AccountId>>::mint_into(
			LP, &CHARLIE, lp_supply
		));
		let farm = create_farm(1, 1, 1_000, u128::MAX);
		stake(CHARLIE, farm, lp_supply);
		for block in 2..=20 {
			run_to_block(block);
			// Touch the farm every block, as busy farms are.
			assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 1));
		}
		// 19 blocks of one unit each: Charlie, with all but a few units of the stake, earns all but
		// the fraction that rounds down (version 0 paid him nothing).
		assert_eq!(pending(farm, CHARLIE), 18);
		assert_eq!(Farms::<Test>::get(farm).unwrap().distributed, 19);
	})
}
