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

/** Connects to a node; the endpoint defaults to $DEX_WS or the dev chain's ws://127.0.0.1:9944. */
export async function connect(endpoint) {
  endpoint = endpoint || process.env.DEX_WS || 'ws://127.0.0.1:9944';
  const provider = new WsProvider(endpoint, 1000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true, signedExtensions: SIGNED_EXTENSIONS });
}

/** A signer from a dev URI (`//Alice`) or a seed phrase. */
export function signer(uri) {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri);
}

/**
 * Signs and submits `tx` (with signing `options` such as `{ assetId }` to pay its fee in an asset),
 * resolves with its events once it is in a block (the array also carries `blockHash`), and rejects
 * with the decoded module error if it failed.
 */
export function submit(api, tx, from, options = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(from, options, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        unsubscribe();
        if (dispatchError.isModule) {
          const { section, name, docs } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}: ${docs.join(' ')}`));
        } else {
          reject(new Error(dispatchError.toString()));
        }
        return;
      }
      if (status.isInBlock) {
        unsubscribe();
        const result = events.map(({ event }) => event);
        result.blockHash = status.asInBlock;
        resolve(result);
      } else if (status.isDropped || status.isInvalid || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
      }
    }).then((u) => { unsubscribe = u; }, reject);
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
