// The page's load time in milliseconds: from the start of navigation to the end of the load event.
() => {
  const n = performance.getEntriesByType("navigation")[0];
  return n.loadEventEnd - n.startTime;
}
