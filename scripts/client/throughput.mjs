// Node throughput: pre-signs transactions from the six funded dev accounts, submits them all at
// once, then reads the blocks that include them and reports extrinsics per block and per second
// and the block weight they used, for each kind of transaction in turn:
//   transfer  keep-alive balance transfers of 1 DEX to fresh accounts
//   swap      single-hop exact-in swaps DEX -> a token, in a pool set up first
//   stake     stakes of LP tokens in a running farm, alternating with claims of its rewards
// Usage: node throughput.mjs [--per-sender N] [--json FILE] [kind...]   (default: every kind)
// The node at $DEX_WS (default ws://127.0.0.1:9944) must be a dev chain whose transaction pool
// holds every transaction at once (e.g. `--pool-limit 100000 --pool-kbytes 200000`).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { big, connect, findEvent, freeAssetId, isMain, signer, submit } from './lib.mjs';

const UNIT = 10n ** 12n;
const SENDERS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'];
const NATIVE = { Native: null };

/** Parses `--per-sender N`, `--json FILE` and the kinds to run. */
function parseArgs(argv) {
  const options = { perSender: 3000, json: null, kinds: [] };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--per-sender') options.perSender = Number(argv[(i += 1)]);
    else if (argv[i] === '--json') options.json = argv[(i += 1)];
    else options.kinds.push(argv[i]);
  }
  if (options.kinds.length === 0) options.kinds = ['transfer', 'swap', 'stake'];
  return options;
}

/** Signs `call` offline (no RPC per transaction): immortal, with an explicit nonce. */
function signOffline(api, call, pair, nonce) {
  return call.sign(pair, {
    blockHash: api.genesisHash,
    era: 0,
    genesisHash: api.genesisHash,
    nonce,
    runtimeVersion: api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
    tip: 0,
  }).toHex();
}

/** A pool DEX/token with deep liquidity and the token minted to every sender. */
async function setUpPool(api, senders) {
  const alice = senders[0];
  const id = await freeAssetId(api, 5000);
  const token = { WithId: id };
  await submit(api, api.tx.assets.create(id, alice.address, 1), alice);
  await submit(api, api.tx.assets.setMetadata(id, 'LOAD', 'LOAD', 12), alice);
  for (const sender of senders) {
    await submit(api, api.tx.assets.mint(id, sender.address, 10n ** 9n * UNIT), alice);
  }
  const created = await submit(api, api.tx.amm.createPool(NATIVE, token, null), alice);
  const lpToken = findEvent(created, 'amm', 'PoolCreated').data.lpToken.toNumber();
  await submit(api, api.tx.amm.addLiquidity(NATIVE, token, 100_000n * UNIT, 100_000n * UNIT, 0, 0, alice.address, null), alice);
  return { token, lpToken };
}

/** A farm on `lpToken` paying in the native token, with LP tokens in every sender's hands. */
async function setUpFarm(api, senders, token, lpToken) {
  const alice = senders[0];
  for (const sender of senders.slice(1)) {
    await submit(api, api.tx.amm.addLiquidity(NATIVE, token, 1_000n * UNIT, 1_000n * UNIT, 0, 0, sender.address, null), sender);
  }
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const createFarm = api.tx.liquidityMining.createFarm(lpToken, NATIVE, UNIT, best + 2, best + 100_000, 10n ** 6n * UNIT);
  const events = await submit(api, api.tx.sudo.sudo(createFarm), alice);
  return findEvent(events, 'liquidityMining', 'FarmCreated').data.farmId.toNumber();
}

/** Builds the calls of one kind for one sender: `count` of them, the `i`-th by `make(i)`. */
const callsOf = (count, make) => Array.from({ length: count }, (_, i) => make(i));

