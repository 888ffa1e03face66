//! Liquidity: deposits that mint LP tokens and withdrawals that burn them.
//!
//! Both run as plan → apply, like swaps: [`Pallet::plan_deposit`] and
//! [`Pallet::plan_withdrawal`] read the pool, compute every amount with the pure math and make
//! every check; only then do [`Pallet::apply_deposit`] and [`Pallet::apply_withdrawal`] mint the
//! protocol fee, move tokens and write. The runtime API's liquidity quotes are the plans.

use super::*;
use crate::protocol_fee::ProtocolFeePlan;

/// A deposit computed against a pool's state, before anything moves. Amounts in the pool's order.
pub(crate) struct DepositPlan<T: Config> {
	pub(crate) pool_id: PoolIdOf<T>,
	pub(crate) info: PoolInfoOf<T>,
	/// The pool's account.
	pub(crate) account: T::AccountId,
	pub(crate) protocol_fee: ProtocolFeePlan<T::AccountId, T::Balance>,
	/// What the deposit takes of each asset.
	pub(crate) amounts: (T::Balance, T::Balance),
	/// LP tokens minted to the depositor.
	pub(crate) lp_minted: T::Balance,
	/// LP tokens minted to the pool's account and locked there forever: the minimum liquidity on
	/// the first deposit, zero after it.
	pub(crate) lp_locked: T::Balance,
	/// The pool's LP supply once the deposit is done.
	pub(crate) lp_supply_after: T::Balance,
}

/// A withdrawal computed against a pool's state, before anything moves. Amounts in the pool's
/// order.
pub(crate) struct WithdrawalPlan<T: Config> {
	pub(crate) pool_id: PoolIdOf<T>,
	pub(crate) info: PoolInfoOf<T>,
	/// The pool's account.
	pub(crate) account: T::AccountId,
	pub(crate) protocol_fee: ProtocolFeePlan<T::AccountId, T::Balance>,
	/// What burning the LP tokens pays out of each asset.
	pub(crate) amounts: (T::Balance, T::Balance),
	/// LP tokens burned.
	pub(crate) lp_burned: T::Balance,
}

