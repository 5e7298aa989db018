// Click every copy button (`selector`) in turn, its tab chosen and its <details> opened first;
// what each put on the clipboard and the text of its block: [{copied, block}].
async (selector) => {
  const out = [];
  for (const button of document.querySelectorAll(selector)) {
    for (let el = button; el; el = el.parentElement) {  // show the block: its tab, its <details>
      if (el.tagName === "DETAILS") el.open = true;
      if (el.classList.contains("tabbed-block")) {
        const content = el.parentElement, set = content.parentElement;
        const input = set.querySelectorAll(":scope > input")[[...content.children].indexOf(el)];
        if (!input.checked) document.querySelector(`label[for="${input.id}"]`).click();
      }
    }
    await navigator.clipboard.writeText("(the copy button copied nothing)");
    button.click();
    const block = document.querySelector(button.dataset.clipboardTarget).textContent;
    out.push({copied: await navigator.clipboard.readText(), block: block.trimEnd()});
  }
  return out;
}
