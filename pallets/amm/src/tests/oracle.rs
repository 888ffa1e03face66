//! Price oracle: TWAPs, updates at block start, the observation ring and the oracle slots.

use super::*;
use crate::{Observations, OraclePools};

#[test]
fn twap_weights_each_price_by_the_time_it_held() {
	test(|| {
		block_at(1_000);
		// 1 DEX = 4 USDT from t = 1 s.
		pool_with(NATIVE, USDT, 10_000, 40_000);
		block_at(7_000);
		let twap = Amm::twap(NATIVE, USDT, 1_000, 6_000).unwrap();
		assert_eq!((twap.amount_out, twap.from, twap.to), (4_000, 1_000, 7_000));
		assert_eq!(twap.price_x64, math::price_x64(10_000, 40_000).unwrap());
		// The other direction: 1 USDT = 0.25 DEX.
		assert_eq!(Amm::twap(USDT, NATIVE, 4_000, 6_000).unwrap().amount_out, 1_000);

		// A swap at t = 7 s changes the price; the first 6 s still count at 4.
		swap_in(BOB, vec![USDT, NATIVE], 10_000);
		let (r_native, r_usdt) = reserves(NATIVE, USDT);
		block_at(13_000);
		let twap = Amm::twap(NATIVE, USDT, 1_000_000, 12_000).unwrap();
		let expected = (math::price_x64(10_000, 40_000).unwrap() * 6_000
			+ math::price_x64(r_native, r_usdt).unwrap() * 6_000)
			/ 12_000;
		assert_eq!(twap.price_x64, expected);
		assert_eq!(twap.amount_out, math::value_at_price(1_000_000, expected).unwrap());
		assert!(twap.amount_out > 4_000_000, "USDT bought DEX, so DEX got dearer");

		// No history that old, no such pool, or an empty window: no answer.
		assert_eq!(Amm::twap(NATIVE, USDT, 1, 13_000), None);
		assert_eq!(Amm::twap(NATIVE, ETH, 1, 1_000), None);
		assert_eq!(Amm::twap(NATIVE, NATIVE, 1, 1_000), None);
	})
}

#[test]
fn oracles_update_at_block_start_when_reserves_changed() {
	test(|| {
		block_at(1_000);
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		// Nothing until the block after the pool got liquidity.
		assert_eq!(oracle(NATIVE, USDT), Default::default());
		block_at(2_000);
		let first = oracle(NATIVE, USDT);
		assert_eq!((first.updated_at, first.observation_count), (1_000, 1));
		assert_eq!(first.reserves, (1_000_000, 1_000_000));

		// Swaps and deposits write nothing to the oracle.
		swap_in(BOB, vec![NATIVE, USDT], 10_000);
		swap_in(CHARLIE, vec![USDT, NATIVE], 5_000);
		add(ALICE, NATIVE, USDT, 1_000, 1_000);
		assert_eq!(oracle(NATIVE, USDT), first);

		// The next block's start credits the old price, 1.0, with the 1 s it held.
		block_at(3_000);
		let second = oracle(NATIVE, USDT);
		assert_eq!(second.price1_cumulative, math::price_x64(1, 1).unwrap() * 1_000);
		assert_eq!(second.updated_at, 2_000);
		assert_eq!(second.reserves, Amm::reserves(&(NATIVE, USDT)));
		// The last observation is younger than the observation period: none is added.
		assert_eq!(second.observation_count, 1);

		// A block without changes leaves the oracle alone; the price keeps counting.
		block_at(4_000);
		assert_eq!(oracle(NATIVE, USDT), second);
		let twap = Amm::twap(NATIVE, USDT, 1_000_000, 3_000).unwrap();
		let (r1, r2) = second.reserves;
		let expected = (math::price_x64(1, 1).unwrap() * 1_000
			+ math::price_x64(r1, r2).unwrap() * 2_000)
			/ 3_000;
		assert_eq!(twap.price_x64, expected);
	})
}

#[test]
fn oracle_waits_for_a_clock_and_liquidity_and_donations_move_it() {
	test(|| {
		// No timestamp yet (genesis): the oracle does not start.
		pool_with(NATIVE, USDT, 10_000, 40_000);
		create_pool(NATIVE, ETH);
		block_at(5_000);
		assert_eq!(oracle(NATIVE, USDT), Default::default());
		assert_eq!(Amm::twap(NATIVE, USDT, 1, 0), None);

		swap_in(BOB, vec![NATIVE, USDT], 100);
		let pool = Amm::pool_account(&Amm::pool_id(NATIVE, USDT).unwrap());
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), 1, pool, 1_000_000));
		block_at(6_000);
		// A pool without liquidity has no price to record.
		assert_eq!(oracle(NATIVE, ETH), Default::default());
		block_at(65_000);
		let (r_native, r_usdt) = reserves(NATIVE, USDT);
		assert!(r_usdt > 1_000_000, "the donation is part of the reserves");
		let twap = Amm::twap(NATIVE, USDT, 1, 60_000).unwrap();
		assert_eq!(twap.from, 5_000);
		assert_eq!(twap.price_x64, math::price_x64(r_native, r_usdt).unwrap());
	})
}

