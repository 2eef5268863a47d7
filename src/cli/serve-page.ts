// The preview page of `refarch serve`: HTML, CSS and a small script, all served from memory with no
// external assets. The script lists the diagrams from /api/diagrams, shows each SVG and its
// diagnostics, and refreshes when /events (Server-Sent Events) says a spec changed. It builds the
// page with textContent only, so nothing from a spec is ever parsed as HTML.

export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>refarch preview</title>
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<header>
<h1>refarch preview</h1>
<p id="status" role="status">connecting…</p>
</header>
<nav aria-label="Diagrams"><ul id="index"></ul></nav>
<ul id="problems" class="diagnostics"></ul>
<main id="diagrams"></main>
</body>
</html>
`;

export const PAGE_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 1400px; padding: 0 1.5rem 3rem; }
header { display: flex; align-items: baseline; gap: 1rem; }
h1 { font-size: 1.25rem; }
#status { color: GrayText; margin: 0; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; padding: 0; }
section.diagram { border-top: 1px solid GrayText; padding-top: 0.5rem; margin-top: 1.5rem; }
section.diagram h2 { font-size: 1.1rem; margin: 0.5rem 0 0.25rem; }
.file { margin: 0 0 0.5rem; color: GrayText; }
.diagnostics { list-style: none; padding: 0; font-family: ui-monospace, monospace; font-size: 0.85rem; }
.diagnostics li { padding: 0.25rem 0.5rem; margin: 0.25rem 0; border-left: 4px solid; white-space: pre-wrap; }
.diagnostics li.error { border-color: #d13212; background: color-mix(in srgb, #d13212 12%, transparent); }
.diagnostics li.warning { border-color: #ff9900; background: color-mix(in srgb, #ff9900 12%, transparent); }
.note { font-style: italic; color: GrayText; }
figure { margin: 0; overflow: auto; }
figure img { max-width: 100%; height: auto; background: white; }
`;

export const PAGE_SCRIPT = `const main = document.getElementById('diagrams');
const index = document.getElementById('index');
const problems = document.getElementById('problems');
const status = document.getElementById('status');
const sections = new Map();
let latest = 0;

function where(d) {
  return d.line > 0 ? d.file + ':' + d.line + ':' + d.column : d.file;
}

function diagnosticList(list, diagnostics) {
  list.replaceChildren(...diagnostics.map((d) => {
    const item = document.createElement('li');
    item.className = d.severity;
    item.textContent = where(d) + ' ' + d.severity + ' ' + d.code + ': ' + d.message + (d.hint ? '\\n  hint: ' + d.hint : '');
    return item;
  }));
}

function element(tag, className, parent) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  parent.append(el);
  return el;
}

function sectionFor(diagram, number) {
  let s = sections.get(diagram.file);
  if (!s) {
    const root = document.createElement('section');
    root.className = 'diagram';
    root.dataset.file = diagram.file;
    const heading = element('h2', '', root);
    const file = element('p', 'file', root);
    const code = element('code', '', file);
    const links = element('span', '', file);
    links.append(' · ');
    const open = element('a', '', links);
    open.textContent = 'open SVG';
    const list = element('ul', 'diagnostics', root);
    const note = element('p', 'note', root);
    note.textContent = 'The spec has errors: showing its last version without errors.';
    const img = element('img', '', element('figure', '', root));
    const link = document.createElement('a');
    s = { root, heading, code, links, open, list, note, img, link, item: document.createElement('li') };
    s.item.append(link);
    sections.set(diagram.file, s);
  }
  s.root.id = 'diagram-' + number;
  s.link.href = '#diagram-' + number;
  s.link.textContent = diagram.title;
  s.heading.textContent = diagram.title;
  s.code.textContent = diagram.file;
  diagnosticList(s.list, diagram.diagnostics);
  s.note.hidden = !diagram.showingLastGood;
  s.img.alt = diagram.title;
  s.img.hidden = diagram.svg === null;
  s.links.hidden = diagram.svg === null;
  if (diagram.svg !== null && s.img.getAttribute('src') !== diagram.svg) {
    s.img.src = diagram.svg;
    s.open.href = diagram.svg;
  }
  return s;
}

async function refresh() {
  const ticket = ++latest;
  const response = await fetch('/api/diagrams', { cache: 'no-store' });
  const state = await response.json();
  if (ticket !== latest) return;
  const shown = state.diagrams.map((d, i) => sectionFor(d, i + 1));
  for (const [file, s] of sections) {
    if (!state.diagrams.some((d) => d.file === file)) sections.delete(file);
  }
  main.replaceChildren(...shown.map((s) => s.root));
  index.replaceChildren(...shown.map((s) => s.item));
  diagnosticList(problems, state.diagnostics);
  document.title = 'refarch preview (' + state.diagrams.length + ')';
  document.body.dataset.generation = String(state.generation);
}

const events = new EventSource('/events');
events.addEventListener('open', () => {
  status.textContent = 'live: the page follows changes to the specs';
  refresh();
});
events.addEventListener('change', () => refresh());
events.addEventListener('error', () => {
  status.textContent = 'disconnected from refarch serve; retrying…';
});
`;
