// The order's milestones as an ordered list, with the current step marked for assistive technology.
import type { Milestone } from '../../contract/tracking-view.js';
import { formatDate } from '../format.js';
import type { Strings } from '../strings.js';
import { currentIndex, milestoneText, showsDate } from './milestone-text.js';

export interface MilestonesProps {
  milestones: readonly Milestone[];
  strings: Strings;
  locale: string;
}

export function Milestones({ strings, locale, milestones }: MilestonesProps) {
  const current = currentIndex(milestones);
  return (
    <ol class="track-order__steps">
      {milestones.map((m, i) => {
        const text = milestoneText(m, strings, locale);
        const state = text.known ? m.state : 'neutral';
        return (
          <li
            key={m.key}
            class={`track-order__step track-order__step--${state}`}
            aria-current={i === current ? 'step' : undefined}
          >
            <span class="track-order__step-title">{text.title}</span>
            {text.detail && <span class="track-order__step-detail">{text.detail}</span>}
            {text.reason && <span class="track-order__step-detail">{text.reason}</span>}
            {showsDate(m) && m.at && (
              <time class="track-order__time" dateTime={m.at}>
                {formatDate(m.at, locale)}
              </time>
            )}
            <span class="track-order__sr">{strings[`state.${m.state}`]}</span>
          </li>
        );
      })}
    </ol>
  );
}
