// zombienet js-script for the finality and resilience checks of 0001-network.zndsl.
//
// zombienet runs `run(node, networkInfo, args)` once per js-script line, under the line's
// `within` timeout and without retrying, so every wait in here has its own, shorter deadline:
// on a timeout a mode returns its failing value (and says why on the console) instead of hanging
// until zombienet gives up. Only plain RPC calls are made (chain_getHeader, chain_getBlockHash,
// chain_getFinalizedHead), each under a timeout, so a paused node cannot hang a check.
//
// Modes (the first argument; the rest are comma separated after it):
//   agree[,SAMPLES]          all nodes agree on the finalized chain: SAMPLES times (default 4),
//                            4 s apart, H = the lowest finalized height of the nodes, and
//                            chain_getBlockHash(H) is the same on every node; on every node,
//                            best - finalized <= MAX_GAP. Returns 1, or 0.
//   advances,SECONDS         how many blocks the node finalizes within SECONDS (default 36),
//                            sampling every 2 s; -1 if best - finalized went over MAX_GAP.
//   stalls,SECONDS[,NODE...] with two of four validators down finality stalls: over SECONDS
//                            (default 36) the best block of this node (and of each NODE) advances
//                            by at least 2 while its finalized height advances by at most 1 (one
//                            round that was in flight). Records the stalled finalized height for
//                            `resumes`. Returns 1, or 0.
//   resumes,N,SECONDS        finality resumes: the node's finalized height reaches N blocks over
//                            the height recorded by `stalls` within SECONDS (defaults 3, 90).
//                            Returns how far it got over the recorded height.
//   caught-up[,SECONDS]      the node's best block is within 2 of the highest best block of the
//                            other nodes within SECONDS (default 120). Returns 1, or 0.
//   save                     records the node's finalized height and hash (before a restart);
//                            returns the height.
//   kept[,SECONDS]           after the node was killed and restarted on its base path: its first
//                            finalized height is at least the saved one, and within SECONDS
//                            (default 150) its best block is within 2 of the network's best, its
//                            finalized height passes the saved one by 2, and its finalized head has
//                            the same hash on every other node. Returns 1, or 0.
const fs = require('fs');
const path = require('path');

/** The largest best - finalized distance a healthy node shows (GRANDPA votes 2 under best). */
const MAX_GAP = 10;
/** How long one RPC call (or connecting) may take before the check counts it as failed. */
const RPC_TIMEOUT_MS = 15_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function log(mode, message) {
  console.log(`      [finality ${mode}] ${message}`);
}

/** A plain RPC connection to one node. */
class Rpc {
  constructor(name, uri) {
    this.name = name;
    this.provider = new zombie.WsProvider(uri, 1_000, {}, RPC_TIMEOUT_MS);
  }

  async call(method, params = []) {
    await withTimeout(this.provider.isReady, RPC_TIMEOUT_MS, `${this.name} connect`);
    return withTimeout(this.provider.send(method, params), RPC_TIMEOUT_MS, `${this.name} ${method}`);
  }

  async blockHash(height) {
    return this.call('chain_getBlockHash', [height]);
  }

  /** { best, finalized, finalizedHash } of the node. */
  async heights() {
    const finalizedHash = await this.call('chain_getFinalizedHead');
    const finalized = await this.call('chain_getHeader', [finalizedHash]);
    const best = await this.call('chain_getHeader');
    return { best: parseInt(best.number, 16), finalized: parseInt(finalized.number, 16), finalizedHash };
  }

  async close() {
    await this.provider.disconnect().catch(() => {});
  }
}

/** Runs `fn` with an Rpc to each named node, closing them all afterwards. */
async function withNodes(networkInfo, names, fn) {
  const rpcs = names.map((name) => {
    const node = networkInfo.nodesByName[name];
    if (!node) throw new Error(`no node named ${name}`);
    return new Rpc(name, node.wsUri);
  });
  try {
    return await fn(rpcs);
  } finally {
    await Promise.all(rpcs.map((rpc) => rpc.close()));
  }
}

function savedPath(networkInfo, nodeName, what) {
  return path.join(networkInfo.tmpDir, `finality-${nodeName}-${what}.json`);
}

