// The DEX web app: Swap, Pools, Liquidity, Farms and Portfolio screens over one connection,
// refreshed at every new block.
import './style.css';
import type { ApiPromise } from '@polkadot/api';
import {
  type Account, type Asset, type Assets, type Farm, type Pool, bestRoute, balance, transactions, connect,
  farmApr, farms, formatAmount, lessSlippage, loadAssets, lpBalance, parseAmount, percentPpm,
  pools, position, quoteAdd, quoteRemove, stakes, submit, tokens,
} from './chain';
import { devAccounts, extensionAccounts } from './wallet';

/** The node the app connects to unless `?ws=` or the endpoint field says otherwise. */
const DEFAULT_WS = 'ws://127.0.0.1:9944';
/** The asset values are given in. */
const VALUE_SYMBOL = 'USDT';

interface State {
  api: ApiPromise;
  assets: Assets;
  accounts: Account[];
  account: Account | null;
  pools: Pool[];
  farms: Farm[];
  block: number;
}
let state: State | null = null;

const $ = <T extends HTMLElement = HTMLElement>(selector: string, root: ParentNode = document) =>
  root.querySelector(selector) as T;
const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  strings.reduce((out, s, i) => out + s + (i < values.length ? escape(String(values[i])) : ''), '');
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Shows a message under the header; errors stay until the next message. */
function toast(message: string, kind: 'ok' | 'error' | 'info' = 'info') {
  const el = $('#toast');
  el.textContent = message;
  el.dataset.kind = kind;
}

const pairName = (p: Pool) => `${p.assets[0].symbol}/${p.assets[1].symbol}`;
const valueAsset = (s: State) => s.assets.list.find((a) => a.symbol === VALUE_SYMBOL) ?? s.assets.native;
const assetOptions = (s: State, selected?: string) =>
  s.assets.list
    .map((a) => `<option value="${escape(a.symbol)}"${a.symbol === selected ? ' selected' : ''}>${escape(a.symbol)}</option>`)
    .join('');
const poolOptions = (s: State) =>
  s.pools.map((p, i) => `<option value="${i}">${escape(pairName(p))}</option>`).join('');

/** The pool's rug-pull signal: who can freeze or take its balance of each asset. */
function risk(p: Pool): string {
  const notes = p.controls
    .map((c, i) => {
      if (!c) return null;
      const symbol = p.assets[i].symbol;
      return c.frozen ? `${symbol} frozen in the pool` : `${symbol}: issuer can freeze or burn`;
    })
    .filter(Boolean);
  return notes.length ? notes.join('; ') : 'none';
}

