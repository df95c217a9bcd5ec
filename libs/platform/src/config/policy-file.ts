import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fieldProblems } from '../errors/validation.js';

/**
 * Reads a JSON policy file and validates it against a class-validator schema. Every problem is
 * reported with its path; an unknown property is a problem too, so a misspelt key never goes unseen.
 */
export function loadPolicyFile<T extends object>(file: string, Schema: new () => T, label: string): T {
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
  const problems = fieldProblems(validateSync(policy, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length > 0) {
    throw new Error(
      `Invalid ${label} ${file}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  return policy;
}
