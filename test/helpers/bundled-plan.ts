import { type CampaignPlan } from '../../libs/contracts/src/plan.contracts.js';
import { readBundledPlan, seedUnits } from '../../libs/plan/src/bundled-plan.js';
import { parsePlanSource } from '../../libs/plan/src/plan-parser.js';

/** The bundled plan (武政办〔2022〕5号) as the plan loader reads it. */
export function bundledPlan(): CampaignPlan {
  const result = parsePlanSource(readBundledPlan(), seedUnits());
  if (!result.ok) throw new Error(`the bundled plan is invalid: ${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}
