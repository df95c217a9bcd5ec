import { Inject, Injectable, type CallHandler, type NestInterceptor } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';

/**
 * Bounds every call a request makes to Temporal by one deadline (ENGINE_WAIT_SECONDS): a step that
 * waits behind a burst answers 503 `engine.busy` instead of holding the person's request until a proxy
 * or the browser gives up. The deadline reaches the calls through the client's async context, so no
 * service has to pass it on.
 */
@Injectable()
export class EngineDeadlineInterceptor implements NestInterceptor {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    const deadline = Date.now() + this.config.ENGINE_WAIT_SECONDS * 1000;
    return from(
      this.client.withDeadline(deadline, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }
}
