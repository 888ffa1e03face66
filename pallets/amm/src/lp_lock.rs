//! LP locks as the LP token pallet's freezer: `pallet_assets` asks it how much of an account's
//! LP tokens must stay put, so a lock blocks transfers as well as removals.

use super::*;
use sp_runtime::DispatchResult;

/// Use as `type Freezer = Amm` of the `pallet_assets` instance that holds the LP tokens.
impl<T: Config> pallet_assets::FrozenBalance<T::PoolAssetId, T::AccountId, T::Balance>
	for Pallet<T>
{
	/// The LP tokens under a running lock; `None` without one, so unlocked accounts pay no
	/// more than this read.
	fn frozen_balance(lp_token: T::PoolAssetId, who: &T::AccountId) -> Option<T::Balance> {
		Some(Self::locked_lp_tokens(lp_token, who)).filter(|locked| !locked.is_zero())
	}

	/// An account can only be reaped once its lock has expired: drop the lock's record.
	fn died(lp_token: T::PoolAssetId, who: &T::AccountId) {
		LpLocks::<T>::remove(lp_token, who);
	}

	/// Whether any account has a lock, expired or not, on `lp_token`.
	fn contains_freezes(lp_token: T::PoolAssetId) -> bool {
		LpLocks::<T>::iter_prefix(lp_token).next().is_some()
	}
}

impl<T: Config> Pallet<T> {
	/// Locks `amount` more of `who`'s LP tokens of a pool until `until`; returns the lock.
	pub(crate) fn do_lock_lp_tokens(
		who: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: T::Balance,
		until: BlockNumberFor<T>,
	) -> Result<LpLockOf<T>, DispatchError> {
		let pool_id = Self::pool_id(asset1, asset2)?;
		let lp_token = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?.lp_token;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(until > now, Error::<T>::LockEndsInThePast);
		let running = LpLocks::<T>::get(lp_token, who).filter(|lock| lock.until > now);
		ensure!(!amount.is_zero() || running.is_some(), Error::<T>::ZeroAmount);
		let running = running.unwrap_or_default();
		ensure!(until >= running.until, Error::<T>::LockShortened);
		let total = running.amount.checked_add(&amount).ok_or(Error::<T>::Overflow)?;
		ensure!(T::PoolAssets::balance(lp_token, who) >= total, Error::<T>::InsufficientLpTokens);
		let lock = LpLock { amount: total, until };
		LpLocks::<T>::insert(lp_token, who, lock.clone());
		Self::deposit_event(Event::LpTokensLocked {
			who: who.clone(),
			pool_id,
			lp_token,
			amount,
			total_locked: total,
			until,
		});
		Ok(lock)
	}

	/// Clears `who`'s expired lock on the LP tokens of the pool of `asset1` and `asset2`.
	pub(crate) fn do_unlock_lp_tokens(
		who: T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
	) -> DispatchResult {
		let pool_id = Self::pool_id(asset1, asset2)?;
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let lock = LpLocks::<T>::get(info.lp_token, &who).ok_or(Error::<T>::NoLock)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= lock.until, Error::<T>::LockNotExpired);
		LpLocks::<T>::remove(info.lp_token, &who);
		Self::deposit_event(Event::LpTokensUnlocked {
			who,
			pool_id,
			lp_token: info.lp_token,
			amount: lock.amount,
		});
		Ok(())
	}

	/// `who`'s LP tokens of `lp_token` under a lock that has not expired.
	pub fn locked_lp_tokens(lp_token: T::PoolAssetId, who: &T::AccountId) -> T::Balance {
		let now = frame_system::Pallet::<T>::block_number();
		LpLocks::<T>::get(lp_token, who)
			.filter(|lock| lock.until > now)
			.map_or_else(Zero::zero, |lock| lock.amount)
	}

	/// The first deposit of the pool of `lp_token`, how much of it its provider has locked, and
	/// what share of the pool's LP supply that lock holds.
	pub fn initial_liquidity_lock(lp_token: T::PoolAssetId) -> Option<InitialLiquidityLockOf<T>> {
		let InitialLiquidity { provider, lp_minted } = InitialLiquidities::<T>::get(lp_token)?;
		let now = frame_system::Pallet::<T>::block_number();
		let lock = LpLocks::<T>::get(lp_token, &provider).filter(|lock| lock.until > now);
		let locked = lock.as_ref().map_or_else(Zero::zero, |lock| lock.amount);
		let supply: u128 = Self::lp_supply(lp_token).into();
		let locked_share_ppm = if supply == 0 {
			0
		} else {
			// At most 10^6: a lock never covers more than the supply.
			valuation::pro_rata(math::PPM.into(), locked.into(), supply).min(math::PPM.into())
				as u32
		};
		Some(InitialLiquidityLock {
			provider,
			lp_minted,
			locked,
			locked_until: lock.map(|lock| lock.until),
			fully_locked: !lp_minted.is_zero() && locked >= lp_minted,
			locked_share_ppm,
		})
	}
}
