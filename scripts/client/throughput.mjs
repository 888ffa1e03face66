// Node throughput: pre-signs transactions, submits them all at once, then reads the blocks that
// include them and reports, for each kind of transaction in turn, the successful extrinsics per
// full block and per second, the failed ones (by error) and the block weight they used:
//   transfer  keep-alive balance transfers of 1 DEX to fresh accounts, from the six dev accounts
//   swap      single-hop exact-in swaps DEX -> a token, in a pool set up first, from the same six
//   stake     first stakes of LP tokens in a running farm, one from each of many stakers
//             (`//claimer/N`, funded with DEX and LP tokens beforehand)
//   claim     claims of the farm's rewards by the same stakers, one each, a block or more after
//             their stakes: every claim has rewards to mint
// Only successful extrinsics count (`system.ExtrinsicSuccess` of their index in the block); a
// full block is one whose normal-class weight reached 99.5% of its limit. Each kind is submitted
// right after a block; each dev account's first transaction goes last, so that its others wait
// in the pool's future queue until then and all become ready at once.
//
// Usage: node throughput.mjs [--per-sender N] [--claimers N] [--quick] [--fill F] [--json FILE]
//                            [--max-failed PERCENT] [kind...]   (default: every kind)
//   --per-sender N   transfers and swaps per dev account (default 3000; 6 accounts)
//   --claimers N     stakers, i.e. stakes and claims (default 6 x --per-sender)
//   --quick          about as few transactions of each kind as fill one block: --fill (default
//                    1.5) times what a block holds by the transactions' weight (stakes and
//                    claims, which cannot be held back that way: --fill + 0.5)
//   --max-failed P   a kind fails when more than P% of its included extrinsics failed (default
//                    $THROUGHPUT_MAX_FAILED or 1)
// Exits non-zero when a kind was not all included, failed beyond --max-failed or filled no block.
// The node at $DEX_WS (default ws://127.0.0.1:9944) must be a fresh dev chain whose transaction
// pool holds every transaction of a kind at once, in its future queue too (a tenth of the pool:
// `--pool-limit 1000000 --pool-kbytes 400000`).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DEV_PHRASE } from '@polkadot/keyring';
import { compactToU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import {
  blake2AsHex, blake2AsU8a, encodeAddress, keyExtractPath, mnemonicToMiniSecret, signatureVerify,
} from '@polkadot/util-crypto';
import * as wasmCrypto from '@polkadot/wasm-crypto';
import { big, chainError, connectOnce, freeAssetId, isMain, signer, submit } from './lib.mjs';

const UNIT = 10n ** 12n;
const SENDERS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'];
const NATIVE = { Native: null };
export const KINDS = ['transfer', 'swap', 'stake', 'claim'];
/** What each staker gets: DEX for its fees and the LP tokens it stakes. */
const CLAIMER_FUNDS = UNIT;
const CLAIMER_LP = UNIT / 1000n;
/** A block is full once its normal-class weight reaches this percentage of the class's limit. */
const FULL_PERCENT = 99.5;
/** How long to wait for the next block before giving up on the node. */
const BLOCK_TIMEOUT_MS = 60_000;

const log = (message) => console.log(`[throughput] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n) => Math.round(n).toLocaleString('en-US');

/** Parses the command line (see the header). */
function parseArgs(argv) {
  const options = { perSender: 3000, claimers: null, quick: false, fill: 1.5, json: null, maxFailed: null, kinds: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--per-sender') options.perSender = Number(argv[(i += 1)]);
    else if (arg === '--claimers') options.claimers = Number(argv[(i += 1)]);
    else if (arg === '--quick') options.quick = true;
    else if (arg === '--fill') options.fill = Number(argv[(i += 1)]);
    else if (arg === '--json') options.json = argv[(i += 1)];
    else if (arg === '--max-failed') options.maxFailed = Number(argv[(i += 1)]);
    else if (KINDS.includes(arg)) options.kinds.push(arg);
    else throw new Error(`unknown argument ${arg} (kinds: ${KINDS.join(', ')})`);
  }
  if (options.kinds.length === 0) options.kinds = [...KINDS];
  for (const [name, value] of [['--per-sender', options.perSender], ['--claimers', options.claimers ?? 1]]) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} wants a positive whole number`);
  }
  if (!(options.fill > 0)) throw new Error('--fill wants a positive number');
  return options;
}

// --- Keys and offline signing ------------------------------------------------------------------
// @polkadot/util-crypto signs sr25519 in JavaScript (about 1.5 ms a signature here); the
// WebAssembly signer of @polkadot/wasm-crypto (its dependency) is several times faster, which
// matters for tens of thousands of transactions.

let devRoot = null;

