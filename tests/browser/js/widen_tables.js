// Widen every table of the content with a 900px wide cell, as a table with many columns would be.
() => {
  for (const row of document.querySelectorAll(".md-content table:not(.highlighttable) tr")) {
    const cell = document.createElement(row.parentElement.tagName === "THEAD" ? "th" : "td");
    cell.innerHTML = '<span style="display: inline-block; width: 900px">a wide column</span>';
    row.append(cell);
  }
}
