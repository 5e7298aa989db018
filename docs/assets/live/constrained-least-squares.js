// L1 versus L2 constrained least squares in the plane: minimize the quadratic loss
//   f(w) = ½ (w − w*)ᵀ A (w − w*)
// (the loss of the static figure, scripts/figures/penalized-loss.py: A = [[1, 0.6], [0.6, 1.5]],
// eigenvalues 0.6 and 1.9, its axes rotated) over the L1 ball ‖w‖₁ ≤ t and over the L2 ball
// ‖w‖₂ ≤ t, for the unconstrained minimum w* and the radius t the reader sets.
//
// - L1: projected gradient descent, w ← P₁(w − s ∇f(w)) with the exact Euclidean projection
//   P₁ onto the L1 ball (Duchi et al. 2008: soft-thresholding by the θ that lands on ‖w‖₁ = t).
//   With the step s = 2 / (λmin + λmax) the map is a contraction by (κ − 1) / (κ + 1) ≈ 0.52,
//   so the loop runs until a step moves w by less than 1e-14 (w is then within about 1e-14 of
//   the solution). The zeros of the solution are the exact zeros the projection makes.
// - L2: the Lagrange multiplier. On the boundary, ∇f(w) + μ w = 0 gives
//   w(μ) = (A + μ I)⁻¹ A w*, whose norm falls from ‖w*‖₂ (μ = 0) to 0; bisection on μ finds
//   ‖w(μ)‖₂ = t to machine precision. μ is the λ of the L2 penalty λ·½‖w‖₂² with the same
//   solution; for L1 that λ (of the penalty λ‖w‖₁) is ‖∇f(w)‖∞.
// Inside a ball (w* feasible) the solution is w* itself, and λ = 0.
//
// The level set of f through each solution is drawn from A's eigendecomposition A = Q Λ Qᵀ:
// w = w* + Q (√(2ℓ/λ₁) cos φ, √(2ℓ/λ₂) sin φ), ℓ = f(solution).
//
// tests/browser/test_live_constrained_least_squares.py compares every readout number with
// projected gradient on normdocs.project_l1_ball / normdocs.project_l2_ball (zero counts by
// normdocs.l0_norm), cross-checked with scipy.optimize.minimize (SLSQP).
(window.NDLiveFigures = window.NDLiveFigures || []).push(["constrained-least-squares", (el, L) => {
  const A = [
    [1.0, 0.6],
    [0.6, 1.5],
  ];

  // --- the eigendecomposition of the symmetric 2 × 2 matrix A, in closed form -----------------
  // the first eigenvector is at angle α with tan 2α = 2 a₁₂ / (a₁₁ − a₂₂)
  const alpha = 0.5 * Math.atan2(2 * A[0][1], A[0][0] - A[1][1]);
  const Q = [
    [Math.cos(alpha), -Math.sin(alpha)],
    [Math.sin(alpha), Math.cos(alpha)],
  ]; // columns: the eigenvectors q₁, q₂
  const quad = (q) => A[0][0] * q[0] * q[0] + 2 * A[0][1] * q[0] * q[1] + A[1][1] * q[1] * q[1];
  const eig = [quad([Q[0][0], Q[1][0]]), quad([Q[0][1], Q[1][1]])]; // qᵢᵀ A qᵢ
  const lmin = Math.min(...eig);
  const lmax = Math.max(...eig);

  const matvec = (M, v) => [M[0][0] * v[0] + M[0][1] * v[1], M[1][0] * v[0] + M[1][1] * v[1]];
  const sub = (u, v) => [u[0] - v[0], u[1] - v[1]];
  const loss = (w, c) => {
    const d = sub(w, c);
    const Ad = matvec(A, d);
    return 0.5 * (d[0] * Ad[0] + d[1] * Ad[1]);
  };
  const grad = (w, c) => matvec(A, sub(w, c));
  const l1 = (v) => Math.abs(v[0]) + Math.abs(v[1]);
  const l2 = (v) => Math.hypot(v[0], v[1]);

  /** The Euclidean projection onto {‖w‖₁ ≤ t} (Duchi et al. 2008, written out for 2 entries):
   * soft-thresholding by θ, the largest (Σ of the k largest |vᵢ| − t) / k whose k-th modulus
   * survives the threshold; an entry with |vᵢ| ≤ θ becomes exactly 0. */
  function projectL1(v, t) {
    if (l1(v) <= t) return v;
    const hi = Math.max(Math.abs(v[0]), Math.abs(v[1]));
    const lo = Math.min(Math.abs(v[0]), Math.abs(v[1]));
    // k = 1 always survives; k = 2 when the smaller modulus exceeds (hi + lo − t) / 2
    const theta = lo > hi - t ? (hi + lo - t) / 2 : hi - t;
    return v.map((x) => Math.sign(x) * Math.max(Math.abs(x) - theta, 0));
  }

  /** argmin f over the L1 ball: projected gradient descent to a fixed point. */
  function solveL1(c, t) {
    if (l1(c) <= t) return c;
    const step = 2 / (lmin + lmax);
    let w = [0, 0];
    for (let k = 0; k < 20000; k++) {
      const g = grad(w, c);
      const next = projectL1([w[0] - step * g[0], w[1] - step * g[1]], t);
      const moved = l2(sub(next, w));
      w = next;
      if (moved <= 1e-14) break;
    }
    return w;
  }

  /** argmin f over the L2 ball and its multiplier μ: bisection on ‖(A + μI)⁻¹ A w*‖₂ = t,
   * in A's eigenbasis, where (A + μI)⁻¹ A scales coordinate i by λᵢ / (λᵢ + μ). */
  function solveL2(c, t) {
    if (l2(c) <= t) return { w: c, mu: 0 };
    const b = [Q[0][0] * c[0] + Q[1][0] * c[1], Q[0][1] * c[0] + Q[1][1] * c[1]]; // Qᵀ w*
    const at = (mu) => {
      const z = [(eig[0] * b[0]) / (eig[0] + mu), (eig[1] * b[1]) / (eig[1] + mu)];
      return matvec(Q, z);
    };
    // ‖w(μ)‖₂ ≤ λmax ‖w*‖₂ / μ, so the norm is below t at μ = λmax ‖w*‖₂ / t
    let lo = 0;
    let hi = (lmax * l2(c)) / t;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break; // lo and hi are adjacent doubles
      if (l2(at(mid)) > t) lo = mid;
      else hi = mid;
    }
    const mu = 0.5 * (lo + hi);
    return { w: at(mu), mu };
  }

  /** The level set {f = ℓ} around w*, traced over 2° steps (empty when ℓ = 0). */
  function levelSet(c, ell) {
    if (!(ell > 0)) return [];
    const r = [Math.sqrt((2 * ell) / eig[0]), Math.sqrt((2 * ell) / eig[1])];
    const points = [];
    for (let deg = 0; deg <= 360; deg += 2) {
      const phi = (deg * Math.PI) / 180;
      const d = matvec(Q, [r[0] * Math.cos(phi), r[1] * Math.sin(phi)]);
      points.push({ x: c[0] + d[0], y: c[1] + d[1] });
    }
    return points;
  }

  const circle = (t) => {
    const points = [];
    for (let deg = 0; deg <= 360; deg += 2) {
      const phi = (deg * Math.PI) / 180;
      points.push({ x: t * Math.cos(phi), y: t * Math.sin(phi) });
    }
    return points;
  };
  const diamond = (t) => [
    { x: t, y: 0 },
    { x: 0, y: t },
    { x: -t, y: 0 },
    { x: 0, y: -t },
    { x: t, y: 0 },
  ];
  // The zero weights of each solution. The L1 solution's zeros are exact 0s that the projection
  // makes (|vᵢ| ≤ θ becomes 0), counted as they are. The L2 solution, a point of the circle, lies
  // on an axis only for w* on four rays (for each t, w₂ = 0 for w* = (±t, 0) + s A⁻¹(±1, 0),
  // s ≥ 0, and likewise w₁ = 0); there the computed coordinate is a rounding error of about
  // 1e-17, so it counts as zero below 1e-12: far under the 0.0005 the readout can show, far over
  // the solver's error.
  const zerosL1 = (w) => w.filter((x) => x === 0).length;
  const zerosL2 = (w) => w.filter((x) => Math.abs(x) <= 1e-12).length;

  // --- the figure ---------------------------------------------------------------------------
  const { controls, body } = L.frame(el, {
    title: {
      en: "Least squares constrained to the L1 ball and to the L2 ball",
      zh: "约束在 L1 球与 L2 球内的最小二乘",
    },
  });
  const rows = [];
  for (const [p, pen] of [
    ["1", { en: "λ of the penalty λ‖w‖₁", zh: "惩罚项 λ‖w‖₁ 的 λ" }],
    ["2", { en: "λ of the penalty λ·½‖w‖₂²", zh: "惩罚项 λ·½‖w‖₂² 的 λ" }],
  ]) {
    rows.push(
      { key: `l${p}_w1`, label: { en: `L${p} solution: w₁`, zh: `L${p} 约束的解：w₁` } },
      { key: `l${p}_w2`, label: { en: `L${p} solution: w₂`, zh: `L${p} 约束的解：w₂` } },
      { key: `l${p}_zeros`, label: { en: `L${p}: zero weights`, zh: `L${p}：为零的权重个数` } },
      { key: `l${p}_loss`, label: { en: `L${p}: loss f(w)`, zh: `L${p}：损失 f(w)` } },
      { key: `l${p}_lambda`, label: { en: `L${p}: ${pen.en}`, zh: `L${p}：${pen.zh}` } },
    );
  }
  const out = L.readout(body, rows);

  const fmt2 = (v) => L.fmt(v, 2);
  const s1 = L.slider(controls, {
    key: "wstar1",
    label: { en: "minimum w*₁ =", zh: "最小值点 w*₁ =" },
    min: -3,
    max: 3,
    step: 0.05,
    value: 2,
    format: fmt2,
    onInput: () => update(),
  });
  const s2 = L.slider(controls, {
    key: "wstar2",
    label: { en: "minimum w*₂ =", zh: "最小值点 w*₂ =" },
    min: -3,
    max: 3,
    step: 0.05,
    value: 0.4,
    format: fmt2,
    onInput: () => update(),
  });
  const st = L.slider(controls, {
    key: "t",
    label: { en: "radius t =", zh: "半径 t =" },
    min: 0.2,
    max: 3,
    step: 0.05,
    value: 1,
    format: fmt2,
    onInput: () => update(),
  });

  const integerTicks = (axis) => {
    axis.ticks = [-3, -2, -1, 0, 1, 2, 3].map((value) => ({ value }));
  };

  let state = null;
  const pt = (w) => `(${L.fmt(w[0], 3)}, ${L.fmt(w[1], 3)})`;
  const zeroText = (n, lang) =>
    lang === "en"
      ? `${n === 0 ? "no" : n} zero weight${n === 1 ? "" : "s"}`
      : n === 0 ? "没有为零的权重" : `${n} 个权重为零`;

  const chart = L.chart(body, {
    square: true,
    describe: () => {
      const { c, t, w1, w2, in1, in2 } = state;
      const star = `(${L.fmt(c[0], 2)}, ${L.fmt(c[1], 2)})`;
      // a solution that is not w* has a dashed contour through it; one that is w* has none
      const at = (w, inside, zeros, lang) =>
        inside
          ? { en: "w* itself (inside)", zh: "w* 本身（位于球内）" }[lang]
          : `${pt(w)}${lang === "en" ? ", " : "，"}${zeroText(zeros, lang)}` +
            { en: ", with the dashed loss contour through it", zh: "，有一条经过它的损失等高线（虚线）" }[lang];
      return {
        en:
          `The L1 ball (a diamond) and the L2 ball (a circle) of radius ${L.fmt(t, 2)}, and the ` +
          `unconstrained minimum w* = ${star} of an elliptical loss. ` +
          `L1 solution: ${at(w1, in1, zerosL1(w1), "en")}. L2 solution: ${at(w2, in2, zerosL2(w2), "en")}.`,
        zh:
          `半径为 ${L.fmt(t, 2)} 的 L1 球（菱形）和 L2 球（圆），以及椭圆形损失的无约束最小值点 ` +
          `w* = ${star}。L1 约束的解：${at(w1, in1, zerosL1(w1), "zh")}。` +
          `L2 约束的解：${at(w2, in2, zerosL2(w2), "zh")}。`,
      };
    },
    config: (col) => {
      const { c, t, w1, w2 } = state;
      const [blue, orange, ink] = [col.series[0], col.series[1], col.text];
      // a marked point, and a curve through {x, y} points in order (no markers, no tooltips)
      const point = (label, p, style, radius, color) => ({
        label,
        data: [{ x: p[0], y: p[1] }],
        pointStyle: style,
        pointRadius: radius,
        pointHoverRadius: radius + 2,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2,
      });
      const curve = (label, data, color, extra) => ({
        label,
        data,
        showLine: true,
        pointRadius: 0,
        pointHitRadius: 0,
        pointHoverRadius: 0,
        borderColor: color,
        borderWidth: 2,
        ...extra,
      });
      // the palette's colours are #rrggbb: two more hex digits make the balls' translucent fill
      const ball = (label, data, color, alpha) =>
        curve(label, data, color, { fill: "shape", backgroundColor: `${color}${alpha}` });
      const contour = (w, color, dash) =>
        curve("", levelSet(c, loss(w, c)), color, { borderDash: dash, borderWidth: 1.5 });
      const axis = (title) => ({
        type: "linear",
        min: -3.5,
        max: 3.5,
        afterBuildTicks: integerTicks,
        title: { text: title },
      });
      return {
        type: "scatter",
        data: {
          // the points first: Chart.js draws the first dataset on top (the L2 marker is the
          // largest, so that all three show when w* is inside both balls)
          datasets: [
            point("w*", c, "crossRot", 7, ink),
            point(L.t({ en: "L1 solution", zh: "L1 约束的解" }), w1, "circle", 5, blue),
            point(L.t({ en: "L2 solution", zh: "L2 约束的解" }), w2, "rectRot", 8, orange),
            ball("‖w‖₁ ≤ t", diamond(t), blue, "26"),
            ball("‖w‖₂ ≤ t", circle(t), orange, "1a"),
            contour(w1, blue, [6, 4]), // the level sets, left out of the legend
            contour(w2, orange, [2, 3]),
          ],
        },
        options: {
          scales: { x: axis("w₁"), y: axis("w₂") },
          plugins: {
            legend: {
              labels: {
                color: ink,
                boxWidth: 14,
                usePointStyle: true,
                filter: (item) => item.text !== "",
              },
            },
            tooltip: { filter: (item) => item.datasetIndex < 3 },
          },
        },
      };
    },
  });

  // Dragging w* with the mouse (or a pen): press near its cross and move; the sliders follow,
  // on their 0.05 grid, so the readout stays the one the keyboard and the tests reach.
  const snap = (v) => Math.min(3, Math.max(-3, Math.round(v / 0.05) * 0.05));
  const near = (ev) => {
    const inst = window.Chart.getChart(chart.canvas);
    const px = inst.scales.x.getPixelForValue(state.c[0]);
    const py = inst.scales.y.getPixelForValue(state.c[1]);
    return Math.hypot(ev.offsetX - px, ev.offsetY - py) <= 16;
  };
  let dragging = false;
  chart.canvas.addEventListener("pointerdown", (ev) => {
    if (!near(ev)) return;
    dragging = true;
    chart.canvas.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });
  chart.canvas.addEventListener("pointermove", (ev) => {
    if (!dragging) {
      chart.canvas.style.cursor = near(ev) ? "grab" : "";
      return;
    }
    const inst = window.Chart.getChart(chart.canvas);
    s1.set(snap(inst.scales.x.getValueForPixel(ev.offsetX)));
    s2.set(snap(inst.scales.y.getValueForPixel(ev.offsetY)));
    update();
  });
  for (const type of ["pointerup", "pointercancel"]) {
    chart.canvas.addEventListener(type, () => {
      dragging = false;
    });
  }

  function update() {
    const c = [s1.value, s2.value];
    const t = st.value;
    const w1 = solveL1(c, t);
    const { w: w2, mu } = solveL2(c, t);
    state = { c, t, w1, w2, in1: l1(c) <= t, in2: l2(c) <= t };
    const results = [
      // λ of the L1 penalty: ‖∇f(w)‖∞ (0 inside the ball, where ∇f(w*) = 0)
      ["1", w1, zerosL1(w1), state.in1 ? 0 : Math.max(...grad(w1, c).map(Math.abs))],
      ["2", w2, zerosL2(w2), mu],
    ];
    for (const [p, w, nz, lam] of results) {
      out.set(`l${p}_w1`, L.fmt(w[0], 3));
      out.set(`l${p}_w2`, L.fmt(w[1], 3));
      out.set(`l${p}_zeros`, String(nz));
      out.set(`l${p}_loss`, L.fmt(loss(w, c), 3));
      out.set(`l${p}_lambda`, L.fmt(lam, 3));
    }
    chart.update();
  }
  update();
  return update;
}]);
