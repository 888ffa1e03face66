//! Unit and property tests of the AMM pallet against the mock runtime.

use crate::{
	math, mock::*, Error, Event, FeeTiers, InitialLiquidityLock, LpLock, Observations, OraclePools,
	Oracles, Pools, ProtocolFee, ProtocolFeeConfig,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::NativeOrWithId,
		fungibles::{metadata::Inspect as MetadataInspect, Inspect},
	},
};
use sp_arithmetic::Permill;
use sp_runtime::{BuildStorage, DispatchError, TokenError};

const NATIVE: AssetKind = NativeOrWithId::Native;
const USDT: AssetKind = NativeOrWithId::WithId(1);
const ETH: AssetKind = NativeOrWithId::WithId(2);
const DOT: AssetKind = NativeOrWithId::WithId(3);

fn create_asset(id: u32, symbol: &str, decimals: u8) {
	assert_ok!(Assets::force_create(RuntimeOrigin::root(), id, ALICE, true, 1));
	assert_ok!(Assets::force_set_metadata(
		RuntimeOrigin::root(),
		id,
		symbol.as_bytes().to_vec(),
		symbol.as_bytes().to_vec(),
		decimals,
		false
	));
	for who in [ALICE, BOB, CHARLIE] {
		assert_ok!(Assets::mint(RuntimeOrigin::signed(ALICE), id, who, INITIAL));
	}
}

fn setup_assets() {
	create_asset(1, "USDT", 6);
	create_asset(2, "ETH", 18);
	create_asset(3, "DOT", 10);
}

fn balance(who: AccountId, asset: AssetKind) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, &who)
}

fn lp_token(a: AssetKind, b: AssetKind) -> u32 {
	Pools::<Test>::get(Amm::pool_id(a, b).unwrap()).unwrap().lp_token
}

fn lp_balance(who: AccountId, a: AssetKind, b: AssetKind) -> u128 {
	<PoolAssets as Inspect<AccountId>>::balance(lp_token(a, b), &who)
}

fn reserves(a: AssetKind, b: AssetKind) -> (u128, u128) {
	let pool_id = Amm::pool_id(a.clone(), b).unwrap();
	let (reserve1, reserve2) = Amm::reserves(&pool_id);
	if pool_id.0 == a {
		(reserve1, reserve2)
	} else {
		(reserve2, reserve1)
	}
}

fn create_pool(a: AssetKind, b: AssetKind) {
	assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), a, b, None));
}

fn add(who: AccountId, a: AssetKind, b: AssetKind, amount_a: u128, amount_b: u128) {
	assert_ok!(Amm::add_liquidity(
		RuntimeOrigin::signed(who),
		a,
		b,
		amount_a,
		amount_b,
		0,
		0,
		who,
		None
	));
}

fn pool_with(a: AssetKind, b: AssetKind, amount_a: u128, amount_b: u128) {
	create_pool(a.clone(), b.clone());
	add(ALICE, a, b, amount_a, amount_b);
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		setup_assets();
		let result = f();
		Amm::do_try_state().expect("invariants hold after the test");
		result
	})
}

#[test]
fn create_pool_works() {
	test(|| {
		let fee_receiver_before = balance(SetupFeeReceiver::get(), NATIVE);
		assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), USDT, NATIVE, Some(5)));
		let pool_id = (NATIVE, USDT);
		let info = Pools::<Test>::get(&pool_id).unwrap();
		assert_eq!(info.fee_bps, 5);
		assert_eq!(Amm::reserves(&pool_id), (0, 0));
		assert_eq!(Amm::lp_supply(info.lp_token), 0);
		assert_eq!(balance(SetupFeeReceiver::get(), NATIVE), fee_receiver_before + 1_000);
		assert_eq!(PoolAssets::name(info.lp_token), b"LP DEX/USDT".to_vec());
		assert_eq!(PoolAssets::symbol(info.lp_token), b"LP-DEX-USDT".to_vec());
		assert_eq!(PoolAssets::decimals(info.lp_token), 9);
		System::assert_has_event(RuntimeEvent::Amm(Event::PoolCreated {
			creator: ALICE,
			pool_id: pool_id.clone(),
			pool_account: Amm::pool_account(&pool_id),
			lp_token: info.lp_token,
			fee_bps: 5,
		}));
		// New pools get a price oracle while there is room.
		System::assert_last_event(RuntimeEvent::Amm(Event::PriceOracleStarted {
			pool_id: pool_id.clone(),
		}));

		// The next pool gets the next LP token and the default tier.
		create_pool(ETH, USDT);
		let info2 = Pools::<Test>::get((USDT, ETH)).unwrap();
		assert_eq!(info2.lp_token, info.lp_token + 1);
		assert_eq!(info2.fee_bps, 30);
	})
}

#[test]
fn create_pool_errors() {
	test(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, USDT, None),
			Error::<Test>::IdenticalAssets
		);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NativeOrWithId::WithId(42), None),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NATIVE, Some(42)),
			Error::<Test>::FeeTierNotAllowed
		);
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::none(), USDT, NATIVE, None),
			DispatchError::BadOrigin
		);
		create_pool(USDT, NATIVE);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NATIVE, None),
			Error::<Test>::PoolExists
		);
		assert_noop!(Amm::create_pool(origin, NATIVE, USDT, None), Error::<Test>::PoolExists);
		// An account without the setup fee cannot create a pool.
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::signed(77), USDT, ETH, None),
			TokenError::FundsUnavailable
		);
	})
}

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

