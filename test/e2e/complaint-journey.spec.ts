import fs from 'node:fs';
import { randomBytes, randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { FileKeyEncryptionKeys } from '../../libs/complaints/src/sealing/key-encryption-keys.js';
import { SealedIdentities } from '../../libs/complaints/src/sealing/sealed-identities.service.js';
import { eventually } from '../helpers/eventually.js';
import { TestSystem } from '../helpers/test-system.js';

/** Unique to this file, so finding them anywhere can only mean a leak of this reporter's identity. */
const NAME = '欧阳晓岚测';
const PHONE = `139${String(randomInt(10_000_000, 99_999_999))}`;
const ID_NUMBER = '110101199003070011';
const CREDIT_CODE = '91350100M000100Y43';
const EVIDENCE = {
  // A file name that names the reporter: the record must not keep it.
  fileName: `${NAME}拍的后厨.jpg`,
  mediaType: 'image/jpeg',
  size: 482_113,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};
const TARGET_BUSINESS = {
  name: '武陟县示例食品经营部',
  creditCode: CREDIT_CODE,
  address: '示例镇建设路88号',
  townshipId: 'township-sample-1',
};

/** Everything written to stdout/stderr (pino, Nest) and through the Temporal runtime logger while capturing. */
class LogCapture {
  readonly lines: string[] = [];
  private restore: Array<() => void> = [];

  start(): void {
    const capture = (chunk: unknown) =>
      this.lines.push(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    const patch = <T extends object, K extends keyof T>(target: T, key: K, replacement: T[K]) => {
      const original = target[key];
      target[key] = replacement;
      this.restore.push(() => (target[key] = original));
    };
    // pino writes to file descriptors 1 and 2 directly (sonic-boom), not through process.stdout.
    const writeSync = fs.writeSync;
    patch(fs, 'writeSync', (fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) {
        capture(data);
        return Buffer.byteLength(Buffer.isBuffer(data) ? data : String(data));
      }
      return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
    });
    const write = fs.write;
    patch(fs, 'write', ((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 1 || fd === 2) {
        capture(data);
        const callback = rest.find((r) => typeof r === 'function') as
          ((...args: unknown[]) => void) | undefined;
        callback?.(null, Buffer.byteLength(Buffer.isBuffer(data) ? data : String(data)));
        return;
      }
      return (write as (...args: unknown[]) => void)(fd, data, ...rest);
    }) as typeof fs.write);
    for (const stream of [process.stdout, process.stderr]) {
      patch(stream, 'write', (chunk: unknown) => {
        capture(chunk);
        return true;
      });
    }
    // Workflow and worker logs go through the Temporal runtime's logger, whatever its level.
    const logger = Runtime.instance().logger;
    const log = logger.log.bind(logger);
    patch(logger, 'log', ((level: string, message: string, meta?: Record<string, unknown>) => {
      capture(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
      log(level as never, message, meta);
    }) as typeof logger.log);
  }

  stop(): void {
    for (const undo of this.restore.reverse()) undo();
    this.restore = [];
  }
}

/** A webhook receiver that keeps every payload. */
async function startReceiver(): Promise<{ server: Server; url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/complaints`, bodies };
}

describe('complaints and reports (投诉举报) through the real API: intake, sealing, clocks’ steps, rewards', () => {
  let system: TestSystem;
  let db: DataSource;
  let handler: string;
  let head: string;
  let supervisor: string;
  let admin: string;
  let auditor: string;
  let otherHandler: string;
  const logs = new LogCapture();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let webhookId: string;
  const INTAKE_LIMIT = 8;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    process.env.COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR = String(INTAKE_LIMIT);
    process.env.COMPLAINT_FAILED_SECRETS_PER_RECEIPT_PER_HOUR = '3';
    process.env.COMPLAINT_EVIDENCE_MAX_BYTES = '1000000';
    // Captured from the start, and kept off the test output, until the end.
    logs.start();
    system = await TestSystem.start();
    db = system.api.get(DataSource);
    [handler, head, supervisor, admin, auditor, otherHandler] = await Promise.all(
      ['handler.amr', 'head.amr', 'supervisor.fso', 'admin.fso', 'auditor.discipline', 'handler.agri'].map(
        (id) => system.tokenFor(id),
      ),
    );
    receiver = await startReceiver();
    const hook = await system.request('POST', '/webhooks', {
      token: admin,
      body: {
        name: 'e2e-complaints',
        url: receiver.url,
        secret: 'e2e-complaints-secret-0123456789abcdef',
        unitId: 'amr',
      },
    });
    expect(hook.status).toBe(201);
    webhookId = hook.body.id;
  });
  afterAll(async () => {
    logs.stop();
    await system.request('POST', `/webhooks/${webhookId}/deactivate`, {
      token: admin,
      body: { reason: '测试结束' },
    });
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    await system.stop();
    delete process.env.COMPLAINT_INTAKE_PER_ADDRESS_PER_HOUR;
    delete process.env.COMPLAINT_FAILED_SECRETS_PER_RECEIPT_PER_HOUR;
    delete process.env.COMPLAINT_EVIDENCE_MAX_BYTES;
    process.env.LOG_LEVEL = 'warn';
  });

  const post = (
    path: string,
    token: string | undefined,
    body: unknown = {},
    headers?: Record<string, string>,
  ) => system.request('POST', path, { token, body, headers });
  const get = (path: string, token: string) => system.request('GET', path, { token });
  const intake = (overrides: Record<string, unknown> = {}) =>
    post('/public/complaints', undefined, {
      category: 'report',
      business: { name: '城关镇路口烧烤摊' },
      what: '后厨使用过期食材，地面有鼠迹',
      occurredOn: '2026-11-20',
      place: '店铺后厨',
      evidence: [EVIDENCE],
      anonymous: true,
      insider: false,
      ...overrides,
    });
  /** The case number behind a receipt (the reporter never learns it; case workers find it in the list). */
  const caseOf = async (receiptCode: string): Promise<string> =>
    (await db.query(`SELECT complaint_id FROM complaint_receipt WHERE receipt_code = $1`, [receiptCode]))[0]
      .complaint_id;

  it('runs a named insider’s report end to end and never lets the identity out but through the audited reveal', async () => {
    const filed = await intake({
      anonymous: false,
      reporter: { name: NAME, phone: PHONE, idNumber: ID_NUMBER, contact: `微信 ${PHONE}` },
      insider: true,
      employer: '城关镇路口烧烤摊',
    });
    expect(filed.status).toBe(201);
    expect(filed.headers.get('location')).toBe('/public/complaints/status');
    const receipt = { receiptCode: filed.body.receiptCode, secret: filed.body.secret };
    expect(JSON.stringify(filed.body)).not.toContain(NAME);
    const id = await caseOf(receipt.receiptCode);

    // Case workers see a pseudonym and the clock with its basis; another unit sees nothing.
    const seen = await get(`/complaints/${id}`, handler);
    expect(seen.status).toBe(200);
    expect(seen.body.pseudonym).toMatch(/^举报人-/);
    expect(seen.body.evidence[0].fileName).toBe('evidence-1.jpg');
    expect(seen.body.clocks[0]).toMatchObject({
      clock: 'verification',
      basis: 'A art. 18',
      basisZh: '《市场监督管理行政处罚程序规定》第十八条',
    });
    expect(JSON.stringify(seen.body)).not.toContain(NAME);
    expect((await get(`/complaints/${id}`, otherHandler)).status).toBe(404);

    // A question and the reporter's answer, with receipt code and secret only.
    await post(`/complaints/${id}/questions`, handler, { question: '请问一般是几点看到的？' });
    const status = await post('/public/complaints/status', undefined, receipt);
    expect(status.status).toBe(200);
    expect(Object.keys(status.body).sort()).toEqual([
      'category',
      'outcome',
      'questions',
      'receivedAt',
      'reward',
      'status',
    ]);
    expect(status.body.questions[0]).toMatchObject({ id: 1, answer: null });
    const answered = await post('/public/complaints/answers', undefined, {
      ...receipt,
      questionId: 1,
      answer: '每晚十点以后',
    });
    expect(answered.body.questions[0].answer).toBe('每晚十点以后');

    // Reveal: a designated role with a reason, a second person's approval, once, ledgered, auditors told.
    expect((await post(`/complaints/${id}/reveal-requests`, handler, { reason: '需当面核实' })).status).toBe(
      403,
    );
    const requested = await post(`/complaints/${id}/reveal-requests`, head, { reason: '需当面核实举报细节' });
    expect(requested.status).toBe(200);
    expect((await post(`/complaints/${id}/reveal-requests/1/reveal`, head)).body.code).toBe(
      'complaint.reveal-not-approved',
    );
    const selfApproved = await post(`/complaints/${id}/reveal-requests/1/approve`, head);
    expect(selfApproved.status).toBe(403);
    expect((await post(`/complaints/${id}/reveal-requests/1/approve`, supervisor)).status).toBe(200);
    const replayable = await post(
      `/complaints/${id}/reveal-requests/1/reveal`,
      head,
      {},
      { 'Idempotency-Key': 'reveal-1' },
    );
    expect(replayable).toMatchObject({ status: 400, body: { code: 'idempotency.not-replayable' } });
    expect((await post(`/complaints/${id}/reveal-requests/1/reveal`, supervisor)).status).toBe(403);
    const revealed = await post(`/complaints/${id}/reveal-requests/1/reveal`, head);
    expect(revealed.status).toBe(200);
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    expect(revealed.body.identity).toEqual({
      name: NAME,
      phone: PHONE,
      idNumber: ID_NUMBER,
      contact: `微信 ${PHONE}`,
    });
    expect((await post(`/complaints/${id}/reveal-requests/1/reveal`, head)).status).toBe(409);
    await eventually(async () => {
      const inbox = await get('/me/notifications', auditor);
      expect(JSON.stringify(inbox.body)).toContain(`举报人身份已查看 ${id}`);
    });

    // The outcome: a risk item, registered and linked; the named reporter is told; retaliation watched.
    const decided = await post(`/complaints/${id}/decision`, handler, {
      outcome: 'risk-item',
      substantiated: true,
      reason: '现场核查属实',
      riskItem: { business: TARGET_BUSINESS, grade: 'major', description: '后厨使用过期食材' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: { kind: 'risk-item', substantiated: true },
    });
    const riskItemId: string = decided.body.outcome.ref;
    const item = await get(`/risk-items/${riskItemId}`, handler);
    expect(item.body).toMatchObject({ source: 'whistleblower', description: expect.stringContaining(id) });
    expect(decided.body.clocks.find((c: { clock: string }) => c.clock === 'outcome-notice')).toMatchObject({
      basis: 'C art. 31',
      stoppedAt: null,
    });
    expect((await post(`/complaints/${id}/inform`, handler)).body.status).toBe('concluded');
    const retaliation = await post(`/complaints/${id}/retaliation`, handler, {
      kind: 'dismissal',
      description: '举报后被以工作失误为由辞退',
      occurredOn: '2026-11-25',
    });
    expect(retaliation.status).toBe(200);
    await eventually(async () => {
      const cards = await get(`/cards?unitId=amr&q=${id}`, supervisor);
      expect(cards.body.items.map((c: { subject: { type: string } }) => c.subject.type)).toContain(
        'whistleblower-retaliation',
      );
    }, 20_000);
    // The case shows what was recorded and the card it raised.
    const watched = await get(`/complaints/${id}`, handler);
    expect(watched.body.retaliation).toEqual([
      expect.objectContaining({ kind: 'dismissal', occurredOn: '2026-11-25', recordedBy: 'handler.amr' }),
    ]);
    expect(watched.body.retaliationCards).toEqual([
      { id: expect.stringMatching(/^KP-\d{4}-\d{6}$/), status: 'open', raisedAt: expect.any(String) },
    ]);
    await eventually(() => expect(receiver.bodies.length).toBeGreaterThan(0), 20_000);
    // Everything the journey wrote has settled before the search.
    await eventually(async () => {
      const [row] = await db.query(`SELECT count(*)::int AS n FROM ledger_entry WHERE case_id = $1`, [id]);
      expect(row.n).toBe((await get(`/complaints/${id}`, handler)).body.sequence);
    });
    const logged = logs.lines.join('\n');

    const leaks = (where: string, text: string) =>
      [NAME, PHONE, ID_NUMBER]
        .filter((secret) => text.includes(secret))
        .map((secret) => `${where}: ${secret}`);
    const found: string[] = [];
    const controls: string[] = [];
    expect(logs.lines.length).toBeGreaterThan(10);
    expect(logged).toContain('/public/complaints');
    expect(logged).toContain('recording complaint step');
    found.push(...leaks('logs', logged));
    found.push(
      ...leaks(
        'ledger',
        JSON.stringify(await db.query(`SELECT * FROM ledger_entry WHERE case_id = $1`, [id])),
      ),
    );
    found.push(...leaks('webhooks', receiver.bodies.join('\n')));
    found.push(
      ...leaks('timeline', JSON.stringify((await get(`/complaints/${id}/timeline`, supervisor)).body)),
    );
    found.push(
      ...leaks(
        'figures',
        JSON.stringify(
          (await get('/complaints/figures?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z', supervisor))
            .body,
        ),
      ),
    );
    // Search attributes, memos and the workflow history itself.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection });
      const handle = client.workflow.getHandle(`complaint/${id}`);
      const description = await handle.describe();
      found.push(...leaks('search attributes', JSON.stringify(description.typedSearchAttributes)));
      found.push(...leaks('memo', JSON.stringify(description.memo ?? {})));
      found.push(...leaks('history', JSON.stringify(await handle.fetchHistory())));
    } finally {
      await connection.close();
    }
    // A dump of every text, json and byte column of every table (bytea read as text too).
    const columns: Array<{ table_name: string; column_name: string; data_type: string }> = await db.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea', 'ARRAY')`,
    );
    expect(columns.some((c) => c.table_name === 'complaint_identity')).toBe(true);
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      const rows: Array<{ v: string | Buffer | null }> = await db.query(
        `SELECT ${type === 'bytea' ? column : `${column}::text`} AS v FROM "${table}"`,
      );
      // Bytes are searched as bytes: the UTF-8 of the name or phone must not be in any of them either.
      const text = rows.map((r) => (Buffer.isBuffer(r.v) ? r.v.toString('latin1') : (r.v ?? ''))).join('\n');
      const utf8 = (secret: string) =>
        type === 'bytea' ? Buffer.from(secret, 'utf8').toString('latin1') : secret;
      for (const secret of [NAME, PHONE, ID_NUMBER]) {
        if (text.includes(utf8(secret))) found.push(`${table}.${column}: ${secret}`);
      }
      // The search does find what is there: the reporter's answer is in the case's state.
      if (text.includes(utf8('每晚十点以后'))) controls.push(`${table}.${column}`);
    }
    expect(controls).toContain('complaint.state');
    expect(found).toEqual([]);
  }, 120_000);

  it('takes an anonymous report to a risk item and a reward the reporter claims with receipt code and secret', async () => {
    const filed = await intake({ business: { name: '某某食品有限公司', creditCode: CREDIT_CODE } });
    expect(filed.status).toBe(201);
    const receipt = { receiptCode: filed.body.receiptCode, secret: filed.body.secret };
    const id = await caseOf(receipt.receiptCode);

    const decided = await post(`/complaints/${id}/decision`, handler, {
      outcome: 'risk-item',
      substantiated: true,
      reason: '属实',
      riskItem: { business: TARGET_BUSINESS, grade: 'general', description: '超范围经营' },
    });
    // Anonymous: nobody to tell, so the decision concludes it.
    expect(decided.body).toMatchObject({ status: 'concluded', outcome: { kind: 'risk-item' } });
    expect((await get(`/risk-items/${decided.body.outcome.ref}`, handler)).body.source).toBe('complaint');
    // Verified and traceable: a reward may be proposed; the facts the proposal declares decide the rest.
    expect((await get(`/complaints/${id}`, handler)).body.allowedSteps).toContain('propose-reward');

    const officer = await post(`/complaints/${id}/reward`, handler, {
      grade: 'second',
      basisFen: 20_000_000,
      reporters: 1,
      approvedAboveCap: false,
      officialOnDuty: true,
    });
    expect(officer).toMatchObject({ status: 422, body: { code: 'complaint.not-eligible' } });
    const proposed = await post(`/complaints/${id}/reward`, handler, {
      grade: 'second',
      basisFen: 20_000_000,
      reporters: 1,
      approvedAboveCap: false,
      officialOnDuty: false,
    });
    expect(proposed.body.reward).toMatchObject({
      status: 'proposed',
      amountFen: 600_000,
      explanation: '3% of ¥200,000.00 = ¥6,000.00 (W arts. 14–16)',
      explanationZh:
        '罚没款或涉案货值 ¥200,000.00 的 3% = ¥6,000.00（《市场监管领域重大违法行为举报奖励暂行办法》第十四条至第十六条）',
    });
    expect((await post(`/complaints/${id}/reward/approve`, handler)).status).toBe(403);
    expect((await post(`/complaints/${id}/reward/approve`, head)).body.reward.status).toBe('approved');

    const wrong = await post('/public/complaints/reward-claim', undefined, {
      ...receipt,
      secret: 'A'.repeat(43),
    });
    expect(wrong).toMatchObject({ status: 404, body: { code: 'complaint.receipt-not-found' } });
    const claimed = await post('/public/complaints/reward-claim', undefined, receipt);
    expect(claimed.status).toBe(200);
    expect(claimed.body.reward).toEqual({ status: 'claimed', amountFen: 600_000 });
    const paid = await post(`/complaints/${id}/reward/payout`, handler, {
      payoutReference: 'CZ-2026-12-0042',
    });
    expect(paid.body).toMatchObject({ status: 'closed', reward: { status: 'paid' } });
    expect((await post('/public/complaints/status', undefined, receipt)).body).toMatchObject({
      status: 'closed',
      reward: { status: 'paid', amountFen: 600_000 },
    });

    // A second report about the same business is grouped with the first, and earns no reward.
    const repeat = await intake({ business: { name: '某某食品有限公司（分店）', creditCode: CREDIT_CODE } });
    const repeatId = await caseOf(repeat.body.receiptCode);
    const grouped = await get(`/complaints/${repeatId}`, handler);
    expect(grouped.body.sameBusiness.map((c: { id: string }) => c.id)).toContain(id);
    await post(`/complaints/${repeatId}/decision`, handler, {
      outcome: 'merged',
      ref: id,
      substantiated: true,
      reason: '与前案为同一违法行为',
    });
    const late = await post(`/complaints/${repeatId}/reward`, handler, {
      grade: 'third',
      basisFen: 0,
      reporters: 1,
      approvedAboveCap: false,
      officialOnDuty: false,
    });
    expect(late).toMatchObject({ status: 422, body: { code: 'complaint.not-eligible' } });
    expect(late.body.detail).toContain('earlier report');

    const figures = await get(
      '/complaints/figures?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&actionNo=6',
      supervisor,
    );
    const row = figures.body.rows.find((r: { unitId: string }) => r.unitId === 'amr');
    expect(row.rewardsPaid).toBeGreaterThanOrEqual(1);
    expect(row.converted).toBeGreaterThanOrEqual(2);
    expect(row.medianDaysToDecision).not.toBeNull();
  }, 60_000);

  it('lists open cases due soonest first, and offers each caller only the reveal steps it may take now', async () => {
    // Filed first but due sooner: a complaint is accepted within 7 working days, a report verified in 15.
    const complaint = await caseOf(
      (
        await intake({
          category: 'complaint',
          anonymous: false,
          reporter: { name: '司徒投诉测', phone: '13800138002' },
        })
      ).body.receiptCode,
    );
    const report = await caseOf((await intake()).body.receiptCode);
    const ids = async (query: string) =>
      ((await get(`/complaints?${query}&limit=200`, supervisor)).body.items as Array<{ id: string }>).map(
        (c) => c.id,
      );
    const newestFirst = await ids('open=true');
    expect(newestFirst.indexOf(report)).toBeLessThan(newestFirst.indexOf(complaint));
    const dueFirst = await ids('open=true&sort=dueAt');
    expect(dueFirst.indexOf(complaint)).toBeGreaterThanOrEqual(0);
    expect(dueFirst.indexOf(complaint)).toBeLessThan(dueFirst.indexOf(report));
    const closed = await ids('open=false');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.some((id) => dueFirst.includes(id))).toBe(false);

    // A handler may not ask for a reveal (policy): the API does not offer it. The head may; the
    // supervisor approves it, then only the head may take the reveal.
    const stepsOf = async (token: string) => {
      const { allowedSteps, revealSteps } = (await get(`/complaints/${complaint}`, token)).body;
      return { allowedSteps, revealSteps };
    };
    expect((await stepsOf(handler)).allowedSteps).not.toContain('request-reveal');
    expect((await stepsOf(head)).allowedSteps).toContain('request-reveal');
    expect((await post(`/complaints/${complaint}/reveal-requests`, head, { reason: '需核实' })).status).toBe(
      200,
    );
    expect((await stepsOf(head)).revealSteps).toEqual([]);
    expect((await stepsOf(supervisor)).revealSteps).toEqual([{ revealId: 1, step: 'approve-reveal' }]);
    expect((await post(`/complaints/${complaint}/reveal-requests/1/approve`, supervisor)).status).toBe(200);
    expect((await stepsOf(head)).revealSteps).toEqual([{ revealId: 1, step: 'reveal' }]);
    expect((await stepsOf(supervisor)).revealSteps).toEqual([]);

    // An anonymous report has no identity: no reveal is offered, and asking for one is refused.
    expect((await get(`/complaints/${report}`, head)).body.allowedSteps).not.toContain('request-reveal');
    expect(await post(`/complaints/${report}/reveal-requests`, head, { reason: '需核实' })).toMatchObject({
      status: 409,
      body: { code: 'complaint.anonymous' },
    });
    expect((await get(`/complaints/${report}`, head)).body.reveals).toEqual([]);
  });

  it('answers abusive input clearly: 400 for bad fields, 404 for a wrong secret, 429 past the limits', async () => {
    const tooBig = await intake({ evidence: [{ ...EVIDENCE, size: 2_000_000 }] });
    expect(tooBig).toMatchObject({ status: 400, body: { code: 'complaint.evidence-refused' } });
    expect(tooBig.body.errors[0].path).toBe('evidence[0].size');
    const executable = await intake({ evidence: [{ ...EVIDENCE, mediaType: 'application/x-msdownload' }] });
    expect(executable.status).toBe(400);
    const namedAnonymously = await intake({ reporter: { name: NAME, phone: PHONE } });
    expect(namedAnonymously).toMatchObject({ status: 400, body: { code: 'complaint.invalid' } });
    expect(JSON.stringify(namedAnonymously.body)).not.toContain(PHONE);
    expect((await intake({ anonymous: false })).status).toBe(400);
    const ancient = await intake({ occurredOn: '1900-01-01' });
    expect(ancient.status).toBe(400);
    expect(ancient.body.errors).toEqual([
      {
        path: 'occurredOn',
        message:
          'occurredOn 1900-01-01 is before 2000-01-01: no case date is earlier (a date that old is a typo)',
      },
    ]);
    // A mistyped identity number (wrong check character) is named, and the number is not echoed back.
    const mistyped = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER.endsWith('1') ? '2' : '1'}`;
    const misread = await intake({
      anonymous: false,
      reporter: { name: NAME, phone: PHONE, idNumber: mistyped },
    });
    expect(misread.status).toBe(400);
    expect(misread.body.errors).toEqual([
      { path: 'reporter.idNumber', message: 'idNumber invalid check character; expected 1' },
    ]);
    expect(JSON.stringify(misread.body)).not.toContain(mistyped);
    expect((await intake({ insider: true })).body.errors[0].path).toBe('employer');
    expect(
      (await post('/public/complaints/status', undefined, { receiptCode: 'nope', secret: 'x' })).status,
    ).toBe(400);

    // Wrong secrets lock the receipt code (3 an hour here), even for the right secret afterwards.
    const filed = await intake();
    const receipt = { receiptCode: filed.body.receiptCode, secret: filed.body.secret };
    for (let i = 0; i < 3; i++) {
      expect(
        (await post('/public/complaints/status', undefined, { ...receipt, secret: 'B'.repeat(43) })).status,
      ).toBe(404);
    }
    const locked = await post('/public/complaints/status', undefined, receipt);
    expect(locked).toMatchObject({ status: 429, body: { code: 'complaint.rate-limited' } });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

    // Reports from one address: the limit, then 429 with Retry-After.
    const statuses: number[] = [];
    for (let i = 0; i < INTAKE_LIMIT + 1; i++) {
      const res = await intake();
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
  }, 60_000);

  it('rotates the key-encryption key: every data key is re-wrapped, identities open under the new key alone', async () => {
    expect((await post('/complaints/keys/rewrap', handler)).status).toBe(403);
    // Under the key in force nothing is left to re-wrap.
    expect((await post('/complaints/keys/rewrap', admin)).body).toEqual({ rewrapped: 0 });
    const [sealed] = await db.query(`SELECT complaint_id FROM complaint_identity LIMIT 1`);
    const current = JSON.parse(fs.readFileSync(process.env.COMPLAINT_KEY_FILE!, 'utf8')) as {
      current: string;
      keys: Record<string, string>;
    };
    const dir = fs.mkdtempSync(join(tmpdir(), 'duban-rotation-'));
    const rotatedFile = join(dir, 'rotated.json');
    const newKey = randomBytes(32).toString('base64');
    fs.writeFileSync(
      rotatedFile,
      JSON.stringify({ current: 'k-next', keys: { ...current.keys, 'k-next': newKey } }),
    );
    const retiredFile = join(dir, 'retired.json');
    fs.writeFileSync(retiredFile, JSON.stringify({ current: 'k-next', keys: { 'k-next': newKey } }));

    const rotated = new SealedIdentities(db, new FileKeyEncryptionKeys(rotatedFile));
    const count: number = (await db.query(`SELECT count(*)::int AS n FROM complaint_identity`))[0].n;
    expect(await rotated.rewrapAll()).toBe(count);
    expect(await db.query(`SELECT DISTINCT key_id FROM complaint_identity`)).toEqual([{ key_id: 'k-next' }]);
    const retired = new SealedIdentities(db, new FileKeyEncryptionKeys(retiredFile));
    expect((await retired.open(sealed.complaint_id))?.phone).toMatch(/^\d+$/);
    expect(await rotated.rewrapAll()).toBe(0);
  });
});
