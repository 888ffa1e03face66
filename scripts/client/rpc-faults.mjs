// Bad input at the RPC and the transaction pool, against the dev node at $DEX_WS (helper of
// scripts/rpc-faults.sh, which starts the node with a small pool: `--pool-limit 64`). Each case
// sends something the node must refuse and checks the JSON-RPC error it answers with; after each
// group of cases the chain must still produce and finalize blocks. The cases:
//   1  malformed bytes to author_submitExtrinsic: random bytes, a truncated valid extrinsic,
//      text that is not hex
//   2  a signed transfer with one byte of its signature flipped
//   3  a stale nonce (already used) and a far-future nonce (current + 1000: the pool may keep it
//      as a future transaction; it must never be included)
//   4  a flood of valid transfers past the pool's limit: the pool refuses one; each accepted one
//      is included and finalized, or reported dropped to its watcher (a full pool evicts its oldest
//      transaction of equal priority for a newer one), or waits as future behind such a dropped
//      nonce of its sender; none may be left without an outcome
//   5  oversized remarks: above the normal class's block length, above the block length, and
//      above the RPC server's request size limit
//   6  a transfer signed for another genesis hash, one signed for another spec version, and one
//      from an account that cannot pay the fee
//   7  a transfer with the nonce and tip of one waiting in the pool, then one with a higher tip
//      (it must replace it), a transfer whose mortal era has ended, and a fee in an asset that
//      does not exist
//   8  swap paths of 100,000 and 1,000 assets: the first cannot fit in a block, the second fails
//      in its block with the path's error and pays the fee of its full weight
// Every wait is bounded. Prints a markdown table `| Case | Sent | RPC error |` and the closing
// line `rpc faults: N passed, M failed`; exits non-zero if any case failed (a refusal missing, a
// wait timed out, the chain stopped).
// Usage: node rpc-faults.mjs   (environment: DEX_WS, RPC_FAULTS_POOL_LIMIT (default 64))
import { createHash } from 'node:crypto';
import http from 'node:http';
import { WsProvider } from '@polkadot/api';
import { DEFAULT_WS, chainError, connect, signer } from './lib.mjs';

const UNIT = 10n ** 12n;
const ENDPOINT = process.env.DEX_WS || DEFAULT_WS;
const HTTP_URL = ENDPOINT.replace(/^ws/, 'http');
const POOL_LIMIT = Number(process.env.RPC_FAULTS_POOL_LIMIT || 64);
/** How long one RPC call, one wait for blocks and the whole run may take, in milliseconds. */
const RPC_TIMEOUT = 30_000;
const ADVANCE_TIMEOUT = 40_000;
const RUN_TIMEOUT = 230_000;

/** The table's rows: `{ id, sent, error, ok, group }`; `chain[group]` is that group's liveness. */
const rows = [];
const chain = {};
/** Failures that are not a row's (a group that could not run, the final liveness check). */
const extraFailures = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let group = '';

/** `text` on one line: whitespace runs as one space. */
const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim();

/** A case's outcome: one table row, printed as it is recorded. */
function record(id, sent, error, ok, note = '') {
  rows.push({ id, sent, error, ok, group });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${id}: ${sent} -> ${oneLine(error)}${note ? ` [${note}]` : ''}`);
  return rows[rows.length - 1];
}

/** Marks `row` failed (a later check of the case did not hold). */
function failRow(row, why) {
  row.ok = false;
  console.log(`  FAIL ${row.id}: ${why}`);
}

/** A failure outside the table's rows. */
function extraFailure(what) {
  extraFailures.push(what);
  console.log(`  FAIL ${what}`);
}

/** A row passes when its case held and the chain produced and finalized blocks after its group. */
const passed = (row) => row.ok && chain[row.group]?.ok === true;

/**
 * One JSON-RPC call over HTTP with the raw parameters (no client-side encoding, so malformed
 * input reaches the node as it is). Resolves with `{ result }`, `{ error: { code, message, data } }`
 * or, when the server answers without JSON-RPC, `{ http: { status, text } }`. A large body is
 * sent only after the server's `100 Continue`, so a refusal of its size (413) is read, not cut off
 * by the server closing the connection while the body is still being written.
 */
function rawRpc(method, params = []) {
  const body = Buffer.from(JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }));
  const large = body.length > 1024 * 1024;
  const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length };
  if (large) headers.Expect = '100-continue';
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(HTTP_URL, { method: 'POST', headers, timeout: RPC_TIMEOUT }, (response) => {
      answered = true;
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        try {
          const json = JSON.parse(text);
          if (json.error) return resolve({ error: json.error, status: response.statusCode });
          if ('result' in json) return resolve({ result: json.result });
        } catch {
          // not JSON: reported as the HTTP answer
        }
        return resolve({ http: { status: response.statusCode, text: text.trim().slice(0, 200) } });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${RPC_TIMEOUT / 1000} s`)));
    request.on('error', (error) => { if (!answered) reject(error); });
    if (large) request.on('continue', () => request.end(body));
    else request.end(body);
  });
}

