// The chain as the app sees it: the connection, the assets, pools and farms read from metadata
// and the AmmApi / LiquidityMiningApi runtime APIs, amounts, and transaction submission.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { stringCamelCase } from '@polkadot/util';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { Signer } from '@polkadot/types/types';
import type { KeyringPair } from '@polkadot/keyring/types';

/**
 * The chain's fee-payment extension: its `assetId` is one of the AMM's asset kinds (`Native` or
 * `{ WithId: n }`), where @polkadot/api assumes an XCM location.
 */
export const SIGNED_EXTENSIONS = {
  ChargeAssetTxPayment: {
    extrinsic: { tip: 'Compact<Balance>', assetId: 'Option<FrameSupportTokensFungibleUnionOfNativeOrWithId>' },
    payload: {},
  },
};

/** An asset kind as the AMM encodes it. */
export type Kind = 'Native' | { WithId: number };

/** An asset the app can show and trade. */
export interface Asset {
  kind: Kind;
  id: number | null;
  symbol: string;
  decimals: number;
}

/** Who controls a pool's asset: the pool's rug-pull signal. */
export interface Control {
  owner: string;
  admin: string;
  freezer: string;
  frozen: boolean;
}

/** A pool, as `AmmApi::pools` reports it, with its assets resolved. */
export interface Pool {
  assets: [Asset, Asset];
  account: string;
  lpToken: number;
  /** The LP token's decimals. */
  lpDecimals: number;
  feeBps: number;
  reserves: [bigint, bigint];
  lpSupply: bigint;
  controls: [Control | null, Control | null];
}

/** A farm, as `LiquidityMiningApi::farm` reports it. */
export interface Farm {
  id: number;
  lpToken: number;
  reward: Asset;
  rewardPerBlock: bigint;
  start: number;
  end: number;
  active: boolean;
  totalStaked: bigint;
  remaining: bigint;
}

/** A swap quote: amounts along the path, fees per hop, price impact in parts per million. */
export interface Quote {
  amountIn: bigint;
  amountOut: bigint;
  fees: bigint[];
  impactPpm: number;
}

/** What a signed transaction is signed with: a dev account's key or an extension's signer. */
export interface Account {
  address: string;
  name: string;
  pair?: KeyringPair;
  signer?: Signer;
}

/** Decoded codecs of the runtime's own types, which the app reads field by field. */
type Any = any;

/** A JSON value or codec as a bigint. */
export const big = (v: Any): bigint => BigInt(v.toString());

/** Connects to a node; rejects if it does not answer within `timeoutMs`. */
export async function connect(endpoint: string, timeoutMs = 15_000): Promise<ApiPromise> {
  const provider = new WsProvider(endpoint, 2_000, {}, 60_000);
  const api = ApiPromise.create({
    provider,
    noInitWarn: true,
    signedExtensions: SIGNED_EXTENSIONS,
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer from ${endpoint}`)), timeoutMs),
  );
  try {
    return await Promise.race([api, timeout]);
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw error;
  }
}

/** The chain's assets: the native token and every asset with metadata. */
export class Assets {
  constructor(readonly list: Asset[]) {}

  /** The asset of a kind as the API decodes or encodes it. */
  byKind(kind: Any): Asset {
    const json = kind?.toJSON ? kind.toJSON() : kind;
    if (json === 'Native' || json === 'native' || (json && 'native' in json)) return this.list[0];
    const id = Number(json.withId ?? json.WithId);
    return (
      this.list.find((a) => a.id === id) ?? { kind: { WithId: id }, id, symbol: `#${id}`, decimals: 0 }
    );
  }

  /** The asset of a symbol; throws naming the symbols there are. */
  bySymbol(symbol: string): Asset {
    const found = this.list.find((a) => a.symbol === symbol);
    if (!found) throw new Error(`unknown asset ${symbol}`);
    return found;
  }

  get native(): Asset {
    return this.list[0];
  }
}

/** Loads the native token from the chain's properties and the assets with metadata. */
export async function loadAssets(api: ApiPromise): Promise<Assets> {
  const props = await api.rpc.system.properties();
  const list: Asset[] = [
    {
      kind: 'Native',
      id: null,
      symbol: props.tokenSymbol.unwrap()[0].toString(),
      decimals: props.tokenDecimals.unwrap()[0].toNumber(),
    },
  ];
  const entries: Any[] = await (api.query as Any).assets.metadata.entries();
  for (const [key, meta] of entries) {
    const id = key.args[0].toNumber();
    list.push({ kind: { WithId: id }, id, symbol: meta.symbol.toUtf8(), decimals: meta.decimals.toNumber() });
  }
  list.sort((a, b) => (a.id ?? -1) - (b.id ?? -1));
  return new Assets(list);
}

