//! Farms: creation and its errors, and the admin's extension and early end of a farm.

use super::*;

#[test]
fn create_farm_works() {
	test(|| {
		let id = create_farm(10, 5, 100, 1_000_000);
		let farm = Farms::<Test>::get(id).unwrap();
		assert_eq!(
			(farm.rate, farm.start, farm.end, farm.max_total_rewards),
			(10, 5, 100, 1_000_000)
		);
		assert_eq!(FarmsByLpToken::<Test>::get(LP).into_inner(), vec![id]);
		assert_eq!(FarmEndings::<Test>::get(100).into_inner(), vec![id]);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmCreated {
			farm_id: id,
			lp_token: LP,
			reward_asset: NATIVE,
			reward_per_block: 10,
			start_block: 5,
			end_block: 100,
			max_total_rewards: 1_000_000,
		}));
		// A cap reached before the end block schedules the end earlier: 55 / 10 → block 11.
		let capped = create_farm(10, 5, 100, 55);
		assert_eq!(FarmEndings::<Test>::get(11).into_inner(), vec![capped]);
	})
}

#[test]
fn create_farm_errors() {
	test(|| {
		let root = RuntimeOrigin::root();
		assert_noop!(
			LiquidityMining::create_farm(
				RuntimeOrigin::signed(ALICE),
				LP,
				NATIVE,
				10,
				5,
				100,
				1_000
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), 99, NATIVE, 10, 5, 100, 1_000),
			Error::<Test>::UnknownLpToken
		);
		assert_noop!(
			LiquidityMining::create_farm(
				root.clone(),
				LP,
				NativeOrWithId::WithId(99),
				10,
				5,
				100,
				1_000
			),
			Error::<Test>::UnknownRewardAsset
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 0, 5, 100, 1_000),
			Error::<Test>::ZeroReward
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 5, 100, 0),
			Error::<Test>::ZeroReward
		);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 5, 5, 1_000),
			Error::<Test>::InvalidSchedule
		);
		run_to_block(10);
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 9, 100, 1_000),
			Error::<Test>::InvalidSchedule
		);
		for _ in 0..3 {
			create_farm(10, 10, 100, 1_000);
		}
		assert_noop!(
			LiquidityMining::create_farm(root.clone(), LP, NATIVE, 10, 10, 100, 1_000),
			Error::<Test>::TooManyFarms
		);
		// Three farms end at block 100; a fourth (of another LP token) fills the block's slots.
		assert_ok!(LiquidityMining::create_farm(root.clone(), 2, NATIVE, 10, 10, 100, 1_000_000));
		assert_noop!(
			LiquidityMining::create_farm(root, 2, NATIVE, 10, 10, 100, 1_000_000),
			Error::<Test>::TooManyEndingsInBlock
		);
	})
}

#[test]
fn extend_and_end_farms() {
	test(|| {
		let farm = create_farm(10, 1, 10, u128::MAX);
		stake(ALICE, farm, 10);
		assert_noop!(
			LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 10),
			Error::<Test>::InvalidSchedule
		);
		assert_ok!(LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 20));
		assert!(FarmEndings::<Test>::get(10).is_empty());
		assert_eq!(FarmEndings::<Test>::get(20).into_inner(), vec![farm]);
		run_to_block(6);
		assert_ok!(LiquidityMining::end_farm(RuntimeOrigin::root(), farm));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 6,
			reason: EndReason::Admin,
			total_emitted: 50,
		}));
		assert!(FarmEndings::<Test>::get(20).is_empty());
		run_to_block(30);
		assert_eq!(pending(farm, ALICE), 50);
		assert_noop!(
			LiquidityMining::end_farm(RuntimeOrigin::root(), farm),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 40),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 5),
			Error::<Test>::FarmEnded
		);
	})
}

/// Audit L-1: a farm ended before its start stays ended: no second end, no new rate, no
/// extension that would bring it back, no stakes, and it never emits.
#[test]
fn a_farm_ended_before_its_start_stays_ended() {
	test(|| {
		let farm = create_farm(10, 10, 20, u128::MAX);
		assert_ok!(LiquidityMining::end_farm(RuntimeOrigin::root(), farm));
		assert_noop!(
			LiquidityMining::end_farm(RuntimeOrigin::root(), farm),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::extend_farm(RuntimeOrigin::root(), farm, 50),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 5),
			Error::<Test>::FarmEnded
		);
		assert_noop!(
			LiquidityMining::stake(RuntimeOrigin::signed(ALICE), farm, 10),
			Error::<Test>::FarmEnded
		);
		run_to_block(15);
		let view = LiquidityMining::farm_view(farm).unwrap();
		assert_eq!((view.total_emitted, view.remaining_rewards, view.active), (0, 0, false));
	})
}

#[test]
fn ended_farms_with_nothing_staked_free_their_lp_token_slot() {
	test(|| {
		// Three farms (the mock's most per LP token) end at block 5; one still holds a stake.
		let staked = create_farm(10, 1, 5, 1_000);
		stake(ALICE, staked, 100);
		let idle = [create_farm(10, 1, 5, 1_000), create_farm(10, 1, 5, 1_000)];
		run_to_block(10);
		// The two ended farms without stakes leave the index; the staked one keeps its slot.
		let next = create_farm(10, 10, 20, 1_000);
		assert_eq!(FarmsByLpToken::<Test>::get(LP).into_inner(), vec![staked, next]);
		create_farm(10, 10, 20, 1_000);
		assert_noop!(
			LiquidityMining::create_farm(RuntimeOrigin::root(), LP, NATIVE, 10, 10, 20, 1_000),
			Error::<Test>::TooManyFarms
		);
		// The pruned farms still exist, and the staker of the ended one can still leave it.
		assert!(idle.iter().all(Farms::<Test>::contains_key));
		assert_ok!(LiquidityMining::unstake(RuntimeOrigin::signed(ALICE), staked, 100));
	})
}
