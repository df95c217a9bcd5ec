import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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

/** What an OpenID provider appends to the redirect URI (RFC 6749 §4.1.2, RFC 9207 `iss`). */
export class OidcCallbackQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) iss?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) error?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) error_description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) session_state?: string;
}
