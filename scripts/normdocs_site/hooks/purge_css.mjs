// Removes the CSS rules and custom properties that a page does not use, with PurgeCSS
// (normdocs_site/hooks/notebooks.py: nbconvert's JupyterLab stylesheet, 575 KB, inlined in
// every notebook page, of which the page uses about 17 KB).
// Input on stdin: one JSON object {"html": "<the whole page>", "css": "<the stylesheet>"}.
// Output on stdout: the CSS that the page uses.
import { createRequire } from "node:module";
import fs from "node:fs";

const require = createRequire(process.cwd() + "/");
const { PurgeCSS } = require("purgecss");

const { html, css } = JSON.parse(fs.readFileSync(0, "utf8"));
const reads = (text) => new Set([...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]));
const defines = (text) => new Set([...text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));

// PurgeCSS (variables: true) keeps a custom property only where this stylesheet's kept rules
// read it. The rest of the page reads some too (the page's other stylesheets: the dark
// theme's code colours are var(--jp-mirror-editor-*)), and a kept property may read another
// (var(--md-green-500)): both are kept, to a fixed point.
const defined = defines(css);
const keep = reads(html);
let kept = "";
for (let round = 0; round < 10; round++) {
  const [result] = await new PurgeCSS().purge({
    content: [{ raw: html, extension: "html" }],
    css: [{ raw: css }],
    variables: true,
    safelist: { variables: [...keep] },
  });
  kept = result.css;
  const have = defines(kept);
  const missing = [...reads(kept + html)].filter((v) => defined.has(v) && !have.has(v));
  if (missing.length === 0) break;
  missing.forEach((v) => keep.add(v));
}
process.stdout.write(kept);
