// Renders TeX to HTML with KaTeX for the MkDocs build (normdocs_site/hooks/katex.py).
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false};
// one JSON object per line on stdout, {"html": "..."} or {"error": "KaTeX's message"}.
import { createRequire } from "node:module";
import readline from "node:readline";

const require = createRequire(process.cwd() + "/");
const katex = require("katex");

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let reply;
  try {
    reply = {
      html: katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        strict: "error",
        output: "htmlAndMathml",
      }),
    };
  } catch (err) {
    reply = { error: String(err.message || err) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
