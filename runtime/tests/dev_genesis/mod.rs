//! The `development` and `local_testnet` presets start with the demo market: tokens with metadata,
//! balances, priced pools and a running farm, consistent with every pallet invariant.

use dex_runtime::{
	configs::AssetKind,
	genesis_config_presets::{demo, get_preset, ENDOWMENT},
	units::UNIT,
	AccountId, Amm, Assets, LiquidityMining, Runtime, RuntimeGenesisConfig,
};
use frame_support::traits::{
	fungible::NativeOrWithId,
	fungibles::{metadata::Inspect as _, Inspect},
};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

/// `patch` merged into `base` the way chain specs apply a preset: objects key by key, anything
/// else replaced.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// Runs `check` in the state the preset `name` builds.
pub(crate) fn with_preset(name: &str, check: impl FnOnce()) {
	let patch = get_preset(&name.into()).expect("the preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, serde_json::from_slice(&patch).expect("the preset is JSON"));
	let mut ext = sp_io::TestExternalities::new_empty();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&config).expect("serialises"),
		)
		.expect("the preset builds");
		check();
	});
}

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

fn check_demo_market() {
	let (alice, bob) = (account(Sr25519Keyring::Alice), account(Sr25519Keyring::Bob));

	// Tokens, with metadata.
	for token in demo::TOKENS {
		assert_eq!(Assets::symbol(token.id), token.symbol.as_bytes());
		assert_eq!(Assets::name(token.id), token.name.as_bytes());
		assert_eq!(Assets::decimals(token.id), token.decimals);
	}
	assert_eq!(Assets::balance(demo::USDT.id, &bob), 1_000_000 * demo::USDT.one);
	assert_eq!(Assets::balance(demo::WETH.id, &bob), 500 * demo::WETH.one);

	// Pools, with Alice's liquidity and the promised prices.
	let pools = Amm::pools();
	assert_eq!(pools.len(), 4);
	let usdt = NativeOrWithId::WithId(demo::USDT.id);
	let weth = NativeOrWithId::WithId(demo::WETH.id);
	let dex_usdt = Amm::pool(NativeOrWithId::Native, usdt.clone()).expect("DEX/USDT pool");
	assert_eq!(dex_usdt.lp_token, demo::DEX_USDT_LP_TOKEN);
	assert_eq!(dex_usdt.reserves, (100_000 * UNIT, 200_000 * demo::USDT.one));
	let path: Vec<AssetKind> = vec![NativeOrWithId::Native, usdt.clone()];
	let quote = Amm::quote_exact_in(&path, UNIT).expect("a quote");
	// 1 DEX buys just under 2 USDT (0.3 % fee).
	assert!(quote.amount_out > 199 * demo::USDT.one / 100 && quote.amount_out < 2 * demo::USDT.one);
	let eth = Amm::quote_exact_in(&[weth, usdt], demo::WETH.one).expect("a quote");
	assert!(eth.amount_out > 2_900 * demo::USDT.one && eth.amount_out < 3_000 * demo::USDT.one);
	assert!(
		<dex_runtime::PoolAssets as Inspect<AccountId>>::balance(demo::DEX_USDT_LP_TOKEN, &alice)
			> 0
	);
	// Alice paid the native side of three pools out of her endowment, and holds the account
	// deposits of the pools' five asset accounts, which exist from the pools' creation on.
	let deposits =
		5 * <dex_runtime::configs::assets::AssetAccountDeposit as frame_support::traits::Get<
			u128,
		>>::get();
	assert_eq!(dex_runtime::Balances::reserved_balance(&alice), deposits);
	assert_eq!(
		dex_runtime::Balances::free_balance(&alice),
		ENDOWMENT - 100_000 * UNIT - 60_000 * UNIT - 50_000 * UNIT - deposits
	);
	// The reward token has a price through the DEX/DEXR pool: 0.5 DEX = 1 USDT.
	let dexr = NativeOrWithId::WithId(demo::DEXR.id);
	let price = Amm::mid_price_x64(&dexr, &NativeOrWithId::WithId(demo::USDT.id)).expect("a route");
	let one = sp_core::U256::one() << 64;
	assert_eq!(
		price,
		one * sp_core::U256::from(demo::USDT.one) / sp_core::U256::from(demo::DEXR.one)
	);

	// The farm, running from block 1.
	frame_system::Pallet::<Runtime>::set_block_number(1);
	let farm = LiquidityMining::farm_view(0).expect("the demo farm");
	assert_eq!(farm.lp_token, demo::DEX_USDT_LP_TOKEN);
	assert_eq!(farm.reward_asset, NativeOrWithId::WithId(demo::DEXR.id));
	assert_eq!(farm.reward_per_block, demo::FARM_REWARD_PER_BLOCK);
	assert_eq!((farm.start_block, farm.end_block), (1, demo::FARM_END));
	assert!(farm.active);

	pallet_amm::Pallet::<Runtime>::do_try_state().expect("AMM invariants hold");
	pallet_liquidity_mining::Pallet::<Runtime>::do_try_state().expect("farm invariants hold");
}

#[test]
fn development_preset_starts_with_the_demo_market() {
	with_preset(DEV_RUNTIME_PRESET, check_demo_market);
}

#[test]
fn local_testnet_preset_starts_with_the_demo_market() {
	with_preset(LOCAL_TESTNET_RUNTIME_PRESET, check_demo_market);
}

/// `pallet_assets`' benchmark of its `Reserves` migration creates an asset and takes the first one
/// it iterates for it, so the LP token pallet's benchmark ids must sort before the genesis LP
/// tokens (`dex-node benchmark pallet` builds the `development` preset). Runs in the benchmark
/// build only (`scripts/test.sh`), where the helper exists.
#[cfg(feature = "runtime-benchmarks")]
#[test]
fn lp_token_benchmark_ids_sort_before_the_genesis_lp_tokens() {
	use dex_runtime::configs::POOL_ASSET_BENCHMARK_IDS;
	type LpTokens = pallet_assets::Asset<Runtime, frame_support::instances::Instance2>;
	with_preset(DEV_RUNTIME_PRESET, || {
		let ours = LpTokens::hashed_key_for(POOL_ASSET_BENCHMARK_IDS);
		let genesis: Vec<_> = LpTokens::iter_keys().map(LpTokens::hashed_key_for).collect();
		assert!(!genesis.is_empty(), "the preset has LP tokens");
		assert!(genesis.iter().all(|key| ours < *key), "benchmark LP token sorts first");
	});
}
