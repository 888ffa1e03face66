//! Weights generated on the reference machine by `scripts/weights.sh`: the block and
//! extrinsic base weights, ParityDB's read and write weights, and every benchmarked pallet's call
//! weights. `MACHINE.md` says what the machine was; rerun the script to make them for another.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_amm;
pub mod pallet_asset_conversion_tx_payment;
pub mod pallet_assets_assets;
pub mod pallet_assets_pool_assets;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_liquidity_mining;
pub mod pallet_membership;
pub mod pallet_multisig;
pub mod pallet_preimage;
pub mod pallet_proxy;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_utility;
pub mod pallet_whitelist;
// The storage benchmark's template documents the fields of a struct expression.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;
