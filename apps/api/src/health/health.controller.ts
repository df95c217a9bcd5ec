import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { ErrorKind } from '../../../../libs/contracts/src/errors.js';
import { Public } from '../../../../libs/identity/src/auth.decorators.js';
import { DubanError } from '../../../../libs/platform/src/errors/duban-error.js';

const CHECK_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
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
    private readonly temporal: Connection,
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
      probe(() => this.temporal.healthService.check({})),
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
