//! The pallets whose benchmarks `dex-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking::baseline, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_asset_conversion_tx_payment, AssetTxPayment]
	[pallet_assets, Assets]
	[pallet_assets, PoolAssets]
	[pallet_amm, Amm]
	[pallet_liquidity_mining, LiquidityMining]
	[pallet_utility, Utility]
	[pallet_multisig, Multisig]
	[pallet_proxy, Proxy]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_preimage, Preimage]
	[pallet_whitelist, Whitelist]
);
