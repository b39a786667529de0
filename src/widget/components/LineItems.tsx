// A short list of items with their quantities.
import type { LineItem } from '../../contract/tracking-view.js';
import { interpolate, type Strings } from '../strings.js';

export interface LineItemsProps {
  items: readonly LineItem[];
  title: string;
  strings: Strings;
}

export function LineItems({ strings, items, title }: LineItemsProps) {
  if (items.length === 0) return null;
  return (
    <div class="track-order__items">
      <h5 class="track-order__subtitle">{title}</h5>
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            <span class="track-order__qty">
              {interpolate(strings['result.quantity'], { quantity: item.quantity })}
            </span>{' '}
            {item.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
