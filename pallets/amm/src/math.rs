//! Pure constant-product math: no storage, no dispatch, so it can be property-tested and shared by
//! the calls, the runtime API quotes and the benchmarks (quotes and execution can never disagree).
//!
//! Intermediates are computed in 256 bits, or 512 where three 128-bit factors meet, so no
//! computation on `u128` inputs can overflow; every rounding goes in the pool's favour:
//! amounts paid out by the pool and LP tokens minted round down, amounts paid into the pool round
//! up. Fees are in basis points (1/10,000).

use sp_core::{U256, U512};

pub use dex_math::{price_x64, value_at_price, BPS, PPM, PRICE_FRACTION_BITS};

/// Why a computation has no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathError {
	/// An input amount is zero where a positive amount is needed.
	ZeroAmount,
	/// A reserve is zero, or the pool cannot pay the requested amount.
	InsufficientLiquidity,
	/// A result does not fit in 128 bits.
	Overflow,
	/// A fee is 100% or more.
	InvalidFee,
}

/// Result of a math function.
pub type MathResult<T> = Result<T, MathError>;

fn narrow(value: U256) -> MathResult<u128> {
	u128::try_from(value).map_err(|_| MathError::Overflow)
}

fn narrow512(value: U512) -> MathResult<u128> {
	u128::try_from(value).map_err(|_| MathError::Overflow)
}

fn fee_factor(fee_bps: u32) -> MathResult<U512> {
	if fee_bps >= BPS {
		return Err(MathError::InvalidFee);
	}
	Ok(U512::from(BPS - fee_bps))
}

/// Output of a swap of `amount_in` into a pool with reserves `reserve_in`/`reserve_out` and a fee of
/// `fee_bps` (Uniswap V2's formula; rounds down):
///
/// `out = in·(10000−fee)·Rout / (Rin·10000 + in·(10000−fee))`
pub fn amount_out(
	amount_in: u128,
	reserve_in: u128,
	reserve_out: u128,
	fee_bps: u32,
) -> MathResult<u128> {
	if amount_in == 0 {
		return Err(MathError::ZeroAmount);
	}
	if reserve_in == 0 || reserve_out == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	let in_with_fee = U512::from(amount_in) * fee_factor(fee_bps)?;
	let numerator = in_with_fee * U512::from(reserve_out);
	let denominator = U512::from(reserve_in) * U512::from(BPS) + in_with_fee;
	let out = narrow512(numerator / denominator)?;
	if out == 0 {
		return Err(MathError::ZeroAmount);
	}
	Ok(out)
}

/// Input needed to take `amount_out` out of a pool with reserves `reserve_in`/`reserve_out` and a
/// fee of `fee_bps` (Uniswap V2's formula; the `+ 1` rounds up):
///
/// `in = Rin·out·10000 / ((Rout−out)·(10000−fee)) + 1`
pub fn amount_in(
	amount_out: u128,
	reserve_in: u128,
	reserve_out: u128,
	fee_bps: u32,
) -> MathResult<u128> {
	if amount_out == 0 {
		return Err(MathError::ZeroAmount);
	}
	if reserve_in == 0 || amount_out >= reserve_out {
		return Err(MathError::InsufficientLiquidity);
	}
	let numerator = U512::from(reserve_in) * U512::from(amount_out) * U512::from(BPS);
	let denominator = U512::from(reserve_out - amount_out) * fee_factor(fee_bps)?;
	narrow512(numerator / denominator + U512::one())
}

/// Amounts along a swap path for an exact input: `amounts[0] = amount_in` and `amounts[i + 1]` is
/// what hop `i` pays out. `hops` holds each pool's `(reserve_in, reserve_out, fee_bps)`.
pub fn amounts_out_along(
	amount_in: u128,
	hops: &[(u128, u128, u32)],
) -> MathResult<alloc::vec::Vec<u128>> {
	let mut amounts = alloc::vec::Vec::with_capacity(hops.len() + 1);
	amounts.push(amount_in);
	let mut amount = amount_in;
	for &(reserve_in, reserve_out, fee_bps) in hops {
		amount = amount_out(amount, reserve_in, reserve_out, fee_bps)?;
		amounts.push(amount);
	}
	Ok(amounts)
}

