// Works out, without writing anything, what `refarch embed` would make of a Markdown file: the new
// text of every marker block and the light and dark SVGs it points at. `embed` writes the plan;
// `check` compares it with the files on disk.

import { lstat, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type CodeOf, UNREADABLE_FILE_CODES } from '../diagnostic-codes.js';
import { type Diagnostic, errorAt, fileError } from '../diagnostics.js';
import type { Diagram } from '../diagram/diagram.js';
import { type EmbedBlock, findEmbedBlocks, replaceBlocks } from '../docs/markers.js';
import { altText, imageFolderOf, pictureMarkup, urlPath } from '../docs/picture.js';
import { type ElkEngine, LayoutTimeoutError } from '../layout/elk-engine.js';
import { layout, renderDiagram } from '../pipeline.js';
import type { SpecLimits } from '../spec/limits.js';
import type { Model } from '../spec/model.js';
import { outputName } from './files.js';
import { layoutTimeoutAt } from './layout-budget.js';
import { type LoadedSpec, loadSpec } from './load.js';

/** Where images go when neither --out nor an earlier run says: a `diagrams` folder beside the Markdown file. */
export const DEFAULT_IMAGE_FOLDER = 'diagrams';

export interface EmbedAsset {
  file: string;
  data: string;
}

export interface PlannedBlock {
  block: EmbedBlock;
  specFile: string;
  /** The content the block should have. */
  expected: string;
  assets: EmbedAsset[];
}

export interface EmbedPlan {
  file: string;
  /** The file's current text; undefined when it cannot be read. */
  text: string | undefined;
  /** The new text; undefined when a problem means the file must be left alone. */
  updated: string | undefined;
  blocks: PlannedBlock[];
  /** Problems with the Markdown file and its markers (spec problems are in `session.specs()`). */
  diagnostics: Diagnostic[];
}

interface SpecRender {
  loaded: LoadedSpec;
  light?: string;
  dark?: string;
}

/**
 * One run of embed or check: reads, lays out and renders each spec once (a layout serves every
 * theme and format), and notices two specs claiming one image file. A layout that fails (over the
 * budget: a `LayoutTimeoutError`; else a bug) fails every later ask for that spec the same way,
 * without being run again.
 */
export class EmbedSession {
  private readonly loads = new Map<string, Promise<LoadedSpec>>();
  private readonly diagrams = new Map<string, Promise<Diagram>>();
  private readonly renders = new Map<string, Promise<SpecRender>>();
  private readonly claims = new Map<string, string>();

  constructor(
    private readonly limits: SpecLimits,
    /** Where ELK runs, under the layout budget. */
    private readonly elk: ElkEngine,
  ) {}

  /** The spec, read and validated. */
  load(specFile: string): Promise<LoadedSpec> {
    let loaded = this.loads.get(specFile);
    if (!loaded) {
      loaded = loadSpec(specFile, this.limits);
      this.loads.set(specFile, loaded);
    }
    return loaded;
  }

  /** The laid-out diagram of a spec's model (from `load`). */
  diagram(specFile: string, model: Model): Promise<Diagram> {
    let diagram = this.diagrams.get(specFile);
    if (!diagram) {
      diagram = layout(model, { engine: this.elk });
      this.diagrams.set(specFile, diagram);
    }
    return diagram;
  }

  render(specFile: string): Promise<SpecRender> {
    let render = this.renders.get(specFile);
    if (!render) {
      render = this.renderBothThemes(specFile);
      this.renders.set(specFile, render);
    }
    return render;
  }

  /**
   * The diagnostics of every spec rendered so far, once each; a spec that could not be read at all
   * is reported on its marker's line instead (embed-missing-spec, embed-unreadable-spec).
   */
  async specDiagnostics(except: ReadonlySet<string> = new Set()): Promise<Diagnostic[]> {
    // From the loads, which never fail: a render that failed has been reported where it was asked for.
    const rendered = await Promise.all([...this.renders.keys()].map((spec) => this.load(spec)));
    return rendered
      .filter((loaded) => !except.has(path.resolve(loaded.file)))
      .flatMap((loaded) => loaded.diagnostics)
      .filter((d) => !(d.line === 0 && UNREADABLE_FILE_CODES.has(d.code)));
  }

  /** Returns the spec that already claimed this image file, if another one did. */
  claim(imageFile: string, specFile: string): string | undefined {
    const owner = this.claims.get(imageFile);
    if (owner !== undefined && owner !== specFile) return owner;
    this.claims.set(imageFile, specFile);
    return undefined;
  }

  private async renderBothThemes(specFile: string): Promise<SpecRender> {
    const loaded = await this.load(specFile);
    if (!loaded.model) return { loaded };
    const diagram = await this.diagram(specFile, loaded.model);
    const [light, dark] = await Promise.all([
      renderDiagram(diagram, { format: 'svg', theme: 'light' }),
      renderDiagram(diagram, { format: 'svg', theme: 'dark' }),
    ]);
    return { loaded, light, dark };
  }
}

type ReadMarkdown = { text: string } | { diagnostic: Diagnostic };

async function readMarkdown(file: string): Promise<ReadMarkdown> {
  try {
    if (!(await stat(file)).isFile())
      return { diagnostic: fileError(file, 'not-a-file', 'this is not a regular Markdown file') };
    const bytes = await readFile(file);
    // Keep a byte-order mark as text, so the rewritten file keeps it too.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { diagnostic: fileError(file, 'cannot-read', 'no such file', 'check the path') };
    if (e instanceof TypeError)
      return { diagnostic: fileError(file, 'not-utf8', 'the file is not UTF-8 text', 'save it as UTF-8') };
    return { diagnostic: fileError(file, 'cannot-read', (e as Error).message) };
  }
}

