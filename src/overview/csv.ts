// The shipment list as CSV: every row of the filter, paged by key and streamed, spreadsheet-safe.
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ListFilter } from './filters.js';
import type { OverviewScope } from './scope.js';
import { listShipments, type ShipmentListRow } from './shipments.js';

/** Rows fetched per query: each page is its own short query, never one long transaction. */
export const CSV_PAGE_SIZE = 1000;

/** The column headers, in the merchant's language (from the admin's locale files). */
export interface CsvHeaders {
  order: string;
  orderDate: string;
  status: string;
  stalled: string;
  carrier: string;
  trackingNumber: string;
  trackingLink: string;
  lastEvent: string;
  lastEventDate: string;
  country: string;
  shipped: string;
  estimatedDelivery: string;
  delivered: string;
  daysInTransit: string;
  yes: string;
  no: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe (OWASP's advice on CSV injection). Numbers are written as numbers.
 */
export function safeCell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** `YYYY-MM-DD HH:mm` in `timeZone`: a form every spreadsheet reads as a date and time. */
export function spreadsheetTime(iso: string | null, timeZone: string): string {
  if (iso === null) return '';
  return spreadsheetFormat(timeZone).format(new Date(iso));
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
function spreadsheetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // Swedish formats dates as ISO-8601 with a space; only the digits are used.
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

function record(row: ShipmentListRow, h: CsvHeaders, zone: string): (string | number)[] {
  return [
    row.orderName,
    spreadsheetTime(row.processedAt, zone),
    row.status,
    row.stalled ? h.yes : h.no,
    row.carrierName ?? row.carrierCode,
    row.trackingNumber,
    row.trackingUrl,
    row.lastEvent?.message ?? row.lastEvent?.status ?? null,
    spreadsheetTime(row.lastEvent?.at ?? null, zone),
    row.destinationCountryCode,
    spreadsheetTime(row.shippedAt, zone),
    spreadsheetTime(row.estimatedDeliveryAt, zone),
    spreadsheetTime(row.deliveredAt, zone),
    row.daysInTransit,
  ].map(safeCell);
}

/**
 * A byte stream of the CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends, a
 * header line, then every row matching `filter`, in the list's order. Pull-based: the next page is
 * fetched only when the reader has taken the previous one, so memory stays flat however many
 * rows there are. `onError` hears a failure after the response started (it can no longer become an
 * error response; the stream is aborted).
 */
export function shipmentsCsv(
  db: Kysely<Database>,
  scope: OverviewScope,
  filter: ListFilter,
  headers: CsvHeaders,
  onError: (error: unknown) => void = () => {},
  pageSize: number = CSV_PAGE_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  const options = { record_delimiter: '\r\n' as const };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            const h = headers;
            const line = stringify(
              [
                [
                  h.order,
                  h.orderDate,
                  h.status,
                  h.stalled,
                  h.carrier,
                  h.trackingNumber,
                  h.trackingLink,
                  h.lastEvent,
                  h.lastEventDate,
                  h.country,
                  h.shipped,
                  h.estimatedDelivery,
                  h.delivered,
                  h.daysInTransit,
                ].map(safeCell),
              ],
              options,
            );
            controller.enqueue(encoder.encode(`\uFEFF${line}`));
            return;
          }
          const page = await listShipments(db, scope, filter, { cursor, limit: pageSize });
          if (page.shipments.length > 0)
            controller.enqueue(
              encoder.encode(
                stringify(
                  page.shipments.map((r) => record(r, headers, scope.timeZone)),
                  options,
                ),
              ),
            );
          // A pull must enqueue or close: the stream does not pull again after an empty one.
          if (page.nextCursor === null) controller.close();
          else cursor = page.nextCursor;
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
    },
    { highWaterMark: 0 },
  );
}
