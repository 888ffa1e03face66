//! Runs a sequence of [`Op`]s on the real runtime and checks the invariants after every
//! operation and every block.

use super::ops::{Amount, Op, ACCOUNTS, PRICES};
use dex_runtime::{
	configs::{AssetKind, NativeAndAssets},
	units::EXISTENTIAL_DEPOSIT,
	AccountId, Balance, Balances, LiquidityMining, PoolAssets, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, RuntimeOrigin, System,
};
use frame_support::traits::{fungibles::Inspect, Hooks};
use pallet_assets::{Instance1, Instance2};
use sp_core::{storage::Storage, U256};
use sp_runtime::{
	traits::Dispatchable, AccountId32, BuildStorage, DispatchResult, Permill, StateVersion,
};
use std::collections::BTreeMap;

type Amm = pallet_amm::Pallet<Runtime>;

/// What each funded account starts with, of the native token and of every user asset.
pub const FUNDS: Balance = 1 << 90;
/// User assets: `(id, sufficient, minimum balance)`. Asset 2 is not sufficient, so only accounts
/// with a native balance can hold it.
const USER_ASSETS: [(u32, bool, Balance); 3] =
	[(1, true, 1), (2, false, 1_000), (3, true, 1_000_000)];
/// The id the operations use for an asset that does not exist, and for a missing LP token.
const UNKNOWN_ASSET: u32 = 99;
const UNKNOWN_LP_TOKEN: u32 = 9_999;
/// Base amounts that [`Amount::Part`] scales for rates and caps, which no balance bounds.
const RATE_BASE: Balance = 1_000_000_000_000_000;
const CAP_BASE: Balance = 1_000_000_000_000_000_000;

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
	/// Per call name: calls dispatched and calls that succeeded.
	pub by_call: BTreeMap<&'static str, (u64, u64)>,
	/// Operations executed.
	pub ops: u64,
	/// Calls dispatched (operations other than block advances and checkpoints).
	pub calls: u64,
	/// Calls that succeeded.
	pub succeeded: u64,
	/// Blocks finished and checked.
	pub blocks: u64,
}

/// The account of index `i`.
pub fn account(i: u8) -> AccountId {
	AccountId32::new([i + 1; 32])
}

/// The asset of index `i` (see [`super::ops::ASSETS`]).
fn asset(i: u8) -> AssetKind {
	match i {
		0 => AssetKind::Native,
		1..=3 => AssetKind::WithId(i as u32),
		_ => AssetKind::WithId(UNKNOWN_ASSET),
	}
}

/// The genesis state every sequence starts from: accounts 0..=3 hold [`FUNDS`] of every asset.
pub fn genesis() -> Storage {
	let funded: Vec<AccountId> = (0..ACCOUNTS - 1).map(account).collect();
	let mut config = RuntimeGenesisConfig::default();
	config.balances.balances = funded.iter().map(|who| (who.clone(), FUNDS)).collect();
	config.assets.assets = USER_ASSETS
		.iter()
		.map(|(id, sufficient, min)| (*id, account(0), *sufficient, *min))
		.collect();
	config.assets.accounts = USER_ASSETS
		.iter()
		.flat_map(|(id, _, _)| funded.iter().map(move |who| (*id, who.clone(), FUNDS)))
		.collect();
	config.build_storage().expect("the fuzz genesis is valid")
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

/// The call an operation dispatches, with its origin; `None` for advances and checkpoints.
fn call_of(op: &Op) -> Option<(RuntimeOrigin, RuntimeCall)> {
	use pallet_amm::Call as AmmCall;
	use pallet_liquidity_mining::Call as FarmCall;
	let signed = |who: u8| RuntimeOrigin::signed(account(who));
	let root = RuntimeOrigin::root;
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
		Op::Advance { .. } | Op::Checkpoint { .. } => return None,
	})
}

/// A pool's state as the per-operation checks compare it.
#[derive(Clone, Copy)]
struct PoolState {
	reserve1: Balance,
	reserve2: Balance,
	lp_supply: Balance,
}

fn pools() -> BTreeMap<u32, PoolState> {
	pallet_amm::Pools::<Runtime>::iter()
		.map(|(pool_id, info)| {
			let (reserve1, reserve2) = Amm::reserves(&pool_id);
			(
				info.lp_token,
				PoolState { reserve1, reserve2, lp_supply: Amm::lp_supply(info.lp_token) },
			)
		})
		.collect()
}

fn k(pool: &PoolState) -> U256 {
	U256::from(pool.reserve1) * U256::from(pool.reserve2)
}

