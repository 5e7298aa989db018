// Shrinkage of one coefficient: what three penalties do to an unpenalized coefficient z.
// Each curve is the proximal operator of a penalty, argmin_w ½(w − z)² + penalty(w):
//   soft-thresholding  S_λ(z) = sign(z) max(|z| − λ, 0)     penalty λ|w|     (λ‖w‖₁)
//   hard-thresholding  H(z)   = z · 1[|z| > √(2λ)]          penalty λ·[w ≠ 0] (λ‖w‖₀)
//   ridge shrinkage    z / (1 + λ)                          penalty λ·½w²    (λ · l2_penalty)
// Hard-thresholding compares the two candidates: w = 0 costs ½z², w = z costs λ, so z is
// kept when ½z² > λ. At the tie |z| = √(2λ) both minimize; the figure shows 0 and says so.
// The browser test (tests/browser/test_live_shrinkage.py) compares the readout with
// normdocs.soft_threshold, with the minimizer of ½(w − z)² + λ·normdocs.l2_penalty(w)
// (scipy.optimize.minimize_scalar) and with the better of {0, z} for ½(w − z)² +
// λ·normdocs.l0_norm(w) (checked against a grid search).
(window.NDLiveFigures = window.NDLiveFigures || []).push(["shrinkage", (el, L) => {
  "use strict";
  const Z_MAX = 3; // both axes span [−Z_MAX, Z_MAX]

  const soft = (z, lam) => Math.sign(z) * Math.max(Math.abs(z) - lam, 0);
  const hardThreshold = (lam) => Math.sqrt(2 * lam);
  // On the sliders' grids z² − 2λ is a multiple of 0.0025: it is either 0 or far from it.
  const isTie = (z, lam) => lam > 0 && Math.abs(z * z - 2 * lam) < 1e-9;
  const hard = (z, lam) => (Math.abs(z) > hardThreshold(lam) && !isTie(z, lam) ? z : 0);
  const ridge = (z, lam) => z / (1 + lam);

  const { controls, body } = L.frame(el, {
    title: {
      en: "Shrinkage of one coefficient: soft-thresholding, hard-thresholding, ridge",
      zh: "单个系数的收缩：软阈值、硬阈值与岭回归",
    },
    summary: {
      en: "Each curve maps the unpenalized coefficient z to the minimizer w of ½(w − z)² + R(w), R its penalty: λ|w| (soft), λ·[w ≠ 0] (hard), λ·½w² (ridge). At the tie |z| = √(2λ) both 0 and z minimize the hard-thresholding objective; the figure shows 0.",
      zh: "每条曲线把无惩罚的系数 z 映射为 ½(w − z)² + R(w) 的最小点 w，R 为相应的惩罚项：λ|w|（软阈值）、λ·[w ≠ 0]（硬阈值）、λ·½w²（岭回归）。在 |z| = √(2λ) 处，0 和 z 都是硬阈值目标函数的最小点，图中取 0。",
    },
  });
  const names = {
    soft: { en: "soft", zh: "软阈值" },
    hard: { en: "hard", zh: "硬阈值" },
    ridge: { en: "ridge", zh: "岭回归" },
  };
  const out = L.readout(body, [
    { key: "soft", label: { en: "soft-thresholding S_λ(z)", zh: "软阈值 S_λ(z)" } },
    { key: "hard", label: { en: "hard-thresholding H(z)", zh: "硬阈值 H(z)" } },
    { key: "ridge", label: { en: "ridge z / (1 + λ)", zh: "岭回归 z / (1 + λ)" } },
    { key: "hard_threshold", label: { en: "hard threshold √(2λ)", zh: "硬阈值的门限 √(2λ)" } },
    { key: "zeros", label: { en: "exactly zero", zh: "精确为零" } },
  ]);
  const lam = L.slider(controls, {
    key: "lambda",
    label: { en: "λ", zh: "λ" },
    min: 0,
    max: 2,
    step: 0.01,
    value: 0.5,
    format: (v) => L.fmt(v, 2),
    onInput: () => update(),
  });
  const z = L.slider(controls, {
    key: "z",
    label: { en: "z (unpenalized coefficient)", zh: "z（无惩罚的系数）" },
    min: -Z_MAX,
    max: Z_MAX,
    step: 0.05,
    value: 2,
    format: (v) => L.fmt(v, 2),
    onInput: () => update(),
  });

  // The curves over [−3, 3], exact: soft and hard are piecewise linear with breaks at ±λ and
  // ±√(2λ); a {y: null} point breaks the line at the jump of hard-thresholding.
  function curves(l) {
    const t = hardThreshold(l);
    const ends = [-Z_MAX, Z_MAX];
    return {
      soft: [-Z_MAX, -l, l, Z_MAX].map((x) => ({ x, y: soft(x, l) })),
      hard:
        t === 0
          ? ends.map((x) => ({ x, y: x }))
          : [
              { x: -Z_MAX, y: -Z_MAX }, { x: -t, y: -t }, { x: -t, y: null },
              { x: -t, y: 0 }, { x: t, y: 0 }, { x: t, y: null },
              { x: t, y: t }, { x: Z_MAX, y: Z_MAX },
            ],
      ridge: ends.map((x) => ({ x, y: ridge(x, l) })),
      identity: ends.map((x) => ({ x, y: x })),
    };
  }

  // the numbers shown now (the readout, the marked points and the canvas's description)
  let now = null;
  function compute() {
    const l = lam.value;
    const zv = z.value;
    const values = { soft: soft(zv, l), hard: hard(zv, l), ridge: ridge(zv, l) };
    const zeros = Object.keys(values).filter((k) => values[k] === 0);
    const tie = isTie(zv, l);
    const sep = { en: ", ", zh: "、" };
    const none = { en: "none", zh: "无" };
    const zerosText = {};
    for (const lang of ["en", "zh"]) {
      zerosText[lang] = zeros.length ? zeros.map((k) => names[k][lang]).join(sep[lang]) : none[lang];
    }
    if (tie) {
      zerosText.en += " (at the tie: w = z costs the same)";
      zerosText.zh += "（恰在门限上，w = z 的代价相同）";
    }
    now = { l, zv, values, zerosText, t: hardThreshold(l) };
  }

  // Where curves or marked points coincide (at 0, or at λ = 0), the one drawn first is bigger:
  // hard under soft under ridge, so each stays visible around the next.
  const marker = (key, color, style, radius, c) => ({
    label: `${key}@z`,
    data: [{ x: now.zv, y: now.values[key] }],
    pointRadius: radius,
    pointStyle: style,
    backgroundColor: color,
    borderColor: c.text,
    borderWidth: 1,
  });
  const line = (label, data, color, extra = {}) => ({
    label: L.t(label),
    data,
    showLine: true,
    pointRadius: 0,
    pointHoverRadius: 0,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    spanGaps: false,
    ...extra,
  });

  const chart = L.chart(body, {
    square: true,
    describe: () => ({
      en:
        `Soft-thresholding, hard-thresholding and ridge shrinkage against z from −3 to 3 at ` +
        `λ = ${L.fmt(now.l, 2)} (hard threshold ${L.fmt(now.t, 3)}): at z = ${L.fmt(now.zv, 2)}, ` +
        `soft gives ${L.fmt(now.values.soft, 3)}, hard ${L.fmt(now.values.hard, 3)}, ` +
        `ridge ${L.fmt(now.values.ridge, 3)}; exactly zero: ${now.zerosText.en}.`,
      zh:
        `软阈值、硬阈值与岭回归收缩随 z（从 −3 到 3）的变化，λ = ${L.fmt(now.l, 2)}` +
        `（硬阈值的门限 ${L.fmt(now.t, 3)}）：在 z = ${L.fmt(now.zv, 2)} 处，` +
        `软阈值得 ${L.fmt(now.values.soft, 3)}，硬阈值得 ${L.fmt(now.values.hard, 3)}，` +
        `岭回归得 ${L.fmt(now.values.ridge, 3)}；精确为零：${now.zerosText.zh}。`,
    }),
    config: (c) => {
      const k = curves(now.l);
      const axis = (title) => ({
        type: "linear",
        min: -Z_MAX,
        max: Z_MAX,
        ticks: { stepSize: 1 },
        title: { text: L.t(title) },
      });
      return {
        type: "scatter",
        data: {
          datasets: [
            // Chart.js draws the first dataset on top: marked points, then the curves
            marker("ridge", c.series[2], "triangle", 6, c),
            marker("soft", c.series[0], "circle", 7, c),
            marker("hard", c.series[1], "rectRot", 9, c),
            line({ en: "soft S_λ(z)", zh: "软阈值 S_λ(z)" }, k.soft, c.series[0], {
              borderWidth: 3.5,
            }),
            line({ en: "hard H(z)", zh: "硬阈值 H(z)" }, k.hard, c.series[1], { borderWidth: 5 }),
            line({ en: "ridge z/(1+λ)", zh: "岭回归 z/(1+λ)" }, k.ridge, c.series[2]),
            line({ en: "w = z", zh: "w = z" }, k.identity, c.text, {
              borderWidth: 1,
              borderDash: [5, 4],
            }),
          ],
        },
        options: {
          scales: {
            x: axis({ en: "z (unpenalized)", zh: "z（无惩罚）" }),
            y: axis({ en: "w (penalized solution)", zh: "w（加惩罚后的解）" }),
          },
          plugins: {
            tooltip: { enabled: false },
            legend: {
              position: "bottom",
              // the marked points are not in the legend (their curve is)
              labels: { color: c.text, boxWidth: 14, filter: (item) => !item.text.endsWith("@z") },
            },
          },
        },
      };
    },
  });

  function update() {
    compute();
    out.set("soft", L.fmt(now.values.soft, 3));
    out.set("hard", L.fmt(now.values.hard, 3));
    out.set("ridge", L.fmt(now.values.ridge, 3));
    out.set("hard_threshold", L.fmt(now.t, 3));
    out.set("zeros", L.t(now.zerosText));
    chart.update();
  }
  update();
  return update;
}]);