#[test]
fn protocol_fee_takes_its_share_of_growth() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		let receiver = 500;
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), receiver, ED));
		let config = ProtocolFeeConfig { receiver, share: Permill::from_rational(1u32, 6u32) };
		assert_noop!(
			Amm::set_protocol_fee(RuntimeOrigin::signed(ALICE), Some(config.clone())),
			DispatchError::BadOrigin
		);
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), Some(config.clone())));
		assert_eq!(ProtocolFee::<Test>::get(), Some(config));
		// The first liquidity change after switching on records √k; no fee is owed yet.
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(receiver, NATIVE, USDT), 0);
		for _ in 0..5 {
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![NATIVE, USDT],
				200_000,
				0,
				CHARLIE,
				true,
				None
			));
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![USDT, NATIVE],
				200_000,
				0,
				CHARLIE,
				true,
				None
			));
		}
		let info = Pools::<Test>::get((NATIVE, USDT)).unwrap();
		let (reserve1, reserve2) = Amm::reserves(&(NATIVE, USDT));
		let expected = math::protocol_fee_lp(
			info.root_k_last,
			reserve1,
			reserve2,
			Amm::lp_supply(info.lp_token),
			Permill::from_rational(1u32, 6u32).deconstruct(),
		)
		.unwrap();
		assert!(expected > 0);
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(receiver, NATIVE, USDT), expected);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Amm(Event::ProtocolFeeMinted {
				pool_id: (NATIVE, USDT),
				receiver,
				lp_minted: expected
			})));
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), None));
		assert_noop!(
			Amm::set_protocol_fee(
				RuntimeOrigin::root(),
				Some(ProtocolFeeConfig { receiver, share: Permill::zero() })
			),
			Error::<Test>::ZeroAmount
		);
	})
}

#[test]
fn protocol_fee_never_blocks_liquidity_changes() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		// The receiver has no account: it cannot hold LP tokens, so its fee is forgone.
		let config = ProtocolFeeConfig { receiver: 501, share: Permill::from_percent(50) };
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), Some(config)));
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_ok!(Amm::swap_exact_in(
			RuntimeOrigin::signed(CHARLIE),
			vec![NATIVE, USDT],
			300_000,
			0,
			CHARLIE,
			true,
			None
		));
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(501, NATIVE, USDT), 0);
	})
}

#[test]
fn fee_tiers_are_governed() {
	test(|| {
		let tiers = |v: Vec<u32>| v.try_into().unwrap();
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::signed(ALICE), tiers(vec![30])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 30])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 10_000])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![5])),
			Error::<Test>::DefaultFeeTierNotAllowed
		);
		assert_ok!(Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 1_000])));
		assert_eq!(FeeTiers::<Test>::get().into_inner(), vec![30, 1_000]);
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::FeeTiersSet { fee_tiers: vec![30, 1_000] })
		);
		assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), NATIVE, USDT, Some(1_000)));
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::signed(ALICE), NATIVE, ETH, Some(5)),
			Error::<Test>::FeeTierNotAllowed
		);
	})
}

#[test]
fn runtime_api_views() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		let view = Amm::api_pool(USDT, NATIVE).unwrap();
		assert_eq!(view.assets, (NATIVE, USDT));
		assert_eq!(view.reserves, (10_000, 40_000));
		assert_eq!(view.lp_supply, 20_000);
		assert_eq!(Amm::api_pools().len(), 1);
		assert!(Amm::api_pool(USDT, ETH).is_none());
	})
}

#[test]
fn pool_accounts_are_distinct() {
	new_test_ext().execute_with(|| {
		let mut seen = std::collections::BTreeSet::new();
		for a in 0..300u32 {
			let pool_id = Amm::pool_id(NATIVE, NativeOrWithId::WithId(a)).unwrap();
			assert!(seen.insert(Amm::pool_account(&pool_id)));
			let pool_id =
				Amm::pool_id(NativeOrWithId::WithId(u32::MAX - a), NativeOrWithId::WithId(a))
					.unwrap();
			assert!(seen.insert(Amm::pool_account(&pool_id)));
		}
	})
}

fn swap_in(who: AccountId, path: Vec<AssetKind>, amount_in: u128) {
	assert_ok!(Amm::swap_exact_in(RuntimeOrigin::signed(who), path, amount_in, 0, who, true, None));
}

fn oracle(a: AssetKind, b: AssetKind) -> crate::OracleState {
	Oracles::<Test>::get(Amm::pool_id(a, b).unwrap()).expect("the pool has an oracle")
}

/// Starts the next block at `ms`: the hook runs while the clock still shows the previous
/// block's time, then the timestamp inherent sets it.
fn block_at(ms: u64) {
	use frame_support::traits::Hooks;
	let n = System::block_number() + 1;
	System::set_block_number(n);
	Amm::on_initialize(n);
	Now::set(ms);
}

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

#[test]
fn genesis_creates_pools_with_liquidity() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL), (SetupFeeReceiver::get(), ED)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, frame_support::instances::Instance1> {
		assets: vec![(1, ALICE, true, 1)],
		metadata: vec![(1, b"USDT".to_vec(), b"USDT".to_vec(), 6)],
		accounts: vec![(1, ALICE, INITIAL)],
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		fee_tiers: vec![],
		pools: vec![(USDT, NATIVE, 5, ALICE, 4_000_000, 1_000_000)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(FeeTiers::<Test>::get().into_inner(), vec![5, 30, 100]);
		let info = Pools::<Test>::get((NATIVE, USDT)).unwrap();
		assert_eq!(Amm::reserves(&(NATIVE, USDT)), (1_000_000, 4_000_000));
		assert_eq!(info.fee_bps, 5);
		assert!(OraclePools::<Test>::get().contains(&(NATIVE, USDT)));
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 2_000_000 - 1_000);
		assert_eq!(PoolAssets::name(info.lp_token), b"LP DEX/USDT".to_vec());
		Amm::do_try_state().unwrap();
	});
}

