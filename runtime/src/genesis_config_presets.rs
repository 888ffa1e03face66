//! Genesis presets: the `development` (single validator Alice) and `local_testnet` (validators
//! Alice, Bob, Charlie and Dave) states the node's `dev` and `local` chains start from.
//!
//! Both seed a council, whose two-thirds motions administer the exchange and dispatch as root
//! (see `configs::governance`): Alice, Bob and Charlie on the development chain, the four
//! validators on the local one. Only the development chain has a sudo key (Alice).
//!
//! Both start with a working market (see [`demo`]): three tokens with metadata, held by every
//! development account, four pools with liquidity from Alice, and a running farm, so that a
//! wallet or Polkadot.js apps shows pools, farms and positions from block 1.

use crate::{
	configs::{AssetKind, CouncilMaxMembers},
	units::UNIT,
	AccountId, AmmConfig, AssetsConfig, Balance, BalancesConfig, CouncilMembershipConfig,
	LiquidityMiningConfig, RuntimeGenesisConfig, SudoConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::traits::tokens::fungible::NativeOrWithId;
use frame_support::{build_struct_json_patch, BoundedVec};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each pre-funded development account starts with: one million DEX.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator's keys: Aura for authoring, GRANDPA for finality.
pub type AuthorityKeys = (AuraId, GrandpaId);

/// The genesis state as a JSON patch over the runtime's default genesis config: `authorities`
/// validate, `endowed_accounts` hold [`ENDOWMENT`] and the demo tokens, `root` owns the demo
/// tokens and provides the demo pools, `council` is the council (at most
/// [`CouncilMaxMembers`]: the rest are left out), and `sudo` holds the sudo key, if any.
pub fn genesis(
	authorities: Vec<AuthorityKeys>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
) -> Value {
	let mut council = council;
	council.sort();
	council.dedup();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo },
		council_membership: CouncilMembershipConfig {
			members: BoundedVec::<AccountId, CouncilMaxMembers>::truncate_from(council),
		},
		assets: AssetsConfig {
			assets: demo::TOKENS
				.iter()
				.map(|t| (t.id, root.clone(), true, t.min_balance))
				.collect::<Vec<_>>(),
			metadata: demo::TOKENS
				.iter()
				.map(|t| (
					t.id,
					t.name.as_bytes().to_vec(),
					t.symbol.as_bytes().to_vec(),
					t.decimals
				))
				.collect::<Vec<_>>(),
			accounts: demo::balances(&endowed_accounts, &root),
		},
		amm: AmmConfig { pools: demo::pools(&root) },
		liquidity_mining: LiquidityMiningConfig { farms: demo::farms() },
	})
}

/// The demo market every development chain starts with.
pub mod demo {
	use super::*;

	/// A demo token of the `Assets` pallet.
	pub struct Token {
		/// Asset id.
		pub id: u32,
		/// Name shown by wallets.
		pub name: &'static str,
		/// Ticker.
		pub symbol: &'static str,
		/// Decimals.
		pub decimals: u8,
		/// Least balance an account may hold.
		pub min_balance: Balance,
		/// One whole token in the smallest unit.
		pub one: Balance,
	}

	/// A dollar stable coin, 6 decimals like on other chains.
	pub const USDT: Token = Token {
		id: 1,
		name: "Tether USD",
		symbol: "USDT",
		decimals: 6,
		min_balance: 1_000,
		one: 1_000_000,
	};
	/// Wrapped ether, 18 decimals.
	pub const WETH: Token = Token {
		id: 2,
		name: "Wrapped Ether",
		symbol: "WETH",
		decimals: 18,
		min_balance: 1_000_000_000,
		one: 1_000_000_000_000_000_000,
	};
	/// The farm's reward token, 12 decimals.
	pub const DEXR: Token = Token {
		id: 3,
		name: "DEX Reward",
		symbol: "DEXR",
		decimals: 12,
		min_balance: 1_000_000,
		one: 1_000_000_000_000,
	};
	/// Every demo token.
	pub const TOKENS: [Token; 3] = [USDT, WETH, DEXR];

	/// What each development account holds of the demo tokens (Alice, who provides the pools'
	/// liquidity, holds ten times as much).
	pub const HOLDINGS: [(u32, Balance); 3] =
		[(USDT.id, 1_000_000 * USDT.one), (WETH.id, 500 * WETH.one), (DEXR.id, 100_000 * DEXR.one)];

