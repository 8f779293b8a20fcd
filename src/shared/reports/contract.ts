import { z } from 'zod';
import { call } from '../contract/define';
import { lastYearMatches } from './time';
import { granularities, type HeatmapResult, type PredictionFetchResult, type ReportNode, type ReportResult } from './types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 2026-04-19.');
const nodeId = z.string().min(1).max(200);
/** Two years of days: a report and its comparison periods stay within what a cache holds. */
const maxRangeDays = 731;

const range = z
  .object({ nodeId, from: day, to: day })
  .strict()
  .refine((v) => v.from <= v.to, { message: 'The first day comes after the last day.' })
  .refine((v) => (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 < maxRangeDays, { message: `A report covers at most ${maxRangeDays} days.` });

export const reportsCalls = {
  'reports.tree': call<ReportNode[]>()(z.object({}).strict(), 'The regions and stores reports can run over (from the cached RetailNext locations), under "All stores".'),
  'reports.run': call<ReportResult>()(
    z.object({
      nodeId, from: day, to: day, granularity: z.enum(granularities), lastYear: z.enum(lastYearMatches).default('weekday'),
      hours: z.array(z.number().int().min(0, 'Hours are 0 to 23.').max(23, 'Hours are 0 to 23.')).min(1, 'Choose at least one hour.').max(24).optional(),
    }).strict(),
    'A report over the cache for a region or store and a range of days, by 15 minutes (Exteros), hour, day, week or month, for chosen hours of the day (hours: 15-minute and hour reports of stores Exteros covers), with comparisons (the previous period: by month, the previous calendar months; last year: the same weekdays 364 days earlier, or the same dates) and gaps.',
  ),
  'reports.heatmap': call<HeatmapResult>()(range, 'Average traffic by day of week and hour, and the peak hours, over a range (from the cached hourly counts).'),
  'reports.fetchPredictions': call<PredictionFetchResult>()(
    z.object({ nodeId, days: z.number().int().min(1).max(14).default(7) }).strict(),
    'Fetches RetailNext predicted traffic of the coming days for the stores of a node and keeps it for predicted-against-actual.',
  ),
  'reports.exportPdf': call<{ saved: true; path: string } | { saved: false; reason: string }>()(
    z.object({ fileName: z.string().regex(/^[A-Za-z0-9 ._-]{1,120}\.pdf$/, 'A PDF file name of letters, digits, spaces, dots, dashes.') }).strict(),
    'Prints the current report page to a PDF in the data folder (desktop); browser mode answers saved: false and prints from the page.',
  ),
} as const;