mod swap_traits {
	use super::*;
	use frame_support::traits::fungibles::Balanced;
	use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};

	fn issue(asset: AssetKind, amount: u128) -> crate::CreditOf<Test> {
		<NativeAndAssets as Balanced<AccountId>>::issue(asset, amount)
	}

	#[test]
	fn swap_trait_swaps_like_the_calls() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
			let quote = Amm::quote_exact_in(&[USDT, NATIVE], 40_000).unwrap();
			let before = balance(BOB, NATIVE);
			let out = <Amm as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				BOB,
				vec![USDT, NATIVE],
				40_000,
				Some(1),
				BOB,
				true,
			)
			.unwrap();
			assert_eq!(out, quote.amount_out);
			assert_eq!(balance(BOB, NATIVE), before + out);

			let quote = Amm::quote_exact_out(&[NATIVE, USDT], 10_000).unwrap();
			let paid = <Amm as Swap<AccountId>>::swap_tokens_for_exact_tokens(
				BOB,
				vec![NATIVE, USDT],
				10_000,
				None,
				CHARLIE,
				true,
			)
			.unwrap();
			assert_eq!(paid, quote.amount_in);
			assert_eq!(<Amm as Swap<AccountId>>::max_path_len(), 4);

			// A failing swap changes nothing.
			let reserves_before = reserves(NATIVE, USDT);
			assert_noop!(
				<Amm as Swap<AccountId>>::swap_exact_tokens_for_tokens(
					BOB,
					vec![USDT, NATIVE],
					40_000,
					Some(u128::MAX),
					BOB,
					true,
				),
				Error::<Test>::AmountOutTooLow
			);
			assert_eq!(reserves(NATIVE, USDT), reserves_before);
		})
	}

	#[test]
	fn credit_swaps_move_exact_amounts() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
			let quote = Amm::quote_exact_in(&[USDT, NATIVE], 40_000).unwrap();
			let credit_out = <Amm as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
				vec![USDT, NATIVE],
				issue(USDT, 40_000),
				None,
			)
			.unwrap();
			assert_eq!((credit_out.asset(), credit_out.peek()), (NATIVE, quote.amount_out));
			assert_eq!(reserves(NATIVE, USDT), (1_000_000 - quote.amount_out, 4_040_000));
			assert!(matches!(last_event(), RuntimeEvent::Amm(Event::SwapCreditExecuted { .. })));
			assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, credit_out));

			let quote = Amm::quote_exact_out(&[USDT, NATIVE], 1_000).unwrap();
			let (credit_out, change) =
				<Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
					vec![USDT, NATIVE],
					issue(USDT, 10_000),
					1_000,
				)
				.unwrap();
			assert_eq!(credit_out.peek(), 1_000);
			assert_eq!((change.asset(), change.peek()), (USDT, 10_000 - quote.amount_in));
			assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, credit_out));
			assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, change));
		})
	}

	#[test]
	fn failed_credit_swaps_hand_the_credit_back_and_change_nothing() {
		test(|| {
			pool_with(ETH, USDT, 1_000_000_000_000, 1_000_000_000_000);
			pool_with(USDT, NATIVE, 1_000_000, 1_000);
			let before = (reserves(ETH, USDT), reserves(USDT, NATIVE));
			let issuance = <NativeAndAssets as Inspect<AccountId>>::total_issuance(NATIVE);

			// Wrong asset, too small, slippage: refused before anything moves.
			let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
				vec![USDT, NATIVE],
				issue(ETH, 500),
				None,
			)
			.unwrap_err();
			assert_eq!(
				(credit.asset(), credit.peek(), error),
				(ETH, 500, Error::<Test>::CreditAssetMismatch.into())
			);
			drop(credit);
			let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
				vec![ETH, USDT],
				issue(ETH, 10),
				1_000,
			)
			.unwrap_err();
			assert_eq!((credit.peek(), error), (10, Error::<Test>::AmountInTooHigh.into()));
			drop(credit);

			// Taking 950 of the pool's 1,000 DEX would leave it below the existential deposit:
			// the second hop fails after the first has moved, and all of it is undone.
			let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
				vec![ETH, USDT, NATIVE],
				issue(ETH, 1_000_000_000),
				950,
			)
			.unwrap_err();
			assert_eq!((credit.asset(), credit.peek()), (ETH, 1_000_000_000));
			assert!(matches!(error, DispatchError::Token(_)), "{error:?}");
			assert_eq!((reserves(ETH, USDT), reserves(USDT, NATIVE)), before);
			assert_eq!(<NativeAndAssets as Inspect<AccountId>>::total_issuance(NATIVE), issuance);
		})
	}

	#[test]
	fn quote_price_with_and_without_fee() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
			let with_fee = Amm::quote_exact_in(&[NATIVE, USDT], 1_000).unwrap().amount_out;
			assert_eq!(
				Amm::quote_price_exact_tokens_for_tokens(NATIVE, USDT, 1_000, true),
				Some(with_fee)
			);
			assert_eq!(
				Amm::quote_price_exact_tokens_for_tokens(NATIVE, USDT, 1_000, false),
				Some(4_000)
			);
			let cost = Amm::quote_exact_out(&[USDT, NATIVE], 1_000).unwrap().amount_in;
			assert_eq!(
				Amm::quote_price_tokens_for_exact_tokens(USDT, NATIVE, 1_000, true),
				Some(cost)
			);
			assert_eq!(
				Amm::quote_price_tokens_for_exact_tokens(USDT, NATIVE, 1_000, false),
				Some(4_000)
			);
			assert_eq!(Amm::quote_price_exact_tokens_for_tokens(NATIVE, ETH, 1_000, true), None);
		})
	}
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		/// The product of reserves never decreases across swaps in either direction.
		#[test]
		fn k_never_decreases_on_swaps(
			reserve_a in 10_000u128..1_000_000_000_000,
			reserve_b in 10_000u128..1_000_000_000_000,
			swaps in proptest::collection::vec((any::<bool>(), 1u128..1_000_000_000, any::<bool>()), 1..12),
		) {
			test(|| {
				pool_with(NATIVE, USDT, reserve_a, reserve_b);
				for (forward, amount, exact_in) in swaps {
					let path = if forward { vec![NATIVE, USDT] } else { vec![USDT, NATIVE] };
					let (before_a, before_b) = reserves(NATIVE, USDT);
					let result = if exact_in {
						Amm::swap_exact_in(RuntimeOrigin::signed(BOB), path, amount, 0, BOB, true, None)
					} else {
						Amm::swap_exact_out(RuntimeOrigin::signed(BOB), path, amount, u128::MAX, BOB, true, None)
					};
					let (after_a, after_b) = reserves(NATIVE, USDT);
					if result.is_ok() {
						prop_assert!(
							sp_core::U256::from(after_a) * sp_core::U256::from(after_b) >=
								sp_core::U256::from(before_a) * sp_core::U256::from(before_b)
						);
					} else {
						prop_assert_eq!((after_a, after_b), (before_a, before_b));
					}
				}
				Ok(())
			})?;
		}

		/// Adding then removing liquidity never returns more than was put in.
		#[test]
		fn add_remove_round_trip_returns_no_more(
			reserve_a in 10_000u128..1_000_000_000_000,
			reserve_b in 10_000u128..1_000_000_000_000,
			add_a in 1u128..1_000_000_000_000,
			add_b in 1u128..1_000_000_000_000,
		) {
			test(|| {
				pool_with(NATIVE, USDT, reserve_a, reserve_b);
				let (n0, u0) = (balance(BOB, NATIVE), balance(BOB, USDT));
				if Amm::add_liquidity(RuntimeOrigin::signed(BOB), NATIVE, USDT, add_a, add_b, 0, 0, BOB, None).is_ok() {
					let lp = lp_balance(BOB, NATIVE, USDT);
					let _ = Amm::remove_liquidity(RuntimeOrigin::signed(BOB), NATIVE, USDT, lp, 0, 0, BOB, None);
				}
				prop_assert!(balance(BOB, NATIVE) <= n0);
				prop_assert!(balance(BOB, USDT) <= u0);
				Ok(())
			})?;
		}

		/// A quote equals what the swap executes, for exact in and exact out over two hops.
		#[test]
		fn quotes_equal_execution(
			amount in 1u128..10_000_000_000,
			exact_in in any::<bool>(),
		) {
			test(|| {
				pool_with(NATIVE, USDT, 1_000_000_000_000, 3_000_000_000_000);
				pool_with(USDT, ETH, 2_000_000_000_000, 500_000_000_000);
				let path = vec![NATIVE, USDT, ETH];
				let (n0, e0) = (balance(BOB, NATIVE), balance(BOB, ETH));
				if exact_in {
					let quote = Amm::quote_exact_in(&path, amount);
					let result = Amm::swap_exact_in(RuntimeOrigin::signed(BOB), path, amount, 0, BOB, true, None);
					prop_assert_eq!(quote.is_ok(), result.is_ok());
					if let Ok(quote) = quote {
						prop_assert_eq!(balance(BOB, ETH) - e0, quote.amount_out);
						prop_assert_eq!(n0 - balance(BOB, NATIVE), quote.amount_in);
					}
				} else {
					let quote = Amm::quote_exact_out(&path, amount);
					let result = Amm::swap_exact_out(RuntimeOrigin::signed(BOB), path, amount, u128::MAX, BOB, true, None);
					prop_assert_eq!(quote.is_ok(), result.is_ok());
					if let Ok(quote) = quote {
						prop_assert_eq!(balance(BOB, ETH) - e0, amount);
						prop_assert_eq!(n0 - balance(BOB, NATIVE), quote.amount_in);
					}
				}
				Ok(())
			})?;
		}
	}
}

