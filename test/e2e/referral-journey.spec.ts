import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ReferralDocumentKind as D } from '../../libs/contracts/src/referral.contracts.js';
import { eventually } from '../helpers/eventually.js';
import { FULL_DOSSIER, referralDoc } from '../helpers/referral-fixtures.js';
import { EVIDENCE, riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

// Action 11 is used by no other e2e file, so the figures below are this file's alone.
const ACTION = 11;

describe('criminal referral (行刑衔接) between the regulator and the police, through the real API', () => {
  let system: TestSystem;
  let handler: string;
  let head: string;
  let police: string;
  let supervisor: string;
  let otherHandler: string;
  let auditor: string;
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    system = await TestSystem.start();
    handler = await system.tokenFor('handler.amr');
    head = await system.tokenFor('head.amr');
    police = await system.tokenFor('liaison.police');
    supervisor = await system.tokenFor('supervisor.fso');
    otherHandler = await system.tokenFor('handler.agri');
    auditor = await system.tokenFor('auditor.discipline');
  });
  afterAll(() => system.stop());

  const post = (path: string, token: string, body: unknown = {}) =>
    system.request('POST', path, { token, body });
  const get = (path: string, token: string) => system.request('GET', path, { token });

  /** A risk item of amr, submitted for verification and marked as meeting the criminal threshold. */
  const markedRiskItem = async (): Promise<string> => {
    const registered = await post('/risk-items', handler, riskItemBody({ actionNo: ACTION }));
    const id: string = registered.body.id;
    await post(`/risk-items/${id}/assign`, head, { responsibleUnitId: 'amr' });
    await post(`/risk-items/${id}/start`, handler);
    await post(`/risk-items/${id}/submit`, handler, { measures: '查封涉案产品', evidence: EVIDENCE });
    const marked = await post(`/risk-items/${id}/criminal-threshold`, handler, {
      reason: '检出非食用物质，涉嫌犯罪',
    });
    expect(marked.status).toBe(200);
    expect(marked.body.criminalThreshold).toMatchObject({ markedBy: 'handler.amr' });
    return id;
  };

  it('guards the risk item: no administrative close until a referral exists (以罚代刑)', async () => {
    const riskItemId = await markedRiskItem();
    const refused = await post(`/risk-items/${riskItemId}/verify`, supervisor, { result: 'accepted' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('risk-item.referral-required');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');

    const lead = await post('/referrals', handler, {
      source: 'risk-item',
      sourceRef: riskItemId,
      actionNo: ACTION,
      category: 'food-drug',
      summary: '疑似生产销售有毒有害食品',
    });
    expect(lead.status).toBe(201);
    expect(lead.body.id).toMatch(/^YS-\d{4}-\d{6}$/);
    await eventually(async () =>
      expect((await get(`/risk-items/${riskItemId}`, handler)).body.referral).toMatchObject({
        referralId: lead.body.id,
        status: 'recorded',
      }),
    );
    const closed = await post(`/risk-items/${riskItemId}/verify`, supervisor, { result: 'accepted' });
    expect(closed.body).toMatchObject({ status: 'closed', administrativeOnly: false });
    const flagged = await get(`/risk-items?criminalThreshold=true&actionNo=${ACTION}`, supervisor);
    expect(flagged.body.items.map((i: { id: string }) => i.id)).toContain(riskItemId);

    // A lead from someone else's risk item is refused.
    const foreign = await post('/referrals', otherHandler, {
      source: 'risk-item',
      sourceRef: riskItemId,
      actionNo: ACTION,
      category: 'food-drug',
      summary: 'x',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('referral.unknown-risk-item');
  });

  it('runs a referral from the lead to the handover, each side acting and seeing only its part', async () => {
    const lead = await post('/referrals', handler, {
      source: 'inspection',
      sourceRef: 'JC-2026-0117',
      actionNo: ACTION,
      category: 'food-drug',
      summary: '无证生产含违禁添加剂的卤制品',
    });
    const id: string = lead.body.id;
    expect(lead.body).toMatchObject({ status: 'lead-recorded', unitId: 'amr', allowedSteps: ['form-team'] });
    expect((await get(`/referrals/${id}`, police)).status).toBe(404);
    expect((await get(`/referrals/${id}`, otherHandler)).status).toBe(404);

    const badTeam = await post(`/referrals/${id}/team`, handler, {
      officers: ['handler.amr', 'handler.agri'],
    });
    expect(badTeam.status).toBe(400);
    expect(badTeam.body.errors[0].path).toBe('officers[1]');
    const team = await post(`/referrals/${id}/team`, handler, { officers: ['handler.amr', 'head.amr'] });
    expect(team.body.status).toBe('team-formed');
    const reported = await post(`/referrals/${id}/report`, handler, {
      document: referralDoc(D.WrittenReport),
    });
    // The team clock (立即, 24 h as the county reads it) ran from the lead and stopped at the team.
    expect(reported.body.clocks[0]).toMatchObject({
      clock: 'form-team',
      stoppedAt: expect.any(String),
      interpretation: { en: expect.stringContaining('immediately') },
    });
    const decisionClock = reported.body.clocks[1];
    expect(decisionClock).toMatchObject({
      clock: 'decision',
      party: 'regulator',
      basis: 'R art. 5',
      sure: 'V',
    });
    expect(decisionClock.rule.zh).toContain('负责人审批');

    expect((await post(`/referrals/${id}/decision`, handler, { approved: true })).status).toBe(403);
    const refusedWithoutReason = await post(`/referrals/${id}/decision`, head, {
      approved: false,
      thresholdMet: false,
    });
    expect(refusedWithoutReason.status).toBe(400);
    expect(refusedWithoutReason.body.code).toBe('referral.reason-required');
    const approved = await post(`/referrals/${id}/decision`, head, { approved: true });
    expect(approved.body.status).toBe('approved');
    expect(approved.body.clocks.find((c: { clock: string }) => c.clock === 'transfer').rule.en).toContain(
      '24 hours',
    );

    const partial = await post(`/referrals/${id}/transfer`, handler, { documents: FULL_DOSSIER.slice(0, 2) });
    expect(partial.status).toBe(400);
    expect(partial.body.code).toBe('referral.dossier-incomplete');
    expect(partial.body.detail).toContain('seized-items-list');
    expect((await get(`/referrals/${id}`, head)).body).toMatchObject({
      status: 'approved',
      sequence: approved.body.sequence,
    });
    // No test was needed: the test report is not applicable, with the reason (the policy allows it).
    const transferred = await post(`/referrals/${id}/transfer`, handler, {
      documents: FULL_DOSSIER.filter((doc) => doc.kind !== D.TestReports),
      notApplicable: [{ kind: D.TestReports, reason: '现场查获，事实清楚，无需检验' }],
    });
    expect(transferred.body).toMatchObject({
      status: 'transferred',
      transfer: { notApplicable: [{ kind: 'test-reports', reason: '现场查获，事实清楚，无需检验' }] },
    });
    const receiptClock = transferred.body.clocks.find((c: { clock: string }) => c.clock === 'receipt');
    expect(receiptClock.basis).not.toBe('R art. 7');
    expect(receiptClock.interpretation.en).toContain('forwarding');

    const seenByPolice = await get(`/referrals/${id}`, police);
    expect(seenByPolice.status).toBe(200);
    expect(seenByPolice.body).toMatchObject({ team: null, report: null, allowedSteps: ['receive'] });
    expect((await get(`/referrals/${id}/timeline`, police)).status).toBe(403);
    const policeList = await get('/referrals', police);
    expect(policeList.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(policeList.body.items.every((r: { status: string }) => r.status !== 'lead-recorded')).toBe(true);

    expect((await post(`/referrals/${id}/receipt`, handler)).status).toBe(403);
    const received = await post(`/referrals/${id}/receipt`, police);
    expect(received.body.status).toBe('received');
    const noApprover = await post(`/referrals/${id}/extension`, police, {
      level: 'county-police-head',
      approver: '  ',
      document: referralDoc(D.Approval),
    });
    expect(noApprover.status).toBe(400);
    const wrongLevel = await post(`/referrals/${id}/extension`, police, {
      level: 'higher-police',
      approver: '市公安局',
      document: referralDoc(D.Approval),
    });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.code).toBe('referral.approval-level');
    expect(
      (await post(`/referrals/${id}/handover`, handler, { documents: [referralDoc(D.HandoverList)] })).status,
    ).toBe(409);

    await post(`/referrals/${id}/filing-decision`, police, { filed: true });
    const noticed = await post(`/referrals/${id}/notice`, police, { document: referralDoc(D.Notice) });
    expect(noticed.body.status).toBe('filed');
    const handedOver = await post(`/referrals/${id}/handover`, handler, {
      documents: [referralDoc(D.HandoverList)],
    });
    expect(handedOver.body).toMatchObject({ status: 'handed-over', outcome: null, overdue: false });
    const again = await post(`/referrals/${id}/handover`, handler, {
      documents: [referralDoc(D.HandoverList)],
    });
    expect(again.status).toBe(409);
    // Clues of an official's duty crime go to the supervisory commission, by the head only.
    const clueBody = { reason: '执法人员涉嫌通风报信', document: referralDoc(D.SupervisoryTransferLetter) };
    expect((await post(`/referrals/${id}/duty-crime-clues`, handler, clueBody)).status).toBe(403);
    const clue = await post(`/referrals/${id}/duty-crime-clues`, head, clueBody);
    expect(clue.body).toMatchObject({
      status: 'handed-over',
      dutyCrimeTransfers: [{ reason: clueBody.reason }],
    });
    // The police withdraw the case (撤案); it comes back for the administrative penalty.
    const withdrawn = await post(`/referrals/${id}/withdrawal`, police, {
      reason: '不应追究刑事责任',
      document: referralDoc(D.Notice),
    });
    expect(withdrawn.body).toMatchObject({
      status: 'returned-for-penalty',
      criminalOutcome: { outcome: 'withdrawn' },
    });
    const closed = await post(`/referrals/${id}/penalty-decision`, head, {
      penalty: referralDoc(D.PenaltyDecision),
    });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'returned-penalty-decided' });

    const timeline = await get(`/referrals/${id}/timeline`, supervisor);
    expect(timeline.body.map((e: { action: string }) => e.action)).toEqual([
      'record-lead',
      'form-team',
      'submit-report',
      'decide',
      'transfer',
      'receive',
      'decide-filing',
      'send-notice',
      'hand-over',
      'transfer-duty-crime-clue',
      'withdraw-case',
      'decide-penalty',
    ]);
  });

  it('returns a case the procuratorate does not prosecute, and keeps a lead’s subject without a credit code', async () => {
    const lead = await post('/referrals', handler, {
      source: 'inspection',
      sourceRef: 'JC-2026-0118',
      actionNo: ACTION,
      category: 'food-drug',
      summary: '黑窝点生产假冒调味品',
      subject: {
        kind: 'unlicensed-workshop',
        name: '某村无名作坊',
        address: '某村三组',
        townshipId: 'township-sample-1',
      },
    });
    expect(lead.status).toBe(201);
    expect(lead.body.subject).toMatchObject({ kind: 'unlicensed-workshop' });
    const id: string = lead.body.id;
    await post(`/referrals/${id}/team`, handler, { officers: ['handler.amr', 'head.amr'] });
    await post(`/referrals/${id}/report`, handler, { document: referralDoc(D.WrittenReport) });
    await post(`/referrals/${id}/decision`, head, { approved: true });
    await post(`/referrals/${id}/transfer`, handler, { documents: FULL_DOSSIER });
    await post(`/referrals/${id}/receipt`, police);
    await post(`/referrals/${id}/filing-decision`, police, { filed: true });
    await post(`/referrals/${id}/notice`, police, { document: referralDoc(D.Notice) });
    await post(`/referrals/${id}/handover`, handler, { documents: [referralDoc(D.HandoverList)] });
    const returned = await post(`/referrals/${id}/non-prosecution`, head, {
      document: referralDoc(D.ProcuratorateDocument),
    });
    expect(returned.body).toMatchObject({
      status: 'returned-for-penalty',
      criminalOutcome: { outcome: 'not-prosecuted' },
    });
    const withoutReason = await post(`/referrals/${id}/penalty-decision`, head, {});
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.code).toBe('referral.reason-required');
    const closed = await post(`/referrals/${id}/penalty-decision`, head, { reason: '已过行政处罚时效' });
    expect(closed.body).toMatchObject({
      status: 'closed',
      penaltyAfterReturn: { reason: '已过行政处罚时效' },
    });
    const badSubject = await post('/referrals', handler, {
      source: 'inspection',
      sourceRef: 'JC-2026-0119',
      actionNo: ACTION,
      category: 'general',
      summary: 'x',
      subject: { name: '某店', address: 'x', townshipId: 'township-sample-1' },
    });
    expect(badSubject.status).toBe(400);
    expect(badSubject.body.errors[0].path).toBe('subject.creditCode');
  });

  it('flags a refusal only once it is found unfounded, and measures the referral and filing rates', async () => {
    const lead = await post('/referrals', handler, {
      source: 'report',
      sourceRef: 'JB-2026-0033',
      actionNo: ACTION,
      category: 'general',
      summary: '举报线索：销售假冒食用油',
    });
    const id: string = lead.body.id;
    await post(`/referrals/${id}/team`, head, { officers: ['handler.amr', 'head.amr'] });
    await post(`/referrals/${id}/report`, handler, { document: referralDoc(D.WrittenReport) });
    const refusal = { approved: false, thresholdMet: false, reason: '经核查涉案金额未达立案追诉标准' };
    const refused = await post(`/referrals/${id}/decision`, head, refusal);
    // A reasoned refusal below the threshold is lawful (R art. 5): not flagged by itself.
    expect(refused.body).toMatchObject({ status: 'refused', administrativeOnly: false });
    const flaggedIds = async () =>
      (await get('/referrals?administrativeOnly=true', supervisor)).body.items.map(
        (r: { id: string }) => r.id,
      );
    expect(await flaggedIds()).not.toContain(id);
    // The auditor finds it unfounded: the referral reopens, flagged, back with the head.
    const finding = { foundBy: 'auditor', reason: '复核认定已达追诉标准', document: referralDoc(D.Finding) };
    expect((await post(`/referrals/${id}/refusal-findings`, head, finding)).status).toBe(403);
    const wrongFinder = await post(`/referrals/${id}/refusal-findings`, supervisor, finding);
    expect(wrongFinder.status).toBe(403);
    expect(wrongFinder.body.code).toBe('referral.not-allowed');
    const reopened = await post(`/referrals/${id}/refusal-findings`, auditor, finding);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'awaiting-decision', administrativeOnly: true });
    await eventually(async () => expect(await flaggedIds()).toContain(id));
    const again = await post(`/referrals/${id}/refusal-findings`, auditor, finding);
    expect(again.status).toBe(409);
    // The head refuses again: the flag stays on the record.
    expect((await post(`/referrals/${id}/decision`, head, refusal)).body).toMatchObject({
      status: 'refused',
      administrativeOnly: true,
    });
    // A marked risk item without any referral lowers the rate.
    await markedRiskItem();

    const to = new Date(Date.now() + 60_000).toISOString();
    const query = `from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(to)}&actionNo=${ACTION}`;
    await eventually(async () => {
      const metrics = await get(`/referrals/metrics?${query}`, supervisor);
      expect(metrics.status).toBe(200);
      expect(metrics.body.rows).toEqual([
        {
          unitId: 'amr',
          actionNo: ACTION,
          leadsMeetingThreshold: 5,
          referred: 2,
          refusedWithReason: 1,
          filed: 2,
          overdueClocks: 0,
          administrativeOnly: 1,
          referralRate: 0.4,
          filingRate: 1,
        },
      ]);
      const handover = metrics.body.steps.find((s: { clock: string }) => s.clock === 'handover');
      expect(handover).toMatchObject({ completed: 2, overdue: 0 });
      expect(handover.worstHours).toBeGreaterThanOrEqual(handover.averageHours);
    });
    expect((await get(`/referrals/metrics?${query}`, police)).status).toBe(403);
    expect((await get(`/referrals/metrics?${query}&unitId=amr`, otherHandler)).status).toBe(404);
    const own = await get(`/referrals/metrics?${query}`, otherHandler);
    expect(own.body.rows).toEqual([]);
    const backwards = await get(
      `/referrals/metrics?from=${encodeURIComponent(to)}&to=${encodeURIComponent(startedAt)}`,
      supervisor,
    );
    expect(backwards.status).toBe(400);
  });

  it('answers bad input with problem+json and a code, writing nothing', async () => {
    const before = (await get('/referrals?limit=1', handler)).body.total as number;
    const good = {
      source: 'inspection',
      sourceRef: 'JC-1',
      actionNo: ACTION,
      category: 'general',
      summary: 's',
    };
    for (const body of [
      { ...good, extra: 1 },
      { ...good, actionNo: 13 },
      { ...good, source: 'rumour' },
      { ...good, sourceRef: '../etc' },
    ]) {
      const res = await post('/referrals', handler, body);
      expect({ body, status: res.status, type: res.headers.get('content-type') }).toEqual({
        body,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(typeof res.body.code).toBe('string');
    }
    expect((await post('/referrals', police, good)).status).toBe(403);
    expect((await post('/referrals/not-an-id/team', handler, { officers: ['a', 'b'] })).status).toBe(400);
    expect((await post('/referrals/YS-2020-999999/team', handler, { officers: ['a', 'b'] })).status).toBe(
      404,
    );
    const badDocument = await post('/referrals/YS-2020-999999/transfer', handler, {
      documents: [{ ...referralDoc(D.TransferLetter), sha256: 'not-a-hash' }],
    });
    expect(badDocument.status).toBe(400);
    expect(badDocument.body.errors[0].path).toBe('documents[0].sha256');
    expect((await get('/referrals?limit=1', handler)).body.total).toBe(before);
  });

  it('refuses a document record that is no file (empty, a path for a name, a control character) on every route that takes one', async () => {
    const before = (await get('/referrals?limit=1', handler)).body.total as number;
    const doc = referralDoc(D.Notice);
    const bad: Array<[Partial<typeof doc>, string, string]> = [
      [{ size: 0 }, 'size', 'size must be at least 1 byte: an empty file records nothing'],
      [
        { fileName: 'C:\\案卷\\告知书.pdf' },
        'fileName',
        'fileName must be the file’s own name, not a path (no / or \\, not . or ..)',
      ],
      [
        { fileName: '..' },
        'fileName',
        'fileName must be the file’s own name, not a path (no / or \\, not . or ..)',
      ],
      [
        { fileName: '告知书\n.pdf' },
        'fileName',
        'fileName must not contain a control character (such as a tab or line break)',
      ],
    ];
    // Each document-taking body, by who may send it and where its record sits (the path of the field).
    const one = (record: unknown) => ({ document: record });
    const routes: Array<[string, string, (record: unknown) => object, string]> = [
      ...['report', 'duty-crime-clues'].map((step): [string, string, (r: unknown) => object, string] => [
        step,
        step === 'report' ? handler : head,
        one,
        'document',
      ]),
      ...['reconsideration-request', 'supervision-request', 'non-prosecution', 'criminal-conclusion'].map(
        (step): [string, string, (r: unknown) => object, string] => [step, head, one, 'document'],
      ),
      ...['receipt', 'notice', 'explanation', 'withdrawal'].map(
        (step): [string, string, (r: unknown) => object, string] => [step, police, one, 'document'],
      ),
      ...['transfer', 'completion', 'handover'].map(
        (step): [string, string, (r: unknown) => object, string] => [
          step,
          handler,
          // Beside another file: the same file's sha256 with another size would be a problem of its own.
          (record) => ({ documents: [referralDoc(D.TransferLetter), record] }),
          'documents[1]',
        ],
      ),
      [
        'decision',
        head,
        (record) => ({ approved: false, thresholdMet: false, reason: '情节轻微', penalty: record }),
        'penalty',
      ],
      ['penalty-decision', head, (record) => ({ penalty: record }), 'penalty'],
      [
        'extension',
        police,
        (record) => ({ level: 'county-police-head', approver: '县公安局局长', document: record }),
        'document',
      ],
      ['procuratorate', head, (record) => ({ event: 'explanation-requested', document: record }), 'document'],
      ['refusal-findings', supervisor, (record) => ({ foundBy: 'auditor', document: record }), 'document'],
    ];
    for (const [step, token, body, at] of routes) {
      for (const [change, field, message] of bad) {
        const res = await post(`/referrals/YS-2020-999999/${step}`, token, body({ ...doc, ...change }));
        expect({ step, status: res.status, errors: res.body.errors }).toEqual({
          step,
          status: 400,
          errors: [{ path: `${at}.${field}`, message }],
        });
      }
    }
    expect((await get('/referrals?limit=1', handler)).body.total).toBe(before);
  });

  it('documents every referral route in OpenAPI, with request schemas', async () => {
    const spec = await system.request('GET', '/docs/openapi.json');
    const paths = spec.body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    const steps = [
      'team',
      'report',
      'decision',
      'transfer',
      'receipt',
      'incomplete',
      'completion',
      'extension',
    ];
    const more = ['filing-decision', 'notice', 'reconsideration-request', 'reconsideration-decision'];
    const rest = ['supervision-request', 'procuratorate', 'explanation', 'acceptance', 'handover'];
    const afterHandover = ['withdrawal', 'non-prosecution', 'criminal-conclusion', 'penalty-decision'];
    const anyTime = ['duty-crime-clues', 'refusal-findings'];
    const routes: Array<[string, string]> = [
      ['post', '/referrals'],
      ['get', '/referrals'],
      ['get', '/referrals/metrics'],
      ['get', '/referrals/{id}'],
      ['get', '/referrals/{id}/timeline'],
      ['post', '/risk-items/{id}/criminal-threshold'],
      ...[...steps, ...more, ...rest, ...afterHandover, ...anyTime].map((step): [string, string] => [
        'post',
        `/referrals/{id}/${step}`,
      ]),
    ];
    for (const [method, path] of routes) {
      expect({ method, path, documented: paths[path]?.[method] !== undefined }).toEqual({
        method,
        path,
        documented: true,
      });
    }
    expect(JSON.stringify(paths['/referrals/{id}/transfer'].post.requestBody)).toContain(
      '#/components/schemas/TransferDto',
    );
    expect(JSON.stringify(paths['/referrals/{id}/refusal-findings'].post.requestBody)).toContain(
      '#/components/schemas/RefusalFindingDto',
    );
    const schemas = spec.body.components.schemas;
    expect(schemas.TransferDto.properties.notApplicable).toBeDefined();
    expect(schemas.TargetBusinessDto.properties.kind.enum).toContain('unlicensed-workshop');
  });
});
