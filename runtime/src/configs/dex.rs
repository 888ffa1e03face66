//! The exchange: the AMM (`pallet_amm`), liquidity mining (`pallet_liquidity_mining`, with
//! [`AmmLiquidity`] as its view of the AMM) and fee payment in assets
//! (`pallet_asset_conversion_tx_payment`, swapping through the AMM), with the asset types
//! they share ([`AssetKind`], [`NativeAndAssets`]).

use frame_support::{
	parameter_types,
	traits::{
		tokens::fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU128, ConstU32, ConstU64,
	},
	PalletId,
};
use sp_runtime::traits::AccountIdConversion;

use crate::{
	units::{DAYS, TOKEN_DECIMALS, UNIT},
	weights, AccountId, Amm, AssetId, Assets, Balance, Balances, BlockNumber, PoolAssets, Runtime,
	RuntimeEvent, Timestamp,
};

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
	pub PoolSetupFeeReceiver: AccountId = PalletId(*b"dex/fees").into_account_truncating();
	/// The AMM pallet's id: its account creates LP tokens and derives pool accounts.
	pub const AmmPalletId: PalletId = PalletId(*b"dex/amm_");
}

impl pallet_amm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetKind = AssetKind;
	type Assets = NativeAndAssets;
	type AssetControls = UserAssetControls;
	type AssetMetadata =
		pallet_amm::NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>;
	type PoolAssetId = AssetId;
	type PoolAssets = PoolAssets;
	type PalletId = AmmPalletId;
	// Ten DEX keeps pool spam expensive while leaving pools open to anyone.
	type PoolSetupFee = ConstU128<{ 10 * UNIT }>;
	type PoolSetupFeeAsset = Native;
	type PoolSetupFeeReceiver = PoolSetupFeeReceiver;
	type AdminOrigin = super::DexAdminOrigin;
	type MaxFeeTiers = ConstU32<8>;
	type DefaultFeeTier = ConstU32<30>;
	type MaxSwapPathLength = ConstU32<4>;
	type MintMinLiquidity = ConstU128<1_000>;
	type Timestamp = Timestamp;
	// One observation a minute at most, 240 slots: every pool keeps at least four hours of prices.
	type MaxObservations = ConstU32<240>;
	type ObservationPeriod = ConstU64<60_000>;
	type MaxOraclePools = ConstU32<32>;
	type WeightInfo = weights::pallet_amm::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::AmmBenchmarkHelper;
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
		Amm::pool_of_lp_token(*lp_token).is_some()
	}

	fn add_liquidity(
		who: &AccountId,
		lp_token: &AssetId,
		amount1_desired: Balance,
		amount2_desired: Balance,
		amount1_min: Balance,
		amount2_min: Balance,
	) -> Result<Balance, sp_runtime::DispatchError> {
		Amm::add_liquidity_to_pool_of(
			who,
			*lp_token,
			amount1_desired,
			amount2_desired,
			amount1_min,
			amount2_min,
		)
	}

	fn initial_liquidity_locked_until(lp_token: &AssetId) -> Option<BlockNumber> {
		Amm::initial_liquidity_lock(*lp_token)
			.filter(|lock| lock.fully_locked)
			.and_then(|lock| lock.locked_until)
	}
}

/// Farms' APR prices: the AMM's mid prices along the deepest routes, read from one pass over the
/// pools for the reward asset and both assets of the farm's pool.
pub struct AmmFarmPrices;

impl pallet_liquidity_mining::FarmPrices<AssetId, AssetKind> for AmmFarmPrices {
	fn farm_prices(
		lp_token: &AssetId,
		reward: &AssetKind,
		quote: &AssetKind,
	) -> Option<pallet_liquidity_mining::PoolPrices> {
		let (asset1, asset2) = Amm::pool_of_lp_token(*lp_token)?;
		let pool = Amm::pool(asset1, asset2)?;
		let pools = Amm::liquid_pools();
		let price = |asset: &AssetKind| Amm::route_price_among(&pools, asset, quote);
		let reward_price_x64 = price(reward)?;
		let value = |amount, asset| pallet_amm::math::value_at_price(amount, price(asset)?);
		let pool_value = value(pool.reserves.0, &pool.assets.0)?
			.saturating_add(value(pool.reserves.1, &pool.assets.1)?);
		Some(pallet_liquidity_mining::PoolPrices {
			reward_price_x64,
			pool_value,
			lp_supply: pool.lp_supply,
		})
	}
}

parameter_types! {
	/// Blocks in a year of 365 days, for farms' APRs.
	pub const BlocksPerYear: u32 = 365 * DAYS;
}

impl pallet_liquidity_mining::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetKind = AssetKind;
	type RewardAssets = NativeAndAssets;
	type LpToken = AssetId;
	type LpTokens = PoolAssets;
	type Amm = AmmLiquidity;
	type AdminOrigin = super::DexAdminOrigin;
	type PalletId = FarmPalletId;
	type MaxFarmsPerLpToken = ConstU32<8>;
	type MaxFarmEndingsPerBlock = ConstU32<16>;
	type Prices = AmmFarmPrices;
	type BlocksPerYear = BlocksPerYear;
	type WeightInfo = weights::pallet_liquidity_mining::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::FarmBenchmarkHelper;
}

/// Who controls a user asset that a pool holds: its owner, admin and freezer in pallet-assets,
/// and whether the holder's balance is frozen now. The native token has no controller.
pub struct UserAssetControls;

impl pallet_amm::AssetControls<AssetKind, AccountId> for UserAssetControls {
	fn control(
		asset: &AssetKind,
		holder: &AccountId,
	) -> Option<pallet_amm::AssetControl<AccountId>> {
		let AssetKind::WithId(id) = asset else { return None };
		let details = pallet_assets::Asset::<Runtime, pallet_assets::Instance1>::get(id)?;
		let account_stopped =
			pallet_assets::Account::<Runtime, pallet_assets::Instance1>::get(id, holder)
				.is_some_and(|account| account.status != pallet_assets::AccountStatus::Liquid);
		Some(pallet_amm::AssetControl {
			owner: details.owner,
			admin: details.admin,
			freezer: details.freezer,
			frozen: account_stopped || details.status != pallet_assets::AssetStatus::Live,
		})
	}
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
		Amm,
		// Dropping the native credit burns it, as `FungibleAdapter<Balances, ()>` does.
		(),
	>;
	type WeightInfo = weights::pallet_asset_conversion_tx_payment::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_helpers::AssetTxPaymentBenchmarkHelper;
}
