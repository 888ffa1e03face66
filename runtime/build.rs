//! Builds the runtime's WebAssembly blob that the node embeds in its chain specs.

fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
