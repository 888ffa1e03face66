//! The operations a fuzz sequence is made of, and the seeded generator that draws them.
//!
//! Operations name accounts, assets, pools and farms by small indices, so a sequence stays
//! meaningful (and replayable from its JSON) whatever state the runtime is in when it runs.

use serde::{Deserialize, Serialize};

/// Accounts the operations act from: 0..=3 are funded, 4 holds nothing.
pub const ACCOUNTS: u8 = 5;
/// Assets by index: 0 is the native token, 1..=3 are user assets, 4 is an asset that does not
/// exist. Scale sequences also use the user assets `5..SCALE_ASSETS`.
pub const ASSETS: u8 = 5;
/// One past the last asset index of scale sequences.
pub const SCALE_ASSETS: u8 = 16;
/// Farms by index: the farm with that id, so ids past the last farm are unknown.
pub const FARMS: u8 = 6;

/// An amount, resolved against the acting account's balance of the asset concerned.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum Amount {
	/// Zero.
	Zero,
	/// One unit of the smallest denomination.
	One,
	/// The asset's minimum balance (existential deposit) minus one.
	BelowMin,
	/// `u128::MAX`.
	Max,
	/// This many thousandths of the account's balance (1..=1000).
	Part(u16),
	/// An exact amount.
	Raw(u128),
}

/// What the issuer (owner, admin and freezer) of an asset can do to an account holding it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum Hostile {
	/// `assets.freeze` the pool's account.
	Freeze,
	/// `assets.thaw` the pool's account.
	Thaw,
	/// `assets.block` the pool's account (it can neither send nor receive).
	Block,
	/// `assets.burn` from the pool's account.
	Burn,
	/// `assets.force_transfer` out of the pool's account, to the issuer.
	ForceTransfer,
	/// `assets.freeze_asset`: no account can move it.
	FreezeAsset,
	/// `assets.thaw_asset`.
	ThawAsset,
	/// `assets.start_destroy`.
	StartDestroy,
	/// `assets.destroy_accounts`: removes the accounts of an asset being destroyed, the pool's too.
	DestroyAccounts,
	/// `assets.finish_destroy`: the asset is gone.
	FinishDestroy,
}

