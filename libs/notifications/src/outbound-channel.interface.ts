import { type NotifyRequest } from '../../contracts/src/notification.contracts.js';

/** What happened to one target (a webhook subscription, a phone number…) of one channel. */
export interface OutboundResult {
  channel: string;
  targetId: string;
  /** A name an operator recognises; never personal data, as it is logged and put in failures. */
  targetName: string;
  outcome: 'delivered' | 'already-delivered' | 'failed';
  /** The channel's own attempt number for this target, when it made one. */
  attempt?: number;
  error?: string;
}

/**
 * A way out of Duban (webhooks; later SMS, 政务微信). `deliver` reaches every matching target that has
 * not yet received this notification (by `key`), records each attempt, and reports a failed target in
 * its results rather than throwing, so one bad target never hides the others.
 */
export interface OutboundChannel {
  readonly name: string;
  deliver(request: NotifyRequest): Promise<OutboundResult[]>;
  /** Whether any target of this channel would receive the notification. */
  hasTargets(request: NotifyRequest): Promise<boolean>;
}

/** Nest token for the array of every registered OutboundChannel. */
export const OUTBOUND_CHANNELS = Symbol('OUTBOUND_CHANNELS');
