/** RetailNext's alert types in words (the API sends codes such as "connectiondown"). */
const typeWords: Record<string, string> = {
  connectiondown: 'Connection down',
  appliancedown: 'Appliance down',
  cameradown: 'Camera down',
  sensordown: 'Sensor down',
  storagefull: 'Storage full',
  diskfull: 'Disk full',
  recordingstopped: 'Recording stopped',
  clockdrift: 'Clock drift',
};

/** "connectiondown" -> "Connection down"; an unknown code is shown as sent, with "down" etc. split off when it ends so. */
export function alertTypeLabel(type: string): string {
  const known = typeWords[type.toLowerCase()];
  if (known) return known;
  const m = /^([a-z]+?)(down|up|full|stopped|failed|offline)$/i.exec(type);
  const words = m ? `${m[1]} ${m[2]}` : type.replace(/[_-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** The alert severities a filter offers: "resolved" is a status (open or resolved), not a severity. */
export function severityChoices(severities: readonly string[]): string[] {
  return severities.filter((s) => s !== 'resolved');
}
