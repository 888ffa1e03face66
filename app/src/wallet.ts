// Accounts the app signs with: the Polkadot.js extension and compatible ones through the
// standard injected-accounts interface, and, on a development chain, the dev accounts.
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { web3Accounts, web3Enable, web3FromSource } from '@polkadot/extension-dapp';
import type { Account } from './chain';

/** The dev accounts every development chain endows. */
const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** The dev accounts, signing with their well-known keys (development chains only). */
export async function devAccounts(ss58Format: number): Promise<Account[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format });
  return DEV_NAMES.map((name) => {
    const pair = keyring.addFromUri(`//${name}`);
    return { address: pair.address, name: `${name} (dev)`, pair };
  });
}

/**
 * The accounts of every injected extension that the user lets the app see; empty when there is
 * no extension or the user declines.
 */
export async function extensionAccounts(ss58Format: number): Promise<Account[]> {
  const extensions = await web3Enable('DEX');
  if (extensions.length === 0) return [];
  const injected = await web3Accounts({ ss58Format });
  const result: Account[] = [];
  for (const account of injected) {
    const injector = await web3FromSource(account.meta.source);
    result.push({
      address: account.address,
      name: `${account.meta.name ?? account.address.slice(0, 8)} (${account.meta.source})`,
      signer: injector.signer,
    });
  }
  return result;
}
