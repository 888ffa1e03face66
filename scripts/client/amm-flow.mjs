// End-to-end AMM flow on a running node: creates two assets, pools and liquidity, swaps exact-in,
// exact-out and multi-hop, removes liquidity, and checks every executed amount against the
// `AmmApi` runtime API's quote taken just before, and the TWAP oracle against the prices the pool
// really had. Prints "N passed, M failed"; exits non-zero on
// any failure.
import { big, blockNumber, connect, createToken, findEvent, isMain, runFlow, signer, submit, waitForBlock } from './lib.mjs';

const UNIT = 10n ** 12n;

/** The flow against the node at `endpoint`, recording each check in `checks`. */
export async function ammFlow(endpoint, { check }) {
  const api = await connect(endpoint);
  try {
    const alice = signer('//Alice');
    const bob = signer('//Bob');
    const native = { Native: null };

    // Two fresh assets with metadata, minted to Alice.
    const idA = await createToken(api, alice, { from: 1000, symbol: 'TUSD', decimals: 6, supply: 10n ** 9n * UNIT });
    const idB = await createToken(api, alice, { from: idA + 1, symbol: 'TETH', decimals: 18, supply: 10n ** 9n * UNIT });
    const assetA = { WithId: idA };
    const assetB = { WithId: idB };
    console.log(`assets ${idA} (TUSD) and ${idB} (TETH) created`);

    // Pools DEX/TUSD and TUSD/TETH with liquidity.
    const created = await submit(api, api.tx.amm.createPool(native, assetA, null), alice);
    const lpToken = findEvent(created, 'amm', 'PoolCreated').data.lpToken.toString();
    const lpMeta = await api.query.poolAssets.metadata(lpToken);
    check('LP token name', lpMeta.name.toUtf8(), 'LP DEX/TUSD');
    await submit(api, api.tx.amm.createPool(assetA, assetB, 5), alice);
    await submit(api, api.tx.amm.addLiquidity(native, assetA, 1000n * UNIT, 4000n * UNIT, 0, 0, alice.address, null), alice);
    const seeded = await submit(api, api.tx.amm.addLiquidity(assetA, assetB, 4000n * UNIT, 2000n * UNIT, 0, 0, alice.address, null), alice);
    const seededAt = await timestampAt(api, seeded.blockHash);
    const pool = (await api.call.ammApi.pool(native, assetA)).unwrap();
    check('pool reserves', `${big(pool.reserves[0])}/${big(pool.reserves[1])}`, `${1000n * UNIT}/${4000n * UNIT}`);

    // Exact in: DEX -> TUSD.
    const amountIn = 10n * UNIT;
    let quote = (await api.call.ammApi.quoteExactIn([native, assetA], amountIn)).unwrap();
    let events = await submit(api, api.tx.amm.swapExactIn([native, assetA], amountIn, big(quote.amountOut), bob.address, true, null), alice);
    let swap = findEvent(events, 'amm', 'SwapExecuted').data;
    check('exact-in output equals quote', big(swap.amountOut), big(quote.amountOut));

    // Exact out: TUSD -> DEX.
    const amountOut = 5n * UNIT;
    quote = (await api.call.ammApi.quoteExactOut([assetA, native], amountOut)).unwrap();
    events = await submit(api, api.tx.amm.swapExactOut([assetA, native], amountOut, big(quote.amountIn), alice.address, true, null), alice);
    swap = findEvent(events, 'amm', 'SwapExecuted').data;
    check('exact-out input equals quote', big(swap.amountIn), big(quote.amountIn));
    check('exact-out output', big(swap.amountOut), amountOut);

    // TWAP of TETH per TUSD: the pool has held 2000/4000 since it was seeded.
    let twap = (await api.call.ammApi.twap(assetA, assetB, 1000n * UNIT, 1)).unwrap();
    check('TWAP of a constant price', big(twap.amountOut), 500n * UNIT);
    check('TWAP window starts when the pool was seeded', big(twap.from), seededAt);

    // Multi-hop: DEX -> TUSD -> TETH.
    quote = (await api.call.ammApi.quoteExactIn([native, assetA, assetB], amountIn)).unwrap();
    events = await submit(api, api.tx.amm.swapExactIn([native, assetA, assetB], amountIn, big(quote.amountOut), alice.address, true, null), alice);
    swap = findEvent(events, 'amm', 'SwapExecuted').data;
    check('multi-hop output equals quote', big(swap.amountOut), big(quote.amountOut));

    // One block later the TWAP weighs the old price by the time it held and the new one by the rest.
    const swappedAt = await timestampAt(api, events.blockHash);
    const after = (await (await api.at(events.blockHash)).call.ammApi.pool(assetA, assetB)).unwrap();
    const next = await nextBlock(api, events.blockHash);
    const now = await timestampAt(api, next);
    twap = (await (await api.at(next)).call.ammApi.twap(assetA, assetB, 1000n * UNIT, now - seededAt)).unwrap();
    const oldPrice = ((2000n * UNIT) << 64n) / (4000n * UNIT);
    const newPrice = (big(after.reserves[1]) << 64n) / big(after.reserves[0]);
    const expected = (oldPrice * (swappedAt - seededAt) + newPrice * (now - swappedAt)) / (now - seededAt);
    check('TWAP across a price change', big(twap.priceX64), expected);

    // Remove a tenth of Alice's LP tokens: pays lp * reserve / supply of each asset.
    const lpBalance = big((await api.query.poolAssets.account(lpToken, alice.address)).unwrap().balance);
    const burn = lpBalance / 10n;
    const before = (await api.call.ammApi.pool(native, assetA)).unwrap();
    events = await submit(api, api.tx.amm.removeLiquidity(native, assetA, burn, 0, 0, alice.address, null), alice);
    const removed = findEvent(events, 'amm', 'LiquidityRemoved').data;
    check('withdrawal of DEX', big(removed.amount1), (burn * big(before.reserves[0])) / big(before.lpSupply));
    check('withdrawal of TUSD', big(removed.amount2), (burn * big(before.reserves[1])) / big(before.lpSupply));

  } finally {
    await api.disconnect();
  }
}

/** The timestamp (ms) of the block with hash `hash`. */
async function timestampAt(api, hash) {
  return big(await (await api.at(hash)).query.timestamp.now());
}

/** The hash of the first block built on top of `hash`. */
async function nextBlock(api, hash) {
  const number = await blockNumber(api, hash);
  await waitForBlock(api, number + 1);
  return api.rpc.chain.getBlockHash(number + 1);
}

if (isMain(import.meta.url)) {
  const { failed } = await runFlow('amm-flow', ammFlow);
  process.exit(failed === 0 ? 0 : 1);
}
