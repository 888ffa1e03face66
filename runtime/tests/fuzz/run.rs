//! Runs a sequence of [`Op`]s on the real runtime, in real blocks, and checks the invariants
//! after every transaction and every block.
//!
//! Blocks are built as a block author builds them: `Executive::initialize_block` with an Aura
//! pre-digest, the timestamp inherent, signed transactions through `Executive::apply_extrinsic`
//! (every transaction extension runs: nonce, weight, fees in the native token or in an asset
//! swapped through a pool), then `Executive::finalize_block`. A transaction the pool would refuse
//! (it cannot pay its fee, say) is rolled back as the block builder rolls it back; the admin's
//! calls go through `sudo`.

use super::ops::{Amount, Hostile, Op, ACCOUNTS, PRICES, SCALE_ASSETS};
use codec::Encode;
use dex_runtime::{
	configs::{AssetKind, NativeAndAssets},
	units::EXISTENTIAL_DEPOSIT,
	AccountId, Balance, Balances, Executive, Header, LiquidityMining, PoolAssets, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, SignedPayload, System, TxExtension,
	UncheckedExtrinsic,
};
use frame_support::{
	dispatch::GetDispatchInfo,
	storage::{with_transaction, TransactionOutcome},
	traits::fungibles::Inspect,
	weights::Weight,
};
use pallet_assets::{ExistenceReason, Instance1, Instance2};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, storage::Storage, Pair, H256, U256};
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Header as _, IdentifyAccount},
	BuildStorage, DispatchError, MultiSignature, MultiSigner, Permill,
};
use std::{collections::BTreeMap, sync::OnceLock, time::Duration};

/// The CPU time this thread has used: what executing a block costs, whatever else the machine
/// runs (wall-clock time would count the time other processes had the core).
struct CpuTime(Duration);

impl CpuTime {
	fn now() -> Self {
		let mut spec = libc::timespec { tv_sec: 0, tv_nsec: 0 };
		// SAFETY: `spec` is a valid, writable timespec; the clock id is a constant the kernel
		// knows.
		let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut spec) };
		assert_eq!(status, 0, "the thread's CPU clock is readable");
		CpuTime(Duration::new(spec.tv_sec as u64, spec.tv_nsec as u32))
	}

	fn elapsed(&self) -> Duration {
		CpuTime::now().0.saturating_sub(self.0)
	}
}

type Amm = pallet_amm::Pallet<Runtime>;

/// What each funded account starts with, of the native token and of every user asset.
pub const FUNDS: Balance = 1 << 90;
/// User assets: `(id, sufficient, minimum balance)`. Asset 2 is not sufficient, so only accounts
/// with a native balance can hold it. Scale sequences also use the sufficient assets
/// `5..SCALE_ASSETS` (minimum balance 1).
const USER_ASSETS: [(u32, bool, Balance); 3] =
	[(1, true, 1), (2, false, 1_000), (3, true, 1_000_000)];
/// The id the operations use for an asset that does not exist, and for a missing LP token.
const UNKNOWN_ASSET: u32 = 99;
const UNKNOWN_LP_TOKEN: u32 = 9_999;
/// Base amounts that [`Amount::Part`] scales for rates and caps, which no balance bounds.
const RATE_BASE: Balance = 1_000_000_000_000_000;
const CAP_BASE: Balance = 1_000_000_000_000_000_000;
/// The owner, admin, issuer and freezer of every user asset (a trader too).
const ISSUER: u8 = 0;
/// The index of the sudo key's account, which sends the admin's calls (not an operation actor).
const SUDO: u8 = ACCOUNTS;
/// Milliseconds per slot (one block per slot).
const SLOT_MS: u64 = 6_000;

/// A broken invariant: the operation it followed and what broke.
#[derive(Debug, Clone)]
pub struct Violation {
	/// Index of the operation after which the check failed.
	pub op: usize,
	/// What was found.
	pub message: String,
}

/// Counts of one sequence's run.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
	/// Per call name: transactions applied, and how many of their calls succeeded.
	pub by_call: BTreeMap<&'static str, (u64, u64)>,
	/// Operations executed.
	pub ops: u64,
	/// Transactions included (operations that make a call; refused ones are not counted).
	pub calls: u64,
	/// Included transactions whose call succeeded.
	pub succeeded: u64,
	/// Transactions refused before dispatch (invalid: e.g. the fee cannot be paid).
	pub refused: u64,
	/// Transactions whose fee was paid in an asset.
	pub asset_fees: u64,
	/// Blocks finished and checked.
	pub blocks: u64,
	/// The highest share of its charged weight that one transaction's execution took, in ppm.
	pub max_time_ppm: u64,
	/// The call of that transaction.
	pub slowest: &'static str,
}

/// The key pairs of the accounts, `//Fuzz0` ..= `//Fuzz{SUDO}`.
fn pairs() -> &'static [sr25519::Pair] {
	static PAIRS: OnceLock<Vec<sr25519::Pair>> = OnceLock::new();
	PAIRS.get_or_init(|| {
		(0..=SUDO)
			.map(|i| sr25519::Pair::from_string(&format!("//Fuzz{i}"), None).expect("valid seed"))
			.collect()
	})
}

/// The account of index `i`.
pub fn account(i: u8) -> AccountId {
	MultiSigner::from(pairs()[i as usize].public()).into_account()
}

/// The asset of index `i` (see [`super::ops::ASSETS`]).
fn asset(i: u8) -> AssetKind {
	match i {
		0 => AssetKind::Native,
		1..=3 => AssetKind::WithId(i as u32),
		5.. if i < SCALE_ASSETS => AssetKind::WithId(i as u32),
		_ => AssetKind::WithId(UNKNOWN_ASSET),
	}
}

/// The genesis state every sequence starts from: accounts 0..=3 hold [`FUNDS`] of every asset,
/// the sudo key holds native tokens, and one Aura authority produces every block.
pub fn genesis() -> Storage {
	let funded: Vec<AccountId> = (0..ACCOUNTS - 1).map(account).collect();
	let assets: Vec<(u32, bool, Balance)> = USER_ASSETS
		.into_iter()
		.chain((super::ops::ASSETS..SCALE_ASSETS).map(|id| (id as u32, true, 1)))
		.collect();
	let mut config = RuntimeGenesisConfig::default();
	config.balances.balances =
		funded.iter().chain([account(SUDO)].iter()).map(|who| (who.clone(), FUNDS)).collect();
	config.assets.assets = assets
		.iter()
		.map(|(id, sufficient, min)| (*id, account(ISSUER), *sufficient, *min))
		.collect();
	config.assets.accounts = assets
		.iter()
		.flat_map(|(id, _, _)| funded.iter().map(move |who| (*id, who.clone(), FUNDS)))
		.collect();
	config.sudo.key = Some(account(SUDO));
	config.aura.authorities = vec![pairs()[SUDO as usize].public().into()];
	let mut storage = config.build_storage().expect("the fuzz genesis is valid");
	// The runtime runs natively here: its wasm code would only be copied into every sequence.
	storage.top.remove(sp_core::storage::well_known_keys::CODE);
	storage
}

