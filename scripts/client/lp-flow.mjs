// End-to-end check of the liquidity provider's view on a fresh dev chain, through the CLI
// (scripts/client/dex.mjs):
//   - the demo pools and farm exist at block 1;
//   - after Bob deposits and Charlie moves the price, Bob's position reports the impermanent loss
//     of the closed form 2·√r/(1+r) − 1 (fees excluded) within 1 ppm, and fee income matching
//     his share of the swap's fee;
//   - once Bob stakes, the farm's APR equals the one recomputed here from the pools and the farm,
//     with prices along the deepest routes;
//   - Alice, who seeded DEX/USDT at genesis, locks all of its LP tokens: the farm shows the seed
//     locked, and neither removing nor transferring them gets through;
//   - Charlie sends DEX paying the fee in USDT: the fee charged is exactly the quoted one, in USDT,
//     and his DEX balance drops by the amount sent alone.
import { connect, big, runFlow, isMain, signer, submit } from './lib.mjs';
import { run, loadAssets, pools, position, feeQuote } from './dex.mjs';

const Q64 = 1n << 64n;

const priceX64 = (reserveIn, reserveOut) => (reserveOut * Q64) / reserveIn;
const valueAt = (amount, price) => (amount * price) >> 64n;

/** A route's mid price and depth (pallets/amm/src/valuation.rs), from each hop's (in, out) reserves. */
function route(hops) {
  let price = Q64;
  for (const [rin, rout] of hops) price = (price * priceX64(rin, rout)) >> 64n;
  let after = Q64;
  let depth = null;
  for (const [rin, rout] of [...hops].reverse()) {
    const value = (rout * after) >> 64n;
    depth = depth === null || value < depth ? value : depth;
    after = (after * priceX64(rin, rout)) >> 64n;
  }
  return { price, depth };
}

export async function lpFlow(endpoint, checks) {
  const api = await connect(endpoint);
  try {
    const assets = await loadAssets(api);
    const [dex, usdt, dexr] = ['DEX', 'USDT', 'DEXR'].map(assets.find);

    // The demo market is there from block 1.
    const first = await api.at(await api.rpc.chain.getBlockHash(1));
    checks.check('pools at block 1', (await first.call.ammApi.pools()).length, 4);
    checks.check('demo farm at block 1', (await first.call.liquidityMiningApi.farm(0)).isSome, true);
    const poolTable = await run(api, ['pools']);
    console.log(poolTable);
    checks.check('CLI lists the DEX/USDT pool', poolTable.includes('DEX/USDT'), true);
    console.log(await run(api, ['farms']));

    // Bob deposits at the current price; Charlie then sells 5,000 DEX.
    console.log(await run(api, ['add', '1000', 'DEX', '2000', 'USDT'], { as: '//Bob' }));
    const bob = signer('//Bob').address;
    const before = (await pools(api, assets)).find((p) => p.lpToken === 0);
    console.log(await run(api, ['swap', '5000', 'DEX', 'USDT'], { as: '//Charlie' }));
    const after = (await pools(api, assets)).find((p) => p.lpToken === 0);

    const report = await position(api, bob, dex, usdt, usdt);
    console.log(await run(api, ['position', 'DEX', 'USDT'], { as: '//Bob' }));
    const v = report.valuation.unwrap();
    const p0 = Number(before.reserves[1]) / Number(before.reserves[0]);
    const p1 = Number(after.reserves[1]) / Number(after.reserves[0]);
    const r = p1 / p0;
    const closedForm = (2 * Math.sqrt(r) / (1 + r) - 1) * 1e6;
    const ppm = Number(v.impermanentLossPpm.toString());
    checks.check(`impermanent loss ${ppm} ppm within 1 ppm of the closed form ${closedForm.toFixed(3)}`,
      Math.abs(ppm - closedForm) <= 1, true);
    // Bob's share of the 0.3 % fee on 5,000 DEX, at the new price.
    const share = Number(big(report.lpWithBasis)) / Number(after.lpSupply);
    const feeShare = 5000e12 * 0.003 * share * p1;
    const fees = Number(big(v.feesEarned));
    checks.check(`fee income ${fees} within 1 % of the fee share ${feeShare.toFixed(0)}`,
      Math.abs(fees / feeShare - 1) < 0.01, true);

    // Bob stakes everything; the position counts it, and the farm's APR is what the pools say.
    console.log(await run(api, ['stake', '0', 'all'], { as: '//Bob' }));
    const staked = await position(api, bob, dex, usdt, usdt);
    checks.check('staked LP tokens count in the position', big(staked.lpStaked), big(report.lpFree));
    console.log(await run(api, ['apr', '0']));

    // Everything below is read at one block.
    const at = await api.at((await api.rpc.chain.getHeader()).hash);
    const atApr = (await at.call.liquidityMiningApi.farmApr(0, usdt.kind)).unwrap();
    const farm = (await at.call.liquidityMiningApi.farm(0)).unwrap();
    const reserves = async (a, b) => {
      const pool = (await at.call.ammApi.pool(a.kind, b.kind)).unwrap();
      return [big(pool.reserves[0]), big(pool.reserves[1]), big(pool.lpSupply)];
    };
    const weth = assets.find('WETH');
    const [dexU, usdtD, supply] = await reserves(dex, usdt);
    const [dexR, dexrD] = await reserves(dex, dexr);
    const [dexW, wethD] = await reserves(dex, weth);
    const [usdtW, wethU] = await reserves(usdt, weth);
    // Prices along the deepest route, as the runtime picks them (shortest first on a tie).
    const deepest = (routes) => routes.map(route).reduce((best, r) => (r.depth > best.depth ? r : best)).price;
    const pDex = deepest([[[dexU, usdtD]], [[dexW, wethD], [wethU, usdtW]]]);
    const pDexr = deepest([[[dexrD, dexR], [dexU, usdtD]], [[dexrD, dexR], [dexW, wethD], [wethU, usdtW]]]);
    const poolValue = valueAt(dexU, pDex) + usdtD;
    const stakedValue = (poolValue * big(farm.totalStaked)) / supply;
    const rate = farm.active.isTrue ? big(farm.rewardPerBlock) : 0n;
    // Blocks in 365 days of 6-second blocks: the farms' annualising constant. The APR counts
    // what the farm pays in the next year: up to its end, within what remains of its cap.
    const blocksPerYear = big(api.consts.liquidityMining.blocksPerYear);
    checks.check('blocks a year', blocksPerYear, 5_256_000n);
    const now = big((await at.query.system.number()));
    const [start, end] = [big(farm.startBlock), big(farm.endBlock)];
    const until = end < now + blocksPerYear ? end : now + blocksPerYear;
    const blocks = until > (now > start ? now : start) ? until - (now > start ? now : start) : 0n;
    const paid = rate * blocks < big(farm.remainingRewards) ? rate * blocks : big(farm.remainingRewards);
    const yearly = valueAt(paid, pDexr);
    const expected = (yearly * 1_000_000n) / stakedValue;
    checks.check('reward price on the deepest route', big(atApr.rewardPriceX64), pDexr);
    checks.check('APR (ppm) recomputed from the farm and the pools', big(atApr.aprPpm.unwrap()), expected);

    await rugPullGuard(api, checks, assets);
    await feesInUsdt(api, checks, assets);
  } finally {
    await api.disconnect();
  }
}

