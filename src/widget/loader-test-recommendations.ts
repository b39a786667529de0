// A stand-in recommendations chunk for the loader's tests: records the views it was asked to show.
const shared = globalThis as { widgetLog?: string[] };

export function show(root: HTMLElement, view: { order: { name: string } }): void {
  shared.widgetLog?.push(`recommend ${root.id} ${view.order.name}`);
}