fn balance(who: &AccountId, asset: &AssetKind) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::balance(asset.clone(), who)
}

fn min_balance(asset: &AssetKind) -> Balance {
	<NativeAndAssets as Inspect<AccountId>>::minimum_balance(asset.clone())
}

fn lp_balance(who: &AccountId, lp_token: u32) -> Balance {
	<PoolAssets as Inspect<AccountId>>::balance(lp_token, who)
}

/// Resolves `amount` against `base` (a balance, or the base of a rate or cap) for `asset`.
fn resolve(amount: Amount, base: Balance, asset: Option<&AssetKind>) -> Balance {
	match amount {
		Amount::Zero => 0,
		Amount::One => 1,
		Amount::BelowMin => asset.map(min_balance).unwrap_or(1).saturating_sub(1),
		Amount::Max => Balance::MAX,
		Amount::Part(p) => {
			(U256::from(base) * U256::from(p.min(1000)) / U256::from(1000u32)).as_u128()
		}
		Amount::Raw(v) => v,
	}
}

fn lp_token(a: u8, b: u8) -> u32 {
	Amm::pool(asset(a), asset(b)).map(|p| p.lp_token).unwrap_or(UNKNOWN_LP_TOKEN)
}

fn deadline(expired: bool) -> Option<u32> {
	// An expired deadline is the block before the current one.
	expired.then(|| System::block_number().saturating_sub(1))
}

fn farm_id(farm: u8) -> u32 {
	farm as u32
}

fn farm_info(farm: u8) -> Option<pallet_liquidity_mining::FarmInfoOf<Runtime>> {
	pallet_liquidity_mining::Farms::<Runtime>::get(farm_id(farm))
}

/// Who sends a call: an account, or the admin origin (root, through `sudo`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Signer {
	Account(u8),
	Root,
}

