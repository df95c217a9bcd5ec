interface Stoppable {
  stop(): Promise<void>;
}

export default async function e2eGlobalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__dubanStack as
    { pg: Stoppable; temporal: Stoppable } | undefined;
  if (!stack) return;
  await stack.temporal.stop();
  await stack.pg.stop();
}