const calls = (api: ApiPromise): Any => api.call as Any;
const query = (api: ApiPromise): Any => api.query as Any;
const tx = (api: ApiPromise): Any => api.tx as Any;

function control(c: Any): Control | null {
  if (c.isNone) return null;
  const v = c.unwrap();
  return {
    owner: v.owner.toString(),
    admin: v.admin.toString(),
    freezer: v.freezer.toString(),
    frozen: v.frozen.isTrue,
  };
}

function poolView(assets: Assets, p: Any, lpDecimals: number): Pool {
  return {
    lpDecimals,
    assets: [assets.byKind(p.assets[0]), assets.byKind(p.assets[1])],
    account: p.account.toString(),
    lpToken: p.lpToken.toNumber(),
    feeBps: p.feeBps.toNumber(),
    reserves: [big(p.reserves[0]), big(p.reserves[1])],
    lpSupply: big(p.lpSupply),
    controls: [control(p.controls[0]), control(p.controls[1])],
  };
}

/** Every pool. */
export async function pools(api: ApiPromise, assets: Assets): Promise<Pool[]> {
  const list: Any[] = await calls(api).ammApi.pools();
  const decimals = await Promise.all(
    list.map(async (p) => (await query(api).poolAssets.metadata(p.lpToken)).decimals.toNumber()),
  );
  return list.map((p, i) => poolView(assets, p, decimals[i]));
}

/** Every farm (ids below `nextFarmId` that still exist). */
export async function farms(api: ApiPromise, assets: Assets): Promise<Farm[]> {
  const count = (await query(api).liquidityMining.nextFarmId()).toNumber();
  const result: Farm[] = [];
  for (let id = 0; id < count; id += 1) {
    const view = await calls(api).liquidityMiningApi.farm(id);
    if (view.isNone) continue;
    const f = view.unwrap();
    result.push({
      id,
      lpToken: f.lpToken.toNumber(),
      reward: assets.byKind(f.rewardAsset),
      rewardPerBlock: big(f.rewardPerBlock),
      start: f.startBlock.toNumber(),
      end: f.endBlock.toNumber(),
      active: f.active.isTrue,
      totalStaked: big(f.totalStaked),
      remaining: big(f.remainingRewards),
    });
  }
  return result;
}

/** A farm's APR in parts per million valued in `quote`; null while nothing is staked or unpriced. */
export async function farmApr(api: ApiPromise, farmId: number, quote: Asset): Promise<{ aprPpm: bigint | null; stakedValue: bigint } | null> {
  const report = await calls(api).liquidityMiningApi.farmApr(farmId, quote.kind);
  if (report.isNone) return null;
  const r = report.unwrap();
  return { aprPpm: r.aprPpm.isSome ? big(r.aprPpm.unwrap()) : null, stakedValue: big(r.stakedValue) };
}

/** Whether the swap's amount is what the trader pays (`in`) or what they receive (`out`). */
export type SwapMode = 'in' | 'out';

/**
 * The quote for paying exactly `amount` of `path[0]` (`in`) or receiving exactly `amount` of the
 * path's last asset (`out`) along `path`; null if no pool serves it.
 */
export async function quoteSwap(api: ApiPromise, path: Asset[], amount: bigint, mode: SwapMode): Promise<Quote | null> {
  const method = mode === 'in' ? 'quoteExactIn' : 'quoteExactOut';
  const quote = await calls(api).ammApi[method](path.map((a) => a.kind), amount);
  if (quote.isNone) return null;
  const q = quote.unwrap();
  return {
    amountIn: big(q.amountIn),
    amountOut: big(q.amountOut),
    fees: q.fees.map(big),
    impactPpm: q.priceImpactPpm.toNumber(),
  };
}

/** Every path of pools from `from` to `to` that visits no asset twice, of at most `maxLength` assets. */
export function routes(list: Pool[], from: Asset, to: Asset, maxLength: number): Asset[][] {
  const key = (a: Asset) => JSON.stringify(a.kind);
  const next = (a: Asset) =>
    list.flatMap((p) => {
      const [x, y] = p.assets;
      if (key(x) === key(a)) return [y];
      if (key(y) === key(a)) return [x];
      return [];
    });
  const found: Asset[][] = [];
  const walk = (path: Asset[]) => {
    const last = path[path.length - 1];
    if (key(last) === key(to)) return void found.push(path);
    if (path.length === maxLength) return;
    for (const asset of next(last)) {
      if (!path.some((a) => key(a) === key(asset))) walk([...path, asset]);
    }
  };
  walk([from]);
  return found;
}

