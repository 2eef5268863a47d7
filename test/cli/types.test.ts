import { describe, expect, it } from 'vitest';
import { runCli } from '../reliability/cli.js';

const run = (...argv: string[]) => runCli(argv);

const ids = (stdout: string) => stdout.split('\n').map((line) => line.split(/\s+/)[0]);

describe('refarch types', () => {
  it('lists aws.dynamodb for "dynamo", with its category and name', async () => {
    const r = await run('types', 'dynamo');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^aws\.dynamodb\s+service\s+Amazon DynamoDB$/m);
  });

  it('lists services before resources', async () => {
    const r = await run('types', 'dynamo');
    expect(ids(r.stdout)[0]).toBe('aws.dynamodb');
  });

  it('matches every word of a multi-word query against the name', async () => {
    const r = await run('types', 'application', 'load', 'balancer');
    expect(ids(r.stdout)).toContain('aws.elastic-load-balancing-application-load-balancer');
    expect(ids(r.stdout)).not.toContain('aws.elastic-load-balancing-network-load-balancer');
  });

  it('shows an alias with the type it stands for', async () => {
    const r = await run('types', 'alb');
    expect(r.stdout).toMatch(
      /^aws\.alb\s+.*\(alias of aws\.elastic-load-balancing-application-load-balancer\)$/m,
    );
  });

  it('lists the group types', async () => {
    const r = await run('types', 'group.');
    expect(ids(r.stdout)).toEqual(
      expect.arrayContaining(['group.vpc', 'group.region', 'group.availability-zone']),
    );
  });

  it('prints parseable JSON with --json', async () => {
    const r = await run('types', '--json', 'dynamo');
    const entries = JSON.parse(r.stdout) as {
      id: string;
      name: string;
      category: string;
      aliasOf?: string;
    }[];
    expect(entries).toContainEqual({ id: 'aws.dynamodb', name: 'Amazon DynamoDB', category: 'service' });
    expect(entries.find((e) => e.id === 'aws.dax')?.aliasOf).toBe('aws.dynamodb-accelerator');
  });

  it('exits 1 and suggests a shorter word when nothing matches', async () => {
    const r = await run('types', 'zzzqqq');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("no type matches 'zzzqqq'; try a shorter word\n");
  });

  it('prints an empty JSON list and exits 1 when nothing matches', async () => {
    const r = await run('types', '--json', 'zzzqqq');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('lists the whole catalog with no query', async () => {
    const r = await run('types');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').length).toBeGreaterThan(500);
  });

  it('exits 2 for an unknown option, without a stack trace', async () => {
    const r = await run('types', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(`${r.stdout}${r.stderr}`).not.toContain('    at ');
  });
});
