// The unit sphere of the Lp norm in the plane, with a slider for p from 0.5 to infinity.
//
// For a direction u = (cos θ, sin θ), the sphere's point in that direction is u / ‖u‖_p,
// with ‖u‖_p = (|u1|^p + |u2|^p)^(1/p), and max(|u1|, |u2|) for p = ∞; tracing θ over the
// circle draws the sphere. For p < 1 the same formula draws a star that is not convex: the
// midpoint (½, ½) of the two unit vectors (1, 0) and (0, 1) has "norm" 2^(1/p) / 2 > 1, so it
// lies outside, and the triangle inequality fails. The readout shows ‖u‖_p, the point and the
// midpoint's value; tests/browser/test_live_unit-balls.py compares them with
// normdocs.vector_norm (p >= 1; for p < 1 normdocs refuses the order, and NumPy's formula is
// the reference).
(window.NDLiveFigures = window.NDLiveFigures || []).push(["unit-balls", (el, L) => {
  const P = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 10, Infinity];
  const showP = (p) => (p === Infinity ? "∞" : String(p));

  /** ‖x‖_p in two dimensions, scaled by the larger entry (no overflow for large p). */
  function norm([a, b], p) {
    const m = Math.max(Math.abs(a), Math.abs(b));
    if (p === Infinity || m === 0) return m;
    return m * ((Math.abs(a) / m) ** p + (Math.abs(b) / m) ** p) ** (1 / p);
  }

  /** The unit sphere of ‖·‖_p, traced over 1° steps (the corners at 0°, 45°, 90°... included). */
  function sphere(p) {
    const points = [];
    for (let deg = 0; deg <= 360; deg += 1) {
      const u = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
      const n = norm(u, p);
      points.push({ x: u[0] / n, y: u[1] / n });
    }
    return points;
  }

  const { controls, body } = L.frame(el, {
    title: { en: "The unit sphere of the Lp norm", zh: "Lp 范数的单位球面" },
  });
  const out = L.readout(body, [
    { key: "norm", label: { en: "‖u‖ₚ of u = (cos θ, sin θ)", zh: "u = (cos θ, sin θ) 的 ‖u‖ₚ" } },
    { key: "x1", label: { en: "point on the sphere: x₁", zh: "单位球面上的点：x₁" } },
    { key: "x2", label: { en: "point on the sphere: x₂", zh: "单位球面上的点：x₂" } },
    { key: "midpoint", label: { en: "‖(½, ½)‖ₚ", zh: "‖(½, ½)‖ₚ" } },
    { key: "convex", label: { en: "convex, a norm", zh: "是否为凸集（范数）" } },
  ]);
  const p = L.slider(controls, {
    key: "p",
    label: "p =",
    values: P,
    value: 2,
    format: showP,
    onInput: () => update(),
  });
  const theta = L.slider(controls, {
    key: "theta",
    label: { en: "direction θ =", zh: "方向 θ =" },
    min: 0,
    max: 360,
    step: 1,
    value: 30,
    format: (v) => `${v}°`,
    onInput: () => update(),
  });

  let state = {};
  const chart = L.chart(body, {
    square: true,
    describe: () => ({
      en: `The unit sphere of the L${showP(state.p)} norm${state.p < 1 ? ", a star that is not convex" : ""}, with the L1, L2 and L∞ spheres dashed; its point in direction ${state.theta}° is (${state.x1}, ${state.x2}).`,
      zh: `L${showP(state.p)} 范数的单位球面${state.p < 1 ? "，呈星形，不是凸的" : ""}；虚线为 L1、L2 与 L∞ 单位球面；它在 ${state.theta}° 方向上的点是 (${state.x1}, ${state.x2})。`,
    }),
    config: (c) => {
      // a reference sphere, dashed, with a small dot at its point in the direction θ
      const dashed = (q, color, label) => {
        const n = norm(state.u, q);
        return {
          label,
          data: [...sphere(q), { x: null, y: null }, { x: state.u[0] / n, y: state.u[1] / n }],
          showLine: true,
          spanGaps: false,
          pointRadius: (ctx) => (ctx.dataIndex === 362 ? 3.5 : 0),
          borderWidth: 1,
          borderDash: [4, 4],
          borderColor: color,
          backgroundColor: color,
        };
      };
      const lp = L.t({ en: `L${showP(state.p)} sphere`, zh: `L${showP(state.p)} 单位球面` });
      return {
        type: "scatter",
        data: {
          datasets: [
            {
              label: lp,
              data: sphere(state.p),
              showLine: true,
              pointRadius: 0,
              borderWidth: 3,
              borderColor: c.series[0],
            },
            dashed(1, c.series[2], "L1"),
            dashed(2, c.series[4], "L2"),
            dashed(Infinity, c.series[5], "L∞"),
            {
              label: L.t({ en: "direction θ", zh: "方向 θ" }),
              data: [{ x: 0, y: 0 }, { x: 1.6 * state.u[0], y: 1.6 * state.u[1] }],
              showLine: true,
              pointRadius: 0,
              borderWidth: 1,
              borderColor: c.text,
            },
            {
              label: L.t({ en: "u / ‖u‖ₚ", zh: "u / ‖u‖ₚ" }),
              data: [{ x: state.point[0], y: state.point[1] }],
              pointRadius: 6,
              pointStyle: "circle",
              backgroundColor: c.series[1],
              borderColor: c.series[1],
            },
            {
              label: L.t({ en: "chord (1, 0)–(0, 1)", zh: "弦 (1, 0)–(0, 1)" }),
              data: [{ x: 1, y: 0 }, { x: 0.5, y: 0.5 }, { x: 0, y: 1 }],
              showLine: true,
              pointRadius: [0, 4, 0],
              borderWidth: 1,
              borderDash: [2, 3],
              borderColor: c.series[3],
              backgroundColor: c.series[3],
            },
          ],
        },
        options: {
          plugins: { legend: { labels: { filter: (item) => item.datasetIndex <= 4 } } },
          scales: {
            x: { type: "linear", min: -1.5, max: 1.5, ticks: { stepSize: 0.5 } },
            y: { type: "linear", min: -1.5, max: 1.5, ticks: { stepSize: 0.5 } },
          },
        },
      };
    },
  });

  function update() {
    const deg = theta.value;
    const u = [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
    const n = norm(u, p.value);
    const point = [u[0] / n, u[1] / n];
    state = {
      p: p.value,
      theta: deg,
      u,
      point,
      x1: L.fmt(point[0], 4),
      x2: L.fmt(point[1], 4),
    };
    out.set("norm", L.fmt(n, 4));
    out.set("x1", state.x1);
    out.set("x2", state.x2);
    out.set("midpoint", L.fmt(norm([0.5, 0.5], p.value), 4));
    out.set(
      "convex",
      p.value >= 1
        ? L.t({ en: "yes", zh: "是" })
        : L.t({ en: "no: (½, ½) lies outside", zh: "否：(½, ½) 落在球外" }),
    );
    chart.update();
  }
  update();
  return update;
}]);
