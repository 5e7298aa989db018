// The WCAG contrast of each shown formula with the first opaque background behind it:
// [{ratio, text (its TeX, from the MathML copy)}].
() => {
  const rgba = (s) => (s.match(/[\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const backdrop = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgba(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const k of document.querySelectorAll(".katex")) {
    if (k.getClientRects().length === 0) continue;  // in a closed tab or <details>
    const fg = lum(rgba(getComputedStyle(k).color)), bg = lum(backdrop(k));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    out.push({ratio, text: k.querySelector(".katex-mathml")?.textContent.slice(0, 50) || ""});
  }
  return out;
}
