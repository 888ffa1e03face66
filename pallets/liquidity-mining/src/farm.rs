//! Farms: the pallet's account, a farm's emission schedule and accumulator, its end-block
//! announcement, and the admin calls that create, re-rate, extend and end farms.

use super::*;
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// The pallet's account, which holds staked LP tokens.
	pub fn account_id() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn block_u64(block: BlockNumberFor<T>) -> u64 {
		block.saturated_into()
	}

	/// A farm's emission schedule for the math.
	pub(crate) fn schedule(farm: &FarmInfoOf<T>) -> math::Schedule {
		math::Schedule {
			rate: farm.rate.into(),
			since: Self::block_u64(farm.rate_since),
			emitted_before: farm.emitted_before.into(),
			end: Self::block_u64(farm.end),
			cap: farm.max_total_rewards.into(),
		}
	}

	/// The first block at which the farm emits nothing.
	pub(crate) fn effective_end(farm: &FarmInfoOf<T>) -> BlockNumberFor<T> {
		Self::schedule(farm).effective_end().saturated_into()
	}

	/// Brings a farm's accumulator up to the current block: O(1).
	pub(crate) fn update_farm(farm: &mut FarmInfoOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		if now <= farm.last_update {
			return;
		}
		let schedule = Self::schedule(farm);
		let emission = schedule
			.emitted(Self::block_u64(now))
			.saturating_sub(schedule.emitted(Self::block_u64(farm.last_update)));
		let (acc, distributed) = math::accumulate(
			farm.acc_reward_per_share,
			emission,
			farm.total_staked.into(),
			farm.acc_precision,
		);
		farm.acc_reward_per_share = acc;
		farm.distributed = farm.distributed.saturating_add(distributed.into());
		farm.undistributed = farm.undistributed.saturating_add((emission - distributed).into());
		farm.last_update = now;
	}

	fn reschedule_end(
		farm_id: FarmId,
		old_end: BlockNumberFor<T>,
		new_end: BlockNumberFor<T>,
	) -> sp_runtime::DispatchResult {
		if old_end == new_end {
			return Ok(());
		}
		FarmEndings::<T>::mutate(old_end, |ids| ids.retain(|id| *id != farm_id));
		FarmEndings::<T>::try_mutate(new_end, |ids| ids.try_push(farm_id))
			.map_err(|_| Error::<T>::TooManyEndingsInBlock)?;
		Ok(())
	}

	/// [`Pallet::create_farm`]: a farm created by a call may not start in the past.
	pub(crate) fn do_create_farm(
		lp_token: T::LpToken,
		reward_asset: T::AssetKind,
		reward_per_block: T::Balance,
		start_block: BlockNumberFor<T>,
		end_block: BlockNumberFor<T>,
		max_total_rewards: T::Balance,
	) -> Result<FarmId, DispatchError> {
		ensure!(
			start_block >= frame_system::Pallet::<T>::block_number(),
			Error::<T>::InvalidSchedule
		);
		Self::add_farm(
			lp_token,
			reward_asset,
			reward_per_block,
			start_block,
			end_block,
			max_total_rewards,
		)
	}

	/// Checks and adds a farm that starts at `start_block`, whenever that is (genesis farms start
	/// at block 1), schedules the announcement of its end and emits [`Event::FarmCreated`].
	pub(crate) fn add_farm(
		lp_token: T::LpToken,
		reward_asset: T::AssetKind,
		reward_per_block: T::Balance,
		start_block: BlockNumberFor<T>,
		end_block: BlockNumberFor<T>,
		max_total_rewards: T::Balance,
	) -> Result<FarmId, DispatchError> {
		ensure!(T::Amm::is_lp_token(&lp_token), Error::<T>::UnknownLpToken);
		ensure!(
			T::RewardAssets::asset_exists(reward_asset.clone()),
			Error::<T>::UnknownRewardAsset
		);
		ensure!(
			!reward_per_block.is_zero() && !max_total_rewards.is_zero(),
			Error::<T>::ZeroReward
		);
		ensure!(end_block > start_block, Error::<T>::InvalidSchedule);

		let farm_id = NextFarmId::<T>::get();
		let next_id = farm_id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let farm = FarmInfo {
			lp_token,
			reward_asset: reward_asset.clone(),
			rate: reward_per_block,
			start: start_block,
			rate_since: start_block,
			emitted_before: Zero::zero(),
			end: end_block,
			max_total_rewards,
			total_staked: Zero::zero(),
			acc_reward_per_share: U256::zero(),
			acc_precision: math::PRECISION,
			last_update: start_block,
			distributed: Zero::zero(),
			undistributed: Zero::zero(),
			claimed: Zero::zero(),
			forfeited: Zero::zero(),
		};
		// Farms that have ended with nothing staked leave the LP token's index: nothing can be
		// staked into them nor earned from them any more (what their stakers are owed stays
		// claimable by farm id), so an LP token can have any number of farms over its life,
		// `MaxFarmsPerLpToken` of them at once.
		let now = frame_system::Pallet::<T>::block_number();
		FarmsByLpToken::<T>::try_mutate(lp_token, |ids| {
			ids.retain(|id| {
				Farms::<T>::get(id)
					.is_some_and(|f| !f.total_staked.is_zero() || Self::effective_end(&f) > now)
			});
			ids.try_push(farm_id)
		})
		.map_err(|_| Error::<T>::TooManyFarms)?;
		FarmEndings::<T>::try_mutate(Self::effective_end(&farm), |ids| ids.try_push(farm_id))
			.map_err(|_| Error::<T>::TooManyEndingsInBlock)?;

		let account = Self::account_id();
		// The pallet's account holds LP tokens for as long as the chain runs. It needs a provider
		// of its own: an account that exists for a sufficient asset alone has none.
		if frame_system::Pallet::<T>::providers(&account) == 0 {
			frame_system::Pallet::<T>::inc_providers(&account);
		}
		Self::hold_lp_account(lp_token, &account);
		Farms::<T>::insert(farm_id, farm);
		NextFarmId::<T>::put(next_id);

		Self::deposit_event(Event::FarmCreated {
			farm_id,
			lp_token,
			reward_asset,
			reward_per_block,
			start_block,
			end_block,
			max_total_rewards,
		});
		Ok(farm_id)
	}

	/// [`Pallet::set_farm_rate`].
	pub(crate) fn do_set_farm_rate(
		farm_id: FarmId,
		reward_per_block: T::Balance,
	) -> sp_runtime::DispatchResult {
		ensure!(!reward_per_block.is_zero(), Error::<T>::ZeroReward);
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(Self::effective_end(&farm) > now, Error::<T>::FarmEnded);

		Self::update_farm(&mut farm);
		let from_block = now.max(farm.start);
		let old_rate = farm.rate;
		let old_end = Self::effective_end(&farm);
		farm.emitted_before = Self::schedule(&farm).emitted(Self::block_u64(from_block)).into();
		farm.rate_since = from_block;
		farm.rate = reward_per_block;
		Self::reschedule_end(farm_id, old_end, Self::effective_end(&farm))?;
		Farms::<T>::insert(farm_id, farm);

		Self::deposit_event(Event::FarmRateChanged {
			farm_id,
			old_rate,
			new_rate: reward_per_block,
			from_block,
		});
		Ok(())
	}

	/// [`Pallet::extend_farm`].
	pub(crate) fn do_extend_farm(
		farm_id: FarmId,
		end_block: BlockNumberFor<T>,
	) -> sp_runtime::DispatchResult {
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		let old_end = Self::effective_end(&farm);
		ensure!(old_end > now, Error::<T>::FarmEnded);
		ensure!(end_block > farm.end, Error::<T>::InvalidSchedule);

		Self::update_farm(&mut farm);
		farm.end = end_block;
		Self::reschedule_end(farm_id, old_end, Self::effective_end(&farm))?;
		Farms::<T>::insert(farm_id, farm);

		Self::deposit_event(Event::FarmExtended { farm_id, end_block });
		Ok(())
	}

	/// [`Pallet::end_farm`].
	pub(crate) fn do_end_farm(farm_id: FarmId) -> sp_runtime::DispatchResult {
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let now = frame_system::Pallet::<T>::block_number();
		let old_end = Self::effective_end(&farm);
		ensure!(old_end > now, Error::<T>::FarmEnded);

		Self::update_farm(&mut farm);
		// Emission up to this block stays; nothing after it. A farm ended before its start never
		// runs: it starts and ends now, so that it counts as ended from here on (no second end,
		// no new rate, no extension).
		if now < farm.start {
			farm.start = now;
			farm.rate_since = now;
			farm.last_update = now;
		}
		let end = now;
		farm.end = end;
		FarmEndings::<T>::mutate(old_end, |ids| ids.retain(|id| *id != farm_id));
		let total_emitted = Self::schedule(&farm).emitted(Self::block_u64(end)).into();
		Farms::<T>::insert(farm_id, farm);

		Self::deposit_event(Event::FarmEnded {
			farm_id,
			at: end,
			reason: EndReason::Admin,
			total_emitted,
		});
		Ok(())
	}

	/// Refuses a farm that no longer emits (audit L-5: stakes there would earn nothing). A farm
	/// that has not started yet takes stakes.
	pub(crate) fn ensure_running(farm: &FarmInfoOf<T>) -> sp_runtime::DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(Self::effective_end(farm) > now, Error::<T>::FarmEnded);
		Ok(())
	}

	/// Gives the pallet's account of `lp_token` a reason to exist that takes no consumer
	/// reference and survives a zero balance (an account deposit, zero for LP tokens), so that no
	/// dust of other tokens sent to the pallet's account can stop stakes from arriving. Touching
	/// an account that exists already fails and changes nothing, which is all that is needed;
	/// an LP token that cannot take the account (not live) fails the stakes themselves.
	fn hold_lp_account(lp_token: T::LpToken, account: &T::AccountId) {
		let _ = frame_support::storage::with_storage_layer(|| {
			T::LpTokens::touch(lp_token, account, account)
		});
	}
}
