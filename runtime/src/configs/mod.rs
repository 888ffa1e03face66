//! One `Config` implementation per pallet, with the constants it uses beside it.

use alloc::vec;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	instances::{Instance1, Instance2},
	ord_parameter_types, parameter_types,
	traits::{
		tokens::fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned, EnsureSignedBy,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{AccountIdConversion, One},
	Perbill,
};
use sp_version::RuntimeVersion;

use super::{
	units::{EXISTENTIAL_DEPOSIT, MICRO_UNIT, MILLI_UNIT, TOKEN_DECIMALS, UNIT},
	weights::{
		self, block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight,
		paritydb_weights::constants::ParityDbWeight,
	},
	AccountId, AssetId, Assets, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce,
	PalletInfo, PoolAssets, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System, VERSION,
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
	/// (`scripts/benchmark-weights.sh`), the latter without what the transaction extensions
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

/// Fees in an asset: the asset is swapped through the AMM's pool with the native token for
/// exactly the native fee (quoted with the pool's fee, rounded up in the pool's favour), and the
/// native fee is then burned like any other; any refund is swapped back.
impl pallet_asset_conversion_tx_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AssetId = AssetKind;
	type OnChargeAssetTransaction = pallet_asset_conversion_tx_payment::SwapAssetAdapter<
		Native,
		NativeAndAssets,
		crate::Amm,
		// Dropping the native credit burns it, as `FungibleAdapter<Balances, ()>` does.
		(),
	>;
	type WeightInfo = weights::pallet_asset_conversion_tx_payment::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AssetTxPaymentBenchmarkHelper;
}

/// Creates an asset with a native pool for the fee-payment benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AssetTxPaymentBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_asset_conversion_tx_payment::BenchmarkHelperTrait<AccountId, AssetKind, AssetKind>
	for AssetTxPaymentBenchmarkHelper
{
	fn create_asset_id_parameter(seed: u32) -> (AssetKind, AssetKind) {
		use pallet_amm::BenchmarkHelper as _;
		let asset = AmmBenchmarkHelper::create_asset(200 + seed);
		(asset.clone(), asset)
	}

	fn setup_balances_and_pool(asset: AssetKind, who: AccountId) {
		use frame_support::traits::fungibles::Mutate;
		let funds: Balance = 1_000_000_000 * UNIT;
		let provider: AccountId = AmmFeeReceiver::get();
		for account in [&who, &provider] {
			for kind in [Native::get(), asset.clone()] {
				// Benchmark set-up only: minting an existing asset to an account succeeds.
				let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(kind, account, funds);
			}
		}
		let origin = RuntimeOrigin::signed(provider.clone());
		let _ = pallet_amm::Pallet::<Runtime>::create_pool(
			origin.clone(),
			Native::get(),
			asset.clone(),
			None,
		);
		let _ = pallet_amm::Pallet::<Runtime>::add_liquidity(
			origin,
			Native::get(),
			asset,
			1_000_000 * UNIT,
			1_000_000 * UNIT,
			0,
			0,
			provider,
			None,
		);
	}
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}

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
	/// The AMM pallet's id: its account creates LP tokens and derives pool accounts.
	pub const AmmPalletId: PalletId = PalletId(*b"dex/amm_");
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
	type Freezer = crate::Amm;
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets_pool_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = PoolAssetsBenchmarkHelper;
}

/// Gives the LP token pallet's benchmarks asset ids clear of the genesis pools' LP tokens.
#[cfg(feature = "runtime-benchmarks")]
pub struct PoolAssetsBenchmarkHelper;

/// The first LP token id the LP token pallet's benchmarks use. Above the genesis pools' LP tokens,
/// and with a storage key (`blake2_128(id) ++ id`) that sorts before theirs: the benchmark of the
/// `Reserves` migration takes the first asset it iterates for the one it created.
#[cfg(feature = "runtime-benchmarks")]
pub const POOL_ASSET_BENCHMARK_IDS: AssetId = 1_000_007;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_assets::BenchmarkHelper<codec::Compact<AssetId>, ()> for PoolAssetsBenchmarkHelper {
	fn create_asset_id_parameter(id: u32) -> codec::Compact<AssetId> {
		codec::Compact(POOL_ASSET_BENCHMARK_IDS + id)
	}

	fn create_reserve_id_parameter(_: u32) {}
}

/// What an AMM pool can hold: the native token or an asset of `Assets`.
pub type AssetKind = NativeOrWithId<AssetId>;

/// The native token and `Assets` behind one `fungibles` interface.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

parameter_types! {
	/// The native token as an AMM asset.
	pub const Native: AssetKind = NativeOrWithId::Native;
	/// The native token's symbol, used in LP token names.
	pub const NativeSymbol: &'static str = "DEX";
	/// The native token's decimals, used for LP token decimals.
	pub const NativeDecimals: u8 = TOKEN_DECIMALS as u8;
	/// Receives pool setup fees.
	pub AmmFeeReceiver: AccountId = PalletId(*b"dex/fees").into_account_truncating();
}

