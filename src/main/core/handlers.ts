import type { CallName, CallOutput, CallParsedInput } from '../../shared/contract/calls';

/** A call's implementation: it receives input already validated by the contract's schema. */
export type Handler<K extends CallName> = (input: CallParsedInput<K>) => Promise<CallOutput<K>>;

/** One handler per call of the contract; a call without a handler fails the type check. */
export type Handlers = { [K in CallName]: Handler<K> };

export type HandlersFor<T> = { [K in keyof T & CallName]: Handler<K> };
