// Helper of scripts/crash-recovery.sh, against the node at $DEX_WS.
//   node crash-check.mjs prepare FILE   creates a pool with liquidity, waits until that block is
//                                        finalized, writes its hash, number and the pool's reserves
//                                        to FILE, then keeps the node busy with swaps (never returns)
//   node crash-check.mjs verify FILE    after a restart: the finalized head is at or past the saved
//                                        block, the saved block and the pool's reserves there are
//                                        unchanged, and the chain advances again
// Prints "crash recovery: N passed, M failed" (verify) and exits non-zero on a failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { big, checker, connect, findEvent, freeAssetId, signer, submit } from './lib.mjs';

const UNIT = 10n ** 12n;
const NATIVE = { Native: null };

async function finalizedNumber(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

async function prepare(api, file) {
  const alice = signer('//Alice');
  const id = await freeAssetId(api, 7000);
  const token = { WithId: id };
  await submit(api, api.tx.assets.create(id, alice.address, 1), alice);
  await submit(api, api.tx.assets.mint(id, alice.address, 10n ** 9n * UNIT), alice);
  await submit(api, api.tx.amm.createPool(NATIVE, token, null), alice);
  const added = await submit(api, api.tx.amm.addLiquidity(NATIVE, token, 1000n * UNIT, 3000n * UNIT, 0, 0, alice.address, null), alice);
  findEvent(added, 'amm', 'LiquidityAdded');
  const number = (await api.rpc.chain.getHeader(added.blockHash)).number.toNumber();
  while ((await finalizedNumber(api)) < number) await new Promise((resolve) => setTimeout(resolve, 500));
  const pool = (await (await api.at(added.blockHash)).call.ammApi.pool(NATIVE, token)).unwrap();
  writeFileSync(file, JSON.stringify({
    token,
    hash: added.blockHash.toHex(),
    number,
    reserves: [big(pool.reserves[0]).toString(), big(pool.reserves[1]).toString()],
  }));
  console.log(`[crash] pool DEX/${id} finalized at #${number}; keeping the node busy with swaps`);
  // Swaps until the node is killed: each block the node authors and imports then carries them.
  for (let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber(); ; nonce += 1) {
    await api.tx.amm.swapExactIn([NATIVE, token], UNIT, 0, alice.address, true, null).signAndSend(alice, { nonce });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function verify(api, file) {
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  const { check, counts } = checker();
  const finalized = await finalizedNumber(api);
  check('finalized head at or past the saved block', finalized >= saved.number, true);
  check('saved block still in the chain', (await api.rpc.chain.getBlockHash(saved.number)).toHex(), saved.hash);
  const pool = (await (await api.at(saved.hash)).call.ammApi.pool(NATIVE, saved.token)).unwrap();
  check('pool reserves at the saved block', `${big(pool.reserves[0])}/${big(pool.reserves[1])}`, saved.reserves.join('/'));
  const now = (await api.call.ammApi.pool(NATIVE, saved.token)).unwrap();
  check('pool still served at the best block', big(now.lpSupply) > 0n, true);
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  let advanced = false;
  for (let i = 0; i < 60 && !advanced; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    advanced = (await finalizedNumber(api)) > Math.max(best, finalized);
  }
  check('blocks are produced and finalized after the restart', advanced, true);
  console.log(`crash recovery: ${counts.passed} passed, ${counts.failed} failed`);
  return counts.failed === 0;
}

const [mode, file] = process.argv.slice(2);
const api = await connect();
if (mode === 'prepare') {
  await prepare(api, file);
} else if (mode === 'verify') {
  const ok = await verify(api, file);
  await api.disconnect();
  process.exit(ok ? 0 : 1);
} else {
  console.error('usage: node crash-check.mjs prepare|verify FILE');
  process.exit(2);
}
