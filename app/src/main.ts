// The DEX web app: Swap, Pools, Liquidity, Farms and Portfolio screens over one connection,
// redrawn at every new block.
import './style.css';
import type { ApiPromise } from '@polkadot/api';
import {
  type Account, type Asset, type Assets, type Farm, type Included, type Pool, type SwapMode,
  atPrice, balance, bestRoute, connect, farmApr, farms, feeTiers, formatAmount, lessSlippage,
  loadAssets, lpBalance, midPrice, parseAmount, percentPpm, pools, position, quoteAdd, quoteRemove,
  priceHistory, seedLock, stakes, submit, tokens, transactions, Q64,
} from './chain';
import { devAccounts, extensionAccounts } from './wallet';

/** The node the app connects to unless `?ws=` or the endpoint field says otherwise. */
const DEFAULT_WS = 'ws://127.0.0.1:9944';
/** The asset values are given in. */
const VALUE_SYMBOL = 'USDT';
/** Slippage of deposits and withdrawals, in basis points. */
const LIQUIDITY_SLIPPAGE_BPS = 50n;

interface State {
  api: ApiPromise;
  endpoint: string;
  assets: Assets;
  accounts: Account[];
  account: Account | null;
  pools: Pool[];
  farms: Farm[];
  block: number;
  maxPath: number;
}
let state: State | null = null;

const $ = <T extends HTMLElement = HTMLElement>(selector: string, root: ParentNode = document) =>
  root.querySelector(selector) as T;
const value = (selector: string) => $<HTMLInputElement>(selector).value;
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** A template whose interpolated values are escaped. */
const html = (strings: TemplateStringsArray, ...values: unknown[]) =>
  strings.reduce((out, s, i) => out + s + (i < values.length ? escape(String(values[i])) : ''), '');

/** Shows a message at the bottom of the page; `link` adds a link to a block. */
function toast(message: string, kind: 'ok' | 'error' | 'info' = 'info', link?: string) {
  const el = $('#toast');
  el.dataset.kind = kind;
  el.innerHTML = escape(message) + (link ? ` <a href="${escape(link)}" target="_blank" rel="noopener">block</a>` : '');
}

/** The block in Polkadot.js apps' explorer. */
const blockLink = (s: State, hash: string) =>
  `https://polkadot.js.org/apps/?rpc=${encodeURIComponent(s.endpoint)}#/explorer/query/${hash}`;

const pairName = (p: Pool) => `${p.assets[0].symbol}/${p.assets[1].symbol}`;
const valueAsset = (s: State) => s.assets.list.find((a) => a.symbol === VALUE_SYMBOL) ?? s.assets.native;
const assetOptions = (s: State, selected?: string) =>
  s.assets.list
    .map((a) => `<option value="${escape(a.symbol)}"${a.symbol === selected ? ' selected' : ''}>${escape(a.symbol)}</option>`)
    .join('');
const poolOptions = (s: State) => s.pools.map((p, i) => `<option value="${i}">${escape(pairName(p))}</option>`).join('');
const poolOfLp = (s: State, lpToken: number) => s.pools.find((p) => p.lpToken === lpToken);

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

/**
 * Runs a transaction from a button: progress while it is pending, then the outcome with a link
 * to its block, and a redraw.
 */
async function send(button: HTMLButtonElement, what: string, build: (s: State, who: Account) => Promise<unknown> | unknown, done: (included: Included) => string, feeAsset?: Asset) {
  const s = state;
  if (!s || !s.account) return toast('choose an account first', 'error');
  button.disabled = true;
  toast(`${what}: signing…`);
  try {
    const extrinsic = (await build(s, s.account)) as Parameters<typeof submit>[1];
    const included = await submit(s.api, extrinsic, s.account, feeAsset, (status) =>
      toast(`${what}: ${status === 'Ready' || status === 'Broadcast' ? 'pending' : status.toLowerCase()}…`));
    toast(done(included), 'ok', blockLink(s, included.blockHash));
    await refresh();
  } catch (error) {
    toast(`${what} failed: ${(error as Error).message}`, 'error');
  } finally {
    button.disabled = false;
  }
}

const eventOf = (included: Included, name: string) => included.events.find((e) => e.name === name);

// --- Swap ------------------------------------------------------------------------------------

