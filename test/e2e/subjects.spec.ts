import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { riskItemBody } from '../helpers/risk-item-fixtures.js';
import { TestSystem } from '../helpers/test-system.js';

// Hazards about subjects without a 统一社会信用代码 (issue 13 §13), through the real API and database.
describe('risk items about subjects without a credit code', () => {
  let system: TestSystem;
  let handler: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    handler = await system.tokenFor('handler.amr');
  });
  afterAll(() => system.stop());

  const register = (business: Record<string, unknown>) =>
    system.request('POST', '/risk-items', { token: handler, body: riskItemBody({ business }) });
  const place = { address: '某乡某村', townshipId: 'township-sample-1' };

  it('registers a stall, a workshop, a farmer, a field and a water body, each with the identifiers that fit', async () => {
    const subjects = [
      { kind: 'street-stall', name: '夜市烧烤摊', identifiers: { stallRegistration: 'WZ-XT-0042' } },
      { kind: 'unlicensed-workshop', name: '某村无名豆芽作坊' },
      { kind: 'farmer', name: '种植户张某', identifiers: { residentId: '11010519491231002X' } },
      { kind: 'farmland', name: '村东麦田', identifiers: { parcelCode: '4108230012345' } },
      { kind: 'water-body', name: '村南坑塘', identifiers: { waterBodyCode: 'HN-WZ-P-007' } },
    ];
    for (const subject of subjects) {
      const registered = await register({ ...subject, ...place });
      expect({ kind: subject.kind, status: registered.status }).toEqual({ kind: subject.kind, status: 201 });
      const read = await system.request('GET', `/risk-items/${registered.body.id}`, { token: handler });
      expect(read.body.business).toMatchObject(subject);
      expect(read.body.business.creditCode).toBeUndefined();
    }
  });

  it('still requires the credit code of a registered business, and checks the identifiers against the kind', async () => {
    const missing = await register({ name: '某食品店', ...place });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('business.creditCode');
    const misfit = await register({
      kind: 'unlicensed-workshop',
      name: '某作坊',
      identifiers: { residentId: '11010519491231002X' },
      ...place,
    });
    expect(misfit.status).toBe(400);
    expect(misfit.body.errors[0]).toMatchObject({
      path: 'business.identifiers',
      message: expect.stringContaining('does not fit a subject of kind unlicensed-workshop'),
    });
    // A registered business registered as before still works, kind or not.
    expect((await register(riskItemBody().business)).status).toBe(201);
  });
});
