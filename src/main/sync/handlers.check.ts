import type { syncCalls } from '../../shared/sync/contract';
import type { HandlersFor } from '../core/handlers';
import type { syncHandlers } from './handlers';

// Compile-time proof that the handlers match the contract table (no runtime code).
export type SyncHandlersMatchContract = ReturnType<typeof syncHandlers> extends HandlersFor<typeof syncCalls> ? true : never;
const proof: SyncHandlersMatchContract = true;
void proof;