/** A key pair from its 96 bytes (secret key, then public key). */
function keyPair(uri, keypair) {
  const publicKey = keypair.slice(64);
  return {
    uri, keypair, publicKey, secretKey: keypair.slice(0, 64),
    get address() { return encodeAddress(publicKey, 42); },
  };
}

/** The key pair of a dev URI (`//Alice`): `{ uri, publicKey, secretKey, address }`. */
function devPair(uri) {
  devRoot ??= wasmCrypto.sr25519KeypairFromSeed(mnemonicToMiniSecret(DEV_PHRASE));
  let pair = devRoot;
  for (const junction of keyExtractPath(uri).path) {
    pair = junction.isHard
      ? wasmCrypto.sr25519DeriveKeypairHard(pair, junction.chainCode)
      : wasmCrypto.sr25519DeriveKeypairSoft(pair, junction.chainCode);
  }
  return keyPair(uri, pair);
}

/**
 * `count` stakers `//claimer/0` ...: soft junctions of `//claimer`, whose chain code for a number
 * is the number in 8 little-endian bytes (as `subkey` and @polkadot/keyring derive them).
 */
function claimerPairs(count) {
  const base = devPair('//claimer').keypair;
  const chainCode = new Uint8Array(32);
  const view = new DataView(chainCode.buffer);
  return Array.from({ length: count }, (_, n) => {
    view.setBigUint64(0, BigInt(n), true);
    return keyPair(`//claimer/${n}`, wasmCrypto.sr25519DeriveKeypairSoft(base, chainCode));
  });
}

/** The extensions whose encoding `Signer` writes itself; any other list falls back to @polkadot/api. */
const KNOWN_EXTENSIONS = ['CheckNonZeroSender', 'CheckSpecVersion', 'CheckTxVersion', 'CheckGenesis',
  'CheckMortality', 'CheckNonce', 'CheckWeight', 'ChargeAssetTxPayment', 'WeightReclaim'];

/**
 * Signs calls (their SCALE bytes) offline, immortal, with explicit nonces and no tip, fee in DEX,
 * into v4 extrinsics (hex). Checks its encoding against @polkadot/api's once (`check`).
 */
class Signer {
  constructor(api) {
    this.api = api;
    this.fast = JSON.stringify(api.registry.signedExtensions) === JSON.stringify(KNOWN_EXTENSIONS);
    const u32 = (n) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };
    const genesis = api.genesisHash.toU8a();
    // Implicit data: spec and transaction version, genesis hash, and the genesis hash again as the
    // mortality checkpoint of an immortal transaction.
    this.implicit = u8aConcat(u32(api.runtimeVersion.specVersion.toNumber()),
      u32(api.runtimeVersion.transactionVersion.toNumber()), genesis, genesis);
  }

  /** `call` (bytes) signed by `pair` with `nonce`, as hex. */
  sign(call, pair, nonce) {
    if (!this.fast) return this.slow(call, pair, nonce);
    // Explicit data: immortal era, the nonce, no tip, fee in the native token (no asset id).
    const extra = u8aConcat([0x00], compactToU8a(nonce), [0x00, 0x00]);
    let payload = u8aConcat(call, extra, this.implicit);
    if (payload.length > 256) payload = blake2AsU8a(payload, 256);
    const signature = wasmCrypto.sr25519Sign(pair.publicKey, pair.secretKey, payload);
    // Version 4 signed, MultiAddress::Id, MultiSignature::Sr25519.
    const body = u8aConcat([0x84, 0x00], pair.publicKey, [0x01], signature, extra, call);
    return u8aToHex(u8aConcat(compactToU8a(body.length), body));
  }

  /** The same through @polkadot/api (slow: its JavaScript signer and codecs). */
  slow(call, pair, nonce) {
    const { api } = this;
    return api.tx(api.createType('Call', call)).sign(signer(pair.uri), {
      blockHash: api.genesisHash, era: 0, genesisHash: api.genesisHash, nonce,
      runtimeVersion: api.runtimeVersion, signedExtensions: api.registry.signedExtensions, tip: 0,
    }).toHex();
  }

  /** Throws unless a transaction signed here matches @polkadot/api's but for its signature. */
  check(pair) {
    if (!this.fast) {
      log(`transaction extensions ${this.api.registry.signedExtensions.join(', ')}: signing through @polkadot/api (slow)`);
      return;
    }
    const call = this.api.tx.system.remark('0x00').method.toU8a();
    const mine = hexToU8a(this.sign(call, pair, 7));
    const theirs = hexToU8a(this.slow(call, pair, 7));
    const sigAt = compactToU8a(mine.length).length + 1 + 33 + 1;
    const strip = (u8a) => u8aToHex(u8aConcat(u8a.subarray(0, sigAt), u8a.subarray(sigAt + 64)));
    const extra = u8aConcat([0x00], compactToU8a(7), [0x00, 0x00]);
    const valid = signatureVerify(u8aConcat(call, extra, this.implicit), mine.subarray(sigAt, sigAt + 64), pair.address).isValid;
    if (strip(mine) !== strip(theirs) || !valid) {
      throw new Error('offline signing does not match @polkadot/api (transaction format changed?)');
    }
  }
}

