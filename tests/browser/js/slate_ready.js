// Whether Material has switched the page to its dark (slate) scheme and finished switching.
() => document.body.dataset.mdColorScheme === "slate"
  && !document.body.hasAttribute("data-md-color-switching")