/** An RPC answer as the table shows it: `code message (data)`, or the HTTP status and body. */
function describe(answer) {
  if (answer.error) {
    const { code, message, data } = answer.error;
    const extra = data === undefined || data === null || data === message ? '' : ` (data: ${JSON.stringify(data)})`;
    const httpStatus = answer.status && answer.status !== 200 ? `HTTP ${answer.status}, ` : '';
    return `${httpStatus}${code} ${message}${extra}`;
  }
  if (answer.http) return `HTTP ${answer.http.status} ${answer.http.text}`;
  return `accepted: ${JSON.stringify(answer.result)}`;
}

/** A WebSocket `RpcError` of @polkadot/rpc-provider as a JSON-RPC `error` object. */
function rpcErrorObject(error) {
  const { code, data } = error;
  let message = String(error.message);
  if (message.startsWith(`${code}: `)) message = message.slice(`${code}: `.length);
  const suffix = data === undefined || data === null ? '' : `: ${typeof data === 'string' ? data : JSON.stringify(data)}`;
  if (suffix && message.endsWith(suffix)) message = message.slice(0, -suffix.length);
  return { code, message, data };
}

/**
 * Submits `hex` and records a refusal: the case passes when the node answers with an error whose
 * code is one of `codes` and whose text matches `pattern`; it fails when it accepts.
 */
async function expectRefusal(id, sent, hex, { codes, pattern }) {
  let answer;
  try {
    answer = await rawRpc('author_submitExtrinsic', [hex]);
  } catch (error) {
    record(id, sent, `no answer: ${error.message}`, false);
    return null;
  }
  const text = describe(answer);
  if (answer.result !== undefined) {
    record(id, sent, text, false, 'accepted where it should be refused');
  } else {
    const code = answer.error ? answer.error.code : `HTTP ${answer.http.status}`;
    const ok = codes.includes(code) && pattern.test(text);
    record(id, sent, text, ok, ok ? '' : `expected code ${codes.join('/')} matching ${pattern}`);
  }
  return answer;
}

/**
 * Watched submissions (author_submitAndWatchExtrinsic) through a provider of their own, so the
 * node's statuses arrive raw (`ready`, `future`, `{ inBlock }`, `dropped`, ...) and refusals keep
 * their code and data.
 */
class Watcher {
  constructor(provider) {
    this.provider = provider;
    this.subscriptions = [];
  }

  static async open() {
    const provider = new WsProvider(ENDPOINT, false, {}, RPC_TIMEOUT);
    const ready = provider.isReady;
    await provider.connect();
    await Promise.race([ready, sleep(RPC_TIMEOUT).then(() => { throw new Error('no WebSocket connection'); })]);
    return new Watcher(provider);
  }

  /**
   * Submits `hex` watched; resolves with `{ statuses }` (filled in as the node reports them) once
   * the node accepted it, or with `{ error }` (a JSON-RPC error object) if it refused.
   */
  async submit(hex) {
    const statuses = [];
    try {
      const id = await this.provider.subscribe('author_extrinsicUpdate', 'author_submitAndWatchExtrinsic', [hex],
        (error, status) => statuses.push(error ? { error: error.message } : status));
      this.subscriptions.push(id);
      return { statuses };
    } catch (error) {
      return { error: rpcErrorObject(error) };
    }
  }

  async close() {
    await Promise.all(this.subscriptions.map((id) => this.provider
      .unsubscribe('author_extrinsicUpdate', 'author_unwatchExtrinsic', id).catch(() => {})));
    await this.provider.disconnect().catch(() => {});
  }
}

/** A status of a watched transaction as text: `ready`, `future`, `inBlock`, `dropped`, ... */
const statusName = (status) => (typeof status === 'string' ? status : Object.keys(status)[0]);
/** The first status named `name` (`inBlock`, `usurped`, ...) among `statuses`, or undefined. */
const statusOf = (statuses, name) => statuses.find((status) => statusName(status) === name);

