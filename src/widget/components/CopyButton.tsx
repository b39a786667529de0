// A button that copies a text through the injected `onCopy` and says so until the next render.
import { Component } from 'preact';
import type { Strings } from '../strings.js';

export interface CopyButtonProps {
  text: string;
  strings: Strings;
  onCopy: (text: string) => Promise<unknown>;
}

// A class, like the app: the widget chunk then needs no hooks runtime.
export class CopyButton extends Component<CopyButtonProps, { copied?: boolean }> {
  override render({ text, strings, onCopy }: CopyButtonProps) {
    return (
      <button
        type="button"
        class="track-order__copy"
        onClick={() =>
          onCopy(text).then(
            () => this.setState({ copied: true }),
            () => {},
          )
        }
      >
        {strings[this.state.copied ? 'result.copied' : 'result.copy']}
      </button>
    );
  }
}
