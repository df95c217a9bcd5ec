import { Connection } from '@temporalio/client';

/**
 * Succeeds when the Temporal frontend at `address` answers within `timeoutMs`. Uses a connection of its
 * own that is always closed, so no retry of a failed call can outlive the check.
 */
export async function pingTemporal(address: string, timeoutMs: number): Promise<void> {
  const connection = Connection.lazy({ address, connectTimeout: timeoutMs });
  try {
    await connection.ensureConnected();
  } finally {
    await connection.close();
  }
}
