//! # DEX benchmark runtime
//!
//! A runtime that exists only to be benchmarked: it holds this chain's AMM ([`pallet_amm`]) and
//! the SDK's [`pallet_asset_conversion`] side by side, over the same native token and the same
//! `Assets` instance, each with its own LP-token instance. Both are configured alike: 0.3 % swap
//! fee, paths of at most four assets, the native token's existential deposit of the DEX runtime.
//!
//! `dex-node benchmark pallet --runtime <this wasm>` runs three suites on it:
//! - [`compare`]: the same operations (2-, 3- and 4-asset swaps, add and remove liquidity) on
//!   identical pools of both pallets, so that time, storage reads and writes and proof size can be
//!   set against each other (`scripts/bench/asset-conversion.sh`);
//! - `pallet_amm` and `pallet_asset_conversion`: each pallet's own benchmarks, whose generated
//!   weights the script prints side by side.
//!
//! It has no consensus, no transaction payment and no signed transactions: it never runs a chain.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` expands to items that cannot carry doc comments.
#![allow(missing_docs)]

extern crate alloc;

pub mod compare;

use alloc::{vec, vec::Vec};
use frame_support::{
	construct_runtime, derive_impl,
	genesis_builder_helper::{build_state, get_preset},
	instances::{Instance1, Instance2, Instance3},
	ord_parameter_types, parameter_types,
	traits::{
		tokens::{
			fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
			imbalance::ResolveAssetTo,
		},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64,
	},
	weights::constants::RocksDbWeight,
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned, EnsureSignedBy};
use pallet_asset_conversion::{AccountIdConverter, Ascending, Chain, WithFirstAsset};
use sp_api::impl_runtime_apis;
use sp_arithmetic::Permill;
use sp_runtime::{
	generic,
	traits::{AccountIdConversion, BlakeTwo256, Block as BlockT, IdentityLookup},
	AccountId32, MultiSignature,
};
use sp_version::RuntimeVersion;

/// Accounts, as on the DEX chain.
pub type AccountId = AccountId32;
/// Balances of every token.
pub type Balance = u128;
/// Ids of user assets and LP tokens.
pub type AssetId = u32;
/// Block numbers.
pub type BlockNumber = u32;
/// What a pool can hold: the native token or an asset of `Assets`.
pub type AssetKind = NativeOrWithId<AssetId>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Extrinsics: this runtime never checks a signed one, so it carries no extensions.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<AccountId, RuntimeCall, MultiSignature, ()>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// One unit of the native token (12 decimals, as on the DEX chain).
pub const UNIT: Balance = 1_000_000_000_000;
/// Existential deposit of the native token, as on the DEX chain.
pub const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("dex-bench-runtime"),
	impl_name: alloc::borrow::Cow::Borrowed("dex-bench-runtime"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 1,
	apis: RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		PoolAssets: pallet_assets::<Instance2>,
		AcPoolAssets: pallet_assets::<Instance3>,
		Amm: pallet_amm,
		AssetConversion: pallet_asset_conversion,
		Compare: compare,
	}
);

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type Nonce = u32;
	type Hash = sp_core::H256;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	// The weight files read their database weights from the runtime that uses them; the
	// comparison reports reads and writes as counts.
	type DbWeight = RocksDbWeight;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<3_000>;
	type WeightInfo = ();
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
}

/// Declares an instance of `pallet_assets` with the given creation origin and deposits.
macro_rules! assets_config {
	($instance:ty, $create:ty, $deposit:expr) => {
		impl pallet_assets::Config<$instance> for Runtime {
			type RuntimeEvent = RuntimeEvent;
			type Balance = Balance;
			type RemoveItemsLimit = ConstU32<1000>;
			type AssetId = AssetId;
			type AssetIdParameter = codec::Compact<AssetId>;
			type ReserveData = ();
			type Currency = Balances;
			type CreateOrigin = $create;
			type ForceOrigin = EnsureRoot<AccountId>;
			type AssetDeposit = ConstU128<$deposit>;
			type AssetAccountDeposit = ConstU128<$deposit>;
			type MetadataDepositBase = ConstU128<$deposit>;
			type MetadataDepositPerByte = ConstU128<$deposit>;
			type ApprovalDeposit = ConstU128<$deposit>;
			type StringLimit = ConstU32<50>;
			type Holder = ();
			type Freezer = ();
			type Extra = ();
			type CallbackHandle = ();
			type AssetIdAllocator = ();
			type WeightInfo = ();
			#[cfg(feature = "runtime-benchmarks")]
			type BenchmarkHelper = ();
		}
	};
}

