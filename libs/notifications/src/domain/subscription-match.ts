/** The part of a webhook subscription that decides which notifications it receives. */
export interface SubscriptionFilter {
  /** Notification kinds to receive; empty means every kind. */
  kinds: readonly string[];
  /** The one unit whose cases to receive; null means every unit. */
  unitId: string | null;
}

export function subscriptionMatches(
  filter: SubscriptionFilter,
  notification: { kind: string; unitId: string },
): boolean {
  const kindMatches = filter.kinds.length === 0 || filter.kinds.includes(notification.kind);
  return kindMatches && (filter.unitId === null || filter.unitId === notification.unitId);
}
