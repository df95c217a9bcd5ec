import { join } from 'node:path';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDefined,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { ReferralClock, ReferralDocumentKind } from '../../contracts/src/referral.contracts.js';
import { packageRoot } from '../../platform/src/config/package-root.js';
import { loadPolicyFile } from '../../platform/src/config/policy-file.js';
import { type ReferralClockPolicy, type ReferralPolicy } from './domain/referral-policy.js';

class BilingualFile {
  @IsString()
  @MinLength(1)
  en: string;

  @IsString()
  @MinLength(1)
  zh: string;
}

class ReferralClockFile extends ClockPolicyFile implements ReferralClockPolicy {
  @IsEnum(ReferralClock)
  step: ReferralClock;

  @IsIn(['regulator', 'police'])
  party: 'regulator' | 'police';

  @IsIn(['escalate', 'close-window'])
  onExpiry: 'escalate' | 'close-window';

  @IsString()
  @MinLength(1)
  basis: string;

  @IsIn(['V', 'S'])
  sure: 'V' | 'S';

  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualFile)
  what: BilingualFile;
}

class ReferralPolicyFile implements ReferralPolicy {
  @IsString()
  @MinLength(1)
  version: string;

  @IsOptional()
  @IsString()
  description?: string;

  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralDocumentKind, { each: true })
  requiredDossier: ReferralDocumentKind[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReferralClockFile)
  clocks: ReferralClockFile[];
}

/** The bundled default policy; REFERRAL_POLICY_FILE points at another. */
export function defaultReferralPolicyFile(): string {
  return join(packageRoot(import.meta.url), 'libs/referrals/policy/referral-clocks.json');
}

/** Reads and validates the clock policy; every clock of the process must be there exactly once. */
export function loadReferralPolicy(file = defaultReferralPolicyFile()): ReferralPolicy {
  const policy = loadPolicyFile(file, ReferralPolicyFile, 'referral policy');
  const problems = Object.values(ReferralClock).flatMap((clock) => {
    const count = policy.clocks.filter((c) => c.step === clock).length;
    return count === 1 ? [] : [`clock ${clock} appears ${count} times (expected once)`];
  });
  if (problems.length > 0) {
    throw new Error(`Invalid referral policy ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return policy;
}