/// One step of a sequence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum Op {
	/// `amm.create_pool`.
	CreatePool { who: u8, a: u8, b: u8, fee: Option<u32> },
	/// `amm.add_liquidity` of assets `a`, `b` (amounts in that order), LP minted to `to`.
	AddLiquidity {
		who: u8,
		a: u8,
		b: u8,
		amount_a: Amount,
		amount_b: Amount,
		min_a: Amount,
		min_b: Amount,
		to: u8,
		expired: bool,
	},
	/// `amm.remove_liquidity` of `lp` LP tokens of the pool of `a`, `b`.
	RemoveLiquidity {
		who: u8,
		a: u8,
		b: u8,
		lp: Amount,
		min_a: Amount,
		min_b: Amount,
		to: u8,
		expired: bool,
	},
	/// `amm.swap_exact_in` along `path`.
	SwapExactIn {
		who: u8,
		path: Vec<u8>,
		amount_in: Amount,
		min_out: Amount,
		to: u8,
		keep_alive: bool,
		expired: bool,
	},
	/// `amm.swap_exact_out` along `path`.
	SwapExactOut {
		who: u8,
		path: Vec<u8>,
		amount_out: Amount,
		max_in: Amount,
		to: u8,
		keep_alive: bool,
		expired: bool,
	},
	/// `pool_assets.transfer` of the LP token of the pool of `a`, `b`.
	TransferLp { who: u8, a: u8, b: u8, amount: Amount, to: u8 },
	/// `amm.lock_lp_tokens` of the pool of `a`, `b` for `blocks` blocks from now (0: a lock that
	/// would end in the past).
	LockLp { who: u8, a: u8, b: u8, amount: Amount, blocks: u8 },
	/// A plain transfer of `asset` straight to the account of the pool of `a`, `b` (a donation).
	Donate { who: u8, asset: u8, a: u8, b: u8, amount: Amount },
	/// `amm.set_protocol_fee` (root): on for account `receiver` with `share_ppm`, or off.
	SetProtocolFee { receiver: Option<u8>, share_ppm: u32 },
	/// `liquidity_mining.create_farm` (root) on the LP token of the pool of `a`, `b`; `start` and
	/// `length` are in blocks from now.
	CreateFarm { a: u8, b: u8, reward: u8, rate: Amount, start: u8, length: u16, cap: Amount },
	/// `liquidity_mining.set_farm_rate` (root).
	SetFarmRate { farm: u8, rate: Amount },
	/// `liquidity_mining.extend_farm` (root) by `blocks` past its current end.
	ExtendFarm { farm: u8, blocks: u16 },
	/// `liquidity_mining.end_farm` (root).
	EndFarm { farm: u8 },
	/// `liquidity_mining.stake`.
	Stake { who: u8, farm: u8, amount: Amount },
	/// `liquidity_mining.unstake`.
	Unstake { who: u8, farm: u8, amount: Amount },
	/// `liquidity_mining.claim`, to `to` or to the caller.
	Claim { who: u8, farm: u8, to: Option<u8> },
	/// `liquidity_mining.emergency_withdraw`.
	EmergencyWithdraw { who: u8, farm: u8 },
	/// `liquidity_mining.add_liquidity_and_stake` (amounts in the pool's order).
	AddAndStake { who: u8, farm: u8, amount1: Amount, amount2: Amount, min1: Amount, min2: Amount },
	/// `who` pays the fees of its next transactions in `asset` (`None`: the native token).
	FeeAsset { who: u8, asset: Option<u8> },
	/// `amm.unlock_lp_tokens` of the pool of `a`, `b`.
	UnlockLp { who: u8, a: u8, b: u8 },
	/// `amm.set_price_oracle` (admin) of the pool of `a`, `b`.
	SetPriceOracle { a: u8, b: u8, enabled: bool },
	/// `amm.set_fee_tiers` (admin).
	SetFeeTiers { tiers: Vec<u32> },
	/// `pool_assets.approve_transfer` of the LP token of the pool of `a`, `b` to `delegate`.
	ApproveLp { who: u8, a: u8, b: u8, delegate: u8, amount: Amount },
	/// `pool_assets.transfer_approved`: `who` moves `owner`'s LP tokens of that pool to `to`.
	TransferApprovedLp { who: u8, owner: u8, a: u8, b: u8, to: u8, amount: Amount },
	/// The issuer of `asset` (account 0) acts against the account of the pool of `a`, `b`.
	Hostile { action: Hostile, asset: u8, a: u8, b: u8, amount: Amount },
	/// Finish the block and run `blocks` more, checking every invariant after each.
	Advance { blocks: u8 },
	/// From here on, `who` acts alone: its value at fixed prices must never grow.
	Checkpoint { who: u8 },
}

