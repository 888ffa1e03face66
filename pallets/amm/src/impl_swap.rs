//! The SDK's swap traits (`pallet_asset_conversion::{Swap, SwapCredit, QuotePrice}`), so that other
//! pallets, e.g. the asset-conversion transaction-payment extension, can trade through this AMM.

use super::*;
use frame_support::storage::with_storage_layer;
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};
use sp_runtime::traits::Bounded;

impl<T: Config> Swap<T::AccountId> for Pallet<T> {
	type Balance = T::Balance;
	type AssetKind = T::AssetKind;

	fn max_path_len() -> u32 {
		T::MaxSwapPathLength::get()
	}

	fn swap_exact_tokens_for_tokens(
		sender: T::AccountId,
		path: Vec<T::AssetKind>,
		amount_in: T::Balance,
		amount_out_min: Option<T::Balance>,
		send_to: T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		with_storage_layer(|| {
			Self::do_swap_exact_in(
				&sender,
				path,
				amount_in,
				amount_out_min.unwrap_or_else(Zero::zero),
				&send_to,
				keep_alive,
			)
		})
	}

	fn swap_tokens_for_exact_tokens(
		sender: T::AccountId,
		path: Vec<T::AssetKind>,
		amount_out: T::Balance,
		amount_in_max: Option<T::Balance>,
		send_to: T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		with_storage_layer(|| {
			Self::do_swap_exact_out(
				&sender,
				path,
				amount_out,
				amount_in_max.unwrap_or_else(T::Balance::max_value),
				&send_to,
				keep_alive,
			)
		})
	}
}

impl<T: Config> SwapCredit<T::AccountId> for Pallet<T> {
	type Balance = T::Balance;
	type AssetKind = T::AssetKind;
	type Credit = CreditOf<T>;

	fn max_path_len() -> u32 {
		T::MaxSwapPathLength::get()
	}

	fn swap_exact_tokens_for_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out_min: Option<T::Balance>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let plan = Self::ensure_credit_pays_path(&path, &credit_in).and_then(|()| {
			Self::plan_exact_in(&path, credit_in.peek(), amount_out_min.unwrap_or_else(Zero::zero))
		});
		match plan {
			Ok((hops, amounts)) => Self::swap_credit(hops, &amounts, credit_in),
			Err(error) => Err((credit_in, error)),
		}
	}

	fn swap_tokens_for_exact_tokens(
		path: Vec<T::AssetKind>,
		credit_in: CreditOf<T>,
		amount_out: T::Balance,
	) -> Result<(CreditOf<T>, CreditOf<T>), (CreditOf<T>, DispatchError)> {
		let plan = Self::ensure_credit_pays_path(&path, &credit_in)
			.and_then(|()| Self::plan_exact_out(&path, amount_out, credit_in.peek()));
		let (hops, amounts) = match plan {
			Ok(plan) => plan,
			Err(error) => return Err((credit_in, error)),
		};
		let (credit_in, change) = credit_in.split(Self::to_balance(amounts[0]));
		match Self::swap_credit(hops, &amounts, credit_in) {
			Ok(credit_out) => Ok((credit_out, change)),
			// Both halves come from one split, so they are of the same asset and merge.
			Err((credit_in, error)) => {
				Err((credit_in.merge(change).unwrap_or_else(|(a, _)| a), error))
			}
		}
	}
}

impl<T: Config> Pallet<T> {
	fn ensure_credit_pays_path(
		path: &[T::AssetKind],
		credit: &CreditOf<T>,
	) -> Result<(), DispatchError> {
		ensure!(path.first() == Some(&credit.asset()), Error::<T>::CreditAssetMismatch);
		Ok(())
	}
}

impl<T: Config> QuotePrice for Pallet<T> {
	type Balance = T::Balance;
	type AssetKind = T::AssetKind;

	/// What `amount` of `asset1` buys of `asset2` in their pool: the swap's output with
	/// `include_fee`, the spot value (`amount · R2 / R1`, rounded down) without.
	fn quote_price_exact_tokens_for_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: T::Balance,
		include_fee: bool,
	) -> Option<T::Balance> {
		let (reserve_in, reserve_out, fee_bps) = Self::hop(&asset1, &asset2).ok()?.math_view();
		let value = if include_fee {
			math::amount_out(amount.into(), reserve_in, reserve_out, fee_bps)
		} else {
			math::quote(amount.into(), reserve_in, reserve_out)
		};
		value.ok().map(Self::to_balance)
	}

	/// What it costs in `asset1` to get `amount` of `asset2` from their pool: the swap's input
	/// with `include_fee` (rounded up), the spot value (`amount · R1 / R2`, rounded down) without.
	fn quote_price_tokens_for_exact_tokens(
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		amount: T::Balance,
		include_fee: bool,
	) -> Option<T::Balance> {
		let (reserve_in, reserve_out, fee_bps) = Self::hop(&asset1, &asset2).ok()?.math_view();
		let value = if include_fee {
			math::amount_in(amount.into(), reserve_in, reserve_out, fee_bps)
		} else {
			math::quote(amount.into(), reserve_out, reserve_in)
		};
		value.ok().map(Self::to_balance)
	}
}
