//! Builds the benchmark runtime's WebAssembly blob, which `dex-node benchmark pallet --runtime`
//! loads, when `DEX_BENCH_WASM` is set (`scripts/bench/asset-conversion.sh` sets it). Without it
//! only the native crate is built, for its tests: the blob is needed by the benchmarks alone, and
//! building it would rebuild a second runtime on every change to the AMM.

fn main() {
	println!("cargo:rerun-if-env-changed=DEX_BENCH_WASM");
	#[cfg(feature = "std")]
	if std::env::var_os("DEX_BENCH_WASM").is_some() {
		// The wasm build looks for the workspace's Cargo.lock upwards from the target directory,
		// which the scripts keep outside the repository; point it at this workspace instead.
		// Read when the script runs, not when it compiles: cargo reuses a compiled build script
		// for a checkout in another directory.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
				if let Some(workspace) =
					std::path::Path::new(&manifest_dir).parent().and_then(|bench| bench.parent())
				{
					std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
				}
			}
		}
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