/// A call's result without its post-dispatch information.
/// The name of an error as the bad-input matrix prints it.
fn error_name(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(sp_runtime::ModuleError { message: Some(name), .. }) => {
			format!("Amm::{name}")
		}
		other => format!("{other:?}"),
	}
}

/// The bad-input matrix of `docs/RELIABILITY.md`: every call with each kind of bad input, the
/// error it returns, and an unchanged state root. `cargo test -p pallet-amm bad_input_matrix --
/// --nocapture` prints the table.
#[test]
fn bad_input_matrix() {
	type Call = Box<dyn Fn() -> sp_runtime::DispatchResult>;
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		pool_with(USDT, ETH, 1_000_000, 1_000_000);
		System::set_block_number(10);
		let signed = || RuntimeOrigin::signed(ALICE);
		let out = math::amount_out(10_000, 1_000_000, 4_000_000, 30).unwrap();
		let cost = math::amount_in(out, 1_000_000, 4_000_000, 30).unwrap();
		let lp = lp_balance(ALICE, NATIVE, USDT);
		let tiers = |v: Vec<u32>| -> frame_support::BoundedVec<u32, _> { v.try_into().unwrap() };
		let swap_in =
			|path: Vec<AssetKind>, amount: u128, min: u128, deadline: Option<u64>| -> Call {
				Box::new(move || {
					Amm::swap_exact_in(signed(), path.clone(), amount, min, ALICE, true, deadline)
				})
			};
		let swap_out =
			|path: Vec<AssetKind>, amount: u128, max: u128, deadline: Option<u64>| -> Call {
				Box::new(move || {
					Amm::swap_exact_out(signed(), path.clone(), amount, max, ALICE, true, deadline)
				})
			};
		let add =
			|a: AssetKind, b: AssetKind, x: u128, y: u128, min: (u128, u128), deadline| -> Call {
				Box::new(move || {
					Amm::add_liquidity(
						signed(),
						a.clone(),
						b.clone(),
						x,
						y,
						min.0,
						min.1,
						ALICE,
						deadline,
					)
				})
			};
		let remove =
			|a: AssetKind, b: AssetKind, amount: u128, min: (u128, u128), deadline| -> Call {
				Box::new(move || {
					Amm::remove_liquidity(
						signed(),
						a.clone(),
						b.clone(),
						amount,
						min.0,
						min.1,
						ALICE,
						deadline,
					)
				})
			};
		let unknown = NativeOrWithId::WithId(99);
		let rows: Vec<(&str, &str, Call, DispatchError)> = vec![
			(
				"create_pool",
				"unsigned origin",
				Box::new(|| Amm::create_pool(RuntimeOrigin::none(), NATIVE, DOT, None)),
				DispatchError::BadOrigin,
			),
			(
				"create_pool",
				"the same asset twice",
				Box::new(move || Amm::create_pool(signed(), DOT, DOT, None)),
				Error::<Test>::IdenticalAssets.into(),
			),
			(
				"create_pool",
				"unknown asset id",
				Box::new(move || {
					Amm::create_pool(signed(), NATIVE, NativeOrWithId::WithId(99), None)
				}),
				Error::<Test>::UnknownAsset.into(),
			),
			(
				"create_pool",
				"existing pool (assets in either order)",
				Box::new(move || Amm::create_pool(signed(), USDT, NATIVE, None)),
				Error::<Test>::PoolExists.into(),
			),
			(
				"create_pool",
				"fee tier not allowed (u32::MAX)",
				Box::new(move || Amm::create_pool(signed(), NATIVE, DOT, Some(u32::MAX))),
				Error::<Test>::FeeTierNotAllowed.into(),
			),
			(
				"create_pool",
				"creator cannot pay the setup fee",
				Box::new(|| Amm::create_pool(RuntimeOrigin::signed(99), NATIVE, DOT, None)),
				TokenError::FundsUnavailable.into(),
			),
			(
				"add_liquidity",
				"unsigned origin",
				Box::new(|| {
					Amm::add_liquidity(
						RuntimeOrigin::none(),
						NATIVE,
						USDT,
						1_000,
						1_000,
						0,
						0,
						ALICE,
						None,
					)
				}),
				DispatchError::BadOrigin,
			),
			(
				"add_liquidity",
				"unknown pool",
				add(NATIVE, DOT, 10_000, 10_000, (0, 0), None),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"add_liquidity",
				"unknown asset id",
				add(NATIVE, unknown.clone(), 10_000, 10_000, (0, 0), None),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"add_liquidity",
				"zero amount",
				add(NATIVE, USDT, 0, 10_000, (0, 0), None),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"add_liquidity",
				"u128::MAX amounts",
				add(NATIVE, USDT, u128::MAX, u128::MAX, (0, 0), None),
				Error::<Test>::Overflow.into(),
			),
			(
				"add_liquidity",
				"expired deadline",
				add(NATIVE, USDT, 10_000, 40_000, (0, 0), Some(9)),
				Error::<Test>::DeadlinePassed.into(),
			),
			(
				"add_liquidity",
				"minimum one past what the ratio takes",
				add(NATIVE, USDT, 1_000, 8_000, (0, 4_001), None),
				Error::<Test>::DepositBelowMinimum.into(),
			),
			(
				"add_liquidity",
				"deposit worth less than one LP token",
				add(NATIVE, USDT, 1, 3, (0, 0), None),
				Error::<Test>::ZeroLpMinted.into(),
			),
			(
				"remove_liquidity",
				"unsigned origin",
				Box::new(|| {
					Amm::remove_liquidity(RuntimeOrigin::none(), NATIVE, USDT, 1, 0, 0, ALICE, None)
				}),
				DispatchError::BadOrigin,
			),
			(
				"remove_liquidity",
				"unknown pool",
				remove(NATIVE, DOT, 1_000, (0, 0), None),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"remove_liquidity",
				"zero LP tokens",
				remove(NATIVE, USDT, 0, (0, 0), None),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"remove_liquidity",
				"u128::MAX LP tokens",
				remove(NATIVE, USDT, u128::MAX, (0, 0), None),
				Error::<Test>::InsufficientLpTokens.into(),
			),
			(
				"remove_liquidity",
				"expired deadline",
				remove(NATIVE, USDT, 1_000, (0, 0), Some(9)),
				Error::<Test>::DeadlinePassed.into(),
			),
			(
				"remove_liquidity",
				"minimum one past the pro-rata amount",
				remove(NATIVE, USDT, lp / 2, (1_000_000 * (lp / 2) / (lp + 1_000) + 1, 0), None),
				Error::<Test>::WithdrawalBelowMinimum.into(),
			),
			(
				"swap_exact_in",
				"unsigned origin",
				Box::new(|| {
					Amm::swap_exact_in(
						RuntimeOrigin::none(),
						vec![NATIVE, USDT],
						10_000,
						0,
						ALICE,
						true,
						None,
					)
				}),
				DispatchError::BadOrigin,
			),
			(
				"swap_exact_in",
				"zero amount",
				swap_in(vec![NATIVE, USDT], 0, 0, None),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"swap_exact_in",
				"u128::MAX amount",
				swap_in(vec![NATIVE, USDT], u128::MAX, 0, None),
				TokenError::FundsUnavailable.into(),
			),
			(
				"swap_exact_in",
				"path of one asset",
				swap_in(vec![NATIVE], 10_000, 0, None),
				Error::<Test>::InvalidPathLength.into(),
			),
			(
				"swap_exact_in",
				"path longer than the limit (5 assets)",
				swap_in(vec![NATIVE, USDT, ETH, USDT, NATIVE], 10_000, 0, None),
				Error::<Test>::InvalidPathLength.into(),
			),
			(
				"swap_exact_in",
				"duplicate path entry (same asset twice in a row)",
				swap_in(vec![NATIVE, NATIVE], 10_000, 0, None),
				Error::<Test>::IdenticalAssets.into(),
			),
			(
				"swap_exact_in",
				"path through the same pool twice",
				swap_in(vec![NATIVE, USDT, NATIVE], 10_000, 0, None),
				Error::<Test>::PathRepeatsPool.into(),
			),
			(
				"swap_exact_in",
				"unknown asset id",
				swap_in(vec![NATIVE, unknown.clone()], 10_000, 0, None),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"swap_exact_in",
				"expired deadline",
				swap_in(vec![NATIVE, USDT], 10_000, 0, Some(9)),
				Error::<Test>::DeadlinePassed.into(),
			),
			(
				"swap_exact_in",
				"minimum output one past the quote",
				swap_in(vec![NATIVE, USDT], 10_000, out + 1, None),
				Error::<Test>::AmountOutTooLow.into(),
			),
			(
				"swap_exact_out",
				"unsigned origin",
				Box::new(|| {
					Amm::swap_exact_out(
						RuntimeOrigin::none(),
						vec![NATIVE, USDT],
						10_000,
						u128::MAX,
						ALICE,
						true,
						None,
					)
				}),
				DispatchError::BadOrigin,
			),
			(
				"swap_exact_out",
				"zero amount",
				swap_out(vec![NATIVE, USDT], 0, u128::MAX, None),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"swap_exact_out",
				"u128::MAX amount (more than the reserve)",
				swap_out(vec![NATIVE, USDT], u128::MAX, u128::MAX, None),
				Error::<Test>::InsufficientLiquidity.into(),
			),
			(
				"swap_exact_out",
				"path longer than the limit (5 assets)",
				swap_out(vec![NATIVE, USDT, ETH, USDT, NATIVE], 10_000, u128::MAX, None),
				Error::<Test>::InvalidPathLength.into(),
			),
			(
				"swap_exact_out",
				"duplicate path entry",
				swap_out(vec![USDT, USDT], 10_000, u128::MAX, None),
				Error::<Test>::IdenticalAssets.into(),
			),
			(
				"swap_exact_out",
				"unknown asset id",
				swap_out(vec![unknown, USDT], 10_000, u128::MAX, None),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"swap_exact_out",
				"expired deadline",
				swap_out(vec![NATIVE, USDT], 10_000, u128::MAX, Some(9)),
				Error::<Test>::DeadlinePassed.into(),
			),
			(
				"swap_exact_out",
				"maximum input one below the quote",
				swap_out(vec![NATIVE, USDT], out, cost - 1, None),
				Error::<Test>::AmountInTooHigh.into(),
			),
			(
				"set_fee_tiers",
				"signed origin",
				Box::new(move || Amm::set_fee_tiers(signed(), tiers(vec![30]))),
				DispatchError::BadOrigin,
			),
			(
				"set_fee_tiers",
				"no tiers",
				Box::new(move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![]))),
				Error::<Test>::InvalidFeeTiers.into(),
			),
			(
				"set_fee_tiers",
				"duplicate tier",
				Box::new(move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 30]))),
				Error::<Test>::InvalidFeeTiers.into(),
			),
			(
				"set_fee_tiers",
				"tier of 100% or more",
				Box::new(move || {
					Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 10_000]))
				}),
				Error::<Test>::InvalidFeeTiers.into(),
			),
			(
				"set_fee_tiers",
				"without the default tier",
				Box::new(move || Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![5]))),
				Error::<Test>::DefaultFeeTierNotAllowed.into(),
			),
			(
				"set_protocol_fee",
				"signed origin",
				Box::new(move || Amm::set_protocol_fee(signed(), None)),
				DispatchError::BadOrigin,
			),
			(
				"set_protocol_fee",
				"zero share",
				Box::new(|| {
					Amm::set_protocol_fee(
						RuntimeOrigin::root(),
						Some(ProtocolFeeConfig { receiver: BOB, share: Permill::zero() }),
					)
				}),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"lock_lp_tokens",
				"unsigned origin",
				Box::new(|| Amm::lock_lp_tokens(RuntimeOrigin::none(), NATIVE, USDT, 1, 20)),
				DispatchError::BadOrigin,
			),
			(
				"lock_lp_tokens",
				"no such pool",
				Box::new(move || Amm::lock_lp_tokens(signed(), NATIVE, DOT, 1, 20)),
				Error::<Test>::PoolNotFound.into(),
			),
			(
				"lock_lp_tokens",
				"ends at the current block",
				Box::new(move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, 1, 10)),
				Error::<Test>::LockEndsInThePast.into(),
			),
			(
				"lock_lp_tokens",
				"zero amount, no lock to extend",
				Box::new(move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, 0, 20)),
				Error::<Test>::ZeroAmount.into(),
			),
			(
				"lock_lp_tokens",
				"more than the account holds",
				Box::new(move || Amm::lock_lp_tokens(signed(), NATIVE, USDT, lp + 1, 20)),
				Error::<Test>::InsufficientLpTokens.into(),
			),
			(
				"unlock_lp_tokens",
				"no lock",
				Box::new(move || Amm::unlock_lp_tokens(signed(), NATIVE, USDT)),
				Error::<Test>::NoLock.into(),
			),
		];
		println!("| Call | Bad input | Error |\n| --- | --- | --- |");
		let mut wrong = Vec::new();
		for (call, input, dispatch, error) in rows {
			let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
			let result = dispatch();
			if result != Err(error) {
				wrong.push(format!("{call} / {input}: expected {error:?}, got {result:?}"));
			} else if sp_io::storage::root(sp_runtime::StateVersion::V1) != root {
				wrong.push(format!("{call} / {input}: storage changed"));
			}
			println!("| `amm.{call}` | {input} | `{}` |", error_name(&error));
		}
		assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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

