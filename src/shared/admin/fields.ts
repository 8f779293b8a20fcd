/**
 * The location fields RetailNext lets the API change (PUT /v2/location/<uuid>, POST
 * /v2/location/create), each with where the document says it applies, and how a value typed by a
 * person or read from a CSV cell becomes what is sent.
 */

export type LocationKind = 'region' | 'store' | 'sublocation';
export const sublocationTypes = ['entrance', 'fitting_room', 'display', 'other'] as const;
export type SublocationType = (typeof sublocationTypes)[number];

export const locationFieldIds = [
  'name',
  'parent_uuid',
  'location_type',
  'area',
  'occupancy_limit',
  'bandwidth_limit_kilobits_per_second',
  'aggregate_to_parent',
  'aggregate_to_store',
] as const;
export type LocationFieldId = (typeof locationFieldIds)[number];
export type FieldValue = string | number | boolean;

export interface LocationField {
  id: LocationFieldId;
  label: string;
  /** Where the document says the field applies. */
  appliesTo: readonly LocationKind[];
  kind: 'text' | 'uuid' | 'integer' | 'number' | 'boolean' | 'sublocation_type';
  /** The document's own words on the field, shown beside it. */
  note: string;
}

export const locationFields: readonly LocationField[] = [
  { id: 'name', label: 'Name', appliesTo: ['region', 'store', 'sublocation'], kind: 'text', note: 'Name of the location.' },
  { id: 'parent_uuid', label: 'Parent', appliesTo: ['region', 'store', 'sublocation'], kind: 'uuid', note: 'Moves the location beneath the given parent: a store under a region, a region under a region, a sublocation under a store.' },
  { id: 'location_type', label: 'Sublocation type', appliesTo: ['sublocation'], kind: 'sublocation_type', note: 'entrance, fitting_room, display or other.' },
  { id: 'area', label: 'Area (sq ft)', appliesTo: ['store', 'sublocation'], kind: 'number', note: 'Area in square feet (only stores and sublocations).' },
  { id: 'occupancy_limit', label: 'Occupancy limit', appliesTo: ['store'], kind: 'integer', note: 'Occupancy limit (only stores).' },
  {
    id: 'bandwidth_limit_kilobits_per_second',
    label: 'Bandwidth limit (kbit/s)',
    appliesTo: ['store'],
    kind: 'integer',
    note: 'Custom outbound bandwidth limit of a store, only when global bandwidth limits are enabled. 0 clears the custom limit: the store goes back to the global limit.',
  },
  { id: 'aggregate_to_parent', label: 'Aggregate to parent', appliesTo: ['sublocation'], kind: 'boolean', note: 'true or false (only sublocations).' },
  { id: 'aggregate_to_store', label: 'Aggregate to store', appliesTo: ['sublocation'], kind: 'boolean', note: 'true or false (only sublocations, when floor level conversion is enabled).' },
];

export const fieldById = (id: LocationFieldId): LocationField => locationFields.find((f) => f.id === id)!;

export function kindOfType(locationType: string): LocationKind {
  return locationType === 'region' ? 'region' : locationType === 'store' ? 'store' : 'sublocation';
}

export const kindLabel: Record<LocationKind, string> = { region: 'a region', store: 'a store', sublocation: 'a sublocation' };

export function appliesTo(field: LocationFieldId, kind: LocationKind): boolean {
  return fieldById(field).appliesTo.includes(kind);
}

/** Why a field cannot be set on a location of this kind, or null when it can. */
export function fieldNotApplicable(field: LocationFieldId, kind: LocationKind): string | null {
  const f = fieldById(field);
  if (f.appliesTo.includes(kind)) return null;
  const where = f.appliesTo.map((k) => (k === 'sublocation' ? 'sublocations' : `${k}s`)).join(' and ');
  return `${f.label} only applies to ${where}; this is ${kindLabel[kind]}.`;
}

const maxInt = 2_147_483_647;
const uuidLike = /^[0-9A-Za-z][0-9A-Za-z-]{0,63}$/;

/**
 * Reads a value typed by a person or found in a CSV cell. Returns the value to send, or the reason
 * it cannot be sent in words. Numbers accept no thousands separators or units: "1,200" is refused
 * rather than guessed.
 */
export function parseFieldValue(field: LocationFieldId, raw: string): { ok: true; value: FieldValue } | { ok: false; reason: string } {
  const f = fieldById(field);
  const text = raw.trim();
  switch (f.kind) {
    case 'text':
      if (text === '') return { ok: false, reason: `${f.label} cannot be empty.` };
      if (text.length > 255) return { ok: false, reason: `${f.label} is longer than 255 characters.` };
      return { ok: true, value: text };
    case 'uuid':
      if (!uuidLike.test(text)) return { ok: false, reason: `"${clip(text)}" is not a location UUID.` };
      return { ok: true, value: text };
    case 'sublocation_type':
      if (!(sublocationTypes as readonly string[]).includes(text)) return { ok: false, reason: `"${clip(text)}" is not a sublocation type (entrance, fitting_room, display or other).` };
      return { ok: true, value: text };
    case 'boolean': {
      const t = text.toLowerCase();
      if (t === 'true' || t === 'yes' || t === '1') return { ok: true, value: true };
      if (t === 'false' || t === 'no' || t === '0') return { ok: true, value: false };
      return { ok: false, reason: `${f.label} must be true or false, not "${clip(text)}".` };
    }
    case 'integer':
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, reason: `${f.label} must be a number, not "${clip(text)}".` };
      const n = Number(text);
      if (n < 0) return { ok: false, reason: `${f.label} cannot be negative.` };
      if (f.kind === 'integer' && !Number.isInteger(n)) return { ok: false, reason: `${f.label} must be a whole number, not ${text}.` };
      if (n > maxInt) return { ok: false, reason: `${f.label} is too large.` };
      return { ok: true, value: n };
    }
  }
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** How a value reads in a preview or the change log. */
export function formatFieldValue(field: LocationFieldId, v: FieldValue | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (field === 'bandwidth_limit_kilobits_per_second' && v === 0) return '0 (back to the global limit)';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}