function renderSwap(s: State) {
  const root = $('#swap');
  if (root.dataset.ready) return void quoteSwap();
  root.dataset.ready = '1';
  const other = s.assets.list.find((a) => a.symbol === VALUE_SYMBOL) ?? s.assets.list[1];
  root.innerHTML = `<h2>Swap</h2><div class="card">
    <div class="modes"><label><input type="radio" name="swap-mode" value="in" checked /> Exact in</label>
      <label><input type="radio" name="swap-mode" value="out" /> Exact out</label></div>
    <label><span id="swap-amount-label">You pay</span> <input id="swap-amount" inputmode="decimal" placeholder="0.0" /></label>
    <label>From <select id="swap-from" aria-label="Pay asset">${assetOptions(s, s.assets.native.symbol)}</select></label>
    <div id="swap-balance" class="hint"></div>
    <button id="swap-flip" title="Swap direction">⇅</button>
    <label>To <select id="swap-to" aria-label="Receive asset">${assetOptions(s, other?.symbol)}</select></label>
    <label>Slippage tolerance (%) <input id="swap-slippage" value="0.5" size="4" /></label>
    <label>Deadline (blocks) <input id="swap-deadline" value="20" size="4" /></label>
    <label>Pay the fee in <select id="swap-fee">${assetOptions(s, s.assets.native.symbol)}</select></label>
    <div id="swap-quote" class="quote">Enter an amount</div>
    <button id="swap-go" class="primary" disabled>Swap</button>
    <div id="swap-result"></div></div>`;
  for (const id of ['#swap-amount', '#swap-from', '#swap-to', '#swap-slippage', '#swap-deadline']) {
    $(id).addEventListener('input', () => void quoteSwap());
  }
  root.querySelectorAll('input[name=swap-mode]').forEach((r) => r.addEventListener('change', () => void quoteSwap()));
  $('#swap-flip').addEventListener('click', () => {
    const [from, to] = [$<HTMLSelectElement>('#swap-from'), $<HTMLSelectElement>('#swap-to')];
    [from.value, to.value] = [to.value, from.value];
    void quoteSwap();
  });
  $('#swap-go').addEventListener('click', (e) => void doSwap(e.currentTarget as HTMLButtonElement));
  void quoteSwap();
}

/** The swap form's current plan: what the transaction will send, and what it was quoted. */
let swapPlan: { mode: SwapMode; path: Asset[]; amountIn: bigint; amountOut: bigint; limit: bigint; deadline: number } | null = null;
let quoting = 0;

async function quoteSwap() {
  const s = state;
  if (!s || !$('#swap-quote')) return;
  const ticket = ++quoting;
  const box = $('#swap-quote');
  const go = $<HTMLButtonElement>('#swap-go');
  const mode = ($<HTMLInputElement>('input[name=swap-mode]:checked')?.value ?? 'in') as SwapMode;
  $('#swap-amount-label').textContent = mode === 'in' ? 'You pay' : 'You receive';
  const from = s.assets.bySymbol(value('#swap-from'));
  const to = s.assets.bySymbol(value('#swap-to'));
  const held = s.account ? await balance(s.api, from, s.account.address) : 0n;
  const show = (text: string) => {
    if (ticket !== quoting) return;
    swapPlan = null;
    go.disabled = true;
    box.removeAttribute('data-amount-out');
    box.textContent = text;
  };
  $('#swap-balance').textContent = s.account ? `Balance: ${tokens(held, from)}` : '';
  const text = value('#swap-amount');
  if (!text.trim()) return show('Enter an amount');
  if (from.symbol === to.symbol) return show('Choose two different assets');
  let amount: bigint;
  let slippageBps: bigint;
  let blocks: number;
  try {
    amount = parseAmount(text, mode === 'in' ? from.decimals : to.decimals);
    slippageBps = parseAmount(value('#swap-slippage'), 2);
    if (slippageBps > 5000n) throw new Error('slippage above 50 %');
    blocks = Number(value('#swap-deadline'));
    if (!Number.isInteger(blocks) || blocks < 1) throw new Error('the deadline is a number of blocks, at least 1');
  } catch (error) {
    return show((error as Error).message);
  }
  if (amount === 0n) return show('Enter an amount');
  const route = await bestRoute(s.api, s.pools, from, to, amount, mode, s.maxPath);
  if (ticket !== quoting) return;
  if (!route) return show(`Pool missing: no route of pools from ${from.symbol} to ${to.symbol} can serve this amount`);
  const { path, quote } = route;
  const limit = mode === 'in' ? lessSlippage(quote.amountOut, slippageBps) : (quote.amountIn * (10_000n + slippageBps) + 9_999n) / 10_000n;
  const pays = mode === 'in' ? amount : limit;
  swapPlan = { mode, path, amountIn: quote.amountIn, amountOut: quote.amountOut, limit, deadline: s.block + blocks };
  box.dataset.amountOut = quote.amountOut.toString();
  box.dataset.amountIn = quote.amountIn.toString();
  const price = quote.amountIn === 0n ? 0n : (quote.amountOut * 10n ** BigInt(from.decimals + 6)) / quote.amountIn;
  box.innerHTML = html`
    <div>You pay <strong id="swap-in">${tokens(quote.amountIn, from, from.decimals)}</strong></div>
    <div>You receive <strong id="swap-out">${tokens(quote.amountOut, to, to.decimals)}</strong></div>
    <div>Price: 1 ${from.symbol} = ${formatAmount(price, to.decimals + 6, 6)} ${to.symbol}</div>
    <div>Route: <span id="swap-route">${path.map((a) => a.symbol).join(' → ')}</span> (${path.length - 1} hop${path.length > 2 ? 's' : ''})</div>
    <div>Price impact: ${percentPpm(quote.impactPpm)}</div>
    <div>Trading fees: ${quote.fees.map((f, i) => tokens(f, path[i])).join(', ')}</div>
    <div>${mode === 'in' ? `Minimum received: ${tokens(limit, to, to.decimals)}` : `Maximum paid: ${tokens(limit, from, from.decimals)}`}</div>
    <div>Valid until block #${s.block + blocks}</div>`;
  if (!s.account) return;
  if (pays > held) {
    box.insertAdjacentHTML('beforeend', html`<div class="warn">Insufficient balance: you hold ${tokens(held, from)}</div>`);
    return;
  }
  go.disabled = false;
}

