import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setApiClient, type ApiClient } from '../../src/renderer/src/api/client';
import { CoreStatusBanner } from '../../src/renderer/src/ui/CoreStatusBanner';
import type { CoreStatus } from '../../src/shared/app/contract';
import { fail } from '../../src/shared/contract/errors';

afterEach(cleanup);

describe('core status banner', () => {
  it('says the core stopped and is restarting, then that it runs again, and goes away', async () => {
    let push: ((status: CoreStatus) => void) | null = null;
    const client: ApiClient = {
      call: async () => fail('internal', 'not used here'),
      subscribe: ((name: string, listener: (payload: CoreStatus) => void) => {
        if (name === 'app.coreStatus') push = listener;
        return () => (push = null);
      }) as ApiClient['subscribe'],
    };
    setApiClient(client);
    render(<CoreStatusBanner />);
    expect(screen.queryByTestId('core-status')).toBeNull();
    act(() => push!({ state: 'restarting', message: "The console's core stopped unexpectedly and is restarting. Try again in a moment." }));
    const banner = screen.getByTestId('core-status');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toMatch(/stopped unexpectedly and is restarting.*What was on screen stays/);
    act(() => push!({ state: 'running', message: 'The console is running again.' }));
    expect(screen.getByTestId('core-status').textContent).toBe('The console is running again.');
    expect(screen.getByTestId('core-status').getAttribute('data-state')).toBe('running');
  });
});
