// Raised at start-up when required settings are missing or malformed; names them, never their values.
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly missing: string[];
  readonly invalid: string[];
  /** What is wrong, without the names above or any value (for messages that gather several). */
  readonly detail: string | undefined;

  /** `detail` says what is wrong with an invalid setting, without its value. */
  constructor(missing: string[], invalid: string[] = [], detail?: string) {
    const parts: string[] = [];
    if (missing.length) parts.push(`missing required settings: ${missing.join(', ')}`);
    if (invalid.length) parts.push(`invalid settings: ${invalid.join(', ')}`);
    if (detail) parts.push(detail);
    super(`Configuration error: ${parts.join('; ')}`);
    this.missing = missing;
    this.invalid = invalid;
    this.detail = detail;
  }
}
