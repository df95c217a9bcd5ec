import { type Actor } from './identity.js';

/** A privileged action the system refused (403): kept on the ledger, so attempts are auditable. */
export interface RefusedAction {
  actor: Actor;
  method: string;
  /** The route template (e.g. `/cards/:id/lift`) and the ids in its path; never a body. */
  route: string;
  params: Record<string, string>;
  code: string;
  detail: string;
  requestId: string;
  occurredAt: string;
}

export interface RefusalListener {
  refused(action: RefusedAction): Promise<void>;
}

/** Nest injection token of the optional RefusalListener the error filter reports 403s to. */
export const REFUSAL_LISTENER = 'duban:refusal-listener';
