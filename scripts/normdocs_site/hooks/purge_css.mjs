// Removes the CSS rules and custom properties that a page does not use, with PurgeCSS
// (normdocs_site/hooks/notebooks.py: nbconvert's JupyterLab stylesheet, 575 KB, inlined in
// every notebook page, of which the page uses about 15 KB).
// Input on stdin: one JSON object {"html": "<the whole page>", "css": "<the stylesheet>"}.
// Output on stdout: the CSS that the page uses.
import { createRequire } from "node:module";
import fs from "node:fs";

const require = createRequire(process.cwd() + "/");
const { PurgeCSS } = require("purgecss");

const { html, css } = JSON.parse(fs.readFileSync(0, "utf8"));
const [result] = await new PurgeCSS().purge({
  content: [{ raw: html, extension: "html" }],
  css: [{ raw: css }],
  variables: true, // custom properties that no kept rule reads
});
process.stdout.write(result.css);
