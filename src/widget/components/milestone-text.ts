// What a milestone or shipment says, from open-string keys: anything unknown reads as a neutral step.
import type { Milestone, Shipment } from '../../contract/tracking-view.js';
import { formatDate } from '../format.js';
import { interpolate, lookup, type Strings } from '../strings.js';

export interface MilestoneText {
  title: string;
  detail?: string;
  /** The shopper-safe hold reason, shown under "On hold". */
  reason?: string;
  /** False for keys or details this widget does not know: drawn without success or problem styling. */
  known: boolean;
}

export function milestoneText(m: Milestone, strings: Strings, locale: string): MilestoneText {
  const title = lookup(strings, `milestone.${m.key}`);
  const text: MilestoneText = { title: title ?? strings['milestone.other'], known: !!title };
  if (m.detail) {
    const detail = lookup(strings, `${m.key}.${m.detail}`);
    // The delivered milestone has no detail when it is plainly done; others may repeat the title.
    text.detail = detail
      ? interpolate(detail, { date: m.at ? formatDate(m.at, locale) : '' })
      : strings.detail_other;
    if (!detail) text.known = false;
  }
  if (m.reason) text.reason = lookup(strings, `hold.${m.reason}`) ?? strings['hold.other'];
  return text;
}

/** The scheduled date is already in the detail; every other milestone shows its own date. */
export const showsDate = (m: Milestone): boolean =>
  !!m.at && !(m.key === 'fulfillment' && m.detail === 'scheduled');

export const statusText = (status: Shipment['status'] | string, strings: Strings): string =>
  lookup(strings, `status.${status}`) ?? strings['status.unknown'];

/** The step screen readers hear as current: the last one still in progress or needing attention. */
export function currentIndex(milestones: readonly Milestone[]): number {
  for (let i = milestones.length - 1; i >= 0; i--) {
    const state = milestones[i]?.state;
    if (state === 'current' || state === 'problem') return i;
  }
  return -1;
}
