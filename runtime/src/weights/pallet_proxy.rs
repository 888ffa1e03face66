//! Placeholder until `scripts/weights.sh` generates this file.
pub type WeightInfo<T> = pallet_proxy::weights::SubstrateWeight<T>;
