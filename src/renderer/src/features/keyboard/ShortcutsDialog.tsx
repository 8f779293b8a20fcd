import { commandShortcuts, placeKeys, shortcutText, viewShortcuts } from '../../../../shared/app/shortcuts';
import { isMacPlatform } from './keys';
import { ModalDialog } from './ModalDialog';

const Keys = ({ text }: { text: string }) => (
  <span className="kb-keys">
    {text.split(' ').map((k, i) => (
      <kbd key={i}>{k}</kbd>
    ))}
  </span>
);

/** The keyboard shortcuts, read from the one table (src/shared/app/shortcuts.ts): ?, Ctrl+/, the palette, Help menu. */
export function ShortcutsDialog() {
  const mac = isMacPlatform(navigator.platform);

  return (
    <ModalDialog title="Keyboard shortcuts" titleId="kb-dialog-title" closeKeys={['Escape', '?']} trapTab>
      <div className="kb-dialog-body">
        <section aria-labelledby="kb-sec-views">
          <h3 id="kb-sec-views">Go to a view</h3>
          <p className="small muted">Press the keys together, or g and then the letter (not while typing in a field).</p>
          <table className="kb-table">
            <tbody>
              {viewShortcuts.map((s) => (
                <tr key={s.view}>
                  <td>{s.label}</td>
                  <td>
                    <Keys text={shortcutText(s.accelerator, mac)} />
                  </td>
                  <td>
                    <Keys text={s.keys} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div>
          <section aria-labelledby="kb-sec-anywhere">
            <h3 id="kb-sec-anywhere">Anywhere</h3>
            <table className="kb-table">
              <tbody>
                {commandShortcuts.map((c) => (
                  <tr key={c.command}>
                    <td>{c.label}</td>
                    <td>
                      <Keys text={shortcutText(c.accelerator, mac)} />
                    </td>
                    <td>{c.key && <Keys text={c.key} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {placeKeys.map((p) => (
            <section key={p.place} aria-label={p.place}>
              <h3>{p.place}</h3>
              <table className="kb-table">
                <tbody>
                  {p.keys.map((k) => (
                    <tr key={k.keys}>
                      <td>{k.label}</td>
                      <td colSpan={2}>
                        <Keys text={k.keys} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </div>
    </ModalDialog>
  );
}
