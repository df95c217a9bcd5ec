import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, Min, MaxLength } from 'class-validator';

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

/** An optional filter on the campaign action (专项行动) a case belongs to, 1–12. */
export function ActionNoQuery(): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ example: 5 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(12),
  );
}

/** How many rows a list returns at most (1 to `maximum`, `byDefault` when left out). */
export function PageLimitQuery(byDefault: number, maximum: number): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ default: byDefault, minimum: 1, maximum }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(maximum),
  );
}

/**
 * The furthest a list may be paged. `Number` reads `1e19` as a whole number that PostgreSQL's bigint
 * OFFSET cannot hold; no list of the campaign comes near this many rows.
 */
export const MAX_PAGE_OFFSET = 1_000_000;

/** How many rows of a list to skip (0 to MAX_PAGE_OFFSET). */
export function PageOffsetQuery(): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ default: 0, maximum: MAX_PAGE_OFFSET }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_PAGE_OFFSET),
  );
}

/** Which page of a list (from 1), with pages of at most `largestPageSize` rows, up to MAX_PAGE_OFFSET. */
export function PageNumberQuery(largestPageSize: number): PropertyDecorator {
  const maximum = Math.floor(MAX_PAGE_OFFSET / largestPageSize) + 1;
  return stacked(
    ApiPropertyOptional({ example: 1, minimum: 1, maximum, default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(maximum),
  );
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
