//! `dex-node`: the node of the DEX chain.

// The SDK's `sc_cli::Error` and `sc_service::Error` are large; the node passes them on as they are.
#![allow(clippy::result_large_err)]

mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
