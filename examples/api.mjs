// The library example from the README, run by test/api.test.ts: each pipeline stage on its own.
import { formatText, layout, render, validate } from 'refarch';

const text = `
refarch: 1
title: Orders
nodes:
  api: { type: aws.lambda, label: Orders API }
  table: { type: aws.dynamodb, label: Orders }
edges:
  - { from: api, to: table, label: write }
`;

const { model, diagnostics } = validate(text, 'orders.yaml'); // text -> Model, or diagnostics
for (const d of diagnostics) console.error(formatText(d)); // file:line:col severity code: message
if (!model) process.exit(1);

const diagram = await layout(model); // Model -> Diagram (absolute boxes and edge points)
const svg = await render(diagram, { format: 'svg', theme: 'light' }); // a self-contained SVG string
const geometry = JSON.parse(await render(diagram, { format: 'json', theme: 'light' }));
console.log(`${geometry.nodes.length} nodes, ${geometry.edges.length} edge, ${svg.length} bytes of SVG`);
