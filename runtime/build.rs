//! Builds the runtime's WebAssembly blob that the node embeds in its chain specs.

fn main() {
	#[cfg(feature = "std")]
	{
		// The wasm build looks for the workspace's Cargo.lock upwards from the target directory,
		// which the scripts keep outside the repository; point it at this workspace instead. Set
		// here rather than in cargo's `[env]`, which would reach (and rebuild) every crate's build
		// script whenever the checkout moves.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			let manifest_dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
			if let Some(workspace) = manifest_dir.parent() {
				std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
			}
		}
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
