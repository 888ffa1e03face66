//! Asset symbols and decimals, and the names of LP tokens made from them (`LP DEX/USDT`).

use super::*;

/// The symbols and decimals of assets, used to name LP tokens (`LP DEX/USDT`).
pub trait AssetMetadata<AssetKind> {
	/// The asset's ticker symbol, e.g. `DEX` or `USDT`.
	fn symbol(asset: &AssetKind) -> Vec<u8>;
	/// The asset's number of decimals.
	fn decimals(asset: &AssetKind) -> u8;
}

impl<AssetKind> AssetMetadata<AssetKind> for () {
	fn symbol(_: &AssetKind) -> Vec<u8> {
		b"?".to_vec()
	}
	fn decimals(_: &AssetKind) -> u8 {
		0
	}
}

/// [`AssetMetadata`] for `NativeOrWithId` assets: the native token's symbol and decimals are
/// constants, assets' come from their metadata in `Assets`.
pub struct NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>(
	core::marker::PhantomData<(NativeSymbol, NativeDecimals, Assets, AccountId)>,
);

impl<NativeSymbol, NativeDecimals, Assets, AccountId, AssetId>
	AssetMetadata<NativeOrWithId<AssetId>>
	for NativeOrAssetMetadata<NativeSymbol, NativeDecimals, Assets, AccountId>
where
	NativeSymbol: Get<&'static str>,
	NativeDecimals: Get<u8>,
	Assets: fungibles::metadata::Inspect<AccountId, AssetId = AssetId>,
	AssetId: Ord + Clone,
{
	fn symbol(asset: &NativeOrWithId<AssetId>) -> Vec<u8> {
		match asset {
			NativeOrWithId::Native => NativeSymbol::get().as_bytes().to_vec(),
			NativeOrWithId::WithId(id) => Assets::symbol(id.clone()),
		}
	}
	fn decimals(asset: &NativeOrWithId<AssetId>) -> u8 {
		match asset {
			NativeOrWithId::Native => NativeDecimals::get(),
			NativeOrWithId::WithId(id) => Assets::decimals(id.clone()),
		}
	}
}

/// The longest symbol of an asset kept in an LP token's name.
const MAX_SYMBOL_LEN: usize = 16;

impl<T: Config> Pallet<T> {
	pub(crate) fn short_symbol(asset: &T::AssetKind) -> Vec<u8> {
		let mut symbol = T::AssetMetadata::symbol(asset);
		symbol.truncate(MAX_SYMBOL_LEN);
		symbol
	}
}
