import { dueStanding } from '../format';

/** Time left, or overdue in red with how long. */
export function Due({ dueAt, now }: { dueAt: string | null | undefined; now: number }) {
  const standing = dueStanding(dueAt, now);
  return <span className={standing.overdue ? 'overdue' : undefined}>{standing.text}</span>;
}
