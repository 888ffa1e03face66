//! Units and fixed-point prices shared by the DEX's pallets and runtime: one definition of basis
//! points, parts per million and Q64.64 prices, so the AMM, the farms and the runtime API convert
//! amounts at a price the same way.
//!
//! No storage, no FRAME: plain functions over integers, unit- and property-tested here.
//!
//! Names carry their unit: `_bps` (1/10,000), `_ppm` (1/1,000,000), `_x64` (Q64.64 fixed point,
//! `2^64` is 1).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

use sp_core::{U256, U512};

/// Fees and fee tiers are expressed in basis points: 10,000 is 100%.
pub const BPS: u32 = 10_000;

/// Shares, price impacts, impermanent loss and APRs are expressed in parts per million:
/// 1,000,000 is 100%.
pub const PPM: u32 = 1_000_000;

/// Fractional bits of a Q64.64 price: `2^64` is a price of 1.
pub const PRICE_FRACTION_BITS: usize = 64;

/// The price of one unit of a pool's `base` asset in its `quote` asset, `⌊reserve_quote · 2^64 /
/// reserve_base⌋` (Q64.64, rounded down); `None` while either reserve is empty.
///
/// The result is below `2^192`, so multiplying it by any `u64` time span fits in 256 bits.
pub fn price_x64(reserve_base: u128, reserve_quote: u128) -> Option<U256> {
	if reserve_base == 0 || reserve_quote == 0 {
		return None;
	}
	Some((U256::from(reserve_quote) << PRICE_FRACTION_BITS) / U256::from(reserve_base))
}

/// `amount` at a Q64.64 price, `⌊amount · price / 2^64⌋` (rounded down); `None` if the value
/// does not fit in 128 bits.
pub fn value_at_price(amount: u128, price_x64: U256) -> Option<u128> {
	let value = U512::from(amount) * U512::from(price_x64);
	u128::try_from(value >> PRICE_FRACTION_BITS).ok()
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const ONE: U256 = U256([0, 1, 0, 0]);

	#[test]
	fn prices_are_quote_per_base() {
		assert_eq!(price_x64(100, 200), Some(ONE * 2));
		assert_eq!(price_x64(200, 100), Some(ONE / 2));
		assert_eq!(price_x64(0, 100), None);
		assert_eq!(price_x64(100, 0), None);
	}

	#[test]
	fn values_round_down_and_refuse_overflow() {
		assert_eq!(value_at_price(3, ONE / 2), Some(1));
		assert_eq!(value_at_price(u128::MAX, ONE), Some(u128::MAX));
		assert_eq!(value_at_price(u128::MAX, ONE * 2), None);
	}

	proptest! {
		/// Valuing at a pool's price never gives more of the quote asset than the exact ratio.
		#[test]
		fn value_at_a_pool_price_never_exceeds_the_exact_ratio(
			reserve_base in 1u128..=u64::MAX as u128,
			reserve_quote in 1u128..=u64::MAX as u128,
			amount in 0u128..=u64::MAX as u128,
		) {
			let price = price_x64(reserve_base, reserve_quote).unwrap();
			let value = value_at_price(amount, price).unwrap();
			let exact = amount * reserve_quote / reserve_base;
			prop_assert!(value <= exact);
			// The price's truncation costs below `amount / 2^64` ≤ 1 unit, the value's below 1.
			prop_assert!(exact - value <= 2);
		}
	}
}
