import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/src/config/app-config.js';
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

/** Users, units and tokens. The AuthGuard itself is registered once, by the API's root module. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UnitEntity, UserEntity]),
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: jwtOptions }),
  ],
  providers: [TokenService, UnitsService],
  exports: [TokenService, UnitsService],
})
export class IdentityModule {}
