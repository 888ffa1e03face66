//! A test runtime: native balances, reward assets, LP tokens in a second assets instance, and a
//! stand-in AMM that mints LP tokens for deposits.

use crate as pallet_liquidity_mining;
use frame_support::{
	construct_runtime, derive_impl,
	instances::{Instance1, Instance2},
	parameter_types,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::{
			fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
			Preservation,
		},
		AsEnsureOriginWithArg, ConstU128, ConstU32,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::{traits::IdentityLookup, BuildStorage, DispatchError};

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
		LpTokens: pallet_assets::<Instance2>,
		LiquidityMining: pallet_liquidity_mining,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type AccountId = AccountId;
	type Lookup = IdentityLookup<Self::AccountId>;
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
}

macro_rules! assets_config {
	($instance:ty) => {
		impl pallet_assets::Config<$instance> for Test {
			type RuntimeEvent = RuntimeEvent;
			type Balance = u128;
			type RemoveItemsLimit = ConstU32<1000>;
			type AssetId = u32;
			type AssetIdParameter = u32;
			type ReserveData = ();
			type Currency = Balances;
			type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
			type ForceOrigin = EnsureRoot<AccountId>;
			type AssetDeposit = ConstU128<0>;
			type AssetAccountDeposit = ConstU128<0>;
			type MetadataDepositBase = ConstU128<0>;
			type MetadataDepositPerByte = ConstU128<0>;
			type ApprovalDeposit = ConstU128<0>;
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
	};
}
assets_config!(Instance1);
assets_config!(Instance2);

/// The LP token the tests farm.
pub const LP: u32 = 1;
/// A reward asset.
pub const REWARD: u32 = 7;

/// A stand-in AMM: an LP token exists when its asset does, and a deposit of `(a, b)` mints `a`
/// LP tokens after taking `b` of the reward asset as the second side.
pub struct MockAmm;

parameter_types! {
	/// What [`MockAmm`] reports as the lock on the initial liquidity of every pool.
	pub static InitialLiquidityLockedUntil: Option<u64> = None;
}

impl crate::LiquidityProvider<AccountId, u32, u128, u64> for MockAmm {
	fn is_lp_token(lp_token: &u32) -> bool {
		<LpTokens as Inspect<AccountId>>::asset_exists(*lp_token)
	}

	fn add_liquidity(
		who: &AccountId,
		lp_token: &u32,
		amount1_desired: u128,
		amount2_desired: u128,
		amount1_min: u128,
		_amount2_min: u128,
	) -> Result<u128, DispatchError> {
		frame_support::ensure!(amount1_desired >= amount1_min, DispatchError::Other("slippage"));
		<Assets as Mutate<AccountId>>::burn_from(
			REWARD,
			who,
			amount2_desired,
			Preservation::Expendable,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Fortitude::Polite,
		)?;
		<LpTokens as Mutate<AccountId>>::mint_into(*lp_token, who, amount1_desired)
	}

	fn initial_liquidity_locked_until(_lp_token: &u32) -> Option<u64> {
		InitialLiquidityLockedUntil::get()
	}
}

parameter_types! {
	pub const FarmPalletId: PalletId = PalletId(*b"dex/farm");
	/// What the mock's [`MockPrices`] reports for every farm; `None` knows no price.
	pub static FarmPricesOfMock: Option<crate::PoolPrices> = None;
}

/// Prices for APRs, set by the tests through [`FarmPricesOfMock`].
pub struct MockPrices;

impl crate::FarmPrices<u32, AssetKind> for MockPrices {
	fn farm_prices(_: &u32, _: &AssetKind, _: &AssetKind) -> Option<crate::PoolPrices> {
		FarmPricesOfMock::get()
	}
}

impl pallet_liquidity_mining::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Balance = u128;
	type AssetKind = AssetKind;
	type RewardAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;
	type LpToken = u32;
	type LpTokens = LpTokens;
	type Amm = MockAmm;
	type AdminOrigin = EnsureRoot<AccountId>;
	type PalletId = FarmPalletId;
	type MaxFarmsPerLpToken = ConstU32<3>;
	type MaxFarmEndingsPerBlock = ConstU32<4>;
	type Prices = MockPrices;
	type BlocksPerYear = ConstU32<5_256_000>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkSetup;
}

/// Creates an LP token and funds accounts for the benchmarks of the test runtime.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkSetup;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u32, AssetKind, AccountId> for BenchmarkSetup {
	fn lp_token(who: &AccountId) -> u32 {
		if !<LpTokens as Inspect<AccountId>>::asset_exists(LP) {
			LpTokens::force_create(RuntimeOrigin::root(), LP, 0, true, 1).unwrap();
		}
		if !<Assets as Inspect<AccountId>>::asset_exists(REWARD) {
			Assets::force_create(RuntimeOrigin::root(), REWARD, 0, true, 1).unwrap();
		}
		<LpTokens as Mutate<AccountId>>::mint_into(LP, who, 1_000_000_000_000_000).unwrap();
		<Assets as Mutate<AccountId>>::mint_into(REWARD, who, 1_000_000_000_000_000).unwrap();
		LP
	}

	fn empty_pool_lp_token(who: &AccountId) -> u32 {
		Self::lp_token(who);
		if !<LpTokens as Inspect<AccountId>>::asset_exists(LP + 1) {
			LpTokens::force_create(RuntimeOrigin::root(), LP + 1, 0, true, 1).unwrap();
		}
		LP + 1
	}

	fn reward_asset() -> AssetKind {
		if !<Assets as Inspect<AccountId>>::asset_exists(REWARD) {
			Assets::force_create(RuntimeOrigin::root(), REWARD, 0, true, 1).unwrap();
		}
		NativeOrWithId::WithId(REWARD)
	}
}

/// Funded test accounts.
pub const ALICE: AccountId = 1;
/// A second staker.
pub const BOB: AccountId = 2;
/// A third staker.
pub const CHARLIE: AccountId = 3;
/// LP tokens each test account starts with.
pub const LP_FUNDS: u128 = 1_000_000;

/// A test externality at block 1 with an LP token, a reward asset and funded accounts.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, 1_000), (BOB, 1_000), (CHARLIE, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, Instance1> {
		assets: vec![(REWARD, 0, true, 1)],
		accounts: vec![(REWARD, ALICE, LP_FUNDS), (REWARD, BOB, LP_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test, Instance2> {
		assets: vec![(LP, 0, true, 1), (2, 0, true, 1)],
		accounts: vec![(LP, ALICE, LP_FUNDS), (LP, BOB, LP_FUNDS), (LP, CHARLIE, LP_FUNDS)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
