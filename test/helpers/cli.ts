import { jest } from '@jest/globals';
import { Command } from 'commander';

/** What one `duban` command printed, and its exit code. */
export interface CliOutcome {
  out: string;
  err: string;
  code: number;
}

/**
 * Runs one `duban` command in this process, against the test system's database and Temporal (the
 * commands read the same environment), with the commands `register` adds, and captures what it prints.
 */
export async function runCli(register: (program: Command) => void, ...args: string[]): Promise<CliOutcome> {
  let out = '';
  let err = '';
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => ((err += String(chunk)), true));
  const exitCode = process.exitCode;
  try {
    const program = new Command('duban');
    register(program);
    await program.parseAsync(args, { from: 'user' });
    return { out, err, code: Number(process.exitCode ?? 0) };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = exitCode;
  }
}
