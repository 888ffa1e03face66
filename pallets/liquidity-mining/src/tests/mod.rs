//! Unit and property tests of the liquidity mining pallet against the mock runtime, one file per
//! feature, and the helpers they share.

mod bad_input;
mod claims;
mod farms;
mod genesis;
mod invariants;
mod migrations;
mod runtime_api;
mod schedule;
mod staking;

use crate::{mock::*, EndReason, Error, Event, FarmEndings, Farms, FarmsByLpToken, Stakes};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect, Hooks},
};
use sp_runtime::{DispatchError, TokenError};

const NATIVE: AssetKind = NativeOrWithId::Native;
const REWARD_ASSET: AssetKind = NativeOrWithId::WithId(REWARD);

fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		LiquidityMining::on_initialize(next);
	}
}

fn create_farm(rate: u128, start: u64, end: u64, cap: u128) -> u32 {
	let id = crate::NextFarmId::<Test>::get();
	assert_ok!(LiquidityMining::create_farm(
		RuntimeOrigin::root(),
		LP,
		NATIVE,
		rate,
		start,
		end,
		cap
	));
	id
}

fn stake(who: AccountId, farm: u32, amount: u128) {
	assert_ok!(LiquidityMining::stake(RuntimeOrigin::signed(who), farm, amount));
}

fn pending(farm: u32, who: AccountId) -> u128 {
	LiquidityMining::pending_rewards(farm, &who).unwrap_or_default()
}

fn native(who: AccountId) -> u128 {
	Balances::free_balance(who)
}

fn lp(who: AccountId) -> u128 {
	<LpTokens as Inspect<AccountId>>::balance(LP, &who)
}

fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let result = f();
		LiquidityMining::do_try_state().expect("invariants hold after the test");
		result
	})
}
