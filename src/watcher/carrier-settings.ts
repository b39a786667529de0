// A shop's watcher settings: the PUT /api/settings body, the GET answer (keys never shown), and how a patch applies.
import { z } from 'zod';
import type { CarrierConfig } from '../carriers/config.js';

/** The carriers a shop can give keys for, in the order the settings list them. */
export const CARRIER_IDS = ['bring', 'postnord', 'dhl', 'seventeenTrack'] as const;
export type CarrierId = (typeof CARRIER_IDS)[number];

/** Days without news before an undelivered shipment counts as stalled, when neither shop nor env says. */
export const DEFAULT_STALLED_AFTER_DAYS = 5;
/** The range a merchant may choose (a parcel older than 60 days is no longer watched). */
export const STALLED_AFTER_DAYS_RANGE = [1, 60] as const;

const secret = z.string().trim().min(1).max(500);
const stalledDays = z
  .number()
  .int()
  .min(STALLED_AFTER_DAYS_RANGE[0])
  .max(STALLED_AFTER_DAYS_RANGE[1]);

/** Each carrier's credentials: Bring needs its API user id and key, the others a key. */
export const CarrierKeysSchema = z
  .object({
    bring: z.object({ uid: secret, key: secret }).strict(),
    postnord: z.object({ key: secret }).strict(),
    dhl: z.object({ key: secret }).strict(),
    seventeenTrack: z.object({ key: secret }).strict(),
  })
  .partial();
export type CarrierKeys = z.infer<typeof CarrierKeysSchema>;

/**
 * `PUT /api/settings` body: every field optional; a carrier set to null forgets its keys. Unknown
 * fields are refused (a typo must not look saved). `stalledAfterDays` sets the stalled threshold of
 * every carrier class; `stalledAfterDaysByClass` then sets single classes (src/core/stalled.ts).
 */
export const SettingsPatchSchema = z
  .object({
    carriers: z
      .object({
        bring: CarrierKeysSchema.shape.bring.unwrap().nullable(),
        postnord: CarrierKeysSchema.shape.postnord.unwrap().nullable(),
        dhl: CarrierKeysSchema.shape.dhl.unwrap().nullable(),
        seventeenTrack: CarrierKeysSchema.shape.seventeenTrack.unwrap().nullable(),
      })
      .partial()
      .strict(),
    writeBack: z.boolean(),
    stalledAfterDays: stalledDays,
    stalledAfterDaysByClass: z
      .object({ express: stalledDays, postal: stalledDays, other: stalledDays })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** A shop's settings as stored, keys in clear (in memory only). */
export interface ShopSettings {
  carriers: CarrierKeys;
  writeBack: boolean;
  /** Undefined: the deployment's default. */
  stalledAfterDays: number | undefined;
}

/** `GET /api/settings` (and the PUT answer): whether each carrier has keys, never the keys. */
export interface SettingsView {
  carriers: Record<CarrierId, { configured: boolean }>;
  writeBack: boolean;
  stalledAfterDays: number;
}

export const EMPTY_SETTINGS: ShopSettings = {
  carriers: {},
  writeBack: false,
  stalledAfterDays: undefined,
};

export type PatchParse = { ok: true; patch: SettingsPatch } | { ok: false; fields: string[] };

/**
 * Reads a PUT body. On failure, the dotted paths of the fields at fault (`carriers.bring.uid`,
 * `stalledAfterDays`; an unknown field by its own name), for a 400 `invalid_input` with `fields`.
 */
export function parseSettingsPatch(body: unknown): PatchParse {
  const parsed = SettingsPatchSchema.safeParse(body);
  if (parsed.success) return { ok: true, patch: parsed.data };
  const fields = new Set<string>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields.add([...path, key].join('.'));
    } else {
      fields.add(path.length ? path.join('.') : 'body');
    }
  }
  return { ok: false, fields: [...fields].sort() };
}

/** The settings after a patch: given fields replace, absent ones stay, a null carrier is removed. */
export function applySettingsPatch(current: ShopSettings, patch: SettingsPatch): ShopSettings {
  const carriers: Record<string, unknown> = { ...current.carriers };
  for (const id of CARRIER_IDS) {
    const value = patch.carriers?.[id];
    if (value === null) delete carriers[id];
    else if (value !== undefined) carriers[id] = value;
  }
  return {
    carriers: carriers as CarrierKeys,
    writeBack: patch.writeBack ?? current.writeBack,
    stalledAfterDays: patch.stalledAfterDays ?? current.stalledAfterDays,
  };
}

/**
 * The keys the watcher uses for a shop. In custom-app mode the deployment's carrier variables
 * (BRING_API_UID/KEY, POSTNORD_API_KEY, …) are that one shop's keys: they fill in every carrier the
 * shop has not set itself. In app mode (many shops) only the shop's own keys count.
 */
export function effectiveCarrierKeys(
  settings: ShopSettings,
  env: CarrierConfig,
  mode: 'app' | 'custom-app',
): CarrierKeys {
  if (mode === 'app') return settings.carriers;
  const fromEnv: CarrierKeys = {};
  if (env.bring) fromEnv.bring = { uid: env.bring.uid, key: env.bring.key };
  if (env.postnord) fromEnv.postnord = { key: env.postnord.key };
  if (env.dhl) fromEnv.dhl = { key: env.dhl.key };
  if (env.seventeenTrack) fromEnv.seventeenTrack = { key: env.seventeenTrack.key };
  return { ...fromEnv, ...settings.carriers };
}

/**
 * The GET answer for `keys` (from `effectiveCarrierKeys`); `defaultStalledAfterDays` from env.
 * The settings resource (src/watcher/settings-resource.ts) replaces `stalledAfterDays` with the
 * overview's per-class thresholds.
 */
export function settingsView(
  settings: ShopSettings,
  keys: CarrierKeys,
  defaultStalledAfterDays = DEFAULT_STALLED_AFTER_DAYS,
): SettingsView {
  const carriers = Object.fromEntries(
    CARRIER_IDS.map((id) => [id, { configured: keys[id] !== undefined }]),
  ) as Record<CarrierId, { configured: boolean }>;
  return {
    carriers,
    writeBack: settings.writeBack,
    stalledAfterDays: settings.stalledAfterDays ?? defaultStalledAfterDays,
  };
}
