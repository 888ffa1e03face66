//! Governance and account tools against the genesis presets: the council administers the
//! exchange and authorizes runtime upgrades, batches are atomic, and a `Dex` proxy can trade but
//! not transfer.

use codec::Encode;
use dex_runtime::{
	configs::ProxyType, genesis_config_presets::demo, units::UNIT, AccountId, Amm, Balances,
	Council, CouncilMembership, LiquidityMining, Proxy, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, Sudo, System, Utility,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{fungible::NativeOrWithId, fungibles::Inspect},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve};
use sp_runtime::{traits::Hash as _, DispatchError};

use crate::dev_genesis::with_preset;

fn id(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(id(who))
}

/// Proposes `call` to the council (the first of `yes` proposes), has every member of `yes` vote
/// for it (proposing is no vote) and closes the motion; returns the result of its execution, or `None` if it did not pass.
fn motion(
	call: RuntimeCall,
	threshold: u32,
	yes: &[Sr25519Keyring],
) -> Option<Result<(), DispatchError>> {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(signed(yes[0]), threshold, Box::new(call), length));
	for voter in yes {
		assert_ok!(Council::vote(signed(*voter), hash, index, true));
	}
	System::reset_events();
	assert_ok!(Council::close(signed(yes[0]), hash, index, weight, length));
	System::events().into_iter().find_map(|record| match record.event {
		RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => Some(result),
		_ => None,
	})
}

fn create_farm_call() -> RuntimeCall {
	RuntimeCall::LiquidityMining(pallet_liquidity_mining::Call::create_farm {
		lp_token: demo::DEX_USDT_LP_TOKEN,
		reward_asset: NativeOrWithId::WithId(demo::DEXR.id),
		reward_per_block: demo::DEXR.one,
		start_block: 10,
		end_block: 1_000,
		max_total_rewards: 990 * demo::DEXR.one,
	})
}

fn farms() -> u32 {
	pallet_liquidity_mining::NextFarmId::<Runtime>::get()
}

#[test]
fn the_local_chain_is_governed_by_its_four_validators_without_sudo() {
	with_preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, || {
		let mut council = vec![id(Alice), id(Bob), id(Charlie), id(Dave)];
		council.sort();
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			council
		);
		assert_eq!(CouncilMembership::members().into_inner(), council);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert!(Sudo::sudo(signed(Alice), Box::new(create_farm_call())).is_err());
	});
	with_preset(sp_genesis_builder::DEV_RUNTIME_PRESET, || {
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			3
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(id(Alice)));
	});
}

#[test]
fn a_two_thirds_motion_creates_a_farm_and_a_smaller_one_cannot() {
	with_preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let before = farms();
		// Two of four is half: the motion passes its own threshold but is not the admin.
		assert_eq!(
			motion(create_farm_call(), 2, &[Alice, Bob]),
			Some(Err(DispatchError::BadOrigin))
		);
		assert_eq!(farms(), before);
		// Three of four is over two thirds.
		assert_eq!(motion(create_farm_call(), 3, &[Alice, Bob, Charlie]), Some(Ok(())));
		assert_eq!(farms(), before + 1);
		let farm = pallet_liquidity_mining::Farms::<Runtime>::get(before).expect("the farm");
		assert_eq!((farm.rate, farm.start, farm.end), (demo::DEXR.one, 10, 1_000));
		// Members alone, and anyone else, are refused.
		for who in [Alice, Eve] {
			assert_noop!(
				LiquidityMining::create_farm(
					signed(who),
					demo::DEX_USDT_LP_TOKEN,
					NativeOrWithId::Native,
					1,
					10,
					20,
					10
				),
				DispatchError::BadOrigin
			);
			assert_noop!(Amm::set_protocol_fee(signed(who), None), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn the_council_authorizes_a_runtime_upgrade_through_the_whitelist() {
	with_preset(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let code_hash = H256::repeat_byte(7);
		let upgrade = RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash });
		let upgrade_hash = <Runtime as frame_system::Config>::Hashing::hash_of(&upgrade);
		// Root calls are out of the council's reach without the whitelist.
		assert_eq!(
			motion(upgrade.clone(), 3, &[Alice, Bob, Charlie]),
			Some(Err(DispatchError::BadOrigin))
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![
				RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call {
					call_hash: upgrade_hash,
				}),
				RuntimeCall::Whitelist(
					pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
						call: Box::new(upgrade),
					},
				),
			],
		});
		assert_eq!(motion(batch, 3, &[Alice, Bob, Dave]), Some(Ok(())));
		System::assert_has_event(RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
			code_hash,
			check_version: true,
		}));
	});
}

