//! Swaps along a path of pools: resolve the path against storage, plan every hop's amounts
//! with the pure math, move the tokens, emit the event. Quotes run the same steps without the
//! moves, so a quote equals the executed amounts.

use super::*;
use sp_runtime::DispatchResult;

/// A swap path resolved against storage: each hop's pool and the direction of travel.
pub(crate) struct Hop<T: Config> {
	pool_id: PoolIdOf<T>,
	/// The pool's account, which holds its reserves.
	account: T::AccountId,
	fee_bps: u32,
	asset_in: T::AssetKind,
	asset_out: T::AssetKind,
	/// The pool's reserves of `asset_in` and `asset_out`.
	reserves: (u128, u128),
}

impl<T: Config> Hop<T> {
	/// `(reserve_in, reserve_out, fee_bps)` as the math expects it.
	pub(crate) fn math_view(&self) -> (u128, u128, u32) {
		(self.reserves.0, self.reserves.1, self.fee_bps)
	}
}

/// What a swap moved, for its event.
pub(crate) struct SwapTrace<T: Config> {
	path: Vec<(T::AssetKind, T::Balance)>,
	fees: Vec<T::Balance>,
}

/// A credit of the pallet's assets (an imbalance not yet in any account).
pub type CreditOf<T> =
	fungibles::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Assets>;

impl<T: Config> Pallet<T> {
	/// Resolves a path into hops with their pools, checking its length and that no pool repeats.
	pub(crate) fn resolve_path(path: &[T::AssetKind]) -> Result<Vec<Hop<T>>, DispatchError> {
		ensure!(
			path.len() >= 2 && path.len() <= T::MaxSwapPathLength::get() as usize,
			Error::<T>::InvalidPathLength
		);
		let mut hops: Vec<Hop<T>> = Vec::with_capacity(path.len() - 1);
		for pair in path.windows(2) {
			let hop = Self::hop(&pair[0], &pair[1])?;
			ensure!(
				hops.iter().all(|seen| seen.pool_id != hop.pool_id),
				Error::<T>::PathRepeatsPool
			);
			hops.push(hop);
		}
		Ok(hops)
	}

	/// The pool of `asset_in` and `asset_out` as a trade from `asset_in` sees it: its reserves
	/// of the asset going in and of the asset coming out, and its fee. The one place that orients
	/// a pool for a trade.
	pub(crate) fn hop(
		asset_in: &T::AssetKind,
		asset_out: &T::AssetKind,
	) -> Result<Hop<T>, DispatchError> {
		let pool_id = Self::pool_id(asset_in.clone(), asset_out.clone())?;
		let info = Pools::<T>::get(&pool_id).ok_or(Error::<T>::PoolNotFound)?;
		let account = Self::pool_account(&pool_id);
		let (reserve1, reserve2) = Self::reserves_at(&pool_id, &account);
		let reserves = Self::in_pool_order(&pool_id, asset_in, (reserve1.into(), reserve2.into()));
		Ok(Hop {
			pool_id,
			account,
			fee_bps: info.fee_bps,
			asset_in: asset_in.clone(),
			asset_out: asset_out.clone(),
			reserves,
		})
	}

	/// Each hop's `(reserve_in, reserve_out, fee_bps)`, as the math takes a path.
	pub(crate) fn math_hops(hops: &[Hop<T>]) -> Vec<(u128, u128, u32)> {
		hops.iter().map(Hop::math_view).collect()
	}

