//! Swaps: exact in and exact out, their errors, multi-hop paths and what a swap writes.

use super::*;

#[test]
fn swap_exact_in_pays_the_formula() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let quote = Amm::quote_exact_in(&[NATIVE, USDT], 10_000).unwrap();
		let expected = math::amount_out(10_000, 1_000_000, 4_000_000, 30).unwrap();
		assert_eq!(quote.amount_out, expected);
		assert_eq!(quote.fees, vec![30]);
		let before = balance(BOB, USDT);
		assert_ok!(Amm::swap_exact_in(
			RuntimeOrigin::signed(ALICE),
			vec![NATIVE, USDT],
			10_000,
			expected,
			BOB,
			true,
			None
		));
		assert_eq!(balance(BOB, USDT) - before, expected);
		assert_eq!(reserves(NATIVE, USDT), (1_010_000, 4_000_000 - expected));
		System::assert_last_event(RuntimeEvent::Amm(Event::SwapExecuted {
			who: ALICE,
			send_to: BOB,
			path: vec![(NATIVE, 10_000), (USDT, expected)],
			fees: vec![30],
			amount_in: 10_000,
			amount_out: expected,
		}));
	})
}

#[test]
fn swap_exact_out_rounds_in_the_pools_favour() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let expected_in = math::amount_in(40_000, 4_000_000, 1_000_000, 30).unwrap();
		let quote = Amm::quote_exact_out(&[USDT, NATIVE], 40_000).unwrap();
		assert_eq!(quote.amount_in, expected_in);
		let before = balance(ALICE, USDT);
		assert_ok!(Amm::swap_exact_out(
			RuntimeOrigin::signed(ALICE),
			vec![USDT, NATIVE],
			40_000,
			expected_in,
			ALICE,
			true,
			None
		));
		assert_eq!(before - balance(ALICE, USDT), expected_in);
		let (r_native, r_usdt) = reserves(NATIVE, USDT);
		assert_eq!((r_native, r_usdt), (960_000, 4_000_000 + expected_in));
		assert!(r_native * r_usdt >= 1_000_000 * 4_000_000);
	})
}

#[test]
fn swap_errors() {
	test(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		pool_with(USDT, ETH, 1_000_000, 1_000_000);
		let out = math::amount_out(10_000, 1_000_000, 4_000_000, 30).unwrap();
		assert_noop!(
			Amm::swap_exact_in(
				origin.clone(),
				vec![NATIVE, USDT],
				10_000,
				out + 1,
				ALICE,
				true,
				None
			),
			Error::<Test>::AmountOutTooLow
		);
		let cost = math::amount_in(out, 1_000_000, 4_000_000, 30).unwrap();
		assert_noop!(
			Amm::swap_exact_out(
				origin.clone(),
				vec![NATIVE, USDT],
				out,
				cost - 1,
				ALICE,
				true,
				None
			),
			Error::<Test>::AmountInTooHigh
		);
		assert_noop!(
			Amm::swap_exact_in(origin.clone(), vec![NATIVE], 10_000, 0, ALICE, true, None),
			Error::<Test>::InvalidPathLength
		);
		assert_noop!(
			Amm::swap_exact_in(
				origin.clone(),
				vec![NATIVE, USDT, ETH, USDT, NATIVE],
				10_000,
				0,
				ALICE,
				true,
				None
			),
			Error::<Test>::InvalidPathLength
		);
		assert_noop!(
			Amm::swap_exact_in(
				origin.clone(),
				vec![NATIVE, USDT, NATIVE],
				10_000,
				0,
				ALICE,
				true,
				None
			),
			Error::<Test>::PathRepeatsPool
		);
		assert_noop!(
			Amm::swap_exact_in(origin.clone(), vec![NATIVE, NATIVE], 10_000, 0, ALICE, true, None),
			Error::<Test>::IdenticalAssets
		);
		assert_noop!(
			Amm::swap_exact_in(origin.clone(), vec![NATIVE, DOT], 10_000, 0, ALICE, true, None),
			Error::<Test>::PoolNotFound
		);
		assert_noop!(
			Amm::swap_exact_in(origin.clone(), vec![NATIVE, USDT], 0, 0, ALICE, true, None),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Amm::swap_exact_out(
				origin.clone(),
				vec![NATIVE, USDT],
				4_000_000,
				u128::MAX,
				ALICE,
				true,
				None
			),
			Error::<Test>::InsufficientLiquidity
		);
		System::set_block_number(8);
		assert_noop!(
			Amm::swap_exact_in(origin.clone(), vec![NATIVE, USDT], 10_000, 0, ALICE, true, Some(7)),
			Error::<Test>::DeadlinePassed
		);
		// keep_alive refuses to spend the whole native balance.
		let all = balance(BOB, NATIVE);
		assert_noop!(
			Amm::swap_exact_in(
				RuntimeOrigin::signed(BOB),
				vec![NATIVE, USDT],
				all,
				0,
				BOB,
				true,
				None
			),
			TokenError::NotExpendable
		);
	})
}

