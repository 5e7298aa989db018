// The regularization path on scikit-learn's diabetes data (442 patients, 10 features as
// scikit-learn ships them: centred, each column of unit L2 norm; target centred; no intercept),
// for the lasso, the elastic net and ridge, all in the elastic net's scaling
//   1/(2n) ||y - X w||^2 + alpha * (rho ||w||_1 + (1 - rho)/2 ||w||_2^2),   rho = l1_ratio,
// rho = 1 for the lasso (Lasso(alpha)), 0 < rho < 1 for ElasticNet(alpha, l1_ratio), rho = 0 for
// ridge (Ridge(alpha = n * alpha), whose loss ||y - X w||^2 + n alpha ||w||^2 has the same
// minimizer). The paths are computed at build time by scripts/live/regularization-path.py
// (scikit-learn's enet_path, ridge's closed form) on one grid of 81 alphas, from the lasso's
// alpha_max = ||X^T y||_inf / n down 10,000-fold, and served as regularization-path.json: the
// figure does no fitting, it looks the coefficients up and counts the exact zeros.
// tests/browser/test_live_regularization-path.py fits scikit-learn's Lasso, ElasticNet and
// Ridge at the chosen alpha, checks the lasso's solution with normdocs.soft_threshold (a fixed
// point of the proximal gradient step) and its zeros with normdocs.l0_norm, and compares every
// number of the readout.
(window.NDLiveFigures = window.NDLiveFigures || []).push(["regularization-path", async (el, L) => {
  const d = await L.data(el, "regularization-path");
  const features = d.features; // age, sex, bmi, bp, s1 ... s6
  const alphas = d.alphas; // decreasing: alphas[0] = alpha_max
  const log10 = (x) => Math.log(x) / Math.LN10;

  const MODELS = {
    lasso: { en: "lasso", zh: "Lasso" },
    enet: { en: "elastic net", zh: "弹性网络" },
    ridge: { en: "ridge", zh: "岭回归" },
  };
  // what each model minimizes, in the figure's (and scikit-learn's) alpha
  const PENALTY = {
    lasso: {
      en: "Lasso: 1/(2n) ‖y − Xw‖² + α ‖w‖₁, scikit-learn's Lasso(alpha=α).",
      zh: "Lasso：1/(2n) ‖y − Xw‖² + α ‖w‖₁，即 scikit-learn 的 Lasso(alpha=α)。",
    },
    enet: {
      en: "Elastic net: 1/(2n) ‖y − Xw‖² + α (ρ ‖w‖₁ + (1 − ρ)/2 ‖w‖₂²), ρ = l1_ratio, scikit-learn's ElasticNet(alpha=α, l1_ratio=ρ).",
      zh: "弹性网络：1/(2n) ‖y − Xw‖² + α (ρ ‖w‖₁ + (1 − ρ)/2 ‖w‖₂²)，ρ = l1_ratio，即 scikit-learn 的 ElasticNet(alpha=α, l1_ratio=ρ)。",
    },
    ridge: {
      en: "Ridge: 1/(2n) ‖y − Xw‖² + (α/2) ‖w‖₂² (l1_ratio 0), scikit-learn's Ridge(alpha=nα) with n = 442.",
      zh: "岭回归：1/(2n) ‖y − Xw‖² + (α/2) ‖w‖₂²（l1_ratio 为 0），即 scikit-learn 的 Ridge(alpha=nα)，n = 442。",
    },
  };

  const { figure, controls, body } = L.frame(el, {
    title: {
      en: "Regularization path on the diabetes data",
      zh: "diabetes 数据上的正则化路径",
    },
    summary: PENALTY.lasso,
  });
  const summary = figure.querySelector(".nd-live__summary");

  // alpha with 4 significant digits (2.148, 0.09595, 0.0002148): the grid spans 4 decades
  const alphaDigits = (a) => Math.max(0, 3 - Math.floor(log10(a)));
  const showAlpha = (a) => L.fmt(a, alphaDigits(a));

  const model = L.choice(controls, {
    key: "model",
    label: { en: "model", zh: "模型" },
    options: Object.entries(MODELS).map(([value, label]) => ({ value, label })),
    value: "lasso",
    onInput: () => update(),
  });
  const ratio = L.slider(controls, {
    key: "l1_ratio",
    label: { en: "l1_ratio ρ", zh: "l1_ratio ρ" },
    values: d.l1_ratios,
    value: 0.5,
    format: (v) => L.fmt(v, 2),
    onInput: () => update(),
  });
  const alpha = L.slider(controls, {
    key: "alpha",
    label: { en: "α", zh: "α" },
    values: alphas,
    value: alphas[27], // 0.0959, next to the page's examples' alpha = 0.1
    format: showAlpha,
    onInput: () => update(),
  });

  const out = L.readout(
    body,
    [
      { key: "alpha", label: { en: "α", zh: "α" } },
      ...features.map((f) => ({ key: f, label: { en: `w(${f})`, zh: `w(${f})` } })),
      { key: "zeros", label: { en: "exact zeros (of 10)", zh: "精确为零的系数（共 10 个）" } },
    ],
    { title: { en: "coefficients at α", zh: "α 处的系数" } },
  );

  /** The path shown: coefs[i][j], coefficient j at alphas[i]. */
  function path() {
    if (model.value === "lasso") return d.coefs.lasso;
    if (model.value === "ridge") return d.coefs.ridge;
    return d.coefs[`enet-${ratio.value}`];
  }

  const state = { coefs: path(), i: 27 };

  const chart = L.chart(body, {
    describe: () => {
      const w = state.coefs[state.i];
      const zeros = w.filter((x) => x === 0).length;
      let big = 0; // the largest coefficient in absolute value
      for (let j = 1; j < w.length; j++) if (Math.abs(w[j]) > Math.abs(w[big])) big = j;
      const a = showAlpha(alphas[state.i]);
      const m = L.t(MODELS[model.value]);
      return {
        en: `The ${m} path of the ten diabetes coefficients against alpha on a log scale, strongest regularization on the left. At alpha = ${a}: ${zeros} of 10 coefficients exactly zero${zeros < 10 ? `, the largest in size ${features[big]} = ${L.fmt(w[big], 1)}` : ""}.`,
        zh: `${m} 在 diabetes 数据上的 10 个系数随 alpha（对数坐标）的变化，最强的正则化在左侧。alpha = ${a} 时，10 个系数中有 ${zeros} 个精确为零${zeros < 10 ? `，绝对值最大的是 ${features[big]} = ${L.fmt(w[big], 1)}` : ""}。`,
      };
    },
    config: (c) => {
      const coefs = state.coefs;
      const x = alphas.map(log10);
      // the y range of the whole path of this model, so that moving alpha keeps the axes
      let lo = 0;
      let hi = 0;
      for (const row of coefs) for (const w of row) [lo, hi] = [Math.min(lo, w), Math.max(hi, w)];
      const pad = 0.05 * (hi - lo || 1);
      [lo, hi] = [lo - pad, hi + pad];
      const here = x[state.i];
      const lines = features.map((f, j) => {
        const color = c.series[j % 6];
        return {
          label: f,
          data: coefs.map((row, i) => ({ x: x[i], y: row[j] })),
          showLine: true,
          borderColor: color,
          backgroundColor: color,
          borderWidth: 1.8,
          borderDash: j < 6 ? [] : [6, 3], // 10 features, 6 colours: the last four dashed
          // a dot where the path meets the chosen alpha
          pointRadius: (ctx) => (ctx.dataIndex === state.i ? 4 : 0),
          pointHoverRadius: (ctx) => (ctx.dataIndex === state.i ? 5 : 0),
        };
      });
      const marker = {
        label: "α",
        data: [
          { x: here, y: lo },
          { x: here, y: hi },
        ],
        showLine: true,
        borderColor: c.text,
        borderWidth: 1,
        borderDash: [3, 3],
        pointRadius: 0,
      };
      const sup = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴" };
      return {
        type: "scatter",
        data: { datasets: [...lines, marker] },
        options: {
          aspectRatio: 1.1, // taller than the default: ten curves, and a phone's width
          scales: {
            x: {
              type: "linear",
              reverse: true, // alpha decreases to the right, as the slider moves
              min: x[x.length - 1],
              max: x[0],
              afterBuildTicks: (axis) => {
                axis.ticks = [0, -1, -2, -3].map((value) => ({ value }));
              },
              ticks: {
                callback: (v) => (v === 0 ? "1" : `10${[...String(v)].map((ch) => sup[ch]).join("")}`),
              },
              title: { text: L.t({ en: "α (log scale)", zh: "α（对数坐标）" }) },
            },
            y: {
              min: lo,
              max: hi,
              ticks: { includeBounds: false }, // no tick label at the padded ends
              title: { text: L.t({ en: "coefficient", zh: "系数" }) },
              grid: { color: (ctx) => (ctx.tick?.value === 0 ? c.text : c.grid) },
            },
          },
          plugins: {
            legend: {
              position: "bottom",
              labels: {
                color: c.text,
                boxWidth: 22,
                boxHeight: 2,
                font: { size: 11 },
                filter: (item) => item.datasetIndex < features.length,
              },
            },
            tooltip: {
              filter: (item) => item.datasetIndex < features.length,
              callbacks: {
                label: (item) => `${item.dataset.label}: ${L.fmt(item.parsed.y, 3)}`,
                title: (items) =>
                  items.length ? `α = ${showAlpha(10 ** items[0].parsed.x)}` : "",
              },
            },
          },
        },
      };
    },
  });

  // Material sizes a <figure> to fit its content, and a responsive chart sizes itself to its
  // box: the figure takes the page's width instead. The shared layout puts the readout beside
  // a chart of at least 22rem and a readout of 12rem; this chart and this readout read well a
  // little narrower, which keeps the 12 lines of the readout beside the chart on a desktop.
  figure.style.width = "100%";
  chart.canvas.parentElement.style.flexBasis = "21rem";
  body.querySelector(".nd-live__numbers").style.flexBasis = "10rem";

  function update() {
    const enet = model.value === "enet";
    ratio.input.disabled = !enet; // l1_ratio is the elastic net's only
    summary.textContent = L.t(PENALTY[model.value]);
    state.coefs = path();
    state.i = Number(alpha.input.value);
    const w = state.coefs[state.i];
    out.set("alpha", showAlpha(alphas[state.i]));
    features.forEach((f, j) => out.set(f, w[j] === 0 ? "0" : L.fmt(w[j], 3))); // exact 0: "0"
    out.set("zeros", String(w.filter((x) => x === 0).length));
    chart.update();
  }

  update();
  return update;
}]);
