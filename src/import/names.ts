// Spec ids and labels for imported resources. A CDK app's construct path says what a resource is
// (`Orders/Api/Default/orders/POST/Resource`); a plain template's logical id does (`OrdersTable`).
// Ids are kebab-case and unique; labels are words; hash suffixes CDK adds are dropped from both.

import { NOT_XML_GLOBAL } from '../xml-chars.js';
import type { CfnResource } from './cfn-template.js';

/** The longest label a spec takes (logical ids may be 255 characters long). */
const MAX_LABEL = 200;

/** The construct names CDK gives the L1 resource under an L2 construct: not part of a name. */
const FILLER = new Set(['Resource', 'Default']);

/** The 32 hex digits (digits and letters both) that name a CDK singleton construct. */
export const SINGLETON_HASH = /(?=[0-9a-f]{0,31}[0-9])(?=[0-9a-f]{0,31}[a-f])[0-9a-f]{32}/;

/** CDK's suffix for logical ids and singleton constructs: 8 hex digits (or 32 for singletons). */
const HASH_SUFFIX = new RegExp(`([0-9A-F]{8}|${SINGLETON_HASH.source})$`);

/** The meaningful parts of a construct path, without the stack, filler names and hash suffixes. */
export function pathParts(cdkPath: string): string[] {
  return cdkPath
    .split('/')
    .slice(1)
    .filter((part) => part !== '' && !FILLER.has(part))
    .map((part) => part.replace(HASH_SUFFIX, '') || part);
}

/** Words of a name: `PublicSubnet1` -> `Public Subnet 1`, `NATGateway` -> `NAT Gateway`. */
export function words(name: string): string {
  return name
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** kebab-case of a name, starting with a letter as spec ids must. */
export function kebab(name: string): string {
  const id = words(name).toLowerCase().replace(/\s+/g, '-');
  return /^[a-z]/.test(id) ? id : `r-${id || 'resource'}`;
}

/** The name a resource goes by: its construct path's parts, or its logical id (hash dropped when a
 *  CDK app made the template). */
function nameParts(resource: CfnResource, fromCdk: boolean): string[] {
  if (resource.cdkPath) {
    const parts = pathParts(resource.cdkPath);
    if (parts.length > 0) return parts;
  }
  // CDK's logical ids end in a hash; a singleton's name holds a 32-digit one in the middle.
  const id = fromCdk
    ? resource.logicalId.replace(SINGLETON_HASH, '').replace(HASH_SUFFIX, '') || resource.logicalId
    : resource.logicalId;
  return [id];
}

/** The CloudFormation type's own name (`AWS::EC2::Subnet` -> `Subnet`). */
const typeName = (type: string) => type.split('::').at(-1) ?? type;

/** A label: the construct's own name, or the one above it when CDK named the L1 after its type
 *  (a VPC's `PublicSubnet1/Subnet` is "Public Subnet 1"; its `PublicSubnet1/NATGateway` stays
 *  "NAT Gateway", under the subnet it is drawn in). */
export function labelOf(resource: CfnResource, fromCdk: boolean, isGroup: boolean): string {
  const parts = nameParts(resource, fromCdk);
  const last = parts.at(-1)!;
  const generic = last.toLowerCase() === typeName(resource.type).toLowerCase();
  return specText(words(isGroup && generic && parts.length > 1 ? parts.at(-2)! : last) || resource.logicalId);
}

/** Text from a template as a spec takes it: without characters XML cannot hold, on one line, at
 *  most `max` characters (a logical id may have 255). */
export function specText(text: string, max = MAX_LABEL): string {
  const clean = text.replace(NOT_XML_GLOBAL, '').replace(/\s+/g, ' ').trim();
  return [...clean].length > max ? `${[...clean].slice(0, max - 1).join('')}…` : clean;
}

/** Unique kebab-case spec ids for resources, in template order: `orders-table`, or from a CDK
 *  path `api-orders-post` (a VPC's `PublicSubnet1/Subnet` is `network-public-subnet-1`); a clash
 *  takes a number (`queue-2`). Reserved ids are never given. */
export function specIds(
  resources: readonly CfnResource[],
  fromCdk: boolean,
  isGroup: (resource: CfnResource) => boolean,
  reserved: Iterable<string> = [],
): Map<string, string> {
  const taken = new Set(reserved);
  const ids = new Map<string, string>();
  for (const resource of resources) {
    const parts = nameParts(resource, fromCdk);
    const generic = parts.at(-1)!.toLowerCase() === typeName(resource.type).toLowerCase();
    const base = kebab(
      (isGroup(resource) && generic && parts.length > 1 ? parts.slice(0, -1) : parts).join('-'),
    );
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    ids.set(resource.logicalId, id);
  }
  return ids;
}