async function doSwap(button: HTMLButtonElement) {
  const plan = swapPlan;
  const s = state;
  if (!plan || !s) return;
  const [first, out] = [plan.path[0], plan.path[plan.path.length - 1]];
  const feeAsset = s.assets.bySymbol(value('#swap-fee'));
  await send(button, 'Swap', (st, who) => plan.mode === 'in'
    ? transactions.swap(st.api, plan.path, plan.amountIn, plan.limit, who.address, plan.deadline)
    : transactions.swapExactOut(st.api, plan.path, plan.amountOut, plan.limit, who.address, plan.deadline),
  (included) => {
    const swapped = eventOf(included, 'amm.SwapExecuted');
    const [paid, received] = swapped ? [BigInt(swapped.data.amountIn), BigInt(swapped.data.amountOut)] : [0n, 0n];
    const result = $('#swap-result');
    result.dataset.received = received.toString();
    result.dataset.paid = paid.toString();
    result.textContent = `Paid ${tokens(paid, first, first.decimals)}, received ${tokens(received, out, out.decimals)}`;
    return `Swapped ${tokens(paid, first)} for ${tokens(received, out, out.decimals)}`;
  }, feeAsset);
}

// --- Pools -----------------------------------------------------------------------------------

async function renderPools(s: State) {
  const quote = valueAsset(s);
  const rows = await Promise.all(s.pools.map(async (p) => {
    const [a, b] = p.assets;
    const price = p.reserves[0] === 0n ? '—'
      : formatAmount((p.reserves[1] * 10n ** BigInt(a.decimals + 6)) / p.reserves[0], b.decimals + 6, 6);
    const [pa, pb, seed] = await Promise.all([midPrice(s.api, a, quote), midPrice(s.api, b, quote), seedLock(s.api, p)]);
    const tvl = pa !== null && pb !== null ? tokens(atPrice(p.reserves[0], pa) + atPrice(p.reserves[1], pb), quote, 2) : '—';
    const farmsHere = await Promise.all(s.farms.filter((f) => f.lpToken === p.lpToken).map(async (f) => {
      const apr = await farmApr(s.api, f.id, quote);
      return `farm ${f.id}: ${apr?.aprPpm != null ? percentPpm(apr.aprPpm) : 'no stake yet'}`;
    }));
    const guard = !seed ? 'no seed' : seed.locked === 0n ? 'seed not locked'
      : `${seed.full ? 'seed locked' : `${formatAmount(seed.locked, p.lpDecimals)} LP of the seed locked`} until #${seed.until}`;
    return html`<tr data-pool="${pairName(p)}"><td>${pairName(p)}</td><td>${formatAmount(BigInt(p.feeBps), 2, 2)} %</td>
      <td>${tokens(p.reserves[0], a)}<br />${tokens(p.reserves[1], b)}</td>
      <td>1 ${a.symbol} = ${price} ${b.symbol}</td><td class="tvl">${tvl}</td><td>${farmsHere.join(', ') || '—'}</td>
      <td class="${seed && seed.locked > 0n ? '' : 'warn'}">${guard}</td>
      <td class="${risk(p) === 'none' ? '' : 'warn'}">${risk(p)}</td></tr>`;
  }));
  $('#pools').innerHTML = `<h2>Pools</h2><table><thead><tr><th>Pool</th><th>Fee</th><th>Reserves</th>
    <th>Price</th><th>TVL (${escape(quote.symbol)})</th><th>Farms (APR)</th><th>Seed liquidity</th><th>Issuer control</th></tr></thead>
    <tbody>${rows.join('') || '<tr><td colspan="8">No pools yet</td></tr>'}</tbody></table>`;
}

