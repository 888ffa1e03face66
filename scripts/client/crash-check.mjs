// Helper of scripts/crash-recovery.sh, against the node at $DEX_WS. Three modes:
//
//   node crash-check.mjs prepare SAVED
//     Creates a token and a DEX/token pool with deep liquidity, funds the load senders (ed25519
//     accounts //crash-load//0..N-1, from Alice and Bob), waits until all of it is finalized and
//     writes the pool, that block's hash and number and the pool's reserves there to SAVED.
//
//   node crash-check.mjs load SAVED STATUS
//     The load client: keeps the blocks full of single-hop swaps DEX -> token from the senders,
//     signed offline and submitted ahead of need, so that the pool holds more than a block takes
//     (1.7 blocks' worth after each block, at most 8000). It follows best and finalized blocks and
//     rewrites STATUS (JSON, atomically) on each: the last best and finalized notifications, the
//     last best block it read (how full, how many swaps) and whether the load is on, and the last
//     finalized block it checked and the last one of those full of swaps (hash, extrinsics root,
//     extrinsic count, the pool's reserves there). Every finalized block's events are read:
//     `system.ExtrinsicFailed` beyond 2 + 0.1% of the included extrinsics is a failure, and so is
//     a submission refused for any reason but a full pool ("Immediately Dropped") or the connection
//     lost with the node, and three best blocks in a row that take none of the swaps waiting (the
//     pool dropped what it had accepted). When the node goes away it reconnects (trying for at most
//     $CRASH_RECONNECT_SECONDS, default 120) and goes on from the nonces the node reports. Exits 1
//     at the first failure or after $CRASH_LOAD_MAX_SECONDS (default 900), 0 on SIGTERM otherwise.
//
//   node crash-check.mjs verify SAVED SNAPSHOT ROUND KILL_OFFSET_MS KILL_AT_MS UP_AT_MS
//     After a restart on the same base path, with SNAPSHOT the load client's STATUS as it was when
//     the node was killed: the finalized head is at or past the last finalized notification before
//     the kill; that block, and the checked blocks of SNAPSHOT, are still the chain's blocks at
//     their heights, the latter with the same extrinsics root, number of extrinsics and pool
//     reserves; the block and reserves of SAVED are unchanged; best and finalized blocks advance
//     past where the node restarted (within 60 s). Prints one line for the round (and one per
//     failed check) and exits non-zero on a failure.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { SIGNED_EXTENSIONS, big, chainError, findEvent, freeAssetId, signer, submit } from './lib.mjs';

const UNIT = 10n ** 12n;
const NATIVE = { Native: null };
const ENDPOINT = process.env.DEX_WS || 'ws://127.0.0.1:9944';
/** Load senders: ed25519, whose signatures cost a fifth of sr25519's in JavaScript. */
const SENDERS = Number(process.env.CRASH_SENDERS || 48);
const SENDER_FUNDS = 5_000n * UNIT;
const SWAP_IN = UNIT / 10n;
/** A best block whose normal-class weight is at least this share of the limit counts as full. */
const FULL_PERCENT = 90;
/**
 * The load counts as on (STATUS `loaded`) once a block authored in this session used at least this
 * share and the pool holds another block's worth; on a busy machine the proposer's deadline can
 * cut a block short of the limit.
 */
const LOADED_PERCENT = 75;
/**
 * At most this many swaps waiting in the pool. The node's pool may hold all of them as future
 * transactions at once (it resubmits its transactions to a new block's view in no particular
 * order), so its future limit, a tenth of --pool-limit, must be above this (the script gives
 * 100,000).
 */
const MAX_WAITING = 8000;
/** Failed extrinsics tolerated: this many, plus one per thousand included. */
const FAILED_TOLERANCE = 2;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// @polkadot/api logs every request that fails, and with the node killed under load that is
// thousands of lines a round; the callers here see the same errors and judge them.
for (const method of ['log', 'warn', 'error']) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const text = args.map(String).join(' ');
    if (/RPC-CORE:|API-WS:|Failed WS Request/.test(text)) return;
    original(...args);
  };
}
const log = (...args) => console.log('[crash]', ...args);

/** `promise`, or a rejection naming `what` after `ms`. */
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects once, without automatic reconnection (a session ends with its connection): resolves
 * with `{ api, provider }` or rejects within `timeoutMs`.
 */
