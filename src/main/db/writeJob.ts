/** A value bound to a statement's parameter. */
export type SqlValue = string | number | null;

/**
 * A unit of cache writes that must land whole: statements, each run once per parameter row, in
 * order, inside one transaction. A job carries SQL and plain values only, so it can be handed to
 * the sync's writer thread by structured clone. Defined here, below every feature, so the features
 * that hand their writes to the writer (sync, administration) share one shape; sync/writer runs it.
 */
export interface WriteJob {
  steps: WriteStep[];
}

export interface WriteStep {
  sql: string;
  rows: SqlValue[][];
  /** The rows this step changes count as the job's result (rows written). */
  counted?: boolean;
  /** The job's result is the rowid this step inserted (one parameter row). */
  returnId?: boolean;
  /** Run the statement again while it changes rows, each pass its own transaction (chunked deletes). */
  untilNoChange?: boolean;
}
