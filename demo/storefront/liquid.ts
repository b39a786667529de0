// The demo's Liquid: liquidjs with the Shopify filters and tags a theme app block and a proxy page rely on.
import {
  type Context,
  type Emitter,
  Liquid,
  Tag,
  type TagToken,
  type Template,
  type TopLevelToken,
} from 'liquidjs';
import { type Translations, translate } from './translations.js';

export interface StorefrontLiquidOptions {
  /** Strings `t` reads: the extension's locales for a block, the theme's for the layout. */
  translations: Translations;
  /** Folders `{% render 'name' %}` looks in (an extension's `snippets/`). */
  snippetDirs: string[];
  /** Where `asset_url` points for a file name. */
  assetUrl: (file: string) => string;
}

export function createStorefrontLiquid(options: StorefrontLiquidOptions): Liquid {
  const engine = new Liquid({
    root: options.snippetDirs,
    partials: options.snippetDirs,
    extname: '.liquid',
    relativeReference: false,
    // Shopify Liquid: only nil and false are falsy; '' and 0 are truthy.
    jsTruthy: false,
    ownPropertyOnly: true,
    cache: true,
  });

  engine.registerFilter('t', (key: unknown, ...args: unknown[]) =>
    translate(options.translations, String(key), keywordArgs(args)),
  );
  engine.registerFilter('asset_url', (file: unknown) => options.assetUrl(String(file)));
  engine.registerFilter(
    'script_tag',
    (url: unknown) => `<script src="${escapeAttr(String(url))}" type="text/javascript"></script>`,
  );
  engine.registerFilter(
    'stylesheet_tag',
    (url: unknown) =>
      `<link href="${escapeAttr(String(url))}" rel="stylesheet" type="text/css" media="all" />`,
  );
  engine.registerFilter('handle', handleize);
  engine.registerFilter('handleize', handleize);
  engine.registerTag('style', StyleTag);
  return engine;
}

/** Shopify passes `| t: name: value` as named arguments; liquidjs hands them over as [key, value] pairs. */
function keywordArgs(args: unknown[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const arg of args) {
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') vars[arg[0]] = arg[1];
  }
  return vars;
}

function handleize(value: unknown): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** `{% style %}…{% endstyle %}`: Shopify renders it as a `<style data-shopify>` element. */
class StyleTag extends Tag {
  private readonly templates: Template[] = [];

  constructor(token: TagToken, remaining: TopLevelToken[], liquid: Liquid) {
    super(token, remaining, liquid);
    const stream = liquid.parser
      .parseStream(remaining)
      .on('tag:endstyle', () => stream.stop())
      .on('template', (template: Template) => this.templates.push(template))
      .on('end', () => {
        throw new Error(`tag ${token.getText()} not closed`);
      });
    stream.start();
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    emitter.write('<style data-shopify>');
    yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
    emitter.write('</style>');
  }
}
