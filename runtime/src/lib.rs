//! # DEX runtime
//!
//! The FRAME runtime of the DEX chain. It holds:
//! - the native token `DEX` (12 decimals) in [`pallet_balances`];
//! - tokens that users create in the `Assets` instance of [`pallet_assets`];
//! - LP tokens in the `PoolAssets` instance, which only the AMM pallet can create;
//! - Aura and GRANDPA for consensus, transaction payment (in the native token, or in any asset
//!   that has a pool with it, swapped through the AMM);
//! - batches, multisig accounts and proxies (`pallet_utility`, `pallet_multisig`,
//!   `pallet_proxy`);
//! - governance: a council (`pallet_collective` with `pallet_membership`) that administers the
//!   exchange and, through `pallet_whitelist` and `pallet_preimage`, dispatches as root (runtime
//!   upgrades); sudo, which only the development chain's genesis gives a key.
//!
//! Layout: this file declares types and the pallets, [`configs`] holds one `impl Config` per
//! pallet, [`apis`] implements every runtime API, and [`genesis_config_presets`] builds the
//! `development` and `local_testnet` genesis states that the node's chain specs use.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` expands to items that cannot carry doc comments.
#![allow(missing_docs)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know of the runtime's block format, without the
/// runtime's call types.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: one Aura key and one GRANDPA key.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` with every change of the runtime's logic, and
/// `transaction_version` with every change of how transactions encode (call indices and
/// arguments, transaction extensions).
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("dex-runtime"),
	impl_name: alloc::borrow::Cow::Borrowed("dex-runtime"),
	authoring_version: 1,
	spec_version: 103,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// Time and token units.
pub mod units {
	use super::{Balance, BlockNumber};

	/// Target time between blocks, in milliseconds. Aura's slot has the same length.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// Aura slot duration, in milliseconds.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
	/// Blocks per minute at the target block time.
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour at the target block time.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day at the target block time.
	pub const DAYS: BlockNumber = HOURS * 24;

	/// Decimals of the native token `DEX`.
	pub const TOKEN_DECIMALS: u32 = 12;
	/// One `DEX` in plancks (10^12).
	pub const UNIT: Balance = 1_000_000_000_000;
	/// One thousandth of a `DEX`.
	pub const MILLI_UNIT: Balance = UNIT / 1_000;
	/// One millionth of a `DEX`.
	pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
	/// The smallest balance an account may hold: 1 milli-DEX.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
}

/// The block number type.
pub type BlockNumber = u32;
/// The signature type of extrinsics.
pub type Signature = MultiSignature;
/// An account id: the public key behind a signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of the native token or of any asset.
pub type Balance = u128;
/// The id of an asset in `Assets` or `PoolAssets`.
pub type AssetId = u32;
/// A transaction's index in its sender's sequence.
pub type Nonce = u32;
/// A hash of some data.
pub type Hash = sp_core::H256;
/// The address format for naming accounts in calls.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions that every signed transaction carries.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_asset_conversion_tx_payment::ChargeAssetTxPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it arrives at the chain.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade.
type Migrations = (
	pallet_amm::migrations::v1::MigrateToV1<Runtime>,
	pallet_liquidity_mining::migrations::v1::MigrateToV1<Runtime>,
);

/// Executive: dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets<Instance1>;

	#[runtime::pallet_index(8)]
	pub type PoolAssets = pallet_assets<Instance2>;

	#[runtime::pallet_index(9)]
	pub type Amm = pallet_amm;

	#[runtime::pallet_index(10)]
	pub type LiquidityMining = pallet_liquidity_mining;

	#[runtime::pallet_index(11)]
	pub type AssetTxPayment = pallet_asset_conversion_tx_payment;

	#[runtime::pallet_index(12)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(13)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(14)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(15)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(16)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	#[runtime::pallet_index(17)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(18)]
	pub type Whitelist = pallet_whitelist;
}
