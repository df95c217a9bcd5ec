import { type Provider } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsEnum,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { ComplaintClock, RewardGrade } from '../../contracts/src/complaint.contracts.js';
import { Role, UNIT_ID_PATTERN } from '../../contracts/src/identity.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import {
  BilingualTextFile,
  bundledPolicyFile,
  loadPolicyFile,
  PolicyFileHeader,
} from '../../platform/src/config/policy-file.js';
import { type ComplaintClockPolicy, type ComplaintPolicy } from './domain/complaint-policy.js';
import { type RewardPolicy } from './domain/reward.js';

class ComplaintClockFile extends ClockPolicyFile implements ComplaintClockPolicy {
  @IsEnum(ComplaintClock)
  clock: ComplaintClock;

  @IsString()
  @MinLength(1)
  basis: string;

  @IsString()
  @MinLength(1)
  basisZh: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextFile)
  what: BilingualTextFile;
}

class RevealRolesFile {
  @IsArray()
  @ArrayNotEmpty()
  @IsEnum(Role, { each: true })
  requesterRoles: Role[];

  @IsArray()
  @ArrayNotEmpty()
  @IsEnum(Role, { each: true })
  approverRoles: Role[];
}

class RewardTierFile {
  @IsEnum(RewardGrade)
  grade: RewardGrade;

  @IsInt()
  @Min(0)
  @Max(10_000)
  rateBasisPoints: number;

  @IsInt()
  @Min(0)
  floorFen: number;
}

class RewardPolicyFile implements RewardPolicy {
  @IsString()
  @MinLength(1)
  basis: string;

  @IsString()
  @MinLength(1)
  basisZh: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RewardTierFile)
  tiers: RewardTierFile[];

  @IsInt()
  @Min(1)
  capFen: number;

  @IsInt()
  @Min(0)
  @Max(10_000)
  insiderUpliftBasisPoints: number;
}

class ComplaintPolicyFile extends PolicyFileHeader implements ComplaintPolicy {
  @Matches(UNIT_ID_PATTERN)
  handlingUnitId: string;

  @IsInt()
  @Min(1)
  @Max(12)
  actionNo: number;

  @IsInt()
  @Min(0)
  @Max(30)
  reminderBeforeWorkdays: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ComplaintClockFile)
  clocks: ComplaintClockFile[];

  @IsDefined()
  @ValidateNested()
  @Type(() => RevealRolesFile)
  reveal: RevealRolesFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => RewardPolicyFile)
  rewards: RewardPolicyFile;
}

/** Reads and validates the complaint policy: every clock and reward grade exactly once. */
export function loadComplaintPolicy(
  file = bundledPolicyFile('libs/complaints/policy/complaint-policy.json'),
): ComplaintPolicy {
  return loadPolicyFile(file, ComplaintPolicyFile, 'complaint policy', ({ clocks, rewards }) => [
    ...Object.values(ComplaintClock).flatMap((clock) => {
      const count = clocks.filter((c) => c.clock === clock).length;
      return count === 1 ? [] : [`clock ${clock} appears ${count} times (expected once)`];
    }),
    ...Object.values(RewardGrade).flatMap((grade) => {
      const count = rewards.tiers.filter((t) => t.grade === grade).length;
      return count === 1 ? [] : [`reward grade ${grade} appears ${count} times (expected once)`];
    }),
  ]);
}

/** The policy in force, read and validated once at boot (COMPLAINT_POLICY_FILE or the default). */
export const COMPLAINT_POLICY = Symbol('COMPLAINT_POLICY');

export const complaintPolicyProvider: Provider = {
  provide: COMPLAINT_POLICY,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.COMPLAINT_POLICY_FILE ? loadComplaintPolicy(config.COMPLAINT_POLICY_FILE) : loadComplaintPolicy(),
};
