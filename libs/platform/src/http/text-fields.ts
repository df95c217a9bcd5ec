import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { stacked } from './query-decorators.js';

/**
 * Text with at least one character that shows. White space does not, nor do the characters that read
 * as empty: control and format characters (a zero-width space U+200B, a direction override U+202E),
 * those Unicode says to ignore when nothing can show them (the Hangul fillers U+3164 and U+FFA0, a
 * variation selector), a combining mark with nothing to combine with, and the blank braille cell U+2800.
 */
const NOT_BLANK = /[^\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

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
