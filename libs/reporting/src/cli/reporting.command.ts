import { Client, Connection } from '@temporalio/client';
import { InvalidArgumentError, type Command } from 'commander';
import { ReportingCycle } from '../../../contracts/src/reporting.contracts.js';
import { loadConfig } from '../../../platform/src/config/app-config.js';
import { loadReportingPolicy } from '../reporting-policy.loader.js';
import { ReportingSchedules } from '../reporting-schedules.service.js';

function parseCycle(value: string): ReportingCycle {
  const cycles = Object.values(ReportingCycle) as string[];
  if (!cycles.includes(value)) throw new InvalidArgumentError(`cycle must be one of ${cycles.join(', ')}`);
  return value as ReportingCycle;
}

/** Runs `work` against the configured Temporal with the cycle schedules in place. */
async function withSchedules<T>(work: (schedules: ReportingSchedules) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const policy = loadReportingPolicy(config.REPORTING_POLICY_FILE);
    const schedules = new ReportingSchedules(client, config, policy);
    await schedules.ensureAll();
    return await work(schedules);
  } finally {
    await connection.close();
  }
}

/** `duban reporting backfill|trigger`: the cycle schedules, as the API's /reporting/schedules offers them. */
export function registerReportingCommand(program: Command): void {
  const reporting = program.command('reporting').description('reporting cycles (月调度、季通报)');
  reporting
    .command('backfill')
    .description('run a cycle for every time its schedule would have fired in [from, to)')
    .requiredOption('--cycle <cycle>', `${Object.values(ReportingCycle).join(' | ')}`, parseCycle)
    .requiredOption('--from <instant>', 'ISO 8601, e.g. 2022-07-01T00:00:00+08:00')
    .requiredOption('--to <instant>', 'ISO 8601, e.g. 2025-01-01T00:00:00+08:00')
    .action(async (options: { cycle: ReportingCycle; from: string; to: string }) => {
      const done = await withSchedules((s) => s.backfill(options.cycle, options.from, options.to));
      process.stdout.write(`backfill requested: ${done.cycle} ${done.from} → ${done.to}\n`);
    });
  reporting
    .command('trigger')
    .description('run a cycle now')
    .requiredOption('--cycle <cycle>', `${Object.values(ReportingCycle).join(' | ')}`, parseCycle)
    .action(async (options: { cycle: ReportingCycle }) => {
      await withSchedules((s) => s.trigger(options.cycle));
      process.stdout.write(`triggered: ${options.cycle}\n`);
    });
}
