import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { stacked } from './query-decorators.js';
import { IsNotBlank } from './text-fields.js';

/** Why a step was taken: the ledger's reason, at most this long. */
const REASON_MAX_LENGTH = 1000;

/** A required reason of a step, not blank. */
export function ReasonField(example: string): PropertyDecorator {
  return stacked(
    ApiProperty({ example, maxLength: REASON_MAX_LENGTH }),
    IsString(),
    IsNotBlank(),
    MaxLength(REASON_MAX_LENGTH),
  );
}

/** A reason a step may go without. */
export function OptionalReasonField(example: string): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ example, maxLength: REASON_MAX_LENGTH }),
    IsOptional(),
    IsString(),
    MaxLength(REASON_MAX_LENGTH),
  );
}
