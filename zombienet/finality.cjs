// zombienet js-script for the resilience test. Modes (first argument):
//   advances   how many blocks the node finalizes within 36 seconds
//   caught-up  1 when the node's best block is within 2 of the highest best block of the network
//   save       records the node's finalized height; returns it
//   kept       1 when the node's finalized height is at least the saved one and finality advances
const fs = require('fs');
const os = require('os');
const path = require('path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function heights(endpoint) {
  const api = await zombie.connect(endpoint);
  try {
    const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
    const best = await api.rpc.chain.getHeader();
    return { finalized: finalized.number.toNumber(), best: best.number.toNumber() };
  } finally {
    await api.disconnect();
  }
}

async function run(nodeName, networkInfo, args) {
  const mode = args[0];
  const node = networkInfo.nodesByName[nodeName];
  const savedFile = path.join(os.tmpdir(), `${path.basename(networkInfo.tmpDir || 'dex')}-${nodeName}-finalized`);
  if (mode === 'advances') {
    const before = (await heights(node.wsUri)).finalized;
    await sleep(36_000);
    return (await heights(node.wsUri)).finalized - before;
  }
  if (mode === 'caught-up') {
    for (;;) {
      const others = await Promise.all(
        Object.values(networkInfo.nodesByName).filter((n) => n.name !== nodeName).map((n) => heights(n.wsUri)),
      );
      const highest = Math.max(...others.map((h) => h.best));
      if ((await heights(node.wsUri)).best >= highest - 2) return 1;
      await sleep(3_000);
    }
  }
  if (mode === 'save') {
    const { finalized } = await heights(node.wsUri);
    fs.writeFileSync(savedFile, String(finalized));
    return finalized;
  }
  if (mode === 'kept') {
    const saved = Number(fs.readFileSync(savedFile, 'utf8'));
    const first = await heights(node.wsUri);
    if (first.finalized < saved) return 0;
    for (;;) {
      if ((await heights(node.wsUri)).finalized > saved + 1) return 1;
      await sleep(3_000);
    }
  }
  throw new Error(`unknown mode ${mode}`);
}

module.exports = { run };
