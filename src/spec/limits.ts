// Resource limits for untrusted specs. Every limit has a clear diagnostic when exceeded.

export interface SpecLimits {
  /** Largest spec file accepted, in bytes. */
  maxBytes: number;
  /** Deepest nesting of YAML/JSON collections and of node children. */
  maxDepth: number;
  /** Most YAML nodes that aliases may add when expanded (a "billion laughs" file exceeds it at once). */
  maxAliasCount: number;
  /** Most nodes (services and groups) in one spec. */
  maxNodes: number;
  /** Most edges after expanding list endpoints. */
  maxEdges: number;
  /** Most diagnostics reported for one spec; the rest are counted in one `too-many-problems` line. */
  maxDiagnostics: number;
}

export const DEFAULT_LIMITS: Readonly<SpecLimits> = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 1000,
  maxNodes: 5000,
  maxEdges: 20000,
  maxDiagnostics: 100,
};
