// Builds src/catalog/cfn-types.generated.ts: for each CloudFormation resource type (from the CDK's
// database of them, @aws-cdk/aws-service-spec, a dev dependency), the catalog type that draws it,
// or none. A type's principal resource (a function, a table, a queue) is drawn with its service's
// icon, as AWS's own diagrams do; other resources with the resource icon whose name ends like
// theirs and names their service; the rest have none.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { listTypes, resolveType } from '../src/catalog/catalog.js';

/** Resource types drawn with a chosen catalog type: principal resources, and names that differ. */
const CHOSEN: Record<string, string> = {
  'AWS::Lambda::Function': 'aws.lambda',
  'AWS::Serverless::Function': 'aws.lambda',
  'AWS::DynamoDB::Table': 'aws.dynamodb',
  'AWS::DynamoDB::GlobalTable': 'aws.dynamodb',
  'AWS::SQS::Queue': 'aws.sqs',
  'AWS::SNS::Topic': 'aws.sns',
  'AWS::S3::Bucket': 'aws.s3',
  'AWS::EC2::Instance': 'aws.ec2',
  'AWS::RDS::DBInstance': 'aws.rds',
  'AWS::RDS::DBCluster': 'aws.aurora',
  'AWS::ECS::Cluster': 'aws.ecs',
  'AWS::ECS::Service': 'aws.fargate',
  'AWS::EKS::Cluster': 'aws.eks',
  'AWS::ApiGateway::RestApi': 'aws.api-gateway',
  'AWS::ApiGatewayV2::Api': 'aws.api-gateway',
  'AWS::Serverless::Api': 'aws.api-gateway',
  'AWS::StepFunctions::StateMachine': 'aws.step-functions',
  'AWS::Kinesis::Stream': 'aws.kinesis-data-streams',
  'AWS::KinesisFirehose::DeliveryStream': 'aws.data-firehose',
  'AWS::Cognito::UserPool': 'aws.cognito',
  'AWS::CloudFront::Distribution': 'aws.cloudfront',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'aws.alb',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'aws.clb',
  'AWS::ElastiCache::CacheCluster': 'aws.elasticache',
  'AWS::ElastiCache::ReplicationGroup': 'aws.elasticache',
  'AWS::OpenSearchService::Domain': 'aws.opensearch-service',
  'AWS::Elasticsearch::Domain': 'aws.opensearch-service',
  'AWS::Events::EventBus': 'aws.eventbridge',
  'AWS::Events::Rule': 'aws.eventbridge',
  'AWS::EFS::FileSystem': 'aws.efs',
  'AWS::ECR::Repository': 'aws.ecr',
  'AWS::SecretsManager::Secret': 'aws.secrets-manager',
  'AWS::KMS::Key': 'aws.kms',
  'AWS::Logs::LogGroup': 'aws.cloudwatch-logs',
  'AWS::CloudWatch::Alarm': 'aws.cloudwatch-alarm',
  'AWS::EC2::NatGateway': 'aws.vpc-nat-gateway',
  'AWS::EC2::InternetGateway': 'aws.vpc-internet-gateway',
  'AWS::EC2::VPCEndpoint': 'aws.vpc-endpoints',
  'AWS::EC2::TransitGateway': 'aws.transit-gateway',
  'AWS::AppSync::GraphQLApi': 'aws.appsync',
  'AWS::Glue::Job': 'aws.glue',
  'AWS::Batch::JobQueue': 'aws.batch',
  'AWS::Route53::HostedZone': 'aws.route53-hosted-zone',
  // Containers: the importer nests what they hold (a subnet is public or private by its routes).
  'AWS::EC2::VPC': 'group.vpc',
  'AWS::EC2::Subnet': 'group.private-subnet',
  'AWS::EC2::SecurityGroup': 'group.security-group',
  'AWS::AutoScaling::AutoScalingGroup': 'group.auto-scaling-group',
};

/** Resource names that configure or connect other resources rather than being something to draw. */
const PLUMBING =
  /(Permission|Polic(y|ies)|Association|Attachment|Route|Method|Deployment|Stage|Version|Alias|Subscription|Mapping|Integration|Authorizer|Model|Ingress|Egress|Listener|TargetGroup|Rule|Setting|Configuration|Config$|Tag|Template|Parameter|Document|Acl|Entry|Option|Member|Invitation|Grant|Destination|Resource$|Record|Profile|Preference|Schedule|Output|Input)/;

/** `ElasticLoadBalancingV2` -> elastic, load, balancing, v2; `DBInstance` -> db, instance. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s\-_]+/)
    .filter(Boolean);
}

export interface CfnResourceType {
  cloudFormationType: string;
}

/** Every CloudFormation resource type in the CDK's database, sorted. */
export function cfnResourceTypes(dbGz: Uint8Array): string[] {
  const db = JSON.parse(gunzipSync(dbGz).toString('utf8')) as {
    schema: { resource: { entities: Record<string, CfnResourceType> } };
  };
  return [...new Set(Object.values(db.schema.resource.entities).map((r) => r.cloudFormationType))].sort();
}

export function cfnTypeMap(types: readonly string[]): Map<string, string> {
  const catalog = listTypes().filter((e) => !e.aliasOf && e.category === 'resource');
  const byId = new Map(catalog.map((e) => [e.id, e]));
  const words = (id: string) => id.replace(/^\w+\./, '').split('-');
  const map = new Map<string, string>();
  for (const type of types) {
    const chosen = CHOSEN[type];
    if (chosen) {
      const entry = resolveType(chosen);
      if (!entry) throw new Error(`cfn types: '${chosen}' for ${type} is not in the catalog`);
      map.set(type, entry.id);
      continue;
    }
    const [vendor, service, resource] = type.split('::') as [string, string, string];
    if (vendor !== 'AWS' || !service || !resource) continue;
    const svc = nameWords(service);
    const res = nameWords(resource);
    // The service's resource icon: `aws.<service>-<resource>`, or a resource entry whose id ends in
    // the resource's words and also names the service.
    const direct = byId.get(`aws.${[...svc, ...res].join('-')}`);
    const tail = catalog.find((e) => {
      const w = words(e.id);
      return (
        w.length >= res.length &&
        res.every((x, i) => w[w.length - res.length + i] === x) &&
        svc.some((s) => w.slice(0, w.length - res.length).includes(s))
      );
    });
    // The service's icon, except for plumbing: a route, a permission or a method drawn as "EC2"
    // or "Lambda" would say something false; the importer folds those or draws a generic node.
    // EC2's namespace is mostly VPC networking, which the importer nests or folds.
    const serviceIcon =
      PLUMBING.test(resource) || service === 'EC2' ? undefined : resolveType(`aws.${svc.join('-')}`);
    const entry = direct ?? tail ?? (serviceIcon?.category === 'service' ? serviceIcon : undefined);
    if (entry) map.set(type, entry.id);
  }
  return map;
}

export function cfnTypesSource(map: ReadonlyMap<string, string>, specVersion: string, total: number): string {
  const rows = [...map].map(([type, id]) => `  '${type}': '${id}',`);
  return `// Generated by scripts/generate-cfn-types.ts from @aws-cdk/aws-service-spec ${specVersion} (${total}
// CloudFormation resource types) and refarch's catalog. Do not edit: run
// \`npx tsx scripts/generate-cfn-types.ts\`.

/** The catalog type that draws each CloudFormation resource type that has one. */
export const CFN_TYPES: Readonly<Record<string, string>> = {
${rows.join('\n')}
};
`;
}

export function readSpecDb(path: string): Uint8Array {
  return readFileSync(path);
}
