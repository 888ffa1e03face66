//! Stakes: a stake's accrued reward and its settlement, writing a farm and a stake back, and the
//! stakers' calls (stake, unstake, claim, emergency withdrawal, add liquidity and stake). Staked
//! LP tokens move to the pallet's account and back (the crate doc says why).

use super::*;

impl<T: Config> Pallet<T> {
	/// What a stake has accrued since its last settlement: `(whole reward units, carried
	/// fraction)` at the farm's accumulator as it stands (see [`math::accrue`]).
	pub(crate) fn accrued(farm: &FarmInfoOf<T>, stake: &StakeInfoOf<T>) -> (u128, u128) {
		math::accrue(
			stake.amount.into(),
			farm.acc_reward_per_share,
			stake.acc_paid,
			stake.carried,
			farm.acc_precision,
		)
	}

	/// Moves a stake's accrued whole reward units into its `pending`, carries the fraction and
	/// marks the accumulator as paid up to now.
	fn settle(farm: &FarmInfoOf<T>, stake: &mut StakeInfoOf<T>) -> sp_runtime::DispatchResult {
		let (reward, carried) = Self::accrued(farm, stake);
		stake.pending = stake.pending.checked_add(&reward.into()).ok_or(Error::<T>::Overflow)?;
		stake.carried = carried;
		stake.acc_paid = farm.acc_reward_per_share;
		Ok(())
	}

	/// Writes a farm and a stake back; an empty stake is removed.
	fn write_farm_and_stake(
		farm_id: FarmId,
		farm: FarmInfoOf<T>,
		who: &T::AccountId,
		stake: StakeInfoOf<T>,
	) {
		if stake.amount.is_zero() && stake.pending.is_zero() {
			Stakes::<T>::remove(who, farm_id);
		} else {
			Stakes::<T>::insert(who, farm_id, stake);
		}
		Farms::<T>::insert(farm_id, farm);
	}

	/// [`Pallet::stake`], and the second half of [`Pallet::add_liquidity_and_stake`].
	pub(crate) fn do_stake(
		who: &T::AccountId,
		farm_id: FarmId,
		amount: T::Balance,
	) -> sp_runtime::DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		Self::ensure_running(&farm)?;
		let mut stake = Stakes::<T>::get(who, farm_id).unwrap_or_default();
		// The transfer below would fail too, with an arithmetic error for amounts past the
		// balance; this says what is wrong.
		ensure!(
			T::LpTokens::reducible_balance(
				farm.lp_token,
				who,
				Preservation::Expendable,
				Fortitude::Polite
			) >= amount,
			sp_runtime::TokenError::FundsUnavailable
		);

		Self::update_farm(&mut farm);
		Self::settle(&farm, &mut stake)?;
		T::LpTokens::transfer(
			farm.lp_token,
			who,
			&Self::account_id(),
			amount,
			Preservation::Expendable,
		)?;
		stake.amount = stake.amount.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		farm.total_staked = farm.total_staked.checked_add(&amount).ok_or(Error::<T>::Overflow)?;

		Self::deposit_event(Event::Staked {
			farm_id,
			who: who.clone(),
			amount,
			stake: stake.amount,
			total_staked: farm.total_staked,
		});
		Self::write_farm_and_stake(farm_id, farm, who, stake);
		Ok(())
	}

	/// [`Pallet::unstake`].
	pub(crate) fn do_unstake(
		who: &T::AccountId,
		farm_id: FarmId,
		amount: T::Balance,
	) -> sp_runtime::DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let mut stake = Stakes::<T>::get(who, farm_id).ok_or(Error::<T>::NoStake)?;
		ensure!(stake.amount >= amount, Error::<T>::InsufficientStake);

		Self::update_farm(&mut farm);
		Self::settle(&farm, &mut stake)?;
		stake.amount -= amount;
		farm.total_staked = farm.total_staked.saturating_sub(amount);
		T::LpTokens::transfer(
			farm.lp_token,
			&Self::account_id(),
			who,
			amount,
			Preservation::Expendable,
		)?;

		Self::deposit_event(Event::Unstaked {
			farm_id,
			who: who.clone(),
			amount,
			stake: stake.amount,
			total_staked: farm.total_staked,
		});
		Self::write_farm_and_stake(farm_id, farm, who, stake);
		Ok(())
	}

	/// [`Pallet::claim`].
	pub(crate) fn do_claim(
		who: &T::AccountId,
		farm_id: FarmId,
		beneficiary: Option<T::AccountId>,
	) -> sp_runtime::DispatchResult {
		let beneficiary = beneficiary.unwrap_or_else(|| who.clone());
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let mut stake = Stakes::<T>::get(who, farm_id).ok_or(Error::<T>::NoStake)?;

		Self::update_farm(&mut farm);
		Self::settle(&farm, &mut stake)?;
		let amount = stake.pending;
		ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
		stake.pending = Zero::zero();
		farm.claimed = farm.claimed.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		T::RewardAssets::mint_into(farm.reward_asset.clone(), &beneficiary, amount)?;

		Self::deposit_event(Event::Claimed {
			farm_id,
			who: who.clone(),
			beneficiary,
			reward_asset: farm.reward_asset.clone(),
			amount,
		});
		Self::write_farm_and_stake(farm_id, farm, who, stake);
		Ok(())
	}

	/// [`Pallet::emergency_withdraw`].
	pub(crate) fn do_emergency_withdraw(
		who: &T::AccountId,
		farm_id: FarmId,
	) -> sp_runtime::DispatchResult {
		let mut farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		let stake = Stakes::<T>::get(who, farm_id).ok_or(Error::<T>::NoStake)?;

		Self::update_farm(&mut farm);
		let (accrued, _) = Self::accrued(&farm, &stake);
		let forfeited = stake.pending.saturating_add(accrued.into());
		farm.total_staked = farm.total_staked.saturating_sub(stake.amount);
		// Forfeited rewards were distributed but will never be minted.
		farm.forfeited = farm.forfeited.saturating_add(forfeited);
		// A stake of nothing (all unstaked, rewards left) moves no tokens: the transfer of zero
		// would fail for a holder whose LP account is gone (audit L-3).
		if !stake.amount.is_zero() {
			T::LpTokens::transfer(
				farm.lp_token,
				&Self::account_id(),
				who,
				stake.amount,
				Preservation::Expendable,
			)?;
		}

		Self::deposit_event(Event::EmergencyWithdrawn {
			farm_id,
			who: who.clone(),
			amount: stake.amount,
			forfeited,
		});
		Self::write_farm_and_stake(farm_id, farm, who, StakeInfo::default());
		Ok(())
	}

	/// [`Pallet::add_liquidity_and_stake`]: the AMM's deposit, then [`Self::do_stake`] of the
	/// minted LP tokens.
	pub(crate) fn do_add_liquidity_and_stake(
		who: &T::AccountId,
		farm_id: FarmId,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
	) -> sp_runtime::DispatchResult {
		let farm = Farms::<T>::get(farm_id).ok_or(Error::<T>::FarmNotFound)?;
		Self::ensure_running(&farm)?;
		let minted = T::Amm::add_liquidity(
			who,
			&farm.lp_token,
			amount1_desired,
			amount2_desired,
			amount1_min,
			amount2_min,
		)?;
		Self::do_stake(who, farm_id, minted)
	}
}
