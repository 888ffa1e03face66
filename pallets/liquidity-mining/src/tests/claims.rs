//! Rewards and claims: rewards split by stake and time, minted to the staker or a beneficiary,
//! in the native token or an asset.

use super::*;

#[test]
fn rewards_split_by_stake_and_time() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		assert_eq!(lp(ALICE), LP_FUNDS - 100);
		assert_eq!(lp(LiquidityMining::account_id()), 100);
		run_to_block(5);
		// Blocks 1..5 went to Alice alone.
		assert_eq!(pending(farm, ALICE), 40);
		stake(BOB, farm, 300);
		run_to_block(11);
		// Blocks 5..11 split 1:3.
		assert_eq!(pending(farm, ALICE), 40 + 15);
		assert_eq!(pending(farm, BOB), 45);
		System::assert_has_event(RuntimeEvent::LiquidityMining(Event::Staked {
			farm_id: farm,
			who: BOB,
			amount: 300,
			stake: 300,
			total_staked: 400,
		}));
	})
}

#[test]
fn claim_mints_to_beneficiary() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(4);
		let before = native(CHARLIE);
		let issuance = Balances::total_issuance();
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, Some(CHARLIE)));
		assert_eq!(native(CHARLIE) - before, 30);
		assert_eq!(Balances::total_issuance() - issuance, 30);
		assert_eq!(pending(farm, ALICE), 0);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::Claimed {
			farm_id: farm,
			who: ALICE,
			beneficiary: CHARLIE,
			reward_asset: NATIVE,
			amount: 30,
		}));
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(BOB), farm, None),
			Error::<Test>::NoStake
		);
		assert_noop!(
			LiquidityMining::claim(RuntimeOrigin::signed(ALICE), 42, None),
			Error::<Test>::FarmNotFound
		);
		run_to_block(6);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert_eq!(Farms::<Test>::get(farm).unwrap().claimed, 50);
	})
}

#[test]
fn asset_rewards_are_minted() {
	test(|| {
		assert_ok!(LiquidityMining::create_farm(
			RuntimeOrigin::root(),
			LP,
			REWARD_ASSET,
			7,
			1,
			100,
			1_000
		));
		stake(CHARLIE, 0, 10);
		run_to_block(3);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(CHARLIE), 0, None));
		assert_eq!(<Assets as Inspect<AccountId>>::balance(REWARD, &CHARLIE), 14);
	})
}
