// Images without a text alternative: an <img> whose alt is empty or `placeholder` (nbconvert's
// stand-in), an element with role=img and no aria-label(ledby) or <title>. Their outer HTML.
(placeholder) => [...document.querySelectorAll("img, [role=img]")]
  .filter((el) => {
    if (el.tagName !== "IMG")
      return !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || "").trim()
        && !el.querySelector("title");
    const alt = (el.getAttribute("alt") || "").trim();
    return !alt || alt === placeholder;
  })
  .map((el) => el.outerHTML.slice(0, 160))