/**
 * Signs `call` offline with an explicit nonce: immortal, no tip, the fee in the native token,
 * unless `overrides` sets the genesis hash, runtime version, tip, a mortal `era` with its
 * `blockHash`, or the fee's `assetId`.
 */
function sign(api, call, pair, nonce, overrides = {}) {
  const genesisHash = overrides.genesisHash || api.genesisHash;
  return call.sign(pair, {
    blockHash: overrides.blockHash || genesisHash,
    era: overrides.era || 0,
    genesisHash,
    nonce,
    runtimeVersion: overrides.runtimeVersion || api.runtimeVersion,
    signedExtensions: api.registry.signedExtensions,
    tip: overrides.tip || 0,
    ...(overrides.assetId ? { assetId: overrides.assetId } : {}),
  });
}

/** `count` deterministic pseudo-random bytes from `seed` (the same bytes on every run). */
function seededBytes(seed, count) {
  const out = Buffer.alloc(count);
  for (let i = 0, block = 0; i < count; block += 1) {
    const digest = createHash('sha256').update(`${seed}/${block}`).digest();
    i += digest.copy(out, i);
  }
  return out;
}

const hexOf = (bytes) => `0x${Buffer.from(bytes).toString('hex')}`;

/** The best and finalized block numbers. */
async function heights(api) {
  const [best, finalizedHash] = await Promise.all([api.rpc.chain.getHeader(), api.rpc.chain.getFinalizedHead()]);
  const finalized = await api.rpc.chain.getHeader(finalizedHash);
  return { best: best.number.toNumber(), finalized: finalized.number.toNumber() };
}

/**
 * Waits (bounded) until both the best and the finalized block are past `before`; prints and
 * returns `{ ok, best, finalized, detail }`.
 */
