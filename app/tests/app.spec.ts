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

async function usdtOf(address: string): Promise<bigint> {
  const account: any = await (api.query as any).assets.account(USDT, address);
  return account.isSome ? BigInt(account.unwrap().balance.toString()) : 0n;
}

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

test('pools, farms and the portfolio show the chain', async ({ page }) => {
  await open(page, 'Alice');
  const pools: any[] = await (api.call as any).ammApi.pools();
  await page.locator('#tabs button[data-tab=pools]').click();
  await expect(page.locator('#pools tbody tr')).toHaveCount(pools.length);
  await expect(page.locator('#pools')).toContainText('DEX/USDT');
  await shot(page, 'pools');

  await page.locator('#tabs button[data-tab=farms]').click();
  const farm = page.locator('#farms tr[data-farm="0"]');
  await expect(farm).toBeVisible();
  await farm.locator('.farm-amount').fill('1');
  await farm.locator('.farm-stake').click();
  await expect(page.locator('#toast')).toHaveText('Staked in farm 0');
  await expect(page.locator('#farms tr[data-farm="0"]')).toContainText('%');
  await shot(page, 'farms');

  await page.locator('#tabs button[data-tab=liquidity]').click();
  await expect(page.locator('#liq-held')).toContainText('You hold');
  await page.locator('#liq-a').fill('10');
  await page.locator('#liq-b').fill('1000');
  await expect(page.locator('#liq-add-quote')).toContainText('mints');
  await shot(page, 'liquidity');

  await page.locator('#tabs button[data-tab=portfolio]').click();
  await expect(page.locator('#portfolio')).toContainText('Balances');
  await expect(page.locator('#portfolio')).toContainText('DEX/USDT');
  await shot(page, 'portfolio');
});
