//! The named chains: `dev` and `local`, both built from the runtime's genesis presets.

use sc_service::ChainType;

/// The chain specification type of this node.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, so wallets show balances right.
fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), "DEX".into());
	properties.insert("tokenDecimals".into(), dex_runtime::units::TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	dex_runtime::WASM_BINARY.ok_or_else(|| "The runtime's wasm binary is not available".to_string())
}

/// Single validator Alice: `dex-node --dev`.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	development_chain_spec_of(wasm_binary()?)
}

/// The development chain of the runtime `code`, from that runtime's own `development` preset.
pub fn development_chain_spec_of(code: &[u8]) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(code, None)
		.with_name("DEX Development")
		.with_id("dex_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Validators Alice, Bob, Charlie and Dave: `dex-node --chain local`.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	local_chain_spec_of(wasm_binary()?)
}

/// The local chain of the runtime `code`, from that runtime's own `local_testnet` preset.
pub fn local_chain_spec_of(code: &[u8]) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(code, None)
		.with_name("DEX Local Testnet")
		.with_id("dex_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
