import { type Request } from 'express';

/** The route template a request matched (`/cards/:id/lift`): ids stay in params, never in what is kept. */
export function routeTemplate(request: Request): string {
  return `${request.baseUrl}${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
}
