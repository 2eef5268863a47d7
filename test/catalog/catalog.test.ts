import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildAwsTypes,
  dropRepeatedRun,
  generateCatalogSource,
  type IconFile,
  idFromWords,
  splitFileName,
  titleWords,
} from '../../scripts/catalog-source.js';
import { TYPE_ALIASES } from '../../src/catalog/aliases.js';
import { AWS_TYPES } from '../../src/catalog/aws-types.generated.js';
import {
  allTypeIds,
  type CatalogEntry,
  isGroupType,
  listTypes,
  loadIconSvg,
  resolveType,
} from '../../src/catalog/catalog.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const awsIconsRoot = dirname(createRequire(import.meta.url).resolve('aws-icons/package.json'));

const REQUIRED_IDS = [
  'aws.dynamodb',
  'aws.dynamodb-stream',
  'aws.lambda',
  'aws.kinesis-data-streams',
  'aws.firehose',
  'aws.kinesis-data-firehose',
  'aws.s3',
  'aws.glue',
  'aws.athena',
  'aws.redshift',
  'aws.opensearch',
  'aws.elasticsearch',
  'aws.emr',
  'aws.cloudwatch',
  'aws.cloudwatch-logs',
  'aws.eventbridge',
  'aws.eks',
  'aws.ec2',
  'aws.auto-scaling',
  'aws.nlb',
  'aws.alb',
  'aws.elasticache',
  'aws.aurora',
  'aws.aurora-mysql',
  'aws.rds',
  'aws.sqs',
  'aws.sns',
  'aws.route53',
  'aws.ecr',
  'aws.kms',
  'aws.secrets-manager',
  'aws.systems-manager',
  'aws.systems-manager-parameter-store',
  'aws.iam',
  'aws.efs',
  'aws.ebs',
  'aws.eni',
  'aws.vpc-peering',
  'aws.neptune',
  'aws.documentdb',
  'aws.timestream',
  'aws.codecommit',
  'aws.codepipeline',
  'aws.codebuild',
  'aws.cloudtrail',
  'aws.managed-prometheus',
  'aws.glue-crawler',
  'aws.glue-data-catalog',
  'aws.elasticache-redis',
  'aws.nacl',
  'aws.cloudwatch-events',
  'aws.kinesis',
  'generic.user',
  'generic.users',
  'generic.mobile-client',
  'generic.client',
  'generic.internet',
  'generic.server',
  'generic.servers',
  'generic.database',
  'generic.document',
  'generic.logs',
  'generic.metrics',
  'generic.source-code',
  'generic.git-repository',
  'generic.office-building',
  'generic.generic-application',
  'generic.pod',
  'generic.container',
  'generic.kubernetes-tool',
  'generic.app',
  'group.aws-cloud',
  'group.aws-account',
  'group.region',
  'group.availability-zone',
  'group.vpc',
  'group.public-subnet',
  'group.private-subnet',
  'group.security-group',
  'group.auto-scaling-group',
  'group.ec2-instance-contents',
  'group.spot-fleet',
  'group.server-contents',
  'group.corporate-data-center',
  'group.generic',
];

const canonicalEntries = (): CatalogEntry[] => listTypes().filter((e) => e.aliasOf === undefined);

describe('resolveType', () => {
  it.each(REQUIRED_IDS)('resolves %s', (id) => {
    expect(resolveType(id)).toBeDefined();
  });

  it('returns the entry itself for a canonical id', () => {
    expect(resolveType('aws.dynamodb')).toMatchObject({
      id: 'aws.dynamodb',
      name: 'Amazon DynamoDB',
      category: 'service',
      icon: { package: 'aws-icons', path: 'icons/architecture-service/AmazonDynamoDB.svg' },
    });
  });

  it('names resources after their service', () => {
    expect(resolveType('aws.dynamodb-stream')).toMatchObject({
      name: 'Amazon DynamoDB Stream',
      category: 'resource',
    });
  });

  it('follows an alias to the canonical entry', () => {
    const entry = resolveType('aws.s3');
    expect(entry?.id).toBe('aws.simple-storage-service');
    expect(entry?.aliasOf).toBeUndefined();
  });

  it('returns undefined for an unknown id', () => {
    expect(resolveType('aws.dynamo')).toBeUndefined();
  });
});

describe('aliases', () => {
  it.each(Object.entries(TYPE_ALIASES))('%s points at the canonical id %s', (alias, target) => {
    expect(resolveType(target)?.id).toBe(target);
    expect(resolveType(alias)?.id).toBe(target);
  });

  it('never shadow a generated id', () => {
    const generated = new Set(AWS_TYPES.map((t) => t.id));
    expect(Object.keys(TYPE_ALIASES).filter((alias) => generated.has(alias))).toEqual([]);
  });
});

