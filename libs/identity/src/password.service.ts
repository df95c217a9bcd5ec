import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { bundledPolicyFile } from '../../platform/src/config/policy-file.js';
import { weakPassword } from './auth.errors.js';
import {
  PASSWORD_PROBLEM_TEXT,
  parseCommonPasswords,
  passwordProblems,
  type PasswordRules,
} from './domain/password-policy.js';

export const COMMON_PASSWORDS_FILE = 'libs/identity/policy/common-passwords.txt';

/**
 * argon2id with @node-rs/argon2's defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum), so a
 * verification costs tens of milliseconds and a stolen table is slow to attack.
 */
@Injectable()
export class PasswordService {
  private readonly rules: PasswordRules;
  /** Verified against when the username is unknown, so both failures take as long. */
  private readonly decoy: Promise<string>;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.rules = {
      minLength: config.PASSWORD_MIN_LENGTH,
      common: parseCommonPasswords(readFileSync(bundledPolicyFile(COMMON_PASSWORDS_FILE), 'utf8')),
    };
    this.decoy = hash('decoy password that no account has');
  }

  /** Refuses a password that breaks the policy, naming the request field it came in. */
  assertAcceptable(password: string, username: string, field: string): void {
    const problems = passwordProblems(password, username, this.rules);
    if (problems.length > 0) {
      throw weakPassword(
        problems.map((p) => ({ path: field, message: PASSWORD_PROBLEM_TEXT[p](this.rules) })),
      );
    }
  }

  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  /** False for a missing hash too, after the same work as a real check. */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}

/** argon2id (@node-rs/argon2's default algorithm), as a PHC string with its own salt. */
export const hashPassword = (password: string): Promise<string> => hash(password);

/** A password for a new admin or a reset: 20 letters and digits from the CSPRNG (about 116 bits). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
