import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../../helpers/repo-root.js';

describe("the compose deployment's Temporal dynamic config", () => {
  const config = readFileSync(join(REPO_ROOT, 'deploy/temporal/dynamicconfig/development-sql.yaml'), 'utf8');
  /** The first `value:` under a top-level key (the file's one form: key, then `- value: …`). */
  const valueOf = (key: string): string | undefined =>
    new RegExp(`^${key.replaceAll('.', '\\.')}:\\s*\\n\\s*-\\s*value:\\s*(\\S+)`, 'm').exec(config)?.[1];

  it('reads search attributes from the cache, not the database on every use', () => {
    expect(valueOf('system.forceSearchAttributesCacheRefreshOnRead')).toBe('false');
  });

  it('gives each task queue one partition, read and write (decision 0029)', () => {
    expect(valueOf('matching.numTaskqueueReadPartitions')).toBe('1');
    expect(valueOf('matching.numTaskqueueWritePartitions')).toBe('1');
  });

  it('hands out a backlog by priority (decision 0026)', () => {
    expect(valueOf('matching.useNewMatcher')).toBe('true');
  });
});
