//! Hostile token issuers and dust, against the real runtime: what the AMM does when an asset's
//! controller freezes, burns or destroys what a pool holds, and when anyone fills a pool's
//! account with junk assets before its first deposit.

use dex_runtime::{
	configs::AssetKind, genesis_config_presets::demo, units::UNIT, AccountId, Amm, Assets,
	RuntimeOrigin,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use pallet_amm::AssetRisk;
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{DispatchError, TokenError};

const NATIVE: AssetKind = NativeOrWithId::Native;

fn usdt() -> AssetKind {
	NativeOrWithId::WithId(demo::USDT.id)
}

fn weth() -> AssetKind {
	NativeOrWithId::WithId(demo::WETH.id)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// Alice owns, administers and freezes every demo token; Bob trades and provides liquidity.
fn alice_and_bob() -> (AccountId, AccountId) {
	(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id())
}

fn balance(asset: &AssetKind, who: &AccountId) -> u128 {
	<dex_runtime::configs::NativeAndAssets as Inspect<AccountId>>::balance(asset.clone(), who)
}

/// Bob's DEX/USDT LP tokens after he deposits 1,000 DEX with the matching USDT.
fn bob_provides_dex_usdt(bob: &AccountId) -> u128 {
	assert_ok!(Amm::add_liquidity(
		signed(bob),
		NATIVE,
		usdt(),
		1_000 * UNIT,
		10_000 * demo::USDT.one,
		0,
		0,
		bob.clone(),
		None
	));
	let lp = Amm::pool(NATIVE, usdt()).expect("the DEX/USDT pool").lp_token;
	<dex_runtime::PoolAssets as Inspect<AccountId>>::balance(lp, bob)
}

/// `who` burns `lp` DEX/USDT LP tokens with no minimum out.
fn withdraw_dex_usdt(who: &AccountId, lp: u128) -> sp_runtime::DispatchResult {
	Amm::remove_liquidity(signed(who), NATIVE, usdt(), lp, 0, 0, who.clone(), None)
}

fn swap_dex_for_usdt(who: &AccountId) -> sp_runtime::DispatchResult {
	Amm::swap_exact_in(signed(who), vec![NATIVE, usdt()], UNIT, 1, who.clone(), true, None)
}

fn check_invariants() {
	Amm::do_try_state().expect("the AMM's invariants hold");
	dex_runtime::LiquidityMining::do_try_state().expect("the farms' invariants hold");
}

#[test]
fn junk_sent_to_a_new_pool_cannot_block_its_first_deposit() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		let (eve, bob) = (Sr25519Keyring::Eve.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		// A token that is not sufficient: holding it takes a consumer reference, unless the
		// account exists for a deposit.
		let token = 50;
		assert_ok!(Assets::create(signed(&bob), token.into(), bob.clone().into(), 1));
		assert_ok!(Assets::mint(signed(&bob), token.into(), bob.clone().into(), 1_000 * UNIT));
		assert_ok!(Amm::create_pool(signed(&bob), NATIVE, NativeOrWithId::WithId(token), None));
		let pool = Amm::pool(NATIVE, NativeOrWithId::WithId(token)).expect("created").account;
		// Eve mints the empty pool one unit of as many junk tokens of her own as it will take.
		let mut sent = 0;
		for junk in 100..120u32 {
			assert_ok!(Assets::create(signed(&eve), junk.into(), eve.clone().into(), 1));
			if Assets::mint(signed(&eve), junk.into(), pool.clone().into(), 1).is_ok() {
				sent += 1;
			}
		}
		assert!(sent >= 14, "the junk filled the pool account's references ({sent} sent)");
		// The pool's own accounts exist already: the first deposit goes through.
		assert_ok!(Amm::add_liquidity(
			signed(&bob),
			NATIVE,
			NativeOrWithId::WithId(token),
			100 * UNIT,
			100 * UNIT,
			0,
			0,
			bob.clone(),
			None
		));
		check_invariants();
	})
}