mod positions {
	use super::*;
	use crate::{DepositBases, PositionValuation};

	/// One unit of the quote asset at Q64.64.
	fn one() -> sp_core::U256 {
		sp_core::U256::one() << 64
	}

	fn basis(who: AccountId, a: AssetKind, b: AssetKind) -> Option<crate::DepositBasisOf<Test>> {
		DepositBases::<Test>::get(lp_token(a, b), who)
	}

	fn valuation(who: AccountId, quote: AssetKind) -> PositionValuation<u128> {
		Amm::position(&who, NATIVE, USDT, quote, 0).unwrap().valuation.unwrap()
	}

	#[test]
	fn deposits_build_the_basis_and_removals_consume_it_pro_rata() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000_000, 4_000_000_000);
			add(BOB, NATIVE, USDT, 100_000_000, 400_000_000);
			let b = basis(BOB, NATIVE, USDT).unwrap();
			assert_eq!(b.lp, lp_balance(BOB, NATIVE, USDT));
			assert_eq!(b.amounts, (100_000_000, 400_000_000));
			// √k per LP token is 1 for a pool that has earned nothing: the share is the LP.
			assert_eq!(b.root_k, b.lp);

			// Removing a quarter keeps three quarters of every figure.
			let quarter = b.lp / 4;
			assert_ok!(Amm::remove_liquidity(
				RuntimeOrigin::signed(BOB),
				NATIVE,
				USDT,
				quarter,
				0,
				0,
				BOB,
				None
			));
			let after = basis(BOB, NATIVE, USDT).unwrap();
			assert_eq!(after.lp, b.lp - quarter);
			assert_eq!(after.amounts, (75_000_000, 300_000_000));
			// Removing the rest clears it.
			assert_ok!(Amm::remove_liquidity(
				RuntimeOrigin::signed(BOB),
				NATIVE,
				USDT,
				after.lp,
				0,
				0,
				BOB,
				None
			));
			assert_eq!(basis(BOB, NATIVE, USDT), None);
		});
	}

	#[test]
	fn transferred_lp_tokens_have_no_basis() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000_000, 4_000_000_000);
			let lp = lp_token(NATIVE, USDT);
			let alice_lp = lp_balance(ALICE, NATIVE, USDT);
			assert_ok!(PoolAssets::transfer(
				RuntimeOrigin::signed(ALICE),
				lp,
				CHARLIE,
				alice_lp / 2
			));
			let charlie = Amm::position(&CHARLIE, NATIVE, USDT, USDT, 0).unwrap();
			assert_eq!((charlie.lp_with_basis, charlie.lp_without_basis), (0, alice_lp / 2));
			assert_eq!(charlie.deposited, (0, 0));
			// Alice keeps the basis of the half she still holds.
			let alice = Amm::position(&ALICE, NATIVE, USDT, USDT, 0).unwrap();
			assert_eq!(alice.lp_with_basis, alice_lp - alice_lp / 2);
			assert_eq!(alice.lp_without_basis, 0);
			assert_eq!(alice.deposited, (500_000_000, 2_000_000_000));
			// Staked LP tokens count as held.
			let staked = Amm::position(&CHARLIE, NATIVE, USDT, USDT, 7).unwrap();
			assert_eq!(staked.lp_staked, 7);
			assert_eq!(staked.lp_without_basis, alice_lp / 2 + 7);
		});
	}

	#[test]
	fn a_price_move_shows_the_closed_form_loss_and_the_fee_share() {
		test(|| {
			let (x0, y0) = (1_000_000_000_000_000u128, 4_000_000_000_000_000u128);
			pool_with(NATIVE, USDT, x0, y0);
			add(BOB, NATIVE, USDT, x0, y0);
			let fresh = valuation(BOB, USDT);
			assert_eq!((fresh.fees_earned, fresh.impermanent_loss_ppm), (0, 0));
			assert!(fresh.hold_value - fresh.basis_value <= 2, "only rounding");

			// Charlie sells 10 % of the pool's native reserve: the price of native falls.
			let sold = x0 / 5;
			swap_in(CHARLIE, vec![NATIVE, USDT], sold);
			let (x1, y1) = reserves(NATIVE, USDT);
			let r = (y1 as f64 / x1 as f64) / (y0 as f64 / x0 as f64);
			let closed_form = (2.0 * r.sqrt() / (1.0 + r) - 1.0) * 1e6;
			let moved = valuation(BOB, USDT);
			assert!((moved.impermanent_loss_ppm as f64 - closed_form).abs() <= 1.0);
			assert!(moved.impermanent_loss_ppm < -1_000);
			// Bob owns half the pool: half the 0.3 % fee, valued at the new mid price.
			let fee_share = math::fee_of(sold, 30).unwrap() as f64 / 2.0 * y1 as f64 / x1 as f64;
			assert!((moved.fees_earned as f64 / fee_share - 1.0).abs() < 0.01);
			assert!(moved.prices_x64.1 == one());
		});
	}

	#[test]
	fn removing_every_held_lp_token_clears_the_basis_of_those_given_away() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000_000, 4_000_000_000);
			add(BOB, NATIVE, USDT, 100_000_000, 400_000_000);
			let lp = lp_token(NATIVE, USDT);
			let held = lp_balance(BOB, NATIVE, USDT);
			assert_ok!(PoolAssets::transfer(RuntimeOrigin::signed(BOB), lp, CHARLIE, held / 2));
			// Burning half of what it still holds takes half of the basis...
			let remove = |amount| {
				assert_ok!(Amm::remove_liquidity(
					RuntimeOrigin::signed(BOB),
					NATIVE,
					USDT,
					amount,
					0,
					0,
					BOB,
					None
				));
			};
			remove(lp_balance(BOB, NATIVE, USDT) / 2);
			assert_eq!(basis(BOB, NATIVE, USDT).unwrap().amounts, (50_000_000, 200_000_000));
			// ...and burning the rest clears it: a later deposit starts afresh.
			remove(lp_balance(BOB, NATIVE, USDT));
			assert_eq!(basis(BOB, NATIVE, USDT), None);
			add(BOB, NATIVE, USDT, 10_000_000, 40_000_000);
			assert_eq!(basis(BOB, NATIVE, USDT).unwrap().amounts, (10_000_000, 40_000_000));
		});
	}

	#[test]
	fn a_dust_pool_does_not_set_the_price() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000, 2_000_000);
			pool_with(USDT, ETH, 3_000_000, 1_000_000);
			// A direct pool at a price of 1 with a few thousand units in it.
			pool_with(NATIVE, ETH, 2_000, 2_000);
			// The route through USDT holds far more: its price, 2/3, wins.
			assert_eq!(Amm::mid_price_x64(&NATIVE, &ETH), Some((one() * 2) / 3));
		});
	}

	#[test]
	fn prices_take_the_deepest_route_and_none_without_one() {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000, 2_000_000);
			pool_with(USDT, ETH, 3_000_000, 1_000_000);
			// DEX → USDT directly: 2; ETH → USDT directly: 3; DEX → ETH through USDT: 2/3.
			assert_eq!(Amm::mid_price_x64(&NATIVE, &USDT), Some(one() * 2));
			assert_eq!(Amm::mid_price_x64(&ETH, &USDT), Some(one() * 3));
			let native_in_eth = Amm::mid_price_x64(&NATIVE, &ETH).unwrap();
			assert_eq!(native_in_eth, (one() * 2) / 3);
			assert_eq!(Amm::mid_price_x64(&USDT, &USDT), Some(one()));
			// DOT has no pool: no price, and a position valued in it has no valuation.
			assert_eq!(Amm::mid_price_x64(&NATIVE, &DOT), None);
			assert!(Amm::position(&ALICE, NATIVE, USDT, DOT, 0).unwrap().valuation.is_none());
			assert!(Amm::position(&ALICE, NATIVE, DOT, USDT, 0).is_none());
		});
	}
}

