//! The runtime's migrations on a live chain of the previous release: the state of a development
//! chain of spec 102 (`dev-spec102.json`, taken by `scripts/snapshot.sh`) with the demo market,
//! a pool created on it with liquidity and a swap, an LP lock, farms with stakes and oracle
//! history, upgraded by this runtime's `Executive` with every pre/post check and `try_state`.

use dex_runtime::{Council, Executive, Runtime};
use frame_support::traits::{
	GetStorageVersion, PalletInfoAccess, StorageVersion, UpgradeCheckSelect,
};
use pallet_liquidity_mining::math::LEGACY_PRECISION;
use sp_runtime::Storage;

/// The snapshot: `top` maps every hex key of block `block` (but `:code`) to its hex value.
#[derive(serde::Deserialize)]
struct Snapshot {
	#[serde(rename = "specVersion")]
	spec_version: u32,
	block: u32,
	top: std::collections::BTreeMap<String, String>,
}

fn unhex(hex: &str) -> Vec<u8> {
	let digits = hex.strip_prefix("0x").expect("snapshot hex starts with 0x");
	(0..digits.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("snapshot hex digits"))
		.collect()
}

fn snapshot_externalities() -> (Snapshot, sp_io::TestExternalities) {
	let snapshot: Snapshot = serde_json::from_str(include_str!("dev-spec102.json"))
		.expect("dev-spec102.json is a snapshot");
	let storage = Storage {
		top: snapshot.top.iter().map(|(k, v)| (unhex(k), unhex(v))).collect(),
		children_default: Default::default(),
	};
	(snapshot, storage.into())
}

/// The number of values under a pallet's storage item, read raw (the old encoding may not decode).
fn raw_count<P: PalletInfoAccess>(item: &str) -> usize {
	let prefix = frame_support::storage::storage_prefix(P::name().as_bytes(), item.as_bytes());
	frame_support::storage::KeyPrefixIterator::new(prefix.to_vec(), prefix.to_vec(), |_| Ok(()))
		.count()
}

#[test]
fn migrations_upgrade_a_snapshot_of_a_live_dev_chain_of_spec_102() {
	let (snapshot, mut ext) = snapshot_externalities();
	assert_eq!(snapshot.spec_version, 102);
	type Mining = pallet_liquidity_mining::Pallet<Runtime>;
	type Amm = pallet_amm::Pallet<Runtime>;
	ext.execute_with(|| {
		// The snapshot holds what the migrations must keep.
		assert_eq!(frame_system::Pallet::<Runtime>::block_number(), snapshot.block);
		assert_eq!(Mining::on_chain_storage_version(), StorageVersion::new(0));
		let farms = raw_count::<Mining>("Farms");
		let stakes = raw_count::<Mining>("Stakes");
		let pools = raw_count::<Amm>("Pools");
		let locks = raw_count::<Amm>("LpLocks");
		let observations = raw_count::<Amm>("Observations");
		assert!(farms >= 2 && stakes >= 2, "{farms} farms, {stakes} stakes");
		assert!(pools >= 2 && locks >= 1 && observations >= 1, "{pools} pools, {locks} locks");

		Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.expect("the migrations and their checks pass on the live state");

		assert_eq!(Mining::on_chain_storage_version(), Mining::in_code_storage_version());
		assert_eq!(Amm::on_chain_storage_version(), Amm::in_code_storage_version());
		// Pallets new in this runtime start at their code's storage version.
		assert_eq!(Council::on_chain_storage_version(), Council::in_code_storage_version());
		let migrated: Vec<_> = pallet_liquidity_mining::Farms::<Runtime>::iter().collect();
		assert_eq!(migrated.len(), farms);
		assert!(migrated.iter().all(|(_, farm)| farm.acc_precision == LEGACY_PRECISION));
		assert_eq!(pallet_liquidity_mining::Stakes::<Runtime>::iter().count(), stakes);
		assert_eq!(pallet_amm::Pools::<Runtime>::iter().count(), pools);
		assert_eq!(pallet_amm::LpLocks::<Runtime>::iter().count(), locks);
		// Stakers have earned under the old accumulator and still can claim it.
		let (farm, _) = migrated.iter().find(|(_, f)| f.total_staked > 0).expect("a staked farm");
		let staker = pallet_liquidity_mining::Stakes::<Runtime>::iter_keys()
			.find(|(_, f)| f == farm)
			.map(|(who, _)| who)
			.expect("a staker");
		let pending = Mining::pending_rewards(*farm, &staker).expect("a stake");
		assert!(pending > 0, "farm {farm}: nothing pending for a staker");
	});
}
