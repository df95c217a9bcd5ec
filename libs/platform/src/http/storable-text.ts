import { type FieldProblem } from '../errors/duban-error.js';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, and rejects a lone UTF-16 surrogate (`\ud800`) in
 * jsonb; the ledger's canonical JSON has no form for a non-finite number. Such values would fail on
 * every retry of the step that writes them, so they are refused at the edge, wherever they sit. So is a
 * character that overrides the direction of the text around it: stored, it would reverse what a page or
 * a printed notice shows after it (a business name turning its credit code around).
 */
export function unstorableValues(value: unknown, path = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ path, message: `${path || 'value'} ${problem}` }] : [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? [] : [{ path, message: `${path || 'value'} must be a finite number` }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableValues(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
      const keyProblem = textProblem(key);
      const childPath = path ? `${path}.${key}` : key;
      return keyProblem
        ? [{ path: childPath, message: `the name of ${childPath} ${keyProblem}` }]
        : unstorableValues(item, childPath);
    });
  }
  return [];
}

/** In Unicode mode a surrogate pair reads as one code point, so only a lone surrogate is Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): Chinese and Latin
 * text never needs them. The plain marks U+200E and U+200F change nothing beyond themselves, and stay.
 */
const DIRECTION_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

/**
 * What makes one text unstorable (`must not contain …`), or undefined: the rule above for a text that
 * reached Duban inside another (a YAML file's `"\0"` escape is a NUL only once the file is parsed).
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain a lone UTF-16 surrogate';
  if (DIRECTION_CONTROL.test(text)) return 'must not contain a text-direction control character';
  return undefined;
}

/**
 * The text as it can be stored, for records of what a caller sent that must be kept even when it was
 * refused (a refused action's path parameters): a NUL shows as the six characters `\u0000`, a lone
 * surrogate as U+FFFD.
 */
export function storableText(text: string): string {
  return text.replaceAll('\u0000', '\\u0000').replace(/\p{Cs}/gu, '\uFFFD');
}
