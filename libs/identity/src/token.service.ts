import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { plainToInstance } from 'class-transformer';
import { IsEnum, IsString, MinLength, validateSync } from 'class-validator';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { invalidToken } from './auth.errors.js';

/** The claims Duban reads from a token. An external OIDC provider must issue the same three. */
class TokenClaims {
  @IsString()
  @MinLength(1)
  sub: string;

  @IsEnum(Role)
  role: Role;

  @IsString()
  @MinLength(1)
  unit: string;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async issue(actor: Actor): Promise<string> {
    return this.jwt.signAsync(
      { role: actor.role, unit: actor.unitId },
      { subject: actor.userId, issuer: this.config.JWT_ISSUER, audience: this.config.JWT_AUDIENCE },
    );
  }

  async verify(token: string): Promise<Actor> {
    let payload: object;
    try {
      payload = await this.jwt.verifyAsync<object>(token, {
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
    } catch (err) {
      throw invalidToken(err instanceof Error ? err.message : 'unreadable');
    }
    const claims = plainToInstance(TokenClaims, payload);
    const problems = validateSync(claims);
    if (problems.length > 0) throw invalidToken(`bad claims (${problems.map((p) => p.property).join(', ')})`);
    return { userId: claims.sub, role: claims.role, unitId: claims.unit };
  }
}