/** The error message a failing `promise` rejects with, or `none`. */
async function failure(promise) {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return error.message.split(':')[0];
  }
}

async function rugPullGuard(api, checks, assets) {
  const [dex, usdt] = ['DEX', 'USDT'].map(assets.find);
  const alice = signer('//Alice');
  console.log(await run(api, ['lock', 'all', 'DEX', 'USDT', '1000'], { as: '//Alice' }));
  const seed = (await api.call.ammApi.initialLiquidity(dex.kind, usdt.kind)).unwrap();
  checks.check('the seed deposit is all locked', seed.fullyLocked.isTrue, true);
  console.log(await run(api, ['lock-status', 'DEX', 'USDT']));
  const farm = (await api.call.liquidityMiningApi.farm(0)).unwrap();
  checks.check('the farm shows the seed locked until the lock\'s block',
    farm.initialLiquidityLockedUntil.toString(), seed.lockedUntil.toString());
  checks.check('removing locked LP tokens fails',
    await failure(run(api, ['remove', '1', 'DEX', 'USDT'], { as: '//Alice' })), 'amm.LpTokensLocked');
  const bob = signer('//Bob').address;
  checks.check('transferring locked LP tokens fails',
    await failure(submit(api, api.tx.poolAssets.transfer(farm.lpToken, bob, 1), alice)), 'poolAssets.BalanceLow');
}

async function feesInUsdt(api, checks, assets) {
  const usdt = assets.find('USDT');
  const charlie = signer('//Charlie');
  const amount = 10n ** 12n;
  const tx = api.tx.balances.transferKeepAlive(signer('//Dave').address, amount);
  const quote = await feeQuote(api, tx, charlie.address, usdt);
  console.log(await run(api, ['fee', 'USDT'], { as: '//Charlie' }));
  const usdtOf = async () => big((await api.query.assets.account(usdt.id, charlie.address)).unwrap().balance);
  const dexOf = async () => big((await api.query.system.account(charlie.address)).data.free);
  const [usdtBefore, dexBefore] = [await usdtOf(), await dexOf()];
  const events = await submit(api, tx, charlie, { assetId: usdt.kind });
  const paid = events.find((e) => e.section === 'assetTxPayment' && e.method === 'AssetTxFeePaid');
  checks.check('the fee was paid in USDT', paid ? paid.data.assetId.toString() : 'no AssetTxFeePaid', JSON.stringify({ withId: usdt.id }));
  checks.check('USDT charged equals the quoted fee', usdtBefore - (await usdtOf()), quote.inAsset);
  checks.check('the event reports that fee', paid ? big(paid.data.actualFee) : 0n, quote.inAsset);
  checks.check('DEX left the account by the amount sent alone', dexBefore - (await dexOf()), amount);
  console.log(await run(api, ['transfer', '1', 'DEX', '//Dave'], { as: '//Charlie', 'fee-in': 'USDT' }));
}

if (isMain(import.meta.url)) {
  const { failed } = await runFlow('lp-flow', lpFlow);
  process.exit(failed === 0 ? 0 : 1);
}