function blockError(
  file: string,
  block: EmbedBlock,
  code: CodeOf<'embed'>,
  message: string,
  hint: string,
): Diagnostic {
  return errorAt(file, block.line, block.column, code, message, hint);
}

/** Why a marker's spec gave no diagram, as a diagnostic on the marker's line. */
async function specProblem(
  file: string,
  block: EmbedBlock,
  specFile: string,
  loaded: LoadedSpec,
): Promise<Diagnostic> {
  const missing = await stat(specFile).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
  );
  if (missing) {
    const dangling = await lstat(specFile).then(
      () => true,
      () => false,
    );
    return blockError(
      file,
      block,
      'embed-missing-spec',
      dangling
        ? `the spec '${block.spec}' is a symbolic link to a file that does not exist`
        : `the spec '${block.spec}' does not exist (looked for ${specFile})`,
      'marker paths are relative to the Markdown file',
    );
  }
  const readProblem = loaded.diagnostics.find((d) => d.line === 0 && UNREADABLE_FILE_CODES.has(d.code));
  if (readProblem)
    return blockError(
      file,
      block,
      'embed-unreadable-spec',
      `cannot read the spec '${block.spec}': ${readProblem.message}`,
      'point the marker at a readable .yaml or .json file',
    );
  return blockError(
    file,
    block,
    'embed-invalid-spec',
    `the spec '${block.spec}' has errors, so this block was left as it was`,
    `fix the errors reported for ${specFile}`,
  );
}

/** --out, else the folder this block's images are in, else the one the file's other blocks use. */
function imageFolder(
  markdownDir: string,
  block: EmbedBlock,
  out: string | undefined,
  fileFolder: string | undefined,
): string {
  if (out !== undefined) return out;
  const earlier = imageFolderOf(block.content) ?? fileFolder;
  return path.join(markdownDir, earlier ?? DEFAULT_IMAGE_FOLDER);
}

async function planBlock(
  file: string,
  block: EmbedBlock,
  eol: string,
  out: string | undefined,
  fileFolder: string | undefined,
  session: EmbedSession,
): Promise<PlannedBlock | Diagnostic> {
  const markdownDir = path.dirname(file);
  const specFile = path.isAbsolute(block.spec) ? block.spec : path.join(markdownDir, block.spec);
  let render: SpecRender;
  try {
    render = await session.render(specFile);
  } catch (e) {
    // A bug goes on up: the command reports it with its stack.
    if (e instanceof LayoutTimeoutError) return layoutTimeoutAt(file, block, block.spec, e);
    throw e;
  }
  if (render.light === undefined || render.dark === undefined || !render.loaded.model)
    return await specProblem(file, block, specFile, render.loaded);
  const folder = imageFolder(markdownDir, block, out, fileFolder);
  const lightFile = path.join(folder, outputName(specFile, 'svg'));
  const darkFile = lightFile.replace(/\.svg$/, '-dark.svg');
  for (const image of [lightFile, darkFile]) {
    const owner = session.claim(image, specFile);
    if (owner)
      return blockError(
        file,
        block,
        'embed-name-clash',
        `${image} would hold the diagrams of both ${owner} and ${specFile}`,
        'rename one of the specs',
      );
  }
  const { model } = render.loaded;
  const expected = pictureMarkup(
    {
      light: urlPath(path.relative(markdownDir, lightFile)),
      dark: urlPath(path.relative(markdownDir, darkFile)),
      alt: altText(model.title, model.description, model.name),
    },
    eol,
  );
  return {
    block,
    specFile,
    expected,
    assets: [
      { file: lightFile, data: render.light },
      { file: darkFile, data: render.dark },
    ],
  };
}

/** Plans one Markdown file. `out` (relative to the working folder) overrides where images go. */
export async function planEmbed(
  file: string,
  out: string | undefined,
  session: EmbedSession,
): Promise<EmbedPlan> {
  const read = await readMarkdown(file);
  if ('diagnostic' in read)
    return { file, text: undefined, updated: undefined, blocks: [], diagnostics: [read.diagnostic] };
  const { text } = read;
  const scan = findEmbedBlocks(text, file);
  const diagnostics = [...scan.diagnostics];
  const blocks: PlannedBlock[] = [];
  if (diagnostics.length === 0) {
    // A new block's images go where the file's existing blocks keep theirs.
    const fileFolder = scan.blocks.map((b) => imageFolderOf(b.content)).find((f) => f !== undefined);
    for (const block of scan.blocks) {
      const planned = await planBlock(file, block, scan.eol, out, fileFolder, session);
      if ('code' in planned) diagnostics.push(planned);
      else blocks.push(planned);
    }
  }
  const updated =
    diagnostics.length > 0
      ? undefined
      : replaceBlocks(
          text,
          blocks.map((b) => b.block),
          blocks.map((b) => b.expected),
        );
  return { file, text, updated, blocks, diagnostics };
}

/** True when the Markdown text has at least one refarch marker (outside code fences). */
export function hasEmbedMarkers(text: string, file: string): boolean {
  const scan = findEmbedBlocks(text, file);
  return scan.blocks.length > 0 || scan.diagnostics.length > 0;
}
