// A fault for the raw-TeX check to find: a paragraph with unrendered TeX, added to the article.
() => {
  const p = document.createElement("p");
  p.textContent = "where \\(\\lVert x \\rVert_2\\) is the norm";
  document.querySelector("article").append(p);
}
