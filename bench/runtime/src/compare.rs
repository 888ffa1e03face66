//! The comparison suite `pallet_dex_compare`: the same operations through [`pallet_amm`]
//! (benchmarks named `amm_*`) and [`pallet_asset_conversion`] (`ac_*`), on pools that hold the
//! same assets and the same reserves, built the same way (through each pallet's own calls).
//!
//! Every benchmark measures one signed call as a user would submit it:
//! - `*_swap_exact_in(n)` and `*_swap_exact_out(n)`: a swap along a path of `n` assets (native
//!   token, then assets 1, 2, 3), through `n - 1` pools;
//! - `*_add_liquidity`: a second provider adds 1 % of the reserves to a native/asset pool;
//! - `*_remove_liquidity`: that provider burns all its LP tokens.
//!
//! The AMM keeps a price oracle that asset-conversion does not have. Swaps do not touch it: at the
//! start of each block the AMM's hook updates the oracles of the pools whose reserves changed.
//! `amm_swap_exact_in_with_oracle(n)` measures a swap together with that update of the pools it
//! crossed, observations included: the oracle's whole cost when the swap is the only one in its
//! block to move those pools.

pub use pallet::*;

#[frame_support::pallet]
pub mod pallet {
	/// Nothing to configure: the suite runs on the [`crate::Runtime`] only.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// The suite's pallet: no storage, no calls, only benchmarks.
	#[pallet::pallet]
	pub struct Pallet<T>(_);
}

/// Creates the user assets of the AMM's own benchmarks in the benchmark runtime.
#[cfg(feature = "runtime-benchmarks")]
pub struct AmmAssets;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_amm::BenchmarkHelper<crate::AssetKind> for AmmAssets {
	fn create_asset(seed: u32) -> crate::AssetKind {
		setup::create_asset(seed)
	}

	fn set_timestamp(ms: u64) {
		pallet_timestamp::Now::<crate::Runtime>::put(ms);
	}
}

