#!/usr/bin/env node
// The DEX chain's command-line tool for liquidity providers and traders.
//
//   node scripts/client/dex.mjs <command> [arguments] [--as //Alice] [--ws ws://...]
//
// Commands (assets by symbol, e.g. DEX, USDT, WETH, or by id; amounts in whole tokens, e.g. 1.5):
//   pools                              every pool: reserves, price, fee, LP supply
//   farms                              every farm: LP token, reward, rate, stake, end
//   quote <amount> <from> <to> [via..] what a swap of <amount> <from> pays out
//   swap <amount> <from> <to> [via..]  swaps, with 0.5 % slippage allowed against the quote
//   add <amountA> <A> <amountB> <B>    adds liquidity (at most these amounts, 0.5 % slippage)
//   remove <lp> <A> <B>                burns <lp> LP tokens (or "all") of the pool of A and B
//   stake <farm> <lp>                  stakes LP tokens (or "all") in a farm
//   claim <farm>                       claims a farm's rewards
//   position <A> <B> [quote]           LP position: holdings, value, fees, impermanent loss
//   apr <farm> [quote]                 a farm's annual percentage rate
//   lock <lp> <A> <B> <blocks>         locks LP tokens (or "all") for <blocks> blocks
//   unlock <A> <B>                     clears an expired lock
//   lock-status <A> <B>                who seeded the pool and whether that liquidity is locked
//   transfer <amount> <asset> <to>     sends tokens to an address or dev URI (//Bob)
//   fee <asset>                        what a transfer's fee costs in <asset>
//
// The signer is --as (a dev URI such as //Bob), else $DEX_SEED (a seed phrase or URI), else
// //Alice. The node is --ws, else $DEX_WS, else ws://127.0.0.1:9944. Values are in the quote
// asset given, USDT by default. With --fee-in <asset>, transactions pay their fee in that asset
// (swapped through its pool with the native token).
import { connect, signer, submit, findEvent, big, isMain } from './lib.mjs';

const NATIVE = 'Native';
const Q64 = 1n << 64n;

/** Command-line errors the tool explains without a stack trace. */
export class UsageError extends Error {}

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
    list.push({ kind: { WithId: id }, id, symbol: meta.symbol.toUtf8(), decimals: meta.decimals.toNumber() });
  }
  const byKind = (kind) => {
    const json = kind.toJSON ? kind.toJSON() : kind;
    if (json === NATIVE || json === 'native' || (json && json.native === null)) return native;
    const id = Number(json.withId ?? json.WithId);
    return list.find((a) => a.id === id) || { kind: { WithId: id }, id, symbol: `#${id}`, decimals: 0 };
  };
  const find = (name) => {
    const upper = String(name).toUpperCase();
    const asset = /^\d+$/.test(name) ? list.find((a) => a.id === Number(name)) : list.find((a) => a.symbol.toUpperCase() === upper);
    if (!asset) throw new UsageError(`unknown asset "${name}" (known: ${list.map((a) => a.symbol).join(', ')})`);
    return asset;
  };
  return { list, native, byKind, find };
}

