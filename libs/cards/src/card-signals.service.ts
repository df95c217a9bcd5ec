import { Injectable } from '@nestjs/common';
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
 * is stored (decision 0013). The card dedupes triggers by key, so a retried activity raises nothing
 * twice; signals from one case arrive in the order its steps sent them (a raise before its resolve).
 */
@Injectable()
export class CardSignals {
  constructor(private readonly signals: CaseSignals) {}

  /** Raises the unit's card about the subject, or joins the open one. */
  raise(trigger: CardTrigger): Promise<void> {
    return this.signals.signalWithStart(
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
