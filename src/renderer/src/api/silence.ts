/**
 * Watches calls that wait on the core for silence. Calls have no fixed deadline: some are long by
 * nature (a cold tree, a report over years, a vendor that answers slowly, a folder dialog). What gives
 * them up is silence: after `quietMs` with calls waiting and nothing heard from the core, it is asked
 * a cheap question (`probe`); an answer is a sign of life and the calls wait on. No answer within
 * `probeMs` either: `silent` is told how long the core has said nothing.
 */
export interface SilenceWatch {
  /** The core said something (an answer, an event). */
  heard(): void;
  /** A call now waits: starts watching (the silence counts from now), if not already. */
  arm(): void;
}

export function silenceWatch(o: { quietMs: number; probeMs: number; waiting(): number; probe(): Promise<unknown>; silent(seconds: number): void }): SilenceWatch {
  let heardAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const heard = () => void (heardAt = Date.now());
  const watch = () => {
    if (timer || o.waiting() === 0) return;
    timer = setTimeout(
      () => {
        timer = null;
        if (o.waiting() === 0) return;
        if (Date.now() - heardAt < o.quietMs) return watch();
        const askedAt = Date.now();
        o.probe().then(heard, () => undefined);
        timer = setTimeout(() => {
          timer = null;
          if (o.waiting() === 0) return;
          if (heardAt >= askedAt) return watch();
          o.silent(Math.round((Date.now() - heardAt) / 1000));
        }, o.probeMs);
      },
      Math.max(0, heardAt + o.quietMs - Date.now()),
    );
  };
  const arm = () => {
    if (timer) return;
    heard();
    watch();
  };
  return { heard, arm };
}
