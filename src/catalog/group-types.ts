// Container types drawn as boxes around other nodes, with the AWS group icons where AWS has one.

import type { CatalogEntry } from './catalog.js';

const group = (id: string, name: string, file: string | null): CatalogEntry => ({
  id: `group.${id}`,
  name,
  category: 'group',
  icon: file === null ? null : { package: 'aws-icons', path: `icons/architecture-group/${file}.svg` },
});

export const GROUP_TYPES: readonly CatalogEntry[] = [
  group('auto-scaling-group', 'Auto Scaling group', 'AutoScalinggroup'),
  group('availability-zone', 'Availability Zone', null),
  group('aws-account', 'AWS account', 'AWSAccount'),
  group('aws-cloud', 'AWS Cloud', 'AWSCloudlogo'),
  group('corporate-data-center', 'Corporate data center', 'Corporatedatacenter'),
  group('ec2-instance-contents', 'EC2 instance contents', 'EC2instancecontents'),
  group('generic', 'Group', null),
  group('private-subnet', 'Private subnet', 'Privatesubnet'),
  group('public-subnet', 'Public subnet', 'Publicsubnet'),
  group('region', 'Region', 'Region'),
  group('security-group', 'Security group', null),
  group('server-contents', 'Server contents', 'Servercontents'),
  group('spot-fleet', 'Spot Fleet', 'SpotFleet'),
  group('vpc', 'VPC', 'VirtualprivatecloudVPC'),
];
