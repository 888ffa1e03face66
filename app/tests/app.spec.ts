// The app in a real browser against a `dex-node --dev` chain: a dev account swaps and receives
// exactly the quote the page showed; the other screens show the chain's pools, farms and
// positions. APP_SCREENSHOTS=DIR saves a screenshot of each screen there (docs/APP.md).
import { expect, test, type Page } from '@playwright/test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { SIGNED_EXTENSIONS } from '../src/chain';

const ws = process.env.DEX_WS ?? 'ws://127.0.0.1:9944';
const shots = process.env.APP_SCREENSHOTS;
const USDT = 1; // the dev chain's USDT asset id

async function open(page: Page, account: string) {
  await page.goto(`/?ws=${encodeURIComponent(ws)}`);
  await expect(page.locator('#status')).toHaveAttribute('data-state', 'connected');
  await page.locator('#account').selectOption({ label: `${account} (dev)` });
}

async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/app-${name}.png`, fullPage: true });
}

let api: ApiPromise;
test.beforeAll(async () => {
  api = await ApiPromise.create({ provider: new WsProvider(ws), noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS });
});
test.afterAll(async () => api?.disconnect());

/** What `address` holds of asset `id` (`pallet` assets, or poolAssets for LP tokens), read on chain. */
async function holding(pallet: 'assets' | 'poolAssets', id: number, address: string): Promise<bigint> {
  const account: any = await (api.query as any)[pallet].account(id, address);
  return account.isSome ? BigInt(account.unwrap().balance.toString()) : 0n;
}
const usdtOf = (address: string) => holding('assets', USDT, address);

test('a swap pays exactly the quote the page shows', async ({ page }) => {
  await open(page, 'Bob');
  const bob = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Bob').address;
  await page.locator('#swap-from').selectOption('DEX');
  await page.locator('#swap-to').selectOption('USDT');
  await page.locator('#swap-amount').fill('25');
  const quote = page.locator('#swap-quote');
  await expect(quote).toHaveAttribute('data-amount-out', /^\d+$/);
  await expect(page.locator('#swap-go')).toBeEnabled();
  const shown = BigInt((await quote.getAttribute('data-amount-out'))!);
  expect(shown).toBeGreaterThan(0n);
  await expect(page.locator('#swap-out')).toContainText('USDT');
  await shot(page, 'swap');
  const before = await usdtOf(bob);
  await page.locator('#swap-go').click();
  const result = page.locator('#swap-result');
  await expect(result).toHaveAttribute('data-received', /^\d+$/);
  const received = BigInt((await result.getAttribute('data-received'))!);
  expect(received).toBe(shown);
  expect((await usdtOf(bob)) - before).toBe(shown);
  await expect(page.locator('#toast')).toHaveAttribute('data-kind', 'ok');
});

test('a bad amount gets a clear message and no swap button', async ({ page }) => {
  await open(page, 'Bob');
  await page.locator('#swap-amount').fill('1.2.3');
  await expect(page.locator('#swap-quote')).toContainText('is not an amount');
  await expect(page.locator('#swap-go')).toBeDisabled();
});

test('the pools screen shows every pool with its TVL and seed lock', async ({ page }) => {
  await open(page, 'Alice');
  const pools: any[] = await (api.call as any).ammApi.pools();
  await page.locator('#tabs button[data-tab=pools]').click();
  await expect(page.locator('#pools tbody tr')).toHaveCount(pools.length);
  const row = page.locator('#pools tr[data-pool="DEX/USDT"]');
  await expect(row).toContainText('farm 0');
  await expect(row.locator('.tvl')).toContainText('USDT');
  await shot(page, 'pools');
});

test('an exact-out swap through two hops pays at most its maximum', async ({ page }) => {
  await open(page, 'Charlie');
  await page.locator('input[name=swap-mode][value=out]').check();
  await page.locator('#swap-from').selectOption('DEXR');
  await page.locator('#swap-to').selectOption('WETH');
  await page.locator('#swap-amount').fill('0.01');
  const quote = page.locator('#swap-quote');
  await expect(quote).toHaveAttribute('data-amount-in', /^\d+$/);
  await expect(page.locator('#swap-route')).toContainText('DEXR → DEX');
  const quotedIn = BigInt((await quote.getAttribute('data-amount-in'))!);
  await page.locator('#swap-go').click();
  const result = page.locator('#swap-result');
  await expect(result).toHaveAttribute('data-received', /^\d+$/);
  expect(BigInt((await result.getAttribute('data-received'))!)).toBe(10n ** 16n);
  expect(BigInt((await result.getAttribute('data-paid'))!)).toBe(quotedIn);
});

test('deposit, stake, rewards, claim and the portfolio, each checked against the chain', async ({ page }) => {
  await open(page, 'Dave');
  const dave = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave').address;
  const call = api.call as any;
  const query = api.query as any;
  const pool = (await call.ammApi.pool({ Native: null }, { WithId: USDT })).unwrap();
  const lpToken = pool.lpToken.toNumber();
  const lpOf = () => holding('poolAssets', lpToken, dave);

  // Deposit: the LP tokens minted are the quote shown.
  await page.locator('#tabs button[data-tab=liquidity]').click();
  await page.locator('#liq-pool').selectOption({ label: 'DEX/USDT' });
  await page.locator('#liq-a').fill('100');
  await page.locator('#liq-optimal').click();
  const addQuote = page.locator('#liq-add-quote');
  await expect(addQuote).toHaveAttribute('data-lp', /^\d+$/);
  await expect(addQuote).toContainText('mints');
  await shot(page, 'liquidity');
  const quotedLp = BigInt((await addQuote.getAttribute('data-lp'))!);
  const lpBefore = await lpOf();
  await page.locator('#liq-add').click();
  await expect(addQuote).toHaveAttribute('data-minted', /^\d+$/);
  expect(BigInt((await addQuote.getAttribute('data-minted'))!)).toBe(quotedLp);
  expect((await lpOf()) - lpBefore).toBe(quotedLp);

  // Stake 1 LP token: the chain's stake is 1 LP token.
  const lpDecimals = (await query.poolAssets.metadata(lpToken)).decimals.toNumber();
  await page.locator('#tabs button[data-tab=farms]').click();
  const farm = page.locator('#farms tr[data-farm="0"]');
  await farm.locator('.farm-amount').fill('1');
  await farm.locator('.farm-stake').click();
  await expect(page.locator('#toast')).toContainText('Staked in farm 0');
  const staked = (await query.liquidityMining.stakes(dave, 0)).unwrap();
  expect(BigInt(staked.amount.toString())).toBe(10n ** BigInt(lpDecimals));
  await expect(farm.locator('.apr')).toContainText('%');

  // Rewards accrue block by block, as the runtime API reports them.
  await expect(async () => {
    const shown = BigInt((await farm.locator('.pending').getAttribute('data-units')) ?? '0');
    expect(shown).toBeGreaterThan(0n);
  }).toPass({ timeout: 60_000 });
  const pendingNow = BigInt((await call.liquidityMiningApi.pendingRewards(0, dave)).unwrap().toString());
  expect(pendingNow).toBeGreaterThan(0n);
  await shot(page, 'farms');

  // Claim: Dave's DEXR grows by exactly the amount the page reports claimed.
  const DEXR = 3;
  const dexrOf = () => holding('assets', DEXR, dave);
  const before = await dexrOf();
  await farm.locator('.farm-claim').click();
  await expect(farm).toHaveAttribute('data-claimed', /^\d+$/);
  const claimed = BigInt((await farm.getAttribute('data-claimed'))!);
  expect(claimed).toBeGreaterThanOrEqual(pendingNow);
  expect((await dexrOf()) - before).toBe(claimed);

  // Portfolio: the position's value is the position API's.
  await page.locator('#tabs button[data-tab=portfolio]').click();
  const row = page.locator('#portfolio tr[data-position="DEX/USDT"]');
  await expect(row).toBeVisible();
  const report = (await call.ammApi.position(dave, { Native: null }, { WithId: USDT }, { WithId: USDT })).unwrap();
  expect(BigInt(report.lpStaked.toString())).toBe(10n ** BigInt(lpDecimals));
  const shownValue = BigInt((await row.getAttribute('data-value'))!);
  const value = BigInt(report.valuation.unwrap().value.toString());
  // The page may have read it a block earlier: the same within the pool's fee income (0.01 %).
  expect(shownValue * 10_000n / value).toBeGreaterThanOrEqual(9_999n);
  // The price history ends with the oracle's average since its newest observation, as the API reports it.
  const chart = page.locator('#portfolio figure[data-periods]');
  await expect(chart).toBeVisible();
  // Read a block apart, the average moves by less than 0.5 % (none is open in the block that
  // records an observation: then the next block is compared).
  await expect.poll(async () => {
    const shown = BigInt((await chart.getAttribute('data-last'))!);
    const twap = await call.ammApi.twap({ Native: null }, { WithId: USDT }, 0, 0);
    if (twap.isNone) return false;
    const ratio = (shown * 1_000n) / BigInt(twap.unwrap().priceX64.toString());
    return ratio >= 995n && ratio <= 1_005n;
  }, { timeout: 30_000 }).toBe(true);
  await shot(page, 'portfolio');
});
