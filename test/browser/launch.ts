// Debian's Chromium for the real-browser tests, driven by playwright-core. Outside CI the tests
// that need it are skipped when it is missing; in CI a missing Chromium is a failing test.

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

export const CHROMIUM = process.env.REFARCH_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/** Registers a failing test when CI has no Chromium (.ci/run installs it). Call at module level. */
export function requireChromiumInCi(): void {
  if (process.env.CI !== 'true' || chromiumAvailable) return;
  describe('Chromium', () => {
    it('is installed in CI (.ci/run installs Debian chromium)', () => {
      expect(existsSync(CHROMIUM), `${CHROMIUM} is missing`).toBe(true);
    });
  });
}

/** Headless, sandbox-free and quiet on the network: this machine reaches no host but its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
