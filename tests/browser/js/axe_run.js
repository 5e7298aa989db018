// axe-core (already injected) on the document with `options`: its violations, each
// {id, impact, help, nodes: ["selector: failure summary"]}.
async (options) => {
  const r = await axe.run(document, {resultTypes: ["violations"], ...options});
  return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + ": " +
                              (n.failureSummary || "").replace(/\s+/g, " "))}));
}