async function open(timeoutMs = 15_000) {
  const provider = new WsProvider(ENDPOINT, false, {}, 30_000);
  try {
    await within(timeoutMs, `connecting to ${ENDPOINT}`, new Promise((resolve, reject) => {
      const offConnected = provider.on('connected', () => { offConnected(); offError(); resolve(); });
      const offError = provider.on('error', (e) => {
        offConnected(); offError();
        reject(new Error(e?.message || e?.error?.message || 'connection refused'));
      });
      provider.connect().catch(reject);
    }));
    const api = await within(timeoutMs, 'reading the metadata', ApiPromise.create({
      provider, noInitWarn: true, throwOnConnect: true, signedExtensions: SIGNED_EXTENSIONS,
    }));
    return { api, provider };
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw error;
  }
}

const loadSenders = () => {
  const keyring = new Keyring({ type: 'ed25519', ss58Format: 42 });
  return Array.from({ length: SENDERS }, (_, i) => keyring.addFromUri(`//crash-load//${i}`));
};

async function finalizedHeader(api) {
  return api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
}

async function poolReserves(api, hash, token) {
  const pool = (await (await api.at(hash)).call.ammApi.pool(NATIVE, token)).unwrap();
  return [big(pool.reserves[0]).toString(), big(pool.reserves[1]).toString()];
}

/**
 * A reader of `System.Events` as stored (SCALE bytes) that finds each record's phase and event
 * without building objects: full decoding by @polkadot/api takes about 1.5 s for the 20,000
 * events of a full block here, this takes a few milliseconds. It walks the types of the runtime's
 * metadata, so it follows the runtime's event layout. Returns a function of the bytes giving the
 * number of events and of extrinsics (ExtrinsicSuccess and ExtrinsicFailed events) and the
 * indices of the failed extrinsics.
 */