/// The call an operation makes, with its sender; `None` for the operations that make no call.
fn call_of(op: &Op) -> Option<(Signer, RuntimeCall)> {
	use pallet_amm::Call as AmmCall;
	use pallet_liquidity_mining::Call as FarmCall;
	let signed = Signer::Account;
	let root = || Signer::Root;
	let now = System::block_number();
	Some(match op.clone() {
		Op::CreatePool { who, a, b, fee } => (
			signed(who),
			RuntimeCall::Amm(AmmCall::create_pool {
				asset1: asset(a),
				asset2: asset(b),
				fee_tier: fee,
			}),
		),
		Op::AddLiquidity { who, a, b, amount_a, amount_b, min_a, min_b, to, expired } => {
			let (asset_a, asset_b) = (asset(a), asset(b));
			let (bal_a, bal_b) =
				(balance(&account(who), &asset_a), balance(&account(who), &asset_b));
			(
				signed(who),
				RuntimeCall::Amm(AmmCall::add_liquidity {
					amount1_desired: resolve(amount_a, bal_a, Some(&asset_a)),
					amount2_desired: resolve(amount_b, bal_b, Some(&asset_b)),
					amount1_min: resolve(min_a, bal_a, Some(&asset_a)),
					amount2_min: resolve(min_b, bal_b, Some(&asset_b)),
					asset1: asset_a,
					asset2: asset_b,
					mint_to: account(to),
					deadline: deadline(expired),
				}),
			)
		}
		Op::RemoveLiquidity { who, a, b, lp, min_a, min_b, to, expired } => {
			let held = lp_balance(&account(who), lp_token(a, b));
			let reserves = Amm::pool(asset(a), asset(b)).map(|p| p.reserves).unwrap_or_default();
			(
				signed(who),
				RuntimeCall::Amm(AmmCall::remove_liquidity {
					asset1: asset(a),
					asset2: asset(b),
					lp_amount: resolve(lp, held, None),
					amount1_min: resolve(min_a, reserves.0, Some(&asset(a))),
					amount2_min: resolve(min_b, reserves.1, Some(&asset(b))),
					withdraw_to: account(to),
					deadline: deadline(expired),
				}),
			)
		}
		Op::SwapExactIn { who, path, amount_in, min_out, to, keep_alive, expired } => {
			let first = asset(path[0]);
			let held = balance(&account(who), &first);
			let amount_in = resolve(amount_in, held, Some(&first));
			let expected =
				Amm::quote_exact_in(&path.iter().map(|i| asset(*i)).collect::<Vec<_>>(), amount_in)
					.map(|q| q.amount_out)
					.unwrap_or(0);
			(
				signed(who),
				RuntimeCall::Amm(AmmCall::swap_exact_in {
					path: path.iter().map(|i| asset(*i)).collect(),
					amount_in,
					amount_out_min: resolve(min_out, expected.saturating_mul(2), None),
					send_to: account(to),
					keep_alive,
					deadline: deadline(expired),
				}),
			)
		}
		Op::SwapExactOut { who, path, amount_out, max_in, to, keep_alive, expired } => {
			let last = asset(*path.last().unwrap_or(&0));
			let reserve = path
				.len()
				.checked_sub(2)
				.and_then(|i| Amm::pool(asset(path[i]), last.clone()))
				.map(|p| p.reserves.1)
				.unwrap_or(0);
			let amount_out = resolve(amount_out, reserve, Some(&last));
			let expected = Amm::quote_exact_out(
				&path.iter().map(|i| asset(*i)).collect::<Vec<_>>(),
				amount_out,
			)
			.map(|q| q.amount_in)
			.unwrap_or(0);
			(
				signed(who),
				RuntimeCall::Amm(AmmCall::swap_exact_out {
					path: path.iter().map(|i| asset(*i)).collect(),
					amount_out,
					amount_in_max: resolve(max_in, expected.saturating_mul(2), None),
					send_to: account(to),
					keep_alive,
					deadline: deadline(expired),
				}),
			)
		}
		Op::TransferLp { who, a, b, amount, to } => {
			let id = lp_token(a, b);
			(
				signed(who),
				RuntimeCall::PoolAssets(pallet_assets::Call::transfer {
					id: id.into(),
					target: account(to).into(),
					amount: resolve(amount, lp_balance(&account(who), id), None),
				}),
			)
		}
		Op::LockLp { who, a, b, amount, blocks } => {
			let held = lp_balance(&account(who), lp_token(a, b));
			(
				signed(who),
				RuntimeCall::Amm(AmmCall::lock_lp_tokens {
					asset1: asset(a),
					asset2: asset(b),
					amount: resolve(amount, held, None),
					until: System::block_number() + u32::from(blocks),
				}),
			)
		}
		Op::Donate { who, asset: i, a, b, amount } => {
			let kind = asset(i);
			let pool = Amm::pool(asset(a), asset(b))
				.map(|p| p.account)
				.unwrap_or_else(|| account(ACCOUNTS - 1));
			let amount = resolve(amount, balance(&account(who), &kind), Some(&kind));
			let call = match kind {
				AssetKind::Native => {
					RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
						dest: pool.into(),
						value: amount,
					})
				}
				AssetKind::WithId(id) => RuntimeCall::Assets(pallet_assets::Call::transfer {
					id: id.into(),
					target: pool.into(),
					amount,
				}),
			};
			(signed(who), call)
		}
		Op::SetProtocolFee { receiver, share_ppm } => (
			root(),
			RuntimeCall::Amm(AmmCall::set_protocol_fee {
				config: receiver.map(|r| pallet_amm::ProtocolFeeConfig {
					receiver: account(r),
					share: Permill::from_parts(share_ppm),
				}),
			}),
		),
		Op::CreateFarm { a, b, reward, rate, start, length, cap } => {
			let start_block = now + start as u32;
			(
				root(),
				RuntimeCall::LiquidityMining(FarmCall::create_farm {
					lp_token: lp_token(a, b),
					reward_asset: asset(reward),
					reward_per_block: resolve(rate, RATE_BASE, None),
					start_block,
					end_block: start_block + length as u32,
					max_total_rewards: resolve(cap, CAP_BASE, None),
				}),
			)
		}
		Op::SetFarmRate { farm, rate } => (
			root(),
			RuntimeCall::LiquidityMining(FarmCall::set_farm_rate {
				farm_id: farm_id(farm),
				reward_per_block: resolve(rate, RATE_BASE, None),
			}),
		),
		Op::ExtendFarm { farm, blocks } => (
			root(),
			RuntimeCall::LiquidityMining(FarmCall::extend_farm {
				farm_id: farm_id(farm),
				end_block: farm_info(farm).map(|f| f.end).unwrap_or(now) + blocks as u32,
			}),
		),
		Op::EndFarm { farm } => {
			(root(), RuntimeCall::LiquidityMining(FarmCall::end_farm { farm_id: farm_id(farm) }))
		}
		Op::Stake { who, farm, amount } => {
			let held = farm_info(farm).map(|f| lp_balance(&account(who), f.lp_token)).unwrap_or(0);
			(
				signed(who),
				RuntimeCall::LiquidityMining(FarmCall::stake {
					farm_id: farm_id(farm),
					amount: resolve(amount, held, None),
				}),
			)
		}
		Op::Unstake { who, farm, amount } => {
			let staked =
				pallet_liquidity_mining::Stakes::<Runtime>::get(account(who), farm_id(farm))
					.map(|s| s.amount)
					.unwrap_or(0);
			(
				signed(who),
				RuntimeCall::LiquidityMining(FarmCall::unstake {
					farm_id: farm_id(farm),
					amount: resolve(amount, staked, None),
				}),
			)
		}
		Op::Claim { who, farm, to } => (
			signed(who),
			RuntimeCall::LiquidityMining(FarmCall::claim {
				farm_id: farm_id(farm),
				beneficiary: to.map(account),
			}),
		),
		Op::EmergencyWithdraw { who, farm } => (
			signed(who),
			RuntimeCall::LiquidityMining(FarmCall::emergency_withdraw { farm_id: farm_id(farm) }),
		),
		Op::AddAndStake { who, farm, amount1, amount2, min1, min2 } => {
			let assets = farm_info(farm)
				.and_then(|f| Amm::pool_of_lp_token(f.lp_token))
				.unwrap_or((AssetKind::Native, AssetKind::Native));
			let (bal1, bal2) =
				(balance(&account(who), &assets.0), balance(&account(who), &assets.1));
			(
				signed(who),
				RuntimeCall::LiquidityMining(FarmCall::add_liquidity_and_stake {
					farm_id: farm_id(farm),
					amount1_desired: resolve(amount1, bal1, Some(&assets.0)),
					amount2_desired: resolve(amount2, bal2, Some(&assets.1)),
					amount1_min: resolve(min1, bal1, Some(&assets.0)),
					amount2_min: resolve(min2, bal2, Some(&assets.1)),
				}),
			)
		}
		Op::UnlockLp { who, a, b } => (
			signed(who),
			RuntimeCall::Amm(AmmCall::unlock_lp_tokens { asset1: asset(a), asset2: asset(b) }),
		),
		Op::SetPriceOracle { a, b, enabled } => (
			root(),
			RuntimeCall::Amm(AmmCall::set_price_oracle {
				asset1: asset(a),
				asset2: asset(b),
				enabled,
			}),
		),
		Op::SetFeeTiers { tiers } => (
			root(),
			RuntimeCall::Amm(AmmCall::set_fee_tiers {
				fee_tiers: tiers.try_into().unwrap_or_default(),
			}),
		),
		Op::ApproveLp { who, a, b, delegate, amount } => {
			let id = lp_token(a, b);
			(
				signed(who),
				RuntimeCall::PoolAssets(pallet_assets::Call::approve_transfer {
					id: id.into(),
					delegate: account(delegate).into(),
					amount: resolve(amount, lp_balance(&account(who), id), None),
				}),
			)
		}
		Op::TransferApprovedLp { who, owner, a, b, to, amount } => {
			let id = lp_token(a, b);
			(
				signed(who),
				RuntimeCall::PoolAssets(pallet_assets::Call::transfer_approved {
					id: id.into(),
					owner: account(owner).into(),
					destination: account(to).into(),
					amount: resolve(amount, lp_balance(&account(owner), id), None),
				}),
			)
		}
		Op::Hostile { action, asset: i, a, b, amount } => {
			use pallet_assets::Call as AssetsCall;
			let id = match asset(i) {
				AssetKind::WithId(id) => id,
				AssetKind::Native => UNKNOWN_ASSET,
			};
			let pool = Amm::pool(asset(a), asset(b))
				.map(|p| p.account)
				.unwrap_or_else(|| account(ACCOUNTS - 1));
			let held = balance(&pool, &asset(i));
			let call = match action {
				Hostile::Freeze => AssetsCall::freeze { id: id.into(), who: pool.into() },
				Hostile::Thaw => AssetsCall::thaw { id: id.into(), who: pool.into() },
				Hostile::Block => AssetsCall::block { id: id.into(), who: pool.into() },
				Hostile::Burn => AssetsCall::burn {
					id: id.into(),
					who: pool.into(),
					amount: resolve(amount, held, Some(&asset(i))),
				},
				Hostile::ForceTransfer => AssetsCall::force_transfer {
					id: id.into(),
					source: pool.into(),
					dest: account(ISSUER).into(),
					amount: resolve(amount, held, Some(&asset(i))),
				},
				Hostile::FreezeAsset => AssetsCall::freeze_asset { id: id.into() },
				Hostile::ThawAsset => AssetsCall::thaw_asset { id: id.into() },
				Hostile::StartDestroy => AssetsCall::start_destroy { id: id.into() },
				Hostile::DestroyAccounts => AssetsCall::destroy_accounts { id: id.into() },
				Hostile::FinishDestroy => AssetsCall::finish_destroy { id: id.into() },
			};
			(signed(ISSUER), RuntimeCall::Assets(call))
		}
		Op::FeeAsset { .. } | Op::Advance { .. } | Op::Checkpoint { .. } => return None,
	})
}

