// Material fetches the search index as each page loads: about 1 MB of text in two languages
// (250 KB compressed), most of the weight of a page, for readers who may never search. Its
// request is held back until the reader reaches for search: focuses the search box (a click,
// Tab, or the "/", "s", "f" shortcuts) or opens the search overlay (the magnifier on a phone).
// Loaded before Material's bundle (overrides/main.html), which asks for the index with an
// XMLHttpRequest at start-up; the search is ready a moment after the reader reaches for it.
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const held = [];
  let wanted = false;

  const release = () => {
    if (wanted) return;
    wanted = true;
    for (const go of held.splice(0)) go();
  };

  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.normdocsHold = INDEX.test(new URL(url, location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (this.normdocsHold && !wanted) {
      held.push(() => send.call(this, body));
      return;
    }
    return send.call(this, body);
  };

  document.addEventListener("focusin", (ev) => {
    if (ev.target instanceof Element && ev.target.matches("input.md-search__input")) release();
  });
  document.addEventListener("change", (ev) => {
    if (ev.target instanceof Element && ev.target.id === "__search") release();
  });
})();
