//! Staking: stake and its errors, unstake, emergency withdrawal, and adding liquidity and
//! staking in one call.

use super::*;

#[test]
fn unstake_returns_lp_and_keeps_rewards() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(3);
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 40));
		assert_eq!(lp(ALICE), LP_FUNDS - 60);
		run_to_block(5);
		// Blocks 3..5 give 20 / 60 per LP token: 19.99.. units for 60 LP tokens, the fraction is
		// carried to the next settlement.
		assert_eq!(pending(farm, ALICE), 39);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 61),
			Error::<Test>::InsufficientStake
		);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			LiquidityMining::unstake(RuntimeOrigin::signed(BOB), farm, 1),
			Error::<Test>::NoStake
		);
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 60));
		// The stake stays while rewards are unclaimed, then goes with the claim.
		assert!(Stakes::<Test>::contains_key(ALICE, farm));
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert!(!Stakes::<Test>::contains_key(ALICE, farm));
	})
}

#[test]
fn stake_errors() {
	test(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), 9, 10),
			Error::<Test>::FarmNotFound
		);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, LP_FUNDS + 1),
			TokenError::FundsUnavailable
		);
	})
}

#[test]
fn emergency_withdraw_forfeits_rewards_even_after_the_end() {
	test(|| {
		let farm = create_farm(10, 1, 5, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(20);
		assert_eq!(pending(farm, ALICE), 40);
		assert_ok!(LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), farm));
		assert_eq!(lp(ALICE), LP_FUNDS);
		assert!(!Stakes::<Test>::contains_key(ALICE, farm));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::EmergencyWithdrawn {
			farm_id: farm,
			who: ALICE,
			amount: 100,
			forfeited: 40,
		}));
		assert_noop!(
			LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), farm),
			Error::<Test>::NoStake
		);
	})
}

#[test]
fn add_liquidity_and_stake_in_one_call() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		assert_ok!(LiquidityMining::add_liquidity_and_stake(
			RuntimeOrigin::signed(BOB),
			farm,
			500,
			20,
			0,
			0
		));
		assert_eq!(Stakes::<Test>::get(BOB, farm).unwrap().amount, 500);
		assert_eq!(lp(BOB), LP_FUNDS);
		assert_noop!(
			LiquidityMining::add_liquidity_and_stake(RuntimeOrigin::signed(BOB), 9, 500, 20, 0, 0),
			Error::<Test>::FarmNotFound
		);
	})
}
