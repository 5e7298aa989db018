// Raw TeX left in the text a reader sees: the text nodes (outside code, KaTeX's output, the
// search box and hidden elements) that match `pattern`. Returns their first 120 characters.
(pattern) => {
  const re = new RegExp(pattern);
  const skip = "pre, code, script, style, textarea, .katex, .md-search, [hidden]";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest(skip)) continue;
    const m = n.textContent.match(re);
    if (m) found.push(n.textContent.trim().slice(0, 120));
  }
  return found;
}