function eventScanner(api) {
  const metadata = api.runtimeMetadata.asLatest;
  const { lookup } = metadata;
  const compactLength = (u, o) => [1, 2, 4, (u[o] >> 2) + 5][u[o] & 3];
  const compactValue = (u, o) => {
    switch (u[o] & 3) {
      case 0: return u[o] >> 2;
      case 1: return (u[o] | (u[o + 1] << 8)) >> 2;
      case 2: return Math.floor((u[o] + u[o + 1] * 2 ** 8 + u[o + 2] * 2 ** 16 + u[o + 3] * 2 ** 24) / 4);
      default: throw new Error('a length beyond 2^30 in the events');
    }
  };
  const PRIMITIVES = { Bool: 1, Char: 4, U8: 1, I8: 1, U16: 2, I16: 2, U32: 4, I32: 4, U64: 8, I64: 8, U128: 16, I128: 16, U256: 32, I256: 32 };
  const sizes = new Map(); // type id -> fixed encoded size, or null when it varies
  const fixedSize = (id) => {
    if (sizes.has(id)) return sizes.get(id);
    sizes.set(id, null); // recursive types vary
    const { def } = lookup.getSiType(id);
    const sum = (ids) => ids.reduce((total, t) => (total === null || fixedSize(t) === null ? null : total + fixedSize(t)), 0);
    let size = null;
    if (def.isComposite) size = sum(def.asComposite.fields.map((f) => f.type.toNumber()));
    else if (def.isTuple) size = sum(def.asTuple.map((t) => t.toNumber()));
    else if (def.isArray) size = fixedSize(def.asArray.type.toNumber()) === null ? null : def.asArray.len.toNumber() * fixedSize(def.asArray.type.toNumber());
    else if (def.isPrimitive) size = PRIMITIVES[def.asPrimitive.type] ?? null;
    sizes.set(id, size);
    return size;
  };
  const skippers = new Map(); // type id -> (bytes, offset) => offset after the value
  const skipper = (id) => {
    if (skippers.has(id)) return skippers.get(id);
    let skip;
    skippers.set(id, (u, o) => skip(u, o));
    const size = fixedSize(id);
    const { def } = lookup.getSiType(id);
    const all = (ids) => {
      const parts = ids.map(skipper);
      return (u, o) => { for (const part of parts) o = part(u, o); return o; };
    };
    if (size !== null) skip = (u, o) => o + size;
    else if (def.isComposite) skip = all(def.asComposite.fields.map((f) => f.type.toNumber()));
    else if (def.isTuple) skip = all(def.asTuple.map((t) => t.toNumber()));
    else if (def.isVariant) {
      const variants = new Map(def.asVariant.variants.map((v) => [v.index.toNumber(), all(v.fields.map((f) => f.type.toNumber()))]));
      skip = (u, o) => {
        const fields = variants.get(u[o]);
        if (!fields) throw new Error(`variant ${u[o]} of type ${id} is not in the metadata`);
        return fields(u, o + 1);
      };
    } else if (def.isSequence || def.isArray) {
      const element = skipper((def.isSequence ? def.asSequence : def.asArray).type.toNumber());
      const fixedLen = def.isArray ? def.asArray.len.toNumber() : null;
      skip = (u, o) => {
        let n = fixedLen;
        if (n === null) { n = compactValue(u, o); o += compactLength(u, o); }
        for (let i = 0; i < n; i += 1) o = element(u, o);
        return o;
      };
    } else if (def.isPrimitive && def.asPrimitive.type === 'Str') skip = (u, o) => o + compactLength(u, o) + compactValue(u, o);
    else if (def.isCompact) skip = (u, o) => o + compactLength(u, o);
    else if (def.isBitSequence) {
      const store = fixedSize(def.asBitSequence.bitStoreType.toNumber());
      skip = (u, o) => o + compactLength(u, o) + Math.ceil(compactValue(u, o) / (8 * store)) * store;
    } else throw new Error(`type ${id} (${def.type}) cannot be read from the events`);
    return skippers.get(id);
  };
  const vecId = api.query.system.events.creator.meta.type.asPlain.toNumber();
  const [phaseField, eventField, topicsField] = lookup.getSiType(lookup.getSiType(vecId).def.asSequence.type).def.asComposite.fields;
  const [skipPhase, skipEvent, skipTopics] = [phaseField, eventField, topicsField].map((f) => skipper(f.type.toNumber()));
  const system = metadata.pallets.find((p) => p.name.toString() === 'System').index.toNumber();
  const systemEvents = lookup.getSiType(lookup.getSiType(eventField.type.toNumber()).def.asVariant.variants
    .find((v) => v.index.toNumber() === system).fields[0].type).def.asVariant.variants;
  const indexOf = (name) => systemEvents.find((v) => v.name.toString() === name).index.toNumber();
  const [success, failure] = [indexOf('ExtrinsicSuccess'), indexOf('ExtrinsicFailed')];
  return (u) => {
    const events = compactValue(u, 0);
    let o = compactLength(u, 0);
    let extrinsics = 0;
    const failed = [];
    for (let i = 0; i < events; i += 1) {
      const applying = u[o] === 0; // Phase::ApplyExtrinsic(u32)
      const index = applying ? u[o + 1] | (u[o + 2] << 8) | (u[o + 3] << 16) | (u[o + 4] << 24) : null;
      o = skipPhase(u, o);
      const [pallet, method] = [u[o], u[o + 1]];
      o = skipTopics(u, skipEvent(u, o));
      if (applying && pallet === system && (method === success || method === failure)) {
        extrinsics += 1;
        if (method === failure) failed.push(index);
      }
    }
    if (o !== u.length) throw new Error(`events scan ended at byte ${o} of ${u.length}`);
    return { events, extrinsics, failed };
  };
}

// --- prepare -------------------------------------------------------------------------------------

async function prepare(file) {
  const { api } = await open();
  const alice = signer('//Alice');
  const bob = signer('//Bob');
  const id = await freeAssetId(api, 7000);
  const token = { WithId: id };
  const senders = loadSenders();
  // Everything at once, with explicit nonces, so it lands in one or two blocks.
  let aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  let bobNonce = (await api.rpc.system.accountNextIndex(bob.address)).toNumber();
  const txs = [
    submit(api, api.tx.assets.create(id, alice.address, 1), alice, { nonce: aliceNonce++ }),
    submit(api, api.tx.assets.mint(id, alice.address, 10n ** 9n * UNIT), alice, { nonce: aliceNonce++ }),
    submit(api, api.tx.amm.createPool(NATIVE, token, null), alice, { nonce: aliceNonce++ }),
  ];
  const added = submit(api, api.tx.amm.addLiquidity(NATIVE, token, 100_000n * UNIT, 100_000n * UNIT, 0, 0, alice.address, null), alice, { nonce: aliceNonce++ });
  txs.push(added);
  senders.forEach((sender, i) => {
    const [from, nonce] = i % 2 === 0 ? [alice, aliceNonce++] : [bob, bobNonce++];
    txs.push(submit(api, api.tx.balances.transferKeepAlive(sender.address, SENDER_FUNDS), from, { nonce }));
  });
  const results = await within(90_000, 'setting up the pool and the senders', Promise.all(txs));
  findEvent(await added, 'amm', 'LiquidityAdded');
  const numbers = await Promise.all(results.map(async (r) => (await api.rpc.chain.getHeader(r.blockHash)).number.toNumber()));
  const last = Math.max(...numbers);
  const number = numbers[3];
  const hash = results[3].blockHash.toHex();
  const deadline = Date.now() + 60_000;
  while ((await finalizedHeader(api)).number.toNumber() < last) {
    if (Date.now() > deadline) throw new Error(`block #${last} not finalized within 60 s`);
    await sleep(500);
  }
  const reserves = await poolReserves(api, hash, token);
  writeFileSync(file, JSON.stringify({ token, hash, number, reserves }));
  log(`pool DEX/${id} finalized at #${number} (reserves ${reserves.join('/')}), ${SENDERS} senders funded by #${last}`);
  await api.disconnect();
}

