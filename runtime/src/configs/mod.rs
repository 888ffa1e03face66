//! One `Config` implementation per pallet, with the constants it uses beside it.
//!
//! This file configures the chain's base: `frame_system` (block weights and length), timestamp,
//! Aura, GRANDPA, balances, transaction payment and sudo. The other pallets are configured by
//! domain in [`assets`] (the two `pallet_assets` instances), [`dex`] (AMM, liquidity mining, fee
//! payment in assets) and, with `runtime-benchmarks`, `benchmark_helpers` (their benchmark
//! set-up), [`accounts`] (batches, multisig, proxies) and [`governance`] (the council, its
//! origins, preimages and the whitelist). Everything they declare is re-exported here, so every item keeps its
//! `crate::configs::` path.

pub mod accounts;
pub mod assets;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers;
pub mod dex;
pub mod governance;

pub use accounts::{deposit, ProxyType};
pub use assets::{
	AmmAccount, ApprovalDeposit, AssetAccountDeposit, AssetDeposit, MetadataDepositBase,
	MetadataDepositPerByte,
};
#[cfg(feature = "runtime-benchmarks")]
pub use benchmark_helpers::{
	AmmBenchmarkHelper, AssetTxPaymentBenchmarkHelper, FarmBenchmarkHelper,
	PoolAssetsBenchmarkHelper, BENCHMARK_ASSET_IDS, POOL_ASSET_BENCHMARK_IDS,
};
pub use dex::{
	AmmLiquidity, AmmPalletId, AssetKind, FarmPalletId, Native, NativeAndAssets, NativeDecimals,
	NativeSymbol, PoolSetupFeeReceiver,
};
pub use governance::{
	CouncilCollective, CouncilMaxMembers, DexAdminOrigin, RootOrHalfOfCouncil,
	RootOrTwoThirdsOfCouncil,
};

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

use super::{
	units::{EXISTENTIAL_DEPOSIT, MICRO_UNIT},
	weights::{
		self, block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight,
		paritydb_weights::constants::ParityDbWeight,
	},
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
	System, VERSION,
};

/// Share of a block that normal (non-operational) extrinsics may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Compute a block may use: two seconds of the six-second slot, no proof-size limit (no relay
/// chain validates our blocks).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// The base weight of every extrinsic: the measured cost of a no-op extrinsic less the work its
/// transaction extensions charge on their own.
///
/// `dex-node benchmark overhead` times signed `System::remark`s, so [`ExtrinsicBaseWeight`]
/// covers the signature check, every transaction extension and the dispatch. Each extension is
/// also charged its own benchmarked weight (`frame_system_extensions`,
/// `pallet_asset_conversion_tx_payment`), so the base subtracts their computation once instead of
/// charging it twice; the overhead benchmark pays in the native token, so the native payment's
/// weight is the one subtracted. Their storage accesses stay charged through `DbWeight`:
/// `CheckNonce` and `ChargeAssetTxPayment` each read and write the sender's account.
pub fn extrinsic_base_weight() -> Weight {
	use frame_system::ExtensionsWeightInfo as _;
	use pallet_asset_conversion_tx_payment::WeightInfo as _;
	type Extensions = weights::frame_system_extensions::WeightInfo<Runtime>;
	type Payment = weights::pallet_asset_conversion_tx_payment::WeightInfo<Runtime>;
	let extensions = Extensions::check_non_zero_sender()
		.saturating_add(Extensions::check_spec_version())
		.saturating_add(Extensions::check_tx_version())
		.saturating_add(Extensions::check_genesis())
		.saturating_add(Extensions::check_mortality_mortal_transaction())
		.saturating_add(Extensions::check_nonce())
		.saturating_add(Extensions::check_weight())
		.saturating_add(Payment::charge_asset_tx_payment_native())
		.saturating_add(Extensions::weight_reclaim());
	let computation = extensions.saturating_sub(ParityDbWeight::get().reads_writes(2, 2));
	ExtrinsicBaseWeight::get().saturating_sub(computation)
}

parameter_types! {
	/// Runtime version, reported through `frame_system`.
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per block, the normal class limited to 75% of it; the cost of an
	/// empty block and of a no-op extrinsic as measured on the reference machine
	/// (`scripts/weights.sh`), the latter without what the transaction extensions
	/// charge themselves (see [`extrinsic_base_weight`]).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| class.base_extrinsic = extrinsic_base_weight())
		.for_class(DispatchClass::Normal, |class| {
			class.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			class.reserved = Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// Blocks hold at most 5 MiB, 75% of it for normal extrinsics.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// How many recent block hashes the runtime keeps (transactions' mortality limit).
	pub const BlockHashCount: BlockNumber = 2400;
	/// Generic Substrate address format, so Polkadot.js shows the usual `5...` addresses.
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores its state in ParityDB; its weights are measured on the reference machine.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ super::units::SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// pallet-grandpa ships its weights as the `()` implementation (it compiles no other).
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees stay at their weight-derived value: no congestion multiplier.
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	// One planck per picosecond of weight: a balance transfer costs about 0.0002 DEX.
	type WeightToFee = IdentityFee<Balance>;
	// One micro-DEX per byte.
	type LengthToFee = frame_support::weights::ConstantMultiplier<Balance, ConstU128<MICRO_UNIT>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}