/** A call's bytes with one account argument left open: `(accountId) => bytes`. */
function withAccount(makeCall) {
  const marker = randomBytes(32);
  const bytes = makeCall(marker).method.toU8a();
  const at = bytes.findIndex((_, i) => marker.every((b, j) => bytes[i + j] === b));
  if (at < 0) throw new Error('account argument not found in the call');
  return (account) => {
    const out = bytes.slice();
    out.set(account, at);
    return out;
  };
}

// --- Chain set-up -------------------------------------------------------------------------------

/**
 * A pool DEX/token with deep liquidity, the token minted to every sender, and (`lpToOthers`) LP
 * tokens in the other senders' hands: Alice's transactions only, all in one block.
 */
async function setUpPool(api, senders, lpToOthers) {
  const [alice, ...others] = senders.map((s) => signer(s.uri));
  const id = await freeAssetId(api, 5000);
  const token = { WithId: id };
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const calls = [
    api.tx.assets.create(id, alice.address, 1),
    api.tx.assets.setMetadata(id, 'LOAD', 'LOAD', 12),
    ...senders.map((s) => api.tx.assets.mint(id, s.address, 10n ** 9n * UNIT)),
    api.tx.amm.createPool(NATIVE, token, null),
    api.tx.amm.addLiquidity(NATIVE, token, 100_000n * UNIT, 100_000n * UNIT, 0, 0, alice.address, null),
    ...(lpToOthers ? others.map((o) => api.tx.amm.addLiquidity(NATIVE, token, 1_000n * UNIT, 1_000n * UNIT, 0, 0, o.address, null)) : []),
  ];
  const events = await Promise.all(calls.map((call) => submit(api, call, alice, { nonce: nonce++ })));
  const lpToken = events.map((e) => e.find((ev) => ev.section === 'amm' && ev.method === 'PoolCreated')).find(Boolean);
  if (!lpToken) throw new Error('no amm.PoolCreated event');
  return { token, lpToken: lpToken.data.lpToken.toNumber() };
}

/** Largest number of transactions like `call` that the normal class of a block holds. */
async function capacity(api, call, address) {
  const weights = api.consts.system.blockWeights.perClass.normal;
  const max = big(weights.maxTotal.unwrap().refTime);
  const info = await call.paymentInfo(address);
  const each = big(info.weight.refTime) + big(weights.baseExtrinsic.refTime);
  return { perBlock: Number(max / each), weight: Number(each) };
}

// --- Submitting and following a batch -----------------------------------------------------------

async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/**
 * Waits until the best block is at least `number`; throws after BLOCK_TIMEOUT_MS without a new
 * one. Returns whether it had to wait (then the block has just arrived).
 */
async function waitForBest(api, number) {
  let best = await bestNumber(api);
  let last = best;
  let since = Date.now();
  const waited = best < number;
  while (best < number) {
    if (Date.now() - since > BLOCK_TIMEOUT_MS) {
      throw new Error(`no new block for ${BLOCK_TIMEOUT_MS / 1000} s after #${best}: is the node producing blocks?`);
    }
    await sleep(150);
    best = await bestNumber(api);
    if (best !== last) [last, since] = [best, Date.now()];
  }
  return waited;
}

/** Waits for the next block. */
async function nextBlock(api) {
  await waitForBest(api, (await bestNumber(api)) + 1);
}

/**
 * Transactions to submit: `gates` (each sender's first) after all `txs` (the senders' later
 * nonces, which wait in the pool's future queue until their gate arrives), so that a sender's
 * transactions all become ready at once however long the submission takes.
 */
function batch() {
  const senders = new Set();
  const txs = [];
  const gates = [];
  return {
    txs,
    gates,
    add(hex, from) {
      if (senders.has(from)) txs.push(hex);
      else {
        senders.add(from);
        gates.push(hex);
      }
    },
  };
}

/**
 * Submits a phase's transactions (500 at a time), its gates last; sets `first` (the first block
 * that may include them), `lastBefore` (the best block once all were submitted), `accepted` (the
 * transaction hashes) and `refused` (by reason).
 */
