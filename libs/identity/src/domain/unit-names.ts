import { maxLength } from 'class-validator';
import { controlCharacterProblem, INVISIBLE_CHARACTERS } from '../../../platform/src/http/text-fields.js';

/**
 * The longest names of a unit, in characters as class-validator's MaxLength counts them: code points
 * (an emoji outside the BMP is one, not two UTF-16 units), a variation selector after a character not
 * counted. One definition for `POST /units`, `PATCH /units/:id` and an import's lines.
 */
export const UNIT_NAME_MAX_LENGTH = { nameZh: 100, nameEn: 200 } as const;

export type UnitNameField = keyof typeof UNIT_NAME_MAX_LENGTH;

/**
 * Whether a name is over its limit, by the very count of the requests' MaxLength (class-validator's own
 * `maxLength`), so an import refuses no name `POST /units` took.
 */
export const unitNameTooLong = (field: UnitNameField, name: string): boolean =>
  !maxLength(name, UNIT_NAME_MAX_LENGTH[field]);

/** A name as it is stored, whichever door it came by: without white space before or after it. */
export const tidyUnitName = (name: string): string => name.trim();

/**
 * U+FFFD stands where bytes could not be read as text: a list saved as GBK (Excel's "CSV" on a Chinese
 * Windows) and read as UTF-8 turns every Chinese name into it. No real name holds one.
 */
const REPLACEMENT = '\uFFFD';

export const UNIT_NAME_GARBLED_MESSAGE =
  'contains U+FFFD, the mark of text read in the wrong encoding: save the file as UTF-8';

/** What is wrong with a name beyond blank and length (those are the field rules'), or undefined. */
export function unitNameProblem(name: string): string | undefined {
  return (
    controlCharacterProblem(name) ?? (name.includes(REPLACEMENT) ? UNIT_NAME_GARBLED_MESSAGE : undefined)
  );
}

const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`, 'gu');

/**
 * The name as it reads, for telling whether two units in use share it: NFKC (a full-width letter or
 * digit is its plain form), with every invisible character the "not blank" rule knows removed, inside
 * too (`市场\u200b监管局`, `市场监管局\u3000`, `同 名` all read as the name without them).
 */
export const unitNameKey = (name: string): string => name.normalize('NFKC').replace(INVISIBLE, '');

/** A name another unit in use has: the field message names that unit as an official knows it, and its code. */
export const nameInUseMessage = (other: { id: string; nameZh: string }): string =>
  `is also the name of unit ${other.id} (${other.nameZh})`;
