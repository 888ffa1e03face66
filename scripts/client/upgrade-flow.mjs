// Runtime upgrade of a running network, end to end (zombienet/0002-upgrade.zndsl): on the old
// runtime, builds state that the upgrade must keep (a pool with liquidity and a swap's fees, an LP
// lock, a price oracle with history, a farm created by root with a stake, a stake in the genesis
// farm); upgrades through root (`sudo`, the old runtime's governance) with
// `system.authorizeUpgrade(hash)` and `system.applyAuthorizedUpgrade(code)`; then checks that
// every node reports the higher spec version, that the state of balances, assets, LP tokens,
// pools, locks and stakes is byte for byte the same before and after the block that ran the
// migrations, that every farm kept its fields and got the old accumulator scale, and that swaps
// (received = quote), claims (reward = rate x blocks) and governance (a council seeded by root
// creates a farm by motion) work on the new runtime.
import fs from 'fs';
import { WsProvider } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex, xxhashAsHex } from '@polkadot/util-crypto';
import { big, blockNumber, connect, councilMotion, createToken, findEvent, signer, submit, waitForBlock } from './lib.mjs';

const UNIT = 10n ** 12n;
const RATE = UNIT;
// One staker with a stake that divides RATE x 10^18 (the old accumulator scale): every block
// pays exactly RATE.
const BOB_STAKE = 10n ** 15n;
const LEGACY_PRECISION = 10n ** 18n;
const PRECISION = 10n ** 36n;
/** The well-known storage key of the runtime's code (`:code`). */
export const CODE_KEY = '0x3a636f6465';

/** twox128 of each name, concatenated: the storage prefix of a pallet or of one of its items. */
const prefix = (...names) => '0x' + names.map((n) => xxhashAsHex(n, 128).slice(2)).join('');

/** Every key under `keyPrefix` at block `at` with its raw value, through plain RPCs. */
export async function rawEntries(rpc, keyPrefix, at) {
  const entries = new Map();
  let start = null;
  for (;;) {
    const keys = await rpc.send('state_getKeysPaged', [keyPrefix, 500, start, at]);
    if (keys.length === 0) break;
    const [set] = await rpc.send('state_queryStorageAt', [keys, at]);
    for (const [key, value] of set.changes) entries.set(key, value);
    if (keys.length < 500) break;
    start = keys[keys.length - 1];
  }
  return entries;
}

/** A type registry with the metadata of the runtime of block `at`'s state. */
async function registryAt(rpc, at) {
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, await rpc.send('state_getMetadata', [at])));
  return registry;
}

/** The type of the values of storage item `pallet.item` in `registry`'s metadata. */
function storageValueType(registry, pallet, item) {
  const storage = registry.metadata.pallets.find((p) => p.name.eq(pallet)).storage.unwrap();
  const entry = storage.items.find((i) => i.name.eq(item)).type;
  return registry.createLookupType(entry.isMap ? entry.asMap.value : entry.asPlain);
}

/** The keys whose values differ between two raw snapshots (or that only one has). */
function differences(before, after, ignored) {
  const keep = (key) => !ignored.some((p) => key.startsWith(p));
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => keep(k) && before.get(k) !== after.get(k));
}

/** `call` dispatched by sudo Alice; throws if it failed. */
async function sudo(api, call) {
  const events = await submit(api, api.tx.sudo.sudo(call), signer('//Alice'));
  const result = findEvent(events, 'sudo', 'Sudid').data.sudoResult;
  if (result.isErr) throw new Error(`sudo ${call.method.section}.${call.method.method} failed: ${result.asErr}`);
  return events;
}

/**
 * State of everything the upgrade must keep, built through the old runtime's calls (the dev or
 * local chain of spec 102, whose sudo key is Alice's): a new token and its pool with liquidity,
 * a swap, an LP lock, a farm created by root with Bob's stake, and Alice's stake in the genesis
 * farm; returns once Bob's stake has earned for two blocks.
 */
