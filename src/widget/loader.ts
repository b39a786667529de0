// The block's only eager script: waits for the shopper's first touch, then imports the widget chunk.
// On any failure it steps aside, so the plain HTML form keeps working.
(() => {
  const order = new URLSearchParams(location.search).get('order');
  for (const root of document.querySelectorAll<HTMLElement>('[data-track-order]')) {
    // The theme editor's sample: its times formatted as the widget formats real ones.
    for (const time of root.querySelectorAll<HTMLTimeElement>('[data-track-order-sample]')) {
      const kind = time.dataset.trackOrderSample;
      try {
        time.textContent = new Intl.DateTimeFormat(
          root.dataset.locale,
          kind === 'day'
            ? { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }
            : { dateStyle: 'medium', timeStyle: kind === 'time' ? 'short' : undefined },
        ).format(new Date(kind === 'day' ? `${time.dateTime}T00:00Z` : time.dateTime));
      } catch {}
    }
    const form = root.querySelector('form');
    if (!form) continue;
    const input = form.elements.namedItem('orderNumber') as HTMLInputElement | null;
    if (order && input && !input.value) input.value = order;
    // 0 waiting, 1 importing, 2 taken over or failed: the listener then does nothing.
    let state = 0;
    let submitted = false;
    const start = (event: Event) => {
      if (state > 1) return;
      if (event.type === 'submit') {
        event.preventDefault();
        submitted = true;
      }
      if (state) return;
      state = 1;
      import(/* @vite-ignore */ root.dataset.widget as string)
        .then((m: { mount: (r: HTMLElement, o: { submit: boolean }) => boolean }) => {
          if (!m.mount(root, { submit: submitted })) throw 0;
          state = 2;
        })
        .catch(() => {
          state = 2;
          if (submitted) form.submit();
        });
    };
    for (const type of ['focusin', 'pointerdown', 'submit']) form.addEventListener(type, start);
    // The widget calls this for each timeline it draws (or takes away); the recommendations chunk,
    // when the block turns it on, is fetched only then. Old cards go at once, before the next paint.
    (form as HTMLFormElement & { trackOrderView: (view?: unknown) => void }).trackOrderView = (
      view,
    ) => {
      root.querySelector('.track-order__recs')?.remove();
      const chunk = root.dataset.recommend;
      if (view && chunk) {
        import(/* @vite-ignore */ chunk)
          .then((m: { show: (r: HTMLElement, v: unknown) => unknown }) => m.show(root, view))
          .catch(() => {});
      }
    };
  }
})();

// Marks the file a module for TypeScript; the bundler drops it, leaving a classic script.
export {};
