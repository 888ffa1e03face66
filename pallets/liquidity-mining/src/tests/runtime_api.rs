//! The runtime API's views: a farm, the farms of an LP token, an account's stakes and a farm's
//! APR.

use super::*;

#[test]
fn runtime_api_views() {
	test(|| {
		let farm = create_farm(10, 1, 11, u128::MAX);
		stake(ALICE, farm, 10);
		run_to_block(4);
		let view = LiquidityMining::farm_view(farm).unwrap();
		assert_eq!((view.total_staked, view.total_emitted, view.remaining_rewards), (10, 30, 70));
		assert!(view.active);
		assert_eq!(LiquidityMining::farms_of(LP), vec![farm]);
		assert_eq!(LiquidityMining::stakes_of(&ALICE), vec![(farm, 10, 30)]);
		// The AMM's word on whether the pool's initial liquidity is locked.
		assert_eq!(view.initial_liquidity_locked_until, None);
		crate::mock::InitialLiquidityLockedUntil::set(Some(500));
		let view = LiquidityMining::farm_view(farm).unwrap();
		assert_eq!(view.initial_liquidity_locked_until, Some(500));
	})
}

#[test]
fn farm_apr_values_rewards_against_the_staked_share_of_the_pool() {
	use crate::{mock::FarmPricesOfMock, PoolPrices};
	use sp_core::U256;
	test(|| {
		let farm = create_farm(1_000, 10, 1_000, u128::MAX);
		// No prices, no APR.
		assert_eq!(LiquidityMining::farm_apr(farm, NATIVE), None);
		// A reward unit is worth half a quote unit; the pool is worth 10^12 for 10^6 LP tokens.
		let half = U256::one() << 63;
		FarmPricesOfMock::set(Some(PoolPrices {
			reward_price_x64: half,
			pool_value: 1_000_000_000_000,
			lp_supply: 1_000_000,
		}));
		// Not started: quoted at the rate it will pay from block 10 to its end at 1,000, with
		// nothing staked yet.
		let apr = LiquidityMining::farm_apr(farm, NATIVE).unwrap();
		assert_eq!(apr.yearly_rewards, 1_000 * 990);
		assert_eq!(apr.yearly_rewards_value, 500 * 990);
		assert_eq!(apr.apr_ppm, None);
		run_to_block(10);
		stake(ALICE, farm, 100);
		// 100 of 10^6 LP tokens hold 10^8 of value: the 4.95·10^5 it pays until its end is
		// 0.495 %, not the 2,628 % a year at its rate would be.
		let apr = LiquidityMining::farm_apr(farm, NATIVE).unwrap();
		assert_eq!(apr.staked_value, 100_000_000);
		assert_eq!(apr.apr_ppm, Some(4_950));
		// Halfway, it has half as much left to pay.
		run_to_block(505);
		assert_eq!(LiquidityMining::farm_apr(farm, NATIVE).unwrap().yearly_rewards, 1_000 * 495);
		assert_eq!(LiquidityMining::staked_of(&ALICE, LP), 100);
		assert_eq!(LiquidityMining::staked_of(&BOB, LP), 0);
		// An ended farm pays nothing more.
		run_to_block(1_000);
		assert_eq!(LiquidityMining::farm_apr(farm, NATIVE).unwrap().yearly_rewards, 0);
	})
}
