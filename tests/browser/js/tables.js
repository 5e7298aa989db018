// Each table of the content (code tables apart): whether it sits in a box that fits the screen
// and scrolls sideways when the table is wider than the box. [{ok, wide, why}].
() => {
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const tables = document.querySelectorAll(".md-content table:not(.highlighttable)");
  return [...tables].map((table) => {
    let box = table;  // Material makes the table itself the scrolling box
    while (box && !scrolls(box)) box = box.parentElement;
    if (!box) return {ok: false, wide: false, why: `no scrolling box around ${table.className}`};
    const r = box.getBoundingClientRect();
    const wide = table.scrollWidth > box.clientWidth;
    box.scrollLeft = 50;
    const moved = box.scrollLeft > 0;
    box.scrollLeft = 0;
    return {ok: r.right <= document.documentElement.clientWidth + 1 && (!wide || moved),
            why: `box ${box.className} right=${r.right}, table ${table.scrollWidth}px, ` +
                 `box ${box.clientWidth}px, scrolls=${moved}`, wide};
  });
}
