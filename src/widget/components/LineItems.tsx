// A short list of items with their quantities.
import type { LineItem } from '../../contract/tracking-view.js';
import { interpolate, type Strings } from '../strings.js';

export interface LineItemsProps {
  items: readonly LineItem[];
  title: string;
  strings: Strings;
  /** The title's heading level: h4 at the result's level, h5 inside a shipment (the default). */
  level?: 'h4' | 'h5';
}

export function LineItems({ strings, items, title, level: Title = 'h5' }: LineItemsProps) {
  if (items.length === 0) return null;
  return (
    <div class="track-order__items">
      <Title class="track-order__subtitle">{title}</Title>
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
