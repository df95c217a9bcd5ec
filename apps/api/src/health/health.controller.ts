import { Controller, Get, Inject } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../../../libs/contracts/src/errors.js';
import { Public } from '../../../../libs/identity/src/auth.decorators.js';
import { AppConfig } from '../../../../libs/platform/src/config/app-config.js';
import { DubanError } from '../../../../libs/platform/src/errors/duban-error.js';
import { pingTemporal } from '../../../../libs/platform/src/temporal/ping-temporal.js';

const CHECK_TIMEOUT_MS = 2_000;

/** One dependency check with a deadline: 'up' if it answers in time. */
async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), CHECK_TIMEOUT_MS);
  });
  const answer = check().then(
    () => 'up' as const,
    () => 'down' as const,
  );
  try {
    return await Promise.race([answer, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up (no dependency is checked)' })
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Ready only when PostgreSQL and Temporal both answer' })
  @ApiOkResponse({ schema: { example: { status: 'up', checks: { postgres: 'up', temporal: 'up' } } } })
  @ApiServiceUnavailableResponse({ description: 'problem+json with the failing checks' })
  async ready() {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => pingTemporal(this.config.TEMPORAL_ADDRESS, CHECK_TIMEOUT_MS)),
    ]);
    const checks = { postgres, temporal };
    if (postgres === 'down' || temporal === 'down') {
      throw new DubanError(ErrorKind.Unavailable, 'health.not-ready', 'A dependency does not answer', {
        checks,
      });
    }
    return { status: 'up', checks };
  }
}
