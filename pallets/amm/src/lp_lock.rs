//! LP locks as the LP token pallet's freezer: `pallet_assets` asks it how much of an account's
//! LP tokens must stay put, so a lock blocks transfers as well as removals.

use super::*;

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
