// Generates AWS-like architecture specs for benchmarks: a cloud > region > VPC > AZ > subnet tree
// with services in the subnets and a few outside, and about 1.3 edges per node, mostly between
// neighbouring subnets and tiers, as real diagrams have. Deterministic for a given size and seed.

const SERVICES = [
  'aws.ec2',
  'aws.lambda',
  'aws.rds',
  'aws.elasticache',
  'aws.dynamodb',
  'aws.sqs',
  'aws.sns',
  'aws.s3',
  'aws.alb',
  'aws.eks',
];

function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** A spec object with about `size` nodes (services and groups). */
export function awsLikeSpec(size, seed = 1) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const leaves = [];
  let groups = 0;
  const service = () => {
    const id = `svc${leaves.length + 1}`;
    leaves.push(id);
    return [id, { type: pick(SERVICES), label: `Service ${leaves.length}` }];
  };
  // Groups take about a fifth of the nodes; each subnet holds 3-6 services.
  const subnetCount = Math.max(1, Math.round(size / 6));
  const azCount = Math.max(1, Math.min(3, Math.ceil(subnetCount / 2)));
  const vpcCount = Math.max(1, Math.round(subnetCount / 8));
  const budget = size - 2 - vpcCount - vpcCount * azCount - subnetCount;
  const perSubnet = Math.max(1, Math.floor((budget * 0.9) / subnetCount));
  const region = { type: 'group.region', label: 'Asia Pacific (Seoul)', children: {} };
  groups += 2;
  let subnetsLeft = subnetCount;
  for (let v = 1; v <= vpcCount; v++) {
    const vpc = { type: 'group.vpc', label: `VPC ${v}`, children: {} };
    groups++;
    for (let a = 1; a <= azCount; a++) {
      const az = {
        type: 'group.availability-zone',
        label: `AZ ${v}${String.fromCharCode(96 + a)}`,
        children: {},
      };
      groups++;
      const subnetsHere = Math.max(
        1,
        Math.ceil(subnetsLeft / ((vpcCount - v) * azCount + (azCount - a) + 1)),
      );
      for (let s = 1; s <= subnetsHere && subnetsLeft > 0; s++, subnetsLeft--) {
        const subnet = {
          type: s % 2 ? 'group.private-subnet' : 'group.public-subnet',
          label: `Subnet ${v}${a}${s}`,
          children: {},
        };
        groups++;
        for (let k = 0; k < perSubnet; k++) {
          const [id, node] = service();
          subnet.children[id] = node;
        }
        az.children[`subnet-${v}-${a}-${s}`] = subnet;
      }
      vpc.children[`az-${v}-${a}`] = az;
    }
    region.children[`vpc-${v}`] = vpc;
  }
  const nodes = {
    users: { type: 'generic.users', label: 'Users' },
    cloud: { type: 'group.aws-cloud', children: { seoul: region } },
  };
  while (leaves.length + groups + 1 < size) {
    const [id, node] = service();
    region.children[id] = node;
  }
  const edges = [{ from: 'users', to: leaves[0], label: 'HTTPS' }];
  const edgeCount = Math.round((leaves.length + groups + 1) * 1.3);
  for (let i = 1; edges.length < edgeCount; i++) {
    const from = leaves[Math.floor(rnd() * leaves.length)];
    // Mostly near neighbours in the tree order, sometimes far: like real tiers.
    const reach = rnd() < 0.8 ? 1 + Math.floor(rnd() * 6) : Math.floor(rnd() * leaves.length);
    const to = leaves[(leaves.indexOf(from) + reach) % leaves.length];
    if (from === to) continue;
    edges.push({
      from,
      to,
      ...(i % 4 === 0 ? { label: `call ${i}` } : {}),
      ...(i % 5 === 0 ? { style: 'async' } : {}),
    });
  }
  return { refarch: 1, title: `AWS-like diagram, ${size} nodes`, direction: 'right', nodes, edges };
}

export function countNodes(spec) {
  let count = 0;
  const visit = (map) => {
    for (const node of Object.values(map)) {
      count++;
      if (node.children) visit(node.children);
    }
  };
  visit(spec.nodes);
  return count;
}
