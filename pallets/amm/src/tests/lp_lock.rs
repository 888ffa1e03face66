//! LP locks: locking and unlocking LP tokens, and whether the initial liquidity is locked.

use super::*;
use crate::{InitialLiquidityLock, LpLock};

/// What the LP token pallet says when a transfer would dip into locked LP tokens.
const FROZEN: pallet_assets::Error<Test, frame_support::instances::Instance2> =
	pallet_assets::Error::BalanceLow;

fn lock(who: AccountId, amount: u128, until: u64) -> sp_runtime::DispatchResult {
	Amm::lock_lp_tokens(RuntimeOrigin::signed(who), NATIVE, USDT, amount, until)
}

fn transfer_lp(from: AccountId, to: AccountId, amount: u128) -> sp_runtime::DispatchResult {
	PoolAssets::transfer(RuntimeOrigin::signed(from), lp_token(NATIVE, USDT), to, amount)
}

#[test]
fn lp_lock_blocks_removal_and_transfer_until_its_block() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 19_000);
		let lp = lp_token(NATIVE, USDT);

		assert_ok!(lock(ALICE, 15_000, 10));
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::LpTokensLocked {
				who: ALICE,
				pool_id: (NATIVE, USDT),
				lp_token: lp,
				amount: 15_000,
				total_locked: 15_000,
				until: 10,
			})
		);
		assert_eq!(Amm::locked_lp_tokens(lp, &ALICE), 15_000);
		assert_eq!(Amm::position(&ALICE, NATIVE, USDT, USDT, 0).unwrap().lp_locked, 15_000);

		// Only the 4,000 unlocked tokens can leave, by removal or by transfer.
		assert_noop!(
			Amm::remove_liquidity(
				RuntimeOrigin::signed(ALICE),
				NATIVE,
				USDT,
				4_001,
				0,
				0,
				ALICE,
				None
			),
			Error::<Test>::LpTokensLocked
		);
		assert_noop!(transfer_lp(ALICE, BOB, 4_001), FROZEN);
		assert_ok!(transfer_lp(ALICE, BOB, 1_000));
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			USDT,
			3_000,
			0,
			0,
			ALICE,
			None
		));
		assert_eq!(lp_balance(ALICE, NATIVE, USDT), 15_000);
		assert_noop!(transfer_lp(ALICE, BOB, 1), FROZEN);

		// Extending needs no new tokens; shortening and over-locking are refused.
		assert_ok!(lock(ALICE, 0, 20));
		assert_noop!(lock(ALICE, 0, 15), Error::<Test>::LockShortened);
		assert_noop!(lock(ALICE, 1, 20), Error::<Test>::InsufficientLpTokens);

		// The lock binds through block 19 and not at block 20, cleared or not.
		System::set_block_number(19);
		assert_noop!(transfer_lp(ALICE, BOB, 1), FROZEN);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, USDT),
			Error::<Test>::LockNotExpired
		);
		System::set_block_number(20);
		assert_eq!(Amm::locked_lp_tokens(lp, &ALICE), 0);
		assert_ok!(transfer_lp(ALICE, BOB, 1));
		assert_ok!(Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, USDT));
		assert_eq!(
			last_event(),
			RuntimeEvent::Amm(Event::LpTokensUnlocked {
				who: ALICE,
				pool_id: (NATIVE, USDT),
				lp_token: lp,
				amount: 15_000,
			})
		);
		assert_eq!(Amm::lp_lock(ALICE, USDT, NATIVE), None);
		assert_ok!(Amm::remove_liquidity(
			RuntimeOrigin::signed(ALICE),
			NATIVE,
			USDT,
			14_999,
			0,
			0,
			ALICE,
			None
		));
	})
}

#[test]
fn an_expired_lock_counts_as_none_when_locking_again() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_ok!(lock(ALICE, 10_000, 5));
		System::set_block_number(5);
		// Not added to the expired 10,000, and free to end earlier than a fresh lock would.
		assert_ok!(lock(ALICE, 2_000, 6));
		assert_eq!(Amm::lp_lock(ALICE, NATIVE, USDT), Some(LpLock { amount: 2_000, until: 6 }));
	})
}

#[test]
fn initial_liquidity_lock_tells_whether_the_first_deposit_is_locked() {
	test(|| {
		pool_with(NATIVE, USDT, 10_000, 40_000);
		add(BOB, NATIVE, USDT, 10_000, 40_000);
		let initial = || Amm::initial_liquidity(USDT, NATIVE).unwrap();
		assert_eq!(
			initial(),
			InitialLiquidityLock {
				provider: ALICE,
				lp_minted: 19_000,
				locked: 0,
				locked_until: None,
				fully_locked: false,
				locked_share_ppm: 0,
			}
		);
		// Another provider's lock is not the creator's.
		assert_ok!(lock(BOB, 20_000, 50));
		assert!(!initial().fully_locked);
		assert_ok!(lock(ALICE, 18_999, 50));
		assert_eq!((initial().locked, initial().fully_locked), (18_999, false));
		assert_ok!(lock(ALICE, 1, 50));
		assert_eq!((initial().locked_until, initial().fully_locked), (Some(50), true));
		// Alice's 19,000 of the 40,000 LP tokens in existence.
		assert_eq!(initial().locked_share_ppm, 475_000);
		System::set_block_number(50);
		assert_eq!((initial().locked, initial().locked_until), (0, None));
		assert_eq!(Amm::initial_liquidity(NATIVE, ETH), None);
	})
}

#[test]
fn lock_errors() {
	test(|| {
		assert_noop!(lock(ALICE, 1, 10), Error::<Test>::PoolNotFound);
		pool_with(NATIVE, USDT, 10_000, 40_000);
		assert_noop!(lock(ALICE, 1, 1), Error::<Test>::LockEndsInThePast);
		assert_noop!(lock(ALICE, 0, 10), Error::<Test>::ZeroAmount);
		assert_noop!(lock(ALICE, 19_001, 10), Error::<Test>::InsufficientLpTokens);
		assert_noop!(lock(BOB, 1, 10), Error::<Test>::InsufficientLpTokens);
		assert_ok!(lock(ALICE, 1, 10));
		assert_noop!(lock(ALICE, u128::MAX, 10), Error::<Test>::Overflow);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(BOB), NATIVE, USDT),
			Error::<Test>::NoLock
		);
		assert_noop!(
			Amm::unlock_lp_tokens(RuntimeOrigin::signed(ALICE), NATIVE, ETH),
			Error::<Test>::PoolNotFound
		);
		assert_noop!(
			Amm::lock_lp_tokens(RuntimeOrigin::none(), NATIVE, USDT, 1, 10),
			DispatchError::BadOrigin
		);
	})
}
