/** The workflow clock as an ISO instant: deterministic, so a replay stamps steps with the same time. */
export const now = (): string => new Date().toISOString();
