//! Property tests: over random sequences of calls and block advances, the invariants hold and
//! rewards paid never exceed what the farm emitted.

use super::*;
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
	Stake(AccountId, u128),
	Unstake(AccountId, u128),
	Claim(AccountId),
	Emergency(AccountId),
	SetRate(u128),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let who = prop_oneof![Just(ALICE), Just(BOB), Just(CHARLIE)];
	prop_oneof![
		(who.clone(), 1u128..10_000).prop_map(|(w, a)| Op::Stake(w, a)),
		(who.clone(), 1u128..10_000).prop_map(|(w, a)| Op::Unstake(w, a)),
		who.clone().prop_map(Op::Claim),
		who.prop_map(Op::Emergency),
		(1u128..1_000).prop_map(Op::SetRate),
		(0u64..10).prop_map(Op::Advance),
	]
}

/// Over any sequence of calls and block advances: invariants hold after every step, and
/// rewards minted plus rewards owed never exceed what the farm emitted or its cap. Cases: 64, or
/// `PROPTEST_CASES`; at least a third of the calls must succeed.
#[test]
fn rewards_paid_never_exceed_emitted() {
	let coverage = dex_test_utils::Coverage::new("rewards_paid_never_exceed_emitted");
	let config = ProptestConfig::with_cases(dex_test_utils::proptest_cases(64));
	proptest!(config, |(
		ops in proptest::collection::vec(op(), 1..40),
		rate in 1u128..1_000,
		cap in 1u128..100_000,
	)| {
		test(|| {
			let farm = create_farm(rate, 2, 60, cap);
			let issuance = Balances::total_issuance();
			for op in ops {
				let advance = matches!(op, Op::Advance(_));
				let result = match op {
					Op::Stake(w, a) => LiquidityMining::stake(RuntimeOrigin::signed(w), farm, a),
					Op::Unstake(w, a) => LiquidityMining::unstake(RuntimeOrigin::signed(w), farm, a),
					Op::Claim(w) => LiquidityMining::claim(RuntimeOrigin::signed(w), farm, None),
					Op::Emergency(w) => LiquidityMining::emergency_withdraw(RuntimeOrigin::signed(w), farm),
					Op::SetRate(r) => LiquidityMining::set_farm_rate(RuntimeOrigin::root(), farm, r),
					Op::Advance(n) => {
						run_to_block(System::block_number() + n);
						Ok(())
					},
				};
				if !advance {
					coverage.count(result.is_ok());
				}
				prop_assert!(LiquidityMining::do_try_state().is_ok());
				let info = Farms::<Test>::get(farm).unwrap();
				let minted = Balances::total_issuance() - issuance;
				prop_assert_eq!(minted, info.claimed);
				let owed: u128 = [ALICE, BOB, CHARLIE].iter().map(|w| pending(farm, *w)).sum();
				let emitted = LiquidityMining::farm_view(farm).unwrap().total_emitted;
				prop_assert!(minted + owed + info.forfeited <= emitted);
				prop_assert!(emitted <= cap);
			}
			Ok(())
		})?;
	});
	coverage.finish(33);
}

/// `try_state` bounds what a farm owes: a stake whose settled rewards exceed what the farm has
/// distributed and not yet paid is reported (test review P11).
#[test]
fn try_state_catches_rewards_owed_past_distribution() {
	new_test_ext().execute_with(|| {
		let farm = create_farm(10, 1, 1_000, u128::MAX);
		stake(ALICE, farm, 100);
		run_to_block(5);
		assert_ok!(LiquidityMining::claim(RuntimeOrigin::signed(ALICE), farm, None));
		assert_ok!(LiquidityMining::do_try_state());
		Stakes::<Test>::mutate(ALICE, farm, |stake| {
			if let Some(stake) = stake {
				stake.pending = 1;
			}
		});
		assert_eq!(
			LiquidityMining::do_try_state(),
			Err("a farm owes its stakers more than it distributed and has not paid".into())
		);
	})
}
