// Helpers shared by the client scripts: connecting, signing and submitting transactions.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

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

/** The node the scripts talk to unless told otherwise: the dev chain's RPC port. */
export const DEFAULT_WS = 'ws://127.0.0.1:9944';

/** Connects to a node; the endpoint defaults to $DEX_WS or the dev chain's ws://127.0.0.1:9944. */
export async function connect(endpoint) {
  endpoint = endpoint || process.env.DEX_WS || DEFAULT_WS;
  const provider = new WsProvider(endpoint, 1000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true, signedExtensions: SIGNED_EXTENSIONS });
}

/**
 * Connects to a node once, without retrying: rejects within `timeoutMs` with a readable error if
 * the node cannot be reached (where `connect` keeps retrying, as the flows want while a node
 * starts).
 */
export async function connectOnce(endpoint, timeoutMs = 10_000) {
  endpoint = endpoint || process.env.DEX_WS || DEFAULT_WS;
  const provider = new WsProvider(endpoint, false, {}, 30_000);
  try {
    await new Promise((resolve, reject) => {
      const silent = () => reject(new Error(`no answer within ${timeoutMs / 1000} s`));
      const timer = setTimeout(silent, timeoutMs);
      const settle = (fn, value) => {
        clearTimeout(timer);
        offConnected();
        offError();
        fn(value);
      };
      const offConnected = provider.on('connected', () => settle(resolve));
      const offError = provider.on('error', (e) => {
        settle(reject, new Error(e?.message || e?.error?.message || 'connection refused'));
      });
      provider.connect().catch((e) => settle(reject, e));
    });
    const options = { provider, noInitWarn: true, throwOnConnect: true };
    return await ApiPromise.create({ ...options, signedExtensions: SIGNED_EXTENSIONS });
  } catch (error) {
    await provider.disconnect().catch(() => {});
    throw new Error(
      `cannot reach a node at ${endpoint} (${error.message}): start one (scripts/run-dev.sh) or ` +
        'point --ws or $DEX_WS at one',
    );
  }
}

/** A signer from a dev URI (`//Alice`) or a seed phrase. */
export function signer(uri) {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri);
}

/** An error the chain reported, with its `code` (`amm.PoolNotFound`, `token.FundsUnavailable`). */
export class ChainError extends Error {
  constructor(code, explanation) {
    super(`${code}: ${explanation}`);
    this.code = code;
  }
}

/** `TokenError`, `ArithmeticError`, `TransactionalError` and `DispatchError` in words. */
const DISPATCH_WORDS = {
  token: {
    FundsUnavailable: 'the account does not hold enough of a token for this',
    OnlyProvider: 'the account would be removed while it is the only provider of references',
    BelowMinimum: "an account would be left or created below the token's minimum balance",
    CannotCreate: 'the receiving account cannot be created',
    UnknownAsset: 'the asset does not exist',
    Frozen: 'the funds are frozen',
    Unsupported: 'the asset does not support this operation',
    CannotCreateHold: 'no hold can be placed: the account has no provider reference',
    NotExpendable: 'this would take the account below its existential deposit',
    Blocked: 'the account may not send or receive this asset',
  },
  arithmetic: {
    Underflow: 'an amount would fall below zero (a balance is too low)',
    Overflow: 'an amount would exceed the largest balance',
    DivisionByZero: 'a division by zero',
  },
  transactional: {
    LimitReached: 'too many nested transactional layers',
    NoLayer: 'no transactional layer was open',
  },
  dispatch: {
    Other: 'an unspecified error',
    CannotLookup: 'an address could not be looked up',
    BadOrigin: 'the signer may not make this call',
    ConsumerRemaining: 'the account still has consumer references and cannot be removed',
    NoProviders: 'the account has no provider reference (it holds no native tokens)',
    TooManyConsumers: 'the account has too many consumer references',
    Exhausted: "the block's resources are exhausted; retry in a later block",
    Corruption: 'the chain state is inconsistent',
    Unavailable: 'a resource is not available right now; retry',
    RootNotAllowed: 'the root origin may not make this call',
  },
};

/** A failed extrinsic's `dispatchError` as a `ChainError`: module errors by name and docs. */
export function chainError(api, dispatchError) {
  if (dispatchError.isModule) {
    try {
      const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
      const words = docs.join(' ').trim() || 'no description in the metadata';
      return new ChainError(`${section}.${name}`, words);
    } catch {
      return new ChainError('dispatch.Module', `unknown module error ${dispatchError.toString()}`);
    }
  }
  for (const kind of ['Token', 'Arithmetic', 'Transactional']) {
    if (dispatchError[`is${kind}`]) {
      const [section, variant] = [kind.toLowerCase(), dispatchError[`as${kind}`].type];
      return new ChainError(`${section}.${variant}`, DISPATCH_WORDS[section][variant] || variant);
    }
  }
  const { type } = dispatchError;
  const words = DISPATCH_WORDS.dispatch[type] || dispatchError.toString();
  return new ChainError(`dispatch.${type}`, words);
}

/** Why the node's transaction pool refused a transaction (e.g. RPC error 1010), in words. */
const POOL_REFUSALS = [
  [/Inability to pay some fees/i, 'CannotPayFee', 'the signer cannot pay the transaction fee: it ' +
    'holds too little of the fee asset (or, with --fee-in, the asset has no native-token pool)'],
  [/Priority is too low/i, 'PriorityTooLow',
    'a transaction of the signer with the same nonce is already waiting; let it land first'],
  [/outdated|stale/i, 'Outdated', "the transaction's nonce is already used; retry"],
  [/bad signature|BadProof/i, 'BadProof', 'the signature does not verify'],
  [/ExhaustsResources/i, 'ExhaustsResources', 'the transaction does not fit in a block'],
];