impl Op {
	/// The call an operation makes, as `pallet.call`.
	pub fn name(&self) -> &'static str {
		match self {
			Op::CreatePool { .. } => "amm.create_pool",
			Op::AddLiquidity { .. } => "amm.add_liquidity",
			Op::RemoveLiquidity { .. } => "amm.remove_liquidity",
			Op::SwapExactIn { .. } => "amm.swap_exact_in",
			Op::SwapExactOut { .. } => "amm.swap_exact_out",
			Op::TransferLp { .. } => "pool_assets.transfer",
			Op::LockLp { .. } => "amm.lock_lp_tokens",
			Op::Donate { .. } => "transfer to a pool account",
			Op::SetProtocolFee { .. } => "amm.set_protocol_fee",
			Op::CreateFarm { .. } => "liquidity_mining.create_farm",
			Op::SetFarmRate { .. } => "liquidity_mining.set_farm_rate",
			Op::ExtendFarm { .. } => "liquidity_mining.extend_farm",
			Op::EndFarm { .. } => "liquidity_mining.end_farm",
			Op::Stake { .. } => "liquidity_mining.stake",
			Op::Unstake { .. } => "liquidity_mining.unstake",
			Op::Claim { .. } => "liquidity_mining.claim",
			Op::EmergencyWithdraw { .. } => "liquidity_mining.emergency_withdraw",
			Op::AddAndStake { .. } => "liquidity_mining.add_liquidity_and_stake",
			Op::FeeAsset { .. } => "fee asset choice",
			Op::UnlockLp { .. } => "amm.unlock_lp_tokens",
			Op::SetPriceOracle { .. } => "amm.set_price_oracle",
			Op::SetFeeTiers { .. } => "amm.set_fee_tiers",
			Op::ApproveLp { .. } => "pool_assets.approve_transfer",
			Op::TransferApprovedLp { .. } => "pool_assets.transfer_approved",
			Op::Hostile { action, .. } => match action {
				Hostile::Freeze => "issuer: assets.freeze (pool account)",
				Hostile::Thaw => "issuer: assets.thaw (pool account)",
				Hostile::Block => "issuer: assets.block (pool account)",
				Hostile::Burn => "issuer: assets.burn (from pool account)",
				Hostile::ForceTransfer => "issuer: assets.force_transfer (out of pool)",
				Hostile::FreezeAsset => "issuer: assets.freeze_asset",
				Hostile::ThawAsset => "issuer: assets.thaw_asset",
				Hostile::StartDestroy => "issuer: assets.start_destroy",
				Hostile::DestroyAccounts => "issuer: assets.destroy_accounts",
				Hostile::FinishDestroy => "issuer: assets.finish_destroy",
			},
			Op::Advance { .. } => "block",
			Op::Checkpoint { .. } => "checkpoint",
		}
	}
}

/// SplitMix64: small, fast and reproducible from a seed.
pub struct Rng(u64);

impl Rng {
	/// A generator for sequence `index` of a run seeded with `seed`.
	pub fn new(seed: u64, index: u64) -> Self {
		let mut rng = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
		rng.next();
		rng
	}

	/// The next 64 random bits.
	pub fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// Uniform in `0..n` (`n > 0`).
	pub fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}

	/// True with probability `percent` / 100.
	pub fn chance(&mut self, percent: u64) -> bool {
		self.below(100) < percent
	}

	fn u8_below(&mut self, n: u8) -> u8 {
		self.below(n as u64) as u8
	}
}

/// Prices of the assets (native, 1, 2, 3) in the fixed unit solo sequences are valued in.
pub const PRICES: [u128; 4] = [1, 2, 3, 5];

fn amount(rng: &mut Rng) -> Amount {
	match rng.below(100) {
		0..=3 => Amount::Zero,
		4..=6 => Amount::One,
		7..=9 => Amount::BelowMin,
		10..=11 => Amount::Max,
		12..=24 => Amount::Raw(rng.next() as u128 >> rng.below(64)),
		_ => Amount::Part(1 + rng.below(1000) as u16),
	}
}

/// A slippage limit: mostly none (0 or `u128::MAX`), sometimes tight or arbitrary.
fn limit(rng: &mut Rng, none: Amount) -> Amount {
	if rng.chance(75) {
		none
	} else {
		amount(rng)
	}
}

/// Draws operations, steering most of them to the pools and farms the sequence has created so
/// far, so that calls reach deep into the pallets rather than stop at "not found".
struct Gen {
	rng: Rng,
	/// Pools the sequence tried to create, as asset index pairs.
	pools: Vec<(u8, u8)>,
	/// Farms the sequence tried to create (farm ids are sequential).
	farms: u8,
}

impl Gen {
	fn funded(&mut self) -> u8 {
		self.rng.u8_below(ACCOUNTS - 1)
	}

	fn any_account(&mut self) -> u8 {
		if self.rng.chance(90) {
			self.funded()
		} else {
			ACCOUNTS - 1
		}
	}

	fn any_asset(&mut self) -> u8 {
		if self.rng.chance(97) {
			self.rng.u8_below(ASSETS - 1)
		} else {
			ASSETS - 1
		}
	}

