// Whether the page scrolls sideways: the viewport's width, the content's width, how far a
// sideways scroll of 200px went, and up to five elements that stick out of the screen with
// no scrolling box around them. Returns {width, scrollWidth, scrolledX, culprits}.
() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
  window.scrollTo(200, window.scrollY);
  const scrolledX = window.scrollX;
  window.scrollTo(0, window.scrollY);
  // what sticks out: elements wider than the screen that no scrolling box contains
  const clips = (el) =>
    ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
  const culprits = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let p = el.parentElement;
    while (p && p !== document.body && !clips(p)) p = p.parentElement;
    if (p && p !== document.body) continue;
    if (culprits.length < 5)
      culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${r.right}`);
  }
  return {width, scrollWidth, scrolledX, culprits};
}