/** `error` from submitting a transaction; a `ChainError` (`pool.CannotPayFee`, ...) if refused. */
export function poolRefusal(error) {
  const found = POOL_REFUSALS.find(([pattern]) => pattern.test(error.message));
  return found ? new ChainError(`pool.${found[1]}`, `${found[2]} (node: ${error.message})`) : error;
}

/**
 * Signs and submits `tx` (with signing `options` such as `{ assetId }` to pay its fee in an asset),
 * resolves with its events once it is in a block (the array also carries `blockHash`), and rejects
 * with a `ChainError` if it failed: `section.Name: docs` for a module error (e.g.
 * `amm.PoolNotFound: There is no pool of these assets.`), `token.FundsUnavailable: ...` and the
 * like otherwise.
 */
export function submit(api, tx, from, options = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(from, options, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        unsubscribe();
        const error = chainError(api, dispatchError);
        error.message += ` (in ${tx.method.section}.${tx.method.method})`;
        reject(error);
        return;
      }
      if (status.isInBlock) {
        unsubscribe();
        const result = events.map(({ event }) => event);
        result.blockHash = status.asInBlock;
        resolve(result);
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        unsubscribe();
        const why = `the node's pool let the transaction go (${status.type}) before a block had it`;
        reject(new ChainError(`pool.${status.type}`, why));
      }
    }).then((u) => { unsubscribe = u; }, (error) => reject(poolRefusal(error)));
  });
}

/** The first event `section.method` among `events`, or an error naming what was missing. */
export function findEvent(events, section, method) {
  const event = events.find((e) => e.section === section && e.method === method);
  if (!event) throw new Error(`no ${section}.${method} event`);
  return event;
}

/** `value` as a BigInt, from a codec, number or string. */
export const big = (value) => BigInt(value.toString());

/** The number of the block with hash `hash`. */
export async function blockNumber(api, hash) {
  return (await api.rpc.chain.getHeader(hash)).number.toNumber();
}

/** Waits until the best block is at least `target`. */
export async function waitForBlock(api, target) {
  for (;;) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    if (best >= target) return best;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** A counter of checks that prints each one; `summary()` gives the closing line's numbers. */
export function checker() {
  const counts = { passed: 0, failed: 0 };
  return {
    counts,
    check(what, actual, expected) {
      if (actual === expected) {
        counts.passed += 1;
        console.log(`  ok   ${what}: ${actual}`);
      } else {
        counts.failed += 1;
        console.log(`  FAIL ${what}: got ${actual}, expected ${expected}`);
      }
    },
    fail(error) {
      counts.failed += 1;
      console.error(`  FAIL ${error.message}`);
    },
  };
}

/**
 * Runs `flow(endpoint, checks)` and returns its counts; when the module is the program being run,
 * prints `name: N passed, M failed` and exits non-zero on failure.
 */
export async function runFlow(name, flow, endpoint) {
  const checks = checker();
  try {
    await flow(endpoint, checks);
  } catch (error) {
    checks.fail(error);
  }
  console.log(`${name}: ${checks.counts.passed} passed, ${checks.counts.failed} failed`);
  return checks.counts;
}

/** Whether the module at `moduleUrl` is the program node was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] && new URL(moduleUrl).pathname === process.argv[1];
}

/** The first asset id at or above `from` that is free in `Assets`. */
export async function freeAssetId(api, from) {
  for (let id = from; ; id += 1) {
    if ((await api.query.assets.asset(id)).isNone) return id;
  }
}

/**
 * Creates a token at the first free id at or above `from`, owned by `owner` (minimum balance 1),
 * with `symbol` as its name and symbol and `decimals`, and mints `supply` to the owner; resolves
 * with its id.
 */
export async function createToken(api, owner, { from, symbol, decimals, supply }) {
  const id = await freeAssetId(api, from);
  await submit(api, api.tx.assets.create(id, owner.address, 1), owner);
  await submit(api, api.tx.assets.setMetadata(id, symbol, symbol, decimals), owner);
  await submit(api, api.tx.assets.mint(id, owner.address, supply), owner);
  return id;
}

/** The development accounts by address, for finding the council's keys. */
const DEV_URIS = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie'];

/**
 * Passes `tx` through the council: the first member with a development key proposes it with a
 * two-thirds threshold, enough members vote for it, and the motion is closed. Resolves with the
 * events of the close (where the call's own events are) once the call executed; rejects if the
 * chain's council has too few development keys or the call failed. Councils of real chains vote
 * by hand; this is for development and test networks, whose council is development accounts.
 */
export async function councilMotion(api, tx) {
  const members = (await api.query.council.members()).map((m) => m.toString());
  const keys = DEV_URIS.map(signer).filter((k) => members.includes(k.address));
  const threshold = Math.ceil((2 * members.length) / 3);
  if (keys.length < threshold) {
    throw new Error(`the council has ${keys.length} development keys, a motion needs ${threshold}`);
  }
  const voters = keys.slice(0, threshold);
  const length = tx.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(threshold, tx.method, length), voters[0]);
  const { proposalIndex, proposalHash } = findEvent(proposed, 'council', 'Proposed').data;
  // Proposing is no vote: every voter votes, each from its own account, in parallel.
  await Promise.all(voters.map((v) => submit(api, api.tx.council.vote(proposalHash, proposalIndex, true), v)));
  const weight = (await tx.paymentInfo(voters[0].address)).weight;
  const closed = await submit(api, api.tx.council.close(proposalHash, proposalIndex, weight, length), voters[0]);
  const executed = findEvent(closed, 'council', 'Executed');
  const result = executed.data.result;
  if (result.isErr) throw new ChainError('council.Executed', `the motion's call failed: ${chainError(api, result.asErr).message}`);
  return closed;
}
