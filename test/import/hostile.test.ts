// Templates that are not templates, or that CloudFormation itself would refuse, given to
// `refarch import`: each gets a diagnostic that names the problem and its place, exit 1 or 2, no
// stack trace, and nothing written.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, tempProject } from '../cli/project.js';

const project = tempProject();
afterAll(() => project.remove());

/** A template of `count` queues, each (when `chain`) naming the next as its dead-letter queue. */
function queues(count: number, { refersTo }: { refersTo?: (i: number) => number } = {}): string {
  const resources = Array.from({ length: count }, (_, i) => {
    const target = refersTo?.(i);
    const props =
      target === undefined
        ? ''
        : `\n    Properties: { RedrivePolicy: { deadLetterTargetArn: !GetAtt Q${target}.Arn, maxReceiveCount: 3 } }`;
    return `  Q${i}:\n    Type: AWS::SQS::Queue${props}`;
  });
  return `Resources:\n${resources.join('\n')}\n`;
}

async function importRefused(name: string, text: string | Buffer) {
  const file = project.at(name);
  writeFileSync(file, text);
  const out = project.at(`${name}.spec.yaml`);
  const result = await run(['import', file, '--out', out]);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(out)).toBe(false);
  return result;
}

describe('refarch import on hostile templates', () => {
  it('refuses what is not YAML, with its place', async () => {
    const result = await importRefused('broken.yaml', 'Resources:\n  A: { Type: [AWS::SQS::Queue\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:3:1 error yaml-syntax/);
  });

  it('refuses bytes that are not text', async () => {
    const result = await importRefused(
      'binary.yaml',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff, 0xfe]),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error (yaml-syntax|not-a-template)/);
  });

  it('refuses a 10 MB template before reading it', async () => {
    const big = `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n# ${'x'.repeat(10 * 1024 * 1024)}\n`;
    const result = await importRefused('big.yaml', big);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/big\.yaml:1:1 error template-too-large: the template is 10\.0 MB/);
  });

  it('refuses 5,000 resources, past any stack CloudFormation takes', async () => {
    const result = await importRefused('many.yaml', queues(5000));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/many\.yaml:2:3 error too-many-resources: the template has 5000 resources/);
  });

  it('refuses unknown intrinsic functions, short tags and long forms, at their place', async () => {
    const tag = await importRefused(
      'tag.yaml',
      'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { QueueName: !Frobnicate x }\n',
    );
    expect(tag.code).toBe(1);
    expect(tag.stderr).toMatch(
      /tag\.yaml:4:30 error unknown-intrinsic: unknown intrinsic function !Frobnicate/,
    );
    const long = await importRefused(
      'long.json',
      JSON.stringify(
        {
          Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Frobnicate': 'x' } } } },
        },
        null,
        2,
      ),
    );
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(
      /long\.json:\d+:\d+ error unknown-intrinsic: unknown intrinsic function Fn::Frobnicate/,
    );
  });

  it('refuses resources that refer to each other in a circle, or to themselves', async () => {
    const circle = await importRefused('circle.yaml', queues(3, { refersTo: (i) => (i + 1) % 3 }));
    expect(circle.code).toBe(1);
    expect(circle.stderr).toMatch(
      /circle\.yaml:3:5 error reference-cycle: resources refer to each other in a circle: Q0 -> Q1 -> Q2 -> Q0/,
    );
    const self = await importRefused(
      'self.yaml',
      queues(2, { refersTo: (i) => (i === 1 ? 1 : undefined) as number }),
    );
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/self\.yaml:5:5 error reference-cycle: resource 'Q1' refers to itself/);
  });

  it('follows a long chain of references without running out of stack', async () => {
    const file = project.at('chain.yaml');
    writeFileSync(file, queues(1900, { refersTo: (i) => (i + 1 < 1900 ? i + 1 : undefined) as number }));
    const result = await run(['import', file, '--out', project.at('chain.spec.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1900 resources: drew 1900/);
  }, 120_000);

  it('says what a cdk.out folder holds when --stack is missing or wrong, and refuses --stack for a file', async () => {
    const dir = path.join(project.root, 'two.out');
    project.write(
      'two.out/manifest.json',
      JSON.stringify({
        version: '40.0.0',
        artifacts: {
          A: { type: 'aws:cloudformation:stack', properties: { templateFile: 'A.template.json' } },
          B: {
            type: 'aws:cloudformation:stack',
            displayName: 'Team/B',
            properties: { templateFile: 'B.template.json' },
          },
        },
      }),
    );
    project.write(
      'two.out/B.template.json',
      JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue' } } }),
    );
    const missing = await run(['import', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the cloud assembly has 2 stacks (A, Team/B): choose one with --stack');
    const wrong = await run(['import', dir, '--stack', 'C']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("no stack 'C' in the cloud assembly (it has A, Team/B)");
    const chosen = await run(['import', dir, '--stack', 'Team/B']);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('title: Team/B');
    const onFile = await run(['import', 'test/fixtures/cfn/web-service.yaml', '--stack', 'A']);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('--stack chooses a stack of a cdk.out folder');
  });

  it('says so when nothing in the template can be drawn', async () => {
    const empty = await importRefused('empty.yaml', 'Resources: {}\n');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(
      /empty\.yaml:1:12 error nothing-to-draw: nothing in the template can be drawn: it has no resources/,
    );
    const plumbing = await importRefused('plumbing.yaml', 'Resources:\n  Role: { Type: AWS::IAM::Role }\n');
    expect(plumbing.code).toBe(1);
    expect(plumbing.stderr).toContain('nothing in the template can be drawn (1 resource, all plumbing)');
  });

  it('imports logical ids as long as CloudFormation allows (255 characters), labels cut to fit', async () => {
    const id = `A${'b'.repeat(254)}`;
    const file = project.at('long.yaml');
    writeFileSync(file, `Resources:\n  ${id}: { Type: AWS::SQS::Queue }\n`);
    const result = await run(['import', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 resource: drew 1, folded 0');
    expect(result.stdout).toContain(`label: A${'b'.repeat(198)}…\n`);
  });

  it('refuses security groups whose rules would make more lines than a spec takes', async () => {
    const functions = Array.from(
      { length: 300 },
      (_, i) =>
        `  Fn${i}: { Type: AWS::Lambda::Function, Properties: { VpcConfig: { SecurityGroupIds: [!Ref ${i < 150 ? 'Callers' : 'Called'}] } } }`,
    );
    const groups = `  Callers: { Type: AWS::EC2::SecurityGroup }
  Called:
    Type: AWS::EC2::SecurityGroup
    Properties: { SecurityGroupIngress: [{ SourceSecurityGroupId: !Ref Callers }] }`;
    const result = await importRefused('mesh.yaml', `Resources:\n${groups}\n${functions.join('\n')}\n`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /mesh\.yaml:2:3 error too-many-resources: the template's resources make 22500 lines; a spec takes up to 20000/,
    );
  });

  it('makes spec text of a description or AZ name with control characters, line breaks or 300 characters', async () => {
    const file = project.at('text.yaml');
    writeFileSync(
      file,
      `Description: "Orders\\u0007 service\\nsecond line ${'x'.repeat(300)}"
Resources:
  Vpc: { Type: AWS::EC2::VPC }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, AvailabilityZone: "zone\\u0001 a" } }
`,
    );
    const result = await run(['import', file, '--out', project.at('text.spec.yaml')]);
    expect(result.code).toBe(0);
    const spec = readFileSync(project.at('text.spec.yaml'), 'utf8');
    expect(spec).toMatch(/^title: Orders service second line x{172}…$/m);
    expect(spec).toContain('label: zone a');
  });
});