async function chainAdvances(api, what, before) {
  const deadline = Date.now() + ADVANCE_TIMEOUT;
  let now = await heights(api);
  while (!(now.best > before.best && now.finalized > before.finalized) && Date.now() < deadline) {
    await sleep(500);
    now = await heights(api);
  }
  const ok = now.best > before.best && now.finalized > before.finalized;
  const detail = `best #${before.best} -> #${now.best}, finalized #${before.finalized} -> #${now.finalized}` +
    (ok ? '' : ` (no progress within ${ADVANCE_TIMEOUT / 1000} s)`);
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} chain produces and finalizes after ${what}: ${detail}`);
  return { ok, ...now, detail };
}

/** The on-chain nonce of `address` at the best block. */
async function chainNonce(api, address) {
  return (await api.query.system.account(address)).nonce.toNumber();
}

/** Waits (bounded by `timeoutMs`) until `done()` holds; returns whether it did. */
async function until(done, timeoutMs, stepMs = 500) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() > deadline) return false;
    await sleep(stepMs);
  }
}

async function malformed(api, alice) {
  const random = seededBytes('rpc-faults', 96);
  await expectRefusal('1a random bytes', '96 pseudo-random bytes (fixed seed) as hex', hexOf(random), {
    codes: [1001, 1040], pattern: /invalid format|could not decode/i,
  });
  const valid = sign(api, api.tx.balances.transferKeepAlive(signer('//Bob').address, UNIT), alice, 0).toU8a();
  const truncated = valid.subarray(0, valid.length - 20);
  await expectRefusal('1b truncated extrinsic', `signed transfer, ${valid.length} bytes cut to ${truncated.length}`, hexOf(truncated), {
    codes: [1001, 1040], pattern: /invalid format|could not decode/i,
  });
  await expectRefusal('1c not hex', "the string '0xnot-hex'", '0xnot-hex', {
    codes: [-32602], pattern: /invalid/i,
  });
}

async function badSignature(api, alice) {
  const nonce = await chainNonce(api, alice.address);
  const ext = sign(api, api.tx.balances.transferKeepAlive(signer('//Bob').address, 2n * UNIT), alice, nonce);
  const bytes = Buffer.from(ext.toU8a());
  const signature = Buffer.from(ext.signature.toU8a()).subarray(-64);
  const at = bytes.indexOf(signature);
  if (at < 0) throw new Error('signature not found in the encoded extrinsic');
  bytes[at + 10] ^= 0x01;
  await expectRefusal('2 bad signature', `signed transfer (nonce ${nonce}) with byte 10 of its signature flipped`, hexOf(bytes), {
    codes: [1010], pattern: /bad signature/i,
  });
}

/** Case 3; returns what the closing check of the far-future transaction needs. */
async function nonces(api, alice, watcher) {
  const bob = signer('//Bob').address;
  // A nonce gets used: one transfer, included in a block (bounded wait).
  const used = await chainNonce(api, alice.address);
  const first = sign(api, api.tx.balances.transferKeepAlive(bob, 3n * UNIT), alice, used);
  const accepted = await rawRpc('author_submitExtrinsic', [first.toHex()]);
  if (accepted.result === undefined) throw new Error(`a valid transfer was refused: ${describe(accepted)}`);
  if (!(await until(async () => (await chainNonce(api, alice.address)) > used, ADVANCE_TIMEOUT))) {
    throw new Error(`a valid transfer (nonce ${used}) was not included within ${ADVANCE_TIMEOUT / 1000} s`);
  }
  console.log(`  ..   nonce ${used} used: a transfer of Alice's is in a block`);

  const stale = sign(api, api.tx.balances.transferKeepAlive(bob, 4n * UNIT), alice, used);
  await expectRefusal('3a stale nonce', `signed transfer with nonce ${used} (already used)`, stale.toHex(), {
    codes: [1010], pattern: /outdated/i,
  });

  const current = await chainNonce(api, alice.address);
  const farNonce = current + 1000;
  const far = sign(api, api.tx.balances.transferKeepAlive(bob, 5n * UNIT), alice, farNonce);
  const sent = `signed transfer with nonce ${farNonce} (current ${current} + 1000), watched`;
  const submitted = await watcher.submit(far.toHex());
  if (submitted.error) {
    // A refusal is a fine answer too: the pool need not keep it.
    const text = describe({ error: submitted.error });
    const ok = [1010, 1012, 1016].includes(submitted.error.code);
    record('3b far-future nonce', sent, text, ok, ok ? '' : 'expected an invalid-transaction or pool refusal');
    return null;
  }
  const { statuses } = submitted;
  await until(() => statuses.length > 0, 15_000, 200);
  const pending = await rawRpc('author_pendingExtrinsics');
  const listed = (pending.result || []).includes(far.toHex());
  const firstSeen = statuses.length ? JSON.stringify(statuses[0]) : 'none within 15 s';
  const text = `accepted (no error), first status ${firstSeen}; ${listed ? 'listed' : 'not listed'} in author_pendingExtrinsics`;
  const ok = statuses.length > 0 && statusName(statuses[0]) === 'future' && !listed;
  const row = record('3b far-future nonce', sent, text, ok, ok ? '' : 'expected status "future", not among the ready');
  return { row, hash: far.hash.toHex(), nonce: farNonce, statuses, from: (await heights(api)).best };
}

/** The number of the first block from `from` to the best block holding extrinsic `hash`, or null. */
async function includedSince(api, from, hash) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let number = from; number <= best; number += 1) {
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(number));
    if (block.block.extrinsics.some((ext) => ext.hash.toHex() === hash)) return number;
  }
  return null;
}

/**
 * Case 4: valid transfers from five dev accounts in turn (increasing nonces, equal priority),
 * submitted watched one after the other until the pool refuses one. Each accepted one must end
 * in a block, or be reported `dropped` to its watcher (the pool evicts the oldest transactions of
 * equal priority for newer ones when its ready queue is full); none may be lost without a word.
 */
