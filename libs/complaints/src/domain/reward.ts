import { RewardGrade } from '../../../contracts/src/complaint.contracts.js';

/** Reward tiers (举报奖励) as policy data; money in fen, rates in basis points, so no float ever rounds. */
export interface RewardPolicy {
  basis: string;
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
  const steps: string[] = [];
  const share = (BigInt(request.basisFen) * BigInt(tier.rateBasisPoints)) / BASIS_POINTS;
  steps.push(`${tier.rateBasisPoints / 100}% of ${yuan(request.basisFen)} = ${yuan(share)}`);
  let amount = share;
  if (amount < BigInt(tier.floorFen)) {
    amount = BigInt(tier.floorFen);
    steps.push(`raised to the floor ${yuan(amount)}`);
  }
  if (request.insider) {
    amount += (amount * BigInt(policy.insiderUpliftBasisPoints)) / BASIS_POINTS;
    steps.push(`insider +${policy.insiderUpliftBasisPoints / 100}% = ${yuan(amount)}`);
  }
  if (amount > BigInt(policy.capFen)) {
    if (request.approvedAboveCap) steps.push(`above the cap ${yuan(policy.capFen)} by approval`);
    else {
      amount = BigInt(policy.capFen);
      steps.push(`capped at ${yuan(amount)}`);
    }
  }
  const reporters = BigInt(request.reporters);
  const each = amount / reporters;
  const left = amount - each * reporters;
  const perReporterFen = Array.from({ length: request.reporters }, (_, i) =>
    Number(i === 0 ? each + left : each),
  );
  if (request.reporters > 1) steps.push(`shared by ${request.reporters} reporters`);
  return { amountFen: Number(amount), perReporterFen, explanation: `${steps.join('; ')} (${policy.basis})` };
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