async function submitPhase(api, phase) {
  const before = await bestNumber(api);
  const started = Date.now();
  phase.first = before + 1;
  phase.accepted = new Set();
  phase.refused = {};
  const one = (hex) => api.rpc.author.submitExtrinsic(hex).then(
    (hash) => phase.accepted.add(hash.toHex()),
    (error) => {
      const why = error.message.replace(/^.*?: /, '').slice(0, 120);
      phase.refused[why] = (phase.refused[why] || 0) + 1;
    },
  );
  let gates = [];
  if (phase.stream) {
    // Signs the next 500 while the previous ones are being submitted.
    const inFlight = [];
    let chunk = [];
    phase.count = 0;
    for (const hex of phase.stream()) {
      chunk.push(hex);
      phase.count += 1;
      if (chunk.length < 500) continue;
      inFlight.push(Promise.all(chunk.map(one)));
      chunk = [];
      if (inFlight.length > 2) await inFlight.shift();
    }
    await Promise.all([...inFlight, ...chunk.map(one)]);
  } else {
    const { txs } = phase.signed;
    for (let i = 0; i < txs.length; i += 500) await Promise.all(txs.slice(i, i + 500).map(one));
    gates = phase.signed.gates;
    await Promise.all(gates.map(one));
  }
  phase.lastBefore = await bestNumber(api);
  const refused = Object.values(phase.refused).reduce((a, b) => a + b, 0);
  log(`${phase.name}: ${fmt(phase.accepted.size)} transactions ${phase.stream ? 'signed and ' : ''}in the pool after ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (refused ? `, ${fmt(refused)} refused: ${JSON.stringify(phase.refused)}` : '') +
    (phase.lastBefore > before ? ` (block #${phase.lastBefore} was built meanwhile${gates.length ? ', before the gates' : ''})` : ''));
  phase.signed = null;
}

/** Follows the blocks from `phase.first` until every accepted transaction is in one. */
async function followPhase(api, phase, idleLimit) {
  phase.blocks = [];
  let included = 0;
  let idle = 0;
  for (let number = phase.first; included < phase.accepted.size && idle < idleLimit; number += 1) {
    phase.endsFresh = await waitForBest(api, number);
    const hash = (await api.rpc.chain.getBlockHash(number)).toHex();
    const raw = await api.rpc.chain.getBlock.raw(hash);
    const ours = [];
    raw.block.extrinsics.forEach((hex, index) => {
      if (phase.accepted.has(blake2AsHex(hexToU8a(hex)))) ours.push(index);
    });
    phase.blocks.push({ number, hash, ours });
    included += ours.length;
    // Blocks built while the transactions were still being submitted do not count as idle.
    if (number > phase.lastBefore) idle = ours.length ? 0 : idle + 1;
  }
  phase.included = included;
  if (included < phase.accepted.size) {
    log(`${phase.name}: ${fmt(phase.accepted.size - included)} transactions still not in a block after ${idleLimit} blocks without any`);
  }
}

// --- Reading the outcome of each extrinsic ------------------------------------------------------

/**
 * A reader of a block's `System::Events` (SCALE bytes) that decodes only what it needs: each
 * record's phase and whether it is `system.ExtrinsicSuccess` or `system.ExtrinsicFailed` (with
 * its error), skipping every other event by the types in the metadata. @polkadot/api decodes
 * every event in full, about 1.5 s for the 30,000 events of a full block on this machine.
 * `read(bytes)` returns `[{ index, ok, error }]` (`error`: a `DispatchError` codec).
 */
export function eventReader(api) {
  const { lookup } = api.registry.metadata;
  const typeOf = (id) => lookup.getSiType(id).def;
  const skippers = new Map();
  const compactSize = (b, o) => [1, 2, 4][b[o] & 3] ?? 5 + (b[o] >> 2);
  const compactValue = (b, o) => {
    const mode = b[o] & 3;
    if (mode === 0) return b[o] >> 2;
    if (mode === 1) return (b[o] | (b[o + 1] << 8)) >> 2;
    if (mode === 2) return Math.floor((b[o] + b[o + 1] * 2 ** 8 + b[o + 2] * 2 ** 16 + b[o + 3] * 2 ** 24) / 4);
    throw new Error('length beyond 2^30 in the events');
  };
  const sizes = { Bool: 1, Char: 4, U8: 1, I8: 1, U16: 2, I16: 2, U32: 4, I32: 4, U64: 8, I64: 8, U128: 16, I128: 16, U256: 32, I256: 32 };
  const sequence = (skipItems) => (b, o) => skipItems(b, o + compactSize(b, o), compactValue(b, o));
  const repeat = (id) => {
    const def = typeOf(id);
    const size = def.isPrimitive ? sizes[def.asPrimitive.type] : undefined;
    if (size) return (b, o, n) => o + n * size;
    const skip = skipper(id);
    return (b, o, n) => { for (let i = 0; i < n; i += 1) o = skip(b, o); return o; };
  };
  const all = (ids) => {
    const skips = ids.map(skipper);
    return (b, o) => { for (const skip of skips) o = skip(b, o); return o; };
  };
  // `(bytes, offset) => offset after one value of type `id``; built lazily (types may recurse).
  function skipper(id) {
    const key = Number(id);
    if (skippers.has(key)) return skippers.get(key);
    let real = null;
    skippers.set(key, (b, o) => real(b, o));
    const def = typeOf(key);
    if (def.isComposite) real = all(def.asComposite.fields.map((f) => f.type));
    else if (def.isVariant) {
      const byIndex = new Map(def.asVariant.variants.map((v) => [v.index.toNumber(), all(v.fields.map((f) => f.type))]));
      real = (b, o) => {
        const skip = byIndex.get(b[o]);
        if (!skip) throw new Error(`unknown variant ${b[o]} of type ${key} in the events`);
        return skip(b, o + 1);
      };
    } else if (def.isSequence) real = sequence(repeat(def.asSequence.type));
    else if (def.isArray) {
      const n = def.asArray.len.toNumber();
      const items = repeat(def.asArray.type);
      real = (b, o) => items(b, o, n);
    } else if (def.isTuple) real = all(def.asTuple);
    else if (def.isCompact) real = (b, o) => o + compactSize(b, o);
    else if (def.isPrimitive && def.asPrimitive.type === 'Str') real = sequence((b, o, n) => o + n);
    else if (def.isPrimitive) {
      const size = sizes[def.asPrimitive.type];
      real = (b, o) => o + size;
    } else if (def.isBitSequence) {
      const store = sizes[typeOf(def.asBitSequence.bitStoreType).asPrimitive.type];
      real = (b, o) => o + compactSize(b, o) + Math.ceil(compactValue(b, o) / (8 * store)) * store;
    } else throw new Error(`cannot skip type ${key} (${def.type}) in the events`);
    return skippers.get(key);
  }

  const record = lookup.types.find((t) => t.type.path.join('::') === 'frame_system::EventRecord');
  const field = (name) => record.type.def.asComposite.fields.find((f) => f.name.unwrapOr('').toString() === name).type;
  const phaseType = typeOf(field('phase')).asVariant;
  const applyExtrinsic = phaseType.variants.find((v) => v.name.toString() === 'ApplyExtrinsic').index.toNumber();
  const runtimeEvent = typeOf(field('event')).asVariant;
  const systemVariant = runtimeEvent.variants.find((v) => v.name.toString() === 'System');
  const systemEvents = typeOf(systemVariant.fields[0].type).asVariant.variants;
  const systemEvent = (name) => systemEvents.find((v) => v.name.toString() === name);
  const success = systemEvent('ExtrinsicSuccess').index.toNumber();
  const failedVariant = systemEvent('ExtrinsicFailed');
  const errorType = api.registry.createLookupType(failedVariant.fields[0].type);
  const skipPhase = skipper(field('phase'));
  const skipEvent = skipper(field('event'));
  const skipTopics = skipper(field('topics'));
  const system = systemVariant.index.toNumber();
  const failed = failedVariant.index.toNumber();

  return (b) => {
    const outcomes = [];
    const count = compactValue(b, 0);
    let o = compactSize(b, 0);
    for (let i = 0; i < count; i += 1) {
      const index = b[o] === applyExtrinsic ? b[o + 1] + b[o + 2] * 2 ** 8 + b[o + 3] * 2 ** 16 + b[o + 4] * 2 ** 24 : null;
      o = skipPhase(b, o);
      if (index !== null && b[o] === system && (b[o + 1] === success || b[o + 1] === failed)) {
        const ok = b[o + 1] === success;
        outcomes.push({ index, ok, error: ok ? null : api.createType(errorType, b.subarray(o + 2)) });
      }
      o = skipTopics(b, skipEvent(b, o));
    }
    if (o !== b.length) throw new Error(`events decoded to byte ${o} of ${b.length}`);
    return outcomes;
  };
}

/** The same through @polkadot/api, to check `eventReader` on one block. */
export async function outcomesSlow(api, hash) {
  const events = await (await api.at(hash)).query.system.events();
  return events.filter(({ phase, event }) => phase.isApplyExtrinsic && event.section === 'system' &&
    (event.method === 'ExtrinsicSuccess' || event.method === 'ExtrinsicFailed'))
    .map(({ phase, event }) => ({ index: phase.asApplyExtrinsic.toNumber(), ok: event.method === 'ExtrinsicSuccess' }));
}

/** Reads each block of a phase: outcome of its transactions (events), weight and timestamp. */
async function analysePhase(api, phase, readEvents) {
  const maxNormal = big(api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime);
  phase.succeeded = 0;
  phase.failed = 0;
  phase.failures = {};
  phase.report = [];
  for (const block of phase.blocks.filter((b) => b.ours.length > 0)) {
    const at = await api.at(block.hash);
    const [raw, weight, timestamp] = await Promise.all([
      api.rpc.state.getStorage.raw(api.query.system.events.key(), block.hash),
      at.query.system.blockWeight(), at.query.timestamp.now(),
    ]);
    const ours = new Set(block.ours);
    let succeeded = 0;
    let failed = 0;
    for (const { index, ok, error } of readEvents(hexToU8a(raw))) {
      if (!ours.has(index)) continue;
      if (ok) succeeded += 1;
      else {
        failed += 1;
        const { code } = chainError(api, error);
        phase.failures[code] = (phase.failures[code] || 0) + 1;
      }
    }
    const normal = big(weight.normal.refTime);
    const weightPercent = Number((normal * 10000n) / maxNormal) / 100;
    const row = {
      number: block.number, included: block.ours.length, succeeded, failed, weightPercent,
      full: weightPercent >= FULL_PERCENT, timestamp: Number(timestamp.toString()),
    };
    phase.report.push(row);
    phase.succeeded += succeeded;
    phase.failed += failed;
    log(`${phase.name}: block #${row.number}: ${fmt(succeeded)} succeeded, ${fmt(failed)} failed, ` +
      `${weightPercent}% of the normal weight${row.full ? ' (full)' : ''}`);
  }
  if (phase.setup && (phase.failed > 0 || phase.included < phase.accepted.size || Object.keys(phase.refused).length)) {
    throw new Error(`set-up ${phase.name}: ${phase.failed} failed ${JSON.stringify(phase.failures)}, ` +
      `${phase.accepted.size - phase.included} not included, refused: ${JSON.stringify(phase.refused)}`);
  }
}

/** A kind's figures from its analysed phase, with `problems` (empty when it passed). */
function kindResult(phase, maxFailed) {
  const rows = phase.report;
  const full = rows.filter((r) => r.full);
  const perBlock = full.length ? full.reduce((sum, r) => sum + r.succeeded, 0) / full.length : 0;
  const span = rows.length > 1 ? (rows[rows.length - 1].timestamp - rows[0].timestamp) / (rows.length - 1) / 1000 : 6;
  const weightPercent = full.length ? full.reduce((sum, r) => sum + r.weightPercent, 0) / full.length : 0;
  const refused = Object.values(phase.refused).reduce((a, b) => a + b, 0);
  const problems = [];
  if (refused) problems.push(`${refused} refused by the pool: ${JSON.stringify(phase.refused)}`);
  if (phase.included < phase.accepted.size) problems.push(`${phase.accepted.size - phase.included} never included`);
  if (phase.included && (phase.failed * 100) / phase.included > maxFailed) {
    problems.push(`${phase.failed} of ${phase.included} failed (over ${maxFailed}%): ${JSON.stringify(phase.failures)}`);
  }
  if (!full.length) problems.push(`no full block (${FULL_PERCENT}% of the normal weight)`);
  return {
    kind: phase.kind,
    submitted: phase.count,
    included: phase.included,
    succeeded: phase.succeeded,
    failed: phase.failed,
    failures: phase.failures,
    refused,
    estimatedPerBlock: phase.capacity.perBlock,
    fullBlocks: full.length,
    perBlock: Math.round(perBlock),
    blockTime: span,
    perSecond: Math.round(perBlock / span),
    weightPercent: Math.round(weightPercent * 100) / 100,
    fullBlockNumbers: full.map((r) => r.number),
    blocks: rows.map(({ timestamp, ...rest }) => rest),
    problems,
  };
}

// --- The measurement ---------------------------------------------------------------------------

/**
 * Runs the throughput measurement of every kind in `kinds` against the node at `endpoint`.
 * `onResult(results)` is called after each kind (e.g. to save them).
 */
export async function throughput(endpoint, options = {}) {
  const { perSender = 3000, quick = false, fill = 1.5, kinds = KINDS, onResult = () => {} } = options;
  const maxFailed = options.maxFailed ?? Number(process.env.THROUGHPUT_MAX_FAILED ?? 1);
  const api = await connectOnce(endpoint);
  try {
    await wasmCrypto.waitReady();
    const signing = new Signer(api);
    const senders = SENDERS.map((uri) => devPair(uri));
    signing.check(senders[0]);
    const probe = claimerPairs(2)[1];
    if (senders[1].address !== signer(SENDERS[1]).address || probe.address !== signer('//claimer/1').address) {
      throw new Error('keys derived through @polkadot/wasm-crypto differ from @polkadot/keyring\'s');
    }
    const needsClaimers = kinds.includes('stake') || kinds.includes('claim');
    const needsPool = needsClaimers || kinds.includes('swap');

    const started = Date.now();
    const pool = needsPool ? await setUpPool(api, senders, needsClaimers) : null;
    if (pool) log(`pool DEX/${pool.token.WithId} (LP token ${pool.lpToken}) set up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const s of senders) s.nonce = (await api.rpc.system.accountNextIndex(s.address)).toNumber();
    const farm = needsClaimers ? (await api.query.liquidityMining.nextFarmId()).toNumber() : null;

    // What a block holds of each kind, by the weight the transactions are charged.
    const alice = senders[0].address;
    const swapPath = pool && [NATIVE, pool.token];
    const capacities = {
      transfer: await capacity(api, api.tx.balances.transferKeepAlive(alice, UNIT), alice),
      swap: pool && await capacity(api, api.tx.amm.swapExactIn(swapPath, UNIT, 0, alice, true, null), alice),
      stake: needsClaimers && await capacity(api, api.tx.liquidityMining.stake(farm, CLAIMER_LP), alice),
      claim: needsClaimers && await capacity(api, api.tx.liquidityMining.claim(farm, null), alice),
    };
    for (const kind of kinds) log(`${kind}: a block holds ${fmt(capacities[kind].perBlock)} by weight (${(capacities[kind].weight / 1e6).toFixed(1)} µs each)`);
    // Stakes and claims come from a sender each, so cannot wait for a gate: half a block more of
    // them makes up for a block built while they are being submitted.
    const quickCount = (kind, more = 0) => Math.ceil((fill + more) * capacities[kind].perBlock);
    const perSenderOf = (kind) => (quick ? Math.ceil(quickCount(kind) / senders.length) : perSender);
    const claimerCount = !needsClaimers ? 0
      : quick ? Math.max(quickCount('stake', 0.5), quickCount('claim', 0.5))
        : options.claimers ?? perSender * senders.length;

    let claimers = [];
    if (needsClaimers) {
      const t = Date.now();
      claimers = claimerPairs(claimerCount);
      log(`derived ${fmt(claimerCount)} stakers (//claimer/0 ...) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }

    // The phases, in order.
    const transferTo = withAccount((to) => api.tx.balances.transferKeepAlive(to, UNIT));
    // The farm pays from a few blocks on (time for its set-up to land); claims wait for that.
    const farmStart = (await bestNumber(api)) + 10;
    const phases = [];
    if (needsClaimers) {
      // Alice creates the farm first (its rewards start a few blocks later), then every sender
      // funds its share of the stakers: DEX, then LP tokens (same sender, so in that order).
      // Signed while submitted, and not held back: its blocks need not be full.
      phases.push({ name: 'set-up: farm and stakers', setup: true, stream: function* () {
        const createFarm = api.tx.sudo.sudo(api.tx.liquidityMining.createFarm(pool.lpToken, NATIVE, UNIT, farmStart, farmStart + 100_000, 10n ** 6n * UNIT));
        yield signing.sign(createFarm.method.toU8a(), senders[0], senders[0].nonce++);
        const fund = withAccount((to) => api.tx.balances.transferKeepAlive(to, CLAIMER_FUNDS));
        const lp = withAccount((to) => api.tx.poolAssets.transfer(pool.lpToken, to, CLAIMER_LP));
        for (const [i, c] of claimers.entries()) {
          const from = senders[i % senders.length];
          yield signing.sign(fund(c.publicKey), from, from.nonce++);
          yield signing.sign(lp(c.publicKey), from, from.nonce++);
        }
      } });
    }
    if (kinds.includes('transfer')) {
      phases.push({ name: 'transfer', kind: 'transfer', build: () => {
        const signed = batch();
        for (const s of senders) {
          for (let i = 0; i < perSenderOf('transfer'); i += 1) signed.add(signing.sign(transferTo(randomBytes(32)), s, s.nonce++), s);
        }
        return signed;
      } });
    }
    if (kinds.includes('swap')) {
      phases.push({ name: 'swap', kind: 'swap', build: () => {
        const signed = batch();
        for (const s of senders) {
          const call = api.tx.amm.swapExactIn(swapPath, UNIT, 0, s.address, true, null).method.toU8a();
          for (let i = 0; i < perSenderOf('swap'); i += 1) signed.add(signing.sign(call, s, s.nonce++), s);
        }
        return signed;
      } });
    }
    if (needsClaimers) {
      const stake = api.tx.liquidityMining.stake(farm, CLAIMER_LP).method.toU8a();
      phases.push({ name: kinds.includes('stake') ? 'stake' : 'set-up: stakes', kind: kinds.includes('stake') ? 'stake' : null,
        setup: !kinds.includes('stake'), build: () => ({ txs: claimers.map((c) => signing.sign(stake, c, 0)), gates: [] }) });
    }
    if (kinds.includes('claim')) {
      const claim = api.tx.liquidityMining.claim(farm, null).method.toU8a();
      phases.push({ name: 'claim', kind: 'claim', notBefore: farmStart, build: () => ({ txs: claimers.map((c) => signing.sign(claim, c, 1)), gates: [] }) });
    }
    for (const phase of phases) if (phase.kind) phase.capacity = capacities[phase.kind];

    const idleLimit = quick ? 3 : 10;
    const results = [];
    const sign = (phase) => {
      if (phase.stream) return;
      const t = Date.now();
      phase.signed = phase.build();
      phase.count = phase.signed.txs.length + phase.signed.gates.length;
      log(`${phase.name}: signed ${fmt(phase.count)} transactions in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    // Every transaction is signed before the first measured block is built, and the blocks are
    // read in detail only after the last: the client shares the machine with the node, and
    // its work would slow the building of the blocks measured (the set-up's blocks do not
    // matter, so the rest is signed while they are built). Each phase is submitted right after
    // a block arrives, so that the pool holds all of it when the next block is built.
    sign(phases[0]);
    const signRest = () => phases.slice(1).forEach(sign);
    if (!phases[0].setup) signRest();
    let previous = null;
    for (const phase of phases) {
      if (previous) await followPhase(api, previous, idleLimit);
      if (phase.notBefore && (await bestNumber(api)) < phase.notBefore) {
        log(`${phase.name}: waiting for block #${phase.notBefore} (the farm's start)`);
        await waitForBest(api, phase.notBefore);
      } else if (!previous?.endsFresh) await nextBlock(api);
      await submitPhase(api, phase);
      if (!previous && phase.setup) signRest();
      previous = phase;
    }
    await followPhase(api, previous, idleLimit);
    const t = Date.now();
    const readEvents = eventReader(api);
    // Checks the reader against @polkadot/api on the measured block with the fewest extrinsics.
    const sample = phases.flatMap((p) => p.blocks).filter((b) => b.ours.length).sort((a, b) => a.ours.length - b.ours.length)[0];
    if (sample) {
      const raw = await api.rpc.state.getStorage.raw(api.query.system.events.key(), sample.hash);
      const fast = readEvents(hexToU8a(raw)).map(({ index, ok }) => `${index}:${ok}`).join();
      const slow = (await outcomesSlow(api, sample.hash)).map(({ index, ok }) => `${index}:${ok}`).join();
      if (fast !== slow) throw new Error(`the event reader disagrees with @polkadot/api on block #${sample.number}`);
    }
    for (const phase of phases) {
      await analysePhase(api, phase, readEvents);
      if (!phase.kind) continue;
      results.push(kindResult(phase, maxFailed));
      onResult(results);
    }
    log(`read ${phases.reduce((n, p) => n + p.report.length, 0)} blocks' events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return results;
  } finally {
    await api.disconnect();
  }
}

/** Prints the table of the results. */
function printResults(results) {
  console.log('kind      full blocks  per block  per second  block time  normal weight used  failed');
  for (const r of results) {
    console.log(`${r.kind.padEnd(10)}${String(r.fullBlocks).padStart(11)}${fmt(r.perBlock).padStart(11)}` +
      `${fmt(r.perSecond).padStart(12)}${(r.blockTime.toFixed(1) + ' s').padStart(12)}` +
      `${(r.weightPercent + '%').padStart(20)}  ${fmt(r.failed)} of ${fmt(r.included)}`);
  }
}

if (isMain(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  // Every kind is in the file from the start, so a run cut short says which kinds never ran.
  const pending = (error) => options.kinds.map((kind) => ({ kind, problems: [error] }));
  const save = (results) => {
    if (!options.json) return;
    const done = new Set(results.map((r) => r.kind));
    const rest = pending('not measured: the run stopped before it').filter((r) => !done.has(r.kind));
    writeFileSync(options.json, JSON.stringify([...results, ...rest], null, 2));
  };
  save([]);
  let results = [];
  let crashed = null;
  try {
    results = await throughput(undefined, { ...options, onResult: (r) => { results = [...r]; save(results); } });
  } catch (error) {
    crashed = error;
    console.error(`[throughput] FAIL: ${error.message}`);
    if (options.json) {
      const done = new Set(results.map((r) => r.kind));
      writeFileSync(options.json, JSON.stringify([...results, ...pending(`not measured: ${error.message}`).filter((r) => !done.has(r.kind))], null, 2));
    }
  }
  printResults(results);
  for (const r of results) for (const problem of r.problems) console.log(`[throughput] FAIL ${r.kind}: ${problem}`);
  const ok = !crashed && results.length === options.kinds.length && results.every((r) => r.problems.length === 0);
  process.exit(ok ? 0 : 1);
}