// --- load ----------------------------------------------------------------------------------------

const CONNECTION_LOST = /disconnected|not connected|WebSocket|1006|Abnormal Closure|socket|ECONNRE|closed/i;
const POOL_FULL = /Immediately Dropped|1016/;

async function load(savedFile, statusFile) {
  const saved = JSON.parse(readFileSync(savedFile, 'utf8'));
  const senders = loadSenders();
  const maxSeconds = Number(process.env.CRASH_LOAD_MAX_SECONDS || 900);
  const reconnectSeconds = Number(process.env.CRASH_RECONNECT_SECONDS || 120);
  const totals = { submitted: 0, included: 0, failed: 0, poolFull: 0, connectionLost: 0, checkedBlocks: 0, fullBlocks: 0 };
  const status = { pid: process.pid, session: 0, connected: false, totals };
  let stopping = false;
  let fatal = null;
  let wake = () => {};

  const writeStatus = () => {
    status.updatedAt = Date.now();
    writeFileSync(`${statusFile}.tmp`, JSON.stringify(status));
    renameSync(`${statusFile}.tmp`, statusFile);
  };
  const fail = (message) => {
    if (!fatal) {
      fatal = message;
      console.error(`[crash] load FAIL: ${message}`);
    }
    wake();
  };
  process.on('SIGTERM', () => { stopping = true; wake(); });
  process.on('SIGINT', () => { stopping = true; wake(); });
  const started = Date.now();
  setTimeout(() => fail(`still running after ${maxSeconds} s`), maxSeconds * 1000).unref();
  writeStatus();

  let checkedUpTo = null; // highest finalized block whose events were read, across sessions
  let scanVerified = false;
  let disconnectedAt = Date.now();
  while (!stopping && !fatal) {
    let session;
    try {
      session = await open(10_000);
    } catch (error) {
      if (Date.now() - disconnectedAt > reconnectSeconds * 1000) {
        fail(`no node to reconnect to for ${reconnectSeconds} s (${error.message})`);
        break;
      }
      await sleep(500);
      continue;
    }
    status.session += 1;
    status.connected = true;
    try {
      await runSession(session);
    } catch (error) {
      if (session.provider.isConnected && !stopping) fail(`load session: ${error.stack || error.message}`);
    }
    status.connected = false;
    disconnectedAt = Date.now();
    writeStatus();
    await session.api.disconnect().catch(() => {});
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  log(`load: ${totals.submitted} swaps submitted, ${totals.included} included in ${totals.checkedBlocks} finalized blocks ` +
    `(${totals.fullBlocks} full best blocks), ${totals.failed} failed, ${totals.poolFull} refused by a full pool, ` +
    `${totals.connectionLost} lost with the connection, ${status.session} sessions in ${seconds} s`);
  process.exit(fatal ? 1 : 0);

  /** One connection's life: load and checks until the node goes away, a failure or SIGTERM. */
  async function runSession({ api, provider }) {
    const ended = new Promise((resolve) => {
      wake = resolve;
      provider.on('disconnected', resolve);
      provider.on('error', resolve);
    });
    const maxNormal = big(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime);
    const addresses = senders.map((s) => s.address);
    // Every sender goes on from the next nonce the node knows of (on chain, or in its pool if the
    // connection dropped without a restart).
    const nonces = await Promise.all(addresses.map(async (a) => (await api.rpc.system.accountNextIndex(a)).toNumber()));
    const gapped = new Set(); // senders with a refused transaction: their later ones wait forever
    const swap = senders.map((s) => api.tx.amm.swapExactIn([NATIVE, saved.token], SWAP_IN, 0, s.address, true, null).method);
    const signOptions = (nonce) => ({
      blockHash: api.genesisHash, era: 0, genesisHash: api.genesisHash, nonce,
      runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions, tip: 0,
    });
    let perBlock = 3000; // swaps a full block takes (learned from the blocks)
    let lastOnChain = null;
    let firstBest = null; // the best block when the session began (authored before it)
    let starved = 0; // blocks in a row that took none of the swaps waiting
    status.loaded = false;
    const eventsKey = api.query.system.events.key();
    const scanEvents = eventScanner(api);

    /** A submission error: expected (full pool, connection lost in a kill) or a failure. */
    const refused = async (i, error) => {
      const message = error?.message || String(error);
      if (POOL_FULL.test(message)) {
        totals.poolFull += 1;
        gapped.add(i);
        return;
      }
      if (CONNECTION_LOST.test(message)) {
        // Expected only if the connection really goes (the node was killed) within 3 s.
        for (let t = 0; t < 30 && provider.isConnected; t += 1) await sleep(100);
        if (!provider.isConnected) { totals.connectionLost += 1; return; }
      }
      fail(`submission refused: ${message}`);
    };

    /** Swaps submitted by senders without a refused one and not yet in the best block. */
    const waiting = (onChain) => senders.reduce((sum, _, i) => (gapped.has(i) ? sum : sum + nonces[i] - onChain[i]), 0);

    /** Tops the pool up to `target` swaps waiting, signing offline and submitting in chunks. */
    const topUp = async (onChain) => {
      const target = Math.min(Math.round(perBlock * 1.7), MAX_WAITING);
      let missing = target - waiting(onChain);
      const active = senders.map((_, i) => i).filter((i) => !gapped.has(i));
      if (active.length === 0) { fail('every sender has a refused transaction'); return; }
      const inFlight = [];
      for (let k = 0; missing > 0 && provider.isConnected && !fatal && !stopping; k += 1, missing -= 1) {
        const i = active[k % active.length];
        const hex = api.tx(swap[i]).sign(senders[i], signOptions(nonces[i])).toHex();
        nonces[i] += 1;
        totals.submitted += 1;
        inFlight.push(provider.send('author_submitExtrinsic', [hex]).then(() => {}, (error) => refused(i, error)));
        if (inFlight.length >= 250) {
          await Promise.all(inFlight.splice(0));
        }
      }
      await Promise.all(inFlight);
      status.pending = waiting(onChain);
    };

    /** On a new best block: how full it was, how much it took, then the pool topped up. */
    const onBest = async (header) => {
      const hash = header.hash.toHex();
      const number = header.number.toNumber();
      const at = await api.at(hash);
      const [weight, accounts] = await Promise.all([at.query.system.blockWeight(), at.query.system.account.multi(addresses)]);
      const onChain = accounts.map((a) => a.nonce.toNumber());
      // Swaps in this block: the senders' nonces since its parent (if that was the last one read).
      const took = lastOnChain && lastOnChain.number === number - 1 ? onChain.reduce((sum, n, i) => sum + n - lastOnChain.nonces[i], 0) : null;
      lastOnChain = { number, nonces: onChain };
      const weightPercent = Number((big(weight.normal.refTime) * 10000n) / maxNormal) / 100;
      if (weightPercent >= FULL_PERCENT) {
        totals.fullBlocks += 1;
        if (took > perBlock) perBlock = took;
      }
      if (firstBest === null) firstBest = number;
      // Blocks that took none of the swaps the pool should hold: after three in a row the pool has
      // lost them (submitted, accepted, then dropped), and the load is off.
      const waitingBefore = waiting(onChain);
      starved = took === 0 && waitingBefore >= perBlock ? starved + 1 : 0;
      if (starved >= 3) fail(`${starved} blocks in a row (up to #${number}) took none of the ${waitingBefore} swaps submitted and not included: the pool dropped them`);
      status.best = { number, hash, weightPercent, swaps: took, at: Date.now() };
      await topUp(onChain);
      status.loaded = number > firstBest && weightPercent >= LOADED_PERCENT && status.pending >= perBlock;
      writeStatus();
    };

    /** On a finalized block: every block up to it checked (events, extrinsics, the pool's reserves). */
    const onFinalized = async (header) => {
      const number = header.number.toNumber();
      if (checkedUpTo === null) checkedUpTo = number - 1;
      for (let n = checkedUpTo + 1; n <= number && !fatal; n += 1) {
        const hash = (n === number ? header.hash : await api.rpc.chain.getBlockHash(n)).toHex();
        const [raw, blockHeader, reserves] = await Promise.all([
          provider.send('state_getStorage', [eventsKey, hash]),
          api.rpc.chain.getHeader(hash),
          poolReserves(api, hash, saved.token),
        ]);
        const { extrinsics, failed, events } = scanEvents(Buffer.from(raw.slice(2), 'hex'));
        if (!scanVerified && events > 1000) {
          // Once: the fast scan must agree with @polkadot/api's full decoding of the same block.
          const full = await (await api.at(hash)).query.system.events();
          const count = (method) => full.filter(({ event, phase }) => phase.isApplyExtrinsic && event.section === 'system' && event.method === method).length;
          const agreed = full.length === events && count('ExtrinsicSuccess') + count('ExtrinsicFailed') === extrinsics &&
            count('ExtrinsicFailed') === failed.length;
          if (!agreed) throw new Error(`event scan of #${n} disagrees with @polkadot/api's decoding`);
          scanVerified = true;
        }
        if (failed.length > 0) {
          const full = await (await api.at(hash)).query.system.events();
          let shown = totals.failed; // the first five failures are shown
          for (const { event, phase } of full) {
            if (phase.isApplyExtrinsic && event.section === 'system' && event.method === 'ExtrinsicFailed' && shown < 5) {
              shown += 1;
              console.error(`[crash] load: extrinsic ${phase.asApplyExtrinsic} of #${n} failed: ${chainError(api, event.data[0]).message}`);
            }
          }
        }
        totals.failed += failed.length;
        totals.included += extrinsics;
        totals.checkedBlocks += 1;
        checkedUpTo = n;
        status.checked = {
          number: n, hash, extrinsicsRoot: blockHeader.extrinsicsRoot.toHex(), extrinsics, failed: failed.length, reserves,
        };
        // The last finalized block that carried the load (the first after a restart may not).
        if (extrinsics > 1000) status.checkedLoaded = status.checked;
        if (totals.failed > FAILED_TOLERANCE + totals.included / 1000) {
          fail(`${totals.failed} extrinsics failed in ${totals.included} included (tolerance ${FAILED_TOLERANCE} + 0.1%)`);
        }
      }
      writeStatus();
    };

    // Handlers run one at a time per kind; a notification that arrives meanwhile is kept (the
    // newest one) and handled next.
    const serial = (handler) => {
      let running = false;
      let next = null;
      const run = async () => {
        running = true;
        while (next && !fatal && !stopping) {
          const item = next;
          next = null;
          try {
            await handler(item);
          } catch (error) {
            if (provider.isConnected && !stopping) fail(`${handler.name}: ${error.stack || error.message}`);
          }
        }
        running = false;
      };
      return (item) => { next = item; if (!running) run(); };
    };
    const best = serial(onBest);
    const finalized = serial(onFinalized);
    const unsubscribe = await Promise.all([
      api.rpc.chain.subscribeNewHeads((header) => {
        status.bestNotification = { number: header.number.toNumber(), hash: header.hash.toHex(), at: Date.now() };
        best(header);
      }),
      api.rpc.chain.subscribeFinalizedHeads((header) => {
        status.finalizedNotification = { number: header.number.toNumber(), hash: header.hash.toHex(), at: Date.now() };
        writeStatus();
        finalized(header);
      }),
    ]);
    writeStatus();
    await ended;
    if (provider.isConnected) unsubscribe.forEach((u) => u());
  }
}

// --- verify --------------------------------------------------------------------------------------

async function verify(savedFile, snapshotFile, round, offsetMs, killAt, upAt) {
  const saved = JSON.parse(readFileSync(savedFile, 'utf8'));
  const before = JSON.parse(readFileSync(snapshotFile, 'utf8'));
  const failures = [];
  const check = (what, actual, expected) => {
    if (actual !== expected) failures.push(`${what}: got ${actual}, expected ${expected}`);
  };
  const { api, provider } = await open();
  const note = before.finalizedNotification;
  if (!note || !before.checked) throw new Error('the load client saw no finalized block before the kill');

  const [bestHeader, finHeader] = await Promise.all([api.rpc.chain.getHeader(), finalizedHeader(api)]);
  const restart = { best: bestHeader.number.toNumber(), finalized: finHeader.number.toNumber() };
  check('finalized head at or past the last finalized notification before the kill',
    restart.finalized >= note.number, true);
  check(`block at finalized height #${note.number}`, (await api.rpc.chain.getBlockHash(note.number)).toHex(), note.hash);
  // The last finalized blocks the load client checked (and the last one full of swaps): the same
  // block at that height, with the same extrinsics and the pool's reserves there unchanged.
  const checkedBlocks = [before.checked];
  if (before.checkedLoaded && before.checkedLoaded.number !== before.checked.number) checkedBlocks.push(before.checkedLoaded);
  for (const checked of checkedBlocks) {
    check(`block at checked height #${checked.number}`, (await api.rpc.chain.getBlockHash(checked.number)).toHex(), checked.hash);
    const [header, block] = await Promise.all([api.rpc.chain.getHeader(checked.hash), provider.send('chain_getBlock', [checked.hash])]);
    check(`extrinsics root of #${checked.number}`, header.extrinsicsRoot.toHex(), checked.extrinsicsRoot);
    check(`extrinsics in #${checked.number}`, block?.block?.extrinsics?.length, checked.extrinsics);
    check(`pool reserves at #${checked.number}`, (await poolReserves(api, checked.hash, saved.token)).join('/'), checked.reserves.join('/'));
  }
  check(`block at the pool's height #${saved.number}`, (await api.rpc.chain.getBlockHash(saved.number)).toHex(), saved.hash);
  check(`pool reserves at #${saved.number}`, (await poolReserves(api, saved.hash, saved.token)).join('/'), saved.reserves.join('/'));

  // Best and finalized must move past where the node restarted (and past the notification).
  const deadline = Date.now() + 60_000;
  let now = restart;
  for (;;) {
    const [b, f] = await Promise.all([api.rpc.chain.getHeader(), finalizedHeader(api)]);
    now = { best: b.number.toNumber(), finalized: f.number.toNumber() };
    if (now.best > restart.best && now.finalized > Math.max(restart.finalized, note.number)) break;
    if (Date.now() > deadline) {
      failures.push(`best/finalized did not advance within 60 s of the restart: still #${now.best}/#${now.finalized}`);
      break;
    }
    await sleep(250);
  }
  const recovered = ((Date.now() - killAt) / 1000).toFixed(1);
  const rpcBack = ((upAt - killAt) / 1000).toFixed(1);
  const load = before.best ? `#${before.best.number} ${before.best.weightPercent}% full, ${before.best.swaps ?? '?'} swaps` : 'no block read';
  const blocks = checkedBlocks.map((b) => `#${b.number} (${b.extrinsics} extrinsics)`).join(' and ');
  console.log(`[crash] round ${round}: SIGKILL at +${(offsetMs / 1000).toFixed(3)} s into the slot; ` +
    `before: best #${before.bestNotification?.number} (${load}), finalized #${note.number}; ` +
    `after restart: best #${restart.best}, finalized #${restart.finalized}, ` +
    `then #${now.best}/#${now.finalized}; RPC back after ${rpcBack} s, best and finalized advancing after ${recovered} s; ` +
    `${blocks} ${failures.length ? 'CHANGED' : 'unchanged'}`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  await api.disconnect();
  return failures.length === 0;
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'prepare' && args.length === 1) {
    await prepare(args[0]);
    process.exit(0);
  } else if (mode === 'load' && args.length === 2) {
    await load(args[0], args[1]);
  } else if (mode === 'verify' && args.length === 6) {
    const ok = await verify(args[0], args[1], args[2], Number(args[3]), Number(args[4]), Number(args[5]));
    process.exit(ok ? 0 : 1);
  } else {
    console.error('usage: node crash-check.mjs prepare SAVED | load SAVED STATUS | verify SAVED SNAPSHOT ROUND OFFSET_MS KILL_AT_MS UP_AT_MS');
    process.exit(2);
  }
} catch (error) {
  console.error(`[crash] ${mode} FAIL: ${error.message}`);
  process.exit(1);
}
