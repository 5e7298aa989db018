// Once the fonts are ready: how many formulas KaTeX rendered, what is wrong with any of them
// (no HTML, not in KaTeX's fonts, zero width, the MathML copy visible) and whether KaTeX_Main
// loaded. Returns {count, bad: [message], fontsOk}.
async () => {
  await document.fonts.ready;
  const all = [...document.querySelectorAll(".katex")];
  const bad = [];
  for (const k of all) {
    const html = k.querySelector(".katex-html");
    const mathml = k.querySelector(".katex-mathml");
    const family = getComputedStyle(k).fontFamily;
    const shown = k.getClientRects().length > 0;
    const text = k.textContent.slice(0, 60);
    if (!html) { bad.push(`no .katex-html: ${text}`); continue; }
    if (!family.includes("KaTeX_Main")) bad.push(`no KaTeX stylesheet (${family}): ${text}`);
    if (shown && html.getBoundingClientRect().width <= 0) bad.push(`zero-width math: ${text}`);
    if (shown && mathml && mathml.getBoundingClientRect().width > 1)
      bad.push(`MathML copy visible next to the math: ${text}`);
  }
  const fontsOk = all.length === 0 || document.fonts.check("16px KaTeX_Main");
  return {count: all.length, bad, fontsOk};
}