/// A pool's state as the per-operation checks compare it.
#[derive(Clone, Copy)]
struct PoolState {
	reserve1: Balance,
	reserve2: Balance,
	lp_supply: Balance,
	/// `sqrt(k)` at the last liquidity change while the protocol fee was on.
	root_k_last: U256,
}

fn pools() -> BTreeMap<u32, PoolState> {
	pallet_amm::Pools::<Runtime>::iter()
		.map(|(pool_id, info)| {
			let (reserve1, reserve2) = Amm::reserves(&pool_id);
			(
				info.lp_token,
				PoolState {
					reserve1,
					reserve2,
					lp_supply: Amm::lp_supply(info.lp_token),
					root_k_last: info.root_k_last,
				},
			)
		})
		.collect()
}

fn k(pool: &PoolState) -> U256 {
	U256::from(pool.reserve1) * U256::from(pool.reserve2)
}

/// What the checks remember across operations, and the block being built.
#[derive(Default)]
struct Model {
	/// Issuance of each asset index (0..=3) at genesis.
	initial_issuance: [Balance; 4],
	/// Rewards minted per asset index, from `Claimed` events.
	minted: [Balance; 4],
	/// Burnt by the asset's issuer per asset index, from `Burned` events.
	burnt: [Balance; 4],
	/// Native dust burnt when accounts were reaped, from `DustLost` events.
	dust: Balance,
	/// Native fees burnt: paid in the native token (`TransactionFeePaid`), or bought with an
	/// asset through its pool (net native output of `SwapCreditExecuted`).
	native_fees: Balance,
	/// Farms created during the run, as their events describe them.
	farms: BTreeMap<u32, FarmModel>,
	/// Protocol-fee mints of the last operation: the pool's LP token and the LP tokens minted.
	protocol_minted: BTreeMap<u32, Balance>,
	/// The last swap's `(amount_in, amount_out)`, from its `SwapExecuted` event.
	last_swap: Option<(Balance, Balance)>,
	/// The solo account and its value at [`PRICES`] at the checkpoint.
	checkpoint: Option<(u8, U256)>,
	/// The asset index each account pays its fees in, if not the native token.
	fee_asset: BTreeMap<u8, u8>,
	/// The parent hash of the block being built.
	parent: H256,
	/// Execution time of the block being built so far.
	block_time: Duration,
}

/// A farm as its events describe it: an emission model kept apart from the pallet's own
/// bookkeeping (test review F2).
#[derive(Default)]
struct FarmModel {
	/// The first block that emits.
	start: u64,
	/// Each rate and the block it took effect, in order; a later change in the same block
	/// replaces the earlier one.
	rates: Vec<(u64, Balance)>,
	/// The first block that emits nothing.
	end: u64,
	/// The most the farm may emit.
	cap: Balance,
	/// What its `Claimed` events paid.
	paid: Balance,
}

impl FarmModel {
	/// Emitted by block `n`: over every block from the start up to `n` and the end, the rate in
	/// force at that block, summed and capped.
	fn emitted(&self, n: u64) -> Balance {
		let stop = n.min(self.end);
		let mut total: Balance = 0;
		for (i, (from, rate)) in self.rates.iter().enumerate() {
			let until = self.rates.get(i + 1).map_or(stop, |(next, _)| (*next).min(stop));
			let from = (*from).max(self.start);
			if until > from {
				total = total.saturating_add(rate.saturating_mul(Balance::from(until - from)));
			}
		}
		total.min(self.cap)
	}

	fn set_rate(&mut self, from: u64, rate: Balance) {
		match self.rates.last_mut() {
			Some(last) if last.0 == from => last.1 = rate,
			_ => self.rates.push((from, rate)),
		}
	}
}

fn asset_index(kind: &AssetKind) -> Option<usize> {
	match kind {
		AssetKind::Native => Some(0),
		AssetKind::WithId(id @ 1..=3) => Some(*id as usize),
		AssetKind::WithId(_) => None,
	}
}

