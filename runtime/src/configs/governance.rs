//! Governance: the council ([`pallet_collective`], its members kept by [`pallet_membership`])
//! and the origins it gives.
//!
//! - [`DexAdminOrigin`], the admin of the AMM and of liquidity mining (fee tiers, protocol fee,
//!   oracles, farms): root, or a council motion passed by two thirds of the members.
//! - Root itself: a council motion passed by two thirds whitelists a call's hash
//!   ([`pallet_whitelist`]) and dispatches the call as root. A runtime upgrade is such a call,
//!   `system.authorize_upgrade(code_hash)`; anyone then sends `system.apply_authorized_upgrade`
//!   with the code, which only needs to match the hash (docs/OPERATIONS.md walks through it).
//! - Sudo stays on the development chain only: the `local` chain's genesis names no sudo key.

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, EitherOfDiverse, LinearStoragePrice},
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use crate::{
	units::{DAYS, MILLI_UNIT, UNIT},
	weights, AccountId, Balance, Balances, Council, Preimage, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, System,
};

/// The council's instance of `pallet_collective` (and of `pallet_membership`, which keeps its
/// members).
pub type CouncilCollective = pallet_collective::Instance1;

/// Root, or a council motion passed by at least two thirds of the members.
pub type RootOrTwoThirdsOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Root, or a council motion passed by at least half of the members.
pub type RootOrHalfOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 1, 2>,
>;

/// The admin of the AMM and of liquidity mining.
pub type DexAdminOrigin = RootOrTwoThirdsOfCouncil;

parameter_types! {
	/// A motion that has not reached its threshold closes after three days.
	pub const CouncilMotionDuration: crate::BlockNumber = 3 * DAYS;
	/// Motions open at once.
	pub const CouncilMaxProposals: u32 = 100;
	/// Most members the council (and its membership list) can have.
	pub const CouncilMaxMembers: u32 = 100;
	/// A motion's call may use half a block.
	pub MaxProposalWeight: frame_support::weights::Weight =
		Perbill::from_percent(50) * super::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	// Members who did not vote count as voting with the prime member, if there is one.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = weights::pallet_collective::WeightInfo<Runtime>;
	// Members change through `CouncilMembership`; root may still set them at once.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrTwoThirdsOfCouncil;
	type KillOrigin = RootOrTwoThirdsOfCouncil;
	// Members are few and known: proposing costs no deposit beyond the transaction fee.
	type Consideration = ();
}

impl pallet_membership::Config<CouncilCollective> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootOrTwoThirdsOfCouncil;
	type RemoveOrigin = RootOrTwoThirdsOfCouncil;
	type SwapOrigin = RootOrTwoThirdsOfCouncil;
	type ResetOrigin = RootOrTwoThirdsOfCouncil;
	type PrimeOrigin = RootOrHalfOfCouncil;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = weights::pallet_membership::WeightInfo<Runtime>;
}

parameter_types! {
	/// The hold reason of preimage deposits.
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// Held for every preimage noted...
	pub const PreimageBaseDeposit: Balance = UNIT;
	/// ...plus this much per byte (a 1 MiB runtime holds about 1,050 DEX until unnoted).
	pub const PreimageByteDeposit: Balance = MILLI_UNIT;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = RootOrTwoThirdsOfCouncil;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// How long a deferred whitelisted dispatch stays valid.
	pub const WhitelistDispatchExpiration: crate::BlockNumber = 7 * DAYS;
}

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = RootOrTwoThirdsOfCouncil;
	type DispatchWhitelistedOrigin = RootOrTwoThirdsOfCouncil;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = WhitelistDispatchExpiration;
	type BlockNumberProvider = System;
	type WeightInfo = weights::pallet_whitelist::WeightInfo<Runtime>;
}