/// What the LP token pallet says when a transfer would dip into locked LP tokens.
const FROZEN: pallet_assets::Error<Test, frame_support::instances::Instance2> =
	pallet_assets::Error::BalanceLow;

fn lock(who: AccountId, amount: u128, until: u64) -> sp_runtime::DispatchResult {
	Amm::lock_lp_tokens(RuntimeOrigin::signed(who), NATIVE, USDT, amount, until)
}

fn transfer_lp(from: AccountId, to: AccountId, amount: u128) -> sp_runtime::DispatchResult {
	PoolAssets::transfer(RuntimeOrigin::signed(from), lp_token(NATIVE, USDT), to, amount)
}

#[test]
fn lp_lock_blocks_removal_and_transfer_until_its_block() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 19_000);
		let lp = lp_token(NATIVE, USDT);

		assert_ok!(lock(ALICE, 15_000, 10));
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::LpTokensLocked {
				who: ALICE,
				pool_id: (NATIVE, USDT),
				lp_token: lp,
				amount: 15_000,
				total_locked: 15_000,
				until: 10,
			})
		);
		assert_eq!(Amm::locked_lp_tokens(lp, &ALICE), 15_000);
		assert_eq!(Amm::position(&ALICE, NATIVE, USDT, USDT, 0).unwrap().lp_locked, 15_000);

		// Only the 4,000 unlocked tokens can leave, by removal or by transfer.
		assert_noop!(
			Amm::remove_liquidity(
				RuntimeOrigin::signed(ALICE),
				NATIVE,
				USDT,
				4_001,
				0,
				0,
				ALICE,
				None
			),
			Error::<Test>::LpTokensLocked
		);
		assert_noop!(transfer_lp(ALICE, BOB, 4_001), FROZEN);
		assert_ok!(transfer_lp(ALICE, BOB, 1_000));
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			USDT,
			3_000,
			0,
			0,
			ALICE,
			None
		));
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 15_000);
		assert_noop!(transfer_lp(ALICE, BOB, 1), FROZEN);

		// Extending needs no new tokens; shortening and over-locking are refused.
		assert_ok!(lock(ALICE, 0, 20));
		assert_noop!(lock(ALICE, 0, 15), Error::<Test>::LockShortened);
		assert_noop!(lock(ALICE, 1, 20), Error::<Test>::InsufficientLpTokens);

		// The lock binds through block 19 and not at block 20, cleared or not.
		System::set_block_number(19);
		assert_noop!(transfer_lp(ALICE, BOB, 1), FROZEN);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, USDT),
			Error::<Test>::LockNotExpired
		);
		System::set_block_number(20);
		assert_eq!(Amm::locked_lp_tokens(lp, &ALICE), 0);
		assert_ok!(transfer_lp(ALICE, BOB, 1));
		assert_ok!(Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, USDT));
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::LpTokensUnlocked {
				who: ALICE,
				pool_id: (NATIVE, USDT),
				lp_token: lp,
				amount: 15_000,
			})
		);
		assert_eq!(Amm::api_lp_lock(&ALICE, USDT, NATIVE), None);
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			USDT,
			14_999,
			0,
			0,
			ALICE,
			None
		));
	})
}

