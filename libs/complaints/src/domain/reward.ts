import { RewardGrade } from '../../../contracts/src/complaint.contracts.js';

/** Reward tiers (举报奖励) as policy data; money in fen, rates in basis points, so no float ever rounds. */
export interface RewardPolicy {
  /** The rule, cited by its code in docs/regulations.md (W arts. 14–16). */
  basis: string;
  /** The same rule as the regulation names it in Chinese: what the case page shows. */
  basisZh: string;
  tiers: Array<{ grade: RewardGrade; rateBasisPoints: number; floorFen: number }>;
  /** Per case; only an approval above the cap lifts it. */
  capFen: number;
  /** An insider's reward is raised by this share (5000 = +50%), still within the cap. */
  insiderUpliftBasisPoints: number;
}

export interface RewardRequest {
  grade: RewardGrade;
  /** Fines and confiscations, or the goods' value, in fen. */
  basisFen: number;
  insider: boolean;
  /** Joint reporters of one report share one reward. */
  reporters: number;
  approvedAboveCap: boolean;
}

export interface RewardAmount {
  amountFen: number;
  /** The first share carries the fen a split leaves over, so the shares add up to the amount. */
  perReporterFen: number[];
  explanation: string;
  /** The same arithmetic in Chinese, the regulation by its name: what the case page shows. */
  explanationZh: string;
}

const BASIS_POINTS = 10_000n;

/** ¥1,234.56 from fen, for explanations. */
export function yuan(fen: number | bigint): string {
  const value = BigInt(fen);
  const whole = (value / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${(value % 100n).toString().padStart(2, '0')}`;
}

/**
 * The reward for one report: the tier's rate of the basis (rounded down to the fen), raised to the
 * tier's floor, then the insider uplift, then the cap unless an approval lifted it; split evenly
 * between joint reporters. BigInt inside, since fen × basis points outgrows a double's exact range.
 */
export function computeReward(policy: RewardPolicy, request: RewardRequest): RewardAmount {
  if (!Number.isSafeInteger(request.basisFen) || request.basisFen < 0) {
    throw new RangeError('basisFen must be a whole, non-negative number of fen');
  }
  if (!Number.isSafeInteger(request.reporters) || request.reporters < 1) {
    throw new RangeError('reporters must be a whole number ≥ 1');
  }
  const tier = policy.tiers.find((t) => t.grade === request.grade);
  if (!tier) throw new RangeError(`the reward policy has no tier ${request.grade}`);
  const steps: Array<{ en: string; zh: string }> = [];
  const share = (BigInt(request.basisFen) * BigInt(tier.rateBasisPoints)) / BASIS_POINTS;
  const rate = `${tier.rateBasisPoints / 100}%`;
  steps.push({
    en: `${rate} of ${yuan(request.basisFen)} = ${yuan(share)}`,
    zh: `罚没款或涉案货值 ${yuan(request.basisFen)} 的 ${rate} = ${yuan(share)}`,
  });
  let amount = share;
  if (amount < BigInt(tier.floorFen)) {
    amount = BigInt(tier.floorFen);
    steps.push({ en: `raised to the floor ${yuan(amount)}`, zh: `低于奖励下限，按下限 ${yuan(amount)} 计` });
  }
  if (request.insider) {
    amount += (amount * BigInt(policy.insiderUpliftBasisPoints)) / BASIS_POINTS;
    const uplift = `${policy.insiderUpliftBasisPoints / 100}%`;
    steps.push({
      en: `insider +${uplift} = ${yuan(amount)}`,
      zh: `内部举报人上浮 ${uplift} = ${yuan(amount)}`,
    });
  }
  if (amount > BigInt(policy.capFen)) {
    if (request.approvedAboveCap)
      steps.push({
        en: `above the cap ${yuan(policy.capFen)} by approval`,
        zh: `经批准超过单案上限 ${yuan(policy.capFen)}`,
      });
    else {
      amount = BigInt(policy.capFen);
      steps.push({ en: `capped at ${yuan(amount)}`, zh: `超过单案上限，按上限 ${yuan(amount)} 计` });
    }
  }
  const reporters = BigInt(request.reporters);
  const each = amount / reporters;
  const left = amount - each * reporters;
  const perReporterFen = Array.from({ length: request.reporters }, (_, i) =>
    Number(i === 0 ? each + left : each),
  );
  if (request.reporters > 1)
    steps.push({
      en: `shared by ${request.reporters} reporters`,
      zh: `由 ${request.reporters} 名共同举报人分享`,
    });
  return {
    amountFen: Number(amount),
    perReporterFen,
    explanation: `${steps.map((s) => s.en).join('; ')} (${policy.basis})`,
    explanationZh: `${steps.map((s) => s.zh).join('；')}（${policy.basisZh}）`,
  };
}

/** A reward as stored on a case: what was asked, what it came to, under which policy version. */
export type StoredReward = RewardRequest &
  Pick<RewardAmount, 'amountFen'> & { explanationZh?: string; policyVersion: string };

/**
 * The Chinese explanation of a stored reward. Rewards proposed before it was written keep their English
 * `explanation`; the same arithmetic under the same policy version gives their Chinese, exactly (the
 * amount must come out the same). Null when the policy in force is another version.
 */
export function storedRewardExplanationZh(
  reward: StoredReward,
  policy: { version: string; rewards: RewardPolicy },
): string | null {
  if (reward.explanationZh) return reward.explanationZh;
  if (reward.policyVersion !== policy.version) return null;
  const again = computeReward(policy.rewards, reward);
  return again.amountFen === reward.amountFen ? again.explanationZh : null;
}

/** What decides whether a report earns a reward at all. */
export interface RewardEligibilityFacts {
  /** Named, or anonymous but reachable (holds the receipt code and secret). */
  traceable: boolean;
  /** The earliest report of this violation; later reports of the same one earn nothing. */
  firstReporter: boolean;
  /** The lead proved true. */
  substantiated: boolean;
  /** Regulator staff and others with a duty to report are excluded. */
  officialOnDuty: boolean;
}

/** Every reason a report earns no reward; empty when it is eligible. */
export function rewardIneligibility(facts: RewardEligibilityFacts): string[] {
  const reasons: string[] = [];
  if (!facts.traceable) reasons.push('the reporter cannot be reached (neither named nor traceable)');
  if (!facts.firstReporter) reasons.push('an earlier report of the same violation exists');
  if (!facts.substantiated) reasons.push('the report was not verified');
  if (facts.officialOnDuty) reasons.push('the reporter is an official with a duty to report');
  return reasons;
}
