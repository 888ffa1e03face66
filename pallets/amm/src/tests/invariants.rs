//! Property tests: `k` never falls, round trips return no more, quotes equal execution.
//!
//! Cases: 64 each, or `PROPTEST_CASES`. Each test counts the steps that really exercised its
//! property (`dex_test_utils::Coverage`), prints the share skipped and fails when too few were
//! real.

use super::*;
use dex_test_utils::{proptest_cases, Coverage};
use proptest::prelude::*;

fn config() -> ProptestConfig {
	ProptestConfig::with_cases(proptest_cases(64))
}

/// The product of reserves never decreases across swaps in either direction. Amounts are up to
/// half of the reserve they draw on, so most swaps execute.
#[test]
fn k_never_decreases_on_swaps() {
	let coverage = Coverage::new("k_never_decreases_on_swaps");
	proptest!(config(), |(
		reserve_a in 10_000u128..1_000_000_000_000,
		reserve_b in 10_000u128..1_000_000_000_000,
		swaps in proptest::collection::vec((any::<bool>(), 1u128..500, any::<bool>()), 1..12),
	)| {
		test(|| {
			pool_with(NATIVE, USDT, reserve_a, reserve_b);
			for (forward, permille, exact_in) in swaps {
				let path = if forward { vec![NATIVE, USDT] } else { vec![USDT, NATIVE] };
				let (before_a, before_b) = reserves(NATIVE, USDT);
				let (reserve_in, reserve_out) =
					if forward { (before_a, before_b) } else { (before_b, before_a) };
				let base = if exact_in { reserve_in } else { reserve_out };
				let amount = (base * permille / 1_000).max(1);
				let result = if exact_in {
					Amm::swap_exact_in(RuntimeOrigin::signed(BOB), path, amount, 0, BOB, true, None)
				} else {
					Amm::swap_exact_out(RuntimeOrigin::signed(BOB), path, amount, u128::MAX, BOB, true, None)
				};
				let (after_a, after_b) = reserves(NATIVE, USDT);
				coverage.count(result.is_ok());
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
	});
	coverage.finish(60);
}

/// Adding then removing liquidity never returns more than was put in.
#[test]
fn add_remove_round_trip_returns_no_more() {
	let coverage = Coverage::new("add_remove_round_trip_returns_no_more");
	proptest!(config(), |(
		reserve_a in 10_000u128..1_000_000_000_000,
		reserve_b in 10_000u128..1_000_000_000_000,
		add_a in 1u128..1_000_000_000_000,
		add_b in 1u128..1_000_000_000_000,
	)| {
		test(|| {
			pool_with(NATIVE, USDT, reserve_a, reserve_b);
			let (n0, u0) = (balance(BOB, NATIVE), balance(BOB, USDT));
			let added =
				Amm::add_liquidity(RuntimeOrigin::signed(BOB), NATIVE, USDT, add_a, add_b, 0, 0, BOB, None);
			// A deposit worth less than one LP token is refused; any other is a real round trip,
			// and the whole LP balance then comes back out.
			let round_trip = added.is_ok();
			if round_trip {
				let lp = lp_balance(BOB, NATIVE, USDT);
				let removed = Amm::remove_liquidity(RuntimeOrigin::signed(BOB), NATIVE, USDT, lp, 0, 0, BOB, None);
				prop_assert!(removed.is_ok(), "removing the LP tokens just minted failed: {:?}", removed);
				prop_assert_eq!(lp_balance(BOB, NATIVE, USDT), 0);
			}
			coverage.count(round_trip);
			prop_assert!(balance(BOB, NATIVE) <= n0);
			prop_assert!(balance(BOB, USDT) <= u0);
			Ok(())
		})?;
	});
	coverage.finish(60);
}

/// A quote equals what the swap executes, for exact in and exact out over two hops.
#[test]
fn quotes_equal_execution() {
	let coverage = Coverage::new("quotes_equal_execution");
	proptest!(config(), |(
		amount in 1u128..10_000_000_000,
		exact_in in any::<bool>(),
	)| {
		test(|| {
			pool_with(NATIVE, USDT, 1_000_000_000_000, 3_000_000_000_000);
			pool_with(USDT, ETH, 2_000_000_000_000, 500_000_000_000);
			let path = vec![NATIVE, USDT, ETH];
			let (n0, e0) = (balance(BOB, NATIVE), balance(BOB, ETH));
			if exact_in {
				let quote = Amm::quote_exact_in(&path, amount);
				let result = Amm::swap_exact_in(RuntimeOrigin::signed(BOB), path, amount, 0, BOB, true, None);
				prop_assert_eq!(quote.is_ok(), result.is_ok());
				coverage.count(quote.is_ok());
				if let Ok(quote) = quote {
					prop_assert_eq!(balance(BOB, ETH) - e0, quote.amount_out);
					prop_assert_eq!(n0 - balance(BOB, NATIVE), quote.amount_in);
				}
			} else {
				let quote = Amm::quote_exact_out(&path, amount);
				let result = Amm::swap_exact_out(RuntimeOrigin::signed(BOB), path, amount, u128::MAX, BOB, true, None);
				prop_assert_eq!(quote.is_ok(), result.is_ok());
				coverage.count(quote.is_ok());
				if let Ok(quote) = quote {
					prop_assert_eq!(balance(BOB, ETH) - e0, amount);
					prop_assert_eq!(n0 - balance(BOB, NATIVE), quote.amount_in);
				}
			}
			Ok(())
		})?;
	});
	coverage.finish(60);
}