/** `text` (e.g. "1.5") in the smallest units of an asset with `decimals`. */
export function parseAmount(text, decimals) {
  if (!/^\d+(\.\d+)?$/.test(String(text))) throw new UsageError(`"${text}" is not an amount`);
  const [whole, fraction = ''] = String(text).split('.');
  if (fraction.length > decimals) throw new UsageError(`"${text}" has more than ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** `units` of an asset with `decimals` as a decimal string with at most `digits` decimals. */
export function formatAmount(units, decimals, digits = 6) {
  const value = BigInt(units);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const scale = 10n ** BigInt(decimals);
  const whole = (abs / scale).toLocaleString('en-US');
  let fraction = (abs % scale).toString().padStart(decimals, '0').slice(0, digits).replace(/0+$/, '');
  return sign + whole + (fraction ? `.${fraction}` : '');
}

/** A Q64.64 price of one smallest unit of `base` in `quote` units, as whole tokens per token, to
 * six significant digits. */
export function formatPrice(priceX64, base, quote) {
  const value = (Number(BigInt(priceX64)) / 2 ** 64) * 10 ** (base.decimals - quote.decimals);
  return value >= 1 ? value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : value.toPrecision(6);
}

/** Decimals of an LP token (from its metadata). */
export async function lpDecimals(api, lpToken) {
  return (await api.query.poolAssets.metadata(lpToken)).decimals.toNumber();
}

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Every pool, as the runtime API reports it, with its assets resolved. */
export async function pools(api, assets) {
  const list = await api.call.ammApi.pools();
  return Promise.all(list.map(async (p) => ({
    assets: [assets.byKind(p.assets[0]), assets.byKind(p.assets[1])],
    lpToken: p.lpToken.toNumber(),
    lpDecimals: await lpDecimals(api, p.lpToken.toNumber()),
    feeBps: p.feeBps.toNumber(),
    reserves: [big(p.reserves[0]), big(p.reserves[1])],
    lpSupply: big(p.lpSupply),
    account: p.account.toString(),
  })));
}

/** Every farm, as the runtime API reports it. */
export async function farms(api, assets) {
  const count = (await api.query.liquidityMining.nextFarmId()).toNumber();
  const result = [];
  for (let id = 0; id < count; id += 1) {
    const view = await api.call.liquidityMiningApi.farm(id);
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
      lockedUntil: f.initialLiquidityLockedUntil.isSome ? f.initialLiquidityLockedUntil.unwrap().toNumber() : null,
    });
  }
  return result;
}

/** Decoded position report of `who` in the pool of `a` and `b`, valued in `quote`. */
export async function position(api, who, a, b, quote) {
  const report = await api.call.ammApi.position(who, a.kind, b.kind, quote.kind);
  if (report.isNone) throw new UsageError(`there is no ${a.symbol}/${b.symbol} pool`);
  return report.unwrap();
}

/** Decoded APR report of a farm, valued in `quote`. */
export async function apr(api, farmId, quote) {
  const report = await api.call.liquidityMiningApi.farmApr(farmId, quote.kind);
  if (report.isNone) throw new UsageError(`farm ${farmId} does not exist, or its assets have no route to ${quote.symbol}`);
  return report.unwrap();
}

function lpSymbol(pool) {
  return `LP ${pool.assets[0].symbol}/${pool.assets[1].symbol}`;
}

async function quoteSwap(api, path, amount) {
  const quote = await api.call.ammApi.quoteExactIn(path.map((a) => a.kind), amount);
  if (quote.isNone) throw new UsageError(`no quote along ${path.map((a) => a.symbol).join(' → ')}: a pool is missing or too small`);
  return quote.unwrap();
}

async function findPool(api, assets, a, b) {
  const pool = (await pools(api, assets)).find((p) =>
    (p.assets[0] === a && p.assets[1] === b) || (p.assets[0] === b && p.assets[1] === a));
  if (!pool) throw new UsageError(`there is no ${a.symbol}/${b.symbol} pool`);
  return pool;
}

async function lpBalance(api, lpToken, who) {
  const account = await api.query.poolAssets.account(lpToken, who);
  return account.isSome ? big(account.unwrap().balance) : 0n;
}

/** `who`'s LP tokens of `lpToken` under a lock that has not expired at the best block. */
async function lpLocked(api, lpToken, who) {
  const lock = await api.query.amm.lpLocks(lpToken, who);
  if (lock.isNone) return 0n;
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  return lock.unwrap().until.toNumber() > best ? big(lock.unwrap().amount) : 0n;
}

/** What of `who`'s LP tokens of `lpToken` can move: its balance less any running lock. */
async function lpFree(api, lpToken, who) {
  return (await lpBalance(api, lpToken, who)) - (await lpLocked(api, lpToken, who));
}

/** An address, or the address of a dev URI such as //Bob. */
function address(text) {
  return text.startsWith('//') ? signer(text).address : text;
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
  if (quote.isNone) throw new UsageError(`${asset.symbol} cannot pay fees: it has no pool with the native token`);
  return { native, inAsset: big(quote.unwrap().amountIn) };
}

/** Runs one command; returns the text to print. */
export async function run(api, args, options = {}) {
  const assets = await loadAssets(api);
  const who = signer(options.as || process.env.DEX_SEED || '//Alice');
  const feeAsset = options['fee-in'] ? assets.find(options['fee-in']) : null;
  const send = (tx) => submit(api, tx, who, feeAsset && feeAsset.kind !== NATIVE ? { assetId: feeAsset.kind } : {});
  const [command, ...rest] = args;
  const need = (n, usage) => {
    if (rest.length < n) throw new UsageError(`usage: ${command} ${usage}`);
  };
  switch (command) {
    case 'pools': {
      const rows = (await pools(api, assets)).map((p) => {
        const [a, b] = p.assets;
        const price = p.reserves[0] === 0n ? '-' : formatPrice((p.reserves[1] * Q64) / p.reserves[0], a, b);
        return [`${a.symbol}/${b.symbol}`, `${formatAmount(p.reserves[0], a.decimals)} ${a.symbol}`,
          `${formatAmount(p.reserves[1], b.decimals)} ${b.symbol}`, `1 ${a.symbol} = ${price} ${b.symbol}`,
          `${(p.feeBps / 100).toFixed(2)} %`, p.lpToken, formatAmount(p.lpSupply, p.lpDecimals)];
      });
      return table(rows, ['pool', 'reserve', 'reserve', 'price', 'fee', 'LP token', 'LP supply']);
    }
    case 'farms': {
      const rows = await Promise.all((await farms(api, assets)).map(async (f) => [f.id, f.lpToken, f.reward.symbol,
        formatAmount(f.rewardPerBlock, f.reward.decimals), formatAmount(f.totalStaked, await lpDecimals(api, f.lpToken)),
        `${f.start}..${f.end}`, f.active ? 'yes' : 'no', formatAmount(f.remaining, f.reward.decimals),
        f.lockedUntil === null ? 'no' : `until ${f.lockedUntil}`]));
      return table(rows, ['farm', 'LP token', 'reward', 'per block', 'staked', 'blocks', 'active', 'remaining', 'seed LP locked']);
    }
    case 'quote': {
      need(3, '<amount> <from> <to> [via...]');
      const path = [rest[1], ...rest.slice(3), rest[2]].map(assets.find);
      const amount = parseAmount(rest[0], path[0].decimals);
      const q = await quoteSwap(api, path, amount);
      const out = path[path.length - 1];
      return `${rest[0]} ${path[0].symbol} → ${formatAmount(big(q.amountOut), out.decimals)} ${out.symbol}` +
        ` (price impact ${(q.priceImpactPpm.toNumber() / 10_000).toFixed(4)} %, path ${path.map((a) => a.symbol).join(' → ')})`;
    }
    case 'swap': {
      need(3, '<amount> <from> <to> [via...]');
      const path = [rest[1], ...rest.slice(3), rest[2]].map(assets.find);
      const amount = parseAmount(rest[0], path[0].decimals);
      const q = await quoteSwap(api, path, amount);
      const min = (big(q.amountOut) * 995n) / 1000n;
      const events = await send(api.tx.amm.swapExactIn(path.map((a) => a.kind), amount, min, who.address, true, null));
      const swapped = findEvent(events, 'amm', 'SwapExecuted');
      const out = path[path.length - 1];
      return `swapped ${rest[0]} ${path[0].symbol} for ${formatAmount(big(swapped.data.amountOut), out.decimals)} ${out.symbol} (block ${events.blockHash.toHex()})`;
    }
    case 'add': {
      need(4, '<amountA> <A> <amountB> <B>');
      const [a, b] = [assets.find(rest[1]), assets.find(rest[3])];
      const [amountA, amountB] = [parseAmount(rest[0], a.decimals), parseAmount(rest[2], b.decimals)];
      // What the pool will take at its current ratio (as the pallet computes it), less 0.5 %.
      const pool = await findPool(api, assets, a, b);
      const [ra, rb] = pool.assets[0] === a ? pool.reserves : [pool.reserves[1], pool.reserves[0]];
      let [takeA, takeB] = [amountA, amountB];
      if (ra > 0n && rb > 0n) {
        const matchB = (amountA * rb) / ra;
        [takeA, takeB] = matchB <= amountB ? [amountA, matchB] : [(amountB * ra) / rb, amountB];
      }
      const events = await send(api.tx.amm.addLiquidity(a.kind, b.kind, amountA, amountB,
        (takeA * 995n) / 1000n, (takeB * 995n) / 1000n, who.address, null));
      const added = findEvent(events, 'amm', 'LiquidityAdded');
      const decimals = await lpDecimals(api, added.data.lpToken.toNumber());
      return `added liquidity: ${formatAmount(big(added.data.lpMinted), decimals)} LP tokens (LP token ${added.data.lpToken})`;
    }
    case 'remove': {
      need(3, '<lp|all> <A> <B>');
      const [a, b] = [assets.find(rest[1]), assets.find(rest[2])];
      const pool = await findPool(api, assets, a, b);
      const lp = rest[0] === 'all' ? await lpFree(api, pool.lpToken, who.address) : parseAmount(rest[0], pool.lpDecimals);
      if (lp === 0n) throw new UsageError(`${who.address} holds no unlocked ${lpSymbol(pool)}`);
      // The pool's share for `lp` now, less 0.5 %, in the caller's asset order.
      const share = (reserve) => ((lp * reserve) / pool.lpSupply) * 995n / 1000n;
      const [minX, minY] = [share(pool.reserves[0]), share(pool.reserves[1])];
      const [minA, minB] = pool.assets[0] === a ? [minX, minY] : [minY, minX];
      const events = await send(api.tx.amm.removeLiquidity(a.kind, b.kind, lp, minA, minB, who.address, null));
      const removed = findEvent(events, 'amm', 'LiquidityRemoved');
      const [x, y] = pool.assets;
      return `removed ${formatAmount(lp, pool.lpDecimals)} LP: ${formatAmount(big(removed.data.amount1), x.decimals)} ${x.symbol} + ${formatAmount(big(removed.data.amount2), y.decimals)} ${y.symbol}`;
    }
    case 'stake': {
      need(2, '<farm> <lp|all>');
      const farmId = Number(rest[0]);
      const farm = (await farms(api, assets)).find((f) => f.id === farmId);
      if (!farm) throw new UsageError(`farm ${rest[0]} does not exist`);
      const decimals = await lpDecimals(api, farm.lpToken);
      const lp = rest[1] === 'all' ? await lpFree(api, farm.lpToken, who.address) : parseAmount(rest[1], decimals);
      if (lp === 0n) throw new UsageError(`nothing to stake: ${who.address} holds no unlocked LP token ${farm.lpToken}`);
      await send(api.tx.liquidityMining.stake(farmId, lp));
      return `staked ${formatAmount(lp, decimals)} of LP token ${farm.lpToken} in farm ${farmId}`;
    }
    case 'claim': {
      need(1, '<farm>');
      const events = await send(api.tx.liquidityMining.claim(Number(rest[0]), null));
      const claimed = findEvent(events, 'liquidityMining', 'Claimed');
      return `claimed ${claimed.data.amount.toString()} reward units from farm ${rest[0]}`;
    }
    case 'position': {
      need(2, '<A> <B> [quote]');
      const [a, b] = [assets.find(rest[0]), assets.find(rest[1])];
      const quote = assets.find(rest[2] || 'USDT');
      const p = await position(api, who.address, a, b, quote);
      const [x, y] = [assets.byKind(p.assets[0]), assets.byKind(p.assets[1])];
      const lpd = await lpDecimals(api, p.lpToken.toNumber());
      const lines = [
        `position of ${who.address} in ${x.symbol}/${y.symbol} (LP token ${p.lpToken})`,
        table([
          ['LP tokens', `${formatAmount(big(p.lpFree), lpd)} in the account + ${formatAmount(big(p.lpStaked), lpd)} staked`],
          ['locked (of those in the account)', formatAmount(big(p.lpLocked), lpd)],
          ['with a deposit basis', formatAmount(big(p.lpWithBasis), lpd)],
          ['without (transferred in)', formatAmount(big(p.lpWithoutBasis), lpd)],
          ['holds', `${formatAmount(big(p.underlying[0]), x.decimals)} ${x.symbol} + ${formatAmount(big(p.underlying[1]), y.decimals)} ${y.symbol}`],
          ['deposited', `${formatAmount(big(p.deposited[0]), x.decimals)} ${x.symbol} + ${formatAmount(big(p.deposited[1]), y.decimals)} ${y.symbol}`],
        ], ['holdings', '']),
      ];
      if (p.valuation.isNone) {
        lines.push(`no valuation: ${x.symbol} or ${y.symbol} has no route of pools to ${quote.symbol}`);
      } else {
        const v = p.valuation.unwrap();
        const q = (units) => `${formatAmount(big(units), quote.decimals)} ${quote.symbol}`;
        lines.push(table([
          ['value', q(v.value)],
          ['value of the deposits now', q(v.basisValue)],
          ['fees earned', q(v.feesEarned)],
          ['had they been held', q(v.holdValue)],
          ['impermanent loss (fees excluded)', `${q(v.impermanentLoss)} (${(Number(v.impermanentLossPpm.toString()) / 10_000).toFixed(4)} %)`],
        ], [`in ${quote.symbol}`, '']));
      }
      return lines.join('\n');
    }
    case 'apr': {
      need(1, '<farm> [quote]');
      const quote = assets.find(rest[1] || 'USDT');
      const r = await apr(api, Number(rest[0]), quote);
      const q = (units) => `${formatAmount(big(units), quote.decimals)} ${quote.symbol}`;
      const rate = r.aprPpm.isSome ? `${(Number(r.aprPpm.unwrap().toString()) / 10_000).toFixed(2)} %` : 'none: nothing is staked';
      return table([
        ['APR', rate],
        ['rewards a year', q(r.yearlyRewardsValue)],
        ['staked', q(r.stakedValue)],
        ['rewards still to emit', q(r.remainingRewardsValue)],
      ], [`farm ${rest[0]} in ${quote.symbol}`, '']);
    }
    case 'lock': {
      need(4, '<lp|all> <A> <B> <blocks>');
      const [a, b] = [assets.find(rest[1]), assets.find(rest[2])];
      const pool = await findPool(api, assets, a, b);
      // "all" locks whatever a running lock does not cover yet (a lock adds to a running one).
      const lp = rest[0] === 'all' ? await lpFree(api, pool.lpToken, who.address) : parseAmount(rest[0], pool.lpDecimals);
      if (!/^\d+$/.test(rest[3]) || Number(rest[3]) === 0) throw new UsageError(`"${rest[3]}" is not a number of blocks`);
      const now = (await api.rpc.chain.getHeader()).number.toNumber();
      // Counted from the block the transaction is likely to land in.
      const until = now + 1 + Number(rest[3]);
      const events = await send(api.tx.amm.lockLpTokens(a.kind, b.kind, lp, until));
      const locked = findEvent(events, 'amm', 'LpTokensLocked');
      return `locked ${formatAmount(big(locked.data.totalLocked), pool.lpDecimals)} ${lpSymbol(pool)} until block ${locked.data.until}`;
    }
    case 'unlock': {
      need(2, '<A> <B>');
      const events = await send(api.tx.amm.unlockLpTokens(assets.find(rest[0]).kind, assets.find(rest[1]).kind));
      const unlocked = findEvent(events, 'amm', 'LpTokensUnlocked');
      return `cleared the lock on ${unlocked.data.amount} LP units`;
    }
    case 'lock-status': {
      need(2, '<A> <B>');
      const [a, b] = [assets.find(rest[0]), assets.find(rest[1])];
      const pool = await findPool(api, assets, a, b);
      const status = await api.call.ammApi.initialLiquidity(a.kind, b.kind);
      if (status.isNone) return `${lpSymbol(pool)}: no liquidity yet`;
      const s = status.unwrap();
      return table([
        ['seeded by', s.provider.toString()],
        ['seed LP tokens', formatAmount(big(s.lpMinted), pool.lpDecimals)],
        ['locked now', formatAmount(big(s.locked), pool.lpDecimals)],
        ['locked until', s.lockedUntil.isSome ? `block ${s.lockedUntil.unwrap()}` : '-'],
        ['all of the seed locked', s.fullyLocked.isTrue ? 'yes' : 'no'],
        ['share of all LP tokens locked', `${(s.lockedSharePpm.toNumber() / 10_000).toFixed(4)} %`],
      ], [lpSymbol(pool), '']);
    }
    case 'transfer': {
      need(3, '<amount> <asset> <to>');
      const asset = assets.find(rest[1]);
      const amount = parseAmount(rest[0], asset.decimals);
      const to = address(rest[2]);
      const tx = asset.kind === NATIVE
        ? api.tx.balances.transferKeepAlive(to, amount)
        : api.tx.assets.transferKeepAlive(asset.id, to, amount);
      const events = await send(tx);
      const paid = events.find((e) => e.section === 'assetTxPayment' && e.method === 'AssetTxFeePaid');
      const fee = paid
        ? `${formatAmount(big(paid.data.actualFee), feeAsset.decimals, feeAsset.decimals)} ${feeAsset.symbol}`
        : `${formatAmount(big(findEvent(events, 'transactionPayment', 'TransactionFeePaid').data.actualFee), assets.native.decimals, assets.native.decimals)} ${assets.native.symbol}`;
      return `sent ${rest[0]} ${asset.symbol} to ${to}; fee ${fee}`;
    }
    case 'fee': {
      need(1, '<asset>');
      const asset = assets.find(rest[0]);
      const tx = api.tx.balances.transferKeepAlive(who.address, 1n);
      const { native, inAsset } = await feeQuote(api, tx, who.address, asset);
      return `a transfer's fee: ${formatAmount(native, assets.native.decimals, assets.native.decimals)} ${assets.native.symbol}` +
        (asset.kind === NATIVE ? '' : ` = ${formatAmount(inAsset, asset.decimals, asset.decimals)} ${asset.symbol} through the ${asset.symbol}/${assets.native.symbol} pool`);
    }
    default:
      throw new UsageError(`unknown command "${command ?? ''}": pools, farms, quote, swap, add, remove, stake, claim, position, apr, lock, unlock, lock-status, transfer, fee`);
  }
}

/** Splits `--as X`, `--ws X` and `--fee-in X` from the arguments. */
function parseOptions(argv) {
  const args = [];
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    if (['--as', '--ws', '--fee-in'].includes(argv[i])) options[argv[i].slice(2)] = argv[++i];
    else args.push(argv[i]);
  }
  return { args, options };
}

if (isMain(import.meta.url)) {
  const { args, options } = parseOptions(process.argv.slice(2));
  let api;
  try {
    api = await connect(options.ws);
    console.log(await run(api, args, options));
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } finally {
    if (api) await api.disconnect();
  }
}
