//! Liquidity: deposits, removals, fees earned pro rata and tokens donated to a pool.

use super::*;

#[test]
fn first_deposit_mints_sqrt_and_locks_minimum() {
	test(|| {
		create_pool(NATIVE, USDT);
		assert_ok!(Amm::add_liquidity(
			RuntimeOrigin::signed(ALICE),
			USDT,
			NATIVE,
			40_000,
			10_000,
			40_000,
			10_000,
			BOB,
			Some(5)
		));
		// sqrt(10_000 · 40_000) = 20_000, of which 1_000 stay locked.
		assert_eq!(lp_balance(BOB, NATIVE, USDT), 19_000);
		let pool_id = (NATIVE, USDT);
		assert_eq!(lp_balance(Amm::pool_account(&pool_id), NATIVE, USDT), 1_000);
		assert_eq!(reserves(NATIVE, USDT), (10_000, 40_000));
		assert_eq!(balance(Amm::pool_account(&pool_id), USDT), 40_000);
		System::assert_last_event(RuntimeEvent::Amm(Event::LiquidityAdded {
			who: ALICE,
			mint_to: BOB,
			pool_id,
			amount1: 10_000,
			amount2: 40_000,
			lp_token: lp_token(NATIVE, USDT),
			lp_minted: 19_000,
			reserves: (10_000, 40_000),
		}));
	})
}

#[test]
fn later_deposits_keep_the_ratio() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		let before = balance(BOB, USDT);
		// Bob offers 1_000 native and up to 10_000 USDT: only 4_000 USDT are taken.
		assert_ok!(Amm::add_liquidity(
			RuntimeOrigin::signed(BOB),
			NATIVE,
			USDT,
			1_000,
			10_000,
			0,
			0,
			BOB,
			None
		));
		assert_eq!(before - balance(BOB, USDT), 4_000);
		// min(1_000·20_000/10_000, 4_000·20_000/40_000) = 2_000.
		assert_eq!(lp_balance(BOB, NATIVE, USDT), 2_000);
		assert_eq!(reserves(NATIVE, USDT), (11_000, 44_000));
		// Offering too little USDT uses all of it and less native.
		assert_ok!(Amm::add_liquidity(
			RuntimeOrigin::signed(BOB),
			NATIVE,
			USDT,
			10_000,
			4_400,
			0,
			0,
			BOB,
			None
		));
		assert_eq!(reserves(NATIVE, USDT), (12_100, 48_400));
	})
}

#[test]
fn add_liquidity_errors() {
	test(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 10_000, 10_000, 0, 0, ALICE, None),
			Error::<Test>::PoolNotFound
		);
		create_pool(NATIVE, USDT);
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 0, 10_000, 0, 0, ALICE, None),
			Error::<Test>::ZeroAmount
		);
		// sqrt(1_000·1_000) does not exceed the locked minimum.
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 1_000, 1_000, 0, 0, ALICE, None),
			Error::<Test>::InsufficientInitialLiquidity
		);
		System::set_block_number(10);
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 10_000, 10_000, 0, 0, ALICE, Some(9)),
			Error::<Test>::DeadlinePassed
		);
		add(ALICE, NATIVE, USDT, 10_000, 40_000);
		// The ratio asks for 4_000 USDT per 1_000 native: a minimum of 4_001 fails.
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 1_000, 8_000, 0, 4_001, ALICE, None),
			Error::<Test>::DepositBelowMinimum
		);
		// A deposit too small to mint one LP token.
		assert_noop!(
			Amm::add_liquidity(origin.clone(), NATIVE, USDT, 1, 3, 0, 0, ALICE, None),
			Error::<Test>::ZeroLpMinted
		);
		// Not enough funds: nothing changes.
		assert_noop!(
			Amm::add_liquidity(
				RuntimeOrigin::signed(77),
				NATIVE,
				USDT,
				1_000,
				4_000,
				0,
				0,
				77,
				None
			),
			TokenError::FundsUnavailable
		);
	})
}