/**
 * The best route for a swap of `amount` from `from` to `to` among every path of at most
 * `maxLength` assets: the most received (`in`) or the least paid (`out`); null if none serves it.
 */
export async function bestRoute(api: ApiPromise, list: Pool[], from: Asset, to: Asset, amount: bigint, mode: SwapMode, maxLength: number): Promise<{ path: Asset[]; quote: Quote } | null> {
  let best: { path: Asset[]; quote: Quote } | null = null;
  for (const path of routes(list, from, to, maxLength)) {
    const quote = await quoteSwap(api, path, amount, mode);
    if (!quote) continue;
    const better = !best || (mode === 'in' ? quote.amountOut > best.quote.amountOut : quote.amountIn < best.quote.amountIn);
    if (better) best = { path, quote };
  }
  return best;
}

/** 2^64: the Q64.64 prices' one. */
export const Q64 = 1n << 64n;

/** The mid price of one unit of `asset` in `quote` along the deepest route (Q64.64); null without a route. */
export async function midPrice(api: ApiPromise, asset: Asset, quote: Asset): Promise<bigint | null> {
  if (JSON.stringify(asset.kind) === JSON.stringify(quote.kind)) return Q64;
  const price = await calls(api).ammApi.midPrice(asset.kind, quote.kind);
  return price.isSome ? big(price.unwrap()) : null;
}

/** `amount` of an asset at a Q64.64 unit price, in the quote asset's units (rounded down). */
export const atPrice = (amount: bigint, priceX64: bigint) => (amount * priceX64) / Q64;

/** The pool's seed liquidity and how much of it its provider keeps locked (the rug-pull guard). */
export async function seedLock(api: ApiPromise, pool: Pool): Promise<{ provider: string; lpMinted: bigint; locked: bigint; until: number | null; full: boolean } | null> {
  const r = await calls(api).ammApi.initialLiquidity(pool.assets[0].kind, pool.assets[1].kind);
  if (r.isNone) return null;
  const v = r.unwrap();
  return {
    provider: v.provider.toString(),
    lpMinted: big(v.lpMinted),
    locked: big(v.locked),
    until: v.lockedUntil.isSome ? v.lockedUntil.unwrap().toNumber() : null,
    full: v.fullyLocked.isTrue,
  };
}

/** The time-weighted average price of `base` in `quote` over at least `windowMs` (Q64.64), with the window it covers. */
export async function twap(api: ApiPromise, base: Asset, quote: Asset, windowMs: number): Promise<{ priceX64: bigint; from: number; to: number } | null> {
  const r = await calls(api).ammApi.twap(base.kind, quote.kind, 0, windowMs);
  if (r.isNone) return null;
  const v = r.unwrap();
  return { priceX64: big(v.priceX64), from: v.from.toNumber(), to: v.to.toNumber() };
}

/** One period of a pool's price history: the average price over `[from, to]` (ms), Q64.64. */
export interface PricePeriod {
  from: number;
  to: number;
  priceX64: bigint;
}

const U256_MOD = 1n << 256n;

/**
 * The price history of `base` in the other asset of `pool`, oldest first, from the pool's oracle:
 * the time-weighted average over each interval between two of its observations (one per
 * observation period, up to the ring's size), then over the interval still open until now.
 * Empty if the pool has no oracle.
 */
export async function priceHistory(api: ApiPromise, pool: Pool, base: Asset): Promise<PricePeriod[]> {
  const [asset1, asset2] = pool.assets;
  const forward = asset1.id === base.id;
  const entries: [Any, Any][] = await query(api).amm.observations.entries([asset1.kind, asset2.kind]);
  const observations = entries
    .map(([, o]) => o.unwrap())
    .map((o) => ({ at: o.timestamp.toNumber() as number, cumulative: big(forward ? o.price1Cumulative : o.price2Cumulative) }))
    .sort((x, y) => x.at - y.at);
  const periods: PricePeriod[] = [];
  for (let i = 1; i < observations.length; i++) {
    const [start, end] = [observations[i - 1], observations[i]];
    if (end.at <= start.at) continue;
    // The cumulatives wrap at 2^256, as the runtime's do.
    const delta = (((end.cumulative - start.cumulative) % U256_MOD) + U256_MOD) % U256_MOD;
    periods.push({ from: start.at, to: end.at, priceX64: delta / BigInt(end.at - start.at) });
  }
  const open = await twap(api, base, forward ? asset2 : asset1, 0);
  if (open && open.to > open.from) periods.push(open);
  return periods;
}

