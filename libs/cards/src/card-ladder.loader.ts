import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ClockPolicyFile } from '../../calendar/src/dto/clock-policy.dto.js';
import { type CardResponseKind } from '../../contracts/src/card.contracts.js';
import { ALL_ROLES } from '../../contracts/src/identity.js';
import {
  bundledPolicyFile,
  loadPolicyFile,
  PolicyFileHeader,
} from '../../platform/src/config/policy-file.js';
import { type CardLadderPolicy } from './domain/card-ladder.js';

class RecipientFile {
  @IsIn(ALL_ROLES)
  role: string;

  @IsIn(['card-unit', 'county'])
  scope: 'card-unit' | 'county';
}

class LevelFile {
  @IsString()
  @MinLength(1)
  colour: string;

  @IsString()
  @MinLength(1)
  nameZh: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  deadline: ClockPolicyFile;

  @IsIn(['rectification-plan', 'progress-report', 'summons'])
  response: CardResponseKind;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RecipientFile)
  recipients: RecipientFile[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ClockPolicyFile)
  summonsAfter?: ClockPolicyFile;
}

class CardLadderFile extends PolicyFileHeader {
  @IsInt()
  @Min(0)
  @Max(3650)
  repeatWindowDays: number;

  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => LevelFile)
  levels: LevelFile[];
}

export function defaultCardLadderFile(): string {
  return bundledPolicyFile('libs/cards/policy/card-ladder.json');
}

/** The ladder in force: CARD_LADDER_FILE or the bundled yellow → orange → red. */
export function loadCardLadder(file = defaultCardLadderFile()): CardLadderPolicy {
  return loadPolicyFile(file, CardLadderFile, 'card ladder');
}
