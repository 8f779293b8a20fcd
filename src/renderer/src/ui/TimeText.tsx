import { formatDateTime } from '../../../shared/time/format';

/** "2026-12-05 20:39:05" in the machine's zone: the console's one 24-hour format (shared/time/format). */
export function formatTime(iso: string | null | undefined): string {
  return formatDateTime(iso, { seconds: true });
}

/** formatTime's text kept on one line (a browser would wrap "2026-|12-05" at its hyphen). */
export function TimeText({ iso }: { iso: string | null | undefined }) {
  return <span className="nowrap">{formatTime(iso)}</span>;
}
