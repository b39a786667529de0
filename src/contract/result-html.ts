// The lookup's HTML variant: a JSON body with `html` options gets the view and its timeline drawn by the proxy.
import { z } from 'zod';
import { TrackingViewSchema } from './tracking-view.js';

/**
 * `html` in a JSON lookup body (POST /proxy/lookup): the block's display settings and the shopper's
 * time zone. A value that does not fit is dropped (its default is used), never an error: these
 * only change how the answer looks. Without `html` the answer is the plain TrackingView.
 */
export const ResultHtmlOptionsSchema = z.object({
  /** IANA zone the times are shown in (the shopper's own); unknown zones fall back to the shop's. */
  timeZone: z.string().max(64).optional().catch(undefined),
  showLineItems: z.boolean().optional().catch(undefined),
  showEvents: z.boolean().optional().catch(undefined),
  layout: z.enum(['compact', 'full']).optional().catch(undefined),
  /** The block's element id prefix (`TrackOrder-<block id>`), so ids stay unique on the page. */
  idPrefix: z
    .string()
    .regex(/^[A-Za-z][\w-]{0,199}$/)
    .optional()
    .catch(undefined),
  /** The block's contact page setting, checked before it becomes a link. */
  contactUrl: z.string().max(500).optional().catch(undefined),
});
export type ResultHtmlOptions = z.infer<typeof ResultHtmlOptionsSchema>;

/** The answer to a lookup with `html`: the TrackingView as always, and the timeline as HTML. */
export const ResultHtmlAnswerSchema = z.object({ view: TrackingViewSchema, html: z.string() });
export type ResultHtmlAnswer = z.infer<typeof ResultHtmlAnswerSchema>;
