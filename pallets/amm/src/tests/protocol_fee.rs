//! Protocol fee: its share of the pools' growth, and that it never blocks a liquidity change.

use super::*;
use crate::{ProtocolFee, ProtocolFeeConfig};
use sp_arithmetic::Permill;

#[test]
fn protocol_fee_takes_its_share_of_growth() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		let receiver = 500;
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(ALICE), receiver, ED));
		let config = ProtocolFeeConfig { receiver, share: Permill::from_rational(1u32, 6u32) };
		assert_noop!(
			Amm::set_protocol_fee(RuntimeOrigin::signed(ALICE), Some(config.clone())),
			DispatchError::BadOrigin
		);
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), Some(config.clone())));
		assert_eq!(ProtocolFee::<Test>::get(), Some(config));
		// The first liquidity change after switching on records √k; no fee is owed yet.
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(receiver, NATIVE, USDT), 0);
		for _ in 0..5 {
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![NATIVE, USDT],
				200_000,
				0,
				CHARLIE,
				true,
				None
			));
			assert_ok!(Amm::swap_exact_in(
				RuntimeOrigin::signed(CHARLIE),
				vec![USDT, NATIVE],
				200_000,
				0,
				CHARLIE,
				true,
				None
			));
		}
		let info = Pools::<Test>::get((NATIVE, USDT)).unwrap();
		let (reserve1, reserve2) = Amm::reserves(&(NATIVE, USDT));
		let expected = math::protocol_fee_lp(
			info.root_k_last,
			reserve1,
			reserve2,
			Amm::lp_supply(info.lp_token),
			Permill::from_rational(1u32, 6u32).deconstruct(),
		)
		.unwrap();
		assert!(expected > 0);
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(receiver, NATIVE, USDT), expected);
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Amm(Event::ProtocolFeeMinted {
				pool_id: (NATIVE, USDT),
				receiver,
				lp_minted: expected
			})));
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), None));
		assert_noop!(
			Amm::set_protocol_fee(
				RuntimeOrigin::root(),
				Some(ProtocolFeeConfig { receiver, share: Permill::zero() })
			),
			Error::<Test>::ZeroAmount
		);
	})
}

#[test]
fn protocol_fee_never_blocks_liquidity_changes() {
	test(|| {
		pool_with(NATIVE, USDT, 1_000_000, 1_000_000);
		// The receiver has no account: it cannot hold LP tokens, so its fee is forgone.
		let config = ProtocolFeeConfig { receiver: 501, share: Permill::from_percent(50) };
		assert_ok!(Amm::set_protocol_fee(RuntimeOrigin::root(), Some(config)));
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_ok!(Amm::swap_exact_in(
			RuntimeOrigin::signed(CHARLIE),
			vec![NATIVE, USDT],
			300_000,
			0,
			CHARLIE,
			true,
			None
		));
		add(BOB, NATIVE, USDT, 10_000, 10_000);
		assert_eq!(lp_balance(501, NATIVE, USDT), 0);
	})
}