parameter_types! {
	pub const AmmPalletId: PalletId = PalletId(*b"dex/amm_");
	pub const AssetConversionPalletId: PalletId = PalletId(*b"py/ascon");
	pub const Native: AssetKind = NativeOrWithId::Native;
	pub const NativeSymbol: &'static str = "DEX";
	pub const NativeDecimals: u8 = 12;
	pub AmmFeeReceiver: AccountId = PalletId(*b"dex/fees").into_account_truncating();
	pub LpFee: Permill = Permill::from_rational(3u32, 1_000u32);
	pub MaxSwapFee: Permill = Permill::from_percent(10);
	pub const LiquidityWithdrawalFee: Permill = Permill::zero();
}

ord_parameter_types! {
	pub const AmmAccount: AccountId = AccountIdConversion::<AccountId>::into_account_truncating(&AmmPalletId::get());
	pub const AssetConversionAccount: AccountId = AccountIdConversion::<AccountId>::into_account_truncating(&AssetConversionPalletId::get());
}

// User tokens, shared by both pallets.
assets_config!(Instance1, AsEnsureOriginWithArg<EnsureSigned<AccountId>>, 0);
// LP tokens of the AMM.
assets_config!(Instance2, AsEnsureOriginWithArg<EnsureSignedBy<AmmAccount, AccountId>>, 0);
// LP tokens of asset-conversion.
assets_config!(
	Instance3,
	AsEnsureOriginWithArg<EnsureSignedBy<AssetConversionAccount, AccountId>>,
	0
);

/// The native token and `Assets` behind one `fungibles` interface, for both pallets.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

impl pallet_amm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type AssetControls = ();
	type AssetMetadata =
		pallet_amm::NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>;
	type PoolAssetId = AssetId;
	type PoolAssets = PoolAssets;
	type PalletId = AmmPalletId;
	type PoolSetupFee = ConstU128<{ 10 * UNIT }>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeReceiver = AmmFeeReceiver;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxFeeTiers = ConstU32<8>;
	type DefaultFeeTier = ConstU32<30>;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<1_000>;
	type Timestamp = Timestamp;
	type MaxObservations = ConstU32<240>;
	type ObservationPeriod = ConstU64<60_000>;
	type MaxOraclePools = ConstU32<32>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = compare::AmmAssets;
}

/// Pool accounts of asset-conversion, derived from the pool's pair of assets.
pub type PoolIdToAccountId = AccountIdConverter<AssetConversionPalletId, (AssetKind, AssetKind)>;

impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type PoolId = (AssetKind, AssetKind);
	type PoolLocator = Chain<
		WithFirstAsset<Native, AccountId, AssetKind, PoolIdToAccountId>,
		Ascending<AccountId, AssetKind, PoolIdToAccountId>,
	>;
	type PoolAssetId = AssetId;
	type PoolAssets = AcPoolAssets;
	type PoolSetupFee = ConstU128<{ 10 * UNIT }>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeTarget = ResolveAssetTo<AmmFeeReceiver, NativeAndAssets>;
	type PalletId = AssetConversionPalletId;
	type WeightInfo = ();
	type LPFee = LpFee;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxSwapFee = MaxSwapFee;
	type LiquidityWithdrawalFee = LiquidityWithdrawalFee;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<1_000>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl compare::Config for Runtime {}

/// Executes blocks; only the `Core` API needs it.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

#[cfg(feature = "runtime-benchmarks")]
frame_benchmarking::define_benchmarks!(
	[pallet_dex_compare, Compare]
	[pallet_amm, Amm]
	[pallet_asset_conversion, AssetConversion]
);

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			// Every benchmark sets up its own accounts, assets and pools: the default genesis
			// (the AMM's default fee tiers) is all there is.
			get_preset::<RuntimeGenesisConfig>(id, |_| Some(b"{}".to_vec()))
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			vec![sp_genesis_builder::PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET)]
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;

			let mut whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			// The timestamp inherent writes `Timestamp::Now` first in every block, so the block's
			// later reads of it come from memory, not from the database.
			whitelist.push(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec().into());
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