async function flood(api, watcher) {
  const senders = ['//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'].map(signer);
  const to = signer('//Alice').address;
  const starts = await Promise.all(senders.map((s) => api.rpc.system.accountNextIndex(s.address).then((n) => n.toNumber())));
  const perSender = Math.ceil((POOL_LIMIT * 4) / senders.length);
  const queue = [];
  for (let i = 0; i < perSender; i += 1) {
    senders.forEach((sender, k) => {
      const call = api.tx.balances.transferKeepAlive(to, UNIT + BigInt(i));
      queue.push({ k, nonce: starts[k] + i, hex: sign(api, call, sender, starts[k] + i).toHex() });
    });
  }
  const accepted = [];
  let refusal = null;
  const began = Date.now();
  for (const item of queue) {
    const answer = await watcher.submit(item.hex);
    if (answer.error) {
      refusal = { ...item, error: answer.error };
      break;
    }
    accepted.push({ ...item, statuses: answer.statuses });
  }
  const took = ((Date.now() - began) / 1000).toFixed(1);
  const sent = `${accepted.length + (refusal ? 1 : 0)} valid transfers (5 dev accounts in turn, increasing nonces, equal priority; pool limit ${POOL_LIMIT})`;
  if (!refusal) {
    record('4 pool flood', sent, `all ${accepted.length} accepted`, false, 'the pool never refused');
    return;
  }
  const refusedText = describe({ error: refusal.error });
  console.log(`  ..   ${accepted.length} accepted in ${took} s, then ${senders[refusal.k].address.slice(0, 8)}... nonce ${refusal.nonce} refused: ${refusedText}`);
  // Every accepted transaction's fate, bounded: in a block; reported dropped/invalid/usurped to
  // its watcher; or stranded: kept as future behind a lost lower nonce of its sender.
  const LOST = ['dropped', 'invalid', 'usurped', 'error'];
  const names = (tx) => tx.statuses.map((status) => (status.error ? 'error' : statusName(status)));
  const lost = (tx) => names(tx).some((name) => LOST.includes(name));
  const fate = (tx) => {
    const seen = names(tx);
    if (seen.includes('inBlock') || seen.includes('finalized')) return 'included';
    if (lost(tx)) return seen.find((name) => LOST.includes(name));
    const behindLost = accepted.some((other) => other.k === tx.k && other.nonce < tx.nonce && lost(other));
    if (seen[seen.length - 1] === 'future' && behindLost) return 'stranded';
    return 'pending';
  };
  await until(() => accepted.every((tx) => fate(tx) !== 'pending'), 60_000);
  // The included ones finalized too: until then the pool may still count them against its limit
  // (seen: the next submissions, even a 4 MiB remark, refused with 1016 right after the flood).
  const finalized = (tx) => names(tx).includes('finalized');
  const settled = await until(() => accepted.every((tx) => fate(tx) !== 'included' || finalized(tx)), 60_000);
  const fates = {};
  for (const tx of accepted) fates[fate(tx)] = (fates[fate(tx)] || 0) + 1;
  const included = fates.included || 0;
  const dropped = LOST.reduce((sum, name) => sum + (fates[name] || 0), 0);
  // Cross-check with the chain: the senders' nonces moved by exactly the included count.
  const nowNonces = await Promise.all(senders.map((s) => chainNonce(api, s.address)));
  const onChain = nowNonces.reduce((sum, n, k) => sum + n - starts[k], 0);
  const parts = [`${included} included${settled ? ' and finalized' : ''}`];
  if (dropped) parts.push(`${dropped} dropped later by the pool (evicted)`);
  if (fates.stranded) parts.push(`${fates.stranded} kept as future behind the evicted nonces`);
  if (fates.pending) parts.push(`${fates.pending} without an outcome after 60 s`);
  if (!settled) parts.push('not all included ones finalized within 60 s');
  const codeOk = [1014, 1016].includes(refusal.error.code) && /immediately dropped|limit|priority/i.test(refusedText);
  const ok = codeOk && !fates.pending && settled && included > 0 && onChain === included;
  const why = [];
  if (!codeOk) why.push('expected a pool-limit refusal (1014/1016)');
  if (fates.pending) why.push(`${fates.pending} accepted transfers neither included, nor reported dropped, nor behind a dropped one`);
  if (included === 0) why.push('no accepted transfer was included');
  if (!settled) why.push('the included transfers were not all finalized within 60 s');
  if (onChain !== included) why.push(`the senders' nonces moved by ${onChain}, not ${included}`);
  record('4 pool flood', sent, `${refusedText}; of ${accepted.length} accepted: ${parts.join(', ')}`, ok, why.join('; '));
  if (dropped + (fates.stranded || 0) > 0) {
    const who = [...new Set(accepted.filter((tx) => fate(tx) !== 'included').map((tx) => senders[tx.k].address.slice(0, 8)))];
    console.log(`  note 4: the transfers not included are all from ${who.join(', ')}...: a full ready queue evicts its ` +
      "oldest transaction of equal priority (and that sender's later nonces) for a newer one, and reports " +
      '"dropped" to watchers only; later nonces of that sender wait as future behind the gap');
  }
}

