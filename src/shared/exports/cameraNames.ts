/** How cameras are named to a person: by their name, with a MAC tail only where two share a name. */

/** The last three bytes of a MAC address, e.g. "20:C3:A4:60:FB:CB" -> "60FBCB" (or the id's last 6 letters/digits). */
export function macTail(mac: string | null | undefined): string {
  const hex = (mac ?? '').replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return hex.slice(-6);
}

const nameKey = (name: string) => name.trim().toLocaleLowerCase();

/** The names that more than one of the cameras has (compared without case and outer spaces). */
export function sharedNames(cameras: ReadonlyArray<{ name: string }>): Set<string> {
  const seen = new Map<string, number>();
  for (const c of cameras) seen.set(nameKey(c.name), (seen.get(nameKey(c.name)) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

/** Whether this camera's name is one of `shared`. */
export function isNameShared(camera: { name: string }, shared: Set<string>): boolean {
  return shared.has(nameKey(camera.name));
}

/** "Aisle", or "Aisle (60FBCB)" when another camera has the same name and the MAC is known. */
export function cameraLabel(camera: { name: string; mac?: string | null }, shared: boolean): string {
  const tail = shared ? macTail(camera.mac) : '';
  return tail ? `${camera.name} (${tail})` : camera.name;
}
