// zombienet js-script: runs the AMM and liquidity mining flows of scripts/client against the node.
// Returns 1 when every check passed, 0 otherwise (zombienet compares the returned number).
const path = require('path');
const { pathToFileURL } = require('url');

const client = (name) => pathToFileURL(path.join(__dirname, '..', 'scripts', 'client', name)).href;

async function run(nodeName, networkInfo) {
  const endpoint = networkInfo.nodesByName[nodeName].wsUri;
  const { runFlow } = await import(client('lib.mjs'));
  const { ammFlow } = await import(client('amm-flow.mjs'));
  const { farmFlow } = await import(client('farm-flow.mjs'));
  const amm = await runFlow('amm-flow', ammFlow, endpoint);
  const farm = await runFlow('farm-flow', farmFlow, endpoint);
  return amm.failed === 0 && farm.failed === 0 && amm.passed > 0 && farm.passed > 0 ? 1 : 0;
}

module.exports = { run };
