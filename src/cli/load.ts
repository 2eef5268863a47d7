// Reads and validates spec files for the commands: the I/O around the pure validation stage.

import type { Diagnostic } from '../diagnostics.js';
import type { SpecLimits } from '../spec/limits.js';
import type { Model } from '../spec/model.js';
import { validateBytes } from '../spec/validate.js';
import { readSpecFile } from './files.js';

export interface LoadedSpec {
  file: string;
  model: Model | null;
  diagnostics: Diagnostic[];
}

export async function loadSpec(file: string, limits: SpecLimits): Promise<LoadedSpec> {
  const read = await readSpecFile(file, limits.maxBytes);
  if (!read.ok) return { file, model: null, diagnostics: [read.diagnostic] };
  const { model, diagnostics } = validateBytes(read.bytes, file, limits);
  return { file, model, diagnostics };
}
