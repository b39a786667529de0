// The one settings resource of GET/PUT /api/settings: the watcher's carriers and write-back with the overview's stalled thresholds.
import type { StalledThresholds } from '../core/stalled.js';
import type { CarrierId, SettingsPatch } from './carrier-settings.js';

/**
 * `GET /api/settings` and the PUT answer. `stalledAfterDays` is the threshold of carriers of no
 * class (`other`), which is every class's after a PUT of a number; `stalledAfterDaysByClass` gives
 * each class's (express, postal, other), in days. Keys are never in it.
 */
export interface SettingsResource {
  carriers: Record<CarrierId, { configured: boolean }>;
  writeBack: boolean;
  stalledAfterDays: number;
  stalledAfterDaysByClass: StalledThresholds;
}

/** The thresholds after a patch: the number sets every class, then the per-class object its classes. */
export function thresholdsAfterPatch(
  current: StalledThresholds,
  patch: Pick<SettingsPatch, 'stalledAfterDays' | 'stalledAfterDaysByClass'>,
): StalledThresholds {
  const all = patch.stalledAfterDays;
  const base = all === undefined ? current : { express: all, postal: all, other: all };
  return { ...base, ...patch.stalledAfterDaysByClass };
}

/** Whether a patch touches the thresholds at all (else the stored ones are left as they are). */
export function patchesThresholds(patch: SettingsPatch): boolean {
  return patch.stalledAfterDays !== undefined || patch.stalledAfterDaysByClass !== undefined;
}

export function settingsResource(
  view: { carriers: Record<CarrierId, { configured: boolean }>; writeBack: boolean },
  thresholds: StalledThresholds,
): SettingsResource {
  return {
    carriers: view.carriers,
    writeBack: view.writeBack,
    stalledAfterDays: thresholds.other,
    stalledAfterDaysByClass: { ...thresholds },
  };
}