	/// Two assets: mostly a known pool's (in either order), else random ones, rarely the same
	/// twice.
	fn pair(&mut self) -> (u8, u8) {
		if !self.pools.is_empty() && self.rng.chance(80) {
			let (a, b) = self.pools[self.rng.below(self.pools.len() as u64) as usize];
			return if self.rng.chance(50) { (a, b) } else { (b, a) };
		}
		let a = self.any_asset();
		let b = if self.rng.chance(97) {
			(a + 1 + self.rng.u8_below(ASSETS - 2)) % (ASSETS - 1)
		} else {
			a
		};
		(a, b)
	}

	/// A swap path of 2 to 5 assets (the runtime allows 4): mostly a walk over known pools.
	fn path(&mut self) -> Vec<u8> {
		let spread = if self.rng.chance(90) { 3 } else { 4 };
		let len = 2 + self.rng.below(spread) as usize;
		let (first, second) = self.pair();
		let mut path = vec![first, second];
		while path.len() < len {
			let last = path[path.len() - 1];
			let next: Vec<u8> = self
				.pools
				.iter()
				.filter_map(|&(a, b)| match (a == last, b == last) {
					(true, _) => Some(b),
					(_, true) => Some(a),
					_ => None,
				})
				.filter(|&n| n != path[path.len() - 2] || self.rng.chance(5))
				.collect();
			let hop = if !next.is_empty() && self.rng.chance(90) {
				next[self.rng.below(next.len() as u64) as usize]
			} else {
				self.any_asset()
			};
			path.push(hop);
		}
		path
	}

	fn farm(&mut self) -> u8 {
		if self.farms > 0 && self.rng.chance(85) {
			self.rng.u8_below(self.farms)
		} else {
			self.rng.u8_below(FARMS)
		}
	}

	fn create_farm(&mut self, pool: (u8, u8)) -> Op {
		self.farms = self.farms.saturating_add(1);
		let rng = &mut self.rng;
		Op::CreateFarm {
			a: pool.0,
			b: pool.1,
			reward: if rng.chance(97) { rng.u8_below(ASSETS - 1) } else { ASSETS - 1 },
			rate: if rng.chance(80) {
				Amount::Part(1 + rng.below(1000) as u16)
			} else {
				amount(rng)
			},
			start: rng.u8_below(4),
			length: rng.below(40) as u16,
			cap: if rng.chance(50) { Amount::Max } else { amount(rng) },
		}
	}

	/// The operations drawn less often: fee-asset choices, unlocks, LP approvals, the admin's
	/// oracle and fee-tier calls and the hostile issuer. Solo sequences (`who` set) only get the
	/// first two.
	fn rare_op(&mut self, who: Option<u8>, actor: u8, to: u8) -> Op {
		let kind = self.rng.below(if who.is_some() { 5 } else { 16 });
		match kind {
			0..=2 => Op::FeeAsset {
				who: actor,
				asset: if self.rng.chance(30) { None } else { Some(self.any_asset()) },
			},
			3..=4 => {
				let (a, b) = self.pair();
				Op::UnlockLp { who: actor, a, b }
			}
			5 => {
				let (a, b) = self.pair();
				Op::SetPriceOracle { a, b, enabled: self.rng.chance(50) }
			}
			6 => {
				let mut tiers = vec![30];
				for _ in 0..self.rng.below(9) {
					tiers.push([1, 5, 7, 100, 30, 10_000, 9_999][self.rng.below(7) as usize]);
				}
				if self.rng.chance(20) {
					tiers.remove(0);
				}
				Op::SetFeeTiers { tiers }
			}
			7..=8 => {
				let (a, b) = self.pair();
				let delegate = self.any_account();
				Op::ApproveLp { who: actor, a, b, delegate, amount: amount(&mut self.rng) }
			}
			9..=10 => {
				let (a, b) = self.pair();
				let owner = self.funded();
				Op::TransferApprovedLp {
					who: actor,
					owner,
					a,
					b,
					to,
					amount: amount(&mut self.rng),
				}
			}
			_ => {
				let (a, b) = self.pair();
				// Mostly an asset of that pool; sometimes another one.
				let asset = match self.rng.below(10) {
					0..=3 => a,
					4..=7 => b,
					_ => self.any_asset(),
				};
				let action = match self.rng.below(100) {
					0..=19 => Hostile::Freeze,
					20..=29 => Hostile::Thaw,
					30..=39 => Hostile::Block,
					40..=59 => Hostile::Burn,
					60..=74 => Hostile::ForceTransfer,
					75..=82 => Hostile::FreezeAsset,
					83..=87 => Hostile::ThawAsset,
					88..=93 => Hostile::StartDestroy,
					94..=97 => Hostile::DestroyAccounts,
					_ => Hostile::FinishDestroy,
				};
				Op::Hostile { action, asset, a, b, amount: amount(&mut self.rng) }
			}
		}
	}

