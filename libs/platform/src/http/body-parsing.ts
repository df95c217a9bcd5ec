import { jsonNestsDeeperThan } from './json-depth.js';

/** Body-parser error type of a JSON body nested deeper than MAX_JSON_DEPTH (mapped to a problem code). */
export const JSON_TOO_DEEP = 'entity.too.deep';

/** No request of this API nests anywhere near this deep; a body that does is refused before parsing. */
export const MAX_JSON_DEPTH = 32;

/** An error body-parser passes on with this status and `type` (it honours both). */
function parserError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/**
 * Options of the JSON body parser: the size limit, and a check of the raw text before it is parsed.
 * JSON exchanged between systems is UTF-8 (RFC 8259 §8.1), so the depth is counted on that text.
 */
export function jsonBodyOptions(limit: string) {
  return {
    limit,
    verify: (_req: unknown, _res: unknown, body: Buffer, encoding: string | null) => {
      if (encoding !== null && encoding.toLowerCase() !== 'utf-8') {
        throw parserError(415, 'charset.unsupported', `unsupported charset "${encoding}": JSON is UTF-8`);
      }
      if (jsonNestsDeeperThan(body.toString('utf8'), MAX_JSON_DEPTH)) {
        throw parserError(400, JSON_TOO_DEEP, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
    },
  };
}
