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

/// Audit H-1: each non-sufficient token an account holds takes a consumer reference, so anyone
/// could fill the pallet account's references with dust of junk assets and stop every LP token
/// it does not hold at that moment from being staked. The pallet's account of each farmed LP
/// token exists for a deposit instead, and survives a zero balance.
#[test]
fn dust_sent_to_the_pallet_account_cannot_block_staking() {
	use frame_support::traits::fungibles::Mutate;
	test(|| {
		// An LP token as the AMM creates them: not sufficient.
		let lp_token = 10;
		assert_ok!(LpTokens::force_create(RuntimeOrigin::root(), lp_token, ALICE, false, 1));
		assert_ok!(<LpTokens as Mutate<AccountId>>::mint_into(lp_token, &ALICE, 1_000));
		let farm = crate::NextFarmId::<Test>::get();
		assert_ok!(LiquidityMining::create_farm(
			RuntimeOrigin::root(),
			lp_token,
			NATIVE,
			10,
			1,
			100,
			1_000
		));
		// Junk assets, one unit each, until the pallet account has no consumer reference left.
		let pallet = LiquidityMining::account_id();
		for junk in 100..400u32 {
			assert_ok!(Assets::force_create(RuntimeOrigin::root(), junk, BOB, false, 1));
			if <Assets as Mutate<AccountId>>::mint_into(junk, &pallet, 1).is_err() {
				break;
			}
		}
		// No new account of a non-sufficient token fits any more (pallet-assets keeps one spare).
		assert!(!frame_system::Pallet::<Test>::can_accrue_consumers(&pallet, 2));

		assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 100));
		// The last staker leaves, and the next one still gets in.
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 100));
		assert_eq!(<LpTokens as Inspect<AccountId>>::balance(lp_token, &pallet), 0);
		assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 50));
		// A second farm of the same LP token finds the account there already.
		assert_ok!(LiquidityMining::create_farm(
			RuntimeOrigin::root(),
			lp_token,
			NATIVE,
			10,
			1,
			100,
			1_000
		));
	})
}

/// Audit L-7: an account that exists for a sufficient asset alone has no provider, and could not
/// take a consumer reference. A sufficient token sent to the pallet account before the first farm
/// no longer leaves it without one.
#[test]
fn a_sufficient_token_sent_first_does_not_leave_the_pallet_account_without_a_provider() {
	use frame_support::traits::fungibles::Mutate;
	test(|| {
		let pallet = LiquidityMining::account_id();
		assert_ok!(<Assets as Mutate<AccountId>>::mint_into(REWARD, &pallet, 10));
		assert_eq!(frame_system::Pallet::<Test>::providers(&pallet), 0);
		let lp_token = 10;
		assert_ok!(LpTokens::force_create(RuntimeOrigin::root(), lp_token, ALICE, false, 1));
		assert_ok!(<LpTokens as Mutate<AccountId>>::mint_into(lp_token, &ALICE, 1_000));
		let farm = crate::NextFarmId::<Test>::get();
		assert_ok!(LiquidityMining::create_farm(
			RuntimeOrigin::root(),
			lp_token,
			NATIVE,
			10,
			1,
			100,
			1_000
		));
		assert_eq!(frame_system::Pallet::<Test>::providers(&pallet), 1);
		assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 100));
	})
}

/// Audit L-5: an ended farm takes no stakes (they would earn nothing); one not yet started does.
#[test]
fn ended_farms_take_no_stakes() {
	test(|| {
		let farm = create_farm(10, 1, 5, u128::MAX);
		let later = create_farm(10, 20, 30, u128::MAX);
		run_to_block(5);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 10),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::add_liquidity_and_stake(
				RuntimeOrigin::signed(ALICE),
				farm,
				10,
				10,
				0,
				0
			),
			Error::<Test>::FarmEnded
		);
		stake(ALICE, later, 10);
	})
}

/// Audit L-3: emergency withdrawal works in any state, also for a stake of nothing whose holder
/// has no LP account any more (a transfer of zero to it would fail).
#[test]
fn emergency_withdrawal_of_an_emptied_stake_clears_it() {
	use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(5);
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), farm, 100));
		let all = lp(ALICE);
		assert_ok!(<LpTokens as Mutate<AccountId>>::transfer(
			LP,
			&ALICE,
			&BOB,
			all,
			Preservation::Expendable
		));
		assert!(pending(farm, ALICE) > 0);
		assert_ok!(LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(ALICE), farm));
		assert!(Stakes::<Test>::get(ALICE, farm).is_none());
	})
}
