// End-to-end AMM flow on a running node: creates two assets, pools and liquidity, swaps exact-in,
// exact-out and multi-hop, removes liquidity, and checks every executed amount against the
// `AmmApi` runtime API's quote taken just before. Prints "N passed, M failed"; exits non-zero on
// any failure.
import { big, connect, findEvent, freeAssetId, isMain, runFlow, signer, submit } from './lib.mjs';

const UNIT = 10n ** 12n;

/** The flow against the node at `endpoint`, recording each check in `checks`. */
export async function ammFlow(endpoint, { check }) {
  const api = await connect(endpoint);
  try {
    const alice = signer('//Alice');
    const bob = signer('//Bob');
    const native = { Native: null };

    // Two fresh assets with metadata, minted to Alice.
    const idA = await freeAssetId(api, 1000);
    const idB = await freeAssetId(api, idA + 1);
    const assetA = { WithId: idA };
    const assetB = { WithId: idB };
    for (const [id, symbol, decimals] of [[idA, 'TUSD', 6], [idB, 'TETH', 18]]) {
      await submit(api, api.tx.assets.create(id, alice.address, 1), alice);
      await submit(api, api.tx.assets.setMetadata(id, symbol, symbol, decimals), alice);
      await submit(api, api.tx.assets.mint(id, alice.address, 10n ** 9n * UNIT), alice);
    }
    console.log(`assets ${idA} (TUSD) and ${idB} (TETH) created`);

    // Pools DEX/TUSD and TUSD/TETH with liquidity.
    const created = await submit(api, api.tx.amm.createPool(native, assetA, null), alice);
    const lpToken = findEvent(created, 'amm', 'PoolCreated').data.lpToken.toString();
    const lpMeta = await api.query.poolAssets.metadata(lpToken);
    check('LP token name', lpMeta.name.toUtf8(), 'LP DEX/TUSD');
    await submit(api, api.tx.amm.createPool(assetA, assetB, 5), alice);
    await submit(api, api.tx.amm.addLiquidity(native, assetA, 1000n * UNIT, 4000n * UNIT, 0, 0, alice.address, null), alice);
    await submit(api, api.tx.amm.addLiquidity(assetA, assetB, 4000n * UNIT, 2000n * UNIT, 0, 0, alice.address, null), alice);
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

    // Multi-hop: DEX -> TUSD -> TETH.
    quote = (await api.call.ammApi.quoteExactIn([native, assetA, assetB], amountIn)).unwrap();
    events = await submit(api, api.tx.amm.swapExactIn([native, assetA, assetB], amountIn, big(quote.amountOut), alice.address, true, null), alice);
    swap = findEvent(events, 'amm', 'SwapExecuted').data;
    check('multi-hop output equals quote', big(swap.amountOut), big(quote.amountOut));

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

if (isMain(import.meta.url)) {
  const { failed } = await runFlow('amm-flow', ammFlow);
  process.exit(failed === 0 ? 0 : 1);
}