impl<T: Config> Pallet<T> {
	/// Adds liquidity; the amounts and minimums are in the caller's asset order.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_add_liquidity(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
		mint_to: &T::AccountId,
	) -> Result<T::Balance, DispatchError> {
		let plan = Self::plan_deposit(
			asset1,
			asset2,
			(amount1_desired, amount2_desired),
			(amount1_min, amount2_min),
		)?;
		Self::apply_deposit(who, mint_to, plan)
	}

	/// Plans a deposit of up to `desired` with at least `min` of each asset, both in the order of
	/// `asset1` and `asset2`: the amounts that keep the pool's ratio (any on the first deposit)
	/// and the LP tokens they mint, after the protocol fee due. Reads only.
	pub(crate) fn plan_deposit(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		desired: (T::Balance, T::Balance),
		min: (T::Balance, T::Balance),
	) -> Result<DepositPlan<T>, DispatchError> {
		let pool_id = Self::pool_id(asset1.clone(), asset2)?;
		// Work in the pool's order from here on.
		let (desired1, desired2) = Self::in_pool_order(&pool_id, &asset1, desired);
		let (min1, min2) = Self::in_pool_order(&pool_id, &asset1, min);
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(!desired1.is_zero() && !desired2.is_zero(), Error::<T>::ZeroAmount);

		let account = Self::pool_account(&pool_id);
		let lp_supply = Self::lp_supply(info.lp_token);
		let first_deposit = lp_supply.is_zero();
		// Before the first deposit, tokens already in the pool's account are a gift to its first
		// LP: the deposit sets the price with the amounts asked for.
		let reserves = if first_deposit {
			(Zero::zero(), Zero::zero())
		} else {
			Self::reserves_at(&pool_id, &account)
		};
		let protocol_fee = Self::plan_protocol_fee(&info, reserves, lp_supply)?;
		let lp_supply = Self::supply_after_fee(lp_supply, &protocol_fee)?;
		let (amount1, amount2) = math::optimal_deposit(
			desired1.into(),
			desired2.into(),
			reserves.0.into(),
			reserves.1.into(),
		)
		.map_err(Self::math_error)?;
		let (amount1, amount2) = (Self::to_balance(amount1), Self::to_balance(amount2));
		ensure!(!amount1.is_zero() && !amount2.is_zero(), Error::<T>::ZeroLpMinted);
		ensure!(amount1 >= min1 && amount2 >= min2, Error::<T>::DepositBelowMinimum);

		let (lp_minted, lp_locked, lp_supply) = if first_deposit {
			let total =
				math::initial_lp(amount1.into(), amount2.into()).map_err(Self::math_error)?;
			let locked = T::MintMinLiquidity::get();
			let lp_minted = Self::to_balance(total)
				.checked_sub(&locked)
				.filter(|lp| !lp.is_zero())
				.ok_or(Error::<T>::InsufficientInitialLiquidity)?;
			(lp_minted, locked, locked)
		} else {
			let lp = math::lp_for_deposit(
				amount1.into(),
				amount2.into(),
				reserves.0.into(),
				reserves.1.into(),
				lp_supply.into(),
			)
			.map_err(Self::math_error)?;
			ensure!(lp > 0, Error::<T>::ZeroLpMinted);
			(Self::to_balance(lp), Zero::zero(), lp_supply)
		};
		let lp_supply_after = lp_supply.checked_add(&lp_minted).ok_or(Error::<T>::Overflow)?;
		Ok(DepositPlan {
			pool_id,
			info,
			account,
			protocol_fee,
			amounts: (amount1, amount2),
			lp_minted,
			lp_locked,
			lp_supply_after,
		})
	}

	/// Carries out a planned deposit from `who`, minting its LP tokens to `mint_to`, and records
	/// it in `mint_to`'s deposit basis; returns the LP tokens minted.
	pub(crate) fn apply_deposit(
		who: &T::AccountId,
		mint_to: &T::AccountId,
		plan: DepositPlan<T>,
	) -> Result<T::Balance, DispatchError> {
		let DepositPlan {
			pool_id,
			info,
			account,
			protocol_fee,
			amounts: (amount1, amount2),
			lp_minted,
			lp_locked,
			lp_supply_after,
		} = plan;
		let lp_token = info.lp_token;
		let fee_on = protocol_fee.fee_on;
		Self::apply_protocol_fee(&pool_id, lp_token, protocol_fee)?;
		let first_deposit = !lp_locked.is_zero();
		if first_deposit {
			T::PoolAssets::mint_into(lp_token, &account, lp_locked)?;
		}
		T::Assets::transfer(pool_id.0.clone(), who, &account, amount1, Preservation::Preserve)?;
		T::Assets::transfer(pool_id.1.clone(), who, &account, amount2, Preservation::Preserve)?;
		T::PoolAssets::mint_into(lp_token, mint_to, lp_minted)?;

		let reserves = Self::reserves_at(&pool_id, &account);
		Self::set_root_k_last(&pool_id, info, fee_on, reserves);
		if first_deposit {
			InitialLiquidities::<T>::insert(
				lp_token,
				InitialLiquidity { provider: mint_to.clone(), lp_minted },
			);
		}
		Self::record_deposit(
			lp_token,
			mint_to,
			lp_minted,
			(amount1, amount2),
			reserves,
			lp_supply_after,
		);

		Self::deposit_event(Event::LiquidityAdded {
			who: who.clone(),
			mint_to: mint_to.clone(),
			pool_id,
			amount1,
			amount2,
			lp_token,
			lp_minted,
			reserves,
		});
		Ok(lp_minted)
	}

	/// Removes liquidity; the minimums are in the caller's asset order.
	pub(crate) fn do_remove_liquidity(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		lp_amount: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
		withdraw_to: &T::AccountId,
	) -> Result<(T::Balance, T::Balance), DispatchError> {
		let (plan, lp_held) = Self::plan_withdrawal(
			Some(who),
			asset1,
			asset2,
			lp_amount,
			(amount1_min, amount2_min),
		)?;
		Self::apply_withdrawal(who, withdraw_to, plan, lp_held)
	}

	/// Plans burning `lp_amount` LP tokens for at least `min` of each asset (in the order of
	/// `asset1` and `asset2`): the pro-rata share of the reserves after the protocol fee due.
	/// With a `holder`, also checks that it holds that many LP tokens outside any lock, and
	/// returns how many it holds. Reads only.
	pub(crate) fn plan_withdrawal(
		holder: Option<&T::AccountId>,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		lp_amount: T::Balance,
		min: (T::Balance, T::Balance),
	) -> Result<(WithdrawalPlan<T>, T::Balance), DispatchError> {
		let pool_id = Self::pool_id(asset1.clone(), asset2)?;
		let (min1, min2) = Self::in_pool_order(&pool_id, &asset1, min);
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		ensure!(!lp_amount.is_zero(), Error::<T>::ZeroAmount);
		let mut lp_held = Zero::zero();
		if let Some(who) = holder {
			lp_held = T::PoolAssets::balance(info.lp_token, who);
			ensure!(lp_held >= lp_amount, Error::<T>::InsufficientLpTokens);
			let locked = Self::locked_lp_tokens(info.lp_token, who);
			ensure!(lp_held.saturating_sub(locked) >= lp_amount, Error::<T>::LpTokensLocked);
		}

		let account = Self::pool_account(&pool_id);
		let reserves = Self::reserves_at(&pool_id, &account);
		let lp_supply = Self::lp_supply(info.lp_token);
		let protocol_fee = Self::plan_protocol_fee(&info, reserves, lp_supply)?;
		let lp_supply = Self::supply_after_fee(lp_supply, &protocol_fee)?;
		let (amount1, amount2) = math::withdrawal(
			lp_amount.into(),
			reserves.0.into(),
			reserves.1.into(),
			lp_supply.into(),
		)
		.map_err(Self::math_error)?;
		let (amount1, amount2) = (Self::to_balance(amount1), Self::to_balance(amount2));
		// Each side pays something, except a side whose reserve is empty: only an asset's issuer
		// can empty a reserve (burning or moving the pool's balance, or destroying the asset),
		// and the LPs can then still withdraw what remains of the other side.
		ensure!(
			(!amount1.is_zero() || reserves.0.is_zero())
				&& (!amount2.is_zero() || reserves.1.is_zero())
				&& !(amount1.is_zero() && amount2.is_zero()),
			Error::<T>::ZeroAmount
		);
		ensure!(amount1 >= min1 && amount2 >= min2, Error::<T>::WithdrawalBelowMinimum);
		let plan = WithdrawalPlan {
			pool_id,
			info,
			account,
			protocol_fee,
			amounts: (amount1, amount2),
			lp_burned: lp_amount,
		};
		Ok((plan, lp_held))
	}

	/// Carries out a planned withdrawal: burns `who`'s LP tokens, of the `lp_held` it held, pays
	/// `withdraw_to`, and takes the share burned out of `who`'s deposit basis.
	pub(crate) fn apply_withdrawal(
		who: &T::AccountId,
		withdraw_to: &T::AccountId,
		plan: WithdrawalPlan<T>,
		lp_held: T::Balance,
	) -> Result<(T::Balance, T::Balance), DispatchError> {
		let WithdrawalPlan {
			pool_id,
			info,
			account,
			protocol_fee,
			amounts: (amount1, amount2),
			lp_burned,
		} = plan;
		let lp_token = info.lp_token;
		let fee_on = protocol_fee.fee_on;
		Self::apply_protocol_fee(&pool_id, lp_token, protocol_fee)?;
		T::PoolAssets::burn_from(
			lp_token,
			who,
			lp_burned,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		let pay = |asset: &T::AssetKind, amount: T::Balance| {
			if amount.is_zero() {
				return Ok(Zero::zero());
			}
			T::Assets::transfer(
				asset.clone(),
				&account,
				withdraw_to,
				amount,
				Preservation::Preserve,
			)
		};
		pay(&pool_id.0, amount1)?;
		pay(&pool_id.1, amount2)?;

		let reserves = Self::reserves_at(&pool_id, &account);
		Self::set_root_k_last(&pool_id, info, fee_on, reserves);
		Self::consume_basis(lp_token, who, lp_burned, lp_held);

		Self::deposit_event(Event::LiquidityRemoved {
			who: who.clone(),
			withdraw_to: withdraw_to.clone(),
			pool_id,
			amount1,
			amount2,
			lp_token,
			lp_burned,
			reserves,
		});
		Ok((amount1, amount2))
	}

	/// Adds liquidity to the pool of `lp_token` for `who` (amounts in the pool's asset order),
	/// minting the LP tokens to `who`; returns how many. For other pallets, e.g. farms that
	/// deposit and stake in one call.
	pub fn add_liquidity_to_pool_of(
		who: &T::AccountId,
		lp_token: T::PoolAssetId,
		amount1_desired: T::Balance,
		amount2_desired: T::Balance,
		amount1_min: T::Balance,
		amount2_min: T::Balance,
	) -> Result<T::Balance, DispatchError> {
		let (asset1, asset2) = Self::pool_of_lp_token(lp_token).ok_or(Error::<T>::PoolNotFound)?;
		Self::do_add_liquidity(
			who,
			asset1,
			asset2,
			amount1_desired,
			amount2_desired,
			amount1_min,
			amount2_min,
			who,
		)
	}
}
