import { z } from 'zod';

/**
 * One hour of one store as Flow sends it. The schema only checks: defaults (a missing count is 0, a
 * numeric store code a string) are filled by normaliseFlowRecord, since zod transforms cost several
 * times the check itself on a sync's thousands of answers of hundreds of rows.
 */
export const flowRecord = z.object({
  storeCode: z.union([z.string(), z.number()]),
  /** Local start of the hour, no zone: "2026-04-19T11:00:00". */
  timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}/, 'expected yyyy-mm-ddThh:mm:ss'),
  // Maps of entrance and group keys as objects with a catchall: the same check as z.record for JSON
  // (keys are strings), about twice as fast.
  traffic: z.object({}).catchall(z.object({ enters: z.number().nullish(), exits: z.number().nullish() })).nullish(),
  demographics: z.object({}).catchall(z.number().nullable()).nullish(),
  sales: z.number().nullish(),
  transactions: z.number().nullish(),
  itemSold: z.number().nullish(),
});
export type FlowRecord = z.output<typeof flowRecord>;

export const flowHourlyResponse = z.object({
  data: z.array(flowRecord).nullable(),
  status: z.number().optional(),
});

/** The eight demographic groups, by the names the documentation gives them. */
export const flowDemographicGroups = {
  group_1: { key: 'male_18_under', label: 'Male ≤18' },
  group_2: { key: 'male_19_44', label: 'Male 19–44' },
  group_3: { key: 'male_45_59', label: 'Male 45–59' },
  group_4: { key: 'male_60_plus', label: 'Male 60+' },
  group_5: { key: 'female_18_under', label: 'Female ≤18' },
  group_6: { key: 'female_19_44', label: 'Female 19–44' },
  group_7: { key: 'female_45_59', label: 'Female 45–59' },
  group_8: { key: 'female_60_plus', label: 'Female 60+' },
} as const;
export type DemographicKey = (typeof flowDemographicGroups)[keyof typeof flowDemographicGroups]['key'];
export type Demographics = Record<DemographicKey, number>;
