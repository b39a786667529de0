// A stand-in widget chunk for the loader's tests: records that it was loaded and mounted.
const shared = globalThis as { widgetLog?: string[] };
shared.widgetLog = shared.widgetLog ?? [];
const log = shared.widgetLog;
log.push('loaded');

export function mount(root: HTMLElement, options: { submit: boolean }): boolean {
  log.push(`mount ${root.id} submit=${options.submit}`);
  return true;
}
