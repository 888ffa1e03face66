// Prints a node's runtime metadata as one line per item, sorted, so two runtimes can be compared
// with `diff`: every pallet's calls (index, name, argument types), storage items (hashers, key and
// value types), events (fields), errors, constants and view functions, and every runtime API
// method with its arguments and return type.
//
//   node metadata-summary.mjs [ws://127.0.0.1:9944] > summary.txt
//
// scripts/metadata-diff.sh runs it against two runtimes and shows the difference.
import { ApiPromise, WsProvider } from '@polkadot/api';

const url = process.argv[2] ?? process.env.DEX_WS ?? 'ws://127.0.0.1:9944';
const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
// The newest metadata version the runtime and the client share (v14 has no runtime APIs).
const metadata = api.runtimeMetadata;
const lookup = metadata.registry.lookup;
const latest = metadata.asLatest;
const lines = [];
const typeName = (id) => lookup.getTypeDef(id).type;
const fields = (variant) =>
	variant.fields.map((f) => `${f.name.isSome ? f.name.unwrap() : ''}: ${typeName(f.type)}`).join(', ');
const variants = (pallet, kind, type) => {
	if (type.isNone) return;
	for (const v of lookup.getSiType(type.unwrap().type).def.asVariant.variants) {
		lines.push(`${pallet} ${kind} ${v.index.toNumber()} ${v.name}(${fields(v)})`);
	}
};

for (const pallet of latest.pallets) {
	const name = `${pallet.name} [${pallet.index.toNumber()}]`;
	variants(name, 'call', pallet.calls);
	variants(name, 'event', pallet.events);
	variants(name, 'error', pallet.errors);
	if (pallet.storage.isSome) {
		for (const item of pallet.storage.unwrap().items) {
			const t = item.type;
			const shape = t.isPlain
				? `plain ${typeName(t.asPlain)}`
				: `map ${t.asMap.hashers.map((h) => h.toString()).join('+')} ${typeName(t.asMap.key)} -> ${typeName(t.asMap.value)}`;
			lines.push(`${name} storage ${item.name} ${item.modifier} ${shape}`);
		}
	}
	for (const constant of pallet.constants) {
		lines.push(`${name} constant ${constant.name}: ${typeName(constant.type)}`);
	}
	for (const view of pallet.viewFunctions ?? []) {
		const inputs = view.inputs.map((i) => `${i.name}: ${typeName(i.type)}`).join(', ');
		lines.push(`${name} view ${view.name}(${inputs}) -> ${typeName(view.output)}`);
	}
}
for (const runtimeApi of latest.apis ?? []) {
	for (const method of runtimeApi.methods) {
		const inputs = method.inputs.map((i) => `${i.name}: ${typeName(i.type)}`).join(', ');
		lines.push(`api ${runtimeApi.name}.${method.name}(${inputs}) -> ${typeName(method.output)}`);
	}
}
console.log(`# metadata ${metadata.version} of ${(await api.rpc.state.getRuntimeVersion()).specName}`);
console.log(lines.sort().join('\n'));
await api.disconnect();