	/// Quote of an exact-input swap along `path`, as the swap would execute now.
	pub fn quote_exact_in(
		path: &[T::AssetKind],
		amount_in: T::Balance,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_out_along(amount_in.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		Self::build_quote(&hops, amounts)
	}

	/// Quote of an exact-output swap along `path`, as the swap would execute now.
	pub fn quote_exact_out(
		path: &[T::AssetKind],
		amount_out: T::Balance,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_in_along(amount_out.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		Self::build_quote(&hops, amounts)
	}

	/// A quote from a path's hops and the amount at every step: fees and combined price impact.
	pub(crate) fn build_quote(
		hops: &[Hop<T>],
		amounts: Vec<u128>,
	) -> Result<SwapQuote<T::Balance>, DispatchError> {
		let mut fees = Vec::with_capacity(hops.len());
		let mut impacts = Vec::with_capacity(hops.len());
		for (i, hop) in hops.iter().enumerate() {
			let (reserve_in, reserve_out, fee_bps) = hop.math_view();
			fees.push(Self::to_balance(
				math::fee_of(amounts[i], fee_bps).map_err(Self::math_error)?,
			));
			impacts.push(
				math::price_impact_ppm(
					amounts[i],
					amounts[i + 1],
					reserve_in,
					reserve_out,
					fee_bps,
				)
				.map_err(Self::math_error)?,
			);
		}
		let last = amounts.len() - 1;
		Ok(SwapQuote {
			amount_in: Self::to_balance(amounts[0]),
			amount_out: Self::to_balance(amounts[last]),
			amounts: amounts.into_iter().map(Self::to_balance).collect(),
			fees,
			price_impact_ppm: math::combined_impact_ppm(&impacts),
		})
	}

	/// Computes an exact-input swap along `path`: its hops and the amount at every step.
	pub(crate) fn plan_exact_in(
		path: &[T::AssetKind],
		amount_in: T::Balance,
		amount_out_min: T::Balance,
	) -> Result<(Vec<Hop<T>>, Vec<u128>), DispatchError> {
		ensure!(!amount_in.is_zero(), Error::<T>::ZeroAmount);
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_out_along(amount_in.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		ensure!(
			Self::to_balance(amounts[amounts.len() - 1]) >= amount_out_min,
			Error::<T>::AmountOutTooLow
		);
		Ok((hops, amounts))
	}

	/// Computes an exact-output swap along `path`: its hops and the amount at every step.
	pub(crate) fn plan_exact_out(
		path: &[T::AssetKind],
		amount_out: T::Balance,
		amount_in_max: T::Balance,
	) -> Result<(Vec<Hop<T>>, Vec<u128>), DispatchError> {
		ensure!(!amount_out.is_zero(), Error::<T>::ZeroAmount);
		let hops = Self::resolve_path(path)?;
		let amounts = math::amounts_in_along(amount_out.into(), &Self::math_hops(&hops))
			.map_err(Self::math_error)?;
		ensure!(Self::to_balance(amounts[0]) <= amount_in_max, Error::<T>::AmountInTooHigh);
		Ok((hops, amounts))
	}

	/// Swaps an exact input; returns the amount sent to `send_to`.
	pub(crate) fn do_swap_exact_in(
		who: &T::AccountId,
		path: Vec<T::AssetKind>,
		amount_in: T::Balance,
		amount_out_min: T::Balance,
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		let (hops, amounts) = Self::plan_exact_in(&path, amount_in, amount_out_min)?;
		Self::execute_swap(who, hops, &amounts, send_to, keep_alive)?;
		Ok(Self::to_balance(amounts[amounts.len() - 1]))
	}

	/// Swaps for an exact output; returns the amount taken from `who`.
	pub(crate) fn do_swap_exact_out(
		who: &T::AccountId,
		path: Vec<T::AssetKind>,
		amount_out: T::Balance,
		amount_in_max: T::Balance,
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> Result<T::Balance, DispatchError> {
		let (hops, amounts) = Self::plan_exact_out(&path, amount_out, amount_in_max)?;
		Self::execute_swap(who, hops, &amounts, send_to, keep_alive)?;
		Ok(Self::to_balance(amounts[0]))
	}

	/// Moves the tokens of a computed swap from `who` through the pools to `send_to`. The
	/// caller's storage layer (every dispatchable has one) reverts everything if a transfer fails.
	pub(crate) fn execute_swap(
		who: &T::AccountId,
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		send_to: &T::AccountId,
		keep_alive: bool,
	) -> DispatchResult {
		let preservation =
			if keep_alive { Preservation::Preserve } else { Preservation::Expendable };
		let amount_in = Self::to_balance(amounts[0]);
		// The transfer below would fail too, with an arithmetic error for amounts past the
		// balance; this says what is wrong. (Amounts the account holds but cannot spend, frozen
		// or needed to keep it alive, fail in the transfer.)
		ensure!(
			T::Assets::balance(hops[0].asset_in.clone(), who) >= amount_in,
			sp_runtime::TokenError::FundsUnavailable
		);
		let first_pool = hops[0].account.clone();
		T::Assets::transfer(hops[0].asset_in.clone(), who, &first_pool, amount_in, preservation)?;
		let (trace, _) = Self::move_through_pools(hops, amounts, Some(send_to))?;
		Self::deposit_event(Event::SwapExecuted {
			who: who.clone(),
			send_to: send_to.clone(),
			amount_in,
			amount_out: Self::to_balance(amounts[amounts.len() - 1]),
			path: trace.path,
			fees: trace.fees,
		});
		Ok(())
	}

	/// Swaps a credit along computed hops: the output leaves the last pool as a credit, and only
	/// then `credit_in` goes into the first pool, so that every failure hands `credit_in` back
	/// whole with all storage changes reverted.
	pub(crate) fn swap_credit(
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		credit_in: CreditOf<T>,
	) -> Result<CreditOf<T>, (CreditOf<T>, DispatchError)> {
		let asset_in = credit_in.asset();
		let first_pool = hops[0].account.clone();
		let amount_out = Self::to_balance(amounts[amounts.len() - 1]);
		let mut credit_in = Some(credit_in);
		let outcome = with_transaction(|| {
			let result = (|| -> Result<CreditOf<T>, DispatchError> {
				let (trace, last_pool) = Self::move_through_pools(hops, amounts, None)?;
				let asset_out = trace.path[trace.path.len() - 1].0.clone();
				let credit_out = T::Assets::withdraw(
					asset_out,
					&last_pool,
					amount_out,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				let Some(credit) = credit_in.take() else {
					return Err(Error::<T>::ZeroAmount.into());
				};
				if let Err(credit) = T::Assets::resolve(&first_pool, credit) {
					credit_in = Some(credit);
					// Dropped inside the storage layer that is about to be reverted, the output
					// credit leaves no trace.
					drop(credit_out);
					return Err(sp_runtime::TokenError::BelowMinimum.into());
				}
				Self::deposit_event(Event::SwapCreditExecuted {
					amount_in: Self::to_balance(amounts[0]),
					amount_out,
					path: trace.path,
					fees: trace.fees,
				});
				Ok(credit_out)
			})();
			match result {
				Ok(credit_out) => TransactionOutcome::Commit(Ok(credit_out)),
				Err(error) => TransactionOutcome::Rollback(Err(error)),
			}
		});
		// On failure the input credit is still here, unless the storage layer could not even be
		// opened before it was taken (then the empty credit is all there is to return).
		outcome.map_err(|error| (credit_in.unwrap_or_else(|| CreditOf::<T>::zero(asset_in)), error))
	}

	/// Moves a swap's tokens from pool to pool (the input must reach the first pool separately).
	/// The output goes to `send_to`, or with `None` stays in the last pool, whose account is
	/// returned, for the caller to take out.
	pub(crate) fn move_through_pools(
		hops: Vec<Hop<T>>,
		amounts: &[u128],
		send_to: Option<&T::AccountId>,
	) -> Result<(SwapTrace<T>, T::AccountId), DispatchError> {
		let mut accounts: Vec<T::AccountId> = hops.iter().map(|hop| hop.account.clone()).collect();
		let mut trace = SwapTrace {
			path: Vec::with_capacity(hops.len() + 1),
			fees: Vec::with_capacity(hops.len()),
		};
		trace.path.push((hops[0].asset_in.clone(), Self::to_balance(amounts[0])));
		for (i, hop) in hops.into_iter().enumerate() {
			let hop_out = Self::to_balance(amounts[i + 1]);
			// Each hop pays straight into the next pool; the last one pays the recipient.
			if let Some(destination) = accounts.get(i + 1).or(send_to) {
				T::Assets::transfer(
					hop.asset_out.clone(),
					&accounts[i],
					destination,
					hop_out,
					Preservation::Preserve,
				)?;
			}
			trace.fees.push(Self::to_balance(
				math::fee_of(amounts[i], hop.fee_bps).map_err(Self::math_error)?,
			));
			trace.path.push((hop.asset_out, hop_out));
		}
		let last_pool = accounts.pop().ok_or(Error::<T>::InvalidPathLength)?;
		Ok((trace, last_pool))
	}
}