#[test]
fn an_expired_lock_counts_as_none_when_locking_again() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_ok!(lock(ALICE, 10_000, 5));
		System::set_block_number(5);
		// Not added to the expired 10,000, and free to end earlier than a fresh lock would.
		assert_ok!(lock(ALICE, 2_000, 6));
		assert_eq!(
			Amm::api_lp_lock(&ALICE, NATIVE, USDT),
			Some(LpLock { amount: 2_000, until: 6 })
		);
	})
}

#[test]
fn initial_liquidity_lock_tells_whether_the_first_deposit_is_locked() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		add(BOB, NATIVE, USDT, 10_000, 40_000);
		let initial = || Amm::api_initial_liquidity(USDT, NATIVE).unwrap();
		assert_eq!(
			initial(),
			InitialLiquidityLock {
				provider: ALICE,
				lp_minted: 19_000,
				locked: 0,
				locked_until: None,
				fully_locked: false,
				locked_share_ppm: 0,
			}
		);
		// Another provider's lock is not the creator's.
		assert_ok!(lock(BOB, 20_000, 50));
		assert!(!initial().fully_locked);
		assert_ok!(lock(ALICE, 18_999, 50));
		assert_eq!((initial().locked, initial().fully_locked), (18_999, false));
		assert_ok!(lock(ALICE, 1, 50));
		assert_eq!((initial().locked_until, initial().fully_locked), (Some(50), true));
		// Alice's 19,000 of the 40,000 LP tokens in existence.
		assert_eq!(initial().locked_share_ppm, 475_000);
		System::set_block_number(50);
		assert_eq!((initial().locked, initial().locked_until), (0, None));
		assert_eq!(Amm::api_initial_liquidity(NATIVE, ETH), None);
	})
}

