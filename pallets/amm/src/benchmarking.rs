//! Benchmarks of the AMM pallet's calls (frame-benchmarking v2), each in its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	assert_ok,
	traits::{fungibles::Mutate as _, EnsureOrigin, Hooks},
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_arithmetic::Permill;

/// Creates and funds assets for the benchmarks.
pub trait BenchmarkHelper<AssetKind> {
	/// The asset numbered `seed`, created if it does not exist yet (`0` may be the native token).
	fn create_asset(seed: u32) -> AssetKind;
	/// Sets the clock that [`Config::Timestamp`] reads, in milliseconds.
	fn set_timestamp(ms: u64);
}

/// Funds of every benchmark account in each asset.
const FUNDS: u128 = 1_000_000_000_000_000_000_000;
/// Liquidity of every benchmark pool in each asset.
const LIQUIDITY: u128 = 1_000_000_000_000_000;

fn funded_account<T: Config>(name: &'static str, assets: &[T::AssetKind]) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	for asset in assets {
		assert_ok!(T::Assets::mint_into(asset.clone(), &who, FUNDS.into()));
	}
	who
}

/// Assets `0..count` (0 may be the native token), each funded for `who` once created.
fn assets<T: Config>(count: u32) -> Vec<T::AssetKind> {
	(0..count).map(T::BenchmarkHelper::create_asset).collect()
}

/// A chain of pools along `path`, each with [`LIQUIDITY`] of both assets, owned by `provider`.
fn pools_along<T: Config>(provider: &T::AccountId, path: &[T::AssetKind]) {
	for pair in path.windows(2) {
		assert_ok!(Pallet::<T>::do_create_pool(
			provider,
			pair[0].clone(),
			pair[1].clone(),
			T::DefaultFeeTier::get(),
			true
		));
		assert_ok!(Pallet::<T>::do_add_liquidity(
			provider,
			pair[0].clone(),
			pair[1].clone(),
			LIQUIDITY.into(),
			LIQUIDITY.into(),
			Zero::zero(),
			Zero::zero(),
			provider,
		));
	}
}

/// Stops every running price oracle (e.g. of genesis pools), so a benchmark sets up its own.
fn clear_oracles<T: Config>() {
	let _ = Oracles::<T>::clear(u32::MAX, None);
	OraclePools::<T>::kill();
}

/// An asset no benchmark pool uses, numbered from `i`.
fn asset_clear_of<T: Config>(i: u32) -> T::AssetKind {
	T::BenchmarkHelper::create_asset(1_000 + i)
}

