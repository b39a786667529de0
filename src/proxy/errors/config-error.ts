// Raised at start-up when required settings are missing or malformed; names them, never their values.
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly missing: string[];
  readonly invalid: string[];

  constructor(missing: string[], invalid: string[] = []) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing required settings: ${missing.join(', ')}`);
    if (invalid.length) parts.push(`invalid settings: ${invalid.join(', ')}`);
    super(`Configuration error: ${parts.join('; ')}`);
    this.missing = missing;
    this.invalid = invalid;
  }
}
