// What the site's interactive figures share: a frame with a title, labelled sliders and
// choices that announce their value, a readout of the figure's numbers, and Chart.js charts
// that follow the light and dark palettes. Each figure is a script of this folder that adds
// itself to a queue, so that it can run before this file:
//
//   (window.NDLiveFigures = window.NDLiveFigures || []).push(["name", (el, L) => { ... }]);
//
// where L is this file's NDLive. The build (scripts/normdocs_site/hooks/live.py) puts
// <div class="nd-live" data-live="name" hidden> where the page has <!-- live:name -->, and
// the scripts after the page's content. Without JavaScript the div stays hidden and the
// page's static figure is all there is.
//
// Under Material's instant navigation the scripts of a new page are run again, inserted
// one by one, and may run in any order: a figure is mounted once this file and Chart.js
// have both run, whichever comes last.
(() => {
  "use strict";
  if (window.NDLive) {
    window.NDLive.mountAll();
    return;
  }

  const mounts = new Map(); // name -> mount(el, NDLive), which returns its update()
  const updates = new Map(); // element -> update() of each mounted figure, for a palette change
  let uid = 0;

  /** "zh" on the Chinese pages, else "en". */
  const lang = () => (document.documentElement.lang.startsWith("zh") ? "zh" : "en");

  /** The text of {en, zh} for the page's language. */
  const t = (texts) => (typeof texts === "string" ? texts : (texts[lang()] ?? texts.en));

  /** x with `digits` decimals, as Python's f"{x:.{digits}f}" (no "-0.00"); ∞ for infinity. */
  function fmt(x, digits) {
    if (x === Infinity) return "∞";
    if (x === -Infinity) return "-∞";
    if (Number.isNaN(x)) return "nan";
    const s = x.toFixed(digits);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  }

  function make(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  /** The figure's frame inside `el`: its title and a place for controls, chart and readout. */
  function frame(el, { title, summary }) {
    const figure = make("figure", { class: "nd-live__figure" });
    const caption = make("figcaption", { class: "nd-live__title", text: t(title) });
    const controls = make("div", { class: "nd-live__controls" });
    const body = make("div", { class: "nd-live__body" });
    figure.append(caption, controls, body);
    if (summary) figure.append(make("p", { class: "nd-live__summary", text: t(summary) }));
    el.replaceChildren(figure);
    return { figure, controls, body };
  }

  /**
   * A labelled range input. With `values` (a list), the slider moves over their indices and
   * its value is values[i]; else over [min, max] by `step`. `format(v)` is what the label
   * shows and what a screen reader announces (aria-valuetext).
   */
  function slider(parent, { key, label, min, max, step, value, values, format, onInput }) {
    const id = `nd-live-${++uid}`;
    const input = make("input", { type: "range", id, "data-key": key });
    const shown = make("output", { for: id, class: "nd-live__value" });
    if (values) {
      Object.assign(input, { min: 0, max: values.length - 1, step: 1 });
      // the values the slider steps through, for the browser tests ("inf" for infinity)
      input.dataset.values = JSON.stringify(values.map((v) => (v === Infinity ? "inf" : v)));
      input.value = String(Math.max(0, values.indexOf(value)));
    } else {
      Object.assign(input, { min, max, step });
      input.value = String(value);
    }
    const get = () => (values ? values[Number(input.value)] : Number(input.value));
    const show = () => {
      const text = format ? format(get()) : String(get());
      shown.textContent = text;
      input.setAttribute("aria-valuetext", `${t(label)} ${text}`);
    };
    const wrap = make(
      "div",
      { class: "nd-live__control" },
      make("label", { for: id }, t(label), " ", shown),
      input,
    );
    parent.append(wrap);
    show();
    input.addEventListener("input", () => {
      show();
      onInput?.(get());
    });
    return {
      input,
      get value() {
        return get();
      },
      set(v) {
        input.value = String(values ? values.indexOf(v) : v);
        show();
      },
    };
  }

  /** A labelled <select> of `options` [{value, label}]. */
  function choice(parent, { key, label, options, value, onInput }) {
    const id = `nd-live-${++uid}`;
    const select = make("select", { id, "data-key": key });
    for (const o of options) select.append(make("option", { value: o.value }, t(o.label)));
    select.value = value;
    parent.append(
      make("div", { class: "nd-live__control" }, make("label", { for: id }, t(label)), select),
    );
    select.addEventListener("change", () => onInput?.(select.value));
    return {
      input: select,
      get value() {
        return select.value;
      },
    };
  }

  /**
   * The figure's numbers: one line per item [{key, label}], each value in an <output
   * data-key=key> that the browser tests read. Polite live region: a screen reader hears the
   * new numbers after a slider moved.
   */
  function readout(parent, items, { title } = {}) {
    const list = make("dl", { class: "nd-live__readout", "aria-live": "polite" });
    const outputs = {};
    for (const { key, label } of items) {
      outputs[key] = make("output", { "data-key": key });
      list.append(
        make("div", {}, make("dt", { text: t(label) }), make("dd", {}, outputs[key])),
      );
    }
    const box = make("div", { class: "nd-live__numbers" });
    if (title) box.append(make("p", { class: "nd-live__readout-title", text: t(title) }));
    box.append(list);
    parent.append(box);
    return {
      set(key, text) {
        outputs[key].textContent = text;
      },
    };
  }

  /** The palette: text, grid and series colours for the scheme shown (light or dark). */
  function colors() {
    const style = getComputedStyle(document.body);
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    return {
      text: style.getPropertyValue("--md-default-fg-color").trim() || (dark ? "#e2e4e9" : "#000"),
      grid: style.getPropertyValue("--md-default-fg-color--lightest").trim() || "#8884",
      // Okabe-Ito, the light-on-dark variants on the dark scheme
      series: dark
        ? ["#56b4e9", "#f0a030", "#2fc89b", "#e88fc0", "#f0e442", "#ff7b5c"]
        : ["#0072b2", "#d55e00", "#008a63", "#b4488c", "#8a6d00", "#555555"],
    };
  }

  /**
   * A Chart.js chart in `parent`: `describe()` is the canvas's accessible name (what the
   * chart shows now), `config(colors)` its Chart.js configuration. Returns update(), which
   * redraws from config() again.
   */
  function chart(parent, { describe, config, square = false }) {
    const canvas = make("canvas", { role: "img" });
    const box = make("div", { class: `nd-live__chart${square ? " nd-live__chart--square" : ""}` });
    box.append(canvas);
    parent.prepend(box);
    const build = () => {
      const c = colors();
      const cfg = config(c);
      cfg.options = {
        animation: false,
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: square ? 1 : 1.6,
        ...cfg.options,
      };
      const legend = cfg.options.plugins?.legend ?? {};
      cfg.options.plugins = {
        ...cfg.options.plugins,
        legend: { ...legend, labels: { color: c.text, boxWidth: 14, ...legend.labels } },
      };
      for (const axis of Object.values(cfg.options.scales ?? {})) {
        axis.ticks = { color: c.text, ...axis.ticks };
        axis.grid = { color: c.grid, ...axis.grid };
        if (axis.title) axis.title = { color: c.text, display: true, ...axis.title };
      }
      return cfg;
    };
    // Equal axes for a square chart: the legend and the tick labels take more height than
    // width, so after each layout the canvas's aspect ratio is corrected until the plot
    // area itself is square (a circle stays a circle, at 390 px too).
    let aspect = 1;
    const squarePlot = {
      id: "ndSquarePlot",
      afterLayout(ch) {
        const w = ch.chartArea.right - ch.chartArea.left;
        const h = ch.chartArea.bottom - ch.chartArea.top;
        if (Math.abs(w - h) <= 1) return;
        aspect = ch.width / (ch.height - h + w);
        ch.options.aspectRatio = aspect;
        requestAnimationFrame(() => ch.resize());
      },
    };
    let instance = null;
    const update = () => {
      const cfg = build();
      if (square) {
        cfg.options.aspectRatio = aspect;
        cfg.plugins = [...(cfg.plugins ?? []), squarePlot];
      }
      if (instance === null) instance = new window.Chart(canvas, cfg);
      else {
        instance.data = cfg.data;
        instance.options = cfg.options;
        instance.update("none");
      }
      canvas.setAttribute("aria-label", t(describe()));
      canvas.textContent = t(describe());
    };
    return { update, canvas };
  }

  /** The JSON a figure's data script wrote at build time (assets/live/NAME.json). */
  async function data(el, name) {
    const res = await fetch(`${el.dataset.assets}${name}.json`);
    if (!res.ok) throw new Error(`${name}.json: HTTP ${res.status}`);
    return res.json();
  }

  function mountAll() {
    if (!window.Chart) {
      // Chart.js has not run yet (under instant navigation the page's scripts load in any
      // order): mount when it has
      for (const script of document.querySelectorAll('script[src$="chart.umd.min.js"]')) {
        script.addEventListener("load", mountAll, { once: true });
      }
      return;
    }
    for (const el of document.querySelectorAll(".nd-live[data-live]:not([data-mounted])")) {
      const mount = mounts.get(el.dataset.live);
      if (!mount) continue;
      el.setAttribute("data-mounted", "");
      el.hidden = false;
      Promise.resolve()
        .then(() => mount(el, api))
        .then((update) => {
          if (typeof update === "function") updates.set(el, update);
          el.setAttribute("data-ready", "");
        })
        .catch((err) => {
          el.hidden = true;
          console.error(`live figure ${el.dataset.live}:`, err);
        });
    }
  }

  function register(name, mount) {
    mounts.set(name, mount);
    mountAll();
  }

  // the figures queued before this file ran, and those queued later
  const queue = (window.NDLiveFigures = window.NDLiveFigures || []);
  for (const [name, mount] of queue.splice(0)) mounts.set(name, mount);
  queue.push = (...figures) => {
    for (const [name, mount] of figures) register(name, mount);
    return 0;
  };

  // the palette toggle changes <body data-md-color-scheme>: redraw every figure shown
  new MutationObserver(() => {
    for (const [el, update] of updates) {
      if (el.isConnected) update();
      else updates.delete(el); // a page left by instant navigation
    }
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  const api = { register, mountAll, frame, slider, choice, readout, chart, colors, data, fmt, t, lang };
  window.NDLive = api;
  mountAll();
})();
