//! Account tools that wallets and Polkadot.js apps expect: batches of calls
//! ([`pallet_utility`]), multi-signature accounts ([`pallet_multisig`]) and proxies
//! ([`pallet_proxy`]) with a [`ProxyType`] that may only trade, provide liquidity and farm.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{parameter_types, traits::InstanceFilter};
use scale_info::TypeInfo;
use sp_runtime::traits::BlakeTwo256;

use crate::{
	units::{MILLI_UNIT, UNIT},
	weights, Balance, Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, System,
};

/// The deposit that storing `items` entries of `bytes` bytes in all holds: 0.1 DEX per entry
/// and 0.001 DEX per byte, returned when the entries go.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * (UNIT / 10) + bytes as Balance * MILLI_UNIT
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	/// Held from a multisig operation's first approver until it executes or is cancelled: one
	/// entry of an account id, a count and the call's timepoint.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	/// Held for each signatory of a multisig operation (one account id).
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = frame_support::traits::ConstU32<100>;
	type WeightInfo = weights::pallet_multisig::WeightInfo<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do for the account that added it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Any call.
	#[default]
	Any,
	/// Only the exchange: AMM and liquidity mining calls, alone or in batches. No transfers of
	/// the native token or of assets, no proxy or multisig management. The AMM's calls name
	/// their recipient (`send_to`, `mint_to`, `withdraw_to`), which a proxy filter cannot check
	/// against the proxied account: give a `Dex` proxy to a trading key you control, not to a
	/// third party.
	Dex,
}

/// Whether `call` only uses the exchange: an AMM or liquidity-mining call, or a batch of them.
fn is_dex_call(call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::Amm(..) | RuntimeCall::LiquidityMining(..) => true,
		RuntimeCall::Utility(pallet_utility::Call::batch { calls })
		| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls })
		| RuntimeCall::Utility(pallet_utility::Call::force_batch { calls }) => {
			calls.iter().all(is_dex_call)
		}
		_ => false,
	}
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::Dex => is_dex_call(call),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::Dex, ProxyType::Dex) => true,
		}
	}
}

parameter_types! {
	/// Held for an account's proxy list.
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	/// Held for each proxy in the list (an account id and a proxy type).
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	/// Held for an account's list of announced proxy calls.
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	/// Held for each announcement (an account id, a call hash and a block number).
	pub const AnnouncementDepositFactor: Balance = deposit(0, 68);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = frame_support::traits::ConstU32<32>;
	type WeightInfo = weights::pallet_proxy::WeightInfo<Runtime>;
	type MaxPending = frame_support::traits::ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}
