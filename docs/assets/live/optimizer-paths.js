// SGD, Adam + L2 and AdamW on an ill-conditioned quadratic in the plane, with PyTorch's update
// rules, step by step.
//
// The loss is f(w) = ½ Σ h_i (w_i − c_i)², h = (1, 0.02), c = (2, 2.5), from w0 = (−1.5, −1.5),
// and every optimizer gets the same weight_decay λ:
//   SGD(lr, weight_decay=λ):   w ← w − lr (∇f(w) + λ w)                  (the L2 penalty ½λ‖w‖²)
//   Adam(lr, weight_decay=λ):  g = ∇f(w) + λ w, then Adam's step on g      (L2, "coupled")
//   AdamW(lr, weight_decay=λ): g = ∇f(w), w ← (1 − lr λ) w, then Adam's step on g (decoupled)
// Adam's step (betas 0.9, 0.999, eps 1e-8, bias-corrected): m ← m + (1 − β1)(g − m),
// v ← β2 v + (1 − β2) g², w ← w − lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + eps), written in
// the order of torch.optim's single-tensor code (lerp_, mul_ then addcmul_, addcdiv_).
// SGD and Adam + L2 can only stop where ∇f(w) + λw = 0, at the penalized minimizer
// w* = h c / (h + λ) (coordinate-wise); AdamW stops where its normalized step balances the decay.
// The readout is each run's last w and its distance to w*; tests/browser/
// test_live_optimizer_paths.py compares it with torch.optim.SGD, Adam and AdamW run in float64
// (the penalty also written as λ · normdocs.l2_penalty(w) in the loss), w* in closed form and
// the distances by normdocs.l2_norm.
(window.NDLiveFigures = window.NDLiveFigures || []).push(["optimizer-paths", (el, L) => {
  const H = [1, 0.02]; // the curvatures: a condition number of 50
  const C = [2, 2.5]; // the minimizer of f
  const W0 = [-1.5, -1.5]; // where every run starts
  const LIMITS = { min: -2, max: 4 }; // both axes: the plot is square, equal scales
  const LRS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3];
  const STEPS = [10, 30, 100, 300, 1000, 3000];
  const TOLERANCE = 0.005; // a path is drawn through its points this far apart (all computed)
  const BETA1 = 0.9;
  const BETA2 = 0.999;
  const EPS = 1e-8;

  /** ∇f(w) = h (w − c), coordinate-wise. */
  const grad = (w) => w.map((wi, i) => H[i] * (wi - C[i]));

  /** The path [w0, w1, ..., w_steps] of one optimizer ("sgd", "adam" or "adamw"). */
  function run(kind, lr, lam, steps) {
    let w = W0.slice();
    const m = [0, 0];
    const v = [0, 0];
    const path = [w];
    for (let t = 1; t <= steps; t++) {
      let g = grad(w);
      if (kind === "sgd") {
        // torch: grad.add(param, alpha=wd); param.add_(grad, alpha=-lr)
        w = w.map((wi, i) => wi + -lr * (g[i] + lam * wi));
      } else {
        if (kind === "adam") g = g.map((gi, i) => gi + lam * w[i]); // L2: into the moments
        else w = w.map((wi) => wi * (1 - lr * lam)); // AdamW: decay the weights, then step
        const stepSize = lr / (1 - BETA1 ** t);
        const bc2Sqrt = (1 - BETA2 ** t) ** 0.5;
        w = w.map((wi, i) => {
          m[i] = m[i] + (1 - BETA1) * (g[i] - m[i]);
          v[i] = v[i] * BETA2 + (1 - BETA2) * g[i] * g[i];
          const denom = Math.sqrt(v[i]) / bc2Sqrt + EPS;
          return wi + (-stepSize * m[i]) / denom;
        });
      }
      path.push(w);
    }
    return path;
  }

  /** The minimizer of f + ½λ‖w‖²: h_i (w_i − c_i) + λ w_i = 0. */
  const penalized = (lam) => H.map((hi, i) => (hi * C[i]) / (hi + lam));
  const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);

  /** Points {x, y} of the ellipse f(w) = level. */
  function ellipse(level) {
    const points = [];
    for (let deg = 0; deg <= 360; deg += 3) {
      const a = (deg * Math.PI) / 180;
      points.push({
        x: C[0] + Math.sqrt((2 * level) / H[0]) * Math.cos(a),
        y: C[1] + Math.sqrt((2 * level) / H[1]) * Math.sin(a),
      });
    }
    return points;
  }
  const BOX = [[1, 1], [-1, 1], [-1, -1], [1, -1], [1, 1]]; // its corners, times 1/λ
  const CONTOURS = [0.01, 0.04, 0.1, 0.25, 0.6, 1.5, 4].map(ellipse);

  /** The points of a path that are TOLERANCE or more from the last one kept, and its end. */
  function thin(path) {
    let last = path[0];
    const points = path.filter((w, i) => {
      const keep = i === 0 || i === path.length - 1 || distance(w, last) >= TOLERANCE;
      if (keep) last = w;
      return keep;
    });
    return points.map(([x, y]) => ({ x, y }));
  }

  const RUNS = [
    { key: "sgd", label: { en: "SGD", zh: "SGD" } },
    { key: "adam", label: { en: "Adam + L2", zh: "Adam + L2" } },
    { key: "adamw", label: { en: "AdamW", zh: "AdamW" } },
  ];

  const { controls, body } = L.frame(el, {
    title: {
      en: "SGD, Adam + L2 and AdamW with the same weight_decay λ",
      zh: "相同 weight_decay λ 下的 SGD、Adam + L2 与 AdamW",
    },
  });
  const items = [];
  for (const r of RUNS) {
    items.push(
      { key: `${r.key}_w1`, label: { en: `${r.label.en}: w₁`, zh: `${r.label.zh}：w₁` } },
      { key: `${r.key}_w2`, label: { en: `${r.label.en}: w₂`, zh: `${r.label.zh}：w₂` } },
      {
        key: `${r.key}_dist`,
        label: { en: `${r.label.en}: ‖w − w*‖₂`, zh: `${r.label.zh}：‖w − w*‖₂` },
      },
    );
  }
  items.push(
    { key: "star_w1", label: { en: "w*: w₁", zh: "w*：w₁" } },
    { key: "star_w2", label: { en: "w*: w₂", zh: "w*：w₂" } },
  );
  const out = L.readout(body, items, {
    title: {
      en: "Where each run ends; w* minimizes f + ½λ‖w‖²",
      zh: "各次运行的终点；w* 是 f + ½λ‖w‖² 的最小点",
    },
  });

  const lr = L.slider(controls, {
    key: "lr",
    label: { en: "learning rate", zh: "学习率" },
    values: LRS,
    value: 0.1,
    format: (x) => String(x),
    onInput: () => update(),
  });
  const lam = L.slider(controls, {
    key: "lambda",
    label: { en: "λ (weight_decay)", zh: "λ（weight_decay）" },
    min: 0,
    max: 1,
    step: 0.05,
    value: 0.5,
    format: (x) => L.fmt(x, 2),
    onInput: () => update(),
  });
  const steps = L.slider(controls, {
    key: "steps",
    label: { en: "steps", zh: "步数" },
    values: STEPS,
    value: 300,
    format: (x) => String(x),
    onInput: () => update(),
  });

  let state = null; // the runs of the current settings

  function compute() {
    const paths = RUNS.map((r) => run(r.key, lr.value, lam.value, steps.value));
    const star = penalized(lam.value);
    const ends = paths.map((p) => p[p.length - 1]);
    return { paths, star, ends, lam: lam.value, lr: lr.value, steps: steps.value };
  }

  const chart = L.chart(body, {
    square: true,
    describe: () => {
      const s = state;
      const at = (w) => `(${L.fmt(w[0], 2)}, ${L.fmt(w[1], 2)})`;
      const [sgd, adam, adamw] = s.ends.map(at);
      return {
        en:
          `Contours of f centred at (2, 2.5) and the paths of ${s.steps} steps from ` +
          `(-1.5, -1.5) at learning rate ${s.lr} and λ = ${L.fmt(s.lam, 2)}: SGD ends at ` +
          `${sgd}, Adam + L2 at ${adam}, AdamW at ${adamw}; w* is ${at(s.star)}.`,
        zh:
          `f 的等高线（中心 (2, 2.5)）和从 (-1.5, -1.5) 出发、学习率 ${s.lr}、λ = ` +
          `${L.fmt(s.lam, 2)} 时 ${s.steps} 步的路径：SGD 终于 ${sgd}，Adam + L2 终于 ` +
          `${adam}，AdamW 终于 ${adamw}；w* 为 ${at(s.star)}。`,
      };
    },
    config: (c) => {
      const s = state;
      // the contours: the text colour, faint (Chart.js's colour helper), under everything
      const faint = window.Chart.helpers?.color?.(c.text)?.alpha(0.3)?.rgbString?.() ?? c.grid;
      const contour = (points) => ({
        label: "contour",
        data: points,
        showLine: true,
        pointRadius: 0,
        borderColor: faint,
        borderWidth: 1,
        contour: true,
        order: 9,
      });
      const path = (i) => {
        const data = thin(s.paths[i]);
        return {
          label: L.t(RUNS[i].label),
          data,
          order: 5 - i, // AdamW over Adam over SGD
          showLine: true,
          borderColor: c.series[i],
          backgroundColor: c.series[i],
          borderWidth: 2,
          // the last point (where the run ends) is marked, the others are not
          pointRadius: data.map((_, j) => (j === data.length - 1 ? 5 : 0)),
          pointHoverRadius: data.map((_, j) => (j === data.length - 1 ? 6 : 0)),
        };
      };
      const r = s.lam > 0 ? 1 / s.lam : null; // the box ‖w‖∞ ≤ 1/λ (none at λ = 0)
      const datasets = [
        ...CONTOURS.map(contour),
        // the box ‖w‖∞ ≤ 1/λ, under the paths
        {
          label: L.t({ en: "box ‖w‖∞ ≤ 1/λ", zh: "盒 ‖w‖∞ ≤ 1/λ" }),
          data: r === null ? [] : BOX.map(([x, y]) => ({ x: x * r, y: y * r })),
          showLine: true,
          pointRadius: 0,
          borderColor: c.series[4],
          backgroundColor: c.series[4],
          borderWidth: 1.5,
          borderDash: [6, 4],
          pointStyle: "line",
          order: 8,
        },
        path(0),
        path(1),
        path(2),
        {
          label: L.t({ en: "start w₀", zh: "起点 w₀" }),
          data: [{ x: W0[0], y: W0[1] }],
          pointRadius: 5,
          pointStyle: "rect",
          order: 1,
          borderColor: c.text,
          backgroundColor: c.text,
        },
        {
          label: L.t({ en: "w* = argmin f + ½λ‖w‖²", zh: "w* = argmin f + ½λ‖w‖²" }),
          data: [{ x: s.star[0], y: s.star[1] }],
          pointRadius: 10,
          pointHoverRadius: 11,
          pointStyle: "star",
          borderWidth: 2.5,
          order: 0, // on top: SGD's and Adam's ends sit on it
          borderColor: c.series[3],
          backgroundColor: c.series[3],
        },
      ];
      const axis = (name) => ({
        type: "linear",
        ...LIMITS,
        ticks: { stepSize: 1 },
        title: { text: name },
      });
      return {
        type: "scatter",
        data: { datasets },
        options: {
          scales: { x: axis("w₁"), y: axis("w₂") },
          plugins: {
            legend: {
              position: "bottom",
              // no legend entry for the contours, nor for the box when there is none; the
              // entries in the order of the datasets (not of their drawing `order`)
              labels: {
                usePointStyle: true, // the marks of the chart: ends, start, star, dashed box
                boxWidth: 10,
                boxHeight: 10,
                sort: (a, b) => a.datasetIndex - b.datasetIndex,
                filter: (item, data) => {
                  const d = data.datasets[item.datasetIndex];
                  return !d.contour && d.data.length > 0;
                },
              },
            },
            tooltip: { filter: (item) => !item.dataset.contour },
          },
        },
      };
    },
  });

  function update() {
    state = compute();
    RUNS.forEach((r, i) => {
      const w = state.ends[i];
      out.set(`${r.key}_w1`, L.fmt(w[0], 4));
      out.set(`${r.key}_w2`, L.fmt(w[1], 4));
      out.set(`${r.key}_dist`, L.fmt(distance(w, state.star), 4));
    });
    out.set("star_w1", L.fmt(state.star[0], 4));
    out.set("star_w2", L.fmt(state.star[1], 4));
    chart.update();
  }
  update();
  return update;
}]);
