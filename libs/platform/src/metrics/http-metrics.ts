import { type Server } from 'node:http';
import { type NextFunction, type Request, type Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { serveMetrics } from './serve-metrics.js';

/** Prometheus metrics of the HTTP edge: latency and counts by route template and status. */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'duban_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'duban_http_requests_total',
    help: 'HTTP requests by route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Express middleware; the route template (not the raw URL) keeps ids out of label values. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.duration.startTimer();
      res.on('finish', () => {
        const route = (req.route as { path?: string } | undefined)?.path;
        const labels = {
          method: req.method,
          route: route ? `${req.baseUrl}${route}` : 'unmatched',
          status: String(res.statusCode),
        };
        end(labels);
        this.requests.inc(labels);
      });
      next();
    };
  }

  /** Serves /metrics on its own port, kept off the public API so scrapers need no user token. */
  listen(port: number, host: string): Promise<Server> {
    return serveMetrics(this.registry, port, host);
  }
}
