// The chain as the app sees it: the connection, the assets, pools and farms read from metadata
// and the AmmApi / LiquidityMiningApi runtime APIs, amounts, and transaction submission.
import { ApiPromise, WsProvider } from '@polkadot/api';
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

/** The quote for selling exactly `amount` of `path[0]` along `path`; null if no pool serves it. */
export async function quoteExactIn(api: ApiPromise, path: Asset[], amount: bigint): Promise<Quote | null> {
  const quote = await calls(api).ammApi.quoteExactIn(path.map((a) => a.kind), amount);
  if (quote.isNone) return null;
  const q = quote.unwrap();
  return {
    amountIn: big(q.amountIn),
    amountOut: big(q.amountOut),
    fees: q.fees.map(big),
    impactPpm: q.priceImpactPpm.toNumber(),
  };
}

/**
 * The route for selling `from` for `to`: the direct pool if there is one, else the best quote
 * through one intermediate asset; null if none.
 */
export async function bestRoute(api: ApiPromise, assets: Assets, list: Pool[], from: Asset, to: Asset, amount: bigint): Promise<{ path: Asset[]; quote: Quote } | null> {
  const key = (a: Asset) => JSON.stringify(a.kind);
  const has = (a: Asset, b: Asset) =>
    list.some((p) => {
      const [x, y] = p.assets.map(key);
      return (x === key(a) && y === key(b)) || (x === key(b) && y === key(a));
    });
  const candidates: Asset[][] = [];
  if (has(from, to)) candidates.push([from, to]);
  for (const via of assets.list) {
    if (key(via) !== key(from) && key(via) !== key(to) && has(from, via) && has(via, to)) {
      candidates.push([from, via, to]);
    }
  }
  let best: { path: Asset[]; quote: Quote } | null = null;
  for (const path of candidates) {
    const quote = await quoteExactIn(api, path, amount);
    if (quote && (!best || quote.amountOut > best.quote.amountOut)) best = { path, quote };
  }
  return best;
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
  swap: (api: ApiPromise, path: Asset[], amount: bigint, min: bigint, to: string) =>
    tx(api).amm.swapExactIn(path.map((a) => a.kind), amount, min, to, true, null),
  add: (api: ApiPromise, pool: Pool, a: bigint, b: bigint, minA: bigint, minB: bigint, to: string) =>
    tx(api).amm.addLiquidity(pool.assets[0].kind, pool.assets[1].kind, a, b, minA, minB, to, null),
  remove: (api: ApiPromise, pool: Pool, lp: bigint, minA: bigint, minB: bigint, to: string) =>
    tx(api).amm.removeLiquidity(pool.assets[0].kind, pool.assets[1].kind, lp, minA, minB, to, null),
  stake: (api: ApiPromise, farm: number, lp: bigint) => tx(api).liquidityMining.stake(farm, lp),
  unstake: (api: ApiPromise, farm: number, lp: bigint) => tx(api).liquidityMining.unstake(farm, lp),
  claim: (api: ApiPromise, farm: number) => tx(api).liquidityMining.claim(farm, null),
};

/** An event of a transaction's block, as `section.method` with its data as JSON. */
export interface ChainEvent {
  name: string;
  data: Any;
}

/**
 * Signs and submits `extrinsic` as `account` and resolves once it is in a block, with its events;
 * rejects with the chain's error (`amm.AmountOutTooLow: ...`) if it failed.
 */
export function submit(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, account: Account): Promise<ChainEvent[]> {
  return new Promise((resolve, reject) => {
    const handle = (result: Any) => {
      if (result.dispatchError) {
        const error = result.dispatchError;
        if (error.isModule) {
          const meta = api.registry.findMetaError(error.asModule);
          reject(new Error(`${meta.section}.${meta.name}: ${meta.docs.join(' ')}`));
        } else {
          reject(new Error(error.toString()));
        }
        unsubscribe();
        return;
      }
      if (result.isInBlock || result.isFinalized) {
        resolve(
          result.events.map(({ event }: Any) => ({
            name: `${event.section}.${event.method}`,
            data: event.data.toJSON(),
          })),
        );
        unsubscribe();
      } else if (result.isDropped || result.isInvalid || result.isUsurped) {
        reject(new Error(`the transaction was ${result.status.type.toLowerCase()}`));
        unsubscribe();
      }
    };
    let unsubscribe = () => {};
    const sent = account.pair
      ? extrinsic.signAndSend(account.pair, handle)
      : extrinsic.signAndSend(account.address, { signer: account.signer }, handle);
    sent.then((u: () => void) => (unsubscribe = u)).catch(reject);
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
