/**
 * Binds the public methods of @Injectable activity classes into the plain object the worker registers,
 * keeping `this` so that injected repositories work.
 */
export function bindActivities(
  ...instances: object[]
): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const activities: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const instance of instances) {
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = prototype[name];
      if (name === 'constructor' || typeof member !== 'function') continue;
      if (Object.hasOwn(activities, name)) throw new Error(`Two activity classes define ${name}`);
      activities[name] = (member as (...args: unknown[]) => Promise<unknown>).bind(instance);
    }
  }
  return activities;
}
