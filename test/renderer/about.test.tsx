import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AboutDialog } from '../../src/renderer/src/features/about/AboutDialog';
import { useKeyboard } from '../../src/renderer/src/features/keyboard/store';
import { restartDecision, type UpdatePhase } from '../../src/shared/updates/updatePolicy';
import { startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';

afterEach(() => {
  cleanup();
  useKeyboard.setState({ open: null, returnTo: null });
});

const line = () => screen.getByTestId('updates-line');

describe('the About dialog', () => {
  it('shows the version and says in browser mode that updates are off, and why', async () => {
    useCoreForRenderer(startTestCore({ shell: 'browser', version: '1.4.0' }));
    render(<AboutDialog />);
    expect(await screen.findByText('1.4.0')).toBeTruthy();
    expect(line().textContent).toMatch(/^Updates are off: this is browser mode; update the console where it is installed/);
    expect(screen.queryByRole('button', { name: 'Restart now' })).toBeNull();
  });

  it('follows the desktop updater the shell reports, and asks the shell before restarting (never during an export)', async () => {
    // The shell's side as the desktop app runs it: the one restart decision, with one export still running.
    const shell = { phase: { phase: 'idle' } as UpdatePhase, exportsRunning: 1, restarts: 0 };
    const core = startTestCore({
      shell: 'desktop',
      version: '3.2.0',
      shellServices: {
        restartToUpdate: async () => {
          const decision = restartDecision(shell);
          if (!decision.restart) return decision.reason;
          shell.restarts++;
          return null;
        },
      },
    });
    useCoreForRenderer(core);
    render(<AboutDialog />);
    expect(await screen.findByText('3.2.0')).toBeTruthy();
    expect(line().textContent).toBe('Updates: on — not checked yet (the first check is shortly after start)');

    act(() => core.updates.set({ offReason: null, phase: (shell.phase = { phase: 'downloading', version: '3.2.1', percent: 40.2 }), checkedAt: Date.now() }));
    expect(line().textContent).toBe('Updates: on — downloading 3.2.1 (40%)');
    expect(screen.queryByRole('button', { name: 'Restart now' })).toBeNull();

    act(() => core.updates.set({ offReason: null, phase: (shell.phase = { phase: 'ready', version: '3.2.1' }), checkedAt: Date.now() }));
    expect(line().textContent).toMatch(/^Updates: on — 3\.2\.1 is ready/);
    fireEvent.click(screen.getByRole('button', { name: 'Restart now' }));
    expect((await screen.findByRole('status')).textContent).toBe('Not restarting yet: 1 export is still running; restart once it finishes.');
    expect(shell.restarts).toBe(0);

    shell.exportsRunning = 0;
    fireEvent.click(screen.getByRole('button', { name: 'Restart now' }));
    await act(async () => {
      for (let i = 0; i < 50 && shell.restarts === 0; i++) await new Promise((r) => setTimeout(r, 10));
    });
    expect(shell.restarts).toBe(1);
    expect(screen.queryByRole('status')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('button', { name: 'Restart now' })).toBeNull();
    expect(line().textContent).toMatch(/open About again and choose Restart now/);

    act(() => core.updates.set({ offReason: 'the Demo workspace is on, so a demonstration never changes version part-way.', phase: { phase: 'idle' }, checkedAt: null }));
    expect(line().textContent).toMatch(/^Updates are off: the Demo workspace is on/);
  });

  it('closes with Escape', async () => {
    useCoreForRenderer(startTestCore());
    useKeyboard.setState({ open: 'about' });
    render(<AboutDialog />);
    await screen.findByText('0.0.0-test');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(useKeyboard.getState().open).toBeNull();
  });
});
