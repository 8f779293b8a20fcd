import type { Logger } from './logger';

/**
 * Last line of defence of a console process (the core's host, the browser-mode server): an
 * exception nobody caught or a promise nobody awaited is logged and the process keeps serving,
 * instead of Node's default of printing it and exiting. Each place that can fail still handles
 * its own errors in words for the user; this only keeps one missed case from ending the console.
 * Returns a function that removes the handlers (tests).
 */
export function keepServingOnFailure(log: Logger, proc: NodeJS.Process = process): () => void {
  const onException = (error: unknown, origin: string) =>
    log.log('error', 'uncaught exception; the console keeps running', { origin, error: describe(error) });
  const onRejection = (reason: unknown) => log.log('error', 'unhandled promise rejection; the console keeps running', { error: describe(reason) });
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return `${e.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  }
  return String(e);
}