#[test]
fn an_issuer_who_burns_a_pools_balance_leaves_its_lps_the_other_side() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		let (alice, bob) = alice_and_bob();
		let lp = bob_provides_dex_usdt(&bob);
		let pool = Amm::pool(NATIVE, usdt()).expect("the DEX/USDT pool");
		// Alice, USDT's admin, burns everything the pool holds of it.
		assert_ok!(Assets::burn(
			signed(&alice),
			demo::USDT.id.into(),
			pool.account.clone().into(),
			u128::MAX
		));
		assert_eq!(Amm::pool(NATIVE, usdt()).unwrap().reserves.1, 0);
		check_invariants();
		// Swaps through the emptied side are refused in words; other pools still trade.
		let empty: DispatchError =
			pallet_amm::Error::<dex_runtime::Runtime>::InsufficientLiquidity.into();
		assert_noop!(swap_dex_for_usdt(&bob), empty);
		assert_ok!(Amm::swap_exact_in(
			signed(&bob),
			vec![NATIVE, weth()],
			UNIT,
			1,
			bob.clone(),
			true,
			None
		));
		// Bob withdraws his share of the DEX that remains, and no USDT.
		let (dex_before, usdt_before) = (balance(&NATIVE, &bob), balance(&usdt(), &bob));
		let dex_share = pool.reserves.0 * lp / pool.lp_supply;
		assert_ok!(withdraw_dex_usdt(&bob, lp));
		assert_eq!(balance(&usdt(), &bob), usdt_before);
		let received = balance(&NATIVE, &bob) - dex_before;
		// (Less a protocol fee's dilution, if one is due.)
		assert!(
			received <= dex_share && received >= dex_share / 1_000 * 999,
			"{received} for a share of {dex_share}"
		);
		check_invariants();
	})
}

#[test]
fn a_frozen_pool_account_refuses_in_words_until_it_is_thawed() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		let (alice, bob) = alice_and_bob();
		let lp = bob_provides_dex_usdt(&bob);
		let pool = Amm::pool(NATIVE, usdt()).expect("the DEX/USDT pool").account;
		assert_ok!(Assets::freeze(signed(&alice), demo::USDT.id.into(), pool.clone().into()));
		// The view and Bob's position say so.
		let view = Amm::pool(NATIVE, usdt()).unwrap();
		assert_eq!(view.controls.0, None);
		let control = view.controls.1.expect("USDT has a controller");
		assert_eq!(
			(control.owner, control.admin, control.freezer),
			(alice.clone(), alice.clone(), alice.clone())
		);
		assert!(control.frozen);
		let position = Amm::position(&bob, NATIVE, usdt(), usdt(), 0).expect("Bob's position");
		assert_eq!(position.risks, (AssetRisk::None, AssetRisk::Frozen));
		// Nothing can leave the pool's USDT: swaps out of it and withdrawals fail clearly.
		let frozen: DispatchError = TokenError::Frozen.into();
		assert_noop!(swap_dex_for_usdt(&bob), frozen);
		assert_noop!(withdraw_dex_usdt(&bob, lp), frozen);
		check_invariants();
		// Thawed, it trades and pays out again.
		assert_ok!(Assets::thaw(signed(&alice), demo::USDT.id.into(), pool.into()));
		assert!(!Amm::pool(NATIVE, usdt()).unwrap().controls.1.unwrap().frozen);
		assert_eq!(
			Amm::position(&bob, NATIVE, usdt(), usdt(), 0).unwrap().risks.1,
			AssetRisk::Controlled
		);
		assert_ok!(swap_dex_for_usdt(&bob));
		assert_ok!(withdraw_dex_usdt(&bob, lp));
		check_invariants();
	})
}

#[test]
fn a_destroyed_asset_leaves_its_pools_withdrawable() {
	crate::dev_genesis::with_preset(DEV_RUNTIME_PRESET, || {
		let (alice, bob) = alice_and_bob();
		let lp = bob_provides_dex_usdt(&bob);
		let id = demo::USDT.id;
		assert_ok!(Assets::start_destroy(signed(&alice), id.into()));
		// While it is being destroyed nothing moves it: swaps fail, the view says frozen.
		assert!(Amm::pool(NATIVE, usdt()).unwrap().controls.1.unwrap().frozen);
		assert!(swap_dex_for_usdt(&bob).is_err());
		for _ in 0..10 {
			if Assets::destroy_accounts(signed(&alice), id.into()).is_err() {
				break;
			}
		}
		assert_ok!(Assets::destroy_approvals(signed(&alice), id.into()));
		assert_ok!(Assets::finish_destroy(signed(&alice), id.into()));
		assert_eq!(
			Amm::position(&bob, NATIVE, usdt(), NATIVE, 0).unwrap().risks.1,
			AssetRisk::Destroyed
		);
		check_invariants();
		// Bob still gets his DEX back.
		let before = balance(&NATIVE, &bob);
		assert_ok!(withdraw_dex_usdt(&bob, lp));
		assert!(balance(&NATIVE, &bob) > before);
		check_invariants();
	})
}
