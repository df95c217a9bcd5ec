import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { DrillAbort, keyedStep, newKeyedSteps, retriedSummary } from '../../../scripts/drill-kit.js';

/** A receiver that answers each request with the next of `answers`, and remembers what it was sent. */
async function receiver(answers: Array<{ status: number; body: unknown }>) {
  const seen: Array<{ key: string | undefined; body: string }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const busy = { status: 503, body: { code: 'engine.busy' } };

describe('keyedStep (the drills take a step as the console does)', () => {
  it('sends a step again under the same key and body while the engine is busy, and times the whole wait', async () => {
    const api = await receiver([
      busy,
      { status: 409, body: { code: 'idempotency.in-progress' } },
      { status: 200, body: { id: 'R-1' } },
    ]);
    try {
      const steps = newKeyedSteps();
      const answered = await keyedStep(api.url, 'token', '/risk-items/R-1/replan', { reason: '调整' }, steps);

      expect(answered.body).toEqual({ id: 'R-1' });
      expect(api.seen).toHaveLength(3);
      expect(new Set(api.seen.map((request) => request.key)).size).toBe(1);
      expect(api.seen[0].key).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(api.seen.map((request) => request.body))).toEqual(
        new Set([JSON.stringify({ reason: '调整' })]),
      );
      expect(steps.attempts).toBe(3);
      expect(retriedSummary(steps)).toBe('503 × 1, 409 key still in progress × 1');
      expect(steps.slowest).toEqual({ path: '/risk-items/R-1/replan', ms: answered.ms, tries: 3 });
      // The two pauses between the three requests are part of what the person waits.
      expect(answered.ms).toBeGreaterThanOrEqual(250 + 500);
    } finally {
      await api.close();
    }
  });

  it('takes any other refusal as final, and says what it was', async () => {
    const api = await receiver([{ status: 409, body: { code: 'risk-item.closed' } }]);
    try {
      const steps = newKeyedSteps();
      await expect(keyedStep(api.url, 'token', '/risk-items/R-1/replan', {}, steps)).rejects.toThrow(
        new DrillAbort(
          'POST /risk-items/R-1/replan answered 409 (after 1 tries): {"code":"risk-item.closed"}',
        ),
      );
      expect(api.seen).toHaveLength(1);
      expect(retriedSummary(steps)).toBe('none');
    } finally {
      await api.close();
    }
  });
});
