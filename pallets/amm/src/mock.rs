//! A test runtime: native balances, user assets, LP tokens and the AMM.

use crate as pallet_amm;
use frame_support::{
	construct_runtime, derive_impl,
	instances::{Instance1, Instance2},
	ord_parameter_types, parameter_types,
	traits::{
		tokens::fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU64,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned, EnsureSignedBy};
use sp_runtime::{
	traits::{AccountIdConversion, IdentityLookup},
	BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

/// An account of the tests.
pub type AccountId = u64;
/// Native token or an asset.
pub type AssetKind = NativeOrWithId<u32>;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets::<Instance1>,
		PoolAssets: pallet_assets::<Instance2>,
		Amm: pallet_amm,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type AccountId = AccountId;
	type Lookup = IdentityLookup<Self::AccountId>;
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
	// Non-zero database weights, so tests see real weights.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

/// Existential deposit of the native token in the tests.
pub const ED: u128 = 100;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

impl pallet_assets::Config<Instance1> for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = u128;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<10>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = ();
	type Extra = ();
	type WeightInfo = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const AmmPalletId: PalletId = PalletId(*b"dex/amm_");
	pub const Native: AssetKind = NativeOrWithId::Native;
	pub const NativeSymbol: &'static str = "DEX";
	pub const NativeDecimals: u8 = 12;
	pub const SetupFeeReceiver: AccountId = 999;
	/// The block timestamp in milliseconds, set by the tests.
	pub static Now: u64 = 0;
}

/// The test clock: [`Now`].
pub struct MockTime;

impl frame_support::traits::Time for MockTime {
	type Moment = u64;
	fn now() -> u64 {
		Now::get()
	}
}

/// Slot count of each pool's observation ring in the tests.
pub const MAX_OBSERVATIONS: u32 = 4;
/// Least time between two observations in the tests, ms.
pub const OBSERVATION_PERIOD: u64 = 60_000;
/// Most pools with a price oracle in the tests.
pub const MAX_ORACLE_POOLS: u32 = 4;

ord_parameter_types! {
	pub const AmmAccount: AccountId = AccountIdConversion::<AccountId>::into_account_truncating(&AmmPalletId::get());
}

impl pallet_assets::Config<Instance2> for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = u128;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = u32;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSignedBy<AmmAccount, AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type StringLimit = ConstU32<50>;
	type Holder = ();
	type Freezer = Amm;
	type Extra = ();
	type WeightInfo = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Native token and assets behind one `fungibles` interface.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

impl pallet_amm::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = u128;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type AssetControls = ();
	type AssetMetadata =
		pallet_amm::NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>;
	type PoolAssetId = u32;
	type PoolAssets = PoolAssets;
	type PalletId = AmmPalletId;
	type PoolSetupFee = ConstU128<1_000>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeReceiver = SetupFeeReceiver;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxFeeTiers = ConstU32<8>;
	type DefaultFeeTier = ConstU32<30>;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<1_000>;
	type Timestamp = MockTime;
	type MaxObservations = ConstU32<MAX_OBSERVATIONS>;
	type ObservationPeriod = ConstU64<OBSERVATION_PERIOD>;
	type MaxOraclePools = ConstU32<MAX_ORACLE_POOLS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetFactory;
}

/// Creates assets for the benchmarks in the test runtime.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetFactory;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_amm::BenchmarkHelper<AssetKind> for AssetFactory {
	fn create_asset(seed: u32) -> AssetKind {
		if seed == 0 {
			return NativeOrWithId::Native;
		}
		if !<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::asset_exists(seed) {
			Assets::force_create(RuntimeOrigin::root(), seed, 0, true, 1)
				.expect("asset is created");
		}
		NativeOrWithId::WithId(seed)
	}

	fn set_timestamp(ms: u64) {
		Now::set(ms);
	}
}

/// Accounts the tests fund.
pub const ALICE: AccountId = 1;
/// A second funded account.
pub const BOB: AccountId = 2;
/// A third funded account.
pub const CHARLIE: AccountId = 3;

/// Native funds of each test account.
pub const INITIAL: u128 = 1_000_000_000_000_000_000;

/// A test externality with funded accounts and the default fee tiers.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE, INITIAL),
			(BOB, INITIAL),
			(CHARLIE, INITIAL),
			(SetupFeeReceiver::get(), ED),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_amm::GenesisConfig::<Test> { fee_tiers: vec![5, 30, 100], pools: vec![] }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Now::set(0);
	});
	ext
}
