// The public library API: each pipeline stage usable alone.
//
//   const { model, diagnostics } = validate(text, 'spec.yaml');
//   const diagram = await layout(model); // ELK on a worker, under DEFAULT_LAYOUT_TIMEOUT_SECONDS
//   const svg = await render(diagram, { format: 'svg', theme: 'light' });

export type { CatalogEntry, IconRef, TypeCategory } from './catalog/catalog.js';
export { listTypes, resolveType } from './catalog/catalog.js';
export type { Diagnostic, DiagnosticCode, DiagnosticFormat, Severity } from './diagnostics.js';
export { formatGithub, formatJson, formatText, hasErrors } from './diagnostics.js';
export type {
  Box,
  Diagram,
  DiagramEdge,
  DiagramNode,
  DiagramOverlay,
  Legend,
  Point,
  TextBlock,
} from './diagram/diagram.js';
export type { FormatInfo, OutputFormat } from './formats.js';
export { FORMATS } from './formats.js';
export type { ImportedSpec, ImportTemplateOptions } from './import/import.js';
export { importTemplate } from './import/import.js';
export type { ImportedResource, ImportReport } from './import/to-spec.js';
export type { LayoutDefect } from './layout/defects.js';
export { findLayoutDefects } from './layout/defects.js';
export type { ElkEngine } from './layout/elk-engine.js';
export { DEFAULT_LAYOUT_TIMEOUT_SECONDS, LayoutTimeoutError } from './layout/elk-engine.js';
export type { LayoutBudget, OutputOptions } from './pipeline.js';
// ELK runs on a worker thread under the layout budget unless the caller passes an engine.
export {
  budgetedLayout as layout,
  budgetedRenderModel as renderModel,
  renderDiagram as render,
} from './pipeline.js';
export type { ThemeName } from './render/theme.js';
export type { SpecLimits } from './spec/limits.js';
export { DEFAULT_LIMITS } from './spec/limits.js';
export type { Model, ModelEdge, ModelNode, ModelOverlay, Step } from './spec/model.js';
export type { SpecDocument } from './spec/parse.js';
export { parseSpecText as parse } from './spec/parse.js';
export type {
  ArchitectureSpec,
  Direction,
  EdgeSpec,
  EdgeStyle,
  NodeSpec,
  OverlaySpec,
} from './spec/types.js';
export type { ValidationResult } from './spec/validate.js';
export { validateBytes, validateDocument, validateText as validate } from './spec/validate.js';