	/// One random operation from `who` (any funded account when `None`).
	fn op(&mut self, who: Option<u8>, with_farms: bool) -> Op {
		// Blocks pass often enough for farms to emit between stakes and claims.
		if self.rng.chance(8) {
			return Op::Advance { blocks: 1 + self.rng.u8_below(3) };
		}
		let actor = who.unwrap_or_else(|| self.funded());
		let to = who.unwrap_or_else(|| self.any_account());
		if self.rng.chance(10) {
			return self.rare_op(who, actor, to);
		}
		let kinds = if with_farms { 100 } else { 62 };
		let kind = self.rng.below(kinds);
		match kind {
			0..=3 if who.is_none() => {
				let (a, b) = self.pair();
				self.pools.push((a, b));
				let fee = if self.rng.chance(80) {
					None
				} else {
					Some([1, 5, 30, 100, 7][self.rng.below(5) as usize])
				};
				Op::CreatePool { who: actor, a, b, fee }
			}
			0..=13 => {
				let (a, b) = self.pair();
				let rng = &mut self.rng;
				Op::AddLiquidity {
					who: actor,
					a,
					b,
					amount_a: amount(rng),
					amount_b: amount(rng),
					min_a: limit(rng, Amount::Zero),
					min_b: limit(rng, Amount::Zero),
					to,
					expired: rng.chance(3),
				}
			}
			14..=21 => {
				let (a, b) = self.pair();
				let rng = &mut self.rng;
				Op::RemoveLiquidity {
					who: actor,
					a,
					b,
					lp: amount(rng),
					min_a: limit(rng, Amount::Zero),
					min_b: limit(rng, Amount::Zero),
					to,
					expired: rng.chance(3),
				}
			}
			22..=37 => {
				let path = self.path();
				let rng = &mut self.rng;
				Op::SwapExactIn {
					who: actor,
					path,
					amount_in: amount(rng),
					min_out: limit(rng, Amount::Zero),
					to,
					keep_alive: rng.chance(50),
					expired: rng.chance(3),
				}
			}
			38..=51 => {
				let path = self.path();
				let rng = &mut self.rng;
				Op::SwapExactOut {
					who: actor,
					path,
					amount_out: amount(rng),
					max_in: limit(rng, Amount::Max),
					to,
					keep_alive: rng.chance(50),
					expired: rng.chance(3),
				}
			}
			52..=54 => {
				let (a, b) = self.pair();
				Op::TransferLp { who: actor, a, b, amount: amount(&mut self.rng), to }
			}
			55 => {
				let (a, b) = self.pair();
				let blocks = self.rng.u8_below(6);
				Op::LockLp { who: actor, a, b, amount: amount(&mut self.rng), blocks }
			}
			56..=57 => {
				let (a, b) = self.pair();
				let asset = self.any_asset();
				Op::Donate { who: actor, asset, a, b, amount: amount(&mut self.rng) }
			}
			58..=61 => Op::Advance { blocks: 1 + self.rng.u8_below(3) },
			62..=63 => Op::SetProtocolFee {
				receiver: if self.rng.chance(70) { Some(self.any_account()) } else { None },
				share_ppm: [0, 1, 166_667, 500_000, 1_000_000][self.rng.below(5) as usize],
			},
			64..=67 => {
				let pool = self.pair();
				self.create_farm(pool)
			}
			68..=69 => {
				let farm = self.farm();
				Op::SetFarmRate { farm, rate: amount(&mut self.rng) }
			}
			70..=71 => Op::ExtendFarm { farm: self.farm(), blocks: self.rng.below(30) as u16 },
			72 => Op::EndFarm { farm: self.farm() },
			73..=80 => {
				let farm = self.farm();
				Op::Stake { who: actor, farm, amount: amount(&mut self.rng) }
			}
			81..=85 => {
				let farm = self.farm();
				Op::Unstake { who: actor, farm, amount: amount(&mut self.rng) }
			}
			86..=92 => {
				let farm = self.farm();
				let to = if self.rng.chance(70) { None } else { Some(self.any_account()) };
				Op::Claim { who: actor, farm, to }
			}
			93..=94 => Op::EmergencyWithdraw { who: actor, farm: self.farm() },
			_ => {
				let farm = self.farm();
				let rng = &mut self.rng;
				Op::AddAndStake {
					who: actor,
					farm,
					amount1: amount(rng),
					amount2: amount(rng),
					min1: limit(rng, Amount::Zero),
					min2: limit(rng, Amount::Zero),
				}
			}
		}
	}
}

