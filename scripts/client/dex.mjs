#!/usr/bin/env node
// The DEX chain's command-line tool for traders and liquidity providers.
//
//   node scripts/client/dex.mjs --help              every command and option
//   node scripts/client/dex.mjs help <command>      one command: arguments and an example
//   node scripts/client/dex.mjs <command> [arguments] [--as //Bob] [--ws ws://...]
//
// The commands are the table COMMANDS below; the help text, the argument checks and the
// unknown-command message are derived from it. Arguments are checked before connecting; asset
// symbols are checked against the chain's metadata once connected. Exit status: 0 done, 1 the
// chain refused or the node could not be reached, 2 wrong arguments.
import { decodeAddress } from '@polkadot/keyring';
import { connectOnce, signer, submit, findEvent, big, isMain, DEFAULT_WS } from './lib.mjs';

const NATIVE = 'Native';
const Q64 = 1n << 64n;
const PROGRAM = 'node dex.mjs';
/** The asset values are given in unless another quote asset is named. */
const DEFAULT_QUOTE = 'USDT';

/**
 * The share of a quote a transaction must still get: minimums are the quote times
 * `numerator / denominator` (995/1000: 0.5 % slippage). `--slippage <percent>` replaces it.
 */
export const SLIPPAGE = { numerator: 995n, denominator: 1000n };

/** `amount` less `slippage`, rounded down: the minimum a transaction accepts. */
export const minimum = (amount, slippage = SLIPPAGE) =>
  (amount * slippage.numerator) / slippage.denominator;

/** `slippage` in percent, e.g. "0.5 %". */
const slippageText = ({ numerator, denominator }) =>
  `${formatAmount(((denominator - numerator) * 1_000_000n) / denominator, 4, 4)} %`;

/** Wrong arguments: the tool prints the message and the command's usage, and exits with 2. */
export class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Assets and amounts