/// Accounts, assets and pools shared by the comparison benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub mod setup {
	use super::AmmAssets;
	use crate::{
		AcPoolAssets, AccountId, AssetConversion, AssetKind, Assets, Balance, NativeAndAssets,
		PoolAssets, Runtime, RuntimeOrigin, UNIT,
	};
	use alloc::{boxed::Box, vec::Vec};
	use frame_support::{
		assert_ok,
		traits::{
			fungible::NativeOrWithId,
			fungibles::{Create, Inspect, Mutate},
		},
	};
	use pallet_amm::BenchmarkHelper as _;
	use pallet_asset_conversion::PoolLocator;

	/// Funds of every benchmark account in each asset.
	pub const FUNDS: Balance = 1_000_000_000 * UNIT;
	/// Reserves of every pool in each asset.
	pub const LIQUIDITY: Balance = 1_000_000 * UNIT;
	/// Amount swapped in (exact in) or out (exact out): 0.1 % of a pool's reserves.
	pub const SWAP: Balance = 1_000 * UNIT;
	/// Amount of each asset the second provider adds: 1 % of a pool's reserves.
	pub const DEPOSIT: Balance = 10_000 * UNIT;
	/// Timestamp of the pools' creation, in ms.
	pub const CREATED_AT: u64 = 1;

	/// Which pallet a benchmark goes through.
	#[derive(Clone, Copy, PartialEq, Eq)]
	pub enum Dex {
		/// This chain's AMM.
		Amm,
		/// The SDK's asset-conversion.
		AssetConversion,
	}

	/// The native token for seed 0, else asset `seed` of `Assets` (sufficient, minimum balance 1),
	/// created on first use.
	pub fn create_asset(seed: u32) -> AssetKind {
		if seed == 0 {
			return NativeOrWithId::Native;
		}
		if !<Assets as Inspect<AccountId>>::asset_exists(seed) {
			let owner: AccountId = frame_benchmarking::account("asset-owner", 0, 0);
			assert_ok!(<Assets as Create<AccountId>>::create(seed, owner, true, 1));
		}
		NativeOrWithId::WithId(seed)
	}

	/// The path of `n` assets: the native token, then assets 1, 2, ...
	pub fn path(n: u32) -> Vec<AssetKind> {
		(0..n).map(create_asset).collect()
	}

	/// An account holding [`FUNDS`] of each asset of `assets`.
	pub fn funded(name: &'static str, assets: &[AssetKind]) -> AccountId {
		let who: AccountId = frame_benchmarking::account(name, 0, 0);
		for asset in assets {
			assert_ok!(NativeAndAssets::mint_into(asset.clone(), &who, FUNDS));
		}
		who
	}

	/// Pools along `path` in `dex`, each created and given [`LIQUIDITY`] of both assets by a
	/// provider through the pallet's own calls, at [`CREATED_AT`].
	pub fn pools_along(dex: Dex, path: &[AssetKind]) {
		AmmAssets::set_timestamp(CREATED_AT);
		let provider = funded("provider", path);
		for pair in path.windows(2) {
			let (a, b) = (pair[0].clone(), pair[1].clone());
			add_liquidity(dex, &provider, &a, &b, LIQUIDITY, true);
		}
	}

	/// `who` adds `amount` of both assets to the pool of `a` and `b`, creating it first if
	/// `create`.
	pub fn add_liquidity(
		dex: Dex,
		who: &AccountId,
		a: &AssetKind,
		b: &AssetKind,
		amount: Balance,
		create: bool,
	) {
		let origin = RuntimeOrigin::signed(who.clone());
		match dex {
			Dex::Amm => {
				if create {
					assert_ok!(crate::Amm::create_pool(origin.clone(), a.clone(), b.clone(), None));
				}
				assert_ok!(crate::Amm::add_liquidity(
					origin,
					a.clone(),
					b.clone(),
					amount,
					amount,
					1,
					1,
					who.clone(),
					None,
				));
			}
			Dex::AssetConversion => {
				if create {
					assert_ok!(AssetConversion::create_pool(
						origin.clone(),
						Box::new(a.clone()),
						Box::new(b.clone())
					));
				}
				assert_ok!(AssetConversion::add_liquidity(
					origin,
					Box::new(a.clone()),
					Box::new(b.clone()),
					amount,
					amount,
					1,
					1,
					who.clone(),
				));
			}
		}
	}

	/// `who`'s LP tokens of the pool of `a` and `b` in `dex`.
	pub fn lp_balance(dex: Dex, who: &AccountId, a: &AssetKind, b: &AssetKind) -> Balance {
		match dex {
			Dex::Amm => {
				let id = crate::Amm::pool_id(a.clone(), b.clone()).expect("distinct assets");
				let lp = pallet_amm::Pools::<Runtime>::get(id).expect("pool exists").lp_token;
				<PoolAssets as Inspect<AccountId>>::balance(lp, who)
			}
			Dex::AssetConversion => {
				let id = <Runtime as pallet_asset_conversion::Config>::PoolLocator::pool_id(a, b)
					.expect("distinct assets");
				let lp = pallet_asset_conversion::Pools::<Runtime>::get(id)
					.expect("pool exists")
					.lp_token;
				<AcPoolAssets as Inspect<AccountId>>::balance(lp, who)
			}
		}
	}
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking {
	use super::{
		setup::{self, Dex, DEPOSIT, SWAP},
		*,
	};
	use crate::{AssetConversion, RuntimeOrigin};
	use alloc::{boxed::Box, vec::Vec};
	use frame_benchmarking::v2::*;
	use frame_support::traits::{Get, Hooks};
	use pallet_amm::BenchmarkHelper as _;

	/// Records the AMM pools' reserves in their oracles at their creation (as the first block
	/// after it does), then moves the clock one observation period on: the next oracle update of
	/// a pool whose reserves changed writes an observation.
	fn oracle_seen_then_due() {
		type Period = <crate::Runtime as pallet_amm::Config>::ObservationPeriod;
		let block = frame_system::Pallet::<crate::Runtime>::block_number();
		crate::Amm::on_initialize(block);
		AmmAssets::set_timestamp(setup::CREATED_AT + 1 + <Period as Get<u64>>::get());
	}

	/// A funded trader and a path of `n` assets with pools in `dex`.
	fn swap_setup(dex: Dex, n: u32) -> (crate::AccountId, Vec<crate::AssetKind>) {
		let path = setup::path(n);
		setup::pools_along(dex, &path);
		let trader = setup::funded("trader", &path);
		(trader, path)
	}

	/// A second provider, funded, and the native/asset-1 pool in `dex`.
	fn liquidity_setup(dex: Dex) -> (crate::AccountId, crate::AssetKind, crate::AssetKind) {
		let path = setup::path(2);
		setup::pools_along(dex, &path);
		let provider = setup::funded("second-provider", &path);
		(provider, path[0].clone(), path[1].clone())
	}

	/// `who`'s balance of `asset`.
	fn balance_of(who: &crate::AccountId, asset: &crate::AssetKind) -> crate::Balance {
		use frame_support::traits::fungibles::Inspect;
		<crate::NativeAndAssets as Inspect<crate::AccountId>>::balance(asset.clone(), who)
	}

	/// Oracle observations the AMM holds for the pool of `a` and `b`.
	fn observations(a: &crate::AssetKind, b: &crate::AssetKind) -> u32 {
		let id = crate::Amm::pool_id(a.clone(), b.clone()).expect("distinct assets");
		pallet_amm::Oracles::<crate::Runtime>::get(id)
			.expect("pool has an oracle")
			.observation_count
	}

	/// `trader` swaps [`SWAP`] along `path` through the AMM's signed call, for itself.
	fn amm_swap_in(
		trader: &crate::AccountId,
		path: &[crate::AssetKind],
	) -> frame_support::dispatch::DispatchResult {
		crate::Amm::swap_exact_in(
			RuntimeOrigin::signed(trader.clone()),
			path.to_vec(),
			SWAP,
			1,
			trader.clone(),
			true,
			None,
		)
	}

	/// `path` as asset-conversion's calls take it.
	#[allow(clippy::vec_box)]
	fn boxed(path: &[crate::AssetKind]) -> Vec<Box<crate::AssetKind>> {
		path.iter().cloned().map(Box::new).collect()
	}

	#[benchmarks]
	mod benchmarks {
		use super::*;

		#[benchmark]
		fn amm_swap_exact_in(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
			let (trader, path) = swap_setup(Dex::Amm, n);
			oracle_seen_then_due();
			#[block]
			{
				amm_swap_in(&trader, &path)?;
			}
			assert!(balance_of(&trader, &path[path.len() - 1]) > setup::FUNDS);
			Ok(())
		}

		#[benchmark]
		fn ac_swap_exact_in(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
			let (trader, path) = swap_setup(Dex::AssetConversion, n);
			#[block]
			{
				AssetConversion::swap_exact_tokens_for_tokens(
					RuntimeOrigin::signed(trader.clone()),
					boxed(&path),
					SWAP,
					1,
					trader.clone(),
					true,
				)?;
			}
			assert!(balance_of(&trader, &path[path.len() - 1]) > setup::FUNDS);
			Ok(())
		}

		#[benchmark]
		fn amm_swap_exact_out(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
			let (trader, path) = swap_setup(Dex::Amm, n);
			oracle_seen_then_due();
			#[block]
			{
				crate::Amm::swap_exact_out(
					RuntimeOrigin::signed(trader.clone()),
					path.clone(),
					SWAP,
					setup::FUNDS,
					trader.clone(),
					true,
					None,
				)?;
			}
			assert_eq!(balance_of(&trader, &path[path.len() - 1]), setup::FUNDS + SWAP);
			Ok(())
		}

		#[benchmark]
		fn ac_swap_exact_out(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
			let (trader, path) = swap_setup(Dex::AssetConversion, n);
			#[block]
			{
				AssetConversion::swap_tokens_for_exact_tokens(
					RuntimeOrigin::signed(trader.clone()),
					boxed(&path),
					SWAP,
					setup::FUNDS,
					trader.clone(),
					true,
				)?;
			}
			assert_eq!(balance_of(&trader, &path[path.len() - 1]), setup::FUNDS + SWAP);
			Ok(())
		}

		#[benchmark]
		fn amm_swap_exact_in_with_oracle(n: Linear<2, 4>) -> Result<(), BenchmarkError> {
			let (trader, path) = swap_setup(Dex::Amm, n);
			oracle_seen_then_due();
			let block = frame_system::Pallet::<crate::Runtime>::block_number() + 1;
			#[block]
			{
				amm_swap_in(&trader, &path)?;
				crate::Amm::on_initialize(block);
			}
			assert!(balance_of(&trader, &path[path.len() - 1]) > setup::FUNDS);
			assert_eq!(observations(&path[0], &path[1]), 2);
			Ok(())
		}

		#[benchmark]
		fn amm_add_liquidity() -> Result<(), BenchmarkError> {
			let (provider, a, b) = liquidity_setup(Dex::Amm);
			oracle_seen_then_due();
			#[block]
			{
				crate::Amm::add_liquidity(
					RuntimeOrigin::signed(provider.clone()),
					a.clone(),
					b.clone(),
					DEPOSIT,
					DEPOSIT,
					1,
					1,
					provider.clone(),
					None,
				)?;
			}
			assert!(setup::lp_balance(Dex::Amm, &provider, &a, &b) > 0);
			Ok(())
		}

		#[benchmark]
		fn ac_add_liquidity() -> Result<(), BenchmarkError> {
			let (provider, a, b) = liquidity_setup(Dex::AssetConversion);
			#[block]
			{
				AssetConversion::add_liquidity(
					RuntimeOrigin::signed(provider.clone()),
					Box::new(a.clone()),
					Box::new(b.clone()),
					DEPOSIT,
					DEPOSIT,
					1,
					1,
					provider.clone(),
				)?;
			}
			assert!(setup::lp_balance(Dex::AssetConversion, &provider, &a, &b) > 0);
			Ok(())
		}

		#[benchmark]
		fn amm_remove_liquidity() -> Result<(), BenchmarkError> {
			let (provider, a, b) = liquidity_setup(Dex::Amm);
			setup::add_liquidity(Dex::Amm, &provider, &a, &b, DEPOSIT, false);
			let lp = setup::lp_balance(Dex::Amm, &provider, &a, &b);
			oracle_seen_then_due();
			#[block]
			{
				crate::Amm::remove_liquidity(
					RuntimeOrigin::signed(provider.clone()),
					a.clone(),
					b.clone(),
					lp,
					1,
					1,
					provider.clone(),
					None,
				)?;
			}
			assert_eq!(setup::lp_balance(Dex::Amm, &provider, &a, &b), 0);
			Ok(())
		}

		#[benchmark]
		fn ac_remove_liquidity() -> Result<(), BenchmarkError> {
			let (provider, a, b) = liquidity_setup(Dex::AssetConversion);
			setup::add_liquidity(Dex::AssetConversion, &provider, &a, &b, DEPOSIT, false);
			let lp = setup::lp_balance(Dex::AssetConversion, &provider, &a, &b);
			#[block]
			{
				AssetConversion::remove_liquidity(
					RuntimeOrigin::signed(provider.clone()),
					Box::new(a.clone()),
					Box::new(b.clone()),
					lp,
					1,
					1,
					provider.clone(),
				)?;
			}
			assert_eq!(setup::lp_balance(Dex::AssetConversion, &provider, &a, &b), 0);
			Ok(())
		}

		impl_benchmark_test_suite!(Pallet, crate::compare::tests::new_test_ext(), crate::Runtime);
	}
}

