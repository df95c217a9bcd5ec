import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { RiskGrade } from '../../contracts/src/risk-item.contracts.js';
import {
  bundledPolicyFile,
  loadPolicyFile,
  PolicyFileHeader,
} from '../../platform/src/config/policy-file.js';
import { type RiskItemPolicy } from './domain/risk-item-policy.js';

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

class VerificationDelegationFile {
  // County supervisors keep the verification of major and critical hazards (issue 13 §15).
  @IsArray()
  @ArrayUnique()
  @IsIn([RiskGrade.General], { each: true })
  grades: RiskGrade[];
}

class RiskItemPolicyFile extends PolicyFileHeader {
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

  @IsOptional()
  @ValidateNested()
  @Type(() => VerificationDelegationFile)
  verificationDelegation?: VerificationDelegationFile;
}

/** The bundled default policy; RISK_ITEM_POLICY_FILE points at another. */
export function defaultRiskItemPolicyFile(): string {
  return bundledPolicyFile('libs/risk-items/policy/risk-item-policy.json');
}

/** Reads and validates a policy file; every problem is reported with its path. */
export function loadRiskItemPolicy(file = defaultRiskItemPolicyFile()): RiskItemPolicy {
  return loadPolicyFile(file, RiskItemPolicyFile, 'risk-item policy');
}
