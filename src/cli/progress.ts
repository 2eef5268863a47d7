// A one-line progress counter for batch commands, shown only on a terminal: `[3/12] file`,
// rewritten in place and erased when the batch ends, so logs and pipes never see it.

import type { Output } from './report.js';

export interface Progress {
  /** Shows that item `index` (0-based) of `total` is being worked on. */
  step(index: number, total: number, label: string): void;
  /** Erases the line before anything else is printed. */
  done(): void;
}

export function createProgress(out: Output, enabled: boolean): Progress {
  if (!out.isTTY || !enabled) return { step() {}, done() {} };
  let shown = false;
  return {
    step(index, total, label) {
      out.write(`\r\x1b[K[${index + 1}/${total}] ${label}`);
      shown = true;
    },
    done() {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
