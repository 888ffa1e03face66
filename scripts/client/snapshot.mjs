// The state of a live chain of the previous release's runtime, for the runtime's upgrade test
// (runtime/tests/upgrade): builds everything an upgrade must keep through that runtime's calls
// (buildOldState of upgrade-flow.mjs on top of the dev genesis' demo market), lets its oracles
// sample for a while, and writes every key and value of the best block but the runtime's code.
//
// Usage: node snapshot.mjs OUT.json [BLOCKS]   (node at $DEX_WS; BLOCKS of oracle history, 10)
import fs from 'fs';
import { WsProvider } from '@polkadot/api';
import { DEFAULT_WS, connect, waitForBlock } from './lib.mjs';
import { CODE_KEY, buildOldState, rawEntries } from './upgrade-flow.mjs';

const [out, blocks = '10'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node snapshot.mjs OUT.json [BLOCKS]');
  process.exit(2);
}
const endpoint = process.env.DEX_WS || DEFAULT_WS;
const api = await connect(endpoint);
const rpc = new WsProvider(endpoint, 1000, {}, 60_000);
try {
  await rpc.isReady;
  await buildOldState(api);
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForBlock(api, head + Number(blocks));
  const hash = (await api.rpc.chain.getBlockHash()).toHex();
  const header = await api.rpc.chain.getHeader(hash);
  const entries = await rawEntries(rpc, '0x', hash);
  entries.delete(CODE_KEY);
  const top = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
  const snapshot = {
    chain: (await api.rpc.system.chain()).toString(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    block: header.number.toNumber(),
    blockHash: hash,
    note: 'every key of the block but :code, the runtime (scripts/snapshot.sh)',
    top,
  };
  fs.writeFileSync(out, JSON.stringify(snapshot, null, 1) + '\n');
  console.log(`[snapshot] ${Object.keys(top).length} keys of block #${snapshot.block} (spec ${snapshot.specVersion}) -> ${out}`);
} finally {
  await rpc.disconnect().catch(() => {});
  await api.disconnect();
}
