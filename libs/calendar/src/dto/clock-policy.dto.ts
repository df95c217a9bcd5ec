import { IsIn, IsInt, Max, Min } from 'class-validator';
import { DEADLINE_UNIT_ALIASES, type ClockPolicy, type DeadlineUnitName } from '../domain/calendar.types.js';

/** Validation schema of a clock inside a policy file (`{ "amount": 10, "unit": "workdays" }`). */
export class ClockPolicyFile implements ClockPolicy {
  @IsInt()
  @Min(1)
  @Max(3650)
  amount: number;

  @IsIn(Object.keys(DEADLINE_UNIT_ALIASES))
  unit: DeadlineUnitName;
}