/// Switches the protocol fee on and grows `pool` with swaps, so the next liquidity change mints
/// the protocol's share (the worst case of add and remove).
fn protocol_fee_owed<T: Config>(trader: &T::AccountId, a: &T::AssetKind, b: &T::AssetKind) {
	// The receiver needs a native balance to hold LP tokens.
	let receiver: T::AccountId =
		funded_account::<T>("receiver", &[T::BenchmarkHelper::create_asset(0)]);
	ProtocolFee::<T>::put(ProtocolFeeConfig {
		receiver,
		share: Permill::from_rational(1u32, 6u32),
	});
	assert_ok!(Pallet::<T>::do_add_liquidity(
		trader,
		a.clone(),
		b.clone(),
		(LIQUIDITY / 100).into(),
		(LIQUIDITY / 100).into(),
		Zero::zero(),
		Zero::zero(),
		trader,
	));
	for _ in 0..4 {
		let path = vec![a.clone(), b.clone()];
		assert_ok!(Pallet::<T>::do_swap_exact_in(
			trader,
			path,
			(LIQUIDITY / 10).into(),
			Zero::zero(),
			trader,
			true
		));
		let back = vec![b.clone(), a.clone()];
		assert_ok!(Pallet::<T>::do_swap_exact_in(
			trader,
			back,
			(LIQUIDITY / 10).into(),
			Zero::zero(),
			trader,
			true
		));
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_pool() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let (asset1, asset2) = (assets[1].clone(), assets[2].clone());

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset1.clone(), asset2.clone(), None);

		assert!(Pools::<T>::contains_key(Pallet::<T>::pool_id(asset1, asset2).unwrap()));
	}

	#[benchmark]
	fn add_liquidity() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let path = [assets[1].clone(), assets[2].clone()];
		pools_along::<T>(&caller, &path);
		protocol_fee_owed::<T>(&caller, &path[0], &path[1]);
		let amount: T::Balance = (LIQUIDITY / 10).into();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			path[0].clone(),
			path[1].clone(),
			amount,
			amount,
			Zero::zero(),
			Zero::zero(),
			caller.clone(),
			None,
		);
	}

	/// A pool's first deposit: mints the locked minimum to the pool's account and records the
	/// initial liquidity; the LP tokens go to an account that holds none yet.
	#[benchmark]
	fn add_liquidity_first_deposit() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let (a, b) = (assets[1].clone(), assets[2].clone());
		assert_ok!(Pallet::<T>::do_create_pool(
			&caller,
			a.clone(),
			b.clone(),
			T::DefaultFeeTier::get(),
			true
		));
		let receiver = funded_account::<T>("receiver", &[T::BenchmarkHelper::create_asset(0)]);
		let amount: T::Balance = LIQUIDITY.into();

		#[extrinsic_call]
		add_liquidity(
			RawOrigin::Signed(caller.clone()),
			a.clone(),
			b.clone(),
			amount,
			amount,
			Zero::zero(),
			Zero::zero(),
			receiver,
			None,
		);

		let lp_token = Pools::<T>::get(Pallet::<T>::pool_id(a, b).unwrap()).unwrap().lp_token;
		assert!(InitialLiquidities::<T>::contains_key(lp_token));
	}

	#[benchmark]
	fn remove_liquidity() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let path = [assets[1].clone(), assets[2].clone()];
		pools_along::<T>(&caller, &path);
		protocol_fee_owed::<T>(&caller, &path[0], &path[1]);
		let lp: T::Balance = (LIQUIDITY / 10).into();
		// A lock on part of the holding: the lock check and the freezer both find one.
		let until = frame_system::Pallet::<T>::block_number() + 100u32.into();
		assert_ok!(Pallet::<T>::do_lock_lp_tokens(
			&caller,
			path[0].clone(),
			path[1].clone(),
			1u32.into(),
			until
		));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			path[0].clone(),
			path[1].clone(),
			lp,
			Zero::zero(),
			Zero::zero(),
			caller.clone(),
			None,
		);
	}

	/// A swap along `n` assets, through `n - 1` pools.
	#[benchmark]
	fn swap_exact_in(n: Linear<2, { T::MaxSwapPathLength::get() }>) {
		let path = assets::<T>(n);
		let caller = funded_account::<T>("caller", &path);
		pools_along::<T>(&caller, &path);
		let amount_in: T::Balance = (LIQUIDITY / 1_000).into();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			path,
			amount_in,
			Zero::zero(),
			caller.clone(),
			true,
			None,
		);
	}

	/// A swap along `n` assets, through `n - 1` pools.
	#[benchmark]
	fn swap_exact_out(n: Linear<2, { T::MaxSwapPathLength::get() }>) {
		let path = assets::<T>(n);
		let caller = funded_account::<T>("caller", &path);
		pools_along::<T>(&caller, &path);
		let amount_out: T::Balance = (LIQUIDITY / 1_000).into();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			path,
			amount_out,
			FUNDS.into(),
			caller.clone(),
			true,
			None,
		);
	}

	#[benchmark]
	fn set_fee_tiers() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let default = T::DefaultFeeTier::get();
		let tiers: Vec<u32> = core::iter::once(default)
			.chain((0..).filter(|t| *t != default))
			.take(T::MaxFeeTiers::get() as usize)
			.collect();
		let tiers: BoundedVec<u32, T::MaxFeeTiers> = tiers.try_into().unwrap();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, tiers.clone());

		assert_eq!(FeeTiers::<T>::get(), tiers);
		Ok(())
	}

	#[benchmark]
	fn set_protocol_fee() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let receiver: T::AccountId = account("receiver", 0, 0);
		let config = ProtocolFeeConfig { receiver, share: Permill::from_rational(1u32, 6u32) };

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(config.clone()));

		assert_eq!(ProtocolFee::<T>::get(), Some(config));
		Ok(())
	}

	/// Worst case: adding to a running lock and extending it.
	#[benchmark]
	fn lock_lp_tokens() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let (a, b) = (assets[1].clone(), assets[2].clone());
		pools_along::<T>(&caller, &[a.clone(), b.clone()]);
		let lp_token =
			Pools::<T>::get(Pallet::<T>::pool_id(a.clone(), b.clone()).unwrap()).unwrap().lp_token;
		let held = T::PoolAssets::balance(lp_token, &caller);
		let half = held / 2u32.into();
		let now = frame_system::Pallet::<T>::block_number();
		let until = now + 100u32.into();
		assert_ok!(Pallet::<T>::do_lock_lp_tokens(&caller, a.clone(), b.clone(), half, until));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), a, b, half, until + 100u32.into());

		assert_eq!(Pallet::<T>::locked_lp_tokens(lp_token, &caller), half + half);
	}

	#[benchmark]
	fn unlock_lp_tokens() {
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let (a, b) = (assets[1].clone(), assets[2].clone());
		pools_along::<T>(&caller, &[a.clone(), b.clone()]);
		let lp_token =
			Pools::<T>::get(Pallet::<T>::pool_id(a.clone(), b.clone()).unwrap()).unwrap().lp_token;
		let now = frame_system::Pallet::<T>::block_number();
		let until = now + 10u32.into();
		assert_ok!(Pallet::<T>::do_lock_lp_tokens(
			&caller,
			a.clone(),
			b.clone(),
			1u32.into(),
			until
		));
		frame_system::Pallet::<T>::set_block_number(until);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), a, b);

		assert!(!LpLocks::<T>::contains_key(lp_token, &caller));
	}

	/// Worst case: starting an oracle when one slot is left, so the list of tracked pools is
	/// longest.
	#[benchmark]
	fn set_price_oracle() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let assets = assets::<T>(3);
		let caller = funded_account::<T>("caller", &assets);
		let (a, b) = (assets[1].clone(), assets[2].clone());
		let pool_id = Pallet::<T>::pool_id(a.clone(), b.clone()).unwrap();
		pools_along::<T>(&caller, &[a.clone(), b.clone()]);
		clear_oracles::<T>();
		let native = T::BenchmarkHelper::create_asset(0);
		let others: Vec<_> = (0..T::MaxOraclePools::get().saturating_sub(1))
			.map(|i| Pallet::<T>::pool_id(native.clone(), asset_clear_of::<T>(i)).unwrap())
			.collect();
		OraclePools::<T>::put(BoundedVec::<_, T::MaxOraclePools>::truncate_from(others));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, a, b, true);

		assert!(Oracles::<T>::contains_key(&pool_id));
		Ok(())
	}

	/// A block's start with `n` tracked pools, every one of them changed since the last block
	/// and due for an observation.
	#[benchmark]
	fn update_oracles(n: Linear<0, { T::MaxOraclePools::get() }>) {
		clear_oracles::<T>();
		let path = assets::<T>(n + 1);
		let native = T::BenchmarkHelper::create_asset(0);
		for (i, pair) in path.windows(2).enumerate() {
			// One provider per pool: an account can hold only so many LP tokens (consumers).
			let provider: T::AccountId = account("provider", i as u32, 0);
			for asset in [&native, &pair[0], &pair[1]] {
				assert_ok!(T::Assets::mint_into(asset.clone(), &provider, FUNDS.into()));
			}
			pools_along::<T>(&provider, pair);
		}
		T::BenchmarkHelper::set_timestamp(1);
		let _ = Pallet::<T>::update_oracles();
		for pool_id in OraclePools::<T>::get() {
			Oracles::<T>::mutate(&pool_id, |oracle| {
				if let Some(oracle) = oracle {
					oracle.reserves = (1, 1);
				}
			});
		}
		let now = 2 + T::ObservationPeriod::get();
		T::BenchmarkHelper::set_timestamp(now);

		#[block]
		{
			Pallet::<T>::on_initialize(frame_system::Pallet::<T>::block_number());
		}

		assert_eq!(OraclePools::<T>::decode_len().unwrap_or(0), n as usize);
		for pool_id in OraclePools::<T>::get() {
			let oracle = Oracles::<T>::get(&pool_id).unwrap();
			assert_eq!(
				(oracle.updated_at, oracle.observed_at, oracle.observation_count),
				(now, now, 2)
			);
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