describe('allTypeIds', () => {
  it('lists canonical ids and aliases, sorted and without duplicates', () => {
    const ids = allTypeIds();
    expect(ids).toContain('aws.simple-storage-service');
    expect(ids).toContain('aws.s3');
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('isGroupType', () => {
  it('is true for group types only', () => {
    expect(isGroupType('group.vpc')).toBe(true);
    expect(isGroupType('aws.vpc')).toBe(false);
    expect(isGroupType('nope')).toBe(false);
  });
});

describe('listTypes', () => {
  it('finds the DynamoDB entries for "dynamo"', () => {
    const ids = listTypes('dynamo').map((e) => e.id);
    expect(ids).toContain('aws.dynamodb');
    expect(ids).toContain('aws.dynamodb-stream');
    expect(ids.every((id) => id.includes('dynamodb') || id === 'aws.dax')).toBe(true);
  });

  it('requires every word to match, ignoring case', () => {
    const ids = listTypes('Parameter SYSTEMS').map((e) => e.id);
    expect(ids).toEqual(['aws.systems-manager-parameter-store']);
  });

  it('lists aliases with aliasOf', () => {
    expect(listTypes('aws.sqs')).toContainEqual(
      expect.objectContaining({ id: 'aws.sqs', aliasOf: 'aws.simple-queue-service' }),
    );
  });

  it('sorts by category, then id', () => {
    const order = ['service', 'resource', 'group', 'generic'];
    const entries = listTypes();
    const keys = entries.map((e) => `${order.indexOf(e.category)} ${e.id}`);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('icons', () => {
  it('every catalog icon exists and is an SVG', () => {
    for (const entry of canonicalEntries()) {
      if (entry.icon === null) continue;
      expect(loadIconSvg(entry.icon).trimStart(), entry.id).toMatch(/^<svg[\s>]/);
    }
  });

  it('hand-drawn icons are 64x64 and carry no text', () => {
    const drawn = canonicalEntries().flatMap((e) => (e.icon?.package === 'refarch' ? [e.icon] : []));
    expect(drawn.length).toBeGreaterThan(0);
    for (const icon of drawn) {
      const svg = loadIconSvg(icon);
      expect(svg).toContain('viewBox="0 0 64 64"');
      expect(svg).not.toMatch(/<text/);
    }
  });

  it('only the availability zone, security group and generic group have no icon', () => {
    const iconless = canonicalEntries()
      .filter((e) => e.icon === null)
      .map((e) => e.id);
    expect(iconless).toEqual(['group.availability-zone', 'group.generic', 'group.security-group']);
  });
});

describe('generated AWS types', () => {
  it('have unique, well-formed ids', () => {
    const ids = AWS_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^aws\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('cover every service and resource icon', () => {
    expect(AWS_TYPES.filter((t) => t.category === 'service')).toHaveLength(300);
    expect(AWS_TYPES.filter((t) => t.category === 'resource')).toHaveLength(468);
  });

  it('match what the generator produces now', () => {
    const committed = readFileSync(join(repoRoot, 'src/catalog/aws-types.generated.ts'), 'utf8');
    expect(committed).toBe(generateCatalogSource(awsIconsRoot));
  });
});

describe('catalog id derivation', () => {
  it('reads word boundaries from the icon title', () => {
    expect(
      titleWords('Icon-Resource/Database/Res_Amazon-DynamoDB_Stream_48', 'AmazonDynamoDBStream'),
    ).toEqual(['Amazon', 'DynamoDB', 'Stream']);
  });

  it('ignores a title that names something else', () => {
    expect(
      titleWords('Icon-Architecture/48/Arch_Amazon-Kinesis-Data-Firehose_48', 'AmazonDataFirehose'),
    ).toBe(undefined);
  });

  it('splits an untitled file name with known words', () => {
    const lexicon = new Set(['DynamoDB', 'Directory', 'bucket', 'for']);
    expect(splitFileName('AWSRTBFabric', lexicon)).toEqual(['AWS', 'RTB', 'Fabric']);
    expect(splitFileName('AmazonDynamoDBforValkey', lexicon)).toEqual([
      'Amazon',
      'DynamoDB',
      'for',
      'Valkey',
    ]);
    expect(splitFileName('Directorybucket', lexicon)).toEqual(['Directory', 'bucket']);
  });

  it('drops vendor words and joins numbers to their word', () => {
    expect(idFromWords(['Amazon', 'Route', '53', 'Hosted', 'Zone'])).toBe('aws.route53-hosted-zone');
    expect(idFromWords(['Apache', 'MXNet', 'on', 'AWS'])).toBe('aws.apache-mxnet-on-aws');
  });

  it('drops a repeated service name only when more words follow', () => {
    expect(dropRepeatedRun(['Amazon', 'DynamoDB', 'Amazon', 'DynamoDB', 'Accelerator'])).toEqual([
      'Amazon',
      'DynamoDB',
      'Accelerator',
    ]);
    expect(dropRepeatedRun(['AWS', 'App', 'Mesh', 'Mesh'])).toEqual(['AWS', 'App', 'Mesh', 'Mesh']);
  });

  it('gives a resource a suffix when a service owns its id', () => {
    const files: IconFile[] = [
      { category: 'service', base: 'AmazonEC2AutoScaling', title: 'Arch_Amazon-EC2-Auto-Scaling_48' },
      { category: 'resource', base: 'AmazonEC2AutoScaling', title: 'Res_Amazon-EC2_Auto-Scaling_48' },
    ];
    expect(buildAwsTypes(files).map((t) => t.id)).toEqual([
      'aws.ec2-auto-scaling',
      'aws.ec2-auto-scaling-resource',
    ]);
  });

  it('fails loudly on a duplicate id', () => {
    const files: IconFile[] = [
      { category: 'service', base: 'AmazonFooBar', title: '' },
      { category: 'service', base: 'AWSFooBar', title: '' },
    ];
    expect(() => buildAwsTypes(files)).toThrow(/duplicate catalog id 'aws.foo-bar'/);
  });
});