export async function buildOldState(api) {
  const alice = signer('//Alice');
  const bob = signer('//Bob');
  const native = { Native: null };
  const id = await createToken(api, alice, { from: 3000, symbol: 'TUPG', decimals: 12, supply: 10n ** 6n * UNIT });
  const asset = { WithId: id };
  const created = await submit(api, api.tx.amm.createPool(native, asset, null), alice);
  const lpToken = findEvent(created, 'amm', 'PoolCreated').data.lpToken.toNumber();
  await submit(api, api.tx.amm.addLiquidity(native, asset, 10_000n * UNIT, 10_000n * UNIT, 0, 0, alice.address, null), alice);
  const quote = (await api.call.ammApi.quoteExactIn([native, asset], 10n * UNIT)).unwrap();
  await submit(api, api.tx.amm.swapExactIn([native, asset], 10n * UNIT, big(quote.amountOut), alice.address, true, null), alice);
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await submit(api, api.tx.amm.lockLpTokens(native, asset, 100n * UNIT, head + 100_000), alice);
  const start = head + 3;
  const farmEvents = await sudo(api,
    api.tx.liquidityMining.createFarm(lpToken, native, RATE, start, start + 100_000, 10n ** 6n * UNIT));
  const farmId = findEvent(farmEvents, 'liquidityMining', 'FarmCreated').data.farmId.toNumber();
  await submit(api, api.tx.poolAssets.transfer(lpToken, bob.address, BOB_STAKE), alice);
  const staked = await submit(api, api.tx.liquidityMining.stake(farmId, BOB_STAKE), bob);
  const stakedAt = await blockNumber(api, staked.blockHash);
  // Alice also stakes half of what she holds of the genesis farm's LP token, if any.
  const genesisFarm = (await api.query.liquidityMining.farms.entries())
    .map(([key, farm]) => [key.args[0].toNumber(), farm.unwrap()])
    .find(([fid]) => fid !== farmId);
  if (genesisFarm) {
    const held = await api.query.poolAssets.account(genesisFarm[1].lpToken, alice.address);
    const half = held.isSome ? held.unwrap().balance.toBigInt() / 2n : 0n;
    if (half > 0n) await submit(api, api.tx.liquidityMining.stake(genesisFarm[0], half), alice);
  }
  await waitForBlock(api, Math.max(stakedAt, start) + 2);
  console.log(`old-runtime state: pool of LP token ${lpToken}, farm ${farmId} (Bob from block ${stakedAt})`);
  return { native, asset, lpToken, farmId, stakedAt, start };
}

/**
 * The flow against the node at `endpoint`; `nodes` are every validator's RPC endpoint and
 * `codePath` the new runtime's compressed wasm.
 */
