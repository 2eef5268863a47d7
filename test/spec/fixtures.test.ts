import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateBytes } from '../../src/spec/validate.js';
import {
  INVALID_DIR,
  invalidFixtures,
  sidecarPath,
  specFiles,
  VALID_DIR,
  VALIDATION_CODES,
  validFixtures,
} from './fixture-files.js';

interface RawSpec {
  edges?: { from: unknown; to: unknown }[];
}

const fixtures = invalidFixtures();
const at = (d: { code: string; line: number; column: number }) => `${d.code} ${d.line}:${d.column}`;

describe('invalid fixtures', () => {
  it('number at least 40, in both YAML and JSON', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(fixtures.some((f) => f.name.endsWith('.json'))).toBe(true);
    expect(fixtures.some((f) => f.name.endsWith('.yaml'))).toBe(true);
  });

  it('have no sidecar .expect file without a fixture', () => {
    const bases = new Set(specFiles(INVALID_DIR).map((name) => basename(name, extname(name))));
    const orphans = readdirSync(INVALID_DIR)
      .filter((name) => name.endsWith('.expect'))
      .filter((name) => !bases.has(basename(name, '.expect')));
    expect(orphans).toEqual([]);
  });

  it('have distinct base names, so each sidecar belongs to one fixture', () => {
    const bases = specFiles(INVALID_DIR).map((name) => basename(name, extname(name)));
    expect(new Set(bases).size).toBe(bases.length);
  });

  it('hold only spec files and sidecars', () => {
    const others = readdirSync(INVALID_DIR).filter((name) => !/\.(ya?ml|json|expect)$/.test(name));
    expect(others).toEqual([]);
  });

  describe.each(fixtures)('$name', (fixture) => {
    it('states its expected diagnostics, with known codes', () => {
      expect(fixture.malformed, `malformed expectation lines in ${fixture.name}`).toEqual([]);
      expect(
        fixture.expected.length,
        `${fixture.name} states no expectation: start it with "# expect: <code> <line>:<column>" or add ${basename(sidecarPath(fixture.path))}`,
      ).toBeGreaterThan(0);
      for (const e of fixture.expected)
        expect(VALIDATION_CODES, `unknown code in ${fixture.name}`).toContain(e.code);
    });

    it('reports each expected code at its line and column, and no other code', () => {
      const { model, diagnostics } = validateBytes(fixture.bytes, fixture.name);
      const got = diagnostics.map(at);
      for (const e of fixture.expected) expect(got).toContain(at(e));
      const expectedCodes = new Set(fixture.expected.map((e) => e.code));
      const unexpected = diagnostics.filter((d) => !expectedCodes.has(d.code)).map(at);
      expect(unexpected).toEqual([]);
      // A fixture with only warnings is still a usable spec; one with errors yields no model.
      expect(model === null).toBe(diagnostics.some((d) => d.severity === 'error'));
    });
  });
});

describe('valid fixtures', () => {
  const valid = validFixtures();

  // Every valid fixture is laid out, rendered and checked in Chromium: a cap keeps the suite's
  // time in hand (raised from 10 for the house-style layout fixtures: borders, directions, stacks).
  it('number between 6 and 16, in both YAML and JSON', () => {
    expect(valid.length).toBeGreaterThanOrEqual(6);
    expect(valid.length).toBeLessThanOrEqual(16);
    expect(valid.some((f) => f.name.endsWith('.json'))).toBe(true);
  });

  it('have no expectation sidecars', () => {
    expect(readdirSync(VALID_DIR).filter((name) => name.endsWith('.expect'))).toEqual([]);
    for (const f of valid) expect(existsSync(sidecarPath(join(VALID_DIR, f.name)))).toBe(false);
  });

  describe.each(valid)('$name', (fixture) => {
    it('validates with no diagnostics at all', () => {
      const { model, diagnostics } = validateBytes(fixture.bytes, fixture.name);
      expect(diagnostics.map((d) => `${at(d)} ${d.message}`)).toEqual([]);
      expect(model).not.toBeNull();
    });

    it('is small enough to render in a layout test (3 to 25 nodes)', () => {
      const { model } = validateBytes(fixture.bytes, fixture.name);
      expect(model?.nodes.size).toBeGreaterThanOrEqual(3);
      expect(model?.nodes.size).toBeLessThanOrEqual(25);
    });
  });

  const models = valid.map((f) => validateBytes(f.bytes, f.name).model).filter((m) => m !== null);
  const allNodes = () => models.flatMap((m) => [...m.nodes.values()]);
  const features: [string, () => boolean][] = [
    ['every direction', () => new Set(models.map((m) => m.direction)).size === 4],
    ['an async edge', () => models.some((m) => m.edges.some((e) => e.style === 'async'))],
    [
      'a fan-out and a fan-in written as lists',
      () => {
        const edges = valid.flatMap(
          (f) => (parse(Buffer.from(f.bytes).toString('utf8')) as RawSpec).edges ?? [],
        );
        return edges.some((e) => Array.isArray(e.to)) && edges.some((e) => Array.isArray(e.from));
      },
    ],
    ['numbered steps with a legend', () => models.some((m) => m.steps.length > 0)],
    ['an overlay', () => models.some((m) => m.overlays.length > 0)],
    [
      'a note, a link and a tooltip',
      () => ['note', 'link', 'tooltip'].every((k) => allNodes().some((n) => n[k as 'note'])),
    ],
    [
      'a service drawn with children',
      () => allNodes().some((n) => n.isGroup && n.type.category === 'service'),
    ],
    [
      'cloud, region, VPC, AZ and both subnet kinds',
      () =>
        [
          'group.aws-cloud',
          'group.region',
          'group.vpc',
          'group.availability-zone',
          'group.public-subnet',
          'group.private-subnet',
        ].every((id) => allNodes().some((n) => n.type.id === id)),
    ],
    ['Korean labels', () => allNodes().some((n) => /[가-힣]/.test(n.label))],
  ];
  it.each(features)('cover %s', (_feature, present) => {
    expect(models).toHaveLength(valid.length);
    expect(present()).toBe(true);
  });
});
