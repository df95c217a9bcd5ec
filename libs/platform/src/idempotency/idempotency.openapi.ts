import { type OpenAPIObject, type ParameterObject } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency-key.js';

const PARAMETER_NAME = 'IdempotencyKey';

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first request with a key runs; a repeat with the same key and the same ' +
    `method, path and body gets the stored status and body back with \`${IDEMPOTENT_REPLAYED_HEADER}: true\` ` +
    'and runs nothing. Keys belong to the caller and are remembered for 24 hours. The same key with a ' +
    'different request → 422 `idempotency.key-reused`; a repeat while the first is still running → 409 ' +
    '`idempotency.in-progress` (a request holds its key for at most twice ENGINE_WAIT_SECONDS, 60 s by ' +
    'default, and frees or answers it as soon as the database does after an outage); a malformed key → ' +
    '400 `idempotency.invalid-key`. A 5xx is not stored.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,128}$', example: '9f1c0e7a-issue-directive' },
};

/**
 * Documents the header on every state-changing operation, as the interceptor honours it on all of
 * them; done on the document so that no route can forget a decorator.
 */
export function documentIdempotencyKey(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    parameters: { ...document.components?.parameters, [PARAMETER_NAME]: IDEMPOTENCY_KEY_PARAMETER },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = [
        ...(operation.parameters ?? []),
        { $ref: `#/components/parameters/${PARAMETER_NAME}` },
      ];
    }
  }
}
