//! Storage migrations of the liquidity-mining pallet.

use super::*;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::U256;

/// Version 0 to 1: every farm records the scale of its reward-per-share accumulator
/// (`FarmInfo::acc_precision`). Farms of version 0 keep theirs, [`math::LEGACY_PRECISION`], so
/// their accumulators and their stakes' `acc_paid` and carried fractions stay valid without
/// touching a single stake; farms created from version 1 on use [`math::PRECISION`].
pub mod v1 {
	use super::*;

	/// A farm as version 0 stored it: [`FarmInfo`] without `acc_precision`.
	#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
	pub struct OldFarmInfo<LpToken, AssetKind, Balance, BlockNumber> {
		/// The LP token whose stakers earn.
		pub lp_token: LpToken,
		/// The asset minted as reward.
		pub reward_asset: AssetKind,
		/// Reward units per block since `rate_since`.
		pub rate: Balance,
		/// The first block that emits.
		pub start: BlockNumber,
		/// The block the current rate took effect.
		pub rate_since: BlockNumber,
		/// Emitted before `rate_since`.
		pub emitted_before: Balance,
		/// The first block that emits nothing.
		pub end: BlockNumber,
		/// The most the farm will ever emit.
		pub max_total_rewards: Balance,
		/// LP tokens staked in the farm.
		pub total_staked: Balance,
		/// Rewards per staked LP token, scaled by [`math::LEGACY_PRECISION`].
		pub acc_reward_per_share: U256,
		/// The block the accumulator was last brought up to.
		pub last_update: BlockNumber,
		/// Emission that went to stakers.
		pub distributed: Balance,
		/// Emission of blocks without any stake.
		pub undistributed: Balance,
		/// Rewards minted by claims.
		pub claimed: Balance,
		/// Rewards given up by emergency withdrawals.
		pub forfeited: Balance,
	}

	/// A version-0 farm of runtime `T`.
	pub type OldFarmInfoOf<T> = OldFarmInfo<
		<T as Config>::LpToken,
		<T as Config>::AssetKind,
		<T as Config>::Balance,
		BlockNumberFor<T>,
	>;

	impl<LpToken, AssetKind, Balance, BlockNumber>
		OldFarmInfo<LpToken, AssetKind, Balance, BlockNumber>
	{
		/// The farm in version 1's layout, at version 0's accumulator scale.
		pub fn migrate(self) -> FarmInfo<LpToken, AssetKind, Balance, BlockNumber> {
			FarmInfo {
				lp_token: self.lp_token,
				reward_asset: self.reward_asset,
				rate: self.rate,
				start: self.start,
				rate_since: self.rate_since,
				emitted_before: self.emitted_before,
				end: self.end,
				max_total_rewards: self.max_total_rewards,
				total_staked: self.total_staked,
				acc_reward_per_share: self.acc_reward_per_share,
				acc_precision: math::LEGACY_PRECISION,
				last_update: self.last_update,
				distributed: self.distributed,
				undistributed: self.undistributed,
				claimed: self.claimed,
				forfeited: self.forfeited,
			}
		}
	}

	/// The migration without its version check; use [`MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		/// Rewrites every farm's record once (no stake is touched): the chain's farms must fit in
		/// one block's weight, a read and a write each.
		fn on_runtime_upgrade() -> Weight {
			let mut farms = 0u64;
			Farms::<T>::translate::<OldFarmInfoOf<T>, _>(|_, old| {
				farms += 1;
				Some(old.migrate())
			});
			T::DbWeight::get().reads_writes(farms, farms)
		}

		/// The number of farms and what each reports as pending for its stakers, to compare
		/// after the upgrade.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let farms = Farms::<T>::iter_keys().count() as u64;
			let stakes = Stakes::<T>::iter_keys().count() as u64;
			Ok((farms, stakes).encode())
		}

		/// Every farm and stake is still there, each farm has its scale, and the pallet's
		/// invariants hold (rewards owed never exceed rewards distributed).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (farms, stakes) = <(u64, u64)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("pre_upgrade state undecodable"))?;
			ensure!(
				Farms::<T>::iter_values().count() as u64 == farms,
				"a farm was lost or cannot be decoded"
			);
			ensure!(Stakes::<T>::iter_keys().count() as u64 == stakes, "a stake was lost");
			ensure!(
				Farms::<T>::iter_values().all(|farm| farm.acc_precision == math::LEGACY_PRECISION),
				"a migrated farm has the wrong accumulator scale"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 to 1, run once: see [`v1`].
	pub type MigrateToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
