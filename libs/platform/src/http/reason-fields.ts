import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { stacked } from './query-decorators.js';

/** Why a step was taken: the ledger's reason, at most this long. */
const REASON_MAX_LENGTH = 1000;

/** A required, non-empty reason of a step. */
export function ReasonField(example: string): PropertyDecorator {
  return stacked(
    ApiProperty({ example, maxLength: REASON_MAX_LENGTH }),
    IsString(),
    MinLength(1),
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