// --- Liquidity -------------------------------------------------------------------------------

async function renderLiquidity(s: State) {
  const root = $('#liquidity');
  if (!root.dataset.ready) {
    root.dataset.ready = '1';
    const tiers = await feeTiers(s.api);
    root.innerHTML = `<h2>Liquidity</h2><div class="columns"><div class="card">
      <label>Pool <select id="liq-pool">${poolOptions(s)}</select></label><div id="liq-held" class="hint"></div>
      <h3>Add</h3>
      <label><span id="liq-a-name"></span> <input id="liq-a" inputmode="decimal" placeholder="0.0" /></label>
      <label><span id="liq-b-name"></span> <input id="liq-b" inputmode="decimal" placeholder="0.0" /></label>
      <button id="liq-optimal">Second amount at the pool's price</button>
      <div id="liq-add-quote" class="quote"></div><button id="liq-add" class="primary">Add liquidity</button>
      <h3>Remove</h3>
      <label>Share of your LP tokens <input id="liq-pct" type="range" min="0" max="100" value="0" /> <span id="liq-pct-text">0 %</span></label>
      <div id="liq-remove-quote" class="quote"></div><button id="liq-remove">Remove liquidity</button>
      <h3>Lock LP tokens</h3>
      <label>LP tokens <input id="liq-lock-amount" inputmode="decimal" placeholder="0.0" /></label>
      <label>Until block <input id="liq-lock-until" inputmode="numeric" /></label>
      <button id="liq-lock">Lock</button></div>
      <div class="card"><h3>Create a pool</h3>
      <label>Asset <select id="new-a">${assetOptions(s, s.assets.native.symbol)}</select></label>
      <label>Asset <select id="new-b">${assetOptions(s, s.assets.list[1]?.symbol)}</select></label>
      <label>Fee tier <select id="new-fee">${tiers.map((t) => `<option value="${t}"${t === 30 ? ' selected' : ''}>${formatAmount(BigInt(t), 2, 2)} %</option>`).join('')}</select></label>
      <button id="new-pool" class="primary">Create pool</button></div></div>`;
    for (const id of ['#liq-pool', '#liq-a', '#liq-b', '#liq-pct']) {
      $(id).addEventListener('input', () => void quoteLiquidity());
    }
    $('#liq-optimal').addEventListener('click', () => {
      const pool = selectedPool(s);
      try {
        const a = parseAmount(value('#liq-a'), pool.assets[0].decimals);
        const b = pool.reserves[0] === 0n ? 0n : (a * pool.reserves[1] + pool.reserves[0] - 1n) / pool.reserves[0];
        $<HTMLInputElement>('#liq-b').value = formatAmount(b, pool.assets[1].decimals, pool.assets[1].decimals).replace(/,/g, '');
        void quoteLiquidity();
      } catch (error) {
        toast((error as Error).message, 'error');
      }
    });
    $('#liq-add').addEventListener('click', (e) => void addLiquidity(e.currentTarget as HTMLButtonElement));
    $('#liq-remove').addEventListener('click', (e) => void removeLiquidity(e.currentTarget as HTMLButtonElement));
    $('#liq-lock').addEventListener('click', (e) => {
      const pool = selectedPool(s);
      void send(e.currentTarget as HTMLButtonElement, 'Lock',
        (st) => transactions.lock(st.api, pool, parseAmount(value('#liq-lock-amount'), pool.lpDecimals), Number(value('#liq-lock-until'))),
        () => `Locked LP ${pairName(pool)} until #${value('#liq-lock-until')}`);
    });
    $('#new-pool').addEventListener('click', (e) => {
      const [a, b] = [s.assets.bySymbol(value('#new-a')), s.assets.bySymbol(value('#new-b'))];
      void send(e.currentTarget as HTMLButtonElement, 'Pool creation',
        (st) => transactions.createPool(st.api, a, b, Number(value('#new-fee'))),
        () => `Created the ${a.symbol}/${b.symbol} pool: add its first liquidity`);
    });
    $<HTMLInputElement>('#liq-lock-until').value = String(s.block + 14_400);
  } else if ($('#liq-pool').childElementCount !== s.pools.length) {
    const select = $<HTMLSelectElement>('#liq-pool');
    const current = select.value;
    select.innerHTML = poolOptions(s);
    select.value = current;
  }
  await quoteLiquidity();
}