impl Model {
	/// Takes the events since the last call into account and clears them.
	fn absorb_events(&mut self) -> Result<(), String> {
		self.protocol_minted.clear();
		self.last_swap = None;
		for record in System::events() {
			match record.event {
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::Claimed {
					farm_id,
					reward_asset,
					amount,
					..
				}) => {
					if let Some(i) = asset_index(&reward_asset) {
						self.minted[i] += amount;
					}
					if let Some(farm) = self.farms.get_mut(&farm_id) {
						farm.paid += amount;
					}
				}
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::FarmCreated {
					farm_id,
					reward_per_block,
					start_block,
					end_block,
					max_total_rewards,
					..
				}) => {
					let start = u64::from(start_block);
					self.farms.insert(
						farm_id,
						FarmModel {
							start,
							rates: vec![(start, reward_per_block)],
							end: end_block.into(),
							cap: max_total_rewards,
							paid: 0,
						},
					);
				}
				RuntimeEvent::LiquidityMining(
					pallet_liquidity_mining::Event::FarmRateChanged {
						farm_id,
						new_rate,
						from_block,
						..
					},
				) => {
					if let Some(farm) = self.farms.get_mut(&farm_id) {
						farm.set_rate(from_block.into(), new_rate);
					}
				}
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::FarmExtended {
					farm_id,
					end_block,
				}) => {
					if let Some(farm) = self.farms.get_mut(&farm_id) {
						farm.end = end_block.into();
					}
				}
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::FarmEnded {
					farm_id,
					at,
					..
				}) => {
					if let Some(farm) = self.farms.get_mut(&farm_id) {
						farm.end = farm.end.min(at.into());
					}
				}
				RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
					self.dust += amount;
				}
				RuntimeEvent::Assets(pallet_assets::Event::Burned {
					asset_id, balance, ..
				}) => {
					if let Some(i) = asset_index(&AssetKind::WithId(asset_id)) {
						self.burnt[i] += balance;
					}
				}
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
				)
				| RuntimeEvent::AssetTxPayment(
					pallet_asset_conversion_tx_payment::Event::AssetTxFeePaid {
						actual_fee,
						asset_id: AssetKind::Native,
						..
					},
				) => {
					// A fee "in the native asset" is taken as is, without a swap.
					self.native_fees += actual_fee;
				}
				RuntimeEvent::Amm(pallet_amm::Event::SwapCreditExecuted {
					path,
					amount_in,
					amount_out,
					..
				}) => {
					// Fees in an asset buy the native fee (the path ends in it) and swap back
					// what is refunded (the path starts with it); the native fee is burnt.
					if path.last().is_some_and(|(kind, _)| *kind == AssetKind::Native) {
						self.native_fees += amount_out;
					}
					if path.first().is_some_and(|(kind, _)| *kind == AssetKind::Native) {
						self.native_fees = self
							.native_fees
							.checked_sub(amount_in)
							.ok_or("a fee refund swapped back more native than was bought")?;
					}
				}
				RuntimeEvent::Amm(pallet_amm::Event::SwapExecuted {
					amount_in,
					amount_out,
					..
				}) => {
					self.last_swap = Some((amount_in, amount_out));
				}
				RuntimeEvent::Amm(pallet_amm::Event::ProtocolFeeMinted {
					pool_id,
					lp_minted,
					..
				}) => {
					if let Some(info) = pallet_amm::Pools::<Runtime>::get(pool_id) {
						*self.protocol_minted.entry(info.lp_token).or_default() += lp_minted;
					}
				}
				_ => {}
			}
		}
		System::reset_events();
		Ok(())
	}
}

/// Value of `who`'s holdings at [`PRICES`]: balances (reserved native included) plus its share of
/// every pool, rounded up, so the estimate never understates it.
fn value_at_prices(who: &AccountId) -> U256 {
	let native = System::account(who).data;
	let mut value = U256::from(native.free) + U256::from(native.reserved);
	for i in 1..=3u8 {
		value += U256::from(balance(who, &asset(i))) * U256::from(PRICES[i as usize]);
	}
	for (pool_id, info) in pallet_amm::Pools::<Runtime>::iter() {
		let held = lp_balance(who, info.lp_token);
		let lp_supply = Amm::lp_supply(info.lp_token);
		if held == 0 || lp_supply == 0 {
			continue;
		}
		let price =
			|kind: &AssetKind| U256::from(asset_index(kind).map(|i| PRICES[i]).unwrap_or(0));
		let (reserve1, reserve2) = Amm::reserves(&pool_id);
		let pool_value =
			U256::from(reserve1) * price(&pool_id.0) + U256::from(reserve2) * price(&pool_id.1);
		let supply = U256::from(lp_supply);
		value += (pool_value * U256::from(held) + supply - 1) / supply;
	}
	value
}

fn issuance(i: usize) -> Balance {
	if i == 0 {
		Balances::total_issuance()
	} else {
		<NativeAndAssets as Inspect<AccountId>>::total_issuance(asset(i as u8))
	}
}

/// Whether user asset `i` is live or frozen (not being destroyed, not gone).
fn asset_alive(i: usize) -> bool {
	i == 0
		|| pallet_assets::Asset::<Runtime, Instance1>::get(i as u32)
			.is_some_and(|d| d.status != pallet_assets::AssetStatus::Destroying)
}

/// An account of pallet-assets may hold less than the minimum balance only when a deposit keeps
/// it (as the AMM's touched pool accounts are kept).
fn below_min_allowed<B, A>(reason: &ExistenceReason<B, A>) -> bool {
	matches!(reason, ExistenceReason::DepositHeld(_) | ExistenceReason::DepositFrom(..))
}

/// Per account: asset accounts (of both instances) that hold a consumer and a sufficient
/// reference on it.
fn asset_references() -> BTreeMap<AccountId, (u32, u32)> {
	let mut refs: BTreeMap<AccountId, (u32, u32)> = BTreeMap::new();
	count_asset_references::<Instance1>(&mut refs);
	count_asset_references::<Instance2>(&mut refs);
	refs
}

/// Adds one pallet-assets instance's accounts to [`asset_references`].
fn count_asset_references<I: 'static>(refs: &mut BTreeMap<AccountId, (u32, u32)>)
where
	Runtime: pallet_assets::Config<I>,
{
	for (_, who, account) in pallet_assets::Account::<Runtime, I>::iter() {
		let entry = refs.entry(who).or_default();
		entry.0 += matches!(account.reason, ExistenceReason::Consumer) as u32;
		entry.1 += matches!(account.reason, ExistenceReason::Sufficient) as u32;
	}
}

/// One pallet-assets instance (`what` names its tokens): each asset's accounts sum to its
/// supply, and none holds less than the minimum balance unless a deposit keeps it. While an asset
/// is destroyed, its accounts go before its supply does: it is skipped.
fn check_asset_accounts<I: 'static>(what: &str) -> Result<(), String>
where
	Runtime: pallet_assets::Config<I, Balance = Balance>,
{
	for (id, details) in pallet_assets::Asset::<Runtime, I>::iter() {
		if details.status == pallet_assets::AssetStatus::Destroying {
			continue;
		}
		let mut sum: Balance = 0;
		for (who, account) in pallet_assets::Account::<Runtime, I>::iter_prefix(&id) {
			if account.balance != 0
				&& account.balance < details.min_balance
				&& !below_min_allowed(&account.reason)
			{
				return Err(format!(
					"{who} holds {} of {what} {id:?}, below its minimum",
					account.balance
				));
			}
			sum += account.balance;
		}
		if sum != details.supply {
			return Err(format!(
				"{what} {id:?}: accounts sum to {sum}, supply is {}",
				details.supply
			));
		}
	}
	Ok(())
}