#[test]
fn remove_liquidity_pays_pro_rata() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		let (native_before, usdt_before) = (balance(CHARLIE, NATIVE), balance(CHARLIE, USDT));
		// Alice holds 19_000 of 20_000 LP; burning 10_000 pays half the reserves.
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			USDT,
			NATIVE,
			10_000,
			20_000,
			5_000,
			CHARLIE,
			None
		));
		assert_eq!(balance(CHARLIE, NATIVE) - native_before, 5_000);
		assert_eq!(balance(CHARLIE, USDT) - usdt_before, 20_000);
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 9_000);
		assert_eq!(reserves(NATIVE, USDT), (5_000, 20_000));
		System::assert_last_event(RuntimeEvent::Amm(Event::LiquidityRemoved {
			who: ALICE,
			withdraw_to: CHARLIE,
			pool_id: (NATIVE, USDT),
			amount1: 5_000,
			amount2: 20_000,
			lp_token: lp_token(NATIVE, USDT),
			lp_burned: 10_000,
			reserves: (5_000, 20_000),
		}));
	})
}

#[test]
fn remove_liquidity_errors() {
	test(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Amm::remove_liquidity(origin.clone(), NATIVE, USDT, 100, 0, 0, ALICE, None),
			Error::<Test>::PoolNotFound
		);
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_noop!(
			Amm::remove_liquidity(origin.clone(), NATIVE, USDT, 0, 0, 0, ALICE, None),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Amm::remove_liquidity(origin.clone(), NATIVE, USDT, 19_001, 0, 0, ALICE, None),
			Error::<Test>::InsufficientLpTokens
		);
		assert_noop!(
			Amm::remove_liquidity(origin.clone(), NATIVE, USDT, 10_000, 5_001, 0, ALICE, None),
			Error::<Test>::WithdrawalBelowMinimum
		);
		System::set_block_number(3);
		assert_noop!(
			Amm::remove_liquidity(origin, NATIVE, USDT, 10_000, 0, 0, ALICE, Some(2)),
			Error::<Test>::DeadlinePassed
		);
	})
}

#[test]
fn fees_are_earned_pro_rata() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		add(BOB, NATIVE, USDT, 1_000_000, 1_000_000);
		let (alice_lp, bob_lp) = (lp_balance(ALICE, NATIVE, USDT), lp_balance(BOB, NATIVE, USDT));
		assert_eq!(bob_lp, 1_000_000);
		for _ in 0..10 {
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![NATIVE, USDT],
				100_000,
				0,
				CHARLIE,
				true,
				None
			));
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![USDT, NATIVE],
				100_000,
				0,
				CHARLIE,
				true,
				None
			));
		}
		let (r1, r2) = reserves(NATIVE, USDT);
		assert!(r1 * r2 > 2_000_000 * 2_000_000, "fees grew the pool");
		let take = |who| {
			let (n, u) = (balance(who, NATIVE), balance(who, USDT));
			let lp = lp_balance(who, NATIVE, USDT);
			assert_ok!(Amm::remove_liquidity(
				RuntimeOrigin::signed(who),
				NATIVE,
				USDT,
				lp,
				0,
				0,
				who,
				None
			));
			(balance(who, NATIVE) - n, balance(who, USDT) - u)
		};
		let supply = 2_000_000u128;
		let (bob_native, bob_usdt) = take(BOB);
		assert_eq!(bob_native, r1 * bob_lp / supply);
		assert_eq!(bob_usdt, r2 * bob_lp / supply);
		let (alice_native, _) = take(ALICE);
		assert_eq!(alice_native, (r1 - bob_native) * alice_lp / (supply - bob_lp));
		assert!(bob_native + bob_usdt > 2_000_000, "Bob earned fees");
	})
}

#[test]
fn donations_go_to_the_lps() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let account = Amm::pool_account(&(NATIVE, USDT));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), 1, account, 4_000_000));
		// The pool's reserves are its balances: a donation moves the price...
		assert_eq!(reserves(NATIVE, USDT), (1_000_000, 8_000_000));
		let quote = Amm::quote_exact_in(&[NATIVE, USDT], 10_000).unwrap();
		assert_eq!(quote.amount_out, math::amount_out(10_000, 1_000_000, 8_000_000, 30).unwrap());
		// ...and belongs to the LPs: all of Alice's LP tokens now redeem it.
		let lp = lp_balance(ALICE, NATIVE, USDT);
		let before = balance(ALICE, USDT);
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			USDT,
			lp,
			0,
			0,
			ALICE,
			None
		));
		let supply = 2_000_000;
		assert_eq!(balance(ALICE, USDT) - before, 8_000_000 * lp / supply);
	})
}

