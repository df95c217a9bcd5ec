import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, MinLength, validateSync } from 'class-validator';
import { fieldProblems } from '../errors/validation.js';
import { packageRoot } from './package-root.js';

/** What every policy file starts with: the version in force (stamped on what it produces) and a note. */
export class PolicyFileHeader {
  @IsString()
  @MinLength(1)
  version: string;

  @IsOptional()
  @IsString()
  description?: string;
}

/** A policy file shipped with the sources, by its path from the repository root. */
/** A text a policy file gives in both languages (rule texts shown to users, notes on interpretations). */
export class BilingualTextFile {
  @IsString()
  @MinLength(1)
  en: string;

  @IsString()
  @MinLength(1)
  zh: string;
}

export function bundledPolicyFile(pathFromRoot: string): string {
  return join(packageRoot(import.meta.url), pathFromRoot);
}

/**
 * Reads a JSON policy file and validates it against a class-validator schema, then against the
 * rules across fields that `check` lists as problems. Every problem is reported with its path; an
 * unknown property is a problem too, so a misspelt key never goes unseen.
 */
export function loadPolicyFile<T extends object>(
  file: string,
  Schema: new () => T,
  label: string,
  check: (policy: T) => string[] = () => [],
): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the ${label} ${file}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`Invalid ${label} ${file}: expected a JSON object`);
  }
  const policy = plainToInstance(Schema, raw);
  const fields = fieldProblems(validateSync(policy, { whitelist: true, forbidNonWhitelisted: true }));
  const problems = fields.length > 0 ? fields.map((p) => `${p.path}: ${p.message}`) : check(policy);
  if (problems.length > 0) {
    throw new Error(`Invalid ${label} ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return policy;
}
