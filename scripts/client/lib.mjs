// Helpers shared by the client scripts: connecting, signing and submitting transactions.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

/** Connects to a node; the endpoint defaults to $DEX_WS or the dev chain's ws://127.0.0.1:9944. */
export async function connect(endpoint = process.env.DEX_WS || 'ws://127.0.0.1:9944') {
  const provider = new WsProvider(endpoint, 1000, {}, 30_000);
  return ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
}

/** A signer from a dev URI (`//Alice`) or a seed phrase. */
export function signer(uri) {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri);
}

/**
 * Signs and submits `tx`, resolves with its events once it is in a block, and rejects with the
 * decoded module error if it failed.
 */
export function submit(api, tx, from) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(from, ({ status, events, dispatchError }) => {
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
        resolve(events.map(({ event }) => event));
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