/// Pools the solo sequences start from, with reserves at [`PRICES`]: `(a, b, units of a)`.
const SOLO_POOLS: [(u8, u8, u128); 4] =
	[(0, 1, 3_000_000), (0, 2, 5_000_000), (1, 3, 1_000_000), (2, 3, 2_000_000)];

/// The operations that open a solo sequence: account 0 creates pools at consistent prices, then
/// account 1 acts alone from a checkpoint.
fn solo_setup(gen: &mut Gen) -> Vec<Op> {
	let mut ops = Vec::new();
	for (a, b, units) in SOLO_POOLS {
		let unit = 1_000_000_000_000u128;
		let amount_a = units * unit;
		// Equal value on both sides: amount_b · price_b = amount_a · price_a.
		let amount_b = amount_a * PRICES[a as usize] / PRICES[b as usize];
		gen.pools.push((a, b));
		ops.push(Op::CreatePool { who: 0, a, b, fee: None });
		ops.push(Op::AddLiquidity {
			who: 0,
			a,
			b,
			amount_a: Amount::Raw(amount_a),
			amount_b: Amount::Raw(amount_b),
			min_a: Amount::Zero,
			min_b: Amount::Zero,
			to: 0,
			expired: false,
		});
	}
	ops.push(Op::Checkpoint { who: 1 });
	ops
}

/// Pools in a scale sequence: two more than the runtime's 32 price-oracle slots.
const SCALE_POOLS: usize = 34;

/// The operations that open a scale sequence, which takes the runtime past each of its bounds:
/// [`SCALE_POOLS`] pools with liquidity (the last two find no free oracle slot until the first
/// pool's oracle is stopped), nine farms on one LP token (eight are allowed) and eighteen farms
/// ending in one block (sixteen are allowed), some of them staked.
fn scale_setup(gen: &mut Gen) -> Vec<Op> {
	let assets: Vec<u8> = (0..ASSETS - 1).chain(ASSETS..SCALE_ASSETS).collect();
	let pairs: Vec<(u8, u8)> = assets
		.iter()
		.enumerate()
		.flat_map(|(i, &a)| assets[i + 1..].iter().map(move |&b| (a, b)))
		.take(SCALE_POOLS)
		.collect();
	let mut ops = Vec::new();
	for &(a, b) in &pairs {
		gen.pools.push((a, b));
		ops.push(Op::CreatePool { who: 0, a, b, fee: None });
		ops.push(Op::AddLiquidity {
			who: 0,
			a,
			b,
			amount_a: Amount::Part(10),
			amount_b: Amount::Part(10),
			min_a: Amount::Zero,
			min_b: Amount::Zero,
			to: 0,
			expired: false,
		});
	}
	let (last, first) = (pairs[SCALE_POOLS - 1], pairs[0]);
	ops.push(Op::SetPriceOracle { a: last.0, b: last.1, enabled: true });
	ops.push(Op::SetPriceOracle { a: first.0, b: first.1, enabled: false });
	ops.push(Op::SetPriceOracle { a: last.0, b: last.1, enabled: true });
	for k in 0..18 {
		let (a, b) = if k < 9 { first } else { pairs[k - 8] };
		gen.farms = gen.farms.saturating_add(1);
		ops.push(Op::CreateFarm {
			a,
			b,
			reward: 0,
			rate: Amount::Part(1),
			start: 1,
			length: 20,
			cap: Amount::Max,
		});
	}
	for farm in 0..4 {
		ops.push(Op::Stake { who: 0, farm, amount: Amount::Part(300) });
	}
	ops
}

