//! Benchmarks of the liquidity mining pallet (frame-benchmarking v2), each in its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	assert_ok,
	traits::{
		fungibles::Inspect,
		tokens::{Fortitude, Preservation},
		EnsureOrigin, Hooks,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};

const RATE: u128 = 1_000_000;
const CAP: u128 = 1_000_000_000_000_000;
const STAKE: u128 = 1_000_000_000;

fn block<T: Config>(n: u32) -> BlockNumberFor<T> {
	n.into()
}

/// A farm on `lp_token` paying [`RATE`] per block from now for 1,000 blocks.
fn farm_on<T: Config>(lp_token: T::LpToken) -> FarmId {
	let now = frame_system::Pallet::<T>::block_number();
	Pallet::<T>::do_create_farm(
		lp_token,
		T::BenchmarkHelper::reward_asset(),
		RATE.into(),
		now,
		now + 1_000u32.into(),
		CAP.into(),
	)
	.unwrap()
}

/// A running farm with `staker` holding a stake that has accrued rewards for 10 blocks.
fn running_farm<T: Config>(staker: &T::AccountId) -> FarmId {
	let lp_token = T::BenchmarkHelper::lp_token(staker);
	let now = frame_system::Pallet::<T>::block_number();
	let farm_id = farm_on::<T>(lp_token);
	assert_ok!(Pallet::<T>::do_stake(staker, farm_id, STAKE.into()));
	frame_system::Pallet::<T>::set_block_number(now + 10u32.into());
	farm_id
}

/// Most stakers of the scaling benchmarks.
const MAX_STAKERS: u32 = 10_000;

/// Adds `count` stakers of [`STAKE`] each to a farm, straight into storage: the other stakers of the
/// scaling benchmarks (`*_with_stakers`), which show that no call and no hook depends on how many
/// there are. To compare equal state sizes, the stakes up to [`MAX_STAKERS`] that the farm does
/// not get go to a farm id that does not exist. They are `extra` benchmarks: measurements for
/// `scripts/bench/farm-stakers.sh`, not weights.
fn add_stakers<T: Config>(farm_id: FarmId, count: u32) {
	let mut farm = Farms::<T>::get(farm_id).unwrap();
	for i in count..MAX_STAKERS {
		let who: T::AccountId = account("elsewhere", i, 1);
		Stakes::<T>::insert(who, FarmId::MAX, StakeInfo::<T::Balance>::default());
	}
	for i in 0..count {
		let who: T::AccountId = account("staker", i, 1);
		Stakes::<T>::insert(
			who,
			farm_id,
			StakeInfo {
				amount: STAKE.into(),
				acc_paid: farm.acc_reward_per_share,
				carried: 0,
				pending: Zero::zero(),
			},
		);
	}
	farm.total_staked = farm.total_staked.saturating_add((STAKE * count as u128).into());
	Farms::<T>::insert(farm_id, farm);
}

