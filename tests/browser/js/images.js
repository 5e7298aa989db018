// Every image of the page, the lazy ones loaded too: [{src, ok (decoded, not empty), alt}].
async () => {
  const imgs = [...document.images];
  for (const img of imgs) img.loading = "eager";
  return Promise.all(imgs.map(async (img) => {
    try { await img.decode(); } catch (e) {}
    return {src: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0,
            alt: img.getAttribute("alt")};
  }));
}
