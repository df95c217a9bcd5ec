import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { type SearchAttributePair, type SignalDefinition } from '@temporalio/common';
import { AppConfig } from '../config/app-config.js';
import { caseRunOptions, type StartedWorkflowType } from './case-run-options.js';

/** The workflow a signal-with-start creates when none is running under its id. */
export interface CaseStart {
  workflowType: StartedWorkflowType;
  workflowId: string;
  args: unknown[];
  searchAttributes: SearchAttributePair[];
}

/**
 * The only door from an activity to another case's workflow (decision 0015). Both calls return once
 * Temporal has stored the signal; neither waits for the receiving workflow to run, so a burst of them
 * can never hold activity slots that the receivers' own activities need.
 */
@Injectable()
export class CaseSignals {
  constructor(
    private readonly temporal: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Delivers the signal, starting the workflow first if none is running: it is never dropped. */
  async signalWithStart<Arg>(start: CaseStart, signal: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    await this.temporal.workflow.signalWithStart(start.workflowType, {
      workflowId: start.workflowId,
      ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, start.workflowType),
      args: start.args,
      typedSearchAttributes: start.searchAttributes,
      signal,
      signalArgs: [arg],
    });
  }

  /**
   * Starts a workflow beside the caller's case and returns once Temporal has stored it, without
   * waiting for it to run; one already started under that id (a retry) counts as started.
   */
  async startBeside(start: Omit<CaseStart, 'searchAttributes'>): Promise<void> {
    try {
      await this.temporal.workflow.start(start.workflowType, {
        workflowId: start.workflowId,
        ...caseRunOptions(this.config.TEMPORAL_TASK_QUEUE, start.workflowType),
        args: start.args,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** Delivers the signal to a running workflow; false when there is none (a closed case takes no more). */
  async signalIfRunning<Args extends unknown[]>(
    workflowId: string,
    signal: SignalDefinition<Args>,
    args: Args,
  ): Promise<boolean> {
    try {
      await this.temporal.workflow.getHandle(workflowId).signal(signal, ...args);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