async function oversized(api, alice) {
  const { max } = api.consts.system.blockLength;
  const normalMax = max.normal.toNumber();
  const blockMax = Math.max(normalMax, max.operational.toNumber(), max.mandatory.toNumber());
  const nonce = await chainNonce(api, alice.address);
  const mib = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  const cases = [
    ['5a remark > normal block length', normalMax + 1024, `normal-class limit ${mib(normalMax)}`],
    ['5b remark > block length', blockMax + 1024, `block limit ${mib(blockMax)}`],
    ['5c remark > RPC request size', 8 * 1024 * 1024, 'its hex is more than the 15 MiB --rpc-max-request-size'],
  ];
  for (const [id, size, limit] of cases) {
    const ext = sign(api, api.tx.system.remark(hexOf(seededBytes(id, size))), alice, nonce);
    const hex = ext.toHex();
    const expected = id.startsWith('5c')
      ? { codes: [-32007], pattern: /too big|exceeded max limit/i }
      : { codes: [1010], pattern: /exhaust the block limits/i };
    await expectRefusal(id, `signed system.remark of ${mib(size)} (${ext.encodedLength} bytes; ${limit})`, hex, expected);
  }
}

async function wrongChain(api, alice) {
  const bob = signer('//Bob').address;
  const nonce = await chainNonce(api, alice.address);
  const genesisHash = api.registry.createType('Hash', seededBytes('other genesis', 32));
  const otherGenesis = sign(api, api.tx.balances.transferKeepAlive(bob, 6n * UNIT), alice, nonce, { genesisHash });
  await expectRefusal('6a wrong genesis hash', `transfer signed for genesis ${genesisHash.toHex().slice(0, 10)}... (chain: ${api.genesisHash.toHex().slice(0, 10)}...)`, otherGenesis.toHex(), {
    codes: [1010], pattern: /bad signature/i,
  });
  const { specVersion, transactionVersion } = api.runtimeVersion;
  const runtimeVersion = { specVersion: specVersion.toNumber() + 1, transactionVersion };
  const otherSpec = sign(api, api.tx.balances.transferKeepAlive(bob, 7n * UNIT), alice, nonce, { runtimeVersion });
  await expectRefusal('6b wrong spec version', `transfer signed for spec version ${runtimeVersion.specVersion} (chain: ${specVersion})`, otherSpec.toHex(), {
    codes: [1010], pattern: /bad signature/i,
  });
  const empty = signer('//RpcFaultsEmptyAccount');
  const account = await api.query.system.account(empty.address);
  if (account.data.free.toBigInt() !== 0n) throw new Error(`${empty.address} is not empty`);
  const unpaid = sign(api, api.tx.balances.transferKeepAlive(bob, UNIT), empty, 0);
  await expectRefusal('6c fee cannot be paid', `transfer signed by an empty account (${empty.address.slice(0, 8)}...)`, unpaid.toHex(), {
    codes: [1010], pattern: /inability to pay some fees/i,
  });
}

/**
 * Case 7: the transaction pool's rules for one sender's nonce and the fee extension's asset.
 * A transfer with the same nonce and tip as one waiting in the pool is refused; with a higher
 * tip it replaces it (the first one's watcher hears `usurped`, the second is included). A
 * transfer signed with a mortal era that has ended is refused, and so is a fee in an asset that
 * does not exist. The first three are sent right after a block is imported, so that no block
 * includes the waiting transfer before the others arrive.
 */
