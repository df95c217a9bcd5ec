import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';
import { cspNonce } from './security-headers.js';

export const CONSOLE_PATH = '/console';
/** index.html carries this placeholder in a <meta name="csp-nonce">; each response gets its own nonce. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The web console (apps/console, built by Vite into `dir`) from the API's own origin: hashed assets
 * cached for good, and index.html for every other path under /console/ so that the client-side router
 * owns deep links. `/` leads to the console. Static files need no sign-in; the API behind them does.
 */
export function serveConsole(app: NestExpressApplication, dir: string): void {
  const root = resolve(dir);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.path === '/' || req.path === CONSOLE_PATH))
      return res.redirect(302, `${CONSOLE_PATH}/`);
    next();
  });
  app.useStaticAssets(join(root, 'assets'), {
    prefix: `${CONSOLE_PATH}/assets/`,
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    // A missing asset is a 404, not the page: only extension-less paths are routes of the console.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || extname(req.path) !== '') return next();
    readFile(join(root, 'index.html'), 'utf8').then(
      (html) => {
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send(html.replaceAll(NONCE_PLACEHOLDER, cspNonce(res)));
      },
      // Not built (npm run build builds it): Nest's own 404 problem answers.
      () => next(),
    );
  });
}
