//! SDK swap traits: `Swap`, `SwapCredit` and `QuotePrice` as implemented by the pallet.

use super::*;
use frame_support::traits::fungibles::Balanced;
use pallet_asset_conversion::{QuotePrice, Swap, SwapCredit};

fn issue(asset: AssetKind, amount: u128) -> crate::CreditOf<Test> {
	<NativeAndAssets as Balanced<AccountId>>::issue(asset, amount)
}

#[test]
fn swap_trait_swaps_like_the_calls() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let quote = Amm::quote_exact_in(&[USDT, NATIVE], 40_000).unwrap();
		let before = balance(BOB, NATIVE);
		let out = <Amm as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			BOB,
			vec![USDT, NATIVE],
			40_000,
			Some(1),
			BOB,
			true,
		)
		.unwrap();
		assert_eq!(out, quote.amount_out);
		assert_eq!(balance(BOB, NATIVE), before + out);

		let quote = Amm::quote_exact_out(&[NATIVE, USDT], 10_000).unwrap();
		let paid = <Amm as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			BOB,
			vec![NATIVE, USDT],
			10_000,
			None,
			CHARLIE,
			true,
		)
		.unwrap();
		assert_eq!(paid, quote.amount_in);
		assert_eq!(<Amm as Swap<AccountId>>::max_path_len(), 4);

		// A failing swap changes nothing.
		let reserves_before = reserves(NATIVE, USDT);
		assert_noop!(
			<Amm as Swap<AccountId>>::swap_exact_tokens_for_tokens(
				BOB,
				vec![USDT, NATIVE],
				40_000,
				Some(u128::MAX),
				BOB,
				true,
			),
			Error::<Test>::AmountOutTooLow
		);
		assert_eq!(reserves(NATIVE, USDT), reserves_before);
	})
}

#[test]
fn credit_swaps_move_exact_amounts() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let quote = Amm::quote_exact_in(&[USDT, NATIVE], 40_000).unwrap();
		let credit_out = <Amm as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![USDT, NATIVE],
			issue(USDT, 40_000),
			None,
		)
		.unwrap();
		assert_eq!((credit_out.asset(), credit_out.peek()), (NATIVE, quote.amount_out));
		assert_eq!(reserves(NATIVE, USDT), (1_000_000 - quote.amount_out, 4_040_000));
		assert!(matches!(last_event(), RuntimeEvent::Amm(Event::SwapCreditExecuted { .. })));
		assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, credit_out));

		let quote = Amm::quote_exact_out(&[USDT, NATIVE], 1_000).unwrap();
		let (credit_out, change) = <Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			vec![USDT, NATIVE],
			issue(USDT, 10_000),
			1_000,
		)
		.unwrap();
		assert_eq!(credit_out.peek(), 1_000);
		assert_eq!((change.asset(), change.peek()), (USDT, 10_000 - quote.amount_in));
		assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, credit_out));
		assert_ok!(<NativeAndAssets as Balanced<AccountId>>::resolve(&BOB, change));
	})
}

#[test]
fn failed_credit_swaps_hand_the_credit_back_and_change_nothing() {
	test(|| {
		pool_with(ETH, USDT, 1_000_000_000_000, 1_000_000_000_000);
		pool_with(USDT, NATIVE, 1_000_000, 1_000);
		let before = (reserves(ETH, USDT), reserves(USDT, NATIVE));
		let issuance = <NativeAndAssets as Inspect<AccountId>>::total_issuance(NATIVE);

		// Wrong asset, too small, slippage: refused before anything moves.
		let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_exact_tokens_for_tokens(
			vec![USDT, NATIVE],
			issue(ETH, 500),
			None,
		)
		.unwrap_err();
		assert_eq!(
			(credit.asset(), credit.peek(), error),
			(ETH, 500, Error::<Test>::CreditAssetMismatch.into())
		);
		drop(credit);
		let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			vec![ETH, USDT],
			issue(ETH, 10),
			1_000,
		)
		.unwrap_err();
		assert_eq!((credit.peek(), error), (10, Error::<Test>::AmountInTooHigh.into()));
		drop(credit);

		// Taking 950 of the pool's 1,000 DEX would leave it below the existential deposit:
		// the second hop fails after the first has moved, and all of it is undone.
		let (credit, error) = <Amm as SwapCredit<AccountId>>::swap_tokens_for_exact_tokens(
			vec![ETH, USDT, NATIVE],
			issue(ETH, 1_000_000_000),
			950,
		)
		.unwrap_err();
		assert_eq!((credit.asset(), credit.peek()), (ETH, 1_000_000_000));
		assert!(matches!(error, DispatchError::Token(_)), "{error:?}");
		assert_eq!((reserves(ETH, USDT), reserves(USDT, NATIVE)), before);
		assert_eq!(<NativeAndAssets as Inspect<AccountId>>::total_issuance(NATIVE), issuance);
	})
}

#[test]
fn quote_price_with_and_without_fee() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 4_000_000);
		let with_fee = Amm::quote_exact_in(&[NATIVE, USDT], 1_000).unwrap().amount_out;
		assert_eq!(
			Amm::quote_price_exact_tokens_for_tokens(NATIVE, USDT, 1_000, true),
			Some(with_fee)
		);
		assert_eq!(
			Amm::quote_price_exact_tokens_for_tokens(NATIVE, USDT, 1_000, false),
			Some(4_000)
		);
		let cost = Amm::quote_exact_out(&[USDT, NATIVE], 1_000).unwrap().amount_in;
		assert_eq!(Amm::quote_price_tokens_for_exact_tokens(USDT, NATIVE, 1_000, true), Some(cost));
		assert_eq!(
			Amm::quote_price_tokens_for_exact_tokens(USDT, NATIVE, 1_000, false),
			Some(4_000)
		);
		assert_eq!(Amm::quote_price_exact_tokens_for_tokens(NATIVE, ETH, 1_000, true), None);
	})
}