	/// The pools: `(asset1, asset2, fee in basis points, amount1, amount2)`, priced at
	/// 1 DEX = 2 USDT, 1 WETH = 3,000 USDT and 1 DEXR = 0.5 DEX (so farm rewards have a price).
	pub fn pool_list() -> [(AssetKind, AssetKind, u32, Balance, Balance); 4] {
		let native = NativeOrWithId::Native;
		[
			(
				native.clone(),
				NativeOrWithId::WithId(USDT.id),
				30,
				100_000 * UNIT,
				200_000 * USDT.one,
			),
			(native.clone(), NativeOrWithId::WithId(WETH.id), 30, 60_000 * UNIT, 40 * WETH.one),
			(native, NativeOrWithId::WithId(DEXR.id), 100, 50_000 * UNIT, 100_000 * DEXR.one),
			(
				NativeOrWithId::WithId(USDT.id),
				NativeOrWithId::WithId(WETH.id),
				5,
				300_000 * USDT.one,
				100 * WETH.one,
			),
		]
	}

	/// The LP token of the DEX/USDT pool: the first pool created, so the first LP token id.
	pub const DEX_USDT_LP_TOKEN: u32 = 0;
	/// The farm pays this much DEXR per block to DEX/USDT liquidity providers who stake...
	pub const FARM_REWARD_PER_BLOCK: Balance = DEXR.one;
	/// ...until this block (about 30 days of 6-second blocks).
	pub const FARM_END: crate::BlockNumber = 30 * crate::units::DAYS;

	/// Balances of the demo tokens: every endowed account holds [`HOLDINGS`], the pools'
	/// provider ten times as much.
	pub fn balances(endowed: &[AccountId], provider: &AccountId) -> Vec<(u32, AccountId, Balance)> {
		let mut accounts: Vec<AccountId> = endowed.to_vec();
		if !accounts.contains(provider) {
			accounts.push(provider.clone());
		}
		accounts
			.iter()
			.flat_map(|who| {
				let factor = if who == provider { 10 } else { 1 };
				HOLDINGS.iter().map(move |(id, amount)| (*id, who.clone(), amount * factor))
			})
			.collect()
	}

	/// The AMM's genesis pools, all provided by `provider`.
	pub fn pools(provider: &AccountId) -> Vec<pallet_amm::GenesisPoolOf<crate::Runtime>> {
		pool_list()
			.into_iter()
			.map(|(a, b, fee, x, y)| (a, b, fee, provider.clone(), x, y))
			.collect()
	}

	/// One farm on the DEX/USDT pool, paying DEXR from block 1 to [`FARM_END`].
	pub fn farms() -> Vec<pallet_liquidity_mining::GenesisFarmOf<crate::Runtime>> {
		let blocks = Balance::from(FARM_END - 1);
		vec![(
			DEX_USDT_LP_TOKEN,
			NativeOrWithId::WithId(DEXR.id),
			FARM_REWARD_PER_BLOCK,
			FARM_END,
			FARM_REWARD_PER_BLOCK * blocks,
		)]
	}
}

/// Keys of a well-known development validator (`//Alice`, `//Bob`, ...).
fn authority(sr: Sr25519Keyring, ed: Ed25519Keyring) -> AuthorityKeys {
	(sr.public().into(), ed.public().into())
}

/// Every well-known development account (Alice to Ferdie and their stashes).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// Single validator Alice, council Alice, Bob and Charlie, sudo Alice, all development accounts
/// funded.
pub fn development_config_genesis() -> Value {
	use Sr25519Keyring::{Alice, Bob, Charlie};
	genesis(
		vec![authority(Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Alice.to_account_id(),
		vec![Alice.to_account_id(), Bob.to_account_id(), Charlie.to_account_id()],
		Some(Alice.to_account_id()),
	)
}

/// Validators Alice, Bob, Charlie and Dave (GRANDPA keeps finalizing with one of them down),
/// who are also the council; no sudo key; all development accounts funded.
pub fn local_config_genesis() -> Value {
	use Sr25519Keyring::{Alice, Bob, Charlie, Dave};
	let validators = [
		(Alice, Ed25519Keyring::Alice),
		(Bob, Ed25519Keyring::Bob),
		(Charlie, Ed25519Keyring::Charlie),
		(Dave, Ed25519Keyring::Dave),
	];
	genesis(
		validators.iter().map(|(sr, ed)| authority(*sr, *ed)).collect(),
		dev_accounts(),
		Alice.to_account_id(),
		validators.iter().map(|(sr, _)| sr.to_account_id()).collect(),
		None,
	)
}

/// The JSON of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
