import { useEffect, useState } from 'react';
import { describeRule, minIntervalMinutes, type ScheduleRule, type ScheduleSettings } from '../../../../shared/sync/schedule';
import { syncDatasetLabels, syncDatasets } from '../../../../shared/sync/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useSync } from './store';

/** Background sync's settings: on or off, and per dataset whether and when it runs. */
export function BackgroundSyncSettings() {
  const { schedule, scheduleError, saveSchedule } = useSync();
  const [draft, setDraftState] = useState<ScheduleSettings | null>(schedule?.settings ?? null);
  // Edits not saved yet survive the reloads every finished sync brings (a new object, the same
  // settings); the draft follows the saved settings only while it holds no edit of its own.
  const [editing, setEditing] = useState(false);
  const saved = schedule ? JSON.stringify(schedule.settings) : null;
  useEffect(() => {
    if (!editing) setDraftState(schedule?.settings ?? null);
  }, [saved, editing]);
  if (!schedule || !draft) return null;

  const setDraft = (next: ScheduleSettings) => {
    setDraftState(next);
    setEditing(true);
  };
  const save = async (settings: ScheduleSettings | null) => {
    if (await saveSchedule(settings)) setEditing(false);
  };
  const setRule = (dataset: (typeof syncDatasets)[number], rule: ScheduleRule) => setDraft({ ...draft, datasets: { ...draft.datasets, [dataset]: { ...draft.datasets[dataset], rule } } });
  const changed = JSON.stringify(draft) !== JSON.stringify(schedule.settings);

  return (
    <details className="card background-sync" data-testid="background-sync-settings">
      <summary>
        <strong>Background sync</strong>{' '}
        <span className="small muted">
          {!schedule.available
            ? 'off for this run of the console (started with --no-background-sync)'
            : schedule.settings.enabled
              ? 'keeps the cache fresh by itself while the console runs'
              : 'off: data is fetched only when you press Sync'}
        </span>
      </summary>
      <label className="background-sync-toggle">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> Sync in the background
      </label>
      <table className="background-sync-rules">
        <thead>
          <tr>
            <th scope="col">Dataset</th>
            <th scope="col">On</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {syncDatasets.map((d) => {
            const s = draft.datasets[d];
            return (
              <tr key={d}>
                <th scope="row">{syncDatasetLabels[d]}</th>
                <td>
                  <input type="checkbox" aria-label={`Sync ${syncDatasetLabels[d]} in the background`} checked={s.enabled} disabled={!draft.enabled} onChange={(e) => setDraft({ ...draft, datasets: { ...draft.datasets, [d]: { ...s, enabled: e.target.checked } } })} />
                </td>
                <td>
                  {s.rule.kind === 'every' ? (
                    <label>
                      every{' '}
                      <input
                        type="number"
                        min={minIntervalMinutes}
                        max={1440}
                        step={5}
                        value={s.rule.minutes}
                        aria-label={`${syncDatasetLabels[d]}: minutes between syncs`}
                        onChange={(e) => setRule(d, { kind: 'every', minutes: Number(e.target.value) })}
                      />{' '}
                      minutes
                    </label>
                  ) : s.rule.kind === 'daily' ? (
                    <label>
                      daily at <input type="time" value={s.rule.at} aria-label={`${syncDatasetLabels[d]}: time of day`} onChange={(e) => e.target.value && setRule(d, { kind: 'daily', at: e.target.value })} />
                    </label>
                  ) : (
                    <span>{describeRule(s.rule)} in the stores’ time zones</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {scheduleError && <ErrorMessage error={scheduleError} />}
      <div className="background-sync-actions">
        <button className="primary" disabled={!changed} onClick={() => void save(draft)}>
          Save schedule
        </button>
        <button onClick={() => void save(null)}>Back to the defaults</button>
      </div>
    </details>
  );
}