const selectedPool = (s: State) => s.pools[Number(value('#liq-pool'))] ?? s.pools[0];
let addPlan: { pool: Pool; a: bigint; b: bigint; minA: bigint; minB: bigint } | null = null;
let removePlan: { pool: Pool; lp: bigint; minA: bigint; minB: bigint } | null = null;

async function quoteLiquidity() {
  const s = state;
  if (!s || s.pools.length === 0 || !$('#liq-pool')) return;
  const pool = selectedPool(s);
  const [a, b] = pool.assets;
  $('#liq-a-name').textContent = a.symbol;
  $('#liq-b-name').textContent = b.symbol;
  const held = s.account ? await lpBalance(s.api, pool.lpToken, s.account.address) : 0n;
  $('#liq-held').textContent = `You hold ${formatAmount(held, pool.lpDecimals)} LP ${pairName(pool)}`;
  addPlan = null;
  removePlan = null;
  const addBox = $('#liq-add-quote');
  try {
    const [ta, tb] = [value('#liq-a'), value('#liq-b')];
    if (ta.trim() && tb.trim()) {
      const [da, db] = [parseAmount(ta, a.decimals), parseAmount(tb, b.decimals)];
      const q = await quoteAdd(s.api, pool, da, db);
      if (!q) addBox.textContent = 'This deposit would mint no LP tokens';
      else {
        addPlan = { pool, a: da, b: db, minA: lessSlippage(q.amount1, LIQUIDITY_SLIPPAGE_BPS), minB: lessSlippage(q.amount2, LIQUIDITY_SLIPPAGE_BPS) };
        addBox.dataset.lp = q.lp.toString();
        addBox.textContent = `Takes ${tokens(q.amount1, a)} and ${tokens(q.amount2, b)}, mints ${formatAmount(q.lp, pool.lpDecimals)} LP (0.5 % slippage)`;
      }
    } else addBox.textContent = 'Enter at most how much of each asset to deposit';
  } catch (error) {
    addBox.textContent = (error as Error).message;
  }
  const pct = BigInt(value('#liq-pct'));
  $('#liq-pct-text').textContent = `${pct} %`;
  const removeBox = $('#liq-remove-quote');
  const lp = (held * pct) / 100n;
  if (lp === 0n) removeBox.textContent = 'Choose the share of your LP tokens to burn';
  else {
    const q = await quoteRemove(s.api, pool, lp);
    if (!q) removeBox.textContent = 'This withdrawal would pay nothing';
    else {
      removePlan = { pool, lp, minA: lessSlippage(q.amount1, LIQUIDITY_SLIPPAGE_BPS), minB: lessSlippage(q.amount2, LIQUIDITY_SLIPPAGE_BPS) };
      removeBox.textContent = `Burns ${formatAmount(lp, pool.lpDecimals)} LP, pays ${tokens(q.amount1, a)} and ${tokens(q.amount2, b)} (0.5 % slippage)`;
    }
  }
}

async function addLiquidity(button: HTMLButtonElement) {
  const p = addPlan;
  if (!p) return toast('enter a deposit first', 'error');
  await send(button, 'Deposit', (s, who) => transactions.add(s.api, p.pool, p.a, p.b, p.minA, p.minB, who.address),
    (included) => {
      const added = eventOf(included, 'amm.LiquidityAdded');
      const minted = added ? BigInt(added.data.lpMinted ?? 0) : 0n;
      $('#liq-add-quote').dataset.minted = minted.toString();
      return `Deposited into ${pairName(p.pool)}: ${formatAmount(minted, p.pool.lpDecimals)} LP minted`;
    });
}

