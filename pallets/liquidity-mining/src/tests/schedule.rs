//! The emission schedule: emission stops exactly at the end block or the cap, blocks without
//! stake emit to nobody, and rate changes settle first and move the scheduled end.

use super::*;

#[test]
fn emission_stops_exactly_at_the_end_block() {
	test(|| {
		let farm = create_farm(10, 3, 8, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(7);
		assert!(!System::events()
			.iter()
			.any(|r| matches!(r.event, RuntimeEvent::LiquidityMining(Event::FarmEnded { .. }))));
		run_to_block(8);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 8,
			reason: EndReason::EndBlock,
			total_emitted: 50,
		}));
		run_to_block(30);
		// Blocks 3..8: five blocks, nothing before the start or after the end.
		assert_eq!(pending(farm, ALICE), 50);
	})
}

#[test]
fn emission_stops_at_the_cap() {
	test(|| {
		let farm = create_farm(10, 1, 100, 35);
		stake(ALICE, farm, 1);
		stake(BOB, farm, 1);
		run_to_block(5);
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmEnded {
			farm_id: farm,
			at: 5,
			reason: EndReason::Cap,
			total_emitted: 35,
		}));
		run_to_block(50);
		// 35 over two equal stakes: 17.5 each, the half units stay behind as dust.
		assert_eq!((pending(farm, ALICE), pending(farm, BOB)), (17, 17));
	})
}

#[test]
fn blocks_without_stake_emit_to_nobody() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		run_to_block(5);
		stake(ALICE, farm, 10);
		run_to_block(7);
		assert_eq!(pending(farm, ALICE), 20);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		let info = Farms::<Test>::get(farm).unwrap();
		assert_eq!((info.undistributed, info.distributed), (40, 20));
	})
}

#[test]
fn rate_changes_settle_first() {
	test(|| {
		let farm = create_farm(10, 1, 100, u128::MAX);
		stake(ALICE, farm, 10);
		run_to_block(5);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::signed(ALICE), farm, 20),
			DispatchError::BadOrigin
		);
		assert_noop!(
			LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 0),
			Error::<Test>::ZeroReward
		);
		assert_ok!(LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 100));
		System::assert_last_event(RuntimeEvent::LiquidityMining(Event::FarmRateChanged {
			farm_id: farm,
			old_rate: 10,
			new_rate: 100,
			from_block: 5,
		}));
		run_to_block(7);
		assert_eq!(pending(farm, ALICE), 40 + 200);
	})
}

#[test]
fn rate_change_moves_the_cap_block() {
	test(|| {
		let farm = create_farm(10, 1, 100, 100);
		assert_eq!(FarmEndings::<Test>::get(11).into_inner(), vec![farm]);
		run_to_block(3);
		// 20 emitted; 80 left at 40 per block: the cap is reached at block 5.
		assert_ok!(LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, 40));
		assert!(FarmEndings::<Test>::get(11).is_empty());
		assert_eq!(FarmEndings::<Test>::get(5).into_inner(), vec![farm]);
	})
}
