// Click a visible link to `url` as a reader would (Material's instant navigation intercepts
// the click); when the page has none, a link like the ones in the text, added to the article.
(url) => {
  const links = [...document.querySelectorAll("a[href]")].filter(
    (a) => a.href === url && a.getClientRects().length > 0 && !a.closest("[download]"));
  let a = links[0];
  if (!a) {  // no visible link to it: a link like the ones in the text
    a = document.createElement("a");
    a.href = url;
    a.textContent = "next";
    document.querySelector("article").append(a);
  }
  a.scrollIntoView();
  a.click();
  return true;
}