/// The checks after every block.
fn check_block(model: &Model) -> Result<(), String> {
	Amm::do_try_state().map_err(|e| format!("AMM try_state: {e:?}"))?;
	LiquidityMining::do_try_state().map_err(|e| format!("liquidity-mining try_state: {e:?}"))?;

	// Native: the sum of accounts is the issuance, which moved only by rewards, burnt dust and
	// burnt fees. Every account's references and locks are consistent.
	let ed = EXISTENTIAL_DEPOSIT;
	let max_consumers =
		<<Runtime as frame_system::Config>::MaxConsumers as frame_support::traits::Get<u32>>::get();
	let asset_refs = asset_references();
	let mut sum: Balance = 0;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		let total = info.data.free + info.data.reserved;
		if total != 0 && total < ed {
			return Err(format!("{who} holds {total} native, below the existential deposit"));
		}
		sum += total;
		if info.consumers > 0 && info.providers == 0 && info.sufficients == 0 {
			return Err(format!("{who} has {} consumers and no provider", info.consumers));
		}
		if info.consumers > max_consumers {
			return Err(format!("{who} has {} consumers, over {max_consumers}", info.consumers));
		}
		let (consumer_assets, sufficient_assets) =
			asset_refs.get(&who).copied().unwrap_or_default();
		if info.consumers < consumer_assets || info.sufficients < sufficient_assets {
			return Err(format!(
				"{who} holds {consumer_assets} asset accounts by consumer and {sufficient_assets} \
				 as sufficient, but has {} consumers and {} sufficients",
				info.consumers, info.sufficients
			));
		}
		let locked = pallet_balances::Locks::<Runtime>::get(&who)
			.iter()
			.map(|l| l.amount)
			.chain(pallet_balances::Freezes::<Runtime>::get(&who).iter().map(|f| f.amount))
			.max()
			.unwrap_or(0);
		if info.data.frozen != locked {
			return Err(format!(
				"{who}: frozen {} but its locks and freezes need {locked}",
				info.data.frozen
			));
		}
		let held: Balance =
			pallet_balances::Holds::<Runtime>::get(&who).iter().map(|h| h.amount).sum();
		if info.data.reserved < held {
			return Err(format!(
				"{who}: reserved {} is less than its holds {held}",
				info.data.reserved
			));
		}
	}
	for (who, _) in asset_refs {
		if !frame_system::Account::<Runtime>::contains_key(&who) {
			return Err(format!("{who} holds assets but has no system account"));
		}
	}
	if sum != Balances::total_issuance() {
		return Err(format!(
			"native accounts sum to {sum}, issuance is {}",
			Balances::total_issuance()
		));
	}
	// User assets and LP tokens: accounts sum to the supply, none below the minimum balance
	// unless a deposit keeps it.
	check_asset_accounts::<Instance1>("asset")?;
	check_asset_accounts::<Instance2>("LP token")?;
	for i in 0..4 {
		if !asset_alive(i) {
			continue;
		}
		let (dust, fees) = if i == 0 { (model.dust, model.native_fees) } else { (0, 0) };
		let expected = model.initial_issuance[i] + model.minted[i] - model.burnt[i] - dust - fees;
		if issuance(i) != expected {
			return Err(format!(
				"asset {i}: issuance {} differs from genesis {} + rewards {} - burnt {} - dust \
				 {dust} - fees {fees}",
				issuance(i),
				model.initial_issuance[i],
				model.minted[i],
				model.burnt[i],
			));
		}
	}

	// Farms: what their `Claimed` events paid is what they count; what they emitted is what the
	// model computes from their events; paid and forfeited stay within it.
	let now = u64::from(System::block_number());
	for (id, model_farm) in &model.farms {
		let Some(farm) = pallet_liquidity_mining::Farms::<Runtime>::get(id) else { continue };
		if farm.claimed != model_farm.paid {
			return Err(format!(
				"farm {id} counts {} claimed, its events paid {}",
				farm.claimed, model_farm.paid
			));
		}
		let last_update = u64::from(farm.last_update);
		let expected = model_farm.emitted(last_update);
		let counted = farm.distributed + farm.undistributed;
		if counted != expected {
			return Err(format!(
				"farm {id} counts {counted} emitted by block {last_update}, its schedule gives \
				 {expected}"
			));
		}
		let emitted = model_farm.emitted(now);
		if farm.claimed + farm.forfeited > emitted {
			return Err(format!(
				"farm {id} paid {} and forfeited {} of {emitted} emitted",
				farm.claimed, farm.forfeited
			));
		}
	}

	// The solo account never gains value at fixed prices.
	if let Some((who, start)) = model.checkpoint {
		let now_value = value_at_prices(&account(who));
		// One unit per pool of slack: each pool share is rounded up.
		let slack = U256::from(pallet_amm::Pools::<Runtime>::iter().count());
		if now_value > start + slack {
			return Err(format!(
				"account {who} acting alone grew from {start} to {now_value} at fixed prices"
			));
		}
	}
	Ok(())
}

/// A hash of everything stored under the pallets' prefixes.
fn storage_hash(pallets: &[&str]) -> [u8; 32] {
	let mut all = Vec::new();
	for name in pallets {
		let prefix = sp_io::hashing::twox_128(name.as_bytes());
		let mut key = prefix.to_vec();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if !next.starts_with(&prefix) {
				break;
			}
			all.extend_from_slice(&next);
			all.extend_from_slice(&sp_io::storage::get(&next).unwrap_or_default());
			key = next;
		}
	}
	sp_io::hashing::blake2_256(&all)
}

/// The DEX's own state: pools, farms, LP tokens and, when the fee is paid in the native token,
/// the user assets (a fee in an asset moves that asset into its pool).
fn dex_state(fee_in_asset: bool) -> [u8; 32] {
	if fee_in_asset {
		storage_hash(&["Amm", "LiquidityMining", "PoolAssets"])
	} else {
		storage_hash(&["Amm", "LiquidityMining", "PoolAssets", "Assets"])
	}
}

/// Operations that may change pools' liquidity or reserves other than by swapping.
fn moves_liquidity(op: &Op) -> bool {
	matches!(
		op,
		Op::CreatePool { .. }
			| Op::AddLiquidity { .. }
			| Op::RemoveLiquidity { .. }
			| Op::AddAndStake { .. }
			| Op::Donate { .. }
			| Op::Hostile { .. }
	)
}

/// What a transaction did.
struct Applied {
	/// The call's result (the inner call's, for the admin's calls through `sudo`).
	result: Result<(), DispatchError>,
	/// The weight charged for it (the call's actual weight, its extensions and the base).
	weight: Weight,
	/// How long the executive took to apply it.
	elapsed: Duration,
}

/// Signs `call` by account `who` with its next nonce, paying fees in `fee_asset`.
fn sign(who: u8, call: RuntimeCall, fee_asset: Option<AssetKind>) -> UncheckedExtrinsic {
	let nonce = System::account_nonce(account(who));
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_asset_conversion_tx_payment::ChargeAssetTxPayment::from(0, fee_asset),
		frame_system::WeightReclaim::new(),
	);
	let payload =
		SignedPayload::new(call.clone(), extension.clone()).expect("the implicit data is there");
	let signature = payload.using_encoded(|bytes| pairs()[who as usize].sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		account(who).into(),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// The result and weight of the transaction just applied, from its events.
fn applied_from_events() -> Result<(Result<(), DispatchError>, Weight), String> {
	let mut outcome = None;
	let mut sudo_result = None;
	for record in System::events() {
		match record.event {
			RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { dispatch_info }) => {
				outcome = Some((Ok(()), dispatch_info.weight));
			}
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error,
				dispatch_info,
			}) => {
				outcome = Some((Err(dispatch_error), dispatch_info.weight));
			}
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: inner }) => {
				sudo_result = Some(inner);
			}
			_ => {}
		}
	}
	let (result, weight) = outcome.ok_or("an applied transaction left no outcome event")?;
	Ok((result.and(sudo_result.unwrap_or(Ok(()))), weight))
}

