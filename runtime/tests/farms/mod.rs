//! Farms over the real AMM and LP token pallet, which the farm pallet's mock replaces: a deposit
//! and stake in one call refuses in the AMM's words and changes nothing, and LP tokens locked
//! through the AMM (the LP token pallet's freezer) cannot be staked, while the rest can.

use dex_runtime::{
	configs::AssetKind, genesis_config_presets::demo, units::UNIT, AccountId, Amm, LiquidityMining,
	PoolAssets, Runtime, RuntimeOrigin, System,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DispatchError, TokenError};

const NATIVE: AssetKind = NativeOrWithId::Native;
/// The demo farm, on DEX/USDT.
const FARM: u32 = 0;

fn usdt() -> AssetKind {
	NativeOrWithId::WithId(demo::USDT.id)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn lp_of(who: &AccountId) -> u128 {
	let lp = Amm::pool(NATIVE, usdt()).expect("the DEX/USDT pool").lp_token;
	<PoolAssets as Inspect<AccountId>>::balance(lp, who)
}

fn staked(who: &AccountId) -> u128 {
	pallet_liquidity_mining::Stakes::<Runtime>::get(who, FARM).map_or(0, |stake| stake.amount)
}

/// Runs `check` on the dev chain's genesis state at block 1, with the farm running.
fn at_block_one(check: impl FnOnce()) {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		check();
		Amm::do_try_state().expect("the AMM's invariants hold");
		LiquidityMining::do_try_state().expect("the farms' invariants hold");
	});
}

/// `who` deposits `dex` DEX with up to 2 USDT for each into the farm's pool and stakes what the
/// deposit mints, asking it to take at least `min` of each side.
fn deposit_and_stake(who: &AccountId, dex: u128, min: (u128, u128)) -> sp_runtime::DispatchResult {
	LiquidityMining::add_liquidity_and_stake(
		signed(who),
		FARM,
		dex,
		2 * dex / UNIT * demo::USDT.one,
		min.0,
		min.1,
	)
}

#[test]
fn a_deposit_and_stake_refuses_in_the_amms_words_and_changes_nothing() {
	at_block_one(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let amm = |error: pallet_amm::Error<Runtime>| DispatchError::from(error);
		// More USDT asked back than the pool's price lets the deposit take.
		let usdt_taken = 200 * demo::USDT.one;
		assert_noop!(
			deposit_and_stake(&bob, 100 * UNIT, (0, usdt_taken + 1)),
			amm(pallet_amm::Error::DepositBelowMinimum)
		);
		assert_noop!(deposit_and_stake(&bob, 0, (0, 0)), amm(pallet_amm::Error::ZeroAmount));
		// More than Bob holds.
		let dex =
			<dex_runtime::Balances as frame_support::traits::fungible::Inspect<AccountId>>::balance(
				&bob,
			);
		assert_noop!(
			deposit_and_stake(&bob, dex + UNIT, (0, 0)),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_noop!(
			LiquidityMining::add_liquidity_and_stake(signed(&bob), 99, UNIT, UNIT, 0, 0),
			pallet_liquidity_mining::Error::<Runtime>::FarmNotFound
		);
		// Within its minimums it goes through: every LP token minted is staked.
		let lp_before = lp_of(&bob);
		assert_ok!(deposit_and_stake(&bob, 100 * UNIT, (100 * UNIT, usdt_taken)));
		assert_eq!(lp_of(&bob), lp_before, "the minted LP tokens are all staked");
		assert!(staked(&bob) > 0);
		// Once the farm has ended, nothing is deposited.
		System::set_block_number(demo::FARM_END);
		assert_noop!(
			deposit_and_stake(&bob, 100 * UNIT, (0, 0)),
			pallet_liquidity_mining::Error::<Runtime>::FarmEnded
		);
	});
}

#[test]
fn locked_lp_tokens_cannot_be_staked_but_the_rest_and_new_ones_can() {
	at_block_one(|| {
		// Alice seeded DEX/USDT at genesis; she locks half of her LP tokens.
		let alice = Sr25519Keyring::Alice.to_account_id();
		let seed = lp_of(&alice);
		assert!(seed > 0, "Alice holds the seed liquidity's LP tokens");
		let locked = seed / 2;
		assert_ok!(Amm::lock_lp_tokens(signed(&alice), NATIVE, usdt(), locked, 1_000));
		// The LP token pallet refuses to move the frozen part: it is not available.
		assert_noop!(
			LiquidityMining::stake(signed(&alice), FARM, seed - locked + 1),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_ok!(LiquidityMining::stake(signed(&alice), FARM, seed - locked));
		assert_eq!((staked(&alice), lp_of(&alice)), (seed - locked, locked));
		// A deposit and stake stakes what it mints, and leaves the locked tokens where they are.
		assert_ok!(deposit_and_stake(&alice, 10 * UNIT, (0, 0)));
		assert!(staked(&alice) > seed - locked);
		assert_eq!(lp_of(&alice), locked);
		// Unstaking returns every staked token beside the locked ones, which stay locked.
		let all = staked(&alice);
		assert_ok!(LiquidityMining::unstake(signed(&alice), FARM, all));
		assert_eq!(lp_of(&alice), locked + all);
		assert_noop!(
			LiquidityMining::stake(signed(&alice), FARM, all + 1),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
	});
}
