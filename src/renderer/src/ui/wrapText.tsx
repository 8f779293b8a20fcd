import type { ReactNode } from 'react';

// A browser wraps "2021-10-03 10:21 UTC" after a hyphen and, with overflow-wrap, an address inside
// "domain.c|om". These keep a date (with its time) on one line, and let an address break only after "@".

const dateTime = /\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?(?: UTC)?/g;

/** The text with each yyyy-mm-dd date (and the time after it) kept on one line. */
export function keepDatesWhole(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(dateTime)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(
      <span key={m.index} className="nowrap">
        {m[0]}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return text;
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

/** An e-mail address that may wrap after its "@" rather than inside a word. */
export function breakAfterAt(address: string): ReactNode {
  const at = address.indexOf('@');
  if (at < 0) return address;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