/// Amounts along a swap path for an exact output: `amounts[last] = amount_out`, computed backwards;
/// `amounts[0]` is what the trader pays. `hops` is as in [`amounts_out_along`].
pub fn amounts_in_along(
	amount_out: u128,
	hops: &[(u128, u128, u32)],
) -> MathResult<alloc::vec::Vec<u128>> {
	let mut amounts = alloc::vec![0u128; hops.len() + 1];
	amounts[hops.len()] = amount_out;
	let mut amount = amount_out;
	for (i, &(reserve_in, reserve_out, fee_bps)) in hops.iter().enumerate().rev() {
		amount = amount_in(amount, reserve_in, reserve_out, fee_bps)?;
		amounts[i] = amount;
	}
	Ok(amounts)
}

/// The fee a hop of `amount_in` pays, in the input asset (rounded up, as the pool keeps it).
pub fn fee_of(amount_in: u128, fee_bps: u32) -> MathResult<u128> {
	let fee = U256::from(amount_in) * U256::from(fee_bps);
	narrow((fee + U256::from(BPS - 1)) / U256::from(BPS))
}

/// Price impact of a swap in parts per million: how much worse the execution price (after fees)
/// is than the pool's spot price, `1 − out·Rin / (in·(1−fee)·Rout)`.
pub fn price_impact_ppm(
	amount_in: u128,
	amount_out: u128,
	reserve_in: u128,
	reserve_out: u128,
	fee_bps: u32,
) -> MathResult<u32> {
	if amount_in == 0 || reserve_out == 0 {
		return Err(MathError::ZeroAmount);
	}
	let executed =
		U512::from(amount_out) * U512::from(reserve_in) * U512::from(BPS) * U512::from(PPM);
	let spot = U512::from(amount_in) * fee_factor(fee_bps)? * U512::from(reserve_out);
	let ratio_ppm = executed / spot;
	Ok(PPM.saturating_sub(u32::try_from(ratio_ppm).unwrap_or(u32::MAX)))
}

/// The price impact of a path in parts per million, from each hop's impact: one minus the
/// product of what each hop leaves of the spot price, `1 − Π(1 − impact_i)`. Each product rounds
/// down, so the combined impact rounds up (it never understates the cost).
pub fn combined_impact_ppm(hop_impacts_ppm: &[u32]) -> u32 {
	let remaining = hop_impacts_ppm.iter().fold(u64::from(PPM), |remaining, impact| {
		remaining * u64::from(PPM.saturating_sub(*impact)) / u64::from(PPM)
	});
	PPM - remaining as u32
}

/// The amount of the other asset that keeps the pool's ratio: `amount_a·Rb / Ra`, rounded down.
pub fn quote(amount_a: u128, reserve_a: u128, reserve_b: u128) -> MathResult<u128> {
	if amount_a == 0 {
		return Err(MathError::ZeroAmount);
	}
	if reserve_a == 0 || reserve_b == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	narrow(U256::from(amount_a) * U256::from(reserve_b) / U256::from(reserve_a))
}

/// Integer square root, rounded down.
pub fn sqrt(value: U256) -> U256 {
	value.integer_sqrt()
}

/// LP tokens for the first deposit: `sqrt(a·b)`, rounded down. The caller locks the minimum
/// liquidity out of it.
pub fn initial_lp(amount_a: u128, amount_b: u128) -> MathResult<u128> {
	if amount_a == 0 || amount_b == 0 {
		return Err(MathError::ZeroAmount);
	}
	narrow(sqrt(U256::from(amount_a) * U256::from(amount_b)))
}

/// The amounts a deposit actually uses: the desired amount of one side and the other side that
/// keeps the pool's ratio, as in Uniswap V2's router. `None` when the pool is empty (any ratio).
/// Returns `(amount_a, amount_b)`; the caller checks them against the minimums.
pub fn optimal_deposit(
	amount_a_desired: u128,
	amount_b_desired: u128,
	reserve_a: u128,
	reserve_b: u128,
) -> MathResult<(u128, u128)> {
	if amount_a_desired == 0 || amount_b_desired == 0 {
		return Err(MathError::ZeroAmount);
	}
	if reserve_a == 0 && reserve_b == 0 {
		return Ok((amount_a_desired, amount_b_desired));
	}
	let b_optimal = quote(amount_a_desired, reserve_a, reserve_b)?;
	if b_optimal <= amount_b_desired {
		return Ok((amount_a_desired, b_optimal));
	}
	let a_optimal = quote(amount_b_desired, reserve_b, reserve_a)?;
	Ok((a_optimal.min(amount_a_desired), amount_b_desired))
}

