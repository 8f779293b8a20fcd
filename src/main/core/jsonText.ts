/**
 * A call's answer already serialised (by a read worker): the core hands it to its clients as it is,
 * so an answer made off the core's loop is never parsed nor serialised again on it. `T` is the
 * value the text encodes.
 */
export class JsonText<T = unknown> {
  declare readonly valueType?: T;
  constructor(readonly text: string) {}
}

/** The Result of a call as JSON text, splicing an answer that is JSON text already. */
export function resultJson(result: { ok: true; value: unknown } | { ok: false; error: unknown }): string {
  if (result.ok && result.value instanceof JsonText) return `{"ok":true,"value":${result.value.text}}`;
  return JSON.stringify(result);
}

/** The Result as a value (in-process callers: tests, benches), parsing an answer given as text. */
export function resultValue<R extends { ok: boolean; value?: unknown }>(result: R): R {
  if (result.ok && result.value instanceof JsonText) return { ...result, value: JSON.parse(result.value.text) as unknown };
  return result;
}