/** The fee tiers new pools may use, in basis points. */
export async function feeTiers(api: ApiPromise): Promise<number[]> {
  return (await query(api).amm.feeTiers()).map((t: Any) => t.toNumber());
}

/** What `who` holds of `asset` (free balance). */
export async function balance(api: ApiPromise, asset: Asset, who: string): Promise<bigint> {
  if (asset.id === null) return big((await query(api).system.account(who)).data.free);
  const account = await query(api).assets.account(asset.id, who);
  return account.isSome ? big(account.unwrap().balance) : 0n;
}

/** What `who` holds of LP token `lpToken`. */
export async function lpBalance(api: ApiPromise, lpToken: number, who: string): Promise<bigint> {
  const account = await query(api).poolAssets.account(lpToken, who);
  return account.isSome ? big(account.unwrap().balance) : 0n;
}

/** `who`'s stakes: `(farm, staked, pending reward)`. */
export async function stakes(api: ApiPromise, who: string): Promise<{ farm: number; staked: bigint; pending: bigint }[]> {
  const list: Any[] = await calls(api).liquidityMiningApi.stakesOf(who);
  return list.map(([farm, staked, pending]) => ({ farm: farm.toNumber(), staked: big(staked), pending: big(pending) }));
}

/** The position report of `who` in a pool, valued in `quote`. */
export async function position(api: ApiPromise, who: string, pool: Pool, quote: Asset): Promise<Any | null> {
  const report = await calls(api).ammApi.position(who, pool.assets[0].kind, pool.assets[1].kind, quote.kind);
  return report.isSome ? report.unwrap() : null;
}

/** What a deposit of at most `a` and `b` takes and mints; null if it mints nothing. */
export async function quoteAdd(api: ApiPromise, pool: Pool, a: bigint, b: bigint): Promise<{ amount1: bigint; amount2: bigint; lp: bigint } | null> {
  const q = await calls(api).ammApi.quoteAddLiquidity(pool.assets[0].kind, pool.assets[1].kind, a, b);
  if (q.isNone) return null;
  const v = q.unwrap();
  return { amount1: big(v.amount1), amount2: big(v.amount2), lp: big(v.lpMinted) };
}

/** What burning `lp` LP tokens pays out of both assets; null if it pays nothing. */
export async function quoteRemove(api: ApiPromise, pool: Pool, lp: bigint): Promise<{ amount1: bigint; amount2: bigint } | null> {
  const q = await calls(api).ammApi.quoteRemoveLiquidity(pool.assets[0].kind, pool.assets[1].kind, lp);
  if (q.isNone) return null;
  const v = q.unwrap();
  return { amount1: big(v.amount1), amount2: big(v.amount2) };
}

/** The transactions the app sends. */
export const transactions = {
  swap: (api: ApiPromise, path: Asset[], amount: bigint, min: bigint, to: string, deadline: number | null) =>
    tx(api).amm.swapExactIn(path.map((a) => a.kind), amount, min, to, true, deadline),
  swapExactOut: (api: ApiPromise, path: Asset[], amount: bigint, max: bigint, to: string, deadline: number | null) =>
    tx(api).amm.swapExactOut(path.map((a) => a.kind), amount, max, to, true, deadline),
  createPool: (api: ApiPromise, a: Asset, b: Asset, feeBps: number) => tx(api).amm.createPool(a.kind, b.kind, feeBps),
  lock: (api: ApiPromise, pool: Pool, lp: bigint, until: number) =>
    tx(api).amm.lockLpTokens(pool.assets[0].kind, pool.assets[1].kind, lp, until),
  emergencyWithdraw: (api: ApiPromise, farm: number) => tx(api).liquidityMining.emergencyWithdraw(farm),
  addAndStake: (api: ApiPromise, farm: number, a: bigint, b: bigint, minA: bigint, minB: bigint) =>
    tx(api).liquidityMining.addLiquidityAndStake(farm, a, b, minA, minB),
  add: (api: ApiPromise, pool: Pool, a: bigint, b: bigint, minA: bigint, minB: bigint, to: string) =>
    tx(api).amm.addLiquidity(pool.assets[0].kind, pool.assets[1].kind, a, b, minA, minB, to, null),
  remove: (api: ApiPromise, pool: Pool, lp: bigint, minA: bigint, minB: bigint, to: string) =>
    tx(api).amm.removeLiquidity(pool.assets[0].kind, pool.assets[1].kind, lp, minA, minB, to, null),
  stake: (api: ApiPromise, farm: number, lp: bigint) => tx(api).liquidityMining.stake(farm, lp),
  unstake: (api: ApiPromise, farm: number, lp: bigint) => tx(api).liquidityMining.unstake(farm, lp),
  claim: (api: ApiPromise, farm: number) => tx(api).liquidityMining.claim(farm, null),
};

