import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsOptional,
  IsEnum,
  IsIn,
  IsString,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { ReferralClock, ReferralDocumentKind } from '../../contracts/src/referral.contracts.js';
import {
  BilingualTextFile,
  bundledPolicyFile,
  loadPolicyFile,
  PolicyFileHeader,
} from '../../platform/src/config/policy-file.js';
import { type ReferralClockPolicy, type ReferralPolicy } from './domain/referral-policy.js';

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

  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualTextFile)
  interpretation?: BilingualTextFile;

  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextFile)
  what: BilingualTextFile;
}

class PoliceLatenessFile {
  @IsBoolean()
  raiseCard: boolean;

  @IsDefined()
  @ValidateNested()
  @Type(() => BilingualTextFile)
  why: BilingualTextFile;
}

class ReferralPolicyFile extends PolicyFileHeader implements ReferralPolicy {
  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralDocumentKind, { each: true })
  requiredDossier: ReferralDocumentKind[];

  @IsArray()
  @ArrayUnique()
  @IsEnum(ReferralDocumentKind, { each: true })
  mayBeNotApplicable: ReferralDocumentKind[];

  @IsDefined()
  @ValidateNested()
  @Type(() => PoliceLatenessFile)
  policeLateness: PoliceLatenessFile;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReferralClockFile)
  clocks: ReferralClockFile[];
}

/** The bundled default policy; REFERRAL_POLICY_FILE points at another. */
export function defaultReferralPolicyFile(): string {
  return bundledPolicyFile('libs/referrals/policy/referral-clocks.json');
}

/** Reads and validates the clock policy; every clock of the process must be there exactly once. */
export function loadReferralPolicy(file = defaultReferralPolicyFile()): ReferralPolicy {
  return loadPolicyFile(
    file,
    ReferralPolicyFile,
    'referral policy',
    ({ clocks, requiredDossier, mayBeNotApplicable }) => [
      ...Object.values(ReferralClock).flatMap((clock) => {
        const count = clocks.filter((c) => c.step === clock).length;
        return count === 1 ? [] : [`clock ${clock} appears ${count} times (expected once)`];
      }),
      ...mayBeNotApplicable
        .filter((kind) => !requiredDossier.includes(kind))
        .map((kind) => `mayBeNotApplicable names ${kind}, which the checklist does not require`),
    ],
  );
}