/** One `agree` sample: null when it passes, otherwise why it did not. */
async function agreeSample(rpcs) {
  const heights = await Promise.all(rpcs.map((rpc) => rpc.heights()));
  const line = rpcs.map((rpc, i) => `${rpc.name} ${heights[i].best}/${heights[i].finalized}`).join(', ');
  const gaps = heights.map((h, i) => [rpcs[i].name, h.best - h.finalized]).filter(([, gap]) => gap > MAX_GAP);
  if (gaps.length) return `${line}: best - finalized over ${MAX_GAP} on ${gaps.map(([n, g]) => `${n} (${g})`).join(', ')}`;
  const h = Math.min(...heights.map((x) => x.finalized));
  if (h < 1) return `${line}: nothing finalized on some node`;
  const hashes = await Promise.all(rpcs.map((rpc) => rpc.blockHash(h)));
  // The node that finalized only H has its finalized head at H: it must be that hash too.
  heights.forEach((x, i) => {
    if (x.finalized === h) hashes.push(x.finalizedHash);
  });
  if (!hashes[0] || hashes.some((hash) => hash !== hashes[0])) {
    return `${line}: the nodes disagree on finalized block ${h}: ${rpcs.map((rpc, i) => `${rpc.name} ${hashes[i]}`).join(', ')}`;
  }
  return { ok: `${line} (best/finalized); finalized #${h} ${hashes[0].slice(0, 12)}.. on all` };
}

