// Byte comparison of a file on disk with freshly rendered output: how `render` skips identical
// writes, `embed` stays idempotent and `check` finds stale files.

/** True when the file's bytes (undefined: no file) equal the output's bytes (a string as UTF-8). */
export function sameOutput(current: Uint8Array | undefined, wanted: string | Uint8Array): boolean {
  if (current === undefined) return false;
  const bytes = typeof wanted === 'string' ? Buffer.from(wanted) : wanted;
  return Buffer.from(current.buffer, current.byteOffset, current.byteLength).equals(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  );
}
