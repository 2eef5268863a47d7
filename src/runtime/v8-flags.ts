// V8 settings for a refarch process. The CLI applies them before anything else runs, and the build
// applies them before it records the code caches of elkjs and jsdom: V8 takes a code cache only
// under the flags it was recorded with, so the two must agree (test/runtime/vendor.test.ts checks).
// Library callers keep their own settings; they then compile elkjs and jsdom without the caches.

import { setFlagsFromString } from 'node:v8';

/**
 * WebAssembly on V8's baseline compiler (Liftoff) only. HarfBuzz's subsetter, which makes the font
 * subset every SVG embeds, has one 150 KB function that V8's optimizing compiler takes ~0.3 s of
 * CPU to compile once it is hot. That compile runs in the background, competing with ELK for a
 * 2-core machine, and a process cannot exit while it runs: a cold render of eks-networking waited
 * ~0.2 s after writing its SVG. Baseline code is fast enough for the handful of subsets and the
 * text measuring a render does: `npm run bench` shows the same in-process times at 300 and 1000
 * nodes with and without this flag, and cold renders ~0.13 s faster with it.
 */
export const V8_FLAGS: readonly string[] = ['--liftoff-only'];

/** Sets V8_FLAGS for this process; call it before any WebAssembly or cached code loads. */
export function applyV8Flags(): void {
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}
