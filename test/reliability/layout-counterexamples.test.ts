// Minimal specs, found by the property tests and shrunk by fast-check, on which the layout once
// broke its own invariants (findLayoutDefects); kept as regression tests, each named after the
// defect a reader saw.

import { describe, expect, it } from 'vitest';
import { findLayoutDefects } from '../../src/layout/defects.js';
import { layoutModel } from '../../src/layout/layout.js';
import { validateText } from '../../src/spec/validate.js';

async function defects(text: string): Promise<string[]> {
  const { model, diagnostics } = validateText(text, 'counterexample.yaml');
  expect(diagnostics).toEqual([]);
  return findLayoutDefects(await layoutModel(model!)).map((d) => `${d.kind}: ${d.message}`);
}

describe('layout counterexamples', () => {
  it('keeps a node with an empty label inside its group', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  inner:
    type: group.generic
    children:
      fn: { type: aws.lambda, label: "" }
`),
    ).toEqual([]);
  });

  it('gives an edge with an empty label no label box on top of a node', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  a: { type: aws.lambda }
  b: { type: aws.lambda }
edges:
  - { from: a, to: b, label: "" }
`),
    ).toEqual([]);
  });

  it('does not stack the label boxes of a fan-out with an empty label', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  a: { type: aws.lambda }
  b: { type: aws.lambda }
  c: { type: aws.lambda }
edges:
  - { from: a, to: [b, c], label: "" }
`),
    ).toEqual([]);
  });

  it('routes no edge through a node with an empty label', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  g:
    type: group.generic
    children:
      a: { type: aws.lambda, label: "" }
      b: { type: aws.lambda }
  c: { type: aws.lambda }
edges:
  - { from: a, to: b }
  - { from: c, to: b }
`),
    ).toEqual([]);
  });

  it('keeps a node with an empty label and a blank note clear of its sibling group', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  a: { type: aws.lambda, label: "", note: " " }
  g:
    type: group.generic
    children:
      b: { type: aws.lambda }
`),
    ).toEqual([]);
  });

  it('keeps the header of an overlay wider than its member off a taller neighbour', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: down
nodes:
  a: { type: aws.lambda, note: with a note }
  b: { type: aws.lambda }
overlays:
  asg:
    type: group.auto-scaling-group
    label: a label wider than its member
    members: [b]
`),
    ).toEqual([]);
  });

  it('lets many lines into the side under a label end under the label, not only under the icon', async () => {
    // Seven lines into one node from below, in an upward flow: ELK spreads their ends wider than
    // the icon, along the bottom of the label they point at.
    expect(
      await defects(`refarch: 1
title: t
direction: up
nodes:
  cloud:
    type: group.aws-cloud
    children:
      A: { type: aws.lambda }
      a: { type: aws.lambda }
  a1: { type: aws.lambda }
  Aa: { type: aws.lambda }
  A-: { type: aws.lambda }
edges:
  - { from: Aa, to: A- }
  - { from: [A-, Aa], to: A, style: async }
  - { from: [Aa, A], to: [a1, A-] }
  - { from: [A-, a1], to: a, style: async }
  - { from: [A-, a], to: [A, a1], style: async }
  - { from: [a, A-, a1], to: A }
`),
    ).toEqual([]);
  });

  it('lets the outer of several lines into a side the icon touches land a little beyond the icon', async () => {
    // Back edges into the top of a node in an upward flow: ELK spread three ends over 50 px.
    expect(
      await defects(`refarch: 1
title: t
direction: up
nodes:
  a0:
    type: group.aws-cloud
    children:
      inner:
        type: group.aws-cloud
        children:
          Aa: { type: aws.lambda }
      aa: { type: aws.lambda }
      own: { type: aws.lambda }
  B:
    type: group.aws-cloud
    children:
      ab: { type: aws.lambda }
      proto: { type: aws.lambda }
  aA: { type: aws.lambda }
  ac: { type: aws.lambda }
edges:
  - { from: [Aa, aa, proto], to: [ab, ac, own], label: x, step: 9 }
  - { from: [ab, ac, aA], to: Aa, label: y, style: async, step: 8 }
  - { from: [ac], to: [Aa, own, proto], label: z, style: async, step: 10 }
steps:
  8: a
  9: b
  10: c
overlays:
  C: { type: group.auto-scaling-group, label: o, members: [aA, Aa] }
`),
    ).toEqual([]);
  });

  it('lets many lines out of one side spread as wide as they need, beyond the icon', async () => {
    // Eight lines leave the top of one node with a long note in an upward flow.
    expect(
      await defects(
        JSON.stringify({
          refarch: 1,
          title: 't',
          direction: 'up',
          nodes: {
            hasOwnProperty: {
              type: 'group.aws-cloud',
              children: { F_I03Yi_: { type: 'aws.lambda' }, D9a__: { type: 'aws.lambda' } },
            },
            'c_-_VCn': {
              type: 'group.aws-cloud',
              children: {
                rpr: { type: 'aws.lambda' },
                z: { type: 'aws.lambda' },
                Z: { type: 'aws.lambda' },
                'X-': { type: 'aws.lambda' },
              },
            },
            prototype: { type: 'aws.lambda' },
            'T-nG-_sya-9': { type: 'aws.lambda', label: '𒌖k𝆺𝅥𝅮 ar', note: '<script> 주문 처리 서버 zero' },
          },
          edges: [
            { from: ['X-'], to: ['z', 'T-nG-_sya-9', 'D9a__'], label: 'ꏿ', step: 11 },
            { from: 'T-nG-_sya-9', to: ['D9a__', 'Z'], label: '🧕𞸜𞢨𑀋⩀𐽃𑱡', step: 7 },
            { from: ['rpr'], to: ['F_I03Yi_', 'Z', 'prototype'], style: 'sync', step: 12 },
            { from: 'X-', to: 'Z', label: '', style: 'sync', step: 10 },
            {
              from: ['T-nG-_sya-9', 'z', 'prototype'],
              to: ['rpr', 'Z', 'X-'],
              label: 'ፔ⥣𘨷𘱎𔕠ボ𝡢',
              style: 'async',
              step: 12,
            },
            {
              from: ['T-nG-_sya-9'],
              to: ['rpr', 'prototype', 'z'],
              label: '" onload="alert(1)&amp; &lt; &',
              style: 'async',
              step: 2,
            },
            {
              from: ['z', 'Z', 'T-nG-_sya-9'],
              to: ['prototype', 'D9a__'],
              label: '<!-- x --><?xml version="1.0"?',
              step: 12,
            },
          ],
          steps: {
            '2': '🠙𝆺𝅥𝅯',
            '7': "é́' onmouseover='alert(1)]]>",
            '10': 'i',
            '11': "' onmouseover='alert(1)",
            '12': '</text><script>alert(1)</script>',
          },
          overlays: {
            valueOf: {
              type: 'group.auto-scaling-group',
              label: '</text><script>alert',
              members: ['rpr', 'prototype'],
            },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('moves end labels out from an end that three parallel lines crowd, off the node and each other', async () => {
    expect(
      await defects(`refarch: 1
description: x
nodes:
  cloud:
    type: group.aws-cloud
    children:
      a: { type: aws.lambda }
      e: { type: aws.lambda }
edges:
  - { from: e, to: a }
  - { from: e, to: a, sourceLabel: "<script>alert(1)</sc" }
  - { from: a, to: e, arrow: start, sourceLabel: "A & B < C > D{{const", targetLabel: "&amp; &lt; &gt;" }
`),
    ).toEqual([]);
  });

  it('lays out a line into a group that has a node on its top border (network simplex refused it)', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  vpc:
    type: group.vpc
    children:
      worker: { type: aws.lambda }
      igw: { type: aws.vpc-internet-gateway, border: top }
  queue: { type: aws.sqs }
edges:
  - { from: queue, to: worker }
`),
    ).toEqual([]);
  });

  it('lays out a line from a border node down into nested groups (network simplex threw a TypeError)', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  outer:
    type: group.aws-cloud
    children:
      middle:
        type: group.aws-cloud
        children:
          inner:
            type: group.aws-cloud
            children:
              a: { type: aws.lambda }
      gateway: { type: aws.lambda, border: top }
edges:
  - { from: gateway, to: a }
`),
    ).toEqual([]);
  });

  it('lays out a line into a nested group under a group with a node on its top border, top-down (network simplex refused it)', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: down
nodes:
  outer:
    type: group.aws-cloud
    children:
      inner:
        type: group.aws-cloud
        children:
          a: { type: aws.lambda }
      gateway: { type: aws.lambda, border: top }
  client: { type: aws.lambda }
edges:
  - { from: client, to: a }
`),
    ).toEqual([]);
  });

  it('keeps what a group holds clear of a node on its right border', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  cloud:
    type: group.aws-cloud
    children:
      gateway: { type: aws.lambda, border: right }
      inside: { type: aws.lambda }
  outside: { type: aws.lambda }
`),
    ).toEqual([]);
  });

  it('makes a group that holds only a node on its border big enough for it', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: down
nodes:
  cloud:
    type: group.aws-cloud
    children:
      gateway: { type: aws.lambda, border: top }
`),
    ).toEqual([]);
  });

  it('keeps a group with a line from inside to its own border node clear of its neighbours', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  cloud:
    type: group.aws-cloud
    children:
      gateway: { type: aws.lambda, border: top }
      inside: { type: aws.lambda }
  outside: { type: aws.lambda }
edges:
  - { from: inside, to: gateway }
`),
    ).toEqual([]);
  });

  it('lays out lines from inside a nested group to two of its border nodes, top-down (ELK lost a hierarchical port)', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: down
nodes:
  outer:
    type: group.aws-cloud
    children:
      inner:
        type: group.aws-cloud
        children:
          west: { type: aws.lambda, border: left }
          north: { type: aws.lambda, border: top }
          b: { type: aws.lambda }
          also-north: { type: aws.lambda, border: top }
      c: { type: aws.lambda }
edges:
  - { from: b, to: [west, north] }
`),
    ).toEqual([]);
  });

  it('keeps room for the label of a line from inside a group to its border node along the flow', async () => {
    expect(
      await defects(`refarch: 1
title: t
nodes:
  cloud:
    type: group.aws-cloud
    children:
      gateway: { type: aws.lambda, border: top }
      inside: { type: aws.lambda }
edges:
  - { from: inside, to: gateway, label: "<script>alert(1)</script>" }
`),
    ).toEqual([]);
  });

  it('keeps room for the label of a line from inside a group to a node on its right border, top-down', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: down
nodes:
  cloud:
    type: group.aws-cloud
    children:
      gateway: { type: aws.lambda, border: right }
      inside: { type: aws.lambda }
  beside: { type: aws.lambda }
edges:
  - { from: inside, to: gateway, label: "<script>alert(1)</script>" }
`),
    ).toEqual([]);
  });

  it('makes a nested group that holds only a border node wide enough for its header, bottom-up', async () => {
    expect(
      await defects(`refarch: 1
title: t
direction: up
nodes:
  outer:
    type: group.aws-cloud
    children:
      inner:
        type: group.aws-cloud
        children:
          gateway: { type: aws.lambda, border: right }
`),
    ).toEqual([]);
  });

  it('makes a group long enough for two gateways side by side on its top border', async () => {
    for (const direction of ['right', 'up', 'down', 'left'])
      expect(
        await defects(`refarch: 1
title: t
direction: ${direction}
nodes:
  vpc:
    type: group.vpc
    children:
      igw: { type: aws.vpc-internet-gateway, label: Internet gateway, border: top }
      vgw: { type: aws.site-to-site-vpn, label: "", border: top }
      app: { type: aws.ec2 }
  users: { type: generic.users }
edges:
  - { from: users, to: igw }
  - { from: igw, to: app }
`),
        direction,
      ).toEqual([]);
  });
});