async function replacementsAndEras(api, alice, watcher) {
  const bob = signer('//Bob').address;
  const before = (await heights(api)).best;
  if (!(await until(async () => (await heights(api)).best > before, ADVANCE_TIMEOUT, 100))) {
    throw new Error(`no block imported within ${ADVANCE_TIMEOUT / 1000} s`);
  }
  const nonce = await chainNonce(api, alice.address);
  const transfer = (amount, tip) => sign(api, api.tx.balances.transferKeepAlive(bob, amount), alice, nonce, { tip });
  const waiting = await watcher.submit(transfer(8n * UNIT, 0).toHex());
  if (waiting.error) throw new Error(`a valid transfer was refused: ${describe({ error: waiting.error })}`);
  await expectRefusal('7a same nonce, same tip', `a second transfer with nonce ${nonce} and tip 0 while the first waits`, transfer(9n * UNIT, 0).toHex(), {
    codes: [1014], pattern: /priority is too low/i,
  });
  const tip = UNIT / 1000n;
  const sent = `a third transfer with nonce ${nonce} and tip ${tip}, watched`;
  const replacing = await watcher.submit(transfer(10n * UNIT, tip).toHex());
  if (replacing.error) {
    record('7b same nonce, higher tip', sent, describe({ error: replacing.error }), false, 'expected to replace the waiting transfer');
  } else {
    const settled = await until(() => statusOf(waiting.statuses, 'usurped') && statusOf(replacing.statuses, 'inBlock'), ADVANCE_TIMEOUT, 200);
    const names = (statuses) => statuses.map(statusName).join(', ') || 'none';
    const text = `accepted; the waiting transfer: ${names(waiting.statuses)}; this one: ${names(replacing.statuses)}`;
    record('7b same nonce, higher tip', sent, text, settled, settled ? '' : 'expected the first usurped and this one in a block');
  }

  // An era of 4 blocks from block 1 ended long ago (the node calls its birth block ancient;
  // a signature check against another checkpoint would refuse it too).
  const birth = await api.rpc.chain.getBlockHash(1);
  const current = await chainNonce(api, alice.address);
  const era = api.registry.createType('ExtrinsicEra', { current: 1, period: 4 });
  const expired = sign(api, api.tx.balances.transferKeepAlive(bob, 11n * UNIT), alice, current, { era, blockHash: birth });
  await expectRefusal('7c expired mortal era', `transfer with an era of 4 blocks from block 1 (best #${(await heights(api)).best})`, expired.toHex(), {
    codes: [1010], pattern: /bad signature|ancient birth block/i,
  });
  const missing = 4_000_000_000;
  if ((await api.query.assets.asset(missing)).isSome) throw new Error(`asset ${missing} exists`);
  const inMissing = sign(api, api.tx.balances.transferKeepAlive(bob, 12n * UNIT), alice, current, { assetId: { WithId: missing } });
  await expectRefusal('7d fee in a missing asset', `transfer paying its fee in asset ${missing}, which does not exist`, inMissing.toHex(), {
    codes: [1010], pattern: /inability to pay some fees/i,
  });
}

/**
 * Case 8: swap paths far past `MaxSwapPathLength`, which the call decodes before it can check
 * the length. Its weight grows with the path, so a path of 100,000 assets cannot fit in a block
 * and is refused, and a path of 1,000 is included, fails with `InvalidPathLength` and pays the
 * fee of its full weight, the fee `paymentInfo` (`TransactionPaymentApi::query_info`) quoted.
 */
async function longPaths(api, alice, watcher) {
  const bob = signer('//Bob').address;
  const path = (length) => Array.from({ length }, () => ({ Native: null }));
  const swapCall = (length) => api.tx.amm.swapExactIn(path(length), UNIT, 1, bob, true, null);
  const swap = (length, nonce) => sign(api, swapCall(length), alice, nonce);
  const nonce = await chainNonce(api, alice.address);
  const huge = swap(100_000, nonce);
  await expectRefusal('8a swap path of 100,000', `swap_exact_in along 100,000 assets (${huge.encodedLength} bytes)`, huge.toHex(), {
    codes: [1010], pattern: /exhaust the block limits/i,
  });
  const long = swap(1_000, nonce);
  // The fee of the same call signed the same way (immortal, the same nonce: the same length).
  const quoted = (await swapCall(1_000).paymentInfo(alice, { era: 0, nonce })).partialFee.toBigInt();
  const sent = `swap_exact_in along 1,000 assets (${long.encodedLength} bytes), watched`;
  const watched = await watcher.submit(long.toHex());
  if (watched.error) {
    record('8b swap path of 1,000', sent, describe({ error: watched.error }), false, 'expected to be included and to fail');
    return;
  }
  if (!(await until(() => statusOf(watched.statuses, 'inBlock'), ADVANCE_TIMEOUT, 200))) {
    record('8b swap path of 1,000', sent, `not in a block within ${ADVANCE_TIMEOUT / 1000} s`, false);
    return;
  }
  const blockHash = statusOf(watched.statuses, 'inBlock').inBlock;
  const block = await api.rpc.chain.getBlock(blockHash);
  const index = block.block.extrinsics.findIndex((ext) => ext.hash.toHex() === long.hash.toHex());
  const events = (await (await api.at(blockHash)).query.system.events())
    .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index)
    .map(({ event }) => event);
  const failed = events.find((event) => api.events.system.ExtrinsicFailed.is(event));
  const error = failed ? chainError(api, failed.data.dispatchError) : null;
  const paid = events.find((event) => api.events.transactionPayment.TransactionFeePaid.is(event));
  const fee = paid ? paid.data.actualFee.toBigInt() : null;
  const text = `included; ${error ? error.code : 'no error'}; fee ${fee} (quoted ${quoted})`;
  const ok = error?.code === 'amm.InvalidPathLength' && fee === quoted;
  record('8b swap path of 1,000', sent, text, ok, ok ? '' : 'expected amm.InvalidPathLength and the quoted fee');
}

