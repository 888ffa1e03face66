//! Pure valuation math for liquidity providers: mid prices along routes of pools, and what an LP
//! position is worth, has earned in fees and has lost to price moves (impermanent loss), all in
//! one quote asset. No storage, no dispatch, so it can be property-tested.
//!
//! Prices are Q64.64 fixed point ([`math::price_x64`]); every value rounds down.
//!
//! ## The position figures
//! A position holds `lp` of a pool's `S` LP tokens, over reserves `R1`, `R2`, with
//! `√k = √(R1·R2)`. Its deposit basis records what it paid (`d1`, `d2`) and its share of `√k`
//! when it deposited (`σ`, the sum over deposits of `lp_minted · √k / S` right after each).
//! - value `V = p1·lp·R1/S + p2·lp·R2/S` at the pools' mid prices `p1`, `p2`;
//! - swaps grow `√k` only through fees (the product of reserves is constant otherwise), so the
//!   position's share of `√k` now, `σ' = lp·√k/S`, over `σ` is its fee growth; its value without
//!   fees is `V·σ/σ'` and its fee income `V − V·σ/σ'`;
//! - holding instead would be worth `H = p1·d1 + p2·d2`;
//! - impermanent loss, fees excluded: `V·σ/σ' / H − 1`. For a single deposit into a pool whose
//!   price has moved by a factor `r`, this is the closed form `2·√r/(1+r) − 1`.

use crate::math::{self, MathError, MathResult, PRICE_FRACTION_BITS};
use alloc::{vec, vec::Vec};
use sp_core::{U256, U512};

/// Parts per million, signed, for impermanent loss ([`math::PPM`]).
pub const PPM: i64 = math::PPM as i64;

/// The Q64.64 mid price of one unit of a route's first asset in its last asset, through pools
/// whose reserves are given hop by hop as `(reserve of the asset going in, reserve of the asset
/// coming out)`. One is `2^64`; an empty route prices an asset in itself. `None` when a pool is
/// empty or the price leaves 192 bits.
pub fn route_price_x64(hops: &[(u128, u128)]) -> Option<U256> {
	let mut price = U256::one() << PRICE_FRACTION_BITS;
	for &(reserve_in, reserve_out) in hops {
		let hop = math::price_x64(reserve_in, reserve_out)?;
		let product = (U512::from(price) * U512::from(hop)) >> PRICE_FRACTION_BITS;
		price = U256::try_from(product).ok().filter(|p| p.bits() <= 192)?;
	}
	Some(price)
}

/// How deep a route is, in units of its last asset: the smallest, over its pools, of the reserve
/// the route takes out of each, valued in the last asset at the mid prices of the pools after it.
/// A route is as deep as its shallowest pool, so a dust pool cannot outrank a liquid route.
/// `None` when a pool is empty.
pub fn route_depth(hops: &[(u128, u128)]) -> Option<U256> {
	let mut price_after = U256::one() << PRICE_FRACTION_BITS;
	let mut depth = U256::MAX;
	for &(reserve_in, reserve_out) in hops.iter().rev() {
		let value = (U512::from(reserve_out) * U512::from(price_after)) >> PRICE_FRACTION_BITS;
		depth = depth.min(U256::try_from(value).unwrap_or(U256::MAX));
		let hop = math::price_x64(reserve_in, reserve_out)?;
		let product = (U512::from(price_after) * U512::from(hop)) >> PRICE_FRACTION_BITS;
		price_after = U256::try_from(product).unwrap_or(U256::MAX);
	}
	Some(depth)
}

/// A pool as route pricing sees it: `(asset1, asset2, reserve1, reserve2)`.
pub type PoolReserves<AssetKind> = (AssetKind, AssetKind, u128, u128);

/// A route being searched: the asset it has reached, the assets it visited, and each hop's
/// `(reserve in, reserve out)`.
type PartialRoute<AssetKind> = (AssetKind, Vec<AssetKind>, Vec<(u128, u128)>);

/// Most partial routes [`deepest_route_price`] extends per hop count: bounds the search however
/// many pools there are.
pub const MAX_ROUTES: usize = 1_024;

