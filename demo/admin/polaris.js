// Stand-in for Shopify's Polaris web components (https://cdn.shopify.com/shopifycloud/polaris.js),
// which this demo's machines cannot reach. It defines the elements the app uses so their light-DOM
// content stays readable and accessible: headings for pages and sections, table roles, a focusable
// button, and labelled text fields and selects. Nothing of Polaris's look is reproduced.
(() => {
  const css = document.createElement('style');
  css.textContent = `
    s-page, s-section, s-box, s-stack, s-banner, s-grid { display: block; margin: 0 0 1rem; }
    s-stack[direction="inline"] { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
    s-section { border: 1px solid #ddd; border-radius: .5rem; padding: 1rem; }
    s-badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #eee; }
    s-button { display: inline-block; padding: .25rem .75rem; border: 1px solid #888; border-radius: .25rem; cursor: pointer; }
    s-table { display: table; width: 100%; border-collapse: collapse; }
    s-table-header-row, s-table-row { display: table-row; }
    s-table-body { display: table-row-group; }
    s-table-header, s-table-cell { display: table-cell; padding: .25rem .5rem; border-bottom: 1px solid #ddd; }
    s-table-header { font-weight: 600; }`;
  document.head.append(css);

  const plain = (role) =>
    class extends HTMLElement {
      connectedCallback() {
        if (role && !this.hasAttribute('role')) this.setAttribute('role', role);
      }
    };

  const headed = (level) =>
    class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        const root = this.attachShadow({ mode: 'open' });
        const heading = this.getAttribute('heading');
        if (heading) {
          const h = document.createElement(`h${level}`);
          h.textContent = heading;
          root.append(h);
        }
        root.append(document.createElement('slot'));
      }
    };

  // A fresh class per tag: one constructor cannot be defined under two names.
  const button = () =>
    class extends HTMLElement {
      connectedCallback() {
        if (!this.hasAttribute('role'))
          this.setAttribute('role', this.hasAttribute('href') ? 'link' : 'button');
        if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
        this.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.click();
          }
        });
        this.addEventListener('click', () => {
          const href = this.getAttribute('href');
          if (href) location.assign(href);
        });
      }
    };

  // A labelled native control in the shadow root; `value` and input/change events reach the host.
  const field = (build) =>
    class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        const root = this.attachShadow({ mode: 'open' });
        const label = document.createElement('label');
        label.textContent = this.getAttribute('label') || '';
        this.control = build(this);
        this.control.name = this.getAttribute('name') || '';
        if (this.hasAttribute('value')) this.control.value = this.getAttribute('value');
        label.append(' ', this.control);
        root.append(label);
      }
      get value() {
        return this.control ? this.control.value : this.getAttribute('value') || '';
      }
      set value(v) {
        if (this.control) this.control.value = v;
        else this.setAttribute('value', v);
      }
    };

  const elements = {
    's-page': headed(1),
    's-section': headed(2),
    's-box': plain(null),
    's-stack': plain(null),
    's-grid': plain(null),
    's-text': plain(null),
    's-heading': plain('heading'),
    's-paragraph': plain(null),
    's-badge': plain(null),
    's-banner': plain('status'),
    's-spinner': plain('progressbar'),
    's-link': button(),
    's-button': button(),
    's-table': plain('table'),
    's-table-header-row': plain('row'),
    's-table-header': plain('columnheader'),
    's-table-body': plain('rowgroup'),
    's-table-row': plain('row'),
    's-table-cell': plain('cell'),
    's-option': plain(null),
    's-text-field': field(() => document.createElement('input')),
    's-search-field': field(() => {
      const input = document.createElement('input');
      input.type = 'search';
      return input;
    }),
    's-select': field((host) => {
      const select = document.createElement('select');
      for (const o of host.querySelectorAll('s-option')) {
        select.append(new Option(o.textContent, o.getAttribute('value') ?? o.textContent));
      }
      return select;
    }),
  };
  for (const [name, element] of Object.entries(elements)) {
    if (!customElements.get(name)) customElements.define(name, element);
  }
})();
