// Runs Mozilla Readability.js over HTML files and prints
// {id: {"articleBody": text}} as JSON (id = file name without .html).
// Usage: node readability.mjs FILE.html...
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const out = {};
for (const file of process.argv.slice(2)) {
  const id = basename(file).replace(/\.html?$/, "");
  let text = "";
  try {
    const html = readFileSync(file, "utf8");
    const virtualConsole = new VirtualConsole(); // silence CSS/script noise
    const dom = new JSDOM(html, { virtualConsole });
    const article = new Readability(dom.window.document).parse();
    text = article?.textContent ?? "";
  } catch (e) {
    process.stderr.write(`${file}: ${e.message}\n`);
  }
  out[id] = { articleBody: text };
}
process.stdout.write(JSON.stringify(out));
