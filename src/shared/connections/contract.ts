import { z } from 'zod';
import { call } from '../contract/define';
import type { ConnectionTestReport, ConnectionView } from './types';
import { baseUrlProblem } from './url';

const name = z.string().trim().min(1, 'Give the connection a name.').max(100);
const secret = z.string().min(1).max(4096);
const baseUrl = z
  .string()
  .trim()
  .max(2048)
  .nullable()
  .optional()
  .transform((v) => (v ? v.replace(/\/+$/, '') : null))
  .superRefine((v, ctx) => {
    const problem = v === null ? null : baseUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Unknown connection id.');

/** Editing without a secret keeps the one in the keychain; adding requires it. */
export const connectionInput = z.discriminatedUnion('vendor', [
  z.object({
    vendor: z.literal('retailnext'),
    id: id.optional(),
    name,
    baseUrl,
    subscription: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'The subscription is the first part of your RetailNext address (letters, digits, dashes).'),
    accessKey: z.string().trim().min(1, 'The access key is required.').max(256),
    secretKey: secret.optional(),
  }).strict(),
  z.object({
    vendor: z.literal('flow'),
    id: id.optional(),
    name,
    baseUrl,
    storeCodes: z.array(z.string().trim().min(1).max(64).refine((c) => c !== '*', 'Flow does not accept the * wildcard; list the store codes.')).max(10_000),
    language: z.string().trim().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'Use a language code such as en or fr.').default('en'),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR or USD.').optional(),
    apiKey: secret.optional(),
  }).strict(),
  z.object({
    vendor: z.literal('exteros'),
    id: id.optional(),
    name,
    baseUrl,
    apiKey: secret.optional(),
  }).strict(),
]);
export type ConnectionInput = z.input<typeof connectionInput>;

export const connectionCalls = {
  'connections.list': call<ConnectionView[]>()(z.object({}).strict(), 'Every saved connection, without secrets (only whether one is set).'),
  'connections.save': call<ConnectionView>()(connectionInput, 'Adds a connection (no id) or edits one (id); a secret, when given, goes to the OS keychain only.'),
  'connections.remove': call<{ removed: true }>()(z.object({ id }).strict(), 'Removes a connection, its keychain entry and its cached data.'),
  'connections.test': call<ConnectionTestReport>()(z.object({ id }).strict(), 'Calls a cheap endpoint of the vendor with the saved credentials and says what happened.'),
} as const;
