import { randomBytes } from 'node:crypto';
import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';

/** The per-response nonce that the console's index.html hands to antd for its runtime <style> tags. */
export const cspNonce = (res: Response): string => (res.locals as { cspNonce: string }).cspNonce;

const assignNonce: RequestHandler = (_req, res, next) => {
  (res.locals as { cspNonce: string }).cspNonce = randomBytes(16).toString('base64');
  next();
};

/**
 * Headers for every response (decision 0021). Scripts only from this origin, never inline; styles from
 * this origin plus the <style> tags that carry this response's nonce (antd's CSS-in-JS inserts them at
 * run time and stamps them with the nonce given to its ConfigProvider). Style attributes stay blocked:
 * React and ECharts set styles through the CSSOM, which CSP does not govern. No framing at all.
 */
const helmetHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // 'report-sample': a refusal names the start of what was refused, so it can be traced.
      styleSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res as Response)}'`, "'report-sample'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
  // Sent only over TLS (below): over plain HTTP a browser ignores it, and local use must stay reachable.
  strictTransportSecurity: false,
});

const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });

/** HSTS only on requests that arrived over TLS (`req.secure`, which honours Express's `trust proxy`). */
export const hstsOverTls: RequestHandler = (req: Request, res: Response, next: NextFunction) =>
  req.secure ? hsts(req, res, next) : next();

export const securityHeaders: RequestHandler[] = [assignNonce, helmetHeaders, hstsOverTls];
