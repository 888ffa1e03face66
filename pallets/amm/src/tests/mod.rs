//! Tests of the AMM pallet against the mock runtime, one file per feature, and shared helpers.

mod bad_input;
mod invariants;
mod liquidity;
mod lp_lock;
mod migrations;
mod oracle;
mod pools;
mod positions;
mod protocol_fee;
mod swap_traits;
mod swaps;

use crate::{math, mock::*, Error, Event, Oracles, Pools};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use sp_runtime::{DispatchError, TokenError};

pub(super) const NATIVE: AssetKind = NativeOrWithId::Native;
pub(super) const USDT: AssetKind = NativeOrWithId::WithId(1);
pub(super) const ETH: AssetKind = NativeOrWithId::WithId(2);
pub(super) const DOT: AssetKind = NativeOrWithId::WithId(3);

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

pub(super) fn balance(who: AccountId, asset: AssetKind) -> u128 {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset, &who)
}

pub(super) fn lp_token(a: AssetKind, b: AssetKind) -> u32 {
	Pools::<Test>::get(Amm::pool_id(a, b).unwrap()).unwrap().lp_token
}

pub(super) fn lp_balance(who: AccountId, a: AssetKind, b: AssetKind) -> u128 {
	<PoolAssets as Inspect<AccountId>>::balance(lp_token(a, b), &who)
}

pub(super) fn reserves(a: AssetKind, b: AssetKind) -> (u128, u128) {
	let pool_id = Amm::pool_id(a.clone(), b).unwrap();
	let (reserve1, reserve2) = Amm::reserves(&pool_id);
	if pool_id.0 == a {
		(reserve1, reserve2)
	} else {
		(reserve2, reserve1)
	}
}

pub(super) fn create_pool(a: AssetKind, b: AssetKind) {
	assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), a, b, None));
}

pub(super) fn add(who: AccountId, a: AssetKind, b: AssetKind, amount_a: u128, amount_b: u128) {
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

pub(super) fn pool_with(a: AssetKind, b: AssetKind, amount_a: u128, amount_b: u128) {
	create_pool(a.clone(), b.clone());
	add(ALICE, a, b, amount_a, amount_b);
}

pub(super) fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

pub(super) fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		setup_assets();
		let result = f();
		Amm::do_try_state().expect("invariants hold after the test");
		result
	})
}

pub(super) fn swap_in(who: AccountId, path: Vec<AssetKind>, amount_in: u128) {
	assert_ok!(Amm::swap_exact_in(RuntimeOrigin::signed(who), path, amount_in, 0, who, true, None));
}

pub(super) fn oracle(a: AssetKind, b: AssetKind) -> crate::OracleState {
	Oracles::<Test>::get(Amm::pool_id(a, b).unwrap()).expect("the pool has an oracle")
}

/// Starts the next block at `ms`: the hook runs while the clock still shows the previous
/// block's time, then the timestamp inherent sets it.
pub(super) fn block_at(ms: u64) {
	use frame_support::traits::Hooks;
	let n = System::block_number() + 1;
	System::set_block_number(n);
	Amm::on_initialize(n);
	Now::set(ms);
}
