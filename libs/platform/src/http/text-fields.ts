import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { stacked } from './query-decorators.js';

/**
 * Text with at least one character that shows: not white space, and not an invisible format or control
 * character (a zero-width space U+200B, a direction override U+202E), which would read as empty.
 */
const NOT_BLANK = /[^\s\p{Cf}\p{Cc}]/u;

/** A text that must say something: empty or white space only is refused (`$property must not be blank`). */
export function IsNotBlank(): PropertyDecorator {
  return Matches(NOT_BLANK, { message: '$property must not be blank' });
}

/** A required text field of a request: a string, not blank, at most `maxLength` characters. */
export function RequiredText(
  maxLength: number,
  doc: Omit<ApiPropertyOptions, 'maxLength'> & { example: string },
): PropertyDecorator {
  return stacked(
    ApiProperty({ ...doc, maxLength } as ApiPropertyOptions),
    IsString(),
    IsNotBlank(),
    MaxLength(maxLength),
  );
}