#[test]
fn a_batch_creates_a_pool_and_deposits_or_changes_nothing() {
	with_preset(sp_genesis_builder::DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let bob = id(Bob);
		let token = NativeOrWithId::WithId(77);
		assert_ok!(dex_runtime::Assets::create(signed(Bob), 77.into(), bob.clone().into(), 1));
		assert_ok!(dex_runtime::Assets::mint(
			signed(Bob),
			77.into(),
			bob.clone().into(),
			10_000 * UNIT
		));
		let deposit = |amount| {
			RuntimeCall::Amm(pallet_amm::Call::add_liquidity {
				asset1: NativeOrWithId::Native,
				asset2: token.clone(),
				amount1_desired: 100 * UNIT,
				amount2_desired: amount,
				amount1_min: 1,
				amount2_min: 1,
				mint_to: bob.clone(),
				deadline: None,
			})
		};
		let create = RuntimeCall::Amm(pallet_amm::Call::create_pool {
			asset1: NativeOrWithId::Native,
			asset2: token.clone(),
			fee_tier: None,
		});
		// A batch whose deposit fails (more than Bob holds) leaves no pool behind.
		let native_before = Balances::free_balance(&bob);
		assert!(
			Utility::batch_all(signed(Bob), vec![create.clone(), deposit(20_000 * UNIT)]).is_err()
		);
		assert!(Amm::pool(NativeOrWithId::Native, token.clone()).is_none());
		assert_eq!(Balances::free_balance(&bob), native_before);

		assert_ok!(Utility::batch_all(signed(Bob), vec![create, deposit(500 * UNIT)]));
		let pool = Amm::pool(NativeOrWithId::Native, token.clone()).expect("the pool");
		assert_eq!(pool.reserves, (100 * UNIT, 500 * UNIT));
		assert!(<dex_runtime::PoolAssets as Inspect<AccountId>>::balance(pool.lp_token, &bob) > 0);
	});
}

#[test]
fn a_dex_proxy_trades_but_cannot_transfer() {
	with_preset(sp_genesis_builder::DEV_RUNTIME_PRESET, || {
		System::set_block_number(1);
		let (alice, eve) = (id(Alice), id(Eve));
		assert_ok!(Proxy::add_proxy(signed(Alice), eve.clone().into(), ProxyType::Dex, 0));
		let usdt = NativeOrWithId::WithId(demo::USDT.id);
		let usdt_before = dex_runtime::Assets::balance(demo::USDT.id, &alice);
		let swap = RuntimeCall::Amm(pallet_amm::Call::swap_exact_in {
			path: vec![NativeOrWithId::Native, usdt],
			amount_in: UNIT,
			amount_out_min: 1,
			send_to: alice.clone(),
			keep_alive: true,
			deadline: None,
		});
		assert_ok!(Proxy::proxy(signed(Eve), alice.clone().into(), None, Box::new(swap)));
		System::assert_last_event(RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted {
			result: Ok(()),
		}));
		assert!(dex_runtime::Assets::balance(demo::USDT.id, &alice) > usdt_before);

		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: eve.clone().into(),
			value: UNIT,
		});
		let batched =
			RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![transfer.clone()] });
		let eve_before = Balances::free_balance(&eve);
		for call in [transfer, batched] {
			System::reset_events();
			assert_ok!(Proxy::proxy(signed(Eve), alice.clone().into(), None, Box::new(call)));
			// The batch is filtered whole: it holds a call that is not the exchange's.
			System::assert_last_event(RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted {
				result: Err(frame_system::Error::<Runtime>::CallFiltered.into()),
			}));
		}
		// Nothing moved to Eve.
		assert_eq!(Balances::free_balance(&eve), eve_before);
	});
}