/// The mid price (Q64.64) of one unit of `asset` in `quote` along the deepest route of at most
/// `max_hops` of the given pools: the route whose shallowest pool holds the most, valued in
/// `quote` ([`route_depth`]), so that a dust pool cannot set the price; the fewer hops on a tie.
/// `2^64` for the quote itself, `None` without a route.
///
/// Breadth first, with at most [`MAX_ROUTES`] partial routes per hop count, so the work is
/// bounded by `max_hops · MAX_ROUTES · pools.len()` however the pools connect.
pub fn deepest_route_price<AssetKind: PartialEq + Clone>(
	pools: &[PoolReserves<AssetKind>],
	asset: &AssetKind,
	quote: &AssetKind,
	max_hops: usize,
) -> Option<U256> {
	if asset == quote {
		return route_price_x64(&[]);
	}
	let mut frontier: Vec<PartialRoute<AssetKind>> =
		vec![(asset.clone(), vec![asset.clone()], Vec::new())];
	// The deepest route so far: (depth, price). Shorter routes come first and win ties.
	let mut best: Option<(U256, U256)> = None;
	for _ in 0..max_hops {
		let mut next = Vec::new();
		for (at, visited, hops) in &frontier {
			for (a, b, r1, r2) in pools {
				let (to, hop) = if a == at {
					(b, (*r1, *r2))
				} else if b == at {
					(a, (*r2, *r1))
				} else {
					continue;
				};
				if visited.contains(to) {
					continue;
				}
				let mut route = hops.clone();
				route.push(hop);
				if to == quote {
					if let (Some(depth), Some(price)) =
						(route_depth(&route), route_price_x64(&route))
					{
						if best.is_none_or(|(deepest, _)| depth > deepest) {
							best = Some((depth, price));
						}
					}
				} else if next.len() < MAX_ROUTES {
					let mut seen = visited.clone();
					seen.push(to.clone());
					next.push((to.clone(), seen, route));
				}
			}
		}
		frontier = next;
	}
	best.map(|(_, price)| price)
}

/// [`math::value_at_price`] as a [`MathResult`]: an overflow error if it does not fit in 128
/// bits.
fn value_of(amount: u128, price_x64: U256) -> MathResult<u128> {
	math::value_at_price(amount, price_x64).ok_or(MathError::Overflow)
}

/// What one pool holds for `lp` of its `lp_supply` LP tokens, rounded down.
pub fn underlying(lp: u128, reserves: (u128, u128), lp_supply: u128) -> MathResult<(u128, u128)> {
	if lp == 0 {
		return Ok((0, 0));
	}
	math::withdrawal(lp, reserves.0, reserves.1, lp_supply)
}

/// `lp` tokens' share of a pool's `√k`: `lp·√(R1·R2)/S`, rounded down (0 for an empty pool).
pub fn root_k_share(lp: u128, reserves: (u128, u128), lp_supply: u128) -> u128 {
	if lp_supply == 0 {
		return 0;
	}
	let share =
		U512::from(lp) * U512::from(math::root_k(reserves.0, reserves.1)) / U512::from(lp_supply);
	u128::try_from(share).unwrap_or(u128::MAX)
}

/// `amount · numerator / denominator`, rounded down, for pro rata reductions (`numerator ≤
/// denominator` keeps it within `amount`); 0 when `denominator` is 0.
pub fn pro_rata(amount: u128, numerator: u128, denominator: u128) -> u128 {
	if denominator == 0 {
		return 0;
	}
	let scaled = U256::from(amount) * U256::from(numerator) / U256::from(denominator);
	u128::try_from(scaled).unwrap_or(u128::MAX)
}

/// The figures of an LP position with a deposit basis, in quote units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct PositionFigures {
	/// What the position's share of the pool is worth at mid prices.
	pub value: u128,
	/// What it would be worth had the pool earned no fees since the deposits.
	pub value_without_fees: u128,
	/// Fee income since the deposits: `value − value_without_fees`.
	pub fees: u128,
	/// What the deposited amounts would be worth now had they been held.
	pub hold_value: u128,
	/// `value_without_fees − hold_value`: negative is a loss.
	pub impermanent_loss: i128,
	/// The same, in parts per million of `hold_value` (rounded toward zero).
	pub impermanent_loss_ppm: i64,
}

