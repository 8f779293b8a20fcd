import { AppError } from '../../shared/contract/errors';
import type { ConnectionsService } from '../connections/service';
import { RetailNextClient } from '../vendors/retailnext/client';

/** A RetailNext client for a saved connection; refuses other vendors in words. */
export async function retailNextClient(connections: ConnectionsService, connectionId: string, signal?: AbortSignal): Promise<RetailNextClient> {
  const conn = connections.get(connectionId);
  if (conn.vendor !== 'retailnext') throw new AppError('invalid_input', 'Video comes from RetailNext connections only; pick a RetailNext connection.');
  return new RetailNextClient(await connections.targetOf(connectionId, signal));
}
