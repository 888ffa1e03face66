//! The pallets whose benchmarks `dex-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking::baseline, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_amm, Amm]
	[pallet_liquidity_mining, LiquidityMining]
);