export async function upgradeFlow(endpoint, { check }, { nodes, codePath }) {
  let api = await connect(endpoint);
  const rpc = new WsProvider(endpoint, 1000, {}, 60_000);
  await rpc.isReady;
  try {
    const [alice, bob] = [signer('//Alice'), signer('//Bob')];
    const oldSpec = api.runtimeVersion.specVersion.toNumber();
    console.log(`old runtime: spec ${oldSpec}`);
    const { native, asset, lpToken, farmId, stakedAt, start } = await buildOldState(api);


    // --- The upgrade, through root --------------------------------------------------------
    const code = fs.readFileSync(codePath);
    const codeHash = blake2AsHex(code, 256);
    await sudo(api, api.tx.system.authorizeUpgrade(codeHash));
    const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(u8aToHex(code)), alice);
    // The block that applied the code already stores it, so a client decodes that block's events
    // with the new runtime's metadata and may find none of this extrinsic's: the stored code is
    // the evidence.
    const rejected = applied.find((e) => e.section === 'system' && e.method === 'RejectedInvalidAuthorizedUpgrade');
    if (rejected) throw new Error(`the chain rejected the new code: ${rejected.data.error.toString()}`);
    const stored = await rpc.send('state_getStorage', [CODE_KEY, applied.blockHash.toHex()]);
    check('code stored by applyAuthorizedUpgrade', stored ? blake2AsHex(hexToU8a(stored), 256) : 'none', codeHash);
    const appliedAt = await blockNumber(api, applied.blockHash);
    console.log(`code ${codeHash} (${code.length} bytes) set in block ${appliedAt}`);
    // The new code runs from the next block on, which runs the migrations first.
    await waitForBlock(api, appliedAt + 2);
    const before = applied.blockHash.toHex();
    const after = (await api.rpc.chain.getBlockHash(appliedAt + 1)).toHex();
    const newVersion = await rpc.send('state_getRuntimeVersion', [after]);
    check('spec version after the upgrade is higher', newVersion.specVersion > oldSpec, true);
    for (const [name, uri] of nodes) {
      const node = new WsProvider(uri, 1000, {}, 30_000);
      await node.isReady;
      const version = await node.send('state_getRuntimeVersion', []);
      check(`${name} reports spec version`, version.specVersion, newVersion.specVersion);
      await node.disconnect();
    }

    // --- Nothing the users hold changed ---------------------------------------------------
    const versionKey = (pallet) => prefix(pallet, ':__STORAGE_VERSION__:');
    const unchanged = [
      ['balances of every account', prefix('System', 'Account'), []],
      ['balances pallet (issuance, locks, holds)', prefix('Balances'), []],
      ['assets, their accounts and approvals', prefix('Assets'), []],
      ['LP tokens and their holders', prefix('PoolAssets'), []],
      // The oracles sample every block; the rest is pools, fee tiers, locks, deposits.
      ['pools, fee tiers, LP locks', prefix('Amm'), [prefix('Amm', 'Oracles'), prefix('Amm', 'Observations')]],
      ['stakes, farm index and endings', prefix('LiquidityMining'), [prefix('LiquidityMining', 'Farms'), versionKey('LiquidityMining')]],
      ['sudo key', prefix('Sudo'), []],
    ];
    for (const [what, keyPrefix, ignored] of unchanged) {
      const [old, now] = [await rawEntries(rpc, keyPrefix, before), await rawEntries(rpc, keyPrefix, after)];
      const changed = differences(old, now, ignored);
      check(`${what}: ${old.size} keys, changed by the upgrade`, changed.length, 0);
      if (changed.length) console.log(`    changed keys: ${changed.slice(0, 5).join(' ')}`);
    }
    const version = async (at) => (await rpc.send('state_getStorage', [versionKey('LiquidityMining'), at])) || '0x0000';
    check('liquidity-mining storage version before', await version(before), '0x0000');
    check('liquidity-mining storage version after', await version(after), '0x0100');

    // Farms: every field kept, the old accumulator scale recorded. Each side is decoded with the
    // metadata of the runtime that wrote it: the old one's is that of the block before `before`
    // (whose state still holds the old code).
    const parent = (await api.rpc.chain.getHeader(before)).parentHash.toHex();
    const farmsAt = async (hash, metadataAt) => {
      const registry = await registryAt(rpc, metadataAt);
      const valueType = storageValueType(registry, 'LiquidityMining', 'Farms');
      const raw = await rawEntries(rpc, prefix('LiquidityMining', 'Farms'), hash);
      // Twox64Concat keys: the farm id (u32, little endian) is the key's last four bytes.
      return new Map([...raw].map(([key, value]) => [
        Buffer.from(key.slice(-8), 'hex').readUInt32LE(0),
        registry.createType(valueType, value).toJSON(),
      ]));
    };
    const [oldFarms, newFarms] = [await farmsAt(before, parent), await farmsAt(after, after)];
    check('farms after the upgrade', newFarms.size, oldFarms.size);
    for (const [fid, old] of oldFarms) {
      const { accPrecision, ...kept } = newFarms.get(fid) || {};
      check(`farm ${fid} fields unchanged`, JSON.stringify(kept), JSON.stringify(old));
      check(`farm ${fid} accumulator scale`, big(accPrecision ?? 0), LEGACY_PRECISION);
    }

    // --- The new runtime works ------------------------------------------------------------
    // A client that connects now, as wallets do, decorates its calls from the new metadata.
    await api.disconnect();
    api = await connect(endpoint);
    const q = (await api.call.ammApi.quoteExactIn([native, asset], 10n * UNIT)).unwrap();
    const swapped = await submit(api, api.tx.amm.swapExactIn([native, asset], 10n * UNIT, big(q.amountOut), bob.address, true, null), alice);
    check('swap after the upgrade received = quote', big(findEvent(swapped, 'amm', 'SwapExecuted').data.amountOut), big(q.amountOut));
    const claimed = await submit(api, api.tx.liquidityMining.claim(farmId, null), bob);
    const claimedAt = await blockNumber(api, claimed.blockHash);
    const expected = RATE * BigInt(claimedAt - Math.max(stakedAt, start));
    check(`Bob's claim for blocks ${Math.max(stakedAt, start)}..${claimedAt}, across the upgrade`,
      big(findEvent(claimed, 'liquidityMining', 'Claimed').data.amount), expected);

    // Governance the old runtime lacked: root seeds the council, the council creates a farm.
    const council = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((uri) => signer(uri).address).sort();
    await sudo(api, api.tx.councilMembership.resetMembers(council));
    check('council members', (await api.query.council.members()).length, 4);
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    const motion = await councilMotion(api,
      api.tx.liquidityMining.createFarm(lpToken, native, RATE, now + 10, now + 1000, 10n ** 6n * UNIT));
    const newFarm = findEvent(motion, 'liquidityMining', 'FarmCreated').data.farmId.toNumber();
    const info = (await api.query.liquidityMining.farms(newFarm)).unwrap();
    check(`farm ${newFarm} created by council motion, accumulator scale`, big(info.accPrecision), PRECISION);
  } finally {
    await rpc.disconnect().catch(() => {});
    await api.disconnect();
  }
}
