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
		assert!(amount_out(max / 2, max / 2, max / 2, 30).is_ok());
		assert!(amount_in(1, max, max, 30).is_ok());
		assert_eq!(initial_lp(max, max), Ok(max));
		assert!(lp_for_deposit(max, max, max, max, max).is_ok());
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
		use proptest::prelude::*;

		fn k(a: u128, b: u128) -> U256 {
			U256::from(a) * U256::from(b)
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
				if let Ok(out) = amount_out(amount, r_in, r_out, fee) {
					prop_assert!(out < r_out);
					prop_assert!(k(r_in + amount, r_out - out) >= k(r_in, r_out));
				}
			}

			/// Paying the computed input always buys at least the requested output.
			#[test]
			fn exact_out_never_lowers_k(
				r_in in 1u128..u128::MAX / 4,
				r_out in 2u128..u128::MAX / 4,
				out in 1u128..u128::MAX / 4,
				fee in 0u32..1_000,
			) {
				if let Ok(paid) = amount_in(out, r_in, r_out, fee) {
					// A reserve that would overflow is refused by the pallet before this point.
					let Some(new_in) = r_in.checked_add(paid) else { return Ok(()) };
					prop_assert!(k(new_in, r_out - out) >= k(r_in, r_out));
					if let Ok(received) = amount_out(paid, r_in, r_out, fee) {
						prop_assert!(received >= out);
					}
				}
			}

			/// Depositing and withdrawing the minted LP tokens returns no more than was deposited.
			#[test]
			fn deposit_then_withdraw_returns_no_more(
				r_a in 1u128..1u128 << 100,
				r_b in 1u128..1u128 << 100,
				supply in 1u128..1u128 << 100,
				a in 1u128..1u128 << 100,
				b in 1u128..1u128 << 100,
			) {
				if let Ok((a, b)) = optimal_deposit(a, b, r_a, r_b) {
					if let Ok(lp) = lp_for_deposit(a, b, r_a, r_b, supply) {
						if lp > 0 {
							let (out_a, out_b) = withdrawal(lp, r_a + a, r_b + b, supply + lp).unwrap();
							prop_assert!(out_a <= a && out_b <= b);
						}
					}
				}
			}

			/// The value of one LP share (√k per LP token) never falls on a swap.
			#[test]
			fn share_value_never_falls_on_swaps(
				r_in in 1_000u128..1u128 << 100,
				r_out in 1_000u128..1u128 << 100,
				amount in 1u128..1u128 << 100,
			) {
				if let Ok(out) = amount_out(amount, r_in, r_out, 30) {
					prop_assert!(root_k(r_in + amount, r_out - out) >= root_k(r_in, r_out));
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
