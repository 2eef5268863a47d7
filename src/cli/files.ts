// File-system edge of the CLI: finding spec files, reading them safely, writing outputs atomically.

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Diagnostic, fileError } from '../diagnostics.js';
import { formatInfo, type OutputFormat } from '../formats.js';
import { fileTooLarge } from '../spec/source.js';

export const SPEC_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function isSpecFile(name: string): boolean {
  return SPEC_EXTENSIONS.includes(path.extname(name).toLowerCase());
}

export interface SpecFileList {
  files: string[];
  diagnostics: Diagnostic[];
}

function describeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

/** Expands folders into the spec files they hold (sorted, one level deep); files are kept as given. */
export async function findSpecFiles(inputs: readonly string[]): Promise<SpecFileList> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch (e) {
      diagnostics.push(fileError(input, 'cannot-read', describeError(e), 'check the path'));
      continue;
    }
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(input)).filter(isSpecFile).sort();
      } catch (e) {
        // An unreadable folder is the user's problem to fix, not a crash.
        diagnostics.push(fileError(input, 'cannot-read', describeError(e), "check the folder's permissions"));
        continue;
      }
      if (names.length === 0)
        diagnostics.push(fileError(input, 'no-specs', 'the folder holds no .yaml, .yml or .json specs'));
      files.push(...names.map((name) => path.join(input, name)));
    } else {
      files.push(input);
    }
  }
  return { files: [...new Set(files)], diagnostics };
}

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/** Reads a spec file, refusing folders, FIFOs and devices (which would hang or mislead) and oversized files. */
export async function readSpecFile(file: string, maxBytes: number): Promise<ReadResult> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const info = await stat(file);
    if (info.isDirectory())
      return { ok: false, diagnostic: fileError(file, 'not-a-file', 'this is a folder, not a spec file') };
    if (!info.isFile())
      return {
        ok: false,
        diagnostic: fileError(
          file,
          'not-a-file',
          'this is not a regular file (a FIFO, socket or device)',
          'pass a .yaml or .json file',
        ),
      };
    // Never load an oversized file: judge it by its size alone.
    if (info.size > maxBytes) return { ok: false, diagnostic: fileTooLarge(file, info.size, maxBytes) };
    // The file may have been swapped for a FIFO since `stat`: opening one without O_NONBLOCK waits
    // for a writer forever. Judge what was opened, not the name.
    // (Windows has no O_NONBLOCK, and no FIFOs by a file name.)
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = await handle.stat();
    if (!opened.isFile()) {
      return {
        ok: false,
        diagnostic: fileError(file, 'not-a-file', 'this is not a regular file', 'pass a .yaml or .json file'),
      };
    }
    if (opened.size > maxBytes) return { ok: false, diagnostic: fileTooLarge(file, opened.size, maxBytes) };
    const buffer = Buffer.alloc(opened.size);
    const { bytesRead } = await handle.read(buffer, 0, opened.size, 0);
    return { ok: true, bytes: buffer.subarray(0, bytesRead) };
  } catch (e) {
    return { ok: false, diagnostic: fileError(file, 'cannot-read', describeError(e)) };
  } finally {
    await handle?.close();
  }
}

/**
 * Reads a whole file, or undefined if there is no regular file there (nothing, or a folder, FIFO or
 * device, which reading would fail on or wait on forever; a write then replaces or reports it).
 */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch (e) {
    // ENOTDIR: a file stands where a folder of the path should be, so no file is there either.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The temporary files writeFileAtomic makes: `.<name>.<pid>.<8 hex digits>.tmp`. */
const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Temporary files younger than this are left alone even if their writer seems gone. */
const STALE_AFTER_MS = 30_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of writes that never finished (the writer was killed between creating
 * and renaming it): its process is gone and the file is older than 30 s, so a write in progress, even
 * by a process in another PID namespace sharing the folder, is never touched. Best effort: a folder
 * that cannot be listed has nothing to clean.
 */
export async function removeStaleTempFiles(folder: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    const file = path.join(folder, name);
    try {
      const info = await stat(file);
      if (!info.isFile() || now - info.mtimeMs < STALE_AFTER_MS) continue;
      await rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

/** Writes via a temporary file in the same folder and a rename, so readers never see a partial file. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** The output file a spec renders to: `architectures/tada.ko.yaml` -> `tada.ko.svg`; anything but a plain file name is impossible by construction. */
export function outputName(specFile: string, format: OutputFormat): string {
  const base = path.basename(specFile).replace(/\.(ya?ml|json)$/i, '');
  // A spec named `.yaml` has an empty base, which would make the hidden file `.svg`.
  return `${base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_'}.${formatInfo(format).extension}`;
}
