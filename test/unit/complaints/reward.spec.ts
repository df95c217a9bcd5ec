import { describe, expect, it } from '@jest/globals';
import { RewardGrade } from '../../../libs/contracts/src/complaint.contracts.js';
import { loadComplaintPolicy } from '../../../libs/complaints/src/complaint-policy.loader.js';
import {
  computeReward,
  rewardIneligibility,
  storedRewardExplanationZh,
  type RewardRequest,
} from '../../../libs/complaints/src/domain/reward.js';

const complaintPolicy = loadComplaintPolicy();
const policy = complaintPolicy.rewards;
const W_ZH = '《市场监管领域重大违法行为举报奖励暂行办法》第十四条至第十六条';
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

  it('explains the arithmetic in Chinese beside the English, the regulation by its name', () => {
    const raised = computeReward(
      policy,
      request({ grade: RewardGrade.First, basisFen: yuan(50_000), insider: true }),
    );
    // The English stays as scripts read it.
    expect(raised.explanation).toBe(
      '5% of ¥50,000.00 = ¥2,500.00; raised to the floor ¥5,000.00; insider +50% = ¥7,500.00 (W arts. 14–16)',
    );
    expect(raised.explanationZh).toBe(
      `罚没款或涉案货值 ¥50,000.00 的 5% = ¥2,500.00；低于奖励下限，按下限 ¥5,000.00 计；内部举报人上浮 50% = ¥7,500.00（${W_ZH}）`,
    );
    const huge = request({ grade: RewardGrade.First, basisFen: yuan(50_000_000), reporters: 2 });
    expect(computeReward(policy, huge).explanationZh).toBe(
      `罚没款或涉案货值 ¥50,000,000.00 的 5% = ¥2,500,000.00；超过单案上限，按上限 ¥1,000,000.00 计；由 2 名共同举报人分享（${W_ZH}）`,
    );
    const lifted = computeReward(policy, { ...huge, approvedAboveCap: true }).explanationZh;
    expect(lifted).toContain('经批准超过单案上限 ¥1,000,000.00');
    // Not a word of English, and no regulation by its code.
    for (const text of [raised.explanationZh, lifted]) expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('gives a reward stored before the Chinese its Chinese under the same policy version, else none', () => {
    const asked = request({ grade: RewardGrade.Second, basisFen: 20_000_000 });
    const { amountFen, explanation } = computeReward(policy, asked);
    const stored = { ...asked, amountFen, explanation, policyVersion: complaintPolicy.version };
    expect(storedRewardExplanationZh(stored, complaintPolicy)).toBe(
      `罚没款或涉案货值 ¥200,000.00 的 3% = ¥6,000.00（${W_ZH}）`,
    );
    // Its own Chinese stands; another version's arithmetic, or an amount this one does not give, has none.
    expect(storedRewardExplanationZh({ ...stored, explanationZh: '原文' }, complaintPolicy)).toBe('原文');
    expect(
      storedRewardExplanationZh({ ...stored, policyVersion: '2025-01-01.1' }, complaintPolicy),
    ).toBeNull();
    expect(storedRewardExplanationZh({ ...stored, amountFen: amountFen + 1 }, complaintPolicy)).toBeNull();
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