impl pallet_amm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type AssetMetadata =
		pallet_amm::NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>;
	type PoolAssetId = AssetId;
	type PoolAssets = PoolAssets;
	type PalletId = AmmPalletId;
	// Ten DEX keeps pool spam expensive while leaving pools open to anyone.
	type PoolSetupFee = ConstU128<{ 10 * UNIT }>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeReceiver = AmmFeeReceiver;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxFeeTiers = ConstU32<8>;
	type DefaultFeeTier = ConstU32<30>;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<1_000>;
	type Timestamp = crate::Timestamp;
	// One observation a minute at most, 240 slots: every pool keeps at least four hours of prices.
	type MaxObservations = ConstU32<240>;
	type ObservationPeriod = ConstU64<60_000>;
	type MaxOraclePools = ConstU32<32>;
	type WeightInfo = weights::pallet_amm::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AmmBenchmarkHelper;
}

/// Creates sufficient assets for the AMM benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct AmmBenchmarkHelper;

/// Benchmark assets get ids from here on.
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_ASSET_IDS: AssetId = 1_000_000;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_amm::BenchmarkHelper<AssetKind> for AmmBenchmarkHelper {
	fn create_asset(seed: u32) -> AssetKind {
		use frame_support::traits::fungibles::{Create, Inspect};
		if seed == 0 {
			return NativeOrWithId::Native;
		}
		// Clear of the genesis tokens and their pools (`genesis_config_presets::demo`).
		let id = BENCHMARK_ASSET_IDS + seed;
		if !<Assets as Inspect<AccountId>>::asset_exists(id) {
			let owner: AccountId = AmmFeeReceiver::get();
			// Benchmark set-up only: the asset id is fresh, so creation cannot fail.
			let _ = <Assets as Create<AccountId>>::create(id, owner, true, 1);
		}
		NativeOrWithId::WithId(id)
	}

	fn set_timestamp(ms: u64) {
		pallet_timestamp::Now::<Runtime>::put(ms);
	}
}

parameter_types! {
	/// The liquidity mining pallet's id: its account holds staked LP tokens.
	pub const FarmPalletId: PalletId = PalletId(*b"dex/farm");
}

/// The AMM as liquidity mining sees it: LP tokens of pools, and deposits by LP token.
pub struct AmmLiquidity;

impl pallet_liquidity_mining::LiquidityProvider<AccountId, AssetId, Balance, BlockNumber>
	for AmmLiquidity
{
	fn is_lp_token(lp_token: &AssetId) -> bool {
		pallet_amm::Pallet::<Runtime>::pool_of_lp_token(*lp_token).is_some()
	}

	fn add_liquidity(
		who: &AccountId,
		lp_token: &AssetId,
		amount1_desired: Balance,
		amount2_desired: Balance,
		amount1_min: Balance,
		amount2_min: Balance,
	) -> Result<Balance, sp_runtime::DispatchError> {
		pallet_amm::Pallet::<Runtime>::add_liquidity_to_pool_of(
			who,
			*lp_token,
			amount1_desired,
			amount2_desired,
			amount1_min,
			amount2_min,
		)
	}

	fn initial_liquidity_locked_until(lp_token: &AssetId) -> Option<BlockNumber> {
		pallet_amm::Pallet::<Runtime>::initial_liquidity_lock(*lp_token)
			.filter(|lock| lock.fully_locked)
			.and_then(|lock| lock.locked_until)
	}
}

impl pallet_liquidity_mining::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetKind = AssetKind;
	type RewardAssets = NativeAndAssets;
	type LpToken = AssetId;
	type LpTokens = PoolAssets;
	type Amm = AmmLiquidity;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = FarmPalletId;
	type MaxFarmsPerLpToken = ConstU32<8>;
	type MaxFarmEndingsPerBlock = ConstU32<16>;
	type WeightInfo = weights::pallet_liquidity_mining::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FarmBenchmarkHelper;
}

/// Creates a pool with liquidity for the liquidity mining benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct FarmBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_liquidity_mining::BenchmarkHelper<AssetId, AssetKind, AccountId>
	for FarmBenchmarkHelper
{
	fn lp_token(who: &AccountId) -> AssetId {
		use frame_support::traits::fungibles::Mutate;
		use pallet_amm::BenchmarkHelper as _;
		let (a, b) = (AmmBenchmarkHelper::create_asset(101), AmmBenchmarkHelper::create_asset(102));
		let funds: Balance = 1_000_000_000 * UNIT;
		for asset in [Native::get(), a.clone(), b.clone()] {
			// Benchmark set-up only: minting to a fresh account of an existing asset succeeds.
			let _ = <NativeAndAssets as Mutate<AccountId>>::mint_into(asset, who, funds);
		}
		let origin = RuntimeOrigin::signed(who.clone());
		if pallet_amm::Pallet::<Runtime>::api_pool(a.clone(), b.clone()).is_none() {
			let _ = pallet_amm::Pallet::<Runtime>::create_pool(
				origin.clone(),
				a.clone(),
				b.clone(),
				None,
			);
		}
		let _ = pallet_amm::Pallet::<Runtime>::add_liquidity(
			origin,
			a.clone(),
			b.clone(),
			1_000_000 * UNIT,
			1_000_000 * UNIT,
			0,
			0,
			who.clone(),
			None,
		);
		pallet_amm::Pallet::<Runtime>::api_pool(a, b).map(|pool| pool.lp_token).unwrap_or_default()
	}

	fn reward_asset() -> AssetKind {
		Native::get()
	}
}
