import type { CallName, CallOutput, CallParsedInput } from '../../shared/contract/calls';
import type { CallContext } from './context';
import type { JsonText } from './jsonText';

/**
 * A call's implementation: it receives input already validated by the contract's schema and the
 * call's context (its abort signal), and answers the value, or the value as JSON text when a read
 * worker made it (see jsonText.ts).
 */
export type Handler<K extends CallName> = (input: CallParsedInput<K>, call: CallContext) => Promise<CallOutput<K> | JsonText<CallOutput<K>>>;

/** One handler per call of the contract; a call without a handler fails the type check. */
export type Handlers = { [K in CallName]: Handler<K> };

export type HandlersFor<T> = { [K in keyof T & CallName]: Handler<K> };