/// Applies `call` from `signer` as a signed transaction in the block being built. A transaction
/// the block builder would refuse (the executive returns a validity error) is rolled back and
/// yields `Ok(None)`. Its execution time is measured against the weight it was charged; a
/// transaction over it is rolled back and measured again, twice at most, so that a slow moment
/// of the machine is not taken for a weight that is too low.
fn apply(model: &mut Model, signer: Signer, call: RuntimeCall) -> Result<Option<Applied>, String> {
	let (who, call, fee_asset) = match signer {
		Signer::Account(who) => (who, call, model.fee_asset.get(&who).map(|i| asset(*i))),
		Signer::Root => {
			(SUDO, RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) }), None)
		}
	};
	let xt = sign(who, call, fee_asset);
	let pre = xt.get_dispatch_info();
	let base = <Runtime as frame_system::Config>::BlockWeights::get().get(pre.class).base_extrinsic;
	let nonce = System::account_nonce(account(who));
	for attempt in 0..3 {
		let result = with_transaction(|| {
			let started = CpuTime::now();
			let applied = Executive::apply_extrinsic(xt.clone());
			let elapsed = started.elapsed();
			let outcome = match applied {
				Err(_) => return TransactionOutcome::Rollback(Ok(Ok(None))),
				Ok(_) => applied_from_events(),
			};
			let (result, weight) = match outcome {
				Ok(outcome) => outcome,
				Err(e) => return TransactionOutcome::Commit(Ok(Err(e))),
			};
			if elapsed.as_nanos() * 1_000 > weight.ref_time() as u128 && attempt < 2 {
				return TransactionOutcome::Rollback(Ok(Ok(Some(None))));
			}
			TransactionOutcome::Commit(Ok::<_, DispatchError>(Ok(Some(Some(Applied {
				result,
				weight,
				elapsed,
			})))))
		})
		.map_err(|e| format!("{e:?}"))??;
		let applied = match result {
			None => return Ok(None),
			Some(None) => continue,
			Some(Some(applied)) => applied,
		};
		if applied.elapsed.as_nanos() * 1_000 > applied.weight.ref_time() as u128 {
			return Err(format!(
				"a transaction took {:?}, over its weight {} ps, three times",
				applied.elapsed,
				applied.weight.ref_time()
			));
		}
		if applied.weight.any_gt(pre.total_weight().saturating_add(base)) {
			return Err(format!(
				"a transaction was charged {} after {} was announced",
				applied.weight,
				pre.total_weight().saturating_add(base)
			));
		}
		if System::account_nonce(account(who)) != nonce + 1 {
			return Err("an included transaction did not take exactly one nonce".into());
		}
		let fee_paid = System::events().iter().any(|r| {
			matches!(
				r.event,
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { .. }
				) | RuntimeEvent::AssetTxPayment(
					pallet_asset_conversion_tx_payment::Event::AssetTxFeePaid { .. }
				)
			)
		});
		if !fee_paid {
			return Err("an included transaction reported no fee".into());
		}
		model.block_time += applied.elapsed;
		return Ok(Some(applied));
	}
	unreachable!("the third attempt always returns")
}

/// Starts the next block as a block author does: the executive's initialisation with the slot's
/// Aura pre-digest (the hooks run: the AMM's oracles still see the previous block's time), then
/// the timestamp inherent (6 s per block).
fn start_block(model: &mut Model) -> Result<(), String> {
	let number = System::block_number() + 1;
	let slot = Slot::from(number as u64);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, H256::zero(), H256::zero(), model.parent, digest);
	let started = CpuTime::now();
	Executive::initialize_block(&header);
	let timestamp =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
			now: number as u64 * SLOT_MS,
		}));
	Executive::apply_extrinsic(timestamp)
		.map_err(|e| format!("the timestamp inherent was refused: {e:?}"))?
		.map_err(|e| format!("the timestamp inherent failed: {e:?}"))?;
	model.block_time = started.elapsed();
	Ok(())
}

/// Finishes the block being built; its execution time must stay within its charged weight.
fn finish_block(model: &mut Model) -> Result<(), String> {
	let charged = frame_system::BlockWeight::<Runtime>::get().total();
	let started = CpuTime::now();
	let header = Executive::finalize_block();
	model.block_time += started.elapsed();
	model.parent = header.hash();
	if model.block_time.as_nanos() * 1_000 > charged.ref_time() as u128 {
		return Err(format!(
			"block {} took {:?}, over its weight {} ps",
			header.number(),
			model.block_time,
			charged.ref_time()
		));
	}
	Ok(())
}

/// Checks after one included transaction: a failed call left the DEX's state as it was; no
/// pool's value per LP share fell (counted from the supply after a protocol-fee mint, which must
/// be exactly the protocol's share, and unless the asset's issuer took from the pool); outside liquidity changes, no pool's constant product fell nor its LP
/// supply changed (a swap, or a fee bought through a pool); a swap paid exactly its quote.
fn check_call(
	op: &Op,
	result: &Result<(), DispatchError>,
	dex_before: [u8; 32],
	fee_in_asset: bool,
	quote: Option<(Balance, Balance)>,
	before: &BTreeMap<u32, PoolState>,
	model: &Model,
) -> Result<(), String> {
	if result.is_err() && dex_state(fee_in_asset) != dex_before {
		return Err(format!("the failed call ({result:?}) changed the DEX's state"));
	}
	if let (Ok(()), Some(quote), Some(swap)) = (result, quote, model.last_swap) {
		if quote != swap {
			return Err(format!("a swap quoted (in, out) = {quote:?} executed as {swap:?}"));
		}
	}
	for (lp, after) in pools() {
		let Some(old) = before.get(&lp) else { continue };
		if !moves_liquidity(op) && (k(&after) < k(old) || after.lp_supply != old.lp_supply) {
			return Err(format!(
				"{} lowered pool {lp}'s constant product or changed its LP supply",
				op.name()
			));
		}
		if old.lp_supply == 0 || after.lp_supply == 0 || matches!(op, Op::Hostile { .. }) {
			continue;
		}
		// A protocol-fee mint dilutes the LPs by exactly the protocol's share of the growth of
		// √k since the last change (test review F3): the supply it starts from includes it.
		// A fee paid in an asset swaps through a pool first, which moves the growth the mint
		// measures; then only the dilution is checked.
		let minted = model.protocol_minted.get(&lp).copied().unwrap_or_default();
		if minted > 0 && !fee_in_asset {
			let share = pallet_amm::ProtocolFee::<Runtime>::get()
				.ok_or("a protocol fee was minted while the protocol fee is off")?
				.share
				.deconstruct();
			let expected = pallet_amm::math::protocol_fee_lp(
				old.root_k_last,
				old.reserve1,
				old.reserve2,
				old.lp_supply,
				share,
			);
			if expected != Ok(minted) {
				return Err(format!(
					"pool {lp} minted {minted} LP tokens as protocol fee, expected {expected:?}"
				));
			}
		}
		let start = U256::from(old.lp_supply) + U256::from(minted);
		// k / supply² never falls: k_after · S_start² ≥ k_before · S_after².
		let lhs = k(&after).full_mul(start * start);
		let rhs = k(old).full_mul(U256::from(after.lp_supply) * U256::from(after.lp_supply));
		if lhs < rhs {
			return Err(format!("pool {lp}'s value per LP share fell"));
		}
	}
	Ok(())
}