#[test]
fn tokens_sent_before_the_first_deposit_go_to_the_first_lp() {
	test(|| {
		create_pool(NATIVE, USDT);
		let account = Amm::pool_account(&(NATIVE, USDT));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(BOB), 1, account, 5_000));
		// The first deposit sets the price with the amounts asked for.
		add(ALICE, NATIVE, USDT, 10_000, 40_000);
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 20_000 - 1_000);
		assert_eq!(reserves(NATIVE, USDT), (10_000, 45_000));
	})
}

/// A pool of NATIVE/USDT with the protocol fee on and fees earned since, so that the next
/// liquidity change mints the protocol's share first.
fn pool_with_protocol_fee_due() {
	use crate::ProtocolFeeConfig;
	use sp_arithmetic::Permill;
	pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
	let receiver = 500;
	assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), receiver, ED));
	let config = ProtocolFeeConfig { receiver, share: Permill::from_rational(1u32, 6u32) };
	assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), Some(config)));
	add(BOB, NATIVE, USDT, 10_000, 10_000);
	for _ in 0..3 {
		swap_in(CHARLIE, vec![NATIVE, USDT], 200_000);
		swap_in(CHARLIE, vec![USDT, NATIVE], 200_000);
	}
}

#[test]
fn liquidity_quotes_are_what_the_calls_do() {
	test(|| {
		pool_with_protocol_fee_due();
		// Quoted in the caller's order (USDT first), with the protocol fee due.
		let quote = Amm::quote_add_liquidity(USDT, NATIVE, 50_000, 20_000).unwrap();
		let lp_before = lp_balance(BOB, NATIVE, USDT);
		let usdt_before = balance(BOB, USDT);
		assert_ok!(Amm::add_liquidity(
			RuntimeOrigin::signed(BOB),
			USDT,
			NATIVE,
			50_000,
			20_000,
			quote.amount1,
			quote.amount2,
			BOB,
			None
		));
		assert_eq!(lp_balance(BOB, NATIVE, USDT) - lp_before, quote.lp_minted);
		assert_eq!(usdt_before - balance(BOB, USDT), quote.amount1);

		let lp = lp_balance(BOB, NATIVE, USDT) / 2;
		let quote = Amm::quote_remove_liquidity(USDT, NATIVE, lp).unwrap();
		let (usdt, native) = (balance(BOB, USDT), balance(BOB, NATIVE));
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(BOB),
			USDT,
			NATIVE,
			lp,
			quote.amount1,
			quote.amount2,
			BOB,
			None
		));
		assert_eq!(
			(balance(BOB, USDT) - usdt, balance(BOB, NATIVE) - native),
			(quote.amount1, quote.amount2)
		);

		// No quote for what the calls would refuse.
		assert_eq!(Amm::quote_add_liquidity(USDT, ETH, 1, 1), None);
		assert_eq!(Amm::quote_add_liquidity(USDT, NATIVE, 0, 1), None);
		assert_eq!(Amm::quote_remove_liquidity(USDT, NATIVE, 0), None);
		assert_eq!(Amm::quote_remove_liquidity(USDT, NATIVE, u128::MAX), None);
	})
}

#[test]
fn the_first_deposit_quote_mints_sqrt_less_the_locked_minimum() {
	test(|| {
		create_pool(NATIVE, USDT);
		let quote = Amm::quote_add_liquidity(USDT, NATIVE, 40_000, 10_000).unwrap();
		assert_eq!((quote.amount1, quote.amount2), (40_000, 10_000));
		// sqrt(40_000 · 10_000) = 20_000, less the mock's 1_000 locked in the pool.
		assert_eq!(quote.lp_minted, 19_000);
	})
}

#[test]
fn planning_a_liquidity_change_writes_nothing() {
	test(|| {
		pool_with_protocol_fee_due();
		let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let events = System::events().len();
		let plan = Amm::plan_deposit(NATIVE, USDT, (10_000, 10_000), (0, 0)).unwrap();
		assert!(plan.protocol_fee.mint.is_some(), "the protocol fee is due");
		assert!(Amm::plan_withdrawal(Some(&BOB), NATIVE, USDT, 1_000, (0, 0)).is_ok());
		// A minimum that fails is refused before the protocol fee is minted.
		assert_noop!(
			Amm::add_liquidity(
				RuntimeOrigin::signed(BOB),
				NATIVE,
				USDT,
				10_000,
				10_000,
				10_001,
				0,
				BOB,
				None
			),
			Error::<Test>::DepositBelowMinimum
		);
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
		assert_eq!(System::events().len(), events);
	})
}