/// What the checks remember across operations.
#[derive(Default)]
struct Model {
	/// Issuance of each asset index (0..=3) at genesis.
	initial_issuance: [Balance; 4],
	/// Rewards minted per asset index, from `Claimed` events.
	minted: [Balance; 4],
	/// Native dust burnt when accounts were reaped, from `DustLost` events.
	dust: Balance,
	/// Per farm: the highest rate it ever had and what its `Claimed` events paid.
	farms: BTreeMap<u32, (Balance, Balance)>,
	/// LP tokens of pools whose LP was diluted by a protocol-fee mint in the last operation.
	protocol_minted: Vec<u32>,
	/// The solo account and its value at [`PRICES`] at the checkpoint.
	checkpoint: Option<(u8, U256)>,
}

fn asset_index(kind: &AssetKind) -> Option<usize> {
	match kind {
		AssetKind::Native => Some(0),
		AssetKind::WithId(id @ 1..=3) => Some(*id as usize),
		AssetKind::WithId(_) => None,
	}
}

impl Model {
	/// Takes the events of the last operation into account and clears them.
	fn absorb_events(&mut self) -> Result<(), String> {
		self.protocol_minted.clear();
		for record in System::events() {
			match record.event {
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::Claimed {
					farm_id,
					reward_asset,
					amount,
					..
				}) => {
					let i = asset_index(&reward_asset).ok_or("a reward in an unknown asset")?;
					self.minted[i] += amount;
					self.farms.entry(farm_id).or_default().1 += amount;
				}
				RuntimeEvent::LiquidityMining(pallet_liquidity_mining::Event::FarmCreated {
					farm_id,
					reward_per_block,
					..
				}) => {
					self.farms.insert(farm_id, (reward_per_block, 0));
				}
				RuntimeEvent::LiquidityMining(
					pallet_liquidity_mining::Event::FarmRateChanged { farm_id, new_rate, .. },
				) => {
					let farm = self.farms.entry(farm_id).or_default();
					farm.0 = farm.0.max(new_rate);
				}
				RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
					self.dust += amount;
				}
				RuntimeEvent::Amm(pallet_amm::Event::ProtocolFeeMinted { pool_id, .. }) => {
					if let Some(info) = pallet_amm::Pools::<Runtime>::get(pool_id) {
						self.protocol_minted.push(info.lp_token);
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

/// The checks after every block.
fn check_block(model: &Model) -> Result<(), String> {
	Amm::do_try_state().map_err(|e| format!("AMM try_state: {e:?}"))?;
	LiquidityMining::do_try_state().map_err(|e| format!("liquidity-mining try_state: {e:?}"))?;

	// Native: the sum of accounts is the issuance, which moved only by rewards and burnt dust.
	let ed = EXISTENTIAL_DEPOSIT;
	let mut sum: Balance = 0;
	for (who, info) in frame_system::Account::<Runtime>::iter() {
		let total = info.data.free + info.data.reserved;
		if total != 0 && total < ed {
			return Err(format!("{who} holds {total} native, below the existential deposit"));
		}
		sum += total;
	}
	if sum != Balances::total_issuance() {
		return Err(format!(
			"native accounts sum to {sum}, issuance is {}",
			Balances::total_issuance()
		));
	}
	// User assets and LP tokens: accounts sum to the supply, none below the minimum balance.
	for (id, details) in pallet_assets::Asset::<Runtime, Instance1>::iter() {
		let mut sum: Balance = 0;
		for (who, account) in pallet_assets::Account::<Runtime, Instance1>::iter_prefix(id) {
			if account.balance != 0 && account.balance < details.min_balance {
				return Err(format!(
					"{who} holds {} of asset {id}, below its minimum",
					account.balance
				));
			}
			sum += account.balance;
		}
		if sum != details.supply {
			return Err(format!("asset {id}: accounts sum to {sum}, supply is {}", details.supply));
		}
	}
	for (id, details) in pallet_assets::Asset::<Runtime, Instance2>::iter() {
		let mut sum: Balance = 0;
		for (who, account) in pallet_assets::Account::<Runtime, Instance2>::iter_prefix(id) {
			if account.balance != 0 && account.balance < details.min_balance {
				return Err(format!(
					"{who} holds {} of LP token {id}, below its minimum",
					account.balance
				));
			}
			sum += account.balance;
		}
		if sum != details.supply {
			return Err(format!(
				"LP token {id}: accounts sum to {sum}, supply is {}",
				details.supply
			));
		}
	}
	for i in 0..4 {
		let dust = if i == 0 { model.dust } else { 0 };
		let expected = model.initial_issuance[i] + model.minted[i] - dust;
		if issuance(i) != expected {
			return Err(format!(
				"asset {i}: issuance {} differs from genesis {} + rewards {} - dust {dust}",
				issuance(i),
				model.initial_issuance[i],
				model.minted[i]
			));
		}
	}

	// Farms: what their `Claimed` events paid is what they count, within rate × blocks and cap.
	let now = System::block_number();
	for (id, (max_rate, paid)) in &model.farms {
		let Some(farm) = pallet_liquidity_mining::Farms::<Runtime>::get(id) else { continue };
		if farm.claimed != *paid {
			return Err(format!(
				"farm {id} counts {} claimed, its events paid {paid}",
				farm.claimed
			));
		}
		let blocks = now.min(farm.end).saturating_sub(farm.start) as u128;
		let bound = max_rate.saturating_mul(blocks).min(farm.max_total_rewards);
		if farm.claimed > bound {
			return Err(format!(
				"farm {id} paid {} > min(rate {max_rate} × {blocks} blocks, cap {})",
				farm.claimed, farm.max_total_rewards
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

/// Checks after one dispatched call: a failed call changed nothing; no pool's value per LP share
/// fell (unless a protocol-fee mint diluted it); a swap never lowered a pool's constant product.
fn check_call(
	op: &Op,
	result: &DispatchResult,
	root_before: &[u8],
	before: &BTreeMap<u32, PoolState>,
	model: &Model,
) -> Result<(), String> {
	if result.is_err() {
		if sp_io::storage::root(StateVersion::V1) != root_before {
			return Err(format!("the failed call ({result:?}) changed storage"));
		}
		return Ok(());
	}
	let is_swap = matches!(op, Op::SwapExactIn { .. } | Op::SwapExactOut { .. });
	for (lp, after) in pools() {
		let Some(old) = before.get(&lp) else { continue };
		if is_swap && (k(&after) < k(old) || after.lp_supply != old.lp_supply) {
			return Err(format!(
				"a swap lowered pool {lp}'s constant product or changed its LP supply"
			));
		}
		if old.lp_supply == 0 || after.lp_supply == 0 || model.protocol_minted.contains(&lp) {
			continue;
		}
		// k / supply² never falls: k_after · S_before² ≥ k_before · S_after².
		let lhs = k(&after).full_mul(U256::from(old.lp_supply) * U256::from(old.lp_supply));
		let rhs = k(old).full_mul(U256::from(after.lp_supply) * U256::from(after.lp_supply));
		if lhs < rhs {
			return Err(format!("pool {lp}'s value per LP share fell"));
		}
	}
	Ok(())
}

/// Starts the next block as the executive does: the hooks (the AMM's oracles still see the
/// previous block's time), then the timestamp (6 s per block).
fn next_block() {
	let n = System::block_number() + 1;
	System::set_block_number(n);
	Amm::on_initialize(n);
	LiquidityMining::on_initialize(n);
	pallet_timestamp::Now::<Runtime>::put(n as u64 * 6_000);
}

/// Runs `ops` from `genesis`; the first broken invariant, panic included, is the error.
pub fn run(genesis: &Storage, ops: &[Op]) -> Result<Outcome, Violation> {
	let mut ext = sp_io::TestExternalities::new(genesis.clone());
	let mut last_op = 0;
	let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
		ext.execute_with(|| run_in_externalities(ops, &mut last_op))
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

fn run_in_externalities(ops: &[Op], last_op: &mut usize) -> Result<Outcome, Violation> {
	let mut outcome = Outcome::default();
	let mut model = Model::default();
	for (i, slot) in model.initial_issuance.iter_mut().enumerate() {
		*slot = issuance(i);
	}
	// Events are kept from block 1 on.
	next_block();
	let violation = |op: usize| move |message: String| Violation { op, message };
	for (index, op) in ops.iter().enumerate() {
		*last_op = index;
		outcome.ops += 1;
		match op {
			Op::Advance { blocks } => {
				for _ in 0..*blocks {
					check_block(&model).map_err(violation(index))?;
					outcome.blocks += 1;
					next_block();
					model.absorb_events().map_err(violation(index))?;
				}
			}
			Op::Checkpoint { who } => {
				model.checkpoint = Some((*who, value_at_prices(&account(*who))));
			}
			_ => {
				let (origin, call) = call_of(op).expect("every other operation is a call");
				let root_before = sp_io::storage::root(StateVersion::V1);
				let before = pools();
				let result = call.dispatch(origin).map(|_| ()).map_err(|e| e.error);
				outcome.calls += 1;
				let entry = outcome.by_call.entry(op.name()).or_default();
				entry.0 += 1;
				if result.is_ok() {
					outcome.succeeded += 1;
					entry.1 += 1;
				}
				model.absorb_events().map_err(violation(index))?;
				check_call(op, &result, &root_before, &before, &model).map_err(violation(index))?;
			}
		}
	}
	check_block(&model).map_err(violation(ops.len().saturating_sub(1)))?;
	outcome.blocks += 1;
	Ok(outcome)
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
