// The page: reads the articles, asks the worker for the digest, shows it.
// Everything the digest says is set as text, never as markup.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const $ = (id) => document.getElementById(id);
let next = 0;
const pending = new Map();

worker.onmessage = ({ data }) => {
  if (data.ready) {
    $('status').textContent = `Ready (newsdigest ${data.version}).`;
    $('go').disabled = false;
    return;
  }
  const { resolve, reject } = pending.get(data.id);
  pending.delete(data.id);
  if (data.error) reject(new Error(data.error));
  else resolve(data.digest);
};

function digest(sources, options) {
  const id = next++;
  const transfer = sources.filter((s) => s.bytes).map((s) => s.bytes.buffer);
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, sources, options }, transfer);
  });
}

async function readSources() {
  const sources = [];
  for (const file of $('files').files) {
    sources.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  $('pasted').value.split(/^---$/m).map((t) => t.trim()).filter(Boolean)
    .forEach((text, i) => sources.push({ name: `pasted ${i + 1}`, text }));
  return sources;
}

function show(d) {
  $('title').textContent = d.title ?? '';
  $('digest').replaceChildren(...d.sentences.map((e) => {
    const li = document.createElement('li');
    const tags = document.createElement('span');
    tags.className = 'tags';
    tags.textContent = ' ' + e.sources.map((s) => `[${s + 1}]`).join('');
    li.append(e.text, tags);
    return li;
  }));
  $('sources').replaceChildren(...d.sources.map((s) => {
    const li = document.createElement('li');
    li.textContent = s.error ? `${s.name}: not used (${s.error})` : `${s.name} (${s.used} of ${s.sentences} sentences used)`;
    return li;
  }));
}

$('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('status').textContent = 'Summarizing…';
  try {
    const d = await digest(await readSources(), { type: $('type').value, length: $('length').value });
    show(d);
    $('status').textContent = `Done: ${d.sentences.length} statements.`;
  } catch (e) {
    $('status').textContent = e.message;
  }
});