async function removeLiquidity(button: HTMLButtonElement) {
  const p = removePlan;
  if (!p) return toast('choose a share of your LP tokens first', 'error');
  await send(button, 'Withdrawal', (s, who) => transactions.remove(s.api, p.pool, p.lp, p.minA, p.minB, who.address),
    () => `Withdrew from ${pairName(p.pool)}`);
}

// --- Farms -----------------------------------------------------------------------------------

async function renderFarms(s: State) {
  const mine = s.account ? await stakes(s.api, s.account.address) : [];
  const quote = valueAsset(s);
  const root = $('#farms');
  if (!root.dataset.ready || root.querySelectorAll('tr[data-farm]').length !== s.farms.length) {
    root.dataset.ready = '1';
    root.innerHTML = `<h2>Farms</h2><table><thead><tr><th>Farm</th><th>Pool</th><th>Reward per block</th>
      <th>APR (${escape(quote.symbol)})</th><th>Staked</th><th>Remaining rewards</th><th>Status</th><th>Your stake</th><th>Pending</th><th></th></tr></thead>
      <tbody>${s.farms.map((f) => `<tr data-farm="${f.id}"><td>${f.id}</td><td class="pool"></td><td class="rate"></td><td class="apr"></td>
        <td class="staked"></td><td class="remaining"></td><td class="status"></td><td class="mine"></td><td class="pending"></td>
        <td><input class="farm-amount" placeholder="LP" size="8" /><button class="farm-stake">Stake</button>
        <button class="farm-unstake">Unstake</button><button class="farm-claim">Claim</button>
        <button class="farm-emergency" title="Unstake everything, forfeiting pending rewards">Emergency withdraw</button><br />
        <input class="farm-a" placeholder="asset 1" size="8" /><input class="farm-b" placeholder="asset 2" size="8" />
        <button class="farm-deposit">Add liquidity and stake</button></td></tr>`).join('') || '<tr><td colspan="10">No farms yet</td></tr>'}</tbody></table>`;
    root.querySelectorAll<HTMLTableRowElement>('tr[data-farm]').forEach((row) => {
      const id = Number(row.dataset.farm);
      const farm = () => state!.farms.find((f) => f.id === id)!;
      const pool = () => poolOfLp(state!, farm().lpToken);
      const amount = () => parseAmount($<HTMLInputElement>('.farm-amount', row).value, pool()?.lpDecimals ?? 0);
      const click = (cls: string, what: string, build: (st: State) => unknown, done: (i: Included) => string) =>
        ($<HTMLButtonElement>(cls, row).onclick = (e) => void send(e.currentTarget as HTMLButtonElement, what, build, done));
      click('.farm-stake', 'Stake', (st) => transactions.stake(st.api, id, amount()), () => `Staked in farm ${id}`);
      click('.farm-unstake', 'Unstake', (st) => transactions.unstake(st.api, id, amount()), () => `Unstaked from farm ${id}`);
      click('.farm-claim', 'Claim', (st) => transactions.claim(st.api, id), (included) => {
        const claimed = eventOf(included, 'liquidityMining.Claimed');
        const paid = claimed ? BigInt(claimed.data.amount ?? 0) : 0n;
        row.dataset.claimed = paid.toString();
        return `Claimed ${tokens(paid, farm().reward)} from farm ${id}`;
      });
      click('.farm-emergency', 'Emergency withdrawal', (st) => transactions.emergencyWithdraw(st.api, id),
        () => `Withdrew the whole stake of farm ${id}; its pending rewards are forfeited`);
      click('.farm-deposit', 'Deposit and stake', (st) => {
        const p = pool();
        if (!p) throw new Error('the farm has no pool');
        const [a, b] = [parseAmount($<HTMLInputElement>('.farm-a', row).value, p.assets[0].decimals),
          parseAmount($<HTMLInputElement>('.farm-b', row).value, p.assets[1].decimals)];
        return transactions.addAndStake(st.api, id, a, b, 0n, 0n);
      }, () => `Deposited into the pool and staked in farm ${id}`);
    });
  }
  for (const f of s.farms) {
    const row = $<HTMLTableRowElement>(`tr[data-farm="${f.id}"]`, root);
    const pool = poolOfLp(s, f.lpToken);
    const lpDecimals = pool?.lpDecimals ?? 0;
    const apr = await farmApr(s.api, f.id, quote);
    const stake = mine.find((m) => m.farm === f.id);
    const status = f.active ? 'active' : s.block < f.start ? `starts at #${f.start}` : 'ended';
    const cells: Record<string, string> = {
      '.pool': pool ? pairName(pool) : `LP #${f.lpToken}`,
      '.rate': tokens(f.rewardPerBlock, f.reward),
      '.apr': apr?.aprPpm != null ? percentPpm(apr.aprPpm) : '—',
      '.staked': formatAmount(f.totalStaked, lpDecimals),
      '.remaining': tokens(f.remaining, f.reward),
      '.status': `${status} (ends #${f.end})`,
      '.mine': formatAmount(stake?.staked ?? 0n, lpDecimals),
      '.pending': tokens(stake?.pending ?? 0n, f.reward, f.reward.decimals),
    };
    for (const [cls, text] of Object.entries(cells)) $(cls, row).textContent = text;
    $('.pending', row).dataset.units = (stake?.pending ?? 0n).toString();
  }
}