/// LP tokens for a later deposit: `min(a·S/Ra, b·S/Rb)`, rounded down.
pub fn lp_for_deposit(
	amount_a: u128,
	amount_b: u128,
	reserve_a: u128,
	reserve_b: u128,
	lp_supply: u128,
) -> MathResult<u128> {
	if amount_a == 0 || amount_b == 0 {
		return Err(MathError::ZeroAmount);
	}
	if reserve_a == 0 || reserve_b == 0 || lp_supply == 0 {
		return Err(MathError::InsufficientLiquidity);
	}
	let supply = U256::from(lp_supply);
	let by_a = U256::from(amount_a) * supply / U256::from(reserve_a);
	let by_b = U256::from(amount_b) * supply / U256::from(reserve_b);
	narrow(by_a.min(by_b))
}

/// What burning `lp_amount` of `lp_supply` pays out: `(lp·Ra/S, lp·Rb/S)`, each rounded down.
pub fn withdrawal(
	lp_amount: u128,
	reserve_a: u128,
	reserve_b: u128,
	lp_supply: u128,
) -> MathResult<(u128, u128)> {
	if lp_amount == 0 {
		return Err(MathError::ZeroAmount);
	}
	if lp_amount > lp_supply {
		return Err(MathError::InsufficientLiquidity);
	}
	let supply = U256::from(lp_supply);
	let lp = U256::from(lp_amount);
	Ok((narrow(lp * U256::from(reserve_a) / supply)?, narrow(lp * U256::from(reserve_b) / supply)?))
}

/// The pool's `sqrt(Ra·Rb)`, the measure of its liquidity that fees grow.
pub fn root_k(reserve_a: u128, reserve_b: u128) -> U256 {
	sqrt(U256::from(reserve_a) * U256::from(reserve_b))
}

/// LP tokens to mint to the protocol so that it owns `share_ppm` (parts per million) of the
/// liquidity growth since `root_k_last` (Uniswap V2's `_mintFee`, generalised from its 1/6):
///
/// `minted = S·(√k − √k_last)·p / (√k·(1 − p) + √k_last·p)`, rounded down.
///
/// Returns 0 when the pool has not grown.
pub fn protocol_fee_lp(
	root_k_last: U256,
	reserve_a: u128,
	reserve_b: u128,
	lp_supply: u128,
	share_ppm: u32,
) -> MathResult<u128> {
	let root_k = root_k(reserve_a, reserve_b);
	if root_k <= root_k_last || root_k_last.is_zero() || share_ppm == 0 {
		return Ok(0);
	}
	let share = U512::from(share_ppm.min(PPM));
	let (root_k, root_k_last) = (U512::from(root_k), U512::from(root_k_last));
	let numerator = U512::from(lp_supply) * (root_k - root_k_last) * share;
	let denominator = root_k * (U512::from(PPM) - share) + root_k_last * share;
	if denominator.is_zero() {
		return Ok(0);
	}
	narrow512(numerator / denominator)
}

/// Adds `price · elapsed` to a cumulative price (Uniswap V2's `priceCumulativeLast`).
///
/// The addition wraps at `2^256` on purpose: callers only ever use the difference of two
/// cumulatives, which stays exact under wrapping as long as the true difference fits in 256 bits
/// (always, for prices from [`price_x64`] over spans below `2^64` ms).
pub fn accumulate_price(cumulative: U256, price_x64: U256, elapsed_ms: u64) -> U256 {
	let (product, _) = price_x64.overflowing_mul(U256::from(elapsed_ms));
	cumulative.overflowing_add(product).0
}