/** An event of a transaction's block: `section.method` and its fields as JSON, by name. */
export interface ChainEvent {
  name: string;
  data: Record<string, Any>;
}

/** A transaction's outcome: its block and events. */
export interface Included {
  blockHash: string;
  events: ChainEvent[];
}

/** The chain's errors a trader meets most, in words. */
const WORDS: Record<string, string> = {
  'token.FundsUnavailable': 'insufficient balance',
  'token.BelowMinimum': "an account would be left below the token's minimum balance",
  'amm.AmountOutTooLow': 'slippage exceeded: the pools would pay less than your minimum',
  'amm.AmountInTooHigh': 'slippage exceeded: the pools would take more than your maximum',
  'amm.PoolNotFound': 'pool missing: there is no pool of these assets',
  'amm.DeadlinePassed': 'the deadline passed before the transaction was included',
};

/** A failed transaction's error as `section.Name: words`. */
export function errorText(api: ApiPromise, error: Any): string {
  let name: string;
  let docs = '';
  if (error.isModule) {
    const meta = api.registry.findMetaError(error.asModule);
    name = `${meta.section}.${meta.name}`;
    docs = meta.docs.join(' ');
  } else if (error.isToken) name = `token.${error.asToken.type}`;
  else if (error.isArithmetic) name = `arithmetic.${error.asArithmetic.type}`;
  else name = error.type ?? error.toString();
  return `${name}: ${WORDS[name] ?? (docs || 'the chain refused the transaction')}`;
}

/**
 * Signs and submits `extrinsic` as `account` (its fee paid in `feeAsset` unless that is the
 * native token) and resolves once it is in a block; rejects with the chain's error in words.
 */
export function submit(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, account: Account, feeAsset?: Asset, onStatus?: (status: string) => void): Promise<Included> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const handle = (result: Any) => {
      onStatus?.(result.status.type);
      if (result.dispatchError) {
        reject(new Error(errorText(api, result.dispatchError)));
        unsubscribe();
      } else if (result.isInBlock || result.isFinalized) {
        const blockHash = (result.status.isInBlock ? result.status.asInBlock : result.status.asFinalized).toHex();
        const events = result.events.map(({ event }: Any) => {
          const names: string[] = event.data.names ?? [];
          const data: Record<string, Any> = {};
          event.data.forEach((value: Any, i: number) => {
            data[names[i] ? stringCamelCase(names[i]) : String(i)] = value.toJSON();
          });
          return { name: `${event.section}.${event.method}`, data };
        });
        resolve({ blockHash, events });
        unsubscribe();
      } else if (result.isDropped || result.isInvalid || result.isUsurped) {
        reject(new Error(`the transaction was ${result.status.type.toLowerCase()}`));
        unsubscribe();
      }
    };
    const options: Any = feeAsset && feeAsset.id !== null ? { assetId: feeAsset.kind } : {};
    if (account.signer) options.signer = account.signer;
    const sent = account.pair
      ? extrinsic.signAndSend(account.pair, options, handle)
      : extrinsic.signAndSend(account.address, options, handle);
    sent.then((u: () => void) => (unsubscribe = u)).catch((e: Error) => reject(new Error(e.message)));
  });
}

/** Parses a decimal amount of `asset` ("1.5") into its smallest units; throws on bad input. */
export function parseAmount(text: string, decimals: number): bigint {
  const trimmed = text.trim();
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(trimmed)) throw new Error(`"${text}" is not an amount`);
  const [whole, fraction = ''] = trimmed.split('.');
  if (fraction.length > decimals) throw new Error(`at most ${decimals} decimals`);
  return BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** Formats smallest units with `decimals`, keeping at most `shown` decimals (rounded down). */
export function formatAmount(units: bigint, decimals: number, shown = 4): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toLocaleString('en-US');
  const fraction = (abs % scale).toString().padStart(decimals, '0').slice(0, shown).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** `amount` of `asset` for display: "1,234.5 USDT". */
export const tokens = (amount: bigint, asset: Asset, shown = 4) =>
  `${formatAmount(amount, asset.decimals, shown)} ${asset.symbol}`;

/** Parts per million as a percentage: "0.3 %". */
export const percentPpm = (ppm: bigint | number) => `${formatAmount(BigInt(ppm), 4, 2)} %`;

/** `amount` less `bps` basis points, rounded down: a transaction's minimum. */
export const lessSlippage = (amount: bigint, bps: bigint) => (amount * (10_000n - bps)) / 10_000n;
