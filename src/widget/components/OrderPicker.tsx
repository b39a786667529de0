// A signed-in customer's recent orders, each a button that tracks it without asking for the email.
import type { OrderListItem } from '../../contract/tracking-view.js';
import { formatDate } from '../format.js';
import { interpolate, type Strings } from '../strings.js';

export interface OrderPickerProps {
  orders: readonly OrderListItem[];
  strings: Strings;
  locale: string;
  onPick?: (name: string) => void;
}

export function OrderPicker({ strings, locale, orders, onPick }: OrderPickerProps) {
  return (
    <div class="track-order__orders">
      <h4 class="track-order__subtitle">{strings['form.your_orders']}</h4>
      {orders.length === 0 ? (
        <p class="track-order__muted">{strings['form.no_orders']}</p>
      ) : (
        <ul>
          {orders.map((o) => (
            <li key={o.name}>
              <button type="button" class="track-order__pick" onClick={() => onPick?.(o.name)}>
                <strong>{o.name}</strong>{' '}
                <span class="track-order__muted">
                  {interpolate(strings['form.placed'], { date: formatDate(o.processedAt, locale) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