/// The time-weighted average price between two readings of a cumulative price,
/// `(end − start) / elapsed` in Q64.64, rounded down; `None` for an empty span.
pub fn twap_x64(start: U256, end: U256, elapsed_ms: u64) -> Option<U256> {
	if elapsed_ms == 0 {
		return None;
	}
	Some(end.overflowing_sub(start).0 / U256::from(elapsed_ms))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amount_out_matches_uniswap_v2_at_30_bps() {
		// 1000 in, reserves 10_000/10_000: 1000·9970·10000 / (10000·10000 + 1000·9970) = 906.6...
		assert_eq!(amount_out(1_000, 10_000, 10_000, 30), Ok(906));
		assert_eq!(amount_out(0, 10_000, 10_000, 30), Err(MathError::ZeroAmount));
		assert_eq!(amount_out(1, 0, 10_000, 30), Err(MathError::InsufficientLiquidity));
		assert_eq!(amount_out(1, 10_000, 10_000, 10_000), Err(MathError::InvalidFee));
	}

	#[test]
	fn amount_in_rounds_up() {
		// 10000·906·10000 / ((10000−906)·9970) = 999.26... → 999 + 1
		assert_eq!(amount_in(906, 10_000, 10_000, 30), Ok(1_000));
		assert_eq!(amount_in(10_000, 10_000, 10_000, 30), Err(MathError::InsufficientLiquidity));
	}

	#[test]
	fn handles_reserves_at_u128_max() {
		let max = u128::MAX;
		// Swapping in as much as the reserve pays out 9970/19970 of the other reserve.
		let half = max / 2;
		let expected = U256::from(half) * U256::from(9_970u32) / U256::from(19_970u32);
		assert_eq!(amount_out(half, half, half, 30), Ok(expected.as_u128()));
		// One unit out of full reserves costs max·10000 / ((max−1)·9970) = 1.003..., so 2.
		assert_eq!(amount_in(1, max, max, 30), Ok(2));
		assert_eq!(amount_in(max - 1, 1, max, 30), Err(MathError::Overflow));
		assert_eq!(initial_lp(max, max), Ok(max));
		// A deposit as large as the reserves mints as many LP tokens as exist.
		assert_eq!(lp_for_deposit(max, max, max, max, max), Ok(max));
		assert_eq!(lp_for_deposit(max, max, 1, 1, max), Err(MathError::Overflow));
	}

	#[test]
	fn optimal_deposit_keeps_the_ratio() {
		assert_eq!(optimal_deposit(100, 500, 0, 0), Ok((100, 500)));
		assert_eq!(optimal_deposit(100, 500, 1_000, 2_000), Ok((100, 200)));
		assert_eq!(optimal_deposit(100, 50, 1_000, 2_000), Ok((25, 50)));
	}

	#[test]
	fn protocol_fee_is_one_sixth_of_growth() {
		// Liquidity grew from √k = 1000 to 1100 with 1000 LP: Uniswap mints 1000·100/(5·1100+1000).
		let minted = protocol_fee_lp(U256::from(1_000u32), 1_100, 1_100, 1_000, 166_667).unwrap();
		assert_eq!(minted, 1_000 * 100 / (5 * 1_100 + 1_000));
		assert_eq!(protocol_fee_lp(U256::from(1_100u32), 1_100, 1_100, 1_000, 166_667), Ok(0));
	}

	#[test]
	fn twap_of_a_constant_price_is_that_price() {
		// 1 base = 2.5 quote.
		let price = price_x64(2, 5).unwrap();
		assert_eq!(value_at_price(1_000, price), Some(2_500));
		let end = accumulate_price(U256::zero(), price, 6_000);
		assert_eq!(twap_x64(U256::zero(), end, 6_000), Some(price));
		assert_eq!(twap_x64(end, end, 0), None);
		assert_eq!(price_x64(0, 5), None);
	}

	#[test]
	fn twap_survives_the_cumulative_wrapping() {
		let price = price_x64(1, u128::MAX).unwrap();
		let start = U256::MAX - U256::from(7u8);
		let end = accumulate_price(start, price, u64::MAX);
		assert!(end < start, "the cumulative wrapped");
		assert_eq!(twap_x64(start, end, u64::MAX), Some(price));
		assert_eq!(value_at_price(1, price), Some(u128::MAX));
		assert_eq!(value_at_price(2, price), None);
	}

	mod properties {
		use super::*;
		use dex_test_utils::{proptest_cases, Coverage};
		use proptest::prelude::*;

		fn k(a: u128, b: u128) -> U256 {
			U256::from(a) * U256::from(b)
		}

		fn config() -> ProptestConfig {
			ProptestConfig::with_cases(proptest_cases(256))
		}

		/// The definition of a fair swap: paying `paid` in and taking `out` out leaves
		/// `(Rin + paid·(1 − fee))·(Rout − out) ≥ Rin·Rout`.
		fn keeps_k_net_of_fee(r_in: u128, r_out: u128, paid: u128, out: u128, fee: u32) -> bool {
			if out >= r_out {
				return false;
			}
			let net_in =
				U512::from(r_in) * U512::from(BPS) + U512::from(paid) * U512::from(BPS - fee);
			net_in * U512::from(r_out - out)
				>= U512::from(r_in) * U512::from(r_out) * U512::from(BPS)
		}

		/// A math result as a test result: an error fails the case.
		fn ok<T>(result: MathResult<T>) -> Result<T, TestCaseError> {
			result.map_err(|error| TestCaseError::fail(format!("{error:?}")))
		}

		/// Paying the computed input always buys at least the requested output, and never
		/// lowers the product of reserves. The output is drawn below the reserve it draws on, so
		/// a case is refused only for a price past 128 bits; the share refused is reported.
		#[test]
		fn exact_out_never_lowers_k() {
			let coverage = Coverage::new("exact_out_never_lowers_k");
			proptest!(config(), |(
				(r_out, out) in (2u128..u128::MAX / 4).prop_flat_map(|r| (Just(r), 1..r)),
				r_in in 1u128..1u128 << 100,
				fee in 0u32..1_000,
			)| {
				let result = amount_in(out, r_in, r_out, fee);
				coverage.count(result.is_ok());
				match result {
					Ok(paid) => {
						let new_in = U256::from(r_in) + U256::from(paid);
						prop_assert!(new_in * U256::from(r_out - out) >= k(r_in, r_out));
						prop_assert!(ok(amount_out(paid, r_in, r_out, fee))? >= out);
					},
					Err(error) => prop_assert_eq!(error, MathError::Overflow),
				}
			});
			coverage.finish(60);
		}

		/// Depositing and withdrawing the minted LP tokens returns no more than was deposited.
		/// The supply is at most `√k`, as in every pool (fees only raise `k`), and the deposit
		/// at most the reserves. Deposits that round to nothing (no second amount, no LP token),
		/// which the pallet refuses, are skipped and their share reported.
		#[test]
		fn deposit_then_withdraw_returns_no_more() {
			let coverage = Coverage::new("deposit_then_withdraw_returns_no_more");
			proptest!(config(), |(
				r_a in 1u128..1u128 << 100,
				r_b in 1u128..1u128 << 100,
				supply_ppm in 1u128..=1_000_000,
				a_ppm in 1u128..=1_000_000,
				b_ppm in 1u128..=1_000_000,
			)| {
				let supply = (root_k(r_a, r_b).as_u128() * supply_ppm / 1_000_000).max(1);
				let a = (r_a * a_ppm / 1_000_000).max(1);
				let b = (r_b * b_ppm / 1_000_000).max(1);
				let (a, b) = ok(optimal_deposit(a, b, r_a, r_b))?;
				prop_assert!(a <= r_a && b <= r_b);
				let lp = if a == 0 || b == 0 { 0 } else { ok(lp_for_deposit(a, b, r_a, r_b, supply))? };
				coverage.count(lp > 0);
				if lp > 0 {
					let (out_a, out_b) = ok(withdrawal(lp, r_a + a, r_b + b, supply + lp))?;
					prop_assert!(out_a <= a && out_b <= b);
				}
			});
			coverage.finish(60);
		}

		proptest! {
			/// A swap of any size never lowers the product of reserves.
			#[test]
			fn exact_in_never_lowers_k(
				r_in in 1u128..u128::MAX / 4,
				r_out in 1u128..u128::MAX / 4,
				amount in 1u128..u128::MAX / 4,
				fee in 0u32..1_000,
			) {
				let out = ok(amount_out(amount, r_in, r_out, fee))?;
				prop_assert!(out < r_out);
				prop_assert!(k(r_in + amount, r_out - out) >= k(r_in, r_out));
			}

			/// The value of one LP share (√k per LP token) never falls on a swap.
			#[test]
			fn share_value_never_falls_on_swaps(
				r_in in 1_000u128..1u128 << 100,
				r_out in 1_000u128..1u128 << 100,
				amount in 1u128..1u128 << 100,
			) {
				let out = ok(amount_out(amount, r_in, r_out, 30))?;
				prop_assert!(root_k(r_in + amount, r_out - out) >= root_k(r_in, r_out));
			}

			/// Against a model written from the definition, not the formula (test review P6):
			/// the output is the largest the pool can pay while the product of its reserves,
			/// counting only the input net of the fee, does not fall.
			#[test]
			fn amount_out_is_the_most_the_invariant_allows(
				r_in in 1u128..u128::MAX / 4,
				r_out in 1u128..u128::MAX / 4,
				amount in 1u128..u128::MAX / 4,
				fee in 0u32..1_000,
			) {
				let out = ok(amount_out(amount, r_in, r_out, fee))?;
				prop_assert!(keeps_k_net_of_fee(r_in, r_out, amount, out, fee));
				prop_assert!(!keeps_k_net_of_fee(r_in, r_out, amount, out + 1, fee));
			}

			/// Against the same model: the input asked for keeps the invariant and is at most
			/// one unit above the least input that does (the rounding up, in the pool's favour).
			#[test]
			fn amount_in_is_the_least_the_invariant_allows(
				(r_out, out) in (2u128..1u128 << 60).prop_flat_map(|r| (Just(r), 1..r)),
				r_in in 1u128..1u128 << 60,
				fee in 0u32..1_000,
			) {
				// Below 2^60 every input fits 128 bits.
				let paid = ok(amount_in(out, r_in, r_out, fee))?;
				prop_assert!(keeps_k_net_of_fee(r_in, r_out, paid, out, fee));
				prop_assert!(paid < 2 || !keeps_k_net_of_fee(r_in, r_out, paid - 2, out, fee));
			}

			/// Against a pro-rata model: a deposit mints the most LP tokens whose share of the
			/// new supply is covered by each side's share of the reserves, and a withdrawal pays
			/// the most of each reserve that the burnt share covers.
			#[test]
			fn deposits_and_withdrawals_are_the_largest_pro_rata_amounts(
				r_a in 1u128..1u128 << 100,
				r_b in 1u128..1u128 << 100,
				supply in 1u128..1u128 << 100,
				a in 1u128..1u128 << 100,
				b in 1u128..1u128 << 100,
			) {
				let covered = |lp: U256| {
					lp * U256::from(r_a) <= U256::from(a) * U256::from(supply)
						&& lp * U256::from(r_b) <= U256::from(b) * U256::from(supply)
				};
				let lp = match lp_for_deposit(a, b, r_a, r_b, supply) {
					Ok(lp) => {
						prop_assert!(covered(lp.into()) && !covered(U256::from(lp) + 1));
						lp
					},
					// Refused only when even `u128::MAX` LP tokens would be covered.
					Err(error) => {
						prop_assert_eq!(error, MathError::Overflow);
						prop_assert!(covered(u128::MAX.into()));
						u128::MAX
					},
				};
				let burnt = lp.clamp(1, supply);
				let (out_a, out_b) = ok(withdrawal(burnt, r_a, r_b, supply))?;
				for (out, reserve) in [(out_a, r_a), (out_b, r_b)] {
					let share = U256::from(burnt) * U256::from(reserve);
					prop_assert!(U256::from(out) * U256::from(supply) <= share);
					prop_assert!(U256::from(out + 1) * U256::from(supply) > share);
				}
			}

			/// The protocol never gets more than its share of the growth of √k.
			#[test]
			fn protocol_fee_bounded_by_share(
				root_last in 1u128..1u128 << 60,
				growth in 0u128..1u128 << 60,
				supply in 1u128..1u128 << 60,
				share in 1u32..=1_000_000,
			) {
				let r = root_last + growth;
				let minted = protocol_fee_lp(U256::from(root_last), r, r, supply, share).unwrap();
				// The protocol's fraction of the new supply times √k never exceeds share·growth.
				let lhs = U256::from(minted) * U256::from(r) * 1_000_000u32;
				let rhs = U256::from(supply + minted) * U256::from(growth) * U256::from(share);
				prop_assert!(lhs <= rhs);
			}

			/// A time-weighted average lies between the lowest and highest price it averages, and
			/// equals the weighted mean rounded down.
			#[test]
			fn twap_is_the_weighted_mean(
				start in any::<[u64; 4]>(),
				prices in proptest::collection::vec((1u128..u128::MAX, 1u128..u128::MAX, 1u64..1 << 40), 1..6),
			) {
				let start = U256([start[0], start[1], start[2], start[3]]);
				let mut cumulative = start;
				let (mut elapsed, mut weighted) = (0u64, U512::zero());
				let (mut low, mut high) = (U256::MAX, U256::zero());
				for (base, quote, span) in prices {
					let price = price_x64(base, quote).unwrap();
					cumulative = accumulate_price(cumulative, price, span);
					elapsed += span;
					weighted += U512::from(price) * U512::from(span);
					low = low.min(price);
					high = high.max(price);
				}
				let twap = twap_x64(start, cumulative, elapsed).unwrap();
				prop_assert!(low <= twap && twap <= high);
				prop_assert_eq!(U512::from(twap), weighted / U512::from(elapsed));
			}
		}
	}
}
