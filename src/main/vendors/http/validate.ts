import type { z } from 'zod';
import { AppError } from '../../../shared/contract/errors';

/** Parses a body as JSON; a broken body is `bad_response` naming the vendor, not a crash. */
export function parseJsonBody(vendor: string, what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // The vendors' own documented examples carry trailing commas (`{"a": 1,}`); accept exactly that.
    const relaxed = withoutTrailingCommas(text);
    if (relaxed !== text) {
      try {
        return JSON.parse(relaxed);
      } catch {
        // still broken: report the original problem
      }
    }
    const reason = e instanceof Error ? e.message : 'unreadable';
    if (/^\s*</.test(text)) {
      // HTML where JSON belongs: a proxy's, a captive portal's or a sign-in page.
      throw new AppError('bad_response', `${vendor} answered with a web page instead of data while trying to ${what}: a proxy or a sign-in page may be in the way.`, `${text.length} bytes of HTML: ${text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120)}`);
    }
    throw new AppError('bad_response', `${vendor} sent an answer the console could not read while trying to ${what}.`, `invalid JSON (${text.length} bytes): ${reason}`);
  }
}

/**
 * Lenient validation: schemas are objects that ignore unknown fields; when a field the console
 * needs is missing or of the wrong kind the error names it (e.g. `cameras[3].store_uuid`).
 */
export function validateBody<S extends z.ZodType>(vendor: string, what: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? fieldPath(issue.path) : '(root)';
  const problem = issue?.message ?? 'invalid';
  throw new AppError('bad_response', `${vendor} sent data the console could not use while trying to ${what}: field ${field} is wrong.`, `${field}: ${problem}`);
}

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function parseAndValidate<S extends z.ZodType>(vendor: string, what: string, schema: S, text: string): z.output<S> {
  return validateBody(vendor, what, schema, parseJsonBody(vendor, what, text));
}

/** Removes commas that directly precede `}` or `]`, outside strings. */
export function withoutTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += c;
  }
  return out;
}

/** Entries validated between two pauses of the event loop. */
const entriesPerSlice = 500;

/**
 * Validates a long list (an answer of thousands of entries) a slice at a time, letting timers and
 * I/O run between slices, so one large answer never holds the event loop; an error names the
 * entry by its index in the whole list (`nodes[4211].uuid`).
 */
export async function validateListInSlices<S extends z.ZodType>(vendor: string, what: string, item: S, items: readonly unknown[], listName: string): Promise<Array<z.output<S>>> {
  const out: Array<z.output<S>> = [];
  for (let start = 0; start < items.length; start += entriesPerSlice) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const end = Math.min(items.length, start + entriesPerSlice);
    for (let i = start; i < end; i++) {
      const result = item.safeParse(items[i]);
      if (!result.success) {
        const issue = result.error.issues[0];
        const field = `${listName}[${i}]${issue && issue.path.length > 0 ? (typeof issue.path[0] === 'number' ? '' : '.') + fieldPath(issue.path) : ''}`;
        throw new AppError('bad_response', `${vendor} sent data the console could not use while trying to ${what}: field ${field} is wrong.`, `${field}: ${issue?.message ?? 'invalid'}`);
      }
      out.push(result.data);
    }
  }
  return out;
}
