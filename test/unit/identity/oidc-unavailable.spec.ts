import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { type IdentityLedger } from '../../../libs/identity/src/identity-ledger.js';
import { OidcService } from '../../../libs/identity/src/oidc.service.js';
import { type SessionService } from '../../../libs/identity/src/session.service.js';
import { AppConfig } from '../../../libs/platform/src/config/app-config.js';
import { freePort } from '../../../libs/platform/src/embedded/free-port.js';

describe('single sign-on while the provider cannot be reached', () => {
  it('answers auth.oidc-unavailable (503), the code a browser is sent back to the sign-in page with', async () => {
    Logger.overrideLogger(false);
    // A port nothing listens on: the county's provider is down.
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const config = Object.assign(new AppConfig(), {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'duban',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-this-test-only',
      OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/auth/oidc/callback',
    });
    // Nothing is recorded or opened when the provider is not reached: the other parts are never asked.
    const service = new OidcService(config, {} as DataSource, {} as SessionService, {} as IdentityLedger);
    await expect(service.start()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'auth.oidc-unavailable',
    });
  });
});