/** `text` for a markdown table cell: whitespace runs as one space, pipes escaped. */
const cell = (text) => oneLine(text).replace(/\|/g, '\\|');

function printSummary() {
  console.log('');
  console.log('| Case | Sent | RPC error |');
  console.log('| --- | --- | --- |');
  for (const row of rows) {
    const status = passed(row) ? '' : ' **FAILED**';
    console.log(`| ${cell(row.id)}${status} | ${cell(row.sent)} | \`\` ${cell(row.error)} \`\` |`);
  }
  console.log('');
  for (const name of Object.keys(chain)) {
    console.log(`chain after ${name}: ${chain[name].ok ? 'producing and finalizing' : 'STOPPED'} (${chain[name].detail})`);
  }
  for (const what of extraFailures) console.log(`failed: ${what}`);
  const ok = rows.filter(passed).length;
  const failed = rows.length - ok + extraFailures.length;
  console.log(`rpc faults: ${ok} passed, ${failed} failed`);
  return failed;
}

async function main() {
  const api = await connect(ENDPOINT);
  const watcher = await Watcher.open();
  try {
    const alice = signer('//Alice');
    const start = await heights(api);
    console.log(`[rpc-faults] node at ${ENDPOINT}: best #${start.best}, finalized #${start.finalized}`);
    const groups = [
      ['case 1', 'malformed extrinsic bytes', () => malformed(api, alice)],
      ['case 2', 'bad signature', () => badSignature(api, alice)],
      ['case 3', 'stale and far-future nonces', () => nonces(api, alice, watcher)],
      ['case 4', `flood past the pool limit (--pool-limit ${POOL_LIMIT})`, () => flood(api, watcher)],
      ['case 5', 'oversized extrinsics', () => oversized(api, alice)],
      ['case 6', 'wrong genesis, wrong spec version, unpaid fee', () => wrongChain(api, alice)],
      ['case 7', 'same nonce, higher tip, expired era, fee in a missing asset', () => replacementsAndEras(api, alice, watcher)],
      ['case 8', 'swap paths far past the limit', () => longPaths(api, alice, watcher)],
    ];
    let future = null;
    let before = start;
    for (const [name, title, run] of groups) {
      group = name;
      console.log(`[rpc-faults] ${name}: ${title}`);
      const count = rows.length;
      try {
        const outcome = await run();
        if (name === 'case 3') future = outcome;
      } catch (error) {
        extraFailure(`${name} could not run: ${error.message}`);
      }
      if (rows.length === count) extraFailure(`${name} recorded no case`);
      chain[name] = await chainAdvances(api, name, before);
      before = chain[name];
    }
    // The far-future transaction was never included, and Alice's nonce never reached it.
    if (future) {
      group = 'case 3';
      const block = await includedSince(api, future.from, future.hash);
      const nonce = await chainNonce(api, alice.address);
      const later = future.statuses.map((s) => JSON.stringify(s)).join(', ');
      if (block !== null || nonce >= future.nonce) {
        failRow(future.row, `the far-future transaction was included (block #${block}, Alice's nonce ${nonce})`);
      } else {
        console.log(`  ok   3b far-future nonce: not in blocks #${future.from}..#${before.best}, Alice's nonce ${nonce} < ${future.nonce}; statuses: ${later}`);
      }
    }
    group = 'end';
    const end = await chainAdvances(api, 'all cases', before);
    if (!end.ok) extraFailure(`the chain stopped after all cases (${end.detail})`);
    console.log(`[rpc-faults] chain over the run: best #${start.best} -> #${end.best}, finalized #${start.finalized} -> #${end.finalized}`);
  } finally {
    await watcher.close();
    await api.disconnect().catch(() => {});
  }
}

const watchdog = setTimeout(() => {
  extraFailure(`the run took longer than ${RUN_TIMEOUT / 1000} s (case ${group})`);
  printSummary();
  process.exit(1);
}, RUN_TIMEOUT);

process.on('SIGTERM', () => {
  extraFailure(`stopped by SIGTERM (case ${group})`);
  printSummary();
  process.exit(1);
});

try {
  await main();
} catch (error) {
  extraFailure(`run: ${error.message}`);
}
clearTimeout(watchdog);
process.exit(printSummary() === 0 ? 0 : 1);