#[test]
fn lock_errors() {
	test(|| {
		assert_noop!(lock(ALICE, 1, 10), Error::<Test>::PoolNotFound);
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_noop!(lock(ALICE, 1, 1), Error::<Test>::LockEndsInThePast);
		assert_noop!(lock(ALICE, 0, 10), Error::<Test>::ZeroAmount);
		assert_noop!(lock(ALICE, 19_001, 10), Error::<Test>::InsufficientLpTokens);
		assert_noop!(lock(BOB, 1, 10), Error::<Test>::InsufficientLpTokens);
		assert_ok!(lock(ALICE, 1, 10));
		assert_noop!(lock(ALICE, u128::MAX, 10), Error::<Test>::Overflow);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(BOB), NATIVE, USDT),
			Error::<Test>::NoLock
		);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, ETH),
			Error::<Test>::PoolNotFound
		);
		assert_noop!(
			Amm::lock_lp_tokens(RuntimeOrigin::none(), NATIVE, USDT, 1, 10),
			DispatchError::BadOrigin
		);
	})
}

#[test]
fn migration_to_v1_moves_oracles_out_of_the_pool_records() {
	use crate::migrations::v1::{MigrateToV1, OldOracleState, OldPoolInfo};
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
			let info = Pools::<Test>::get(&pool_id).unwrap();
			let (reserve1, reserve2) = Amm::reserves(&pool_id);
			let old = OldPoolInfo {
				lp_token: info.lp_token,
				fee_bps: info.fee_bps,
				reserve1,
				reserve2,
				lp_supply: Amm::lp_supply(info.lp_token),
				root_k_last: info.root_k_last,
				oracle: OldOracleState {
					updated_at: 7_000,
					price1_cumulative: 11u32.into(),
					price2_cumulative: 13u32.into(),
					observation_count: 1,
					next_observation: 1,
					observed_at: 7_000,
				},
			};
			frame_support::storage::unhashed::put(&Pools::<Test>::hashed_key_for(&pool_id), &old);
			Observations::<Test>::insert(
				&pool_id,
				0,
				crate::Observation {
					timestamp: 7_000,
					price1_cumulative: 11u32.into(),
					price2_cumulative: 13u32.into(),
				},
			);
		}
		StorageVersion::new(0).put::<Amm>();

		MigrateToV1::<Test>::on_runtime_upgrade();

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
