//! Pools: creation and its errors, pool accounts, fee tiers, genesis pools and pool views.

use super::*;
use crate::{FeeTiers, OraclePools};
use frame_support::traits::fungibles::metadata::Inspect as MetadataInspect;
use sp_runtime::BuildStorage;

#[test]
fn create_pool_works() {
	test(|| {
		let fee_receiver_before = balance(SetupFeeReceiver::get(), NATIVE);
		assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), USDT, NATIVE, Some(5)));
		let pool_id = (NATIVE, USDT);
		let info = Pools::<Test>::get(&pool_id).unwrap();
		assert_eq!(info.fee_bps, 5);
		assert_eq!(Amm::reserves(&pool_id), (0, 0));
		assert_eq!(Amm::lp_supply(info.lp_token), 0);
		assert_eq!(balance(SetupFeeReceiver::get(), NATIVE), fee_receiver_before + 1_000);
		assert_eq!(PoolAssets::name(info.lp_token), b"LP DEX/USDT".to_vec());
		assert_eq!(PoolAssets::symbol(info.lp_token), b"LP-DEX-USDT".to_vec());
		assert_eq!(PoolAssets::decimals(info.lp_token), 9);
		System::assert_has_event(RuntimeEvent::Amm(Event::PoolCreated {
			creator: ALICE,
			pool_id: pool_id.clone(),
			pool_account: Amm::pool_account(&pool_id),
			lp_token: info.lp_token,
			fee_bps: 5,
		}));
		// New pools get a price oracle while there is room.
		System::assert_last_event(RuntimeEvent::Amm(Event::PriceOracleStarted {
			pool_id: pool_id.clone(),
		}));

		// The next pool gets the next LP token and the default tier.
		create_pool(ETH, USDT);
		let info2 = Pools::<Test>::get((USDT, ETH)).unwrap();
		assert_eq!(info2.lp_token, info.lp_token + 1);
		assert_eq!(info2.fee_bps, 30);
	})
}

#[test]
fn create_pool_errors() {
	test(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, USDT, None),
			Error::<Test>::IdenticalAssets
		);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NativeOrWithId::WithId(42), None),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NATIVE, Some(42)),
			Error::<Test>::FeeTierNotAllowed
		);
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::none(), USDT, NATIVE, None),
			DispatchError::BadOrigin
		);
		create_pool(USDT, NATIVE);
		assert_noop!(
			Amm::create_pool(origin.clone(), USDT, NATIVE, None),
			Error::<Test>::PoolExists
		);
		assert_noop!(Amm::create_pool(origin, NATIVE, USDT, None), Error::<Test>::PoolExists);
		// An account without the setup fee cannot create a pool.
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::signed(77), USDT, ETH, None),
			TokenError::FundsUnavailable
		);
	})
}

#[test]
fn fee_tiers_are_governed() {
	test(|| {
		let tiers = |v: Vec<u32>| v.try_into().unwrap();
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::signed(ALICE), tiers(vec![30])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 30])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 10_000])),
			Error::<Test>::InvalidFeeTiers
		);
		assert_noop!(
			Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![5])),
			Error::<Test>::DefaultFeeTierNotAllowed
		);
		assert_ok!(Amm::set_fee_tiers(RuntimeOrigin::root(), tiers(vec![30, 1_000])));
		assert_eq!(FeeTiers::<Test>::get().into_inner(), vec![30, 1_000]);
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::FeeTiersSet { fee_tiers: vec![30, 1_000] })
		);
		assert_ok!(Amm::create_pool(RuntimeOrigin::signed(ALICE), NATIVE, USDT, Some(1_000)));
		assert_noop!(
			Amm::create_pool(RuntimeOrigin::signed(ALICE), NATIVE, ETH, Some(5)),
			Error::<Test>::FeeTierNotAllowed
		);
	})
}

#[test]
fn runtime_api_views() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		let view = Amm::pool(USDT, NATIVE).unwrap();
		assert_eq!(view.assets, (NATIVE, USDT));
		assert_eq!(view.reserves, (10_000, 40_000));
		assert_eq!(view.lp_supply, 20_000);
		assert_eq!(Amm::pools().len(), 1);
		assert!(Amm::pool(USDT, ETH).is_none());
	})
}

#[test]
fn pool_accounts_are_distinct() {
	new_test_ext().execute_with(|| {
		let mut seen = std::collections::BTreeSet::new();
		for a in 0..300u32 {
			let pool_id = Amm::pool_id(NATIVE, NativeOrWithId::WithId(a)).unwrap();
			assert!(seen.insert(Amm::pool_account(&pool_id)));
			let pool_id =
				Amm::pool_id(NativeOrWithId::WithId(u32::MAX - a), NativeOrWithId::WithId(a))
					.unwrap();
			assert!(seen.insert(Amm::pool_account(&pool_id)));
		}
	})
}

#[test]
fn genesis_creates_pools_with_liquidity() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, INITIAL), (SetupFeeReceiver::get(), ED)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, frame_support::instances::Instance1> {
		assets: vec![(1, ALICE, true, 1)],
		metadata: vec![(1, b"USDT".to_vec(), b"USDT".to_vec(), 6)],
		accounts: vec![(1, ALICE, INITIAL)],
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		fee_tiers: vec![],
		pools: vec![(USDT, NATIVE, 5, ALICE, 4_000_000, 1_000_000)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(FeeTiers::<Test>::get().into_inner(), vec![5, 30, 100]);
		let info = Pools::<Test>::get((NATIVE, USDT)).unwrap();
		assert_eq!(Amm::reserves(&(NATIVE, USDT)), (1_000_000, 4_000_000));
		assert_eq!(info.fee_bps, 5);
		assert!(OraclePools::<Test>::get().contains(&(NATIVE, USDT)));
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 2_000_000 - 1_000);
		assert_eq!(PoolAssets::name(info.lp_token), b"LP DEX/USDT".to_vec());
		Amm::do_try_state().unwrap();
	});
}
