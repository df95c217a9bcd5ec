import { describe, expect, it } from '@jest/globals';
import { RewardGrade } from '../../../libs/contracts/src/complaint.contracts.js';
import { loadComplaintPolicy } from '../../../libs/complaints/src/complaint-policy.loader.js';
import {
  computeReward,
  rewardIneligibility,
  type RewardRequest,
} from '../../../libs/complaints/src/domain/reward.js';

const policy = loadComplaintPolicy().rewards;
const request = (changes: Partial<RewardRequest>): RewardRequest => ({
  grade: RewardGrade.Third,
  basisFen: 0,
  insider: false,
  reporters: 1,
  approvedAboveCap: false,
  ...changes,
});
/** ¥ to fen, for readable expectations. */
const yuan = (amount: number) => amount * 100;

describe('reward arithmetic (举报奖励), in whole fen', () => {
  it('pays the tier’s rate of the fines: 1% / 3% / 5% by grade', () => {
    const fine = yuan(2_000_000);
    expect(computeReward(policy, request({ grade: RewardGrade.Third, basisFen: fine })).amountFen).toBe(
      yuan(20_000),
    );
    expect(computeReward(policy, request({ grade: RewardGrade.Second, basisFen: fine })).amountFen).toBe(
      yuan(60_000),
    );
    expect(computeReward(policy, request({ grade: RewardGrade.First, basisFen: fine })).amountFen).toBe(
      yuan(100_000),
    );
  });

  it('raises a small reward to the tier’s floor (¥1,000 / 3,000 / 5,000), also when nothing was fined', () => {
    expect(
      computeReward(policy, request({ grade: RewardGrade.Third, basisFen: yuan(50_000) })).amountFen,
    ).toBe(yuan(1_000));
    expect(computeReward(policy, request({ grade: RewardGrade.Second, basisFen: 0 })).amountFen).toBe(
      yuan(3_000),
    );
    expect(computeReward(policy, request({ grade: RewardGrade.First, basisFen: yuan(1) })).amountFen).toBe(
      yuan(5_000),
    );
  });

  it('is exactly the floor at the boundary and one fen above it just past', () => {
    // 1% of ¥100,000 is the floor itself; one more yuan of fines gives one more fen.
    expect(computeReward(policy, request({ basisFen: yuan(100_000) })).amountFen).toBe(yuan(1_000));
    expect(computeReward(policy, request({ basisFen: yuan(100_001) })).amountFen).toBe(yuan(1_000) + 1);
  });

  it('rounds a fraction of a fen down, never to a float', () => {
    const amount = computeReward(policy, request({ grade: RewardGrade.Second, basisFen: 1_234_567_891 }));
    expect(amount.amountFen).toBe(37_037_036); // 3% of 1,234,567,891 fen = 37,037,036.73
    expect(Number.isInteger(amount.amountFen)).toBe(true);
  });

  it('caps a case at ¥1,000,000 unless an approval lifts the cap', () => {
    const huge = request({ grade: RewardGrade.First, basisFen: yuan(50_000_000) });
    expect(computeReward(policy, huge).amountFen).toBe(yuan(1_000_000));
    expect(computeReward(policy, { ...huge, approvedAboveCap: true }).amountFen).toBe(yuan(2_500_000));
  });

  it('raises an insider’s reward by the uplift, after the floor and within the cap', () => {
    expect(computeReward(policy, request({ basisFen: 0, insider: true })).amountFen).toBe(yuan(1_500));
    expect(
      computeReward(policy, request({ grade: RewardGrade.First, basisFen: yuan(10_000_000), insider: true }))
        .amountFen,
    ).toBe(yuan(750_000));
    expect(
      computeReward(policy, request({ grade: RewardGrade.First, basisFen: yuan(15_000_000), insider: true }))
        .amountFen,
    ).toBe(yuan(1_000_000));
  });

  it('splits one reward between joint reporters, the leftover fen to the first, adding up to the whole', () => {
    const shared = computeReward(policy, request({ basisFen: 100_000_001, reporters: 3 }));
    expect(shared.amountFen).toBe(1_000_000);
    expect(shared.perReporterFen).toEqual([333_334, 333_333, 333_333]);
    expect(shared.perReporterFen.reduce((a, b) => a + b, 0)).toBe(shared.amountFen);
    expect(shared.explanation).toContain('shared by 3 reporters');
  });

  it('stays exact far beyond a double’s integer range of fen × basis points', () => {
    const amount = computeReward(
      policy,
      request({ basisFen: Number.MAX_SAFE_INTEGER, approvedAboveCap: true }),
    );
    expect(BigInt(amount.amountFen)).toBe((BigInt(Number.MAX_SAFE_INTEGER) * 100n) / 10_000n);
  });

  it('refuses fractional or negative money and a share among no one', () => {
    expect(() => computeReward(policy, request({ basisFen: 10.5 }))).toThrow(RangeError);
    expect(() => computeReward(policy, request({ basisFen: -1 }))).toThrow(RangeError);
    expect(() => computeReward(policy, request({ reporters: 0 }))).toThrow(RangeError);
  });

  it('names every reason a report earns nothing: untraceable, not first, unverified, an official', () => {
    const eligible = { traceable: true, firstReporter: true, substantiated: true, officialOnDuty: false };
    expect(rewardIneligibility(eligible)).toEqual([]);
    expect(
      rewardIneligibility({
        traceable: false,
        firstReporter: false,
        substantiated: false,
        officialOnDuty: true,
      }),
    ).toHaveLength(4);
    expect(rewardIneligibility({ ...eligible, firstReporter: false })[0]).toContain('earlier report');
  });
});
