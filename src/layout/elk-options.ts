// The ELK options refarch lays out with, and a small graph that exercises them. A module of its own
// (no text measuring) so the ELK worker can warm up with it while the main thread is still busy.

import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { Direction } from '../spec/types.js';
import { ICON_LABEL_GAP } from './metrics.js';

const ELK_DIRECTION: Record<Direction, string> = { right: 'RIGHT', down: 'DOWN', left: 'LEFT', up: 'UP' };

/** Above this many nodes, layout favours speed: measured on generated AWS-like graphs of 300 nodes,
 *  Brandes-Koepf placement with thoroughness 1 took about a third of the time of network-simplex
 *  placement with thoroughness 7, for about 4% more edge crossings. Below it, quality wins. */
export const LARGE_GRAPH = 150;

/** How ELK places nodes within their layers: network simplex for quality, Brandes-Koepf for speed
 *  (and where network simplex fails, see layout.ts). */
export type NodePlacement = 'NETWORK_SIMPLEX' | 'BRANDES_KOEPF';

/** Options every hierarchy level needs: ELK does not inherit options from the root. */
export function levelOptions(
  direction: Direction,
  large: boolean,
  placement: NodePlacement = large ? 'BRANDES_KOEPF' : 'NETWORK_SIMPLEX',
): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': ELK_DIRECTION[direction],
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '56',
    'elk.spacing.edgeNode': '18',
    'elk.layered.spacing.edgeNodeBetweenLayers': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelNode': String(ICON_LABEL_GAP),
    'elk.edgeLabels.inline': 'false',
    'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
    'elk.layered.nodePlacement.strategy': placement,
    'elk.layered.thoroughness': large ? '1' : '7',
  };
}

/**
 * A tiny diagram with the parts a real one has (a group with padding and a minimum size, icons
 * with outside labels, labelled edges into and out of the group). Laying it out once pays ELK's
 * first-use costs (option registry, class set-up): measured, a first 30-node layout then takes
 * ~90 ms less, for ~60 ms spent before the real graph arrives.
 */
export function warmUpGraph(): ElkNode {
  const options = levelOptions('right', false);
  const icon = (id: string): ElkNode => ({
    id,
    width: 48,
    height: 48,
    layoutOptions: { 'elk.nodeLabels.placement': 'OUTSIDE V_BOTTOM H_CENTER' },
    labels: [{ id: `${id}:label`, text: id, width: 60, height: 16 }],
  });
  const label = (id: string) => [{ id: `${id}:label`, text: id, width: 40, height: 18 }];
  return {
    id: 'root',
    layoutOptions: { ...options, 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
    children: [
      icon('client'),
      {
        id: 'group',
        layoutOptions: {
          ...options,
          'elk.padding': '[top=40,left=20,bottom=20,right=20]',
          'elk.nodeSize.constraints': 'MINIMUM_SIZE',
          'elk.nodeSize.minimum': '(120, 60)',
        },
        children: [icon('a'), icon('b')],
      },
      { id: 'store', width: 80, height: 70, layoutOptions: { 'elk.alignment': 'TOP' } },
    ],
    edges: [
      { id: 'e1', sources: ['client'], targets: ['a'], labels: label('e1') },
      { id: 'e2', sources: ['a'], targets: ['b'] },
      { id: 'e3', sources: ['b'], targets: ['store'], labels: label('e3') },
      { id: 'e4', sources: ['client'], targets: ['store'] },
    ],
  };
}
