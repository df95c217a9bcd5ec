import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CONSOLE_RETURN_PATH_MAX_LENGTH, consoleReturnPath } from '../domain/console-return-path.js';
import { IgnoresUnknownFields } from '../../../platform/src/errors/validation.js';
import { PersonView } from '../person.view.js';

/** Passwords longer than this are refused before hashing, so nobody can make argon2 chew megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

export class SignInDto {
  @ApiProperty({ example: 'supervisor.fso' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: '(your password)', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    description: 'at least PASSWORD_MIN_LENGTH characters, not a common one',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class SignedInView {
  @ApiProperty({ type: PersonView }) person: PersonView;
  @ApiProperty({
    description: 'true after an admin reset: only POST /auth/password, GET /auth/me and sign-out work',
  })
  mustChangePassword: boolean;
}

/**
 * What an OpenID provider appends to the redirect URI (RFC 6749 §4.1.2, RFC 9207 `iss`); anything else
 * a provider adds is ignored, as on the start.
 */
@IgnoresUnknownFields()
export class OidcCallbackQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) iss?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) error?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) error_description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) session_state?: string;
}

/**
 * Where the console's sign-in page (or a portal's link) sends a person to sign in with the provider;
 * parameters a link adds of its own (`lang`, `utm_source`) are ignored rather than refused.
 */
@IgnoresUnknownFields()
export class OidcStartQuery {
  @ApiPropertyOptional({
    description:
      'the console path to land on afterwards (after /console), e.g. /risk-items/FX-2024-0001; ' +
      'anything but a plain console path is ignored (then /console/)',
    maxLength: CONSOLE_RETURN_PATH_MAX_LENGTH,
    example: '/risk-items/FX-2024-0001',
  })
  // Not a path of the console (another site, too long, a list): ignored rather than refused, so a bad
  // link still leads to the sign-in, only not to the page it named.
  @Transform(({ value }) => consoleReturnPath(value))
  @IsOptional()
  @IsString()
  returnTo?: string;
}

export class SingleSignOnView {
  @ApiProperty({
    description: 'the provider as the sign-in page names it (OIDC_DISPLAY_NAME)',
    example: '统一身份认证',
  })
  label: string;
}

export class SignInMethodsView {
  @ApiProperty({ description: 'username and password (always offered)' })
  password: boolean;

  @ApiProperty({
    type: SingleSignOnView,
    nullable: true,
    description:
      'single sign-on through GET /auth/oidc/start; null when it is not configured (no OIDC_ISSUER)',
  })
  singleSignOn: SingleSignOnView | null;
}
