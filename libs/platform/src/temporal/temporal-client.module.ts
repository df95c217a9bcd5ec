import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig } from '../config/app-config.js';
import { CaseSignals } from './case-signals.service.js';

/**
 * One lazy Temporal connection per process: the API starts even while Temporal is still coming up,
 * and /health/ready says so until it answers.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => Connection.lazy({ address: config.TEMPORAL_ADDRESS }),
    },
    {
      provide: Client,
      inject: [Connection, AppConfig],
      useFactory: (connection: Connection, config: AppConfig) =>
        new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    },
    CaseSignals,
  ],
  exports: [Connection, Client, CaseSignals],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