/// The figures of `lp` LP tokens bought with `deposited` (in the pool's asset order) and holding
/// a `√k` share of `root_k_basis` at deposit, in a pool with `reserves` and `lp_supply`, where a
/// unit of each pool asset is worth `prices_x64` of the quote asset.
pub fn position_figures(
	lp: u128,
	deposited: (u128, u128),
	root_k_basis: u128,
	reserves: (u128, u128),
	lp_supply: u128,
	prices_x64: (U256, U256),
) -> MathResult<PositionFigures> {
	let (amount1, amount2) = underlying(lp, reserves, lp_supply)?;
	let value = value_of(amount1, prices_x64.0)?
		.checked_add(value_of(amount2, prices_x64.1)?)
		.ok_or(MathError::Overflow)?;
	let share_now = root_k_share(lp, reserves, lp_supply);
	// Fees only ever grow the share; a basis above it (rounding) counts as no growth.
	let value_without_fees = if share_now == 0 || root_k_basis >= share_now {
		value
	} else {
		pro_rata(value, root_k_basis, share_now)
	};
	let hold_value = value_of(deposited.0, prices_x64.0)?
		.checked_add(value_of(deposited.1, prices_x64.1)?)
		.ok_or(MathError::Overflow)?;
	let signed = |v: u128| i128::try_from(v).unwrap_or(i128::MAX);
	let impermanent_loss = signed(value_without_fees).saturating_sub(signed(hold_value));
	let impermanent_loss_ppm = if hold_value == 0 {
		0
	} else {
		// |loss| ≤ max(value, hold) < 2^128, times 10^6 fits in 256 bits.
		let magnitude = U256::from(impermanent_loss.unsigned_abs()) * U256::from(PPM as u64)
			/ U256::from(hold_value);
		let magnitude = i64::try_from(magnitude).unwrap_or(i64::MAX);
		if impermanent_loss < 0 {
			-magnitude
		} else {
			magnitude
		}
	};
	Ok(PositionFigures {
		value,
		value_without_fees,
		fees: value - value_without_fees,
		hold_value,
		impermanent_loss,
		impermanent_loss_ppm,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	const ONE: U256 = U256([0, 1, 0, 0]);

	/// The closed form of impermanent loss after the price moved by `r`, in ppm.
	fn closed_form_ppm(r: f64) -> f64 {
		(2.0 * r.sqrt() / (1.0 + r) - 1.0) * 1e6
	}

	#[test]
	fn route_price_multiplies_hop_prices() {
		assert_eq!(route_price_x64(&[]), Some(ONE));
		// 1 A = 2 B, 1 B = 3 C → 1 A = 6 C.
		assert_eq!(route_price_x64(&[(100, 200), (1_000, 3_000)]), Some(ONE * 6));
		assert_eq!(route_price_x64(&[(0, 200)]), None);
	}

	#[test]
	fn a_route_is_as_deep_as_its_shallowest_pool() {
		// 1,000 A / 2,000 B, then 10 B / 30 C: the second pool holds 30 C, the first 2,000 B
		// worth 6,000 C at 3 C per B.
		assert_eq!(route_depth(&[(1_000, 2_000), (10, 30)]), Some(U256::from(30)));
		assert_eq!(route_depth(&[(1_000, 2_000), (10_000, 30_000)]), Some(U256::from(6_000)));
	}

	#[test]
	fn the_deepest_route_sets_the_price() {
		// A/B is deep at 1 A = 2 B; A/C is dust at 1 A = 100 C, and C/B is deep at 1 C = 1 B.
		let pools = vec![
			("A", "B", 1_000_000u128, 2_000_000u128),
			("A", "C", 10, 1_000),
			("C", "B", 1_000_000, 1_000_000),
		];
		assert_eq!(deepest_route_price(&pools, &"A", &"B", 2), Some(ONE * 2));
		assert_eq!(deepest_route_price(&pools, &"A", &"A", 2), Some(ONE));
		assert_eq!(deepest_route_price(&pools, &"A", &"D", 2), None);
		// Through C only: one hop is not enough, two are.
		let via_c = &pools[1..];
		assert_eq!(deepest_route_price(via_c, &"A", &"B", 1), None);
		assert_eq!(deepest_route_price(via_c, &"A", &"B", 2), Some(ONE * 100));
	}

	#[test]
	fn on_a_tie_the_shorter_route_wins() {
		// A/B direct at 1 A = 2 B, and A/C/B as deep but at 1 A = 3 B.
		let pools = vec![
			("A", "B", 1_000u128, 2_000u128),
			("A", "C", 1_000, 3_000),
			("C", "B", 2_000, 2_000),
		];
		assert_eq!(route_depth(&[(1_000, 2_000)]), route_depth(&[(1_000, 3_000), (2_000, 2_000)]));
		assert_eq!(deepest_route_price(&pools, &"A", &"B", 2), Some(ONE * 2));
	}

	#[test]
	fn a_fresh_deposit_has_no_loss_and_no_fees() {
		let reserves = (1_000_000_000u128, 4_000_000_000u128);
		let supply = 2_000_000_000u128;
		let lp = 500_000_000u128;
		let basis = root_k_share(lp, reserves, supply);
		let prices = (route_price_x64(&[(reserves.0, reserves.1)]).unwrap(), ONE);
		let f = position_figures(lp, (250_000_000, 1_000_000_000), basis, reserves, supply, prices)
			.unwrap();
		assert_eq!(f.value, 2_000_000_000);
		assert_eq!((f.fees, f.impermanent_loss, f.impermanent_loss_ppm), (0, 0, 0));
		assert_eq!(f.hold_value, f.value);
	}

	#[test]
	fn price_doubling_loses_the_closed_form() {
		// Reserves 1e18/1e18, a no-fee move to price 2 keeps k: R1 = 1e18/√2, R2 = 1e18·√2.
		let (x0, y0) = (1_000_000_000_000_000_000u128, 1_000_000_000_000_000_000u128);
		let (x1, y1) = (707_106_781_186_547_524u128, 1_414_213_562_373_095_048u128);
		let supply = 1_000_000_000_000_000_000u128;
		let lp = supply / 10;
		let basis = root_k_share(lp, (x0, y0), supply);
		let price = route_price_x64(&[(x1, y1)]).unwrap();
		let f = position_figures(lp, (x0 / 10, y0 / 10), basis, (x1, y1), supply, (price, ONE))
			.unwrap();
		// 2·√2/3 − 1 = −5.7191 %.
		assert!((f.impermanent_loss_ppm as f64 - closed_form_ppm(2.0)).abs() <= 1.0);
		assert_eq!(f.fees, 0);
	}

	proptest! {
		/// After a swap of any size, with its fee, the loss (fees excluded) matches the closed
		/// form within 1 ppm, and the fee income is positive and at most the swap's fee share.
		#[test]
		fn loss_matches_the_closed_form(
			x0 in 1_000_000_000_000u128..1_000_000_000_000_000_000_000_000,
			y0 in 1_000_000_000_000u128..1_000_000_000_000_000_000_000_000,
			swap_permille in 1u128..200,
			share_permille in 1u128..1_000,
			fee_bps in 0u32..100,
			forward in any::<bool>(),
		) {
			let supply = math::initial_lp(x0, y0).unwrap();
			let lp = supply * share_permille / 1_000;
			let basis = root_k_share(lp, (x0, y0), supply);
			let deposited = math::withdrawal(lp, x0, y0, supply).unwrap();
			// A swap of `swap_permille`/1000 of the reserve in.
			let (x1, y1, fee_in) = if forward {
				let amount = x0 * swap_permille / 1_000;
				let out = math::amount_out(amount, x0, y0, fee_bps).unwrap();
				(x0 + amount, y0 - out, math::fee_of(amount, fee_bps).unwrap())
			} else {
				let amount = y0 * swap_permille / 1_000;
				let out = math::amount_out(amount, y0, x0, fee_bps).unwrap();
				(x0 - out, y0 + amount, math::fee_of(amount, fee_bps).unwrap())
			};
			// Value in the pool's second asset.
			let price = route_price_x64(&[(x1, y1)]).unwrap();
			let f = position_figures(lp, deposited, basis, (x1, y1), supply, (price, ONE)).unwrap();
			let r = (y1 as f64 / x1 as f64) / (y0 as f64 / x0 as f64);
			prop_assert!((f.impermanent_loss_ppm as f64 - closed_form_ppm(r)).abs() <= 1.0,
				"{} vs {}", f.impermanent_loss_ppm, closed_form_ppm(r));
			prop_assert!(f.impermanent_loss_ppm <= 0);
			// Fee share, valued at the new mid price, in units of the second asset.
			let fee_value = if forward { fee_in as f64 * y1 as f64 / x1 as f64 } else { fee_in as f64 };
			let fee_share = fee_value * lp as f64 / supply as f64;
			// The swap's output rounds down by up to one unit, which stays in the pool as income:
			// one unit of the output asset, valued in the second asset.
			let rounding = if forward { 1.0 } else { y1 as f64 / x1 as f64 };
			prop_assert!(f.fees as f64 <= fee_share * 1.001 + 2.0 + rounding, "{} vs {}", f.fees, fee_share);
			prop_assert!(f.fees as f64 >= fee_share * 0.99 - 2.0, "{} vs {}", f.fees, fee_share);
		}
	}
}
