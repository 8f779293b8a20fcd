import type { AppError } from '../../shared/contract/errors';
import { RequestRefused } from '../vendors/http/errors';

/** What one request of the board brought back for a group of stores: their answer, or the vendor's refusal. */
export type GroupOutcome<S, A> = { stores: S[]; answer: A } | { stores: S[]; refused: AppError };

/**
 * Asks for a group of stores; when the vendor refuses the group as asked, asks for each half, and so
 * on, until the stores it refuses stand alone: one store's refusal costs that store's row, not the
 * whole board. `budget.requests` bounds the extra requests spent on halving (a refusal of every store
 * alike would otherwise cost two requests a store); a group still refused when it runs out keeps the
 * refusal for all its stores. Any other error (offline, credentials, a broken answer) is the
 * connection's and is thrown.
 */
export async function readSplittingRefusals<S, A>(stores: S[], read: (stores: S[]) => Promise<A>, budget: { requests: number }): Promise<Array<GroupOutcome<S, A>>> {
  try {
    return [{ stores, answer: await read(stores) }];
  } catch (e) {
    if (!(e instanceof RequestRefused)) throw e;
    if (stores.length === 1 || budget.requests < 2) return [{ stores, refused: e }];
    budget.requests -= 2;
    const half = Math.ceil(stores.length / 2);
    const first = await readSplittingRefusals(stores.slice(0, half), read, budget);
    return [...first, ...(await readSplittingRefusals(stores.slice(half), read, budget))];
  }
}
