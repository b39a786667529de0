// An app block file as the theme editor sees it: the Liquid body, the parsed schema and its default settings.
import { readFile } from 'node:fs/promises';

export interface BlockSetting {
  type: string;
  id?: string;
  default?: unknown;
}

export interface BlockSchema {
  name?: string;
  target?: string;
  javascript?: string;
  stylesheet?: string;
  settings?: BlockSetting[];
}

export interface AppBlock {
  /** The Liquid source with the `{% schema %}` tag removed (it renders nothing on a storefront). */
  body: string;
  schema: BlockSchema;
}

const SCHEMA_TAG = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/;

export function parseAppBlock(source: string): AppBlock {
  const match = SCHEMA_TAG.exec(source);
  if (!match) return { body: source, schema: {} };
  const schema = JSON.parse(match[1] ?? '{}') as BlockSchema;
  return { body: source.replace(SCHEMA_TAG, ''), schema };
}

export async function readAppBlock(file: string): Promise<AppBlock> {
  return parseAppBlock(await readFile(file, 'utf8'));
}

/**
 * `block.settings` as a freshly added block has them: each setting's default. `overrides` (strings,
 * e.g. from a query) are converted to the setting's type so `checkbox` gives a boolean.
 */
export function blockSettings(
  schema: BlockSchema,
  overrides: Record<string, string> = {},
): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const setting of schema.settings ?? []) {
    if (!setting.id) continue;
    const given = overrides[setting.id];
    settings[setting.id] =
      given === undefined ? (setting.default ?? null) : convert(setting, given);
  }
  return settings;
}

function convert(setting: BlockSetting, value: string): unknown {
  if (setting.type === 'checkbox') return value === 'true' || value === '1';
  if (setting.type === 'range' || setting.type === 'number') {
    const n = Number(value);
    return Number.isFinite(n) ? n : (setting.default ?? null);
  }
  return value;
}