#[test]
fn multi_hop_swaps_and_reverts_as_a_whole() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		pool_with(USDT, ETH, 4_000_000, 2_000_000);
		pool_with(ETH, DOT, 2_000_000, 8_000_000);
		let path = vec![NATIVE, USDT, ETH, DOT];
		let quote = Amm::quote_exact_in(&path, 50_000).unwrap();
		let before = balance(BOB, DOT);
		assert_ok!(Amm::swap_exact_in(
			RuntimeOrigin::signed(BOB),
			path.clone(),
			50_000,
			quote.amount_out,
			BOB,
			true,
			None
		));
		assert_eq!(balance(BOB, DOT) - before, quote.amount_out);
		assert_eq!(reserves(NATIVE, USDT), (1_050_000, 4_000_000 - quote.amounts[1]));
		assert_eq!(
			reserves(USDT, ETH),
			(4_000_000 + quote.amounts[1], 2_000_000 - quote.amounts[2])
		);
		assert_eq!(
			reserves(ETH, DOT),
			(2_000_000 + quote.amounts[2], 8_000_000 - quote.amounts[3])
		);

		// Exact out along the reversed path.
		let back: Vec<_> = path.iter().rev().cloned().collect();
		let quote = Amm::quote_exact_out(&back, 10_000).unwrap();
		let native_before = balance(CHARLIE, NATIVE);
		assert_ok!(Amm::swap_exact_out(
			RuntimeOrigin::signed(BOB),
			back,
			10_000,
			quote.amount_in,
			CHARLIE,
			true,
			None
		));
		assert_eq!(balance(CHARLIE, NATIVE) - native_before, 10_000);

		// A last hop that cannot be served reverts the earlier hops too.
		let snapshot = (reserves(NATIVE, USDT), reserves(USDT, ETH));
		assert_noop!(
			Amm::swap_exact_out(
				RuntimeOrigin::signed(BOB),
				path,
				8_000_000,
				u128::MAX,
				BOB,
				true,
				None
			),
			Error::<Test>::InsufficientLiquidity
		);
		assert_eq!((reserves(NATIVE, USDT), reserves(USDT, ETH)), snapshot);
	})
}

#[test]
fn swaps_write_neither_the_pool_nor_its_oracle() {
	test(|| {
		block_at(1_000);
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		pool_with(USDT, ETH, 1_000_000, 1_000_000);
		block_at(2_000);
		let pools = (Pools::<Test>::get((NATIVE, USDT)), Pools::<Test>::get((USDT, ETH)));
		let oracles = (oracle(NATIVE, USDT), oracle(USDT, ETH));
		let before = reserves(NATIVE, USDT);
		swap_in(ALICE, vec![NATIVE, USDT, ETH], 1_000);
		assert_ne!(reserves(NATIVE, USDT), before);
		assert_eq!((Pools::<Test>::get((NATIVE, USDT)), Pools::<Test>::get((USDT, ETH))), pools);
		assert_eq!((oracle(NATIVE, USDT), oracle(USDT, ETH)), oracles);
	})
}
