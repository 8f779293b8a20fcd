import { flowKpiAnswerJob, type FlowKpiAnswer } from '../flowKpiAnswer';
import type { WriteJob } from './job';

/**
 * What the writer is handed: a job, or a vendor answer it turns into one itself (on the writer
 * thread, off the core's loop). Plain values only, so it crosses to the thread by structured clone.
 */
export type WriterInput = WriteJob | { flowKpiAnswer: FlowKpiAnswer };

/** The job of an input; reading a vendor answer may throw its `bad_response`. */
export function jobOf(input: WriterInput): WriteJob {
  return 'steps' in input ? input : flowKpiAnswerJob(input.flowKpiAnswer);
}

/** The size of a vendor answer's body (0 for a job). */
export function answerBytes(input: WriterInput): number {
  return 'steps' in input ? 0 : input.flowKpiAnswer.body.byteLength;
}

/**
 * The rows a vendor answer not read yet is taken to weigh (it only decides when the writer stops
 * gathering): its size at the rows per byte of the answers read before, or at first its stores'
 * days of hours (24, 25 on a clock change) with their marks.
 */
export function answerWeight(input: WriterInput, rowsPerByte: number | null): number {
  if ('steps' in input) return 0;
  return rowsPerByte === null ? input.flowKpiAnswer.storeKeys.length * 28 : Math.ceil(answerBytes(input) * rowsPerByte);
}

/** Whether the writer reads the input itself (its time is counted apart from SQLite's). */
export function isVendorAnswer(input: WriterInput): boolean {
  return !('steps' in input);
}

/**
 * What to move to the writer thread rather than copy: a vendor answer's bytes, when they own their
 * memory (a small Buffer is a slice of Node's shared pool, which must stay here: it is copied).
 * The caller must not use the answer after handing it over.
 */
export function transferablesOf(input: WriterInput): ArrayBuffer[] {
  if ('steps' in input) return [];
  const body = input.flowKpiAnswer.body;
  const own = body.buffer instanceof ArrayBuffer && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
  return own ? [body.buffer as ArrayBuffer] : [];
}