// --- Portfolio -------------------------------------------------------------------------------

/** A pool's price as a number of `quote` per whole `base`, from Q64.64 in units. */
function priceNumber(priceX64: bigint, base: Asset, quote: Asset): number {
  const scale = 18 + base.decimals - quote.decimals;
  const scaled = scale >= 0 ? priceX64 * 10n ** BigInt(scale) : priceX64 / 10n ** BigInt(-scale);
  return Number(scaled / Q64) / 1e18;
}

/** A small SVG step line of a pool's price history (its oracle's average over each period). */
async function priceChart(s: State, pool: Pool, base: Asset): Promise<string> {
  const quote = pool.assets[0].id === base.id ? pool.assets[1] : pool.assets[0];
  const periods = await priceHistory(s.api, pool, base);
  const caption = `${escape(base.symbol)} in ${escape(quote.symbol)}`;
  if (periods.length === 0) return `<p class="hint">No price history for ${caption} yet: the pool's oracle records a price every observation period.</p>`;
  const points = periods.map((p) => ({ from: p.from, to: p.to, price: priceNumber(p.priceX64, base, quote) }));
  const [w, h] = [360, 80];
  const prices = points.map((p) => p.price);
  const [lo, hi] = [Math.min(...prices), Math.max(...prices)];
  const [t0, t1] = [points[0].from, points[points.length - 1].to];
  const x = (t: number) => (((t - t0) / Math.max(1, t1 - t0)) * w).toFixed(1);
  // A flat history is drawn across the middle.
  const y = (price: number) => (hi - lo <= 1e-12 * hi ? h / 2 : h - 5 - ((price - lo) / (hi - lo)) * (h - 10)).toFixed(1);
  const line = points.map((p) => `${x(p.from)},${y(p.price)} ${x(p.to)},${y(p.price)}`).join(' ');
  const seconds = Math.round((t1 - t0) / 1_000);
  const span = seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
  const last = points[points.length - 1].price;
  return `<figure data-periods="${points.length}" data-last="${periods[periods.length - 1].priceX64}"><svg width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="price history">
    <polyline fill="none" stroke="#e6007a" stroke-width="2" points="${line}" /></svg>
    <figcaption>${caption} over the last ${span} (${points.length} period${points.length === 1 ? '' : 's'} of the pool's TWAP): now ${last.toPrecision(6)}, range ${lo.toPrecision(6)} – ${hi.toPrecision(6)}</figcaption></figure>`;
}