/// The quote a swap call must execute at: `(amount_in, amount_out)`.
fn quote_of(call: &RuntimeCall) -> Option<(Balance, Balance)> {
	match call {
		RuntimeCall::Amm(pallet_amm::Call::swap_exact_in { path, amount_in, .. }) => {
			Amm::quote_exact_in(path, *amount_in).ok().map(|q| (*amount_in, q.amount_out))
		}
		RuntimeCall::Amm(pallet_amm::Call::swap_exact_out { path, amount_out, .. }) => {
			Amm::quote_exact_out(path, *amount_out).ok().map(|q| (q.amount_in, *amount_out))
		}
		_ => None,
	}
}

/// Runs `ops` from `genesis`; the first broken invariant, panic included, is the error.
pub fn run(genesis: &Storage, ops: &[Op]) -> Result<Outcome, Violation> {
	let mut ext = sp_io::TestExternalities::new(genesis.clone());
	let mut last_op = 0;
	let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		run_in_externalities(&mut ext, ops, &mut last_op)
	}));
	match result {
		Ok(result) => result,
		Err(panic) => {
			let message = panic
				.downcast_ref::<String>()
				.cloned()
				.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
				.unwrap_or_default();
			Err(Violation { op: last_op, message: format!("panic: {message}") })
		}
	}
}

/// Ends the block being built and checks it. The externalities then commit it, as a node
/// commits a block to its database, so that the next block's state root is computed from there.
fn end_block(ext: &mut sp_io::TestExternalities, model: &mut Model) -> Result<(), String> {
	ext.execute_with(|| {
		finish_block(model)?;
		model.absorb_events()?;
		check_block(model)
	})?;
	ext.commit_all()
}

fn run_in_externalities(
	ext: &mut sp_io::TestExternalities,
	ops: &[Op],
	last_op: &mut usize,
) -> Result<Outcome, Violation> {
	let mut outcome = Outcome::default();
	let mut model = Model::default();
	let violation = |op: usize| move |message: String| Violation { op, message };
	ext.execute_with(|| {
		for (i, slot) in model.initial_issuance.iter_mut().enumerate() {
			*slot = issuance(i);
		}
		model.parent = frame_system::BlockHash::<Runtime>::get(0);
		start_block(&mut model)?;
		model.absorb_events()
	})
	.map_err(violation(0))?;
	for (index, op) in ops.iter().enumerate() {
		*last_op = index;
		outcome.ops += 1;
		match op {
			Op::Advance { blocks } => {
				for _ in 0..*blocks {
					end_block(ext, &mut model).map_err(violation(index))?;
					outcome.blocks += 1;
					ext.execute_with(|| {
						start_block(&mut model)?;
						model.absorb_events()
					})
					.map_err(violation(index))?;
				}
			}
			_ => {
				ext.execute_with(|| step(op, &mut model, &mut outcome)).map_err(violation(index))?
			}
		}
	}
	end_block(ext, &mut model).map_err(violation(ops.len().saturating_sub(1)))?;
	outcome.blocks += 1;
	Ok(outcome)
}

/// Carries out one operation other than a block advance, with the checks after it.
fn step(op: &Op, model: &mut Model, outcome: &mut Outcome) -> Result<(), String> {
	match op {
		Op::Checkpoint { who } => {
			model.checkpoint = Some((*who, value_at_prices(&account(*who))));
			Ok(())
		}
		Op::FeeAsset { who, asset } => {
			match asset {
				Some(i) => model.fee_asset.insert(*who, *i),
				None => model.fee_asset.remove(who),
			};
			Ok(())
		}
		_ => {
			let (signer, call) = call_of(op).ok_or("an operation that makes no call")?;
			let fee_in_asset = match signer {
				Signer::Account(who) => model.fee_asset.contains_key(&who),
				Signer::Root => false,
			};
			// A fee bought through a pool moves it before the call runs: quotes only hold for
			// fees in the native token.
			let quote = if fee_in_asset { None } else { quote_of(&call) };
			let dex_before = dex_state(fee_in_asset);
			let before = pools();
			let Some(applied) = apply(model, signer, call)? else {
				outcome.refused += 1;
				return Ok(());
			};
			outcome.calls += 1;
			outcome.asset_fees += fee_in_asset as u64;
			let ppm = (applied.elapsed.as_nanos() * 1_000_000_000
				/ (applied.weight.ref_time() as u128).max(1)) as u64;
			if ppm > outcome.max_time_ppm {
				outcome.max_time_ppm = ppm;
				outcome.slowest = op.name();
			}
			let entry = outcome.by_call.entry(op.name()).or_default();
			entry.0 += 1;
			if applied.result.is_ok() {
				outcome.succeeded += 1;
				entry.1 += 1;
			}
			model.absorb_events()?;
			check_call(op, &applied.result, dex_before, fee_in_asset, quote, &before, model)
		}
	}
}

/// Shortens a failing sequence: drops every operation whose removal keeps it failing.
pub fn minimise(genesis: &Storage, mut ops: Vec<Op>) -> Vec<Op> {
	loop {
		let mut changed = false;
		let mut i = ops.len();
		while i > 0 {
			i -= 1;
			let mut shorter = ops.clone();
			shorter.remove(i);
			if run(genesis, &shorter).is_err() {
				ops = shorter;
				changed = true;
			}
		}
		if !changed {
			return ops;
		}
	}
}
