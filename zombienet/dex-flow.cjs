// zombienet js-script: runs the AMM, liquidity mining and liquidity provider flows of
// scripts/client against the node, in the order the dev chain's end-to-end run uses.
// Returns 1 when every check passed, 0 otherwise (zombienet compares the returned number).
const path = require('path');
const { pathToFileURL } = require('url');

const client = (name) => pathToFileURL(path.join(__dirname, '..', 'scripts', 'client', name)).href;

async function run(nodeName, networkInfo) {
  const endpoint = networkInfo.nodesByName[nodeName].wsUri;
  const { runFlow } = await import(client('lib.mjs'));
  const { ammFlow } = await import(client('amm-flow.mjs'));
  const { farmFlow } = await import(client('farm-flow.mjs'));
  const { lpFlow } = await import(client('lp-flow.mjs'));
  const results = [
    await runFlow('amm-flow', ammFlow, endpoint),
    await runFlow('farm-flow', farmFlow, endpoint),
    await runFlow('lp-flow', lpFlow, endpoint),
  ];
  return results.every((r) => r.failed === 0 && r.passed > 0) ? 1 : 0;
}

module.exports = { run };
