import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { verifyDossierFile } from '../../libs/audit/src/cli/audit-verify.command.js';
import { CaseDocumentSources } from '../../libs/audit/src/case-document-sources.js';
import { HistoryArchive } from '../../libs/audit/src/history-archive.service.js';
import { DailyChainKind, dailyChainId } from '../../libs/ledger/src/daily-chain.js';
import { LedgerEntryEntity } from '../../libs/ledger/src/ledger-entry.entity.js';
import { eventually } from '../helpers/eventually.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

describe('auditors replay case histories through the real API (docs/domain.md §3.6)', () => {
  let system: TestSystem;
  let auditor: string;
  let supervisor: string;
  let handler: string;
  let head: string;
  let closedId: string;
  let beforeRegistration: string;
  let afterAssignment: string;
  const dir = mkdtempSync(join(tmpdir(), 'duban-audit-'));

  const audit = (path: string, token = auditor) => system.request('GET', `/audit${path}`, { token });

  beforeAll(async () => {
    system = await TestSystem.start();
    auditor = await system.tokenFor('auditor.discipline');
    supervisor = await system.tokenFor('supervisor.fso');
    handler = await system.tokenFor('handler.amr');
    head = await system.tokenFor('head.amr');

    beforeRegistration = new Date(Date.now() - 1000).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const registered = await system.request('POST', '/risk-items', {
      token: handler,
      body: riskItemBody({ description: '审计回放测试：过期食品' }),
    });
    closedId = registered.body.id;
    const step = (path: string, token: string, body?: unknown) =>
      system.request('POST', `/risk-items/${closedId}/${path}`, { token, body });
    await step('assign', head, { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' });
    afterAssignment = new Date().toISOString();
    await step('start', handler);
    await step('submit', handler, { measures: '已下架并销毁', evidence: EVIDENCE });
    await step('verify', supervisor, { result: 'rejected', reason: '复查仍有过期食品' });
    await step('submit', handler, { measures: '再次清查', evidence: EVIDENCE });
    expect((await step('verify', supervisor, { result: 'accepted' })).body.status).toBe('closed');
    const handle = system.api.get(Client).workflow.getHandle(`risk-item/${closedId}`);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
  });
  afterAll(() => system.stop());

  it('merges the ledger and the workflow history into one paginated timeline', async () => {
    const res = await audit(`/cases/${closedId}/timeline?pageSize=200`);
    expect(res.status).toBe(200);
    const items: Array<{
      at: string;
      kind: string;
      source: string;
      actor: { userId: string };
      reason: string | null;
    }> = res.body.items;
    expect(res.body).toMatchObject({ caseId: closedId, caseType: 'risk-item', page: 1, total: items.length });
    expect(items.filter((e) => e.source === 'ledger')).toHaveLength(7);
    expect(items[0].kind).toBe('workflow-started');
    expect(items.at(-1)!.kind).toBe('workflow-closed');
    expect(items.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['update', 'notification', 'ledger-step']),
    );
    // Notices are written with their step's record: the inbox, not the history, shows them.
    expect(items).toContainEqual(
      expect.objectContaining({
        source: 'inbox',
        kind: 'notification',
        summary: expect.stringContaining('closed'),
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'ledger-step',
        reason: '复查仍有过期食品',
        actor: expect.objectContaining({ userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' }),
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        kind: 'update',
        source: 'temporal',
        reason: '复查仍有过期食品',
        actor: expect.objectContaining({ userId: 'supervisor.fso' }),
      }),
    );
    // The registering update (update-with-start) carries the actor itself.
    expect(items.find((e) => e.kind === 'update')).toMatchObject({
      kind: 'update',
      actor: { userId: 'handler.amr', role: 'handler', unitId: 'amr' },
    });
    const times = items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const page2 = await audit(`/cases/${closedId}/timeline?page=2&pageSize=5`);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 5, total: items.length });
    expect(page2.body.items).toEqual(items.slice(5, 10));
    expect((await audit(`/cases/${closedId}/timeline?pageSize=0`)).status).toBe(400);
  });

  it('shows the state as of a sequence or a moment, and what changed between two', async () => {
    const atTwo = await audit(`/cases/${closedId}/state?at=2`);
    expect(atTwo.status).toBe(200);
    expect(atTwo.body).toMatchObject({ sequence: 2, action: 'assign', state: { status: 'assigned' } });

    const atMoment = await audit(`/cases/${closedId}/state?at=${encodeURIComponent(afterAssignment)}`);
    expect(atMoment.body).toMatchObject({ sequence: 2, state: { status: 'assigned' } });

    const diff = await audit(`/cases/${closedId}/diff?from=1&to=${encodeURIComponent(afterAssignment)}`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toContainEqual({
      path: 'status',
      op: 'changed',
      before: 'registered',
      after: 'assigned',
    });
  });

  it('answers bad moments and unknown cases with clear 4xx problems', async () => {
    const before = await audit(`/cases/${closedId}/state?at=${encodeURIComponent(beforeRegistration)}`);
    expect(before.status).toBe(422);
    expect(before.body.type).toContain('audit.before-case-existed');
    expect(before.body.detail).toContain('before the case existed');

    const malformed = await audit(`/cases/${closedId}/state?at=yesterday`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toContain('audit.malformed-moment');

    expect((await audit(`/cases/${closedId}/state?at=99`)).body.type).toContain('audit.no-such-step');
    expect((await audit(`/cases/${closedId}/state`)).status).toBe(400);
    const unknown = await audit('/cases/FX-2020-999999/timeline');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toContain('audit.unknown-case');
    expect((await audit('/cases/bad%20id/timeline')).status).toBe(400);
  });

  it('replays the recorded history on the current code and reproduces the ledger', async () => {
    const res = await audit(`/cases/${closedId}/verify/replay`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseId: closedId,
      deterministic: true,
      reproduced: true,
      finalStateMatches: true,
      firstMismatch: null,
      replayedSteps: 7,
      ledgerEntries: 7,
    });
  });

  it('replays a colour card, its opening included: raised by a supervisor, answered by its unit', async () => {
    const raised = await system.request('POST', '/cards', {
      token: supervisor,
      body: { unitId: 'amr', reason: '审计回放测试：快检室建设滞后' },
    });
    expect(raised.status).toBe(201);
    const responded = await system.request('POST', `/cards/${raised.body.id}/respond`, {
      token: handler,
      body: { text: '书面整改方案：本月底前建成快检室' },
    });
    expect(responded.status).toBe(200);
    const res = await audit(`/cases/${raised.body.id}/verify/replay`);
    expect(res.body).toMatchObject({
      deterministic: true,
      reproduced: true,
      firstMismatch: null,
      replayedSteps: 2,
      ledgerEntries: 2,
    });
  });

  it('exports a dossier that the offline CLI verifies, and names what is wrong with altered ones', async () => {
    // A context that keeps documents outside the ledger contributes them through the registry.
    const report = {
      origin: 'inspection-reports',
      name: '复查报告.pdf',
      mediaType: 'application/pdf',
      size: 1024,
      sha256: 'cd'.repeat(32),
      sequence: null,
    };
    system.api
      .get(CaseDocumentSources)
      .register({ documentsOf: (_type, caseId) => Promise.resolve(caseId === closedId ? [report] : []) });
    const res = await audit(`/cases/${closedId}/dossier`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${closedId}.dossier.json"`);
    expect(res.body).toMatchObject({
      format: 'duban.audit.dossier/1',
      caseId: closedId,
      chainHead: { sequence: 7 },
    });
    expect(res.body.documents).toContainEqual(
      expect.objectContaining({ name: EVIDENCE[0].fileName, sha256: EVIDENCE[0].sha256, sequence: 4 }),
    );
    expect(res.body.documents).toContainEqual(report);
    const bundle = process.env.WORKFLOW_BUNDLE_PATH!;
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(res.body));
    const verified = await verifyDossierFile(good, bundle);
    expect(verified.lines.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(verified.ok).toBe(true);

    const tampered = structuredClone(res.body);
    tampered.ledger[2].reason = '改过的理由';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const tamperedResult = await verifyDossierFile(join(dir, 'tampered.json'), bundle);
    expect(tamperedResult.ok).toBe(false);
    expect(tamperedResult.lines).toContain(
      '✗ ledger chain broken at sequence 3: content does not match its hash (the entry was altered)',
    );

    const text = readFileSync(good, 'utf8');
    writeFileSync(join(dir, 'truncated.json'), text.slice(0, Math.floor(text.length / 2)));
    const truncated = await verifyDossierFile(join(dir, 'truncated.json'), bundle);
    expect(truncated.ok).toBe(false);
    expect(truncated.lines[0]).toMatch(/^✗ the file is not complete JSON \(truncated or corrupted\)/);

    const shortened = { ...res.body, ledger: res.body.ledger.slice(0, 6) };
    writeFileSync(join(dir, 'shortened.json'), JSON.stringify(shortened));
    const shortenedResult = await verifyDossierFile(join(dir, 'shortened.json'), bundle);
    expect(shortenedResult.ok).toBe(false);
    expect(shortenedResult.lines.join('\n')).toContain('the ledger ends at sequence 6');
    expect(shortenedResult.lines.join('\n')).toContain('entries are missing or were replaced');

    // Cut consistently (head moved back too), the ledger still lacks a step the recorded history replays.
    const recut = { ...shortened, chainHead: { sequence: 6, hash: res.body.ledger[5].hash } };
    writeFileSync(join(dir, 'recut.json'), JSON.stringify(recut));
    const recutResult = await verifyDossierFile(join(dir, 'recut.json'), bundle);
    expect(recutResult.ok).toBe(false);
    expect(recutResult.lines).toContain(
      '✗ replayed code disagrees with ledger step 7: the replayed code writes step 7 (accept), which is not on the ledger',
    );

    const documentAltered = structuredClone(res.body);
    const evidence = documentAltered.documents.find((d: { sequence: number | null }) => d.sequence !== null);
    const recorded: string = evidence.sha256;
    evidence.sha256 = '0'.repeat(64);
    writeFileSync(join(dir, 'document.json'), JSON.stringify(documentAltered));
    const documentResult = await verifyDossierFile(join(dir, 'document.json'), bundle);
    expect(documentResult.ok).toBe(false);
    expect(documentResult.lines.filter((l) => l.startsWith('✗'))).toEqual([
      `✗ document ${evidence.name} does not match ledger step ${evidence.sequence}: its sha256 is ` +
        `${'0'.repeat(64)}, the ledger records ${recorded}`,
    ]);

    const historyAltered = structuredClone(res.body);
    historyAltered.histories[0].history.events[0].eventTime = '2020-01-01T00:00:00Z';
    writeFileSync(join(dir, 'history.json'), JSON.stringify(historyAltered));
    const historyResult = await verifyDossierFile(join(dir, 'history.json'), bundle);
    expect(historyResult.lines).toContain(
      `✗ the history of run ${res.body.histories[0].runId} does not match its sha256 (it was altered)`,
    );
  });

  it('replays and exports from the archive once Temporal no longer has the history', async () => {
    const registered = await system.request('POST', '/risk-items', {
      token: handler,
      body: riskItemBody({ description: '审计归档测试' }),
    });
    const id: string = registered.body.id;
    await system.request('POST', `/risk-items/${id}/cancel`, {
      token: supervisor,
      body: { reason: '重复登记' },
    });
    const client = system.api.get(Client);
    const handle = client.workflow.getHandle(`risk-item/${id}`);
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'));
    const { runId } = await handle.describe();

    // The sweep finds the closed run through visibility (which may lag a little) and archives it once.
    const archive = system.api.get(HistoryArchive);
    const db = system.api.get(DataSource);
    await eventually(async () => {
      await archive.sweep();
      const rows = await db.query(`SELECT status FROM workflow_history_archive WHERE run_id = $1`, [runId]);
      expect(rows).toEqual([{ status: 'completed' }]);
    }, 20_000);

    await client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: `risk-item/${id}`, runId },
    });
    // Temporal deletes in the background; on a loaded two-core machine that has taken over 20 s.
    await eventually(() => expect(handle.fetchHistory()).rejects.toThrow(), 90_000);

    const replay = await audit(`/cases/${id}/verify/replay`);
    expect(replay.body).toMatchObject({ deterministic: true, reproduced: true });
    const dossier = await audit(`/cases/${id}/dossier`);
    expect(dossier.body.histories).toEqual([expect.objectContaining({ runId, source: 'archive' })]);
    writeFileSync(join(dir, 'archived.json'), JSON.stringify(dossier.body));
    expect((await verifyDossierFile(join(dir, 'archived.json'), process.env.WORKFLOW_BUNDLE_PATH!)).ok).toBe(
      true,
    );
    expect((await audit(`/cases/${id}/timeline`)).body.items[0].kind).toBe('workflow-started');
  }, 150_000);

  it("ledgers auditors' reads of case details on the day's access chain, and shows both daily chains", async () => {
    // Each request is found on its chain by its own id: other files write to the same chains at the same
    // moments, and a run may cross Beijing midnight (the chains are per day).
    const get = async (path: string, token: string) => {
      const requestId = `audit-read-${randomUUID()}`;
      const res = await system.request('GET', path, { token, headers: { 'x-request-id': requestId } });
      return { status: res.status, body: res.body, requestId };
    };
    const entriesOf = (requestId: string) =>
      system.api.get(DataSource).getRepository(LedgerEntryEntity).findBy({ requestId });
    /** The one entry a request left, and its day's chain as the audit route shows it. */
    const chainedEntryOf = async (requestId: string) => {
      const entries = await entriesOf(requestId);
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      const chain = await get(`/audit/chains/${entry.caseId}`, auditor);
      expect(chain).toMatchObject({ status: 200, body: { verdict: { intact: true } } });
      return { entry, chain: chain.body.entries as Array<{ requestId: string }>, chainRead: chain.requestId };
    };

    const byAuditor = await get(`/risk-items/${closedId}`, auditor);
    const bySupervisor = await get(`/risk-items/${closedId}`, supervisor);
    expect([byAuditor.status, bySupervisor.status]).toEqual([200, 200]);
    const read = await chainedEntryOf(byAuditor.requestId);
    expect(read.entry).toMatchObject({
      caseId: dailyChainId(DailyChainKind.Access, read.entry.occurredAt.toISOString()),
      action: 'GET /risk-items/:id',
      actorId: 'auditor.discipline',
      actorRole: 'auditor',
      stateAfter: { params: { id: closedId } },
    });
    expect(await entriesOf(bySupervisor.requestId)).toHaveLength(0);
    // Reading a chain is itself ledgered, after the list is read: the next read shows the first.
    const nextRead = await get(`/audit/chains/${read.entry.caseId}`, auditor);
    expect(nextRead.body.entries.map((e: { requestId: string }) => e.requestId)).toEqual(
      expect.arrayContaining([byAuditor.requestId, read.chainRead]),
    );
    expect((await chainedEntryOf(read.chainRead)).entry).toMatchObject({
      action: 'GET /audit/chains/:kind/:day',
    });

    // The decorator works the same on other contexts' detail routes (here a directive's).
    const directive = await system.request('POST', '/directives', {
      token: supervisor,
      body: { title: '审计抽查', body: '请配合', assigneeUnitId: 'agri' },
    });
    const directiveRead = await get(`/directives/${directive.body.id}/ledger`, auditor);
    expect(directiveRead.status).toBe(200);
    expect((await chainedEntryOf(directiveRead.requestId)).entry).toMatchObject({
      action: 'GET /directives/:id/ledger',
      stateAfter: { params: { id: directive.body.id } },
    });

    // Non-auditors are refused the audit endpoints, and the refusal is on the refused chain.
    const refused = await get(`/audit/cases/${closedId}/timeline`, supervisor);
    expect(refused.status).toBe(403);
    const refusal = await chainedEntryOf(refused.requestId);
    expect(refusal.entry).toMatchObject({
      caseId: dailyChainId(DailyChainKind.Refused, refusal.entry.occurredAt.toISOString()),
      action: 'GET /audit/cases/:caseId/timeline',
      actorId: 'supervisor.fso',
    });
    expect(refusal.chain.map((e) => e.requestId)).toContain(refused.requestId);
    expect((await audit('/chains/other/2026-11-28')).status).toBe(400);
  });

  it('reads a chain no workflow wrote (reporting-cycles) from the ledger alone, and says it has nothing to replay', async () => {
    const triggered = await system.request('POST', '/reporting/schedules/monthly-dispatch/trigger', {
      token: supervisor,
      body: { reason: '审计测试：手动运行月调度' },
    });
    expect(triggered.status).toBe(200);
    const steps = (await audit('/cases/reporting-cycles/verify/ledger')).body.entries as number;

    const timeline = await audit('/cases/reporting-cycles/timeline?pageSize=200');
    expect(timeline.status).toBe(200);
    expect(timeline.body).toMatchObject({ caseId: 'reporting-cycles', caseType: 'reporting-cycle-run' });
    const items: Array<{ source: string; reason: string | null }> = timeline.body.items;
    expect(items.every((item) => item.source === 'ledger')).toBe(true);
    expect(timeline.body.total).toBe(steps);
    expect(items).toContainEqual(expect.objectContaining({ reason: '审计测试：手动运行月调度' }));

    const dossier = await audit('/cases/reporting-cycles/dossier');
    expect(dossier.status).toBe(200);
    expect(dossier.body).toMatchObject({ caseId: 'reporting-cycles', histories: [] });
    expect(dossier.body.ledger).toHaveLength(steps);
    const file = join(dir, 'reporting-cycles.dossier.json');
    writeFileSync(file, JSON.stringify(dossier.body));
    const verified = await verifyDossierFile(
      file,
      process.env.WORKFLOW_BUNDLE_PATH ?? 'dist/workflow-bundle.js',
    );
    expect(verified.lines).toContain(
      '✓ no workflow ran reporting-cycles: its steps were recorded directly, there is nothing to replay',
    );
    expect(verified.ok).toBe(true);

    const replay = await audit('/cases/reporting-cycles/verify/replay');
    expect(replay.status).toBe(422);
    expect(replay.body.type).toContain('audit.no-workflow');
    expect(replay.body.detail).toContain('nothing to replay');
  });

  it('documents the audit routes and their answers in OpenAPI', async () => {
    const doc = (await system.request('GET', '/docs/openapi.json')).body;
    const timeline = doc.paths['/audit/cases/{caseId}/timeline'].get;
    expect(timeline.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CaseTimelineView',
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/audit/cases/{caseId}/state',
        '/audit/cases/{caseId}/diff',
        '/audit/cases/{caseId}/verify/replay',
        '/audit/cases/{caseId}/verify/ledger',
        '/audit/cases/{caseId}/dossier',
        '/audit/ledger/verify',
        '/audit/chains/{kind}/{day}',
      ]),
    );
  });

  it('finds a row altered behind the append-only guard, in the case and in the period', async () => {
    const registered = await system.request('POST', '/risk-items', {
      token: handler,
      body: riskItemBody({ description: '审计篡改测试' }),
    });
    const id: string = registered.body.id;
    await system.request('POST', `/risk-items/${id}/assign`, {
      token: head,
      body: { responsibleUnitId: 'amr', responsibleUserId: 'handler.amr' },
    });
    expect((await audit(`/cases/${id}/verify/ledger`)).body).toMatchObject({ intact: true, entries: 2 });

    await system.api.get(DataSource).transaction(async (tx) => {
      // A database superuser can switch triggers off: the hash chain still gives the edit away.
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE ledger_entry SET reason = '补登' WHERE case_id = $1 AND sequence = 2`, [id]);
    });

    const verdict = await audit(`/cases/${id}/verify/ledger`);
    expect(verdict.body).toMatchObject({
      caseId: id,
      intact: false,
      brokenAt: 2,
      reason: 'content does not match its hash (the entry was altered)',
    });
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const period = await audit(`/ledger/verify?from=${from}&to=${to}`);
    expect(period.body).toMatchObject({ intact: false });
    expect(period.body.casesChecked).toBeGreaterThanOrEqual(3);
    expect(period.body.broken).toContainEqual({ caseId: id, brokenAt: 2, reason: verdict.body.reason });
    expect((await audit(`/ledger/verify?from=${to}&to=${from}`)).status).toBe(422);
  });
});
