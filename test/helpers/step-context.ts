import { randomUUID } from 'node:crypto';
import { Role, type Actor, type StepContext } from '../../libs/contracts/src/identity.js';

/** Seeded people (libs/identity/src/seed/reference-data.ts) as the workflows see them. */
export const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
export const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
export const head: Actor = { userId: 'head.amr', role: Role.UnitHead, unitId: 'amr' };
export const police: Actor = { userId: 'liaison.police', role: Role.PoliceLiaison, unitId: 'police' };

/** A human step's context: who, a fresh request id, and why. */
export const ctx = (actor: Actor, reason?: string): StepContext => ({
  actor,
  requestId: `req-${randomUUID()}`,
  reason,
});
