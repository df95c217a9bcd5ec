import { describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { registerReportingCommand } from '../../../libs/reporting/src/cli/reporting.command.js';

const run = async (...args: string[]) => {
  let stderr = '';
  const program = new Command('duban')
    .exitOverride()
    .configureOutput({ writeErr: (text) => (stderr += text) });
  registerReportingCommand(program);
  program.commands.forEach((c) => c.exitOverride().commands.forEach((s) => s.exitOverride()));
  await expect(program.parseAsync(['node', 'duban', ...args])).rejects.toThrow();
  return stderr;
};

describe('duban reporting', () => {
  it('names the cycles when given an unknown one, before connecting anywhere', async () => {
    expect(await run('reporting', 'trigger', '--cycle', 'weekly')).toContain(
      'cycle must be one of monthly-dispatch, quarterly-bulletin',
    );
  });

  it('requires the window of a backfill', async () => {
    expect(
      await run('reporting', 'backfill', '--cycle', 'monthly-dispatch', '--from', '2022-07-01'),
    ).toContain("required option '--to <instant>' not specified");
  });
});
