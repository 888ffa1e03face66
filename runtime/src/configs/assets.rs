//! The two `pallet_assets` instances: `Assets` (user tokens, `Instance1`) and `PoolAssets` (LP
//! tokens, `Instance2`), with their deposits.

// `ord_parameter_types!` expands to a bare `vec!`.
use alloc::vec;
use frame_support::{
	instances::{Instance1, Instance2},
	ord_parameter_types, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32},
};
use frame_system::{EnsureRoot, EnsureSigned, EnsureSignedBy};
use sp_runtime::traits::AccountIdConversion;

use super::dex::AmmPalletId;
use crate::{
	units::{EXISTENTIAL_DEPOSIT, MILLI_UNIT, UNIT},
	weights, AccountId, Amm, AssetId, Balance, Balances, Runtime, RuntimeEvent,
};

parameter_types! {
	/// Deposit reserved from the creator of an asset.
	pub const AssetDeposit: Balance = UNIT;
	/// Deposit reserved for an asset account that is not kept alive by the native balance.
	pub const AssetAccountDeposit: Balance = 10 * MILLI_UNIT;
	/// Base deposit for an asset's metadata.
	pub const MetadataDepositBase: Balance = 100 * MILLI_UNIT;
	/// Metadata deposit per byte of name and symbol.
	pub const MetadataDepositPerByte: Balance = MILLI_UNIT;
	/// Deposit reserved for an approval to spend someone's asset.
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

ord_parameter_types! {
	/// The AMM pallet's own account, the only one allowed to create LP tokens.
	pub const AmmAccount: AccountId = AccountIdConversion::<AccountId>::into_account_truncating(&AmmPalletId::get());
}

/// User tokens: anyone may create one by paying the deposits.
impl pallet_assets::Config<Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// LP tokens: only the AMM pallet creates them (one per pool, no deposits); holders may
/// transfer them, except those under an LP lock.
impl pallet_assets::Config<Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSignedBy<AmmAccount, AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	// LP locks (`Amm::lock_lp_tokens`) freeze the locked LP tokens.
	type Freezer = Amm;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets_pool_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::PoolAssetsBenchmarkHelper;
}