#[test]
fn observation_ring_is_bounded() {
	test(|| {
		block_at(1_000);
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		let pool_id = Amm::pool_id(NATIVE, USDT).unwrap();
		// Observations at the start of each block, of the time before: 1 s, 1 s + P, ...
		for k in 1..=10u64 {
			block_at(1_000 + k * OBSERVATION_PERIOD);
			swap_in(BOB, vec![NATIVE, USDT], 1_000);
		}
		assert_eq!(Observations::<Test>::iter_prefix(&pool_id).count(), MAX_OBSERVATIONS as usize);
		let state = oracle(NATIVE, USDT);
		assert_eq!(state.observation_count, MAX_OBSERVATIONS);
		assert_eq!(state.next_observation, 10 % MAX_OBSERVATIONS);

		// The oldest kept observation is from k = 6; nothing older is left to answer from.
		let now = 1_000 + 10 * OBSERVATION_PERIOD;
		let oldest = 1_000 + 6 * OBSERVATION_PERIOD;
		assert_eq!(Amm::twap(NATIVE, USDT, 1, now - oldest).unwrap().from, oldest);
		assert_eq!(Amm::twap(NATIVE, USDT, 1, now - oldest + 1), None);
		// Windows between observations start at the newest observation before them.
		assert_eq!(
			Amm::twap(NATIVE, USDT, 1, OBSERVATION_PERIOD + 1).unwrap().from,
			1_000 + 8 * OBSERVATION_PERIOD
		);
	})
}

#[test]
fn admin_starts_and_stops_price_oracles() {
	test(|| {
		let pairs = [(NATIVE, USDT), (NATIVE, ETH), (NATIVE, DOT), (USDT, ETH)];
		for (a, b) in pairs.clone() {
			create_pool(a.clone(), b.clone());
			System::assert_last_event(RuntimeEvent::Amm(Event::PriceOracleStarted {
				pool_id: Amm::pool_id(a, b).unwrap(),
			}));
		}
		// The slots are full: the next pool has no oracle.
		create_pool(USDT, DOT);
		assert!(Oracles::<Test>::get((USDT, DOT)).is_none());
		assert_eq!(OraclePools::<Test>::get().len(), MAX_ORACLE_POOLS as usize);

		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::signed(ALICE), USDT, DOT, true),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::root(), USDT, DOT, true),
			Error::<Test>::OracleSlotsFull
		);
		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::root(), NATIVE, USDT, true),
			Error::<Test>::OracleAlreadyStarted
		);
		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::root(), DOT, USDT, false),
			Error::<Test>::NoOracle
		);
		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::root(), ETH, DOT, true),
			Error::<Test>::PoolNotFound
		);
		assert_noop!(
			Amm::set_price_oracle(RuntimeOrigin::root(), ETH, ETH, true),
			Error::<Test>::IdenticalAssets
		);

		assert_ok!(Amm::set_price_oracle(RuntimeOrigin::root(), USDT, NATIVE, false));
		System::assert_last_event(RuntimeEvent::Amm(Event::PriceOracleStopped {
			pool_id: (NATIVE, USDT),
		}));
		assert!(Oracles::<Test>::get((NATIVE, USDT)).is_none());
		assert_ok!(Amm::set_price_oracle(RuntimeOrigin::root(), DOT, USDT, true));
		assert_eq!(
			OraclePools::<Test>::get().into_inner(),
			vec![(NATIVE, ETH), (NATIVE, DOT), (USDT, ETH), (USDT, DOT)]
		);
	})
}

#[test]
fn a_restarted_oracle_forgets_its_old_observations() {
	test(|| {
		block_at(1_000);
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		block_at(2_000);
		block_at(3_000);
		assert!(Amm::twap(NATIVE, USDT, 1, 2_000).is_some());
		assert_ok!(Amm::set_price_oracle(RuntimeOrigin::root(), NATIVE, USDT, false));
		assert_eq!(Amm::twap(NATIVE, USDT, 1, 2_000), None);
		assert_ok!(Amm::set_price_oracle(RuntimeOrigin::root(), NATIVE, USDT, true));
		// The old ring's slots are still in storage, but the new oracle's ring is empty.
		assert_eq!(oracle(NATIVE, USDT), Default::default());
		assert_eq!(Amm::twap(NATIVE, USDT, 1, 2_000), None);
		block_at(4_000);
		let twap = Amm::twap(NATIVE, USDT, 1, 1_000).unwrap();
		assert_eq!((twap.from, twap.to), (3_000, 4_000));
	})
}

#[test]
fn the_hook_charges_for_every_tracked_pool() {
	test(|| {
		use crate::weights::WeightInfo as _;
		use frame_support::traits::Hooks;
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		pool_with(USDT, ETH, 1_000_000, 1_000_000);
		let expected = <Test as crate::Config>::WeightInfo::update_oracles(2);
		assert_eq!(Amm::on_initialize(2), expected);
	})
}
