import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CARD_CASE_TYPE,
  cardSubjectResolvedSignal,
  cardTriggeredSignal,
  cardWorkflowId,
  type CardAddress,
  type CardSubject,
  type CardTrigger,
} from '../../contracts/src/card.contracts.js';
import { CARD_SUBJECT_TYPE, CASE_TYPE, CASE_UNIT } from '../../contracts/src/search-attributes.js';
import type { UnitKind } from '../../identity/src/unit.entity.js';
import { checkCardUnit } from './domain/card.rules.js';
import { CaseSignals, type CaseStart } from '../../platform/src/temporal/case-signals.service.js';

/** The card workflow of a unit and subject, as signal-with-start or update-with-start creates it. */
export function cardWorkflowStart(address: CardAddress): CaseStart {
  return {
    workflowType: 'cardWorkflow',
    workflowId: cardWorkflowId(address.unitId, address.subject),
    args: [{ address }],
    // Status and colour are set by the card's first step; a run that opens no card never shows them.
    searchAttributes: [
      { key: CASE_TYPE, value: CARD_CASE_TYPE },
      { key: CASE_UNIT, value: address.unitId },
      { key: CARD_SUBJECT_TYPE, value: address.subject.type },
    ],
  };
}

/**
 * How other cases' activities reach a unit's card: by signal-with-start, which returns once the signal
 * is stored (decision 0015). The card dedupes triggers by key, so a retried activity raises nothing
 * twice; signals from one case arrive in the order its steps sent them (a raise before its resolve).
 */
@Injectable()
export class CardSignals {
  private readonly logger = new Logger('CardSignals');

  constructor(
    private readonly signals: CaseSignals,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Raises the unit's card about the subject, or joins the open one. A unit that bears no card (the
   * county government) gets none: the trigger ends quietly, with a log line.
   */
  async raise(trigger: CardTrigger): Promise<void> {
    const [unit]: Array<{ id: string; kind: UnitKind }> = await this.dataSource.query(
      `SELECT id, kind FROM unit WHERE id = $1`,
      [trigger.unitId],
    );
    if (unit && checkCardUnit(unit)) {
      this.logger.log(`no card raised on ${unit.id} (${unit.kind}) for ${trigger.subject.type}`);
      return;
    }
    await this.signals.signalWithStart(
      cardWorkflowStart({ unitId: trigger.unitId, subject: trigger.subject }),
      cardTriggeredSignal,
      trigger,
    );
  }

  /** Tells the unit's card about the subject that it is resolved; with no card raised it ends at once. */
  resolveSubject(unitId: string, subject: CardSubject, resolvedAt: string): Promise<void> {
    return this.signals.signalWithStart(cardWorkflowStart({ unitId, subject }), cardSubjectResolvedSignal, {
      resolvedAt,
    });
  }
}
