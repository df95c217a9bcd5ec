import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';

/**
 * Applies decorators as if written one above the other (the last one first, as TypeScript does), so
 * the validation constraints register, and report, in the order they always did.
 */
export const stacked = (...decorators: PropertyDecorator[]): PropertyDecorator =>
  applyDecorators(...decorators.reverse());

/** Query strings carry text: only the words true/false become booleans (Boolean('false') would be true). */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** An optional true/false filter of a list query. */
export function OptionalBooleanQuery(doc: ApiPropertyOptions = {}): PropertyDecorator {
  return stacked(ApiPropertyOptional(doc), IsOptional(), Transform(queryBoolean), IsBoolean());
}

/**
 * Only digits are read as a number (a leading minus, so `-1` is told it is below the minimum): `Number`
 * alone would read `0x10` as 16, `1e1` as 10 and ` 7` as 7, numbers nobody wrote. Anything else stays
 * text and fails as not a whole number. Fifteen digits keep every accepted number exact.
 */
const WHOLE_NUMBER_DIGITS = /^-?\d{1,15}$/;
const wholeNumberFromText = ({ value }: { value: unknown }) =>
  typeof value === 'string' && WHOLE_NUMBER_DIGITS.test(value) ? Number(value) : value;

/**
 * A whole number in a path or a query string, from `minimum` to `maximum`, written in plain decimal
 * digits. Optional when `doc.required` is false (the property then carries its default).
 */
export function WholeNumberField(
  minimum: number,
  maximum: number,
  doc: ApiPropertyOptions & { required?: boolean } = {},
): PropertyDecorator {
  const required = doc.required ?? true;
  return stacked(
    (required ? ApiProperty : ApiPropertyOptional)({ minimum, maximum, ...doc }),
    ...(required ? [] : [IsOptional()]),
    Transform(wholeNumberFromText),
    // One rule and one message per parameter: a word is not a number, so it is not also "less than 1".
    ValidateBy({
      name: 'isWholeNumberWithin',
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= minimum && (value as number) <= maximum,
        defaultMessage: (args) => {
          const property = args?.property ?? 'value';
          const value: unknown = args?.value;
          return typeof value !== 'number' || !Number.isInteger(value)
            ? `${property} must be a whole number written in digits`
            : `${property} must not be ${value < minimum ? `less than ${minimum}` : `greater than ${maximum}`}`;
        },
      },
    }),
  );
}

/** An optional filter on the campaign action (专项行动) a case belongs to, 1–12. */
export function ActionNoQuery(): PropertyDecorator {
  return WholeNumberField(1, 12, { required: false, example: 5 });
}

/** How many rows a list returns at most (1 to `maximum`, `byDefault` when left out). */
export function PageLimitQuery(byDefault: number, maximum: number): PropertyDecorator {
  return WholeNumberField(1, maximum, { required: false, default: byDefault });
}

/**
 * The furthest a list may be paged: PostgreSQL's OFFSET takes a bigint, and no list of the campaign
 * comes near this many rows.
 */
export const MAX_PAGE_OFFSET = 1_000_000;

/** How many rows of a list to skip (0 to MAX_PAGE_OFFSET). */
export function PageOffsetQuery(): PropertyDecorator {
  return WholeNumberField(0, MAX_PAGE_OFFSET, { required: false, default: 0 });
}

/** Which page of a list (from 1), with pages of at most `largestPageSize` rows, up to MAX_PAGE_OFFSET. */
export function PageNumberQuery(largestPageSize: number): PropertyDecorator {
  const maximum = Math.floor(MAX_PAGE_OFFSET / largestPageSize) + 1;
  return WholeNumberField(1, maximum, { required: false, example: 1, default: 1 });
}

/** The longest `q=` a list accepts. */
export const SEARCH_MAX_LENGTH = 100;

/** A list's free-text filter `q`: rows where any searched column contains the text, case-insensitively. */
export function SearchQuery(example: string, description: string): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ example, description, maxLength: SEARCH_MAX_LENGTH }),
    IsOptional(),
    IsString(),
    MaxLength(SEARCH_MAX_LENGTH),
  );
}
