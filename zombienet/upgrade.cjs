// zombienet js-script of 0002-upgrade.zndsl: the runtime upgrade flow of scripts/client against the
// network, with every validator's endpoint and the new runtime's wasm ($UPGRADE_WASM).
// Returns 1 when every check passed, 0 otherwise (zombienet compares the returned number).
const path = require('path');
const { pathToFileURL } = require('url');

const client = (name) => pathToFileURL(path.join(__dirname, '..', 'scripts', 'client', name)).href;

async function run(nodeName, networkInfo) {
  const endpoint = networkInfo.nodesByName[nodeName].wsUri;
  const nodes = Object.entries(networkInfo.nodesByName).map(([name, node]) => [name, node.wsUri]);
  const codePath = process.env.UPGRADE_WASM;
  if (!codePath) throw new Error('UPGRADE_WASM (the new runtime wasm) is not set: run through scripts/zombienet.sh');
  const { runFlow } = await import(client('lib.mjs'));
  const { upgradeFlow } = await import(client('upgrade-flow.mjs'));
  const flow = (url, checks) => upgradeFlow(url, checks, { nodes, codePath });
  const { passed, failed } = await runFlow('upgrade-flow', flow, endpoint);
  return failed === 0 && passed > 0 ? 1 : 0;
}

module.exports = { run };
