import { type NextFunction, type Request, type Response } from 'express';

/** Media types under which a plan file may be sent as the raw request body. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * A plan sent as raw YAML (parsed to a string by the API's text body parser) becomes `{ yaml }`, so
 * both forms of POST /plan/versions go through the same DTO validation.
 */
export function wrapYamlBody(request: Request, _response: Response, next: NextFunction): void {
  if (typeof request.body === 'string') request.body = { yaml: request.body };
  next();
}
