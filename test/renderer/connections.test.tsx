import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionsView } from '../../src/renderer/src/features/connections/ConnectionsView';
import { useConnections } from '../../src/renderer/src/features/connections/store';
import { startTestCore } from '../support/core';
import { useCoreForRenderer } from '../support/renderer';

afterEach(() => {
  cleanup();
  useConnections.setState({ connections: [], loaded: false, loadError: null, tests: {} });
});

describe('ConnectionsView', () => {
  it('adds a Flow connection through the form; the key is gone from the page once saved', async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    render(<ConnectionsView />);
    await screen.findByText(/No connections yet/);

    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    fireEvent.change(screen.getByLabelText('Vendor'), { target: { value: 'flow' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Flow Paris' } });
    fireEvent.change(screen.getByLabelText('Store codes'), { target: { value: '101, 102' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'flow-key-in-dom?' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));

    const item = await screen.findByTestId('connection');
    expect(item.textContent).toContain('Flow Paris');
    expect(item.textContent).toContain('secret saved in keychain');
    expect(document.body.innerHTML).not.toContain('flow-key-in-dom?');
  });

  it('shows the field-level reason when the core refuses the input', async () => {
    const core = startTestCore();
    useCoreForRenderer(core);
    render(<ConnectionsView />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add connection' }));
    fireEvent.change(screen.getByLabelText('Vendor'), { target: { value: 'exteros' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Ext' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'k' } });
    fireEvent.change(screen.getByLabelText(/Address override/), { target: { value: 'http://vendor.example.com' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/unencrypted/);
    expect(alert.getAttribute('data-code')).toBe('invalid_input');
    await waitFor(() => expect(screen.queryByTestId('connection')).toBeNull());
  });
});
