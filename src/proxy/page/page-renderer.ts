// The no-JS page's renderer: the widget's components by default, plain HTML as the dependency-free fallback.
import type { TrackingView } from '../../contract/tracking-view.js';
import { type FormError, type FormState, renderForm, renderTimeline } from './plain-page.js';

export type { FormError, FormState };

export interface PageRenderer {
  /** `timeZone`: the shop's IANA zone for times on the page, named there; UTC when unknown. */
  timeline(view: TrackingView, form: FormState, timeZone?: string): string;
  form(form: FormState, error: FormError | undefined): string;
}

export const plainPageRenderer: PageRenderer = { timeline: renderTimeline, form: renderForm };
