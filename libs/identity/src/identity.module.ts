import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/src/config/app-config.js';
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

/** Signing and verification keys: an HMAC secret locally, or an RSA key pair (e.g. an external OIDC issuer). */
export function jwtOptions(config: AppConfig) {
  if (config.JWT_PUBLIC_KEY) {
    return {
      publicKey: config.JWT_PUBLIC_KEY,
      privateKey: config.JWT_PRIVATE_KEY,
      signOptions: { algorithm: 'RS256' as const, expiresIn: config.JWT_TTL as `${number}h` },
      verifyOptions: { algorithms: ['RS256' as const] },
    };
  }
  return {
    secret: config.JWT_SECRET,
    signOptions: { algorithm: 'HS256' as const, expiresIn: config.JWT_TTL as `${number}h` },
    verifyOptions: { algorithms: ['HS256' as const] },
  };
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
