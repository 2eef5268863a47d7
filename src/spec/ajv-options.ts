// The ajv options the spec validator is generated with (scripts/schema-source.ts) and that the
// schema tests compile the committed schema with, so both judge specs the same way.

export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;
