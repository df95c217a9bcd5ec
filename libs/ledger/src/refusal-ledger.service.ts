import { Injectable } from '@nestjs/common';
import { type RefusalListener, type RefusedAction } from '../../contracts/src/refusal.js';
import { storableText } from '../../platform/src/http/storable-text.js';
import { DailyChainKind, DailyChainLedger, dailyChainId } from './daily-chain.js';

export const REFUSED_ACTION_CASE_TYPE = 'refused-action';

/** One hash chain of refused privileged actions per day (Asia/Shanghai): `refused/2026-11-28`. */
export const refusalChainId = (occurredAt: string): string =>
  dailyChainId(DailyChainKind.Refused, occurredAt);

/** Ledgers every refused privileged action (who tried what, when, and why it was refused). */
@Injectable()
export class RefusalLedger implements RefusalListener {
  constructor(private readonly chains: DailyChainLedger) {}

  async refused(action: RefusedAction): Promise<void> {
    await this.chains.append(DailyChainKind.Refused, REFUSED_ACTION_CASE_TYPE, {
      actor: action.actor,
      method: action.method,
      route: action.route,
      // Refused before validation, so the parameters may hold what PostgreSQL cannot store.
      params: Object.fromEntries(
        Object.entries(action.params).map(([key, value]) => [storableText(key), storableText(value)]),
      ),
      requestId: action.requestId,
      occurredAt: action.occurredAt,
      reason: `${action.code}: ${action.detail}`,
      details: { code: action.code },
    });
  }
}
