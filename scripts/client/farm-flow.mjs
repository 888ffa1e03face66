// End-to-end liquidity mining flow on a running node: creates an asset, then a pool and its first
// deposit in one utility.batchAll, has the council create a farm by a two-thirds motion, stakes from two accounts, waits, claims and checks that
// each reward equals rate x blocks x share exactly, then unstakes. Prints "N passed, M failed";
// exits non-zero on any failure.
import {
  big, blockNumber, connect, councilMotion, createToken, findEvent, isMain, runFlow, signer, submit,
  waitForBlock,
} from './lib.mjs';

const UNIT = 10n ** 12n;
// Stakes that divide the emission scaled by the accumulator precision (10^36), so every share is
// a whole number of units.
const ALICE_STAKE = 10n ** 15n;
const BOB_STAKE = 3n * 10n ** 15n;
const RATE = UNIT;

/** The flow against the node at `endpoint`, recording each check in `checks`. */
export async function farmFlow(endpoint, { check }) {
  const api = await connect(endpoint);
  try {
    const alice = signer('//Alice');
    const bob = signer('//Bob');
    const native = { Native: null };

    // A pool DEX/TFARM with Alice's liquidity; Bob gets some of her LP tokens.
    const id = await createToken(api, alice, { from: 2000, symbol: 'TFARM', decimals: 12, supply: 10n ** 6n * UNIT });
    const asset = { WithId: id };
    // The pool and its first deposit in one atomic batch, as wallets send them.
    const created = await submit(api, api.tx.utility.batchAll([
      api.tx.amm.createPool(native, asset, null),
      api.tx.amm.addLiquidity(native, asset, 10_000n * UNIT, 10_000n * UNIT, 0, 0, alice.address, null),
    ]), alice);
    const lpToken = findEvent(created, 'amm', 'PoolCreated').data.lpToken.toNumber();
    check('batched first deposit (DEX)', big(findEvent(created, 'amm', 'LiquidityAdded').data.amount1), 10_000n * UNIT);
    await submit(api, api.tx.poolAssets.transfer(lpToken, bob.address, BOB_STAKE), alice);

    // A farm minting RATE DEX per block, created by a council motion: proposal, votes and close
    // take three blocks or more, and a start in the past is refused.
    const now = (await api.rpc.chain.getHeader()).number.toNumber();
    const start = now + 8;
    const farmEvents = await councilMotion(api,
      api.tx.liquidityMining.createFarm(lpToken, native, RATE, start, start + 1000, 10n ** 6n * UNIT));
    const farmId = findEvent(farmEvents, 'liquidityMining', 'FarmCreated').data.farmId.toNumber();
    console.log(`farm ${farmId} on LP token ${lpToken} from block ${start}`);

    const a = await blockNumber(api, (await submit(api, api.tx.liquidityMining.stake(farmId, ALICE_STAKE), alice)).blockHash);
    const b = await blockNumber(api, (await submit(api, api.tx.liquidityMining.stake(farmId, BOB_STAKE), bob)).blockHash);
    await waitForBlock(api, b + 3);

    // Alice alone from max(a, start) to b, then a quarter of each block until her claim.
    let events = await submit(api, api.tx.liquidityMining.claim(farmId, null), alice);
    const c = await blockNumber(api, events.blockHash);
    const aliceFrom = BigInt(Math.max(a, start));
    const bobFrom = BigInt(Math.max(b, start));
    const aliceExpected = RATE * (bobFrom - aliceFrom) + (RATE * (BigInt(c) - bobFrom) * ALICE_STAKE) / (ALICE_STAKE + BOB_STAKE);
    check(`Alice's reward for blocks ${aliceFrom}..${c}`, big(findEvent(events, 'liquidityMining', 'Claimed').data.amount), aliceExpected);

    events = await submit(api, api.tx.liquidityMining.claim(farmId, null), bob);
    const d = await blockNumber(api, events.blockHash);
    const bobExpected = (RATE * (BigInt(d) - bobFrom) * BOB_STAKE) / (ALICE_STAKE + BOB_STAKE);
    check(`Bob's reward for blocks ${bobFrom}..${d}`, big(findEvent(events, 'liquidityMining', 'Claimed').data.amount), bobExpected);

    // The runtime API reports the farm and, one block later, Alice's pending reward.
    const farm = (await api.call.liquidityMiningApi.farm(farmId)).unwrap();
    check('farm total stake', big(farm.totalStaked), ALICE_STAKE + BOB_STAKE);
    await waitForBlock(api, d + 1);
    const head = await api.rpc.chain.getHeader();
    const at = await api.at(head.hash);
    const pending = big((await at.call.liquidityMiningApi.pendingRewards(farmId, alice.address)).unwrap());
    check(`Alice's pending reward at block ${head.number}`, pending, (RATE * BigInt(head.number.toNumber() - c)) / 4n);

    // Unstake everything: the LP tokens come back.
    events = await submit(api, api.tx.liquidityMining.unstake(farmId, ALICE_STAKE), alice);
    check('unstaked amount', big(findEvent(events, 'liquidityMining', 'Unstaked').data.amount), ALICE_STAKE);
  } finally {
    await api.disconnect();
  }
}

if (isMain(import.meta.url)) {
  const { failed } = await runFlow('farm-flow', farmFlow);
  process.exit(failed === 0 ? 0 : 1);
}
