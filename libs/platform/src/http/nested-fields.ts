import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { stacked } from './query-decorators.js';

type Constructor = new () => object;

/**
 * One nested object. ValidateNested alone also accepts an array (it validates each element), so
 * `"business": []` or `[{…}]` would pass and fail later; IsObject refuses arrays and scalars first.
 */
export function NestedObject(type: () => Constructor): PropertyDecorator {
  return stacked(IsObject(), ValidateNested(), Type(type));
}

/** A list of nested objects, at most `maxItems`; a lone object where the list belongs is refused. */
export function NestedArray(type: () => Constructor, maxItems: number): PropertyDecorator {
  return stacked(
    IsArray(),
    ArrayMaxSize(maxItems),
    ValidateNested({ each: true }),
    IsObject({ each: true }),
    Type(type),
  );
}
