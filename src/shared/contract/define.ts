import type { z } from 'zod';

/** One call of the contract: its validated input, its output type (phantom) and a line of docs. */
export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly doc: string;
  /** Never set at run time; carries the output type for inference. */
  readonly output?: O;
}

/** `call<Output>()(inputSchema, doc)`: the output type is named, the input type is inferred. */
export function call<O>() {
  return <I extends z.ZodType>(input: I, doc: string): CallSpec<I, O> => ({ input, doc });
}

export interface EventSpec<P> {
  readonly doc: string;
  readonly payload?: P;
}

export function event<P>(doc: string): EventSpec<P> {
  return { doc };
}