const modes = {
  async agree(nodeName, networkInfo, [samples = '4']) {
    const names = Object.keys(networkInfo.nodesByName);
    return withNodes(networkInfo, names, async (rpcs) => {
      for (let i = 0; i < Number(samples); i += 1) {
        if (i > 0) await sleep(4_000);
        const result = await agreeSample(rpcs);
        if (typeof result === 'string') {
          log('agree', result);
          return 0;
        }
        log('agree', result.ok);
      }
      return 1;
    });
  },

  async advances(nodeName, networkInfo, [seconds = '36']) {
    return withNodes(networkInfo, [nodeName], async ([rpc]) => {
      const start = await rpc.heights();
      const end = Date.now() + Number(seconds) * 1000;
      let last = start;
      let maxGap = start.best - start.finalized;
      while (Date.now() < end) {
        await sleep(Math.min(2_000, Math.max(0, end - Date.now())));
        last = await rpc.heights();
        maxGap = Math.max(maxGap, last.best - last.finalized);
      }
      const advanced = last.finalized - start.finalized;
      log('advances', `${nodeName}: finalized ${start.finalized} -> ${last.finalized} (+${advanced}), best ${start.best} -> ${last.best} in ${seconds} s; largest best - finalized ${maxGap}`);
      if (maxGap > MAX_GAP) {
        log('advances', `${nodeName}: best - finalized reached ${maxGap}, over ${MAX_GAP}`);
        return -1;
      }
      return advanced;
    });
  },

  async stalls(nodeName, networkInfo, [seconds = '36', ...others]) {
    const names = [nodeName, ...others];
    return withNodes(networkInfo, names, async (rpcs) => {
      const start = await Promise.all(rpcs.map((rpc) => rpc.heights()));
      await sleep(Number(seconds) * 1000);
      const end = await Promise.all(rpcs.map((rpc) => rpc.heights()));
      let ok = true;
      rpcs.forEach((rpc, i) => {
        const authored = end[i].best - start[i].best;
        const finalized = end[i].finalized - start[i].finalized;
        const pass = authored >= 2 && finalized <= 1;
        ok = ok && pass;
        log('stalls', `${rpc.name}: best ${start[i].best} -> ${end[i].best} (+${authored}), finalized ${start[i].finalized} -> ${end[i].finalized} (+${finalized}) in ${seconds} s: ${pass ? 'stalled' : 'NOT stalled (want best +2 or more, finalized +1 at most)'}`);
      });
      fs.writeFileSync(savedPath(networkInfo, nodeName, 'stalled'), JSON.stringify({ finalized: end[0].finalized }));
      return ok ? 1 : 0;
    });
  },

  async resumes(nodeName, networkInfo, [blocks = '3', seconds = '90']) {
    const { finalized: stalled } = JSON.parse(fs.readFileSync(savedPath(networkInfo, nodeName, 'stalled'), 'utf8'));
    const target = stalled + Number(blocks);
    return withNodes(networkInfo, [nodeName], async ([rpc]) => {
      const started = Date.now();
      const end = started + Number(seconds) * 1000;
      for (;;) {
        const { finalized, best } = await rpc.heights();
        if (finalized >= target || Date.now() >= end) {
          const secs = ((Date.now() - started) / 1000).toFixed(1);
          const verdict = finalized >= target ? 'resumed' : `NOT resumed within ${seconds} s`;
          log('resumes', `${nodeName}: finalized ${stalled} (stalled) -> ${finalized} (best ${best}) after ${secs} s: ${verdict}`);
          return finalized - stalled;
        }
        await sleep(1_000);
      }
    });
  },

  async 'caught-up'(nodeName, networkInfo, [seconds = '120']) {
    const names = [nodeName, ...Object.keys(networkInfo.nodesByName).filter((n) => n !== nodeName)];
    return withNodes(networkInfo, names, async ([rpc, ...others]) => {
      const end = Date.now() + Number(seconds) * 1000;
      for (;;) {
        const mine = await rpc.heights();
        const highest = Math.max(...(await Promise.all(others.map((o) => o.heights()))).map((h) => h.best));
        if (mine.best >= highest - 2) {
          log('caught-up', `${nodeName}: best ${mine.best}, network best ${highest}`);
          return 1;
        }
        if (Date.now() >= end) {
          log('caught-up', `${nodeName}: best ${mine.best}, network best ${highest}: NOT caught up within ${seconds} s`);
          return 0;
        }
        await sleep(2_000);
      }
    });
  },

  async save(nodeName, networkInfo) {
    return withNodes(networkInfo, [nodeName], async ([rpc]) => {
      const { finalized, finalizedHash } = await rpc.heights();
      fs.writeFileSync(savedPath(networkInfo, nodeName, 'saved'), JSON.stringify({ finalized, finalizedHash }));
      log('save', `${nodeName}: finalized #${finalized} ${finalizedHash}`);
      return finalized;
    });
  },

  async kept(nodeName, networkInfo, [seconds = '150']) {
    const saved = JSON.parse(fs.readFileSync(savedPath(networkInfo, nodeName, 'saved'), 'utf8'));
    const names = [nodeName, ...Object.keys(networkInfo.nodesByName).filter((n) => n !== nodeName)];
    return withNodes(networkInfo, names, async ([rpc, ...others]) => {
      const end = Date.now() + Number(seconds) * 1000;
      // The node is up (zombienet saw its metrics), its RPC may take a moment more.
      let first;
      while (!first) {
        try {
          first = await rpc.heights();
        } catch (error) {
          if (Date.now() >= end) {
            log('kept', `${nodeName}: no RPC answer after the restart: ${error.message}`);
            return 0;
          }
          await sleep(1_000);
        }
      }
      log('kept', `${nodeName}: finalized #${saved.finalized} before the kill, #${first.finalized} right after the restart`);
      if (first.finalized < saved.finalized) {
        log('kept', `${nodeName}: lost finalized blocks in the restart`);
        return 0;
      }
      // Our own view of the saved block must not have changed either.
      const savedHash = await rpc.blockHash(saved.finalized);
      if (savedHash !== saved.finalizedHash) {
        log('kept', `${nodeName}: block #${saved.finalized} is ${savedHash} after the restart, was ${saved.finalizedHash}`);
        return 0;
      }
      let mine;
      let highest;
      for (;;) {
        mine = await rpc.heights();
        highest = Math.max(...(await Promise.all(others.map((o) => o.heights()))).map((h) => h.best));
        if (mine.best >= highest - 2 && mine.finalized > saved.finalized + 1) break;
        if (Date.now() >= end) {
          log('kept', `${nodeName}: best ${mine.best} (network ${highest}), finalized ${mine.finalized} (saved ${saved.finalized}): NOT caught up within ${seconds} s`);
          return 0;
        }
        await sleep(2_000);
      }
      log('kept', `${nodeName}: best ${mine.best} (network ${highest}), finalized #${mine.finalized} ${mine.finalizedHash}`);
      // Every other node finalizes that height too, with the same hash.
      for (const other of others) {
        for (;;) {
          const theirs = await other.heights();
          if (theirs.finalized >= mine.finalized) break;
          if (Date.now() >= end) {
            log('kept', `${other.name}: finalized ${theirs.finalized}, never reached ${mine.finalized} within ${seconds} s`);
            return 0;
          }
          await sleep(1_000);
        }
        const hash = await other.blockHash(mine.finalized);
        if (hash !== mine.finalizedHash) {
          log('kept', `${other.name}: finalized block #${mine.finalized} is ${hash}, ${nodeName} has ${mine.finalizedHash}`);
          return 0;
        }
      }
      log('kept', `${nodeName}: finalized #${mine.finalized} has the same hash on ${others.map((o) => o.name).join(', ')}`);
      return 1;
    });
  },
};

async function run(nodeName, networkInfo, args) {
  const [mode, ...rest] = args;
  if (!modes[mode]) throw new Error(`unknown mode ${mode}`);
  return modes[mode](nodeName, networkInfo, rest);
}

module.exports = { run };
