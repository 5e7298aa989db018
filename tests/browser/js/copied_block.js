// After the `i`-th copy button (selector `sel`) was clicked: what the clipboard holds and the
// text of the block the button copies. Returns {copied, block}.
async ([sel, i]) => {
  const button = document.querySelectorAll(sel)[i];
  const block = document.querySelector(button.dataset.clipboardTarget).textContent;
  return {copied: await navigator.clipboard.readText(), block: block.trimEnd()};
}