/// A farm of `lp_token` running from block 1 to `end`, with no stakers, written straight into
/// storage (without its index entries).
fn insert_farm<T: Config>(lp_token: T::LpToken, end: BlockNumberFor<T>) -> FarmId {
	let farm_id = NextFarmId::<T>::get();
	Farms::<T>::insert(
		farm_id,
		FarmInfo {
			lp_token,
			reward_asset: T::BenchmarkHelper::reward_asset(),
			rate: RATE.into(),
			start: block::<T>(1),
			rate_since: block::<T>(1),
			emitted_before: Zero::zero(),
			end,
			max_total_rewards: CAP.into(),
			total_staked: Zero::zero(),
			acc_reward_per_share: U256::zero(),
			acc_precision: crate::math::PRECISION,
			last_update: block::<T>(1),
			distributed: Zero::zero(),
			undistributed: Zero::zero(),
			claimed: Zero::zero(),
			forfeited: Zero::zero(),
		},
	);
	NextFarmId::<T>::put(farm_id + 1);
	farm_id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_farm() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let lp_token = T::BenchmarkHelper::lp_token(&account("lp", 0, 0));
		// The worst case: the LP token's index is full of farms that have ended with nothing
		// staked, which the call reads and prunes.
		let reward = T::BenchmarkHelper::reward_asset();
		let full = T::MaxFarmsPerLpToken::get();
		let first = NextFarmId::<T>::get();
		for _ in 0..full {
			let now = frame_system::Pallet::<T>::block_number();
			Pallet::<T>::create_farm(
				origin.clone(),
				lp_token,
				reward.clone(),
				RATE.into(),
				now + 1u32.into(),
				now + 2u32.into(),
				CAP.into(),
			)?;
		}
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number() + 3u32.into(),
		);
		let now = frame_system::Pallet::<T>::block_number();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			lp_token,
			reward,
			RATE.into(),
			now + 1u32.into(),
			now + 1_000u32.into(),
			CAP.into(),
		);

		assert!(Farms::<T>::contains_key(first + full));
		assert_eq!(FarmsByLpToken::<T>::get(lp_token).into_inner(), [first + full]);
		Ok(())
	}

	/// The worst case: rewards to settle first, and the staker's whole LP balance moved, so
	/// that the staker's LP account is reaped.
	#[benchmark]
	fn stake() {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);
		let lp_token = Farms::<T>::get(farm_id).unwrap().lp_token;
		let all = T::LpTokens::reducible_balance(
			lp_token,
			&caller,
			Preservation::Expendable,
			Fortitude::Polite,
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), farm_id, all);

		assert_eq!(Stakes::<T>::get(&caller, farm_id).unwrap().amount, all + STAKE.into());
		assert!(T::LpTokens::balance(lp_token, &caller).is_zero());
	}

	/// The worst case: the whole stake taken back, rewards settled and kept.
	#[benchmark]
	fn unstake() {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), farm_id, STAKE.into());

		assert!(Stakes::<T>::get(&caller, farm_id).unwrap().amount.is_zero());
	}

	/// The worst case: an asset reward minted to a beneficiary that holds nothing yet.
	#[benchmark]
	fn claim() {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);
		let beneficiary: T::AccountId = account("beneficiary", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), farm_id, Some(beneficiary));

		assert!(!Farms::<T>::get(farm_id).unwrap().claimed.is_zero());
	}

	#[benchmark]
	fn emergency_withdraw() {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), farm_id);

		assert!(!Stakes::<T>::contains_key(&caller, farm_id));
	}

	/// The worst case: the pool's first deposit, staked by a new staker.
	#[benchmark]
	fn add_liquidity_and_stake() {
		let caller: T::AccountId = whitelisted_caller();
		let lp_token = T::BenchmarkHelper::empty_pool_lp_token(&caller);
		let farm_id = farm_on::<T>(lp_token);
		let amount: T::Balance = STAKE.into();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), farm_id, amount, amount, Zero::zero(), Zero::zero());

		assert!(!Stakes::<T>::get(&caller, farm_id).unwrap().amount.is_zero());
	}

	#[benchmark]
	fn set_farm_rate() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let farm_id = running_farm::<T>(&account("staker", 0, 0));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, farm_id, (2 * RATE).into());

		Ok(())
	}

	#[benchmark]
	fn extend_farm() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let farm_id = running_farm::<T>(&account("staker", 0, 0));
		let end = Farms::<T>::get(farm_id).unwrap().end + 1_000u32.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, farm_id, end);

		Ok(())
	}

	#[benchmark]
	fn end_farm() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let farm_id = running_farm::<T>(&account("staker", 0, 0));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, farm_id);

		Ok(())
	}

	/// The hook in a block where `n` farms end.
	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxFarmEndingsPerBlock::get() }>) {
		let staker: T::AccountId = account("staker", 0, 0);
		let lp_token = T::BenchmarkHelper::lp_token(&staker);
		let end = block::<T>(100);
		let ids: Vec<FarmId> = (0..n).map(|_| insert_farm::<T>(lp_token, end)).collect();
		FarmEndings::<T>::insert(end, BoundedVec::try_from(ids).unwrap());

		#[block]
		{
			Pallet::<T>::on_initialize(end);
		}

		assert!(FarmEndings::<T>::get(end).is_empty());
	}

	/// `claim` in a farm with `s` other stakers.
	#[benchmark(extra)]
	fn claim_with_stakers(s: Linear<1, 10_000>) {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);
		add_stakers::<T>(farm_id, s);

		#[extrinsic_call]
		claim(RawOrigin::Signed(caller.clone()), farm_id, None);
	}

	/// `stake` in a farm with `s` other stakers.
	#[benchmark(extra)]
	fn stake_with_stakers(s: Linear<1, 10_000>) {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);
		add_stakers::<T>(farm_id, s);

		#[extrinsic_call]
		stake(RawOrigin::Signed(caller.clone()), farm_id, STAKE.into());
	}

	/// `unstake` from a farm with `s` other stakers.
	#[benchmark(extra)]
	fn unstake_with_stakers(s: Linear<1, 10_000>) {
		let caller: T::AccountId = whitelisted_caller();
		let farm_id = running_farm::<T>(&caller);
		add_stakers::<T>(farm_id, s);

		#[extrinsic_call]
		unstake(RawOrigin::Signed(caller.clone()), farm_id, (STAKE / 2).into());
	}

	/// The per-block hook in an ordinary block (no farm ends) while `f` of 1,000 farms run (the
	/// others have ended, so that the state is the same size in every case): the hook reads only
	/// the block's list of endings, whatever the number of farms.
	#[benchmark(extra)]
	fn on_initialize_with_farms(f: Linear<1, 1_000>) {
		let staker: T::AccountId = account("staker", 0, 0);
		let lp_token = T::BenchmarkHelper::lp_token(&staker);
		for i in 0..1_000 {
			let end = if i < f { 100_000 } else { 10 };
			insert_farm::<T>(lp_token, block::<T>(end));
		}
		let now = block::<T>(50);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
	}

	/// The per-block hook in the block where a farm with `s` stakers ends.
	#[benchmark(extra)]
	fn on_initialize_with_stakers(s: Linear<1, 10_000>) {
		let caller: T::AccountId = account("staker", 0, 0);
		let farm_id = running_farm::<T>(&caller);
		add_stakers::<T>(farm_id, s);
		let end = Pallet::<T>::effective_end(&Farms::<T>::get(farm_id).unwrap());

		#[block]
		{
			Pallet::<T>::on_initialize(end);
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