async function renderPortfolio(s: State) {
  const root = $('#portfolio');
  if (!s.account) return void (root.innerHTML = '<h2>Portfolio</h2><p>Choose an account.</p>');
  const who = s.account.address;
  const quote = valueAsset(s);
  const balances = await Promise.all(s.assets.list.map(async (a) =>
    html`<tr data-asset="${a.symbol}"><td>${a.symbol}</td><td>${tokens(await balance(s.api, a, who), a)}</td></tr>`));
  const positions = (await Promise.all(s.pools.map(async (p) => {
    const r = await position(s.api, who, p, quote);
    if (!r) return '';
    const lp = BigInt(r.lpFree.toString()) + BigInt(r.lpLocked.toString()) + BigInt(r.lpStaked.toString());
    if (lp === 0n) return '';
    const [a, b] = p.assets;
    const v = r.valuation.isSome ? r.valuation.unwrap() : null;
    const il = v ? `${formatAmount(BigInt(v.impermanentLossPpm.toString()), 4, 2)} %` : '—';
    return html`<tr data-position="${pairName(p)}" data-value="${v ? v.value.toString() : ''}"><td>${pairName(p)}</td><td>${formatAmount(lp, p.lpDecimals)}</td>
      <td>${tokens(BigInt(r.underlying[0].toString()), a)} + ${tokens(BigInt(r.underlying[1].toString()), b)}</td>
      <td>${v ? tokens(BigInt(v.value.toString()), quote) : '—'}</td><td>${v ? tokens(BigInt(v.feesEarned.toString()), quote) : '—'}</td>
      <td>${il}</td></tr>`;
  }))).join('');
  const stakeRows = (await stakes(s.api, who)).map((m) => {
    const farm = s.farms.find((f) => f.id === m.farm);
    const lpDecimals = farm ? poolOfLp(s, farm.lpToken)?.lpDecimals ?? 0 : 0;
    return html`<tr><td>${m.farm}</td><td>${formatAmount(m.staked, lpDecimals)}</td><td>${farm ? tokens(m.pending, farm.reward) : m.pending}</td></tr>`;
  }).join('');
  const chartPool = s.pools.find((p) => p.assets.some((a) => a.id === null) && p.assets.some((a) => a.id === quote.id)) ?? s.pools[0];
  const chart = chartPool ? await priceChart(s, chartPool, chartPool.assets.find((a) => a.id === null) ?? chartPool.assets[0]) : '<p class="hint">No pools.</p>';
  root.innerHTML = `<h2>Portfolio of ${escape(s.account.name)}</h2>
    <h3>Balances</h3><table><tbody>${balances.join('')}</tbody></table>
    <h3>Liquidity positions</h3><table><thead><tr><th>Pool</th><th>LP tokens</th><th>Underlying</th><th>Value</th><th>Fees earned</th><th>Impermanent loss</th></tr></thead>
    <tbody>${positions || '<tr><td colspan="6">None</td></tr>'}</tbody></table>
    <h3>Farm stakes</h3><table><thead><tr><th>Farm</th><th>Staked</th><th>Pending rewards</th></tr></thead>
    <tbody>${stakeRows || '<tr><td colspan="3">None</td></tr>'}</tbody></table>
    <h3>Price history</h3>${chart}`;
}

// --- Wiring ----------------------------------------------------------------------------------

const current = () => document.querySelector<HTMLElement>('#tabs .active')?.dataset.tab ?? 'swap';

let refreshing = false;
let again = false;
/** Re-reads pools and farms and redraws the visible screen (once more if asked meanwhile). */
async function refresh() {
  const s = state;
  if (!s) return;
  if (refreshing) return void (again = true);
  refreshing = true;
  try {
    [s.pools, s.farms] = await Promise.all([pools(s.api, s.assets), farms(s.api, s.assets)]);
    const tab = current();
    if (tab === 'swap') renderSwap(s);
    if (tab === 'pools') await renderPools(s);
    if (tab === 'liquidity') await renderLiquidity(s);
    if (tab === 'farms') await renderFarms(s);
    if (tab === 'portfolio') await renderPortfolio(s);
    document.body.dataset.block = String(s.block);
  } catch (error) {
    toast(`refresh failed: ${(error as Error).message}`, 'error');
  } finally {
    refreshing = false;
    if (again) {
      again = false;
      void refresh();
    }
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
    const maxPath = Number((api.consts as any).amm.maxSwapPathLength.toString());
    state = { api, endpoint, assets, accounts: dev ? await devAccounts(ss58) : [], account: null, pools: [], farms: [], block: 0, maxPath };
    fillAccounts(state);
    status.dataset.state = 'connected';
    status.textContent = api.runtimeChain.toString();
    await api.rpc.chain.subscribeNewHeads((header) => {
      if (!state) return;
      state.block = header.number.toNumber();
      status.textContent = `${api.runtimeChain.toString()} #${state.block}`;
      void refresh();
    });
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
    if (found[0]) {
      select.value = '0';
      s.account = found[0];
    }
  } else {
    s.account = s.accounts[Number(select.value)] ?? null;
  }
  if (s.account) localStorage.setItem('dex.account', s.account.address);
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
