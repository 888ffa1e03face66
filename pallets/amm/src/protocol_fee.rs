//! The protocol fee: a share of the LPs' fee income minted as LP tokens at each pool's next
//! liquidity change (Uniswap V2's `_mintFee`), measured by the growth of `sqrt(k)`.
//!
//! A liquidity change first plans the fee ([`Pallet::plan_protocol_fee`], reads only), computes
//! its own amounts against the LP supply that includes it, and mints it
//! ([`Pallet::apply_protocol_fee`]) only once every check has passed.

use super::*;
use sp_arithmetic::Permill;
use sp_runtime::DispatchResult;

/// The protocol fee a liquidity change mints before its own LP tokens.
pub(crate) struct ProtocolFeePlan<AccountId, Balance> {
	/// Whether the protocol fee is on: then the change records `sqrt(k)` afterwards.
	pub(crate) fee_on: bool,
	/// LP tokens to mint and to whom; `None` when nothing is due or the receiver cannot hold them.
	pub(crate) mint: Option<(AccountId, Balance)>,
}

impl<T: Config> Pallet<T> {
	/// The protocol's share of the pool's fee income since the last liquidity change, if the
	/// protocol fee is on. `reserves` are the pool's and `lp_supply` its LP supply before the
	/// change. Reads only.
	pub(crate) fn plan_protocol_fee(
		info: &PoolInfoOf<T>,
		reserves: (T::Balance, T::Balance),
		lp_supply: T::Balance,
	) -> Result<ProtocolFeePlan<T::AccountId, T::Balance>, DispatchError> {
		let Some(config) = ProtocolFee::<T>::get() else {
			return Ok(ProtocolFeePlan { fee_on: false, mint: None });
		};
		let minted = math::protocol_fee_lp(
			info.root_k_last,
			reserves.0.into(),
			reserves.1.into(),
			lp_supply.into(),
			config.share.deconstruct(),
		)
		.map_err(Self::math_error)?;
		let minted = Self::to_balance(minted);
		// A receiver that cannot hold the LP token (e.g. an account that was reaped) forgoes this
		// interval's fee, which stays with the LPs: liquidity changes must never be blocked by it.
		let receivable =
			T::PoolAssets::can_deposit(info.lp_token, &config.receiver, minted, Provenance::Minted)
				== DepositConsequence::Success;
		let mint = (!minted.is_zero() && receivable).then_some((config.receiver, minted));
		Ok(ProtocolFeePlan { fee_on: true, mint })
	}

	/// The LP supply once the planned protocol fee is minted.
	pub(crate) fn supply_after_fee(
		lp_supply: T::Balance,
		fee: &ProtocolFeePlan<T::AccountId, T::Balance>,
	) -> Result<T::Balance, DispatchError> {
		match &fee.mint {
			Some((_, minted)) => Ok(lp_supply.checked_add(minted).ok_or(Error::<T>::Overflow)?),
			None => Ok(lp_supply),
		}
	}

	/// Mints a planned protocol fee and emits [`Event::ProtocolFeeMinted`].
	pub(crate) fn apply_protocol_fee(
		pool_id: &PoolIdOf<T>,
		lp_token: T::PoolAssetId,
		fee: ProtocolFeePlan<T::AccountId, T::Balance>,
	) -> DispatchResult {
		if let Some((receiver, lp_minted)) = fee.mint {
			T::PoolAssets::mint_into(lp_token, &receiver, lp_minted)?;
			Self::deposit_event(Event::ProtocolFeeMinted {
				pool_id: pool_id.clone(),
				receiver,
				lp_minted,
			});
		}
		Ok(())
	}

	/// Records `sqrt(k)` after a liquidity change while the protocol fee is on (zero while it is
	/// off), writing the pool only when that changes it.
	pub(crate) fn set_root_k_last(
		pool_id: &PoolIdOf<T>,
		mut info: PoolInfoOf<T>,
		fee_on: bool,
		reserves: (T::Balance, T::Balance),
	) {
		let root_k_last =
			if fee_on { math::root_k(reserves.0.into(), reserves.1.into()) } else { U256::zero() };
		if root_k_last != info.root_k_last {
			info.root_k_last = root_k_last;
			Pools::<T>::insert(pool_id, info);
		}
	}

	/// Switches the protocol fee on (or changes it) with `Some`, or off with `None`.
	pub(crate) fn do_set_protocol_fee(
		config: Option<ProtocolFeeConfig<T::AccountId>>,
	) -> DispatchResult {
		if let Some(config) = &config {
			ensure!(config.share > Permill::zero(), Error::<T>::ZeroAmount);
		}
		ProtocolFee::<T>::set(config.clone());
		Self::deposit_event(Event::ProtocolFeeSet { config });
		Ok(())
	}
}
