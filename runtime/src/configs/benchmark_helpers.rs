//! Benchmark set-up for the runtime's pallets (built with `runtime-benchmarks` only): the
//! `BenchmarkHelper`s of fee payment in assets, the LP token instance of `pallet_assets`, the AMM
//! and liquidity mining, and the asset ids they use.

use frame_support::traits::tokens::fungible::NativeOrWithId;

use super::dex::{AssetKind, Native, NativeAndAssets, PoolSetupFeeReceiver};
use crate::{units::UNIT, AccountId, Amm, AssetId, Assets, Balance, Runtime, RuntimeOrigin};

/// Creates an asset with a native pool for the fee-payment benchmarks.
pub struct AssetTxPaymentBenchmarkHelper;

impl pallet_asset_conversion_tx_payment::BenchmarkHelperTrait<AccountId, AssetKind, AssetKind>
	for AssetTxPaymentBenchmarkHelper
{
	fn create_asset_id_parameter(seed: u32) -> (AssetKind, AssetKind) {
		use pallet_amm::BenchmarkHelper as _;
		let asset = AmmBenchmarkHelper::create_asset(200 + seed);
		(asset.clone(), asset)
	}

	fn setup_balances_and_pool(asset: AssetKind, who: AccountId) {
		use frame_support::traits::fungibles::Mutate;
		let funds: Balance = 1_000_000_000 * UNIT;
		let provider: AccountId = PoolSetupFeeReceiver::get();
		for account in [&who, &provider] {
			for kind in [Native::get(), asset.clone()] {
				// Benchmark set-up only: minting an existing asset to an account succeeds.
				let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(kind, account, funds);
			}
		}
		let origin = RuntimeOrigin::signed(provider.clone());
		let _ = Amm::create_pool(origin.clone(), Native::get(), asset.clone(), None);
		let _ = Amm::add_liquidity(
			origin,
			Native::get(),
			asset,
			1_000_000 * UNIT,
			1_000_000 * UNIT,
			0,
			0,
			provider,
			None,
		);
	}
}

/// Gives the LP token pallet's benchmarks asset ids clear of the genesis pools' LP tokens.
pub struct PoolAssetsBenchmarkHelper;

/// The first LP token id the LP token pallet's benchmarks use. Above the genesis pools' LP tokens,
/// and with a storage key (`blake2_128(id) ++ id`) that sorts before theirs: the benchmark of the
/// `Reserves` migration takes the first asset it iterates for the one it created.
pub const POOL_ASSET_BENCHMARK_IDS: AssetId = 1_000_007;

impl pallet_assets::BenchmarkHelper<codec::Compact<AssetId>, ()> for PoolAssetsBenchmarkHelper {
	fn create_asset_id_parameter(id: u32) -> codec::Compact<AssetId> {
		codec::Compact(POOL_ASSET_BENCHMARK_IDS + id)
	}

	fn create_reserve_id_parameter(_: u32) {}
}

/// Creates sufficient assets for the AMM benchmarks.
pub struct AmmBenchmarkHelper;

/// Benchmark assets get ids from here on.
pub const BENCHMARK_ASSET_IDS: AssetId = 1_000_000;

impl pallet_amm::BenchmarkHelper<AssetKind> for AmmBenchmarkHelper {
	fn create_asset(seed: u32) -> AssetKind {
		use frame_support::traits::fungibles::{Create, Inspect};
		if seed == 0 {
			return NativeOrWithId::Native;
		}
		// Clear of the genesis tokens and their pools (`genesis_config_presets::demo`).
		let id = BENCHMARK_ASSET_IDS + seed;
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			let owner: AccountId = PoolSetupFeeReceiver::get();
			// Benchmark set-up only: the asset id is fresh, so creation cannot fail.
			let _ = <Assets as Create<AccountId>>::create(id, owner, true, 1);
		}
		NativeOrWithId::WithId(id)
	}

	fn set_timestamp(ms: u64) {
		pallet_timestamp::Now::<Runtime>::put(ms);
	}
}

/// Creates a pool with liquidity for the liquidity mining benchmarks.
pub struct FarmBenchmarkHelper;

impl pallet_liquidity_mining::BenchmarkHelper<AssetId, AssetKind, AccountId>
	for FarmBenchmarkHelper
{
	fn lp_token(who: &AccountId) -> AssetId {
		use frame_support::traits::fungibles::Mutate;
		use pallet_amm::BenchmarkHelper as _;
		let (a, b) = (AmmBenchmarkHelper::create_asset(101), AmmBenchmarkHelper::create_asset(102));
		let funds: Balance = 1_000_000_000 * UNIT;
		for asset in [Native::get(), a.clone(), b.clone()] {
			// Benchmark set-up only: minting to a fresh account of an existing asset succeeds.
			let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(asset, who, funds);
		}
		let origin = RuntimeOrigin::signed(who.clone());
		if Amm::pool(a.clone(), b.clone()).is_none() {
			let _ = Amm::create_pool(origin.clone(), a.clone(), b.clone(), None);
		}
		let _ = Amm::add_liquidity(
			origin,
			a.clone(),
			b.clone(),
			1_000_000 * UNIT,
			1_000_000 * UNIT,
			0,
			0,
			who.clone(),
			None,
		);
		Amm::pool(a, b).map(|pool| pool.lp_token).unwrap_or_default()
	}

	fn empty_pool_lp_token(who: &AccountId) -> AssetId {
		use frame_support::traits::fungibles::Mutate;
		use pallet_amm::BenchmarkHelper as _;
		let (a, b) = (AmmBenchmarkHelper::create_asset(104), AmmBenchmarkHelper::create_asset(105));
		let funds: Balance = 1_000_000_000 * UNIT;
		for asset in [Native::get(), a.clone(), b.clone()] {
			// Benchmark set-up only: minting to a fresh account of an existing asset succeeds.
			let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(asset, who, funds);
		}
		if Amm::pool(a.clone(), b.clone()).is_none() {
			let _ =
				Amm::create_pool(RuntimeOrigin::signed(who.clone()), a.clone(), b.clone(), None);
		}
		Amm::pool(a, b).map(|pool| pool.lp_token).unwrap_or_default()
	}

	/// An asset: minting it to a new holder touches the asset, its account and the holder's
	/// system account, more than the native token does.
	fn reward_asset() -> AssetKind {
		use pallet_amm::BenchmarkHelper as _;
		AmmBenchmarkHelper::create_asset(103)
	}
}
