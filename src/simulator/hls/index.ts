// Stub created by sim A so the server wiring compiles; sim B owns this file and replaces it.
export function register(..._args: unknown[]): void {}
