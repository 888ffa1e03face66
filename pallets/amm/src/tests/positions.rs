//! Positions: deposit bases, their valuation, and the mid prices they are valued at.

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
		assert_ok!(PoolAssets::transfer(RuntimeOrigin::signed(ALICE), lp, CHARLIE, alice_lp / 2));
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
