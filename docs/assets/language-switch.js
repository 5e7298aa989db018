// The language switcher under Material's instant navigation, which swaps pages in without a
// reload and without redrawing the header:
// - each language link is pointed at the twin of the page shown, which the page's
//   <link rel="alternate" hreflang> names (mkdocs-static-i18n points the links at the twin of
//   the page first loaded, and Material swaps the head's links in with each page);
// - the link loads the twin as a new page (target="_self", which both instant navigation and
//   Material's own alternate-language handler leave to the browser): swapped in, an English
//   page would keep the Chinese site's <html lang>, search and sitemap.
document$.subscribe(() => {
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    const twin = document.head.querySelector(
      `link[rel="alternate"][hreflang="${link.hreflang}"]`,
    );
    if (twin) link.href = twin.href;
    link.target = "_self";
  }
});
