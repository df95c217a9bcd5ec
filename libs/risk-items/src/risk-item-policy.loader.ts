import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { DEADLINE_UNIT_ALIASES, type DeadlineUnitName } from '../../calendar/src/domain/calendar.types.js';
import { RiskGrade } from '../../contracts/src/risk-item.contracts.js';
import { packageRoot } from '../../platform/src/config/package-root.js';
import { fieldProblems } from '../../platform/src/errors/validation.js';
import { type RiskItemPolicy } from './domain/risk-item-policy.js';

const UNIT_NAMES = Object.keys(DEADLINE_UNIT_ALIASES);

class ClockPolicyFile {
  @IsInt()
  @Min(1)
  @Max(3650)
  amount: number;

  @IsIn(UNIT_NAMES)
  unit: DeadlineUnitName;
}

class RectificationFile {
  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  [RiskGrade.General]: ClockPolicyFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  [RiskGrade.Major]: ClockPolicyFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  [RiskGrade.Critical]: ClockPolicyFile;
}

class RiskItemPolicyFile {
  @IsString()
  @MinLength(1)
  version: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => RectificationFile)
  rectification: RectificationFile;

  @IsInt()
  @Min(0)
  @Max(30)
  reminderBeforeWorkdays: number;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  verification: ClockPolicyFile;
}

/** The bundled default policy; RISK_ITEM_POLICY_FILE points at another. */
export function defaultRiskItemPolicyFile(): string {
  return join(packageRoot(import.meta.url), 'libs/risk-items/policy/risk-item-policy.json');
}

/** Reads and validates a policy file; every problem is reported with its path. */
export function loadRiskItemPolicy(file = defaultRiskItemPolicyFile()): RiskItemPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `Cannot read the risk-item policy ${file}: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`Invalid risk-item policy ${file}: expected a JSON object`);
  }
  const policy = plainToInstance(RiskItemPolicyFile, raw);
  const problems = fieldProblems(validateSync(policy, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length > 0) {
    throw new Error(
      `Invalid risk-item policy ${file}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  return policy;
}
