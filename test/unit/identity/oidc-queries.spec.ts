import { describe, expect, it } from '@jest/globals';
import { OidcCallbackQuery, OidcStartQuery } from '../../../libs/identity/src/dto/auth.dto.js';
import { PeopleQuery } from '../../../libs/identity/src/dto/people.dto.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';

/** The query as the API's own pipe hands it to the route (or its refusal). */
const queryOf = (metatype: new () => object, query: Record<string, unknown>) =>
  createValidationPipe().transform(query, { type: 'query', metatype });

describe('the single sign-on routes’ queries, reached from links Duban does not write', () => {
  it('drops what a portal’s link adds (lang, utm_source) on the start, keeping returnTo', async () => {
    const query = await queryOf(OidcStartQuery, {
      returnTo: '/risk-items/FX-2024-0001',
      lang: 'zh',
      utm_source: 'portal',
    });
    expect({ ...query }).toEqual({ returnTo: '/risk-items/FX-2024-0001' });
  });

  it('still drops a returnTo that leads elsewhere, extra parameters or not', async () => {
    const query = await queryOf(OidcStartQuery, { returnTo: '//evil.example/', lang: 'zh' });
    expect((query as OidcStartQuery).returnTo).toBeUndefined();
  });

  it('drops what a provider adds to the callback, and still checks what it declares', async () => {
    const query = await queryOf(OidcCallbackQuery, { code: 'c', state: 's', locale: 'zh-CN' });
    expect({ ...query }).toEqual({ code: 'c', state: 's' });
    await expect(queryOf(OidcCallbackQuery, { state: 's'.repeat(513), lang: 'zh' })).rejects.toMatchObject({
      code: 'request.invalid',
      fields: [expect.objectContaining({ path: 'state' })],
    });
  });

  it('still refuses fields named like an inherited member, and text the database cannot hold', async () => {
    await expect(queryOf(OidcStartQuery, { constructor: 'x' })).rejects.toMatchObject({
      code: 'request.invalid',
    });
    await expect(queryOf(OidcStartQuery, { lang: 'a\u0000b' })).rejects.toMatchObject({
      code: 'request.invalid',
    });
  });

  it('leaves every other query as strict as before: an unknown field is refused', async () => {
    await expect(queryOf(PeopleQuery, { lang: 'zh' })).rejects.toMatchObject({
      code: 'request.invalid',
      fields: [{ path: 'lang', message: 'property lang should not exist' }],
    });
  });
});