/// The benchmark tests' externality, and a check that both pallets price the same swap alike.
#[cfg(all(test, feature = "runtime-benchmarks"))]
mod tests {
	use super::setup::{self, Dex, FUNDS, SWAP};
	use crate::{AccountId, AssetConversion, AssetKind, NativeAndAssets, RuntimeOrigin};
	use alloc::boxed::Box;
	use frame_support::{assert_ok, traits::fungibles::Inspect};
	use sp_runtime::BuildStorage;

	/// The runtime's default genesis, at block 1.
	pub fn new_test_ext() -> sp_io::TestExternalities {
		let mut ext: sp_io::TestExternalities =
			crate::RuntimeGenesisConfig::default().build_storage().expect("genesis builds").into();
		ext.execute_with(|| frame_system::Pallet::<crate::Runtime>::set_block_number(1));
		ext
	}

	fn balance(who: &AccountId, asset: &AssetKind) -> u128 {
		<NativeAndAssets as Inspect<AccountId>>::balance(asset.clone(), who)
	}

	/// What `who` receives for [`SWAP`] in along the first `n` assets of `path` in `dex`, and
	/// what it pays for [`SWAP`] out along the reverse.
	fn trade(dex: Dex, who: &AccountId, path: &[AssetKind], n: usize) -> (u128, u128) {
		let (route, back): (Vec<_>, Vec<_>) =
			(path[..n].to_vec(), path[..n].iter().rev().cloned().collect());
		let origin = RuntimeOrigin::signed(who.clone());
		let out_asset = &route[n - 1];
		let before = balance(who, out_asset);
		match dex {
			Dex::Amm => {
				assert_ok!(crate::Amm::swap_exact_in(
					origin.clone(),
					route.clone(),
					SWAP,
					1,
					who.clone(),
					true,
					None
				));
			}
			Dex::AssetConversion => {
				assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
					origin.clone(),
					route.iter().cloned().map(Box::new).collect(),
					SWAP,
					1,
					who.clone(),
					true
				));
			}
		}
		let received = balance(who, out_asset) - before;
		let in_asset = &back[0];
		let before = balance(who, in_asset);
		match dex {
			Dex::Amm => {
				assert_ok!(crate::Amm::swap_exact_out(
					origin,
					back.clone(),
					SWAP,
					FUNDS,
					who.clone(),
					true,
					None
				));
			}
			Dex::AssetConversion => {
				assert_ok!(AssetConversion::swap_tokens_for_exact_tokens(
					origin,
					back.iter().cloned().map(Box::new).collect(),
					SWAP,
					FUNDS,
					who.clone(),
					true
				));
			}
		}
		(received, before - balance(who, in_asset))
	}

	/// The comparison is of like with like: on pools with the same reserves and fee, both pallets
	/// give the same amounts for the same swaps (to a unit of rounding per hop).
	#[test]
	fn both_pallets_price_the_same_swaps_alike() {
		new_test_ext().execute_with(|| {
			let path = setup::path(4);
			setup::pools_along(Dex::Amm, &path);
			setup::pools_along(Dex::AssetConversion, &path);
			let ours = setup::funded("trader-amm", &path);
			let theirs = setup::funded("trader-ac", &path);
			for n in 2..=4 {
				let (ours_out, ours_paid) = trade(Dex::Amm, &ours, &path, n);
				let (theirs_out, theirs_paid) = trade(Dex::AssetConversion, &theirs, &path, n);
				assert!(ours_out > SWAP / 2 && ours_paid > SWAP, "path of {n}: a real trade");
				assert!(ours_out.abs_diff(theirs_out) <= n as u128, "{ours_out} vs {theirs_out}");
				assert!(
					ours_paid.abs_diff(theirs_paid) <= n as u128,
					"{ours_paid} vs {theirs_paid}"
				);
			}
		});
	}
}
