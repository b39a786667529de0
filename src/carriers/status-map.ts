// Carrier code → normalised status, with anything unlisted as `unknown` (never `in_transit`).
import type { ShipmentStatus } from '../contract/tracking-view.js';

export type StatusTable = Readonly<Record<string, ShipmentStatus>>;

export function mapStatus(table: StatusTable, code: string | null | undefined): ShipmentStatus {
  if (!code) return 'unknown';
  return table[code.trim().toUpperCase()] ?? 'unknown';
}

/** The newest event whose status means something; carriers rarely send a summary of their own. */
export function newestKnownStatus(
  events: ReadonlyArray<{ status: ShipmentStatus }>,
): ShipmentStatus {
  return events.find((event) => event.status !== 'unknown')?.status ?? 'unknown';
}
