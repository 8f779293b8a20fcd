import { useEffect, useRef, type ReactNode } from 'react';
import './keyboard.css';
import { useKeyboard } from './store';

/**
 * The keyboard layer's modal (shortcuts, About): a backdrop that closes on a click outside, a titled
 * head with Close (focused on open), and the keys that close it. `trapTab` keeps the focus on Close
 * when it is the dialog's only control.
 */
export function ModalDialog({ title, titleId, className, closeKeys = ['Escape'], trapTab = false, children }: { title: string; titleId: string; className?: string; closeKeys?: string[]; trapTab?: boolean; children: ReactNode }) {
  const close = useKeyboard((s) => s.close);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  return (
    <div className="kb-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className={className ? `kb-dialog ${className}` : 'kb-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => {
          if (closeKeys.includes(e.key)) {
            e.preventDefault();
            close();
          } else if (trapTab && e.key === 'Tab') e.preventDefault();
        }}
      >
        <div className="kb-dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button ref={closeButton} type="button" onClick={() => close()}>
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
