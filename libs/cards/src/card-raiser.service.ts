import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { joinCardUpdate, type CardTrigger, type CardView } from '../../contracts/src/card.contracts.js';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { cardWorkflowStart } from './card-signals.service.js';
import { caseRunOptions, OFFICIAL_START_PRIORITY } from '../../platform/src/temporal/case-run-options.js';

/**
 * Raises a card and waits for its view: for the API (a supervisor's card), which may wait. Activities
 * never use it (decision 0015): they send `CardSignals`, which does not wait for the card.
 */
@Injectable()
export class CardRaiser {
  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Joins the open card of the unit and subject, or starts one that opens from this trigger. */
  async raise(trigger: CardTrigger): Promise<CardView> {
    const start = cardWorkflowStart({ unitId: trigger.unitId, subject: trigger.subject });
    const send = () =>
      this.temporal.workflow.executeUpdateWithStart(joinCardUpdate, {
        args: [trigger],
        startWorkflowOperation: new WithStartWorkflowOperation(start.workflowType, {
          workflowId: start.workflowId,
          // A racing trigger that started it a moment ago is joined, not duplicated.
          workflowIdConflictPolicy: 'USE_EXISTING',
          // An official waits on this card; the clocks' cards queue after the cases (decision 0026).
          ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, 'cardWorkflow', OFFICIAL_START_PRIORITY),
          args: start.args,
          typedSearchAttributes: start.searchAttributes,
        }),
      });
    try {
      return await send();
    } catch (err) {
      if (!isClosedCard(err)) throw err;
      // The previous card for this subject was just lifted or withdrawn and is finishing: let it end.
      await this.temporal.workflow.getHandle(start.workflowId).result();
      return send();
    }
  }
}

function isClosedCard(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === 'card.closed'
  );
}
