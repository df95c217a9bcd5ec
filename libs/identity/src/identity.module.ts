import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigError } from '../../platform/src/config/app-config.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { AccessTokenEntity } from './access-token.entity.js';
import { AccessTokensService } from './access-tokens.service.js';
import { AuthSessionEntity } from './auth-session.entity.js';
import { IdentityLedger } from './identity-ledger.js';
import { OidcService } from './oidc.service.js';
import { PasswordService } from './password.service.js';
import { PeopleService } from './people.service.js';
import { SessionService } from './session.service.js';
import { TokenService } from './token.service.js';
import { UnitEntity } from './unit.entity.js';
import { UnitsService } from './units.service.js';
import { UserEntity } from './user.entity.js';

/**
 * Signing and verification keys: an HMAC secret locally, or an RSA key pair (e.g. an external OIDC
 * issuer). Made into key objects once, at boot: given a string, `jsonwebtoken` parses it on every
 * call, and for an HMAC secret it first tries it as a PEM public key and fails (about 1.8 ms of the
 * API's CPU per request, a tenth of a step's). A key that does not parse stops the boot here.
 */
export function jwtOptions(config: AppConfig) {
  if (config.JWT_PUBLIC_KEY) {
    return {
      publicKey: keyFrom('JWT_PUBLIC_KEY', config.JWT_PUBLIC_KEY, createPublicKey),
      privateKey: config.JWT_PRIVATE_KEY
        ? keyFrom('JWT_PRIVATE_KEY', config.JWT_PRIVATE_KEY, createPrivateKey)
        : undefined,
      signOptions: { algorithm: 'RS256' as const, expiresIn: config.JWT_TTL as `${number}h` },
      verifyOptions: { algorithms: ['RS256' as const] },
    };
  }
  return {
    secret: createSecretKey(Buffer.from(config.JWT_SECRET ?? '')),
    signOptions: { algorithm: 'HS256' as const, expiresIn: config.JWT_TTL as `${number}h` },
    verifyOptions: { algorithms: ['HS256' as const] },
  };
}

function keyFrom(name: string, pem: string, parse: (pem: string) => KeyObject): KeyObject {
  try {
    return parse(pem);
  } catch (err) {
    throw new ConfigError([`${name}: not a PEM key (${err instanceof Error ? err.message : String(err)})`]);
  }
}

const SERVICES = [
  OidcService,
  AccessTokensService,
  TokenService,
  UnitsService,
  PasswordService,
  SessionService,
  IdentityLedger,
  PeopleService,
];

/**
 * People, units, sessions and tokens: what the AuthGuard and every context need. The AuthGuard itself
 * is registered once, by the API's root module; the HTTP routes are AccountsModule's.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UnitEntity, UserEntity, AuthSessionEntity, AccessTokenEntity]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: jwtOptions }),
    LedgerModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
