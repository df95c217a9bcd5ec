import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { stacked } from './query-decorators.js';

/**
 * The characters that show nothing by themselves: white space, control and format characters (a
 * zero-width space U+200B, a direction override U+202E), those Unicode says to ignore when nothing can
 * show them (the Hangul fillers U+3164 and U+FFA0, a variation selector), and the blank braille cell
 * U+2800. As a character class body, for the rules below and for keys that compare texts as they read.
 */
export const INVISIBLE_CHARACTERS = '\\s\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2800';

/**
 * Text with at least one character that shows: not only invisible characters (above), nor only a
 * combining mark with nothing to combine with.
 */
const NOT_BLANK = new RegExp(`[^${INVISIBLE_CHARACTERS}\\p{M}]`, 'u');

/** Whether a text shows nothing (the rule of IsNotBlank, for text that is not a request's field). */
export const isBlank = (text: string): boolean => !NOT_BLANK.test(text);

/**
 * A control character (C0, DEL and C1: a bell U+0007, a tab, a line break) in a text that is one line on
 * every page and notice, such as a unit's or a file's name: the problem, or undefined.
 */
export const controlCharacterProblem = (text: string): string | undefined =>
  /\p{Cc}/u.test(text) ? 'must not contain a control character (such as a tab or line break)' : undefined;

/**
 * A text kept without white space before or after it: trimmed as the body is read, before the field's
 * rules run, so blank and length are judged on what is stored.
 */
export const Trimmed = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

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

/**
 * A field a request may leave out, but not send as null: `@IsOptional()` would let null through to a
 * column that cannot hold it (a 500). Left out, no other rule of the field runs; null is refused
 * (`$property must not be null (leave it out to keep it)`), before the field's own rules.
 */
export function OmittableNotNull(): PropertyDecorator {
  return stacked(
    ValidateIf((_object, value) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args) => `${args?.property} must not be null (leave it out to keep it)`,
      },
    }),
  );
}

/** An optional text field of a request: left out, or a string, not blank, at most `maxLength` characters. */
export function OptionalText(
  maxLength: number,
  doc: Omit<ApiPropertyOptions, 'maxLength'> & { example: string },
): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ ...doc, maxLength } as ApiPropertyOptions),
    OmittableNotNull(),
    IsString(),
    IsNotBlank(),
    MaxLength(maxLength),
  );
}

/**
 * A text field whose null means "none" (a column that may hold NULL): left out or null, no other rule
 * runs; otherwise a string, not blank, at most `maxLength` characters.
 */
export function NullableText(
  maxLength: number,
  doc: Omit<ApiPropertyOptions, 'maxLength'> & { example: string },
): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ ...doc, maxLength, nullable: true, type: String } as ApiPropertyOptions),
    ValidateIf((_object, value) => value !== null && value !== undefined),
    IsString(),
    IsNotBlank(),
    MaxLength(maxLength),
  );
}
