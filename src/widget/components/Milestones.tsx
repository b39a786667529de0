// The order's milestones as an ordered list, with the current step marked for assistive technology.
// Keys and details are open strings: anything this widget does not know reads as a neutral step.
import type { Milestone } from '../../contract/tracking-view.js';
import { formatDate } from '../format.js';
import { interpolate, lookup, type Strings } from '../strings.js';

export interface MilestonesProps {
  milestones: readonly Milestone[];
  strings: Strings;
  locale: string;
  /** IANA zone for dates; undefined is the browser's (the shopper's own). */
  timeZone?: string | undefined;
}

/** The step screen readers hear as current: the last one still in progress or needing attention. */
function currentIndex(milestones: readonly Milestone[]): number {
  for (let i = milestones.length - 1; i >= 0; i--) {
    const state = milestones[i]?.state;
    if (state === 'current' || state === 'problem') return i;
  }
  return -1;
}

export function Milestones({ strings, locale, timeZone, milestones }: MilestonesProps) {
  const current = currentIndex(milestones);
  return (
    <ol class="track-order__steps">
      {milestones.map((m, i) => {
        const title = lookup(strings, `milestone.${m.key}`);
        const detail = m.detail && lookup(strings, `${m.key}.${m.detail}`);
        const date = m.at && formatDate(m.at, locale, timeZone);
        return (
          <li
            key={m.key}
            class={`track-order__step track-order__step--${title && (detail || !m.detail) ? m.state : 'neutral'}`}
            aria-current={i === current ? 'step' : undefined}
          >
            <span class="track-order__step-title">{title ?? strings['milestone.other']}</span>
            {/* The delivered milestone has no detail when it is plainly done; others may repeat the title. */}
            {m.detail && (
              <span class="track-order__step-detail">
                {detail ? interpolate(detail, { date: date || '' }) : strings.detail_other}
              </span>
            )}
            {m.reason && (
              <span class="track-order__step-detail">
                {lookup(strings, `hold.${m.reason}`) ?? strings['hold.other']}
              </span>
            )}
            {/* The scheduled date is already in the detail; every other milestone shows its own date. */}
            {date && !(m.key === 'fulfillment' && m.detail === 'scheduled') && (
              <time class="track-order__time" dateTime={m.at}>
                {date}
              </time>
            )}
            <span class="track-order__sr">{strings[`state.${m.state}`]}</span>
          </li>
        );
      })}
    </ol>
  );
}
