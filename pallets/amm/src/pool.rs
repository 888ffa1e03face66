//! Pools: ids, accounts, reserves and LP supply, pool creation, and the checks every call
//! shares (deadlines, fee tiers, math errors).

use super::*;
use frame_support::BoundedVec;
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// The pool id of two assets: in ascending order.
	pub fn pool_id(asset1: T::AssetKind, asset2: T::AssetKind) -> Result<PoolIdOf<T>, Error<T>> {
		ensure!(asset1 != asset2, Error::<T>::IdenticalAssets);
		Ok(if asset1 < asset2 { (asset1, asset2) } else { (asset2, asset1) })
	}

	/// The account holding a pool's reserves: the account whose id is
	/// `blake2_256((pallet id, "pool", pool id))`, as wide as the account id type allows.
	pub fn pool_account(pool_id: &PoolIdOf<T>) -> T::AccountId {
		let hash = BlakeTwo256::hash(&(T::PalletId::get(), b"pool", pool_id).encode()).0;
		// Decoding from a zero-padded input cannot fail for fixed-width account ids; the
		// fallback only keeps this infallible for exotic ones.
		T::AccountId::decode(&mut TrailingZeroInput::new(&hash))
			.unwrap_or_else(|_| T::PalletId::get().into_sub_account_truncating(hash))
	}

	/// The pallet's own account, the admin of every LP token.
	pub fn pallet_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	pub(crate) fn ensure_deadline(deadline: Option<BlockNumberFor<T>>) -> Result<(), Error<T>> {
		if let Some(deadline) = deadline {
			ensure!(
				frame_system::Pallet::<T>::block_number() <= deadline,
				Error::<T>::DeadlinePassed
			);
		}
		Ok(())
	}

	pub(crate) fn validate_fee_tiers(tiers: &[u32]) -> Result<(), Error<T>> {
		ensure!(!tiers.is_empty(), Error::<T>::InvalidFeeTiers);
		for (i, tier) in tiers.iter().enumerate() {
			ensure!(*tier < math::BPS, Error::<T>::InvalidFeeTiers);
			ensure!(!tiers[..i].contains(tier), Error::<T>::InvalidFeeTiers);
		}
		ensure!(tiers.contains(&T::DefaultFeeTier::get()), Error::<T>::DefaultFeeTierNotAllowed);
		Ok(())
	}

	pub(crate) fn to_balance(value: u128) -> T::Balance {
		value.into()
	}

	pub(crate) fn math_error(error: math::MathError) -> DispatchError {
		match error {
			math::MathError::ZeroAmount => Error::<T>::ZeroAmount.into(),
			math::MathError::InsufficientLiquidity => Error::<T>::InsufficientLiquidity.into(),
			math::MathError::Overflow => Error::<T>::Overflow.into(),
			math::MathError::InvalidFee => Error::<T>::InvalidFeeTiers.into(),
		}
	}

	/// Creates a pool; `charge_fee` is false only at genesis.
	pub(crate) fn do_create_pool(
		creator: &T::AccountId,
		asset1: T::AssetKind,
		asset2: T::AssetKind,
		fee_bps: u32,
		charge_fee: bool,
	) -> Result<PoolIdOf<T>, DispatchError> {
		let pool_id = Self::pool_id(asset1, asset2)?;
		ensure!(!Pools::<T>::contains_key(&pool_id), Error::<T>::PoolExists);
		ensure!(FeeTiers::<T>::get().contains(&fee_bps), Error::<T>::FeeTierNotAllowed);
		ensure!(T::Assets::asset_exists(pool_id.0.clone()), Error::<T>::UnknownAsset);
		ensure!(T::Assets::asset_exists(pool_id.1.clone()), Error::<T>::UnknownAsset);

		let lp_token = match NextPoolAssetId::<T>::get() {
			Some(id) => id,
			None => T::PoolAssetId::initial_value().ok_or(Error::<T>::LpTokenIdsExhausted)?,
		};
		let next_lp_token = lp_token.increment().ok_or(Error::<T>::LpTokenIdsExhausted)?;

		if charge_fee {
			let fee = T::PoolSetupFee::get();
			if !fee.is_zero() {
				T::Assets::transfer(
					T::PoolSetupFeeAsset::get(),
					creator,
					&T::PoolSetupFeeReceiver::get(),
					fee,
					Preservation::Preserve,
				)?;
			}
		}

		let pool_account = Self::pool_account(&pool_id);
		// The pool's account must exist for as long as the pool does, whatever it holds.
		frame_system::Pallet::<T>::inc_providers(&pool_account);

		let admin = Self::pallet_account();
		T::PoolAssets::create(lp_token, admin.clone(), false, 1u128.into())?;
		let (symbol1, symbol2) = (Self::short_symbol(&pool_id.0), Self::short_symbol(&pool_id.1));
		let name = [b"LP ".as_slice(), &symbol1, b"/", &symbol2].concat();
		let symbol = [b"LP-".as_slice(), &symbol1, b"-", &symbol2].concat();
		let decimals = ((T::AssetMetadata::decimals(&pool_id.0) as u16
			+ T::AssetMetadata::decimals(&pool_id.1) as u16)
			/ 2) as u8;
		<T::PoolAssets as fungibles::metadata::Mutate<T::AccountId>>::set(
			lp_token, &admin, name, symbol, decimals,
		)?;
		// Its accounts of both assets and of the LP token (which holds the locked minimum
		// liquidity) exist from now on, for the creator's account deposits: they take no
		// consumer reference, so no dust of other assets sent to the pool's account before its
		// first deposit can use up its references and block it. (`should_touch` would not do:
		// it declines while the account still has room for references.) An account that holds
		// something already exists and keeps what it holds; the native token needs no touch.
		for asset in [&pool_id.0, &pool_id.1] {
			if T::Assets::balance(asset.clone(), &pool_account).is_zero() {
				T::Assets::touch(asset.clone(), &pool_account, creator)?;
			}
		}
		T::PoolAssets::touch(lp_token, &pool_account, creator)?;

		Pools::<T>::insert(&pool_id, PoolInfo { lp_token, fee_bps, root_k_last: U256::zero() });
		LpTokenPools::<T>::insert(lp_token, &pool_id);
		NextPoolAssetId::<T>::put(next_lp_token);

		Self::deposit_event(Event::PoolCreated {
			creator: creator.clone(),
			pool_id: pool_id.clone(),
			pool_account,
			lp_token,
			fee_bps,
		});
		// New pools get a price oracle while there is room; once the slots are full, the admin
		// origin chooses which pools keep one.
		if (OraclePools::<T>::decode_len().unwrap_or(0) as u32) < T::MaxOraclePools::get() {
			Self::start_oracle(&pool_id)?;
		}
		Ok(pool_id)
	}

	/// A pool's reserves: its account's balances of its two assets, in the pool's order.
	pub fn reserves(pool_id: &PoolIdOf<T>) -> (T::Balance, T::Balance) {
		Self::reserves_at(pool_id, &Self::pool_account(pool_id))
	}

	/// [`Self::reserves`] of a pool whose account, `account`, the caller already has.
	pub(crate) fn reserves_at(
		pool_id: &PoolIdOf<T>,
		account: &T::AccountId,
	) -> (T::Balance, T::Balance) {
		(
			T::Assets::balance(pool_id.0.clone(), account),
			T::Assets::balance(pool_id.1.clone(), account),
		)
	}

	/// `pair`, given in the order of `first` and the pool's other asset, in the pool's order. The
	/// same swap turns a pair in the pool's order back into the caller's.
	pub(crate) fn in_pool_order<V>(
		pool_id: &PoolIdOf<T>,
		first: &T::AssetKind,
		pair: (V, V),
	) -> (V, V) {
		if pool_id.0 == *first {
			pair
		} else {
			(pair.1, pair.0)
		}
	}

	/// LP tokens of a pool in existence, the locked minimum liquidity included.
	pub fn lp_supply(lp_token: T::PoolAssetId) -> T::Balance {
		T::PoolAssets::total_issuance(lp_token)
	}

	/// The pool whose LP token is `lp_token`.
	pub fn pool_of_lp_token(lp_token: T::PoolAssetId) -> Option<PoolIdOf<T>> {
		LpTokenPools::<T>::get(lp_token)
	}

	/// Sets the fee tiers new pools may use.
	pub(crate) fn do_set_fee_tiers(fee_tiers: BoundedVec<u32, T::MaxFeeTiers>) -> DispatchResult {
		Self::validate_fee_tiers(&fee_tiers)?;
		FeeTiers::<T>::put(&fee_tiers);
		Self::deposit_event(Event::FeeTiersSet { fee_tiers: fee_tiers.into_inner() });
		Ok(())
	}

	/// Builds the genesis state: the fee tiers (5, 30 and 100 basis points when empty) and the
	/// pools with their first deposits. Panics on an invalid genesis, which must not start.
	pub(crate) fn build_genesis(fee_tiers: &[u32], pools: &[GenesisPoolOf<T>]) {
		let tiers = if fee_tiers.is_empty() { vec![5, 30, 100] } else { fee_tiers.to_vec() };
		let tiers: BoundedVec<u32, T::MaxFeeTiers> =
			tiers.try_into().expect("genesis fee tiers exceed MaxFeeTiers");
		Self::validate_fee_tiers(&tiers).expect("genesis fee tiers are invalid");
		FeeTiers::<T>::put(tiers);

		for (asset1, asset2, fee_bps, provider, amount1, amount2) in pools {
			Self::do_create_pool(provider, asset1.clone(), asset2.clone(), *fee_bps, false)
				.expect("genesis pool cannot be created");
			Self::do_add_liquidity(
				provider,
				asset1.clone(),
				asset2.clone(),
				*amount1,
				*amount2,
				Zero::zero(),
				Zero::zero(),
				provider,
			)
			.expect("genesis pool liquidity cannot be added");
		}
	}
}