/** Runs a transaction from a button, showing progress and the outcome. */
async function send(button: HTMLButtonElement, what: string, build: (s: State, who: Account) => Promise<unknown>, done: (events: { name: string; data: any }[]) => string) {
  const s = state;
  if (!s || !s.account) return toast('choose an account first', 'error');
  button.disabled = true;
  toast(`${what}: signing and submitting…`);
  try {
    const extrinsic = (await build(s, s.account)) as any;
    const events = await submit(s.api, extrinsic, s.account);
    toast(done(events), 'ok');
    await refresh();
  } catch (error) {
    toast(`${what} failed: ${(error as Error).message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

// --- Swap ------------------------------------------------------------------------------------

function renderSwap(s: State) {
  const root = $('#swap');
  if (root.dataset.ready) return;
  root.dataset.ready = '1';
  const other = s.assets.list.find((a) => a.symbol === VALUE_SYMBOL) ?? s.assets.list[1];
  root.innerHTML = html`
    <h2>Swap</h2>
    <div class="card">
      <label>You pay <input id="swap-amount" inputmode="decimal" placeholder="0.0" /></label>
      <select id="swap-from" aria-label="Pay asset">${''}</select>
      <button id="swap-flip" title="Swap direction">⇅</button>
      <label>You receive</label>
      <select id="swap-to" aria-label="Receive asset"></select>
      <label>Slippage tolerance (%) <input id="swap-slippage" value="0.5" size="4" /></label>
      <div id="swap-quote" class="quote">Enter an amount</div>
      <button id="swap-go" class="primary" disabled>Swap</button>
      <div id="swap-result"></div>
    </div>`;
  $('#swap-from').innerHTML = assetOptions(s, s.assets.native.symbol);
  $('#swap-to').innerHTML = assetOptions(s, other?.symbol);
  for (const id of ['#swap-amount', '#swap-from', '#swap-to', '#swap-slippage']) {
    $(id).addEventListener('input', () => void quoteSwap());
  }
  $('#swap-flip').addEventListener('click', () => {
    const [from, to] = [$<HTMLSelectElement>('#swap-from'), $<HTMLSelectElement>('#swap-to')];
    [from.value, to.value] = [to.value, from.value];
    void quoteSwap();
  });
  $('#swap-go').addEventListener('click', (e) => void doSwap(e.currentTarget as HTMLButtonElement));
}

/** The swap form's current quote: path, quote and the minimum the transaction accepts. */
let swapPlan: { path: Asset[]; amount: bigint; out: bigint; min: bigint } | null = null;

async function quoteSwap() {
  const s = state;
  if (!s) return;
  const box = $('#swap-quote');
  const go = $<HTMLButtonElement>('#swap-go');
  swapPlan = null;
  go.disabled = true;
  box.removeAttribute('data-amount-out');
  const from = s.assets.bySymbol($<HTMLSelectElement>('#swap-from').value);
  const to = s.assets.bySymbol($<HTMLSelectElement>('#swap-to').value);
  const text = $<HTMLInputElement>('#swap-amount').value;
  if (!text.trim()) return void (box.textContent = 'Enter an amount');
  if (from.symbol === to.symbol) return void (box.textContent = 'Choose two different assets');
  let amount: bigint;
  let slippageBps: bigint;
  try {
    amount = parseAmount(text, from.decimals);
    slippageBps = parseAmount($<HTMLInputElement>('#swap-slippage').value, 2);
    if (slippageBps > 5000n) throw new Error('slippage above 50 %');
  } catch (error) {
    return void (box.textContent = (error as Error).message);
  }
  if (amount === 0n) return void (box.textContent = 'Enter an amount');
  const route = await bestRoute(s.api, s.assets, s.pools, from, to, amount);
  if (!route) return void (box.textContent = `No pool route from ${from.symbol} to ${to.symbol} can pay for this amount`);
  const { path, quote } = route;
  const min = lessSlippage(quote.amountOut, slippageBps);
  swapPlan = { path, amount, out: quote.amountOut, min };
  box.dataset.amountOut = quote.amountOut.toString();
  box.innerHTML = html`
    <div>You receive <strong id="swap-out">${tokens(quote.amountOut, to, to.decimals)}</strong></div>
    <div>Route: ${path.map((a) => a.symbol).join(' → ')}</div>
    <div>Price impact: ${percentPpm(quote.impactPpm)}</div>
    <div>Fees: ${quote.fees.map((f, i) => tokens(f, path[i])).join(', ')}</div>
    <div>Minimum received: ${tokens(min, to, to.decimals)}</div>`;
  go.disabled = !s.account;
}

async function doSwap(button: HTMLButtonElement) {
  const plan = swapPlan;
  if (!plan) return;
  const out = plan.path[plan.path.length - 1];
  await send(button, 'Swap', async (s, who) => transactions.swap(s.api, plan.path, plan.amount, plan.min, who.address),
    (events) => {
      const swapped = events.find((e) => e.name === 'amm.SwapExecuted');
      const received = swapped ? BigInt(swapped.data[5]) : 0n;
      const result = $('#swap-result');
      result.dataset.received = received.toString();
      result.textContent = `Received ${tokens(received, out, out.decimals)}`;
      return `Swapped ${tokens(plan.amount, plan.path[0])} for ${tokens(received, out, out.decimals)}`;
    });
  await quoteSwap();
}

// --- Pools -----------------------------------------------------------------------------------

function renderPools(s: State) {
  const rows = s.pools.map((p) => {
    const [a, b] = p.assets;
    const price = p.reserves[0] === 0n ? '—'
      : formatAmount((p.reserves[1] * 10n ** BigInt(a.decimals + 6)) / p.reserves[0], b.decimals + 6, 6);
    return html`<tr><td>${pairName(p)}</td><td>${formatAmount(BigInt(p.feeBps), 2, 2)} %</td>
      <td>${tokens(p.reserves[0], a)}</td><td>${tokens(p.reserves[1], b)}</td>
      <td>1 ${a.symbol} = ${price} ${b.symbol}</td><td>${formatAmount(p.lpSupply, p.lpDecimals)}</td>
      <td class="${risk(p) === 'none' ? '' : 'warn'}">${risk(p)}</td></tr>`;
  });
  $('#pools').innerHTML = `<h2>Pools</h2><table><thead><tr><th>Pool</th><th>Fee</th><th>Reserve</th>
    <th>Reserve</th><th>Price</th><th>LP supply</th><th>Issuer control</th></tr></thead>
    <tbody>${rows.join('') || '<tr><td colspan="7">No pools yet</td></tr>'}</tbody></table>`;
}

// --- Liquidity -------------------------------------------------------------------------------

function renderLiquidity(s: State) {
  const root = $('#liquidity');
  if (!root.dataset.ready) {
    root.dataset.ready = '1';
    root.innerHTML = `<h2>Liquidity</h2><div class="card">
      <label>Pool <select id="liq-pool"></select></label><div id="liq-held"></div>
      <h3>Add</h3>
      <label><span id="liq-a-name"></span> <input id="liq-a" inputmode="decimal" placeholder="0.0" /></label>
      <label><span id="liq-b-name"></span> <input id="liq-b" inputmode="decimal" placeholder="0.0" /></label>
      <div id="liq-add-quote" class="quote"></div><button id="liq-add" class="primary">Add liquidity</button>
      <h3>Remove</h3>
      <label>LP tokens <input id="liq-lp" inputmode="decimal" placeholder="0.0" /></label>
      <div id="liq-remove-quote" class="quote"></div><button id="liq-remove">Remove liquidity</button></div>`;
    $('#liq-pool').innerHTML = poolOptions(s);
    for (const id of ['#liq-pool', '#liq-a', '#liq-b', '#liq-lp']) {
      $(id).addEventListener('input', () => void quoteLiquidity());
    }
    $('#liq-add').addEventListener('click', (e) => void addLiquidity(e.currentTarget as HTMLButtonElement));
    $('#liq-remove').addEventListener('click', (e) => void removeLiquidity(e.currentTarget as HTMLButtonElement));
  }
  void quoteLiquidity();
}

const selectedPool = (s: State) => s.pools[Number($<HTMLSelectElement>('#liq-pool').value)] ?? s.pools[0];
let addPlan: { pool: Pool; a: bigint; b: bigint; minA: bigint; minB: bigint } | null = null;
let removePlan: { pool: Pool; lp: bigint; minA: bigint; minB: bigint } | null = null;

async function quoteLiquidity() {
  const s = state;
  if (!s || s.pools.length === 0) return;
  const pool = selectedPool(s);
  const [a, b] = pool.assets;
  $('#liq-a-name').textContent = a.symbol;
  $('#liq-b-name').textContent = b.symbol;
  if (s.account) {
    const held = await lpBalance(s.api, pool.lpToken, s.account.address);
    $('#liq-held').textContent = `You hold ${formatAmount(held, pool.lpDecimals)} LP ${pairName(pool)}`;
  }
  addPlan = null;
  removePlan = null;
  const addBox = $('#liq-add-quote');
  try {
    const [ta, tb] = [$<HTMLInputElement>('#liq-a').value, $<HTMLInputElement>('#liq-b').value];
    if (ta.trim() && tb.trim()) {
      const q = await quoteAdd(s.api, pool, parseAmount(ta, a.decimals), parseAmount(tb, b.decimals));
      if (!q) addBox.textContent = 'This deposit would mint no LP tokens';
      else {
        addPlan = { pool, a: parseAmount(ta, a.decimals), b: parseAmount(tb, b.decimals), minA: lessSlippage(q.amount1, 50n), minB: lessSlippage(q.amount2, 50n) };
        addBox.textContent = `Takes ${tokens(q.amount1, a)} and ${tokens(q.amount2, b)}, mints ${formatAmount(q.lp, pool.lpDecimals)} LP (0.5 % slippage)`;
      }
    } else addBox.textContent = 'Enter at most how much of each asset to deposit';
  } catch (error) {
    addBox.textContent = (error as Error).message;
  }
  const removeBox = $('#liq-remove-quote');
  try {
    const tl = $<HTMLInputElement>('#liq-lp').value;
    if (tl.trim()) {
      const lp = parseAmount(tl, pool.lpDecimals);
      const q = await quoteRemove(s.api, pool, lp);
      if (!q) removeBox.textContent = 'This withdrawal would pay nothing';
      else {
        removePlan = { pool, lp, minA: lessSlippage(q.amount1, 50n), minB: lessSlippage(q.amount2, 50n) };
        removeBox.textContent = `Pays ${tokens(q.amount1, a)} and ${tokens(q.amount2, b)} (0.5 % slippage)`;
      }
    } else removeBox.textContent = 'Enter how many LP tokens to burn';
  } catch (error) {
    removeBox.textContent = (error as Error).message;
  }
}

async function addLiquidity(button: HTMLButtonElement) {
  const p = addPlan;
  if (!p) return toast('enter a deposit first', 'error');
  await send(button, 'Deposit', async (s, who) => transactions.add(s.api, p.pool, p.a, p.b, p.minA, p.minB, who.address),
    (events) => {
      const added = events.find((e) => e.name === 'amm.LiquidityAdded');
      return added ? `Deposited into ${pairName(p.pool)}` : 'Deposited';
    });
}

async function removeLiquidity(button: HTMLButtonElement) {
  const p = removePlan;
  if (!p) return toast('enter an LP amount first', 'error');
  await send(button, 'Withdrawal', async (s, who) => transactions.remove(s.api, p.pool, p.lp, p.minA, p.minB, who.address),
    () => `Withdrew from ${pairName(p.pool)}`);
}

// --- Farms -----------------------------------------------------------------------------------

async function renderFarms(s: State) {
  const mine = s.account ? await stakes(s.api, s.account.address) : [];
  const quote = valueAsset(s);
  const rows = await Promise.all(s.farms.map(async (f) => {
    const pool = s.pools.find((p) => p.lpToken === f.lpToken);
    const apr = await farmApr(s.api, f.id, quote);
    const stake = mine.find((m) => m.farm === f.id);
    const lpDecimals = pool?.lpDecimals ?? 0;
    const status = f.active ? 'active' : s.block < f.start ? `starts at #${f.start}` : 'ended';
    return html`<tr data-farm="${f.id}"><td>${f.id}</td><td>${pool ? pairName(pool) : `LP #${f.lpToken}`}</td>
      <td>${tokens(f.rewardPerBlock, f.reward)}</td><td>${apr?.aprPpm != null ? percentPpm(apr.aprPpm) : '—'}</td>
      <td>${formatAmount(f.totalStaked, lpDecimals)}</td><td>${status} (ends #${f.end})</td>
      <td>${formatAmount(stake?.staked ?? 0n, lpDecimals)}</td><td>${tokens(stake?.pending ?? 0n, f.reward)}</td>` +
      `<td><input class="farm-amount" placeholder="LP" size="8" /><button class="farm-stake">Stake</button>` +
      `<button class="farm-unstake">Unstake</button><button class="farm-claim">Claim</button></td></tr>`;
  }));
  const root = $('#farms');
  root.innerHTML = `<h2>Farms</h2><table><thead><tr><th>Farm</th><th>Pool</th><th>Reward per block</th>
    <th>APR (${escape(quote.symbol)})</th><th>Staked</th><th>Status</th><th>Your stake</th><th>Pending</th><th></th></tr></thead>
    <tbody>${rows.join('') || '<tr><td colspan="9">No farms yet</td></tr>'}</tbody></table>`;
  root.querySelectorAll<HTMLTableRowElement>('tr[data-farm]').forEach((row) => {
    const id = Number(row.dataset.farm);
    const farm = s.farms.find((f) => f.id === id);
    const decimals = s.pools.find((p) => p.lpToken === farm?.lpToken)?.lpDecimals ?? 0;
    const amount = () => parseAmount($<HTMLInputElement>('.farm-amount', row).value, decimals);
    $<HTMLButtonElement>('.farm-stake', row).onclick = (e) => void send(e.currentTarget as HTMLButtonElement,
      'Stake', async (st) => transactions.stake(st.api, id, amount()), () => `Staked in farm ${id}`);
    $<HTMLButtonElement>('.farm-unstake', row).onclick = (e) => void send(e.currentTarget as HTMLButtonElement,
      'Unstake', async (st) => transactions.unstake(st.api, id, amount()), () => `Unstaked from farm ${id}`);
    $<HTMLButtonElement>('.farm-claim', row).onclick = (e) => void send(e.currentTarget as HTMLButtonElement,
      'Claim', async (st) => transactions.claim(st.api, id), () => `Claimed the rewards of farm ${id}`);
  });
}

// --- Portfolio -------------------------------------------------------------------------------

async function renderPortfolio(s: State) {
  const root = $('#portfolio');
  if (!s.account) return void (root.innerHTML = '<h2>Portfolio</h2><p>Choose an account.</p>');
  const who = s.account.address;
  const quote = valueAsset(s);
  const balances = await Promise.all(s.assets.list.map(async (a) => html`<tr><td>${a.symbol}</td><td>${tokens(await balance(s.api, a, who), a)}</td></tr>`));
  const positions = (await Promise.all(s.pools.map(async (p) => {
    const r: any = await position(s.api, who, p, quote);
    if (!r) return '';
    const lp = BigInt(r.lpFree.toString()) + BigInt(r.lpLocked.toString()) + BigInt(r.lpStaked.toString());
    if (lp === 0n) return '';
    const [a, b] = p.assets;
    const v = r.valuation.isSome ? r.valuation.unwrap() : null;
    const il = v ? `${formatAmount(BigInt(v.impermanentLossPpm.toString()), 4, 2)} %` : '—';
    return html`<tr><td>${pairName(p)}</td><td>${formatAmount(lp, p.lpDecimals)}</td>
      <td>${tokens(BigInt(r.underlying[0].toString()), a)} + ${tokens(BigInt(r.underlying[1].toString()), b)}</td>
      <td>${v ? tokens(BigInt(v.value.toString()), quote) : '—'}</td><td>${v ? tokens(BigInt(v.feesEarned.toString()), quote) : '—'}</td>
      <td>${il}</td></tr>`;
  }))).join('');
  const mine = await stakes(s.api, who);
  const stakeRows = mine.map((m) => {
    const farm = s.farms.find((f) => f.id === m.farm);
    const lpDecimals = s.pools.find((p) => p.lpToken === farm?.lpToken)?.lpDecimals ?? 0;
    return html`<tr><td>${m.farm}</td><td>${formatAmount(m.staked, lpDecimals)}</td><td>${farm ? tokens(m.pending, farm.reward) : m.pending}</td></tr>`;
  }).join('');
  root.innerHTML = `<h2>Portfolio of ${escape(s.account.name)}</h2>
    <h3>Balances</h3><table><tbody>${balances.join('')}</tbody></table>
    <h3>Liquidity positions</h3><table><thead><tr><th>Pool</th><th>LP tokens</th><th>Underlying</th><th>Value</th><th>Fees earned</th><th>Impermanent loss</th></tr></thead>
    <tbody>${positions || '<tr><td colspan="6">None</td></tr>'}</tbody></table>
    <h3>Farm stakes</h3><table><thead><tr><th>Farm</th><th>Staked</th><th>Pending rewards</th></tr></thead>
    <tbody>${stakeRows || '<tr><td colspan="3">None</td></tr>'}</tbody></table>`;
}

// --- Wiring ----------------------------------------------------------------------------------

const current = () => document.querySelector<HTMLElement>('#tabs .active')?.dataset.tab ?? 'swap';

let refreshing = false;
/** Re-reads pools and farms and redraws the visible screen. */
async function refresh() {
  const s = state;
  if (!s || refreshing) return;
  refreshing = true;
  try {
    [s.pools, s.farms] = await Promise.all([pools(s.api, s.assets), farms(s.api, s.assets)]);
    const tab = current();
    if (tab === 'swap') renderSwap(s);
    if (tab === 'pools') renderPools(s);
    if (tab === 'liquidity') renderLiquidity(s);
    if (tab === 'farms') await renderFarms(s);
    if (tab === 'portfolio') await renderPortfolio(s);
  } catch (error) {
    toast(`refresh failed: ${(error as Error).message}`, 'error');
  } finally {
    refreshing = false;
  }
}

function fillAccounts(s: State) {
  const select = $<HTMLSelectElement>('#account');
  select.innerHTML = s.accounts.map((a, i) => `<option value="${i}">${escape(a.name)}</option>`).join('') +
    '<option value="extension">Connect extension…</option>';
  const saved = localStorage.getItem('dex.account');
  const index = Math.max(0, s.accounts.findIndex((a) => a.address === saved));
  select.value = String(index);
  s.account = s.accounts[index] ?? null;
}

async function start() {
  const params = new URLSearchParams(location.search);
  const endpoint = params.get('ws') ?? localStorage.getItem('dex.endpoint') ?? DEFAULT_WS;
  const field = $<HTMLInputElement>('#endpoint');
  field.value = endpoint;
  field.addEventListener('change', () => {
    localStorage.setItem('dex.endpoint', field.value);
    location.search = `?ws=${encodeURIComponent(field.value)}`;
  });
  const status = $('#status');
  try {
    const api = await connect(endpoint);
    const [chainType, assets] = [await api.rpc.system.chainType(), await loadAssets(api)];
    const ss58 = api.registry.chainSS58 ?? 42;
    const dev = chainType.isDevelopment || chainType.isLocal;
    state = { api, assets, accounts: dev ? await devAccounts(ss58) : [], account: null, pools: [], farms: [], block: 0 };
    fillAccounts(state);
    status.textContent = `${(await api.rpc.system.chain()).toString()}`;
    status.dataset.state = 'connected';
    await api.rpc.chain.subscribeNewHeads((header) => {
      if (!state) return;
      state.block = header.number.toNumber();
      status.textContent = `${api.runtimeChain.toString()} #${state.block}`;
      void refresh();
    });
    await refresh();
  } catch (error) {
    status.textContent = `cannot connect: ${(error as Error).message}`;
    status.dataset.state = 'error';
  }
}

$('#account').addEventListener('change', async (e) => {
  const s = state;
  const select = e.currentTarget as HTMLSelectElement;
  if (!s) return;
  if (select.value === 'extension') {
    const found = await extensionAccounts(s.api.registry.chainSS58 ?? 42);
    if (found.length === 0) toast('No extension accounts: install the Polkadot.js extension or a compatible one and allow this page', 'error');
    s.accounts = [...found, ...s.accounts.filter((a) => a.pair)];
    fillAccounts(s);
    if (found[0]) select.value = '0', (s.account = found[0]);
  } else {
    s.account = s.accounts[Number(select.value)] ?? null;
  }
  if (s.account) localStorage.setItem('dex.account', s.account.address);
  await quoteSwap();
  await refresh();
});

document.querySelectorAll<HTMLButtonElement>('#tabs button').forEach((button) => {
  button.addEventListener('click', () => {
    document.querySelectorAll('#tabs button, .tab').forEach((el) => el.classList.remove('active'));
    button.classList.add('active');
    $(`#${button.dataset.tab}`).classList.add('active');
    void refresh();
  });
});

void start();