/** The chain's assets: the native token and every asset with metadata, by symbol and by id. */
export async function loadAssets(api) {
  const props = await api.rpc.system.properties();
  const native = {
    kind: NATIVE,
    id: null,
    symbol: props.tokenSymbol.unwrap()[0].toString(),
    decimals: props.tokenDecimals.unwrap()[0].toNumber(),
  };
  const list = [native];
  for (const [key, meta] of await api.query.assets.metadata.entries()) {
    const id = key.args[0].toNumber();
    const symbol = meta.symbol.toUtf8();
    list.push({ kind: { WithId: id }, id, symbol, decimals: meta.decimals.toNumber() });
  }
  const byKind = (kind) => {
    const json = kind.toJSON ? kind.toJSON() : kind;
    if (json === NATIVE || json === 'native' || (json && json.native === null)) return native;
    const id = Number(json.withId ?? json.WithId);
    return (
      list.find((a) => a.id === id) || { kind: { WithId: id }, id, symbol: `#${id}`, decimals: 0 }
    );
  };
  const find = (name) => {
    const text = String(name).replace(/^#/, '');
    const upper = text.toUpperCase();
    const asset = /^\d+$/.test(text)
      ? list.find((a) => a.id === Number(text))
      : list.find((a) => a.symbol.toUpperCase() === upper);
    if (!asset) {
      const known = list.map((a) => (a.id === null ? a.symbol : `${a.symbol} (${a.id})`));
      throw new UsageError(`unknown asset "${name}"; the chain knows ${known.join(', ')}`);
    }
    return asset;
  };
  return { list, native, byKind, find };
}

/** `text` (e.g. "1.5") in the smallest units of an asset with `decimals`. */
export function parseAmount(text, decimals) {
  if (!/^\d+(\.\d+)?$/.test(String(text))) throw new UsageError(`"${text}" is not an amount`);
  const [whole, fraction = ''] = String(text).split('.');
  if (fraction.length > decimals) {
    throw new UsageError(`"${text}" has more than ${decimals} decimals`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** `units` of an asset with `decimals` as a decimal string with at most `digits` decimals. */
export function formatAmount(units, decimals, digits = 6) {
  const value = BigInt(units);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toLocaleString('en-US');
  const fraction = (abs % scale)
    .toString()
    .padStart(decimals, '0')
    .slice(0, digits)
    .replace(/0+$/, '');
  return sign + whole + (fraction ? `.${fraction}` : '');
}

/** `units` of `asset` with its symbol, e.g. "1,000.5 DEX"; `exact` shows every decimal. */
const tokens = (units, asset, exact = false) =>
  `${formatAmount(units, asset.decimals, exact ? asset.decimals : 6)} ${asset.symbol}`;

/** A Q64.64 price of one smallest unit of `base` in `quote` units, as whole tokens per token, to
 * six significant digits. */
export function formatPrice(priceX64, base, quote) {
  const value = (Number(BigInt(priceX64)) / 2 ** 64) * 10 ** (base.decimals - quote.decimals);
  return value >= 1
    ? value.toLocaleString('en-US', { maximumFractionDigits: 6 })
    : value.toPrecision(6);
}

const percent = (ppm, digits) => `${(Number(ppm.toString()) / 10_000).toFixed(digits)} %`;

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Chain reads

/** Decimals of an LP token (from its metadata). */
export async function lpDecimals(api, lpToken) {
  return (await api.query.poolAssets.metadata(lpToken)).decimals.toNumber();
}

/** A pool as the runtime API reports it, with its assets resolved. */
async function poolView(api, assets, p) {
  return {
    assets: [assets.byKind(p.assets[0]), assets.byKind(p.assets[1])],
    lpToken: p.lpToken.toNumber(),
    lpDecimals: await lpDecimals(api, p.lpToken.toNumber()),
    feeBps: p.feeBps.toNumber(),
    reserves: [big(p.reserves[0]), big(p.reserves[1])],
    lpSupply: big(p.lpSupply),
    account: p.account.toString(),
    controls: [control(p.controls[0]), control(p.controls[1])],
  };
}

/** An asset's controllers over a pool's balance of it (`null`: nobody, as for the native token). */
function control(c) {
  if (c.isNone) return null;
  const { owner, admin, freezer, frozen } = c.unwrap();
  return { owner: owner.toString(), admin: admin.toString(), freezer: freezer.toString(),
    frozen: frozen.isTrue };
}

/**
 * The rug-pull signal of a pool's assets, in words: which asset's controller can freeze, burn or
 * move the pool's balance, and which balance cannot move now.
 */
export function controlNote(pool) {
  const notes = pool.controls.map((c, i) => {
    if (!c) return null;
    const symbol = pool.assets[i].symbol;
    const who = (a) => `${a.slice(0, 8)}…`;
    return c.frozen
      ? `${symbol}: FROZEN in the pool (its controller stopped it)`
      : `${symbol}: admin ${who(c.admin)} can burn or move, freezer ${who(c.freezer)} can freeze`;
  }).filter(Boolean);
  return notes.length ? notes.join('; ') : 'none';
}

/** Every pool, as the runtime API reports it, with its assets resolved. */
export async function pools(api, assets) {
  return Promise.all((await api.call.ammApi.pools()).map((p) => poolView(api, assets, p)));
}

const pairName = (a, b) => `${a.symbol}/${b.symbol}`;
const lpSymbol = (pool) => `LP ${pairName(...pool.assets)}`;

/** The pool of `a` and `b`; an error naming the pair and the pools there are if it is missing. */
async function findPool(api, assets, a, b) {
  const view = await api.call.ammApi.pool(a.kind, b.kind);
  if (view.isSome) return poolView(api, assets, view.unwrap());
  const names = (await pools(api, assets)).map((p) => pairName(...p.assets));
  throw new Error(`there is no ${pairName(a, b)} pool; pools: ${names.join(', ') || 'none'}`);
}

/** A farm as the runtime API reports it. */
function farmView(id, f, assets) {
  return {
    id,
    lpToken: f.lpToken.toNumber(),
    reward: assets.byKind(f.rewardAsset),
    rewardPerBlock: big(f.rewardPerBlock),
    start: f.startBlock.toNumber(),
    end: f.endBlock.toNumber(),
    active: f.active.isTrue,
    totalStaked: big(f.totalStaked),
    remaining: big(f.remainingRewards),
    lockedUntil: f.initialLiquidityLockedUntil.isSome
      ? f.initialLiquidityLockedUntil.unwrap().toNumber()
      : null,
  };
}

/** Every farm, as the runtime API reports it. */
export async function farms(api, assets) {
  const count = (await api.query.liquidityMining.nextFarmId()).toNumber();
  const result = [];
  for (let id = 0; id < count; id += 1) {
    const view = await api.call.liquidityMiningApi.farm(id);
    if (view.isSome) result.push(farmView(id, view.unwrap(), assets));
  }
  return result;
}

/** Farm `id`; a usage error listing the farms there are if it does not exist. */
async function findFarm(api, assets, id) {
  const view = await api.call.liquidityMiningApi.farm(id);
  if (view.isSome) return farmView(id, view.unwrap(), assets);
  const ids = (await farms(api, assets)).map((f) => f.id);
  throw new UsageError(`farm ${id} does not exist; farms: ${ids.join(', ') || 'none'}`);
}

/** Decoded position report of `who` in the pool of `a` and `b`, valued in `quote`. */
export async function position(api, who, a, b, quote) {
  const report = await api.call.ammApi.position(who, a.kind, b.kind, quote.kind);
  if (report.isNone) throw new UsageError(`there is no ${pairName(a, b)} pool`);
  return report.unwrap();
}

/** Decoded APR report of a farm, valued in `quote`. */
export async function apr(api, farmId, quote) {
  const report = await api.call.liquidityMiningApi.farmApr(farmId, quote.kind);
  if (report.isNone) {
    throw new UsageError(
      `farm ${farmId} does not exist, or its assets have no route to ${quote.symbol}`,
    );
  }
  return report.unwrap();
}

/** What `who` holds of `asset` (free balance). */
async function balanceOf(api, asset, who) {
  if (asset.kind === NATIVE) return big((await api.query.system.account(who)).data.free);
  const account = await api.query.assets.account(asset.id, who);
  return account.isSome ? big(account.unwrap().balance) : 0n;
}

async function lpBalance(api, lpToken, who) {
  const account = await api.query.poolAssets.account(lpToken, who);
  return account.isSome ? big(account.unwrap().balance) : 0n;
}

/** `who`'s lock on `lpToken` if it has not expired at the best block: `{ amount, until, now }`. */
async function runningLock(api, lpToken, who) {
  const lock = await api.query.amm.lpLocks(lpToken, who);
  if (lock.isNone) return null;
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  const { amount, until } = lock.unwrap();
  return until.toNumber() > now ? { amount: big(amount), until: until.toNumber(), now } : null;
}

/** What of `who`'s LP tokens of `lpToken` can move: its balance less any running lock. */
async function lpFree(api, lpToken, who) {
  const lock = await runningLock(api, lpToken, who);
  return (await lpBalance(api, lpToken, who)) - (lock ? lock.amount : 0n);
}

/** Refuses if the node's runtime predates the runtime API call `section.method`. */
function requireCall(api, section, method) {
  if (!api.call[section]?.[method]) {
    throw new Error(`the node's runtime has no ${section}.${method}: upgrade the node's runtime`);
  }
}

/** The quote for swapping exactly `amount` of `path[0]`; says which pool is missing if any. */
async function quoteSwap(api, path, amount) {
  const quote = await api.call.ammApi.quoteExactIn(
    path.map((a) => a.kind),
    amount,
  );
  if (quote.isSome) return quote.unwrap();
  for (let i = 0; i + 1 < path.length; i += 1) {
    if ((await api.call.ammApi.pool(path[i].kind, path[i + 1].kind)).isNone) {
      throw new Error(`there is no ${pairName(path[i], path[i + 1])} pool`);
    }
  }
  const route = path.map((a) => a.symbol).join(' → ');
  throw new Error(`no quote along ${route}: a pool cannot pay out that much`);
}

/** What a deposit of at most `desired` takes of `a` and `b`, and the LP tokens it mints. */
async function quoteDeposit(api, a, b, desired) {
  requireCall(api, 'ammApi', 'quoteAddLiquidity');
  const quote = await api.call.ammApi.quoteAddLiquidity(a.kind, b.kind, ...desired);
  if (quote.isNone) {
    throw new Error(
      `the ${pairName(a, b)} pool would mint no LP tokens for this deposit: deposit more`,
    );
  }
  const q = quote.unwrap();
  return { take: [big(q.amount1), big(q.amount2)], lpMinted: big(q.lpMinted) };
}

/** What burning `lp` LP tokens pays out of `a` and `b` (in that order). */
async function quoteWithdrawal(api, a, b, lp) {
  requireCall(api, 'ammApi', 'quoteRemoveLiquidity');
  const quote = await api.call.ammApi.quoteRemoveLiquidity(a.kind, b.kind, lp);
  if (quote.isNone) throw new Error(`the ${pairName(a, b)} pool cannot pay out for that burn`);
  const q = quote.unwrap();
  return [big(q.amount1), big(q.amount2)];
}

/**
 * The fee of `tx` signed by `who` and paid in `asset`: in the native token (from the transaction
 * payment API) and, for another asset, what the fee swap costs in it (the AMM's exact-output
 * quote, which the runtime charges).
 */
export async function feeQuote(api, tx, who, asset) {
  const assetId = asset.kind === NATIVE ? undefined : asset.kind;
  const info = await tx.paymentInfo(who, assetId ? { assetId } : {});
  const native = big(info.partialFee);
  if (!assetId) return { native, inAsset: native };
  const quote = await api.call.ammApi.quoteExactOut([asset.kind, NATIVE], native);
  if (quote.isNone) {
    throw new Error(`${asset.symbol} cannot pay fees: it has no pool with the native token`);
  }
  return { native, inAsset: big(quote.unwrap().amountIn) };
}

// ---------------------------------------------------------------------------------------------
// Transactions

/** Chain errors that mean an account held too little: they get the holdings next to the needs. */
const SHORT_OF_FUNDS = [
  'token.FundsUnavailable',
  'token.NotExpendable',
  'token.BelowMinimum',
  'arithmetic.Underflow',
  'balances.InsufficientBalance',
  'assets.BalanceLow',
  'pool.CannotPayFee',
];

/** "Bob holds 5 DEX; the swap needs 10 DEX" for the first of `needs` the signer is short of. */
async function shortfall(ctx, what, needs) {
  for (const [asset, amount] of needs) {
    const held = await balanceOf(ctx.api, asset, ctx.who.address);
    if (held < amount) {
      const [has, wants] = [tokens(held, asset, true), tokens(amount, asset, true)];
      return `${ctx.name} holds ${has}; ${what} needs ${wants}`;
    }
  }
  return null;
}

/** What the signer holds against `needs`, and of the fee asset: for a short-of-funds error. */
async function fundsHint(ctx, what, needs) {
  const short = await shortfall(ctx, what, needs);
  if (short) return short;
  const feeAsset = ctx.feeAsset || ctx.assets.native;
  const held = await balanceOf(ctx.api, feeAsset, ctx.who.address);
  return `${ctx.name} holds ${tokens(held, feeAsset, true)} to pay the fee from; each account ` +
    'must also keep its minimum balance.';
}

/**
 * Submits `tx` as the signer (paying its fee in --fee-in's asset). First checks that the signer
 * holds `needs` (`[asset, units]` pairs) for `what` ("the swap"); a chain error is reworded with
 * `hints[code]` (e.g. the quote and the minimum for a slippage error).
 */
async function send(ctx, tx, { what = 'the transaction', needs = [], hints = {} } = {}) {
  const short = await shortfall(ctx, what, needs);
  if (short) throw new Error(short);
  const fee = ctx.feeAsset && ctx.feeAsset.kind !== NATIVE ? { assetId: ctx.feeAsset.kind } : {};
  try {
    return await submit(ctx.api, tx, ctx.who, fee);
  } catch (error) {
    let hint = hints[error.code];
    if (!hint && SHORT_OF_FUNDS.includes(error.code)) hint = await fundsHint(ctx, what, needs);
    if (hint) error.message = `${error.message.replace(/\.?$/, '.')} ${hint}`;
    throw error;
  }
}

/** Why a withdrawal or deposit hit its minimum: the quote, the minimums and the slippage. */
function slippageHint(ctx, quoted, minimums, assets) {
  const list = (amounts) => amounts.map((x, i) => tokens(x, assets[i])).join(' + ');
  return (
    `The quote was ${list(quoted)}; the minimum at ${slippageText(ctx.slippage)} slippage was ` +
    `${list(minimums)}: the price moved before the transaction landed. Quote again, or allow ` +
    'more with --slippage.'
  );
}

/** "locks 5 LP DEX/USDT until block 120 (now 100)", or that there is no running lock. */
async function lockHint(ctx, pool) {
  const lock = await runningLock(ctx.api, pool.lpToken, ctx.who.address);
  if (!lock) return `${ctx.name} has no running lock on ${lpSymbol(pool)}.`;
  return (
    `${ctx.name} has ${formatAmount(lock.amount, pool.lpDecimals)} ${lpSymbol(pool)} locked ` +
    `until block ${lock.until} (now ${lock.now}).`
  );
}

/** LP tokens of `pool` for an `<lp|all>` argument: "all" is what no running lock holds. */
async function lpArgument(ctx, pool, text) {
  const lp =
    text === 'all'
      ? await lpFree(ctx.api, pool.lpToken, ctx.who.address)
      : ctx.amount(text, pool.lpDecimals);
  if (lp === 0n) throw new Error(`${ctx.name} holds no unlocked ${lpSymbol(pool)}`);
  return lp;
}

/** Refuses if the signer holds fewer than `lp` LP tokens of `pool` for `what`. */
async function requireLp(ctx, pool, lp, what) {
  const held = await lpBalance(ctx.api, pool.lpToken, ctx.who.address);
  if (held < lp) {
    const show = (x) => `${formatAmount(x, pool.lpDecimals, pool.lpDecimals)} ${lpSymbol(pool)}`;
    throw new Error(`${ctx.name} holds ${show(held)}; ${what} needs ${show(lp)}`);
  }
}

/** The fee line of a transaction's events: in --fee-in's asset if it paid so, else native. */
function feePaid(ctx, events) {
  const paid = events.find((e) => e.section === 'assetTxPayment' && e.method === 'AssetTxFeePaid');
  if (paid) return tokens(big(paid.data.actualFee), ctx.feeAsset, true);
  const native = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
  return tokens(big(native.data.actualFee), ctx.assets.native, true);
}

/** An address, or the address of a dev URI such as //Bob. */
const address = (text) => (text.startsWith('//') ? signer(text).address : text);

// ---------------------------------------------------------------------------------------------
// Commands
//
// `args`: `<name>` required, `<name|all>` also takes "all", `[name]` optional, `[name...]` any
// number; each name's kind is in ARG_KINDS. `run(ctx, args, opts)` gets the checked arguments
// by name (see `context` for ctx) and returns the text to print.

export const COMMANDS = {
  pools: {
    args: '',
    summary: 'every pool: reserves, price, fee, LP supply, asset controllers',
    usage: 'Lists every pool with its reserves, the price of its first asset in its second, its ' +
      'fee, its LP token, and who can freeze, burn or move its balance of each asset (the ' +
      'rug-pull signal: every user asset has an owner, admin and freezer).',
    examples: ['pools'],
    run: async ({ api, assets }) => {
      const rows = (await pools(api, assets)).map((p) => {
        const [a, b] = p.assets;
        const price =
          p.reserves[0] === 0n ? '-' : formatPrice((p.reserves[1] * Q64) / p.reserves[0], a, b);
        return [pairName(a, b), tokens(p.reserves[0], a), tokens(p.reserves[1], b),
          `1 ${a.symbol} = ${price} ${b.symbol}`, `${(p.feeBps / 100).toFixed(2)} %`, p.lpToken,
          formatAmount(p.lpSupply, p.lpDecimals), controlNote(p)];
      });
      return table(rows,
        ['pool', 'reserve', 'reserve', 'price', 'fee', 'LP token', 'LP supply', 'asset controllers']);
    },
  },
  farms: {
    args: '',
    summary: 'every farm: LP token, reward, rate, stake, end',
    usage: 'Lists every farm: the LP token it takes, its reward asset and rate per block, what ' +
      'is staked, its blocks, and whether the pool\'s seed liquidity is locked.',
    examples: ['farms'],
    run: async ({ api, assets }) => {
      const rows = await Promise.all((await farms(api, assets)).map(async (f) => [f.id,
        f.lpToken, f.reward.symbol, formatAmount(f.rewardPerBlock, f.reward.decimals),
        formatAmount(f.totalStaked, await lpDecimals(api, f.lpToken)), `${f.start}..${f.end}`,
        f.active ? 'yes' : 'no', formatAmount(f.remaining, f.reward.decimals),
        f.lockedUntil === null ? 'no' : `until ${f.lockedUntil}`]));
      return table(rows, ['farm', 'LP token', 'reward', 'per block', 'staked', 'blocks', 'active',
        'remaining', 'seed LP locked']);
    },
  },
  quote: {
    args: '<amount> <from> <to> [via...]',
    summary: 'what a swap of <amount> <from> pays out',
    usage: 'Quotes selling exactly <amount> of <from> for <to>, through the [via...] assets if ' +
      'given. Sends nothing.',
    params: { amount: 'how much <from> to sell', from: 'the asset sold', to: 'the asset bought',
      via: 'assets to route through, in order (none: the direct pool)' },
    examples: ['quote 100 DEX USDT', 'quote 0.5 WETH DEX USDT    # through the USDT pools'],
    run: async (ctx, args) => {
      const path = ctx.path([args.from, ...args.via, args.to]);
      const amount = ctx.amount(args.amount, path[0]);
      const q = await quoteSwap(ctx.api, path, amount);
      const out = path[path.length - 1];
      const route = path.map((a) => a.symbol).join(' → ');
      return `${args.amount} ${path[0].symbol} → ${tokens(big(q.amountOut), out)}` +
        ` (price impact ${percent(q.priceImpactPpm, 4)}, path ${route})`;
    },
  },
  swap: {
    args: '<amount> <from> <to> [via...]',
    summary: 'swaps <amount> <from> for <to>, within the slippage',
    usage: 'Sells exactly <amount> of <from> for <to>, through the [via...] assets if given. ' +
      'The swap fails rather than pay out less than the quote less the slippage (--slippage).',
    params: { amount: 'how much <from> to sell', from: 'the asset sold', to: 'the asset bought',
      via: 'assets to route through, in order (none: the direct pool)' },
    examples: ['swap 100 DEX USDT --as //Bob', 'swap 1.5 USDT DEX --slippage 1'],
    run: async (ctx, args) => {
      const path = ctx.path([args.from, ...args.via, args.to]);
      const [from, out] = [path[0], path[path.length - 1]];
      const amount = ctx.amount(args.amount, from);
      const quoted = big((await quoteSwap(ctx.api, path, amount)).amountOut);
      const min = minimum(quoted, ctx.slippage);
      const tx = ctx.api.tx.amm.swapExactIn(path.map((a) => a.kind), amount, min, ctx.who.address,
        true, null);
      const events = await ctx.send(tx, { what: 'the swap', needs: [[from, amount]], hints: {
        'amm.AmountOutTooLow': slippageHint(ctx, [quoted], [min], [out]),
      } });
      const swapped = findEvent(events, 'amm', 'SwapExecuted');
      const [paid, block] = [tokens(big(swapped.data.amountOut), out), events.blockHash.toHex()];
      return `swapped ${args.amount} ${from.symbol} for ${paid} (block ${block})`;
    },
  },
  add: {
    args: '<amountA> <A> <amountB> <B>',
    summary: 'deposits at most these amounts into the A/B pool',
    usage: 'Deposits into the pool of <A> and <B> at its current price, taking at most ' +
      '<amountA> of <A> and <amountB> of <B>, for LP tokens. Shows what the deposit takes and ' +
      'mints first; it fails rather than take less than that less the slippage (--slippage).',
    params: { amountA: 'at most this much <A>', A: 'one asset of the pool',
      amountB: 'at most this much <B>', B: 'the other asset' },
    examples: ['add 1000 DEX 2000 USDT --as //Bob'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const desired = [ctx.amount(args.amountA, a), ctx.amount(args.amountB, b)];
      const pool = await findPool(ctx.api, ctx.assets, a, b);
      const { take, lpMinted } = await quoteDeposit(ctx.api, a, b, desired);
      const mins = take.map((x) => minimum(x, ctx.slippage));
      ctx.note(`deposit: ${tokens(take[0], a)} + ${tokens(take[1], b)} for ` +
        `${formatAmount(lpMinted, pool.lpDecimals)} ${lpSymbol(pool)} (at least ` +
        `${tokens(mins[0], a)} + ${tokens(mins[1], b)} at ${slippageText(ctx.slippage)} slippage)`);
      const tx = ctx.api.tx.amm.addLiquidity(a.kind, b.kind, ...desired, ...mins,
        ctx.who.address, null);
      const events = await ctx.send(tx, { what: 'the deposit', needs: [[a, take[0]], [b, take[1]]],
        hints: { 'amm.DepositBelowMinimum': slippageHint(ctx, take, mins, [a, b]) } });
      const added = findEvent(events, 'amm', 'LiquidityAdded');
      return `added liquidity: ${formatAmount(big(added.data.lpMinted), pool.lpDecimals)} ` +
        `LP tokens (LP token ${added.data.lpToken})`;
    },
  },
  remove: {
    args: '<lp|all> <A> <B>',
    summary: 'burns LP tokens (or "all") of the A/B pool for its assets',
    usage: 'Burns <lp> LP tokens of the pool of <A> and <B> ("all": those no lock holds) for ' +
      'their share of the pool. Shows the payout first; it fails rather than pay out less than ' +
      'that less the slippage (--slippage).',
    params: { lp: 'LP tokens to burn', A: 'one asset of the pool', B: 'the other asset' },
    examples: ['remove all DEX USDT --as //Bob', 'remove 10.5 DEX USDT --as //Bob'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const pool = await findPool(ctx.api, ctx.assets, a, b);
      const lp = await lpArgument(ctx, pool, args.lp);
      await requireLp(ctx, pool, lp, 'the withdrawal');
      const out = await quoteWithdrawal(ctx.api, a, b, lp);
      const mins = out.map((x) => minimum(x, ctx.slippage));
      ctx.note(`withdrawal: ${formatAmount(lp, pool.lpDecimals)} ${lpSymbol(pool)} for ` +
        `${tokens(out[0], a)} + ${tokens(out[1], b)} (at least ${tokens(mins[0], a)} + ` +
        `${tokens(mins[1], b)} at ${slippageText(ctx.slippage)} slippage)`);
      const tx = ctx.api.tx.amm.removeLiquidity(a.kind, b.kind, lp, ...mins, ctx.who.address, null);
      const events = await ctx.send(tx, { what: 'the withdrawal', hints: {
        'amm.WithdrawalBelowMinimum': slippageHint(ctx, out, mins, [a, b]),
        'amm.LpTokensLocked': await lockHint(ctx, pool),
      } });
      const removed = findEvent(events, 'amm', 'LiquidityRemoved');
      const [x, y] = pool.assets;
      return `removed ${formatAmount(lp, pool.lpDecimals)} LP: ` +
        `${tokens(big(removed.data.amount1), x)} + ${tokens(big(removed.data.amount2), y)}`;
    },
  },
  stake: {
    args: '<farm> <lp|all>',
    summary: 'stakes LP tokens (or "all") in a farm',
    usage: 'Stakes <lp> of the farm\'s LP token ("all": those no lock holds) in farm <farm>.',
    params: { farm: 'the farm (see `farms`)', lp: 'LP tokens to stake' },
    examples: ['stake 0 all --as //Bob'],
    run: async (ctx, args) => {
      const farm = await findFarm(ctx.api, ctx.assets, args.farm);
      const pool = (await pools(ctx.api, ctx.assets)).find((p) => p.lpToken === farm.lpToken);
      if (!pool) throw new Error(`farm ${farm.id}'s LP token ${farm.lpToken} has no pool`);
      const lp = await lpArgument(ctx, pool, args.lp);
      await requireLp(ctx, pool, lp, 'the stake');
      const free = await lpFree(ctx.api, pool.lpToken, ctx.who.address);
      if (lp > free) {
        const show = (x) => `${formatAmount(x, pool.lpDecimals)} ${lpSymbol(pool)}`;
        throw new Error(`${await lockHint(ctx, pool)} The stake needs ${show(lp)} unlocked; ` +
          `only ${show(free)} are.`);
      }
      await ctx.send(ctx.api.tx.liquidityMining.stake(farm.id, lp), { what: 'the stake' });
      return `staked ${formatAmount(lp, pool.lpDecimals)} of LP token ${farm.lpToken} in farm ` +
        `${farm.id}`;
    },
  },
  claim: {
    args: '<farm>',
    summary: "claims a farm's rewards",
    usage: 'Claims the signer\'s rewards from farm <farm> into its account.',
    params: { farm: 'the farm (see `farms`)' },
    examples: ['claim 0 --as //Bob'],
    run: async (ctx, args) => {
      const farm = await findFarm(ctx.api, ctx.assets, args.farm);
      const { liquidityMiningApi } = ctx.api.call;
      const pending = await liquidityMiningApi.pendingRewards(farm.id, ctx.who.address);
      const events = await ctx.send(ctx.api.tx.liquidityMining.claim(farm.id, null), {
        what: 'the claim', hints: {
          'liquidityMining.NoStake': `${ctx.name} has nothing staked in farm ${farm.id}.`,
          'liquidityMining.NothingToClaim': `${ctx.name}'s pending rewards in farm ${farm.id}: ` +
            `${pending.isSome ? tokens(big(pending.unwrap()), farm.reward) : 'none'}.`,
        } });
      const claimed = findEvent(events, 'liquidityMining', 'Claimed');
      return `claimed ${tokens(big(claimed.data.amount), farm.reward)} from farm ${farm.id}`;
    },
  },
  position: {
    args: '<A> <B> [quote]',
    summary: 'LP position: holdings, value, fees, impermanent loss',
    usage: 'The signer\'s position in the pool of <A> and <B>: LP tokens in the account, staked ' +
      'and locked, what they hold, their value, the fees they earned and the impermanent loss ' +
      `against the deposits, valued in [quote] (default ${DEFAULT_QUOTE}).`,
    params: { A: 'one asset of the pool', B: 'the other asset', quote: 'the asset values are in' },
    examples: ['position DEX USDT --as //Bob', 'position DEX WETH WETH --as //Bob'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const quote = ctx.asset(args.quote ?? DEFAULT_QUOTE);
      const p = await position(ctx.api, ctx.who.address, a, b, quote);
      const [x, y] = [ctx.assets.byKind(p.assets[0]), ctx.assets.byKind(p.assets[1])];
      const lpd = await lpDecimals(ctx.api, p.lpToken.toNumber());
      const lp = (units) => formatAmount(big(units), lpd);
      const pair = ([u, v]) => `${tokens(big(u), x)} + ${tokens(big(v), y)}`;
      const lines = [
        `position of ${ctx.who.address} in ${pairName(x, y)} (LP token ${p.lpToken})`,
        table([
          ['LP tokens', `${lp(p.lpFree)} in the account + ${lp(p.lpStaked)} staked`],
          ['locked (of those in the account)', lp(p.lpLocked)],
          ['with a deposit basis', lp(p.lpWithBasis)],
          ['without (transferred in)', lp(p.lpWithoutBasis)],
          ['holds', pair(p.underlying)],
          ['deposited', pair(p.deposited)],
          ['asset risk', `${x.symbol}: ${riskWords(p.risks[0])}; ${y.symbol}: ${riskWords(p.risks[1])}`],
        ], ['holdings', '']),
        valuationTable(p, x, y, quote),
      ];
      return lines.join('\n');
    },
  },
  apr: {
    args: '<farm> [quote]',
    summary: "a farm's annual percentage rate",
    usage: 'Farm <farm>\'s annual percentage rate: a year of its rewards against what is staked, ' +
      `both valued in [quote] (default ${DEFAULT_QUOTE}) at the pools' mid prices.`,
    params: { farm: 'the farm (see `farms`)', quote: 'the asset values are in' },
    examples: ['apr 0', 'apr 0 DEX'],
    run: async (ctx, args) => {
      const quote = ctx.asset(args.quote ?? DEFAULT_QUOTE);
      await findFarm(ctx.api, ctx.assets, args.farm);
      const r = await apr(ctx.api, args.farm, quote);
      const q = (units) => tokens(big(units), quote);
      const rate = r.aprPpm.isSome ? percent(r.aprPpm.unwrap(), 2) : 'none: nothing is staked';
      return table([
        ['APR', rate],
        ['rewards a year', q(r.yearlyRewardsValue)],
        ['staked', q(r.stakedValue)],
        ['rewards still to emit', q(r.remainingRewardsValue)],
      ], [`farm ${args.farm} in ${quote.symbol}`, '']);
    },
  },
  lock: {
    args: '<lp|all> <A> <B> <blocks>',
    summary: 'locks LP tokens (or "all") of the A/B pool for a while',
    usage: 'Locks <lp> LP tokens of the pool of <A> and <B> ("all": those no lock holds yet) ' +
      'until <blocks> blocks from now; a running lock grows by them and may only be extended. ' +
      'Locked LP tokens can be neither removed nor transferred: it shows traders the ' +
      'liquidity stays.',
    params: { lp: 'LP tokens to lock', A: 'one asset of the pool', B: 'the other asset',
      blocks: 'how long, in blocks (6 s each; 14400 is a day)' },
    examples: ['lock all DEX USDT 14400'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const pool = await findPool(ctx.api, ctx.assets, a, b);
      // "all" locks whatever a running lock does not cover yet (a lock adds to a running one).
      const lp = args.lp === 'all'
        ? await lpFree(ctx.api, pool.lpToken, ctx.who.address)
        : ctx.amount(args.lp, pool.lpDecimals);
      // Counted from the block the transaction is likely to land in.
      const until = (await ctx.api.rpc.chain.getHeader()).number.toNumber() + 1 + args.blocks;
      const lock = await lockHint(ctx, pool);
      const events = await ctx.send(ctx.api.tx.amm.lockLpTokens(a.kind, b.kind, lp, until), {
        what: 'the lock', hints: { 'amm.InsufficientLpTokens': lock, 'amm.LockShortened': lock,
          'amm.ZeroAmount': lock },
      });
      const locked = findEvent(events, 'amm', 'LpTokensLocked');
      return `locked ${formatAmount(big(locked.data.totalLocked), pool.lpDecimals)} ` +
        `${lpSymbol(pool)} until block ${locked.data.until}`;
    },
  },
  unlock: {
    args: '<A> <B>',
    summary: "clears an expired lock on the A/B pool's LP tokens",
    usage: 'Clears the signer\'s expired lock on LP tokens of the pool of <A> and <B>.',
    params: { A: 'one asset of the pool', B: 'the other asset' },
    examples: ['unlock DEX USDT'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const pool = await findPool(ctx.api, ctx.assets, a, b);
      const lock = await lockHint(ctx, pool);
      const events = await ctx.send(ctx.api.tx.amm.unlockLpTokens(a.kind, b.kind), {
        what: 'the unlock', hints: { 'amm.LockNotExpired': lock, 'amm.NoLock': lock },
      });
      const unlocked = findEvent(events, 'amm', 'LpTokensUnlocked');
      return `cleared the lock on ${formatAmount(big(unlocked.data.amount), pool.lpDecimals)} ` +
        lpSymbol(pool);
    },
  },
  'lock-status': {
    args: '<A> <B>',
    summary: 'who seeded the A/B pool, and is that liquidity locked',
    usage: 'The first deposit into the pool of <A> and <B>: who made it, and how much of its LP ' +
      'tokens are locked and until when (the rug-pull guard).',
    params: { A: 'one asset of the pool', B: 'the other asset' },
    examples: ['lock-status DEX USDT'],
    run: async (ctx, args) => {
      const [a, b] = ctx.path([args.A, args.B]);
      const pool = await findPool(ctx.api, ctx.assets, a, b);
      const status = await ctx.api.call.ammApi.initialLiquidity(a.kind, b.kind);
      if (status.isNone) return `${lpSymbol(pool)}: no liquidity yet`;
      const s = status.unwrap();
      const lp = (units) => formatAmount(big(units), pool.lpDecimals);
      return table([
        ['seeded by', s.provider.toString()],
        ['seed LP tokens', lp(s.lpMinted)],
        ['locked now', lp(s.locked)],
        ['locked until', s.lockedUntil.isSome ? `block ${s.lockedUntil.unwrap()}` : '-'],
        ['all of the seed locked', s.fullyLocked.isTrue ? 'yes' : 'no'],
        ['share of all LP tokens locked', percent(s.lockedSharePpm, 4)],
      ], [lpSymbol(pool), '']);
    },
  },
  transfer: {
    args: '<amount> <asset> <recipient>',
    summary: 'sends tokens to an address or a dev URI (//Bob)',
    usage: 'Sends <amount> of <asset> to <recipient>, keeping the sender\'s account alive. ' +
      'With --fee-in, the fee is paid in that asset.',
    params: { amount: 'how much to send', asset: 'the asset sent' },
    examples: ['transfer 1 DEX //Dave --as //Charlie --fee-in USDT'],
    run: async (ctx, args) => {
      const asset = ctx.asset(args.asset);
      const amount = ctx.amount(args.amount, asset);
      const to = address(args.recipient);
      const tx = asset.kind === NATIVE
        ? ctx.api.tx.balances.transferKeepAlive(to, amount)
        : ctx.api.tx.assets.transferKeepAlive(asset.id, to, amount);
      const events = await ctx.send(tx, { what: 'the transfer', needs: [[asset, amount]] });
      return `sent ${args.amount} ${asset.symbol} to ${to}; fee ${feePaid(ctx, events)}`;
    },
  },
  fee: {
    args: '<asset>',
    summary: "what a transfer's fee costs in <asset>",
    usage: 'What a transfer\'s fee costs in the native token and, for another <asset>, in that ' +
      'asset through its pool with the native token (what --fee-in <asset> pays).',
    params: { asset: 'the asset the fee would be paid in' },
    examples: ['fee USDT'],
    run: async (ctx, args) => {
      const [asset, native] = [ctx.asset(args.asset), ctx.assets.native];
      const tx = ctx.api.tx.balances.transferKeepAlive(ctx.who.address, 1n);
      const { native: fee, inAsset } = await feeQuote(ctx.api, tx, ctx.who.address, asset);
      const through = asset.kind === NATIVE ? ''
        : ` = ${tokens(inAsset, asset, true)} through the ${pairName(asset, native)} pool`;
      return `a transfer's fee: ${tokens(fee, native, true)}${through}`;
    },
  },
};

/** A position report's `AssetRisk`, in words. */
function riskWords(risk) {
  switch (risk.type) {
    case 'None': return 'none';
    case 'Controlled': return 'its admin can burn or move the pool\'s balance, its freezer freeze it';
    case 'Frozen': return 'FROZEN in the pool';
    default: return 'DESTROYED';
  }
}

/** The value part of a position report, in `quote`. */
function valuationTable(p, x, y, quote) {
  if (p.valuation.isNone) {
    return `no valuation: ${x.symbol} or ${y.symbol} has no route of pools to ${quote.symbol}`;
  }
  const v = p.valuation.unwrap();
  const q = (units) => tokens(big(units), quote);
  return table([
    ['value', q(v.value)],
    ['value of the deposits now', q(v.basisValue)],
    ['fees earned', q(v.feesEarned)],
    ['had they been held', q(v.holdValue)],
    ['impermanent loss (fees excluded)',
      `${q(v.impermanentLoss)} (${percent(v.impermanentLossPpm, 4)})`],
  ], [`in ${quote.symbol}`, '']);
}

// ---------------------------------------------------------------------------------------------
// Arguments and options, checked before connecting

const bad = (what, text, why) => new UsageError(`${what} "${text}" ${why}`);
const AMOUNT = /^\d+(\.\d+)?$/;

/** Kinds of positional arguments: what they accept (for the help) and their offline check. */
const ARG_KINDS = {
  amount: {
    help: 'whole tokens, e.g. 1.5',
    parse: (text, what) => {
      if (!AMOUNT.test(text)) throw bad(what, text, 'is not an amount: whole tokens, e.g. 1.5');
      if (!/[1-9]/.test(text)) throw bad(what, text, 'must be more than 0');
      return text;
    },
  },
  asset: {
    help: 'a symbol such as USDT, or an asset id',
    parse: (text, what) => {
      if (!/^(#?\d+|[A-Za-z][A-Za-z0-9._-]{0,31})$/.test(text)) {
        throw bad(what, text, 'is not an asset: a symbol such as USDT, or an asset id');
      }
      return text;
    },
  },
  farm: {
    help: 'a farm id, e.g. 0',
    parse: (text, what) => {
      if (!/^\d+$/.test(text) || Number(text) >= 2 ** 32) throw bad(what, text, 'is not a farm id');
      return Number(text);
    },
  },
  blocks: {
    help: 'a whole number above 0',
    parse: (text, what) => {
      if (!/^\d+$/.test(text) || Number(text) === 0 || Number(text) >= 2 ** 32) {
        throw bad(what, text, 'is not a number of blocks (a whole number above 0)');
      }
      return Number(text);
    },
  },
  account: {
    help: 'an SS58 address, or a dev URI such as //Bob',
    parse: (text, what) => {
      if (/^\/\/\S+$/.test(text)) return text;
      try {
        decodeAddress(text);
        return text;
      } catch {
        throw bad(what, text, 'is not an address (SS58) or a dev URI such as //Bob');
      }
    },
  },
};

/** The kind of each argument name used in COMMANDS' `args`. */
const KIND_OF = {
  amount: 'amount', amountA: 'amount', amountB: 'amount', lp: 'amount',
  from: 'asset', to: 'asset', via: 'asset', A: 'asset', B: 'asset', asset: 'asset', quote: 'asset',
  farm: 'farm', blocks: 'blocks', recipient: 'account',
};

/** An `args` string as a list of `{ name, kind, optional, many, all }`. */
function argSpecs(args) {
  return args.split(' ').filter(Boolean).map((token) => {
    const m = /^(?:<(\w+)(\|all)?>|\[(\w+)(\.\.\.)?\])$/.exec(token);
    const name = m && (m[1] || m[3]);
    if (!name || !KIND_OF[name]) throw new Error(`dex.mjs: bad argument "${token}" in COMMANDS`);
    return { name, token, kind: KIND_OF[name], optional: !!m[3], many: !!m[4], all: !!m[2] };
  });
}

/** The global options: `-h`/`--help` is a flag, the others take a value. */
const OPTIONS = {
  as: {
    value: '<uri>',
    help: 'signer: a dev URI (//Bob) or a seed phrase; default $DEX_SEED, else //Alice',
    parse: (text) => {
      const words = text.trim().split(/\s+/).length;
      const hex = /^0x[0-9a-fA-F]{64}(\/.*)?$/.test(text);
      if (/^\/\/\S/.test(text) || hex || words >= 12) return text;
      throw bad('--as', text, 'is not a dev URI such as //Bob, a hex seed or a seed phrase');
    },
  },
  ws: {
    value: '<url>',
    help: `the node's RPC endpoint; default $DEX_WS, else ${DEFAULT_WS}`,
    parse: (text) => {
      if (!/^wss?:\/\/[^\s/]+/.test(text)) throw bad('--ws', text, 'is not a ws:// or wss:// URL');
      return text;
    },
  },
  'fee-in': {
    value: '<asset>',
    help: 'pay fees in <asset>, swapped through its pool with the native token',
    parse: (text) => ARG_KINDS.asset.parse(text, '--fee-in'),
  },
  slippage: {
    value: '<percent>',
    help: 'how far below its quote a swap, add or remove may settle; default ' +
      slippageText(SLIPPAGE),
    parse: (text) => {
      if (!/^\d+(\.\d{1,4})?$/.test(text) || Number(text) >= 100) {
        throw bad('--slippage', text, 'is not a percentage from 0 to below 100, e.g. 0.5');
      }
      return text;
    },
  },
  help: { flag: true, short: '-h', help: 'this help; with a command, that command\'s help' },
};

const GENERAL_USAGE = `usage: ${PROGRAM} <command> [arguments] [options]`;
const usageLine = (name) =>
  `usage: ${PROGRAM} ${[name, COMMANDS[name].args].filter(Boolean).join(' ')} [options]`;

/** The unknown-command message, with the commands there are. */
const unknownCommand = (name) =>
  new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);

/** Checks `values` (positional arguments) against the `args` of command `name`. */
function parseArgs(name, values) {
  const specs = argSpecs(COMMANDS[name].args);
  const required = specs.filter((s) => !s.optional);
  if (values.length < required.length) {
    const missing = required.slice(values.length).map((s) => s.token).join(' ');
    throw new UsageError(`${name}: missing ${missing}`);
  }
  if (!specs.some((s) => s.many) && values.length > specs.length) {
    throw new UsageError(`${name}: too many arguments: "${values.slice(specs.length).join(' ')}"`);
  }
  const args = {};
  specs.forEach((spec, i) => {
    const check = (text) => {
      if (spec.all && text === 'all') return 'all';
      try {
        return ARG_KINDS[spec.kind].parse(text, `${name}: ${spec.token}`);
      } catch (error) {
        if (spec.all) error.message += ', or "all"';
        throw error;
      }
    };
    if (spec.many) args[spec.name] = values.slice(i).map(check);
    else args[spec.name] = values[i] === undefined ? undefined : check(values[i]);
  });
  const assets = specs.filter((s) => ['from', 'to', 'via', 'A', 'B'].includes(s.name))
    .flatMap((s) => [args[s.name]].flat()).map((text) => text.toUpperCase());
  const repeated = assets.find((text, i) => assets.indexOf(text) !== i);
  if (repeated) throw new UsageError(`${name}: ${repeated} appears twice`);
  return args;
}

/** Checks an options object (`{ as, ws, 'fee-in', slippage }`) and returns it. */
function checkOptions(options) {
  for (const [key, value] of Object.entries(options)) {
    const option = OPTIONS[key];
    if (!option) throw new UsageError(`unknown option --${key}`);
    if (!option.flag && value !== undefined) option.parse(String(value));
  }
  return options;
}

/**
 * Splits a command line into `{ command, args, options, help }`, checking everything that can be
 * checked offline. `help` is `true` for the general help or a command's name.
 */
export function parseCommandLine(argv) {
  const positional = [];
  const options = {};
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (/^--?[A-Za-z]/.test(arg)) {
      const [flag, inline] = arg.split(/=(.*)/s);
      const key = flag.replace(/^--?/, '');
      if (!OPTIONS[key] || OPTIONS[key].flag || !flag.startsWith('--')) {
        const known = Object.keys(OPTIONS).map((k) => `--${k}`).join(', ');
        throw new UsageError(`unknown option ${flag}; options: ${known}`);
      }
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value ${OPTIONS[key].value}`);
      options[key] = value;
    } else {
      positional.push(arg);
    }
  }
  const [command, ...rest] = positional;
  if (command === 'help' || (help && command === undefined)) {
    if (rest[0] !== undefined && !COMMANDS[rest[0]]) throw unknownCommand(rest[0]);
    return { help: rest[0] ?? true };
  }
  if (command === undefined) throw new UsageError('no command given');
  if (!COMMANDS[command]) throw unknownCommand(command);
  if (help) return { help: command };
  return { command, args: parseArgs(command, rest), options: checkOptions(options) };
}

/** The general help: every command and option. */
export function helpText() {
  const width = Math.max(...Object.entries(COMMANDS).map(([n, c]) => `${n} ${c.args}`.length));
  const commands = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${`${name} ${c.args}`.padEnd(width)}  ${c.summary}`,
  );
  return [
    'The DEX chain from the command line: pools, swaps, liquidity, farms.',
    '',
    GENERAL_USAGE,
    `       ${PROGRAM} help <command>    a command's arguments and examples`,
    '',
    'commands:',
    ...commands,
    '',
    'Assets are symbols (DEX, USDT, WETH, ...: the chain\'s metadata) or asset ids; amounts are',
    `whole tokens, e.g. 1.5; values are in ${DEFAULT_QUOTE} unless another quote asset is given.`,
    '',
    'options:',
    ...optionLines(),
    '',
    'exit status: 0 done, 1 the chain refused or the node could not be reached, 2 wrong arguments',
    '',
    'examples:',
    `  ${PROGRAM} pools`,
    `  ${PROGRAM} quote 100 DEX USDT`,
    `  ${PROGRAM} swap 100 DEX USDT --as //Bob`,
    `  ${PROGRAM} add 1000 DEX 2000 USDT --as //Bob`,
  ].join('\n');
}

function optionLines() {
  const names = Object.entries(OPTIONS).map(([key, o]) =>
    (o.flag ? `${o.short}, --${key}` : `--${key} ${o.value}`));
  const width = Math.max(...names.map((n) => n.length));
  return Object.values(OPTIONS).map((o, i) => `  ${names[i].padEnd(width)}  ${o.help}`);
}

/** One command's help: usage, what it does, its arguments and examples. */
export function commandHelp(name) {
  const c = COMMANDS[name];
  const specs = argSpecs(c.args);
  const width = Math.max(0, ...specs.map((s) => s.token.length));
  const args = specs.map((s) => {
    const meaning = c.params?.[s.name] ?? ARG_KINDS[s.kind].help;
    const accepts = `${ARG_KINDS[s.kind].help}${s.all ? ', or "all"' : ''}`;
    const text = meaning === ARG_KINDS[s.kind].help ? accepts : `${meaning}: ${accepts}`;
    const lines = wrap(`${text}${s.many ? ' (any number)' : ''}`, 96 - width);
    return lines.map((l, i) => `  ${(i ? '' : s.token).padEnd(width)}  ${l}`).join('\n');
  });
  return [
    `${usageLine(name)}`,
    '',
    wrap(c.usage, 96).map((l) => `  ${l}`).join('\n'),
    ...(args.length ? ['', 'arguments:', ...args] : []),
    '',
    'examples:',
    ...c.examples.map((e) => `  ${PROGRAM} ${e}`),
    '',
    'options:',
    ...optionLines(),
  ].join('\n');
}

function wrap(text, width) {
  const lines = [''];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last && last.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = last ? `${last} ${word}` : word;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Running

/**
 * What commands get: the connection, the assets, the signer (`who`, and `name` for messages:
 * "Bob" for //Bob), the fee asset, the slippage, and helpers that resolve arguments.
 */
async function context(api, options, note) {
  const assets = await loadAssets(api);
  const uri = options.as || process.env.DEX_SEED || '//Alice';
  let who;
  try {
    who = signer(uri);
  } catch (error) {
    throw new UsageError(`--as: not a usable key (${error.message})`);
  }
  const ctx = {
    api,
    assets,
    who,
    name: /^\/\/[^/]+$/.test(uri) ? uri.slice(2) : who.address,
    feeAsset: options['fee-in'] ? assets.find(options['fee-in']) : null,
    slippage: options.slippage === undefined ? SLIPPAGE
      : { numerator: 1_000_000n - parseAmount(options.slippage, 4), denominator: 1_000_000n },
    note,
    asset: (text) => assets.find(text),
    /** `texts` as assets, refusing one that appears twice (by symbol or id). */
    path: (texts) => {
      const list = texts.map(assets.find);
      const repeated = list.find((a, i) => list.indexOf(a) !== i);
      if (repeated) throw new UsageError(`${repeated.symbol} appears twice`);
      return list;
    },
    /** An amount argument in the smallest units of `asset` (or of `decimals`). */
    amount: (text, asset) => parseAmount(text, typeof asset === 'number' ? asset : asset.decimals),
  };
  ctx.send = (tx, how) => send(ctx, tx, how);
  return ctx;
}

/** Runs a parsed command line against `api`; returns the text to print. */
async function execute(api, parsed, note) {
  if (parsed.help) return parsed.help === true ? helpText() : commandHelp(parsed.help);
  const ctx = await context(api, parsed.options, note);
  return COMMANDS[parsed.command].run(ctx, parsed.args, parsed.options);
}

/**
 * Runs one command line (`['swap', '1', 'DEX', 'USDT']`) with `options` (`{ as: '//Bob' }`) on
 * `api`; returns the text to print, preview lines first. Throws a UsageError for wrong
 * arguments and a ChainError (`code` such as `amm.LpTokensLocked`) when the chain refuses.
 */
export async function run(api, argv, options = {}) {
  const parsed = parseCommandLine(argv);
  if (parsed.options) parsed.options = checkOptions({ ...parsed.options, ...options });
  const notes = [];
  const text = await execute(api, parsed, (line) => notes.push(line));
  return [...notes, text].join('\n');
}

/** The command line: help and wrong arguments without a node; exit status 0, 1 or 2. */
async function main(argv) {
  const usageError = (error, command) => {
    console.error(`error: ${error.message}`);
    console.error(command ? usageLine(command) : GENERAL_USAGE);
    console.error(`see: ${PROGRAM} help${command ? ` ${command}` : ''}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error, argv.find((a) => COMMANDS[a]));
    throw error;
  }
  if (parsed.help) {
    console.log(await execute(null, parsed));
    return 0;
  }
  let api;
  try {
    api = await connectOnce(parsed.options.ws);
    console.log(await execute(api, parsed, (line) => console.log(line)));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(error, parsed.command);
    console.error(`error: ${error.message}`);
    return 1;
  } finally {
    if (api) await api.disconnect();
  }
}

if (isMain(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