/// Sequence `index` of a run seeded with `seed`: a quarter are solo sequences (one account
/// trading and providing liquidity alone against pools at fixed prices), one in fifty are scale
/// sequences (past every bound of the runtime), the rest mix every operation from every account.
pub fn sequence(seed: u64, index: u64) -> Vec<Op> {
	let mut gen = Gen { rng: Rng::new(seed, index), pools: Vec::new(), farms: 0 };
	let len = 10 + gen.rng.below(50) as usize;
	if gen.rng.chance(2) {
		let mut ops = scale_setup(&mut gen);
		ops.push(Op::Advance { blocks: 1 });
		let end = ops.len() + len;
		while ops.len() < end {
			ops.push(gen.op(None, true));
		}
		// Past the block where the eighteen farms end.
		ops.push(Op::Advance { blocks: 22 });
		return ops;
	}
	if gen.rng.chance(25) {
		let mut ops = solo_setup(&mut gen);
		let end = ops.len() + len;
		while ops.len() < end {
			ops.push(gen.op(Some(1), false));
		}
		ops.push(Op::Advance { blocks: 1 });
		return ops;
	}
	let mut ops = Vec::with_capacity(len + 16);
	// Most sequences open with pools that have liquidity, often a farm on the first with some
	// of its LP tokens staked, so that later operations find something to act on.
	for _ in 0..gen.rng.below(4) {
		let (a, b) = gen.pair();
		gen.pools.push((a, b));
		let who = gen.funded();
		let rng = &mut gen.rng;
		ops.push(Op::CreatePool { who, a, b, fee: None });
		for provider in [who, rng.u8_below(ACCOUNTS - 1)] {
			ops.push(Op::AddLiquidity {
				who: provider,
				a,
				b,
				amount_a: Amount::Part(1 + rng.below(300) as u16),
				amount_b: Amount::Part(1 + rng.below(300) as u16),
				min_a: Amount::Zero,
				min_b: Amount::Zero,
				to: provider,
				expired: false,
			});
		}
	}
	if !gen.pools.is_empty() && gen.rng.chance(60) {
		let pool = gen.pools[0];
		ops.push(gen.create_farm(pool));
		for who in 0..ACCOUNTS - 1 {
			if gen.rng.chance(60) {
				let part = 1 + gen.rng.below(1000) as u16;
				ops.push(Op::Stake { who, farm: 0, amount: Amount::Part(part) });
			}
		}
	}
	let end = ops.len() + len;
	while ops.len() < end {
		ops.push(gen.op(None, true));
	}
	// Now and then the issuer destroys an asset of the first pool to the end, as random issuer
	// calls rarely manage, and the sequence goes on with the asset gone.
	if !gen.pools.is_empty() && gen.rng.chance(5) {
		let (a, b) = gen.pools[0];
		let asset = if a == 0 { b } else { a };
		let destroy = |action| Op::Hostile { action, asset, a, b, amount: Amount::Zero };
		ops.push(destroy(Hostile::StartDestroy));
		for _ in 0..3 {
			ops.push(destroy(Hostile::DestroyAccounts));
		}
		ops.push(destroy(Hostile::FinishDestroy));
		for _ in 0..8 {
			ops.push(gen.op(None, true));
		}
	}
	ops.push(Op::Advance { blocks: 1 });
	ops
}
