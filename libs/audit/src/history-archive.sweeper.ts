import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HistoryArchive } from './history-archive.service.js';

/** Often enough that a run closed since the last sweep is archived long before retention drops it. */
export const ARCHIVE_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Worker-side periodic sweep: archives the histories of runs that closed recently (see
 * docs/decisions/0011-audit.md for why this and not a Temporal Schedule). Several workers may sweep at
 * once; archiving is idempotent.
 */
@Injectable()
export class HistoryArchiveSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HistoryArchiveSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(private readonly archive: HistoryArchive) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.archive
        .sweep()
        .then((archived) => {
          if (archived > 0) this.logger.log(`archived ${archived} workflow histories`);
        })
        .catch((err: unknown) =>
          this.logger.warn({ err }, 'history archive sweep failed; retrying next time'),
        )
        .finally(() => (this.sweeping = undefined));
    }, ARCHIVE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