/** Submits every signed transaction, then follows new blocks until all are included. */
async function measure(api, kind, signed, matches) {
  const first = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
  const submitStarted = Date.now();
  const pending = [];
  for (const hex of signed) {
    pending.push(api.rpc.author.submitExtrinsic(hex));
    if (pending.length >= 500) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  const allInPool = Date.now();
  console.log(`[throughput] ${kind}: ${signed.length} transactions in the pool after ${((Date.now() - submitStarted) / 1000).toFixed(1)} s`);

  const maxNormal = big(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime);
  const blocks = [];
  let included = 0;
  let number = first;
  let idle = 0;
  while (included < signed.length && idle < 10) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (best < number) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    const hash = await api.rpc.chain.getBlockHash(number);
    const [block, at] = await Promise.all([api.rpc.chain.getBlock(hash), api.at(hash)]);
    const [weight, timestamp] = await Promise.all([at.query.system.blockWeight(), at.query.timestamp.now()]);
    const count = block.block.extrinsics.filter((ext) => ext.isSigned && matches(ext.method)).length;
    const normal = big(weight.normal.refTime);
    blocks.push({ number, count, timestamp: Number(timestamp.toString()), normalWeight: Number(normal), weightPercent: Number((normal * 10000n) / maxNormal) / 100 });
    console.log(`[throughput] ${kind}: block #${number}: ${count} extrinsics, ${blocks[blocks.length - 1].weightPercent}% of the normal weight`);
    included += count;
    idle = count === 0 ? idle + 1 : 0;
    number += 1;
  }
  // Full blocks: those built once every transaction was in the pool, but the last that carried
  // the kind (it gets the remainder).
  const carrying = blocks.filter((b) => b.count > 0);
  const full = carrying.slice(0, -1).filter((b) => b.timestamp >= allInPool);
  const perBlock = full.length ? full.reduce((sum, b) => sum + b.count, 0) / full.length : 0;
  const span = carrying.length > 1 ? (carrying[carrying.length - 1].timestamp - carrying[0].timestamp) / (carrying.length - 1) / 1000 : 6;
  const weightPercent = full.length ? full.reduce((sum, b) => sum + b.weightPercent, 0) / full.length : 0;
  return {
    kind,
    submitted: signed.length,
    included,
    fullBlocks: full.length,
    perBlock: Math.round(perBlock),
    blockTime: span,
    perSecond: Math.round(perBlock / span),
    weightPercent: Math.round(weightPercent * 100) / 100,
    fullBlockNumbers: full.map((b) => b.number),
  };
}

/** Runs the throughput measurement of every kind in `kinds` against the node at `endpoint`. */
export async function throughput(endpoint, { perSender = 3000, kinds = ['transfer', 'swap', 'stake'] } = {}) {
  const api = await connect(endpoint);
  try {
    const senders = SENDERS.map(signer);
    const needsPool = kinds.some((kind) => kind !== 'transfer');
    const pool = needsPool ? await setUpPool(api, senders) : null;
    const farm = kinds.includes('stake') ? await setUpFarm(api, senders, pool.token, pool.lpToken) : null;
    const results = [];
    for (const kind of kinds) {
      const signStarted = Date.now();
      const signed = [];
      for (const sender of senders) {
        const nonce = (await api.rpc.system.accountNextIndex(sender.address)).toNumber();
        const calls = callsOf(perSender, (i) => {
          if (kind === 'transfer') return api.tx.balances.transferKeepAlive(randomBytes(32), UNIT);
          if (kind === 'swap') return api.tx.amm.swapExactIn([NATIVE, pool.token], UNIT, 0, sender.address, true, null);
          if (kind === 'stake') return i % 2 === 0 ? api.tx.liquidityMining.stake(farm, UNIT / 1000n) : api.tx.liquidityMining.claim(farm, null);
          throw new Error(`unknown kind ${kind}`);
        });
        calls.forEach((call, i) => signed.push(signOffline(api, call, sender, nonce + i)));
      }
      console.log(`[throughput] ${kind}: signed ${signed.length} transactions in ${((Date.now() - signStarted) / 1000).toFixed(1)} s`);
      const section = { transfer: 'balances', swap: 'amm', stake: 'liquidityMining' }[kind];
      results.push(await measure(api, kind, signed, (method) => method.section === section));
    }
    return results;
  } finally {
    await api.disconnect();
  }
}

if (isMain(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  const results = await throughput(undefined, options);
  console.log('kind      full blocks  per block  per second  block time  normal weight used');
  for (const r of results) {
    console.log(`${r.kind.padEnd(10)}${String(r.fullBlocks).padStart(11)}${String(r.perBlock).padStart(11)}${String(r.perSecond).padStart(12)}${(r.blockTime.toFixed(1) + ' s').padStart(12)}${(r.weightPercent + '%').padStart(20)}`);
  }
  if (options.json) writeFileSync(options.json, JSON.stringify(results, null, 2));
  const ok = results.every((r) => r.included === r.submitted && r.fullBlocks > 0);
  process.exit(ok ? 0 : 1);
}
