"""The targets of the issue ("``l2_norm`` at most 1.1x ``np.linalg.norm``"), and whether a
run meets them: the ratio is :func:`~normdocs_site.bench.schema.paired_ratio`, the one the
Performance page shows too."""

from __future__ import annotations

from dataclasses import dataclass

from normdocs_site.bench.schema import CaseResult, SizeResult, TargetResult, paired_ratio


@dataclass
class Target:
    """A target: ``method`` at most ``max_ratio`` times the fastest of ``against``."""

    id: str
    text: str
    case: str
    size: int | str  # a size, or "largest" / "smallest"
    method: str
    against: list[str]  # the baseline: the fastest of these ([]: every alternative)
    max_ratio: float


def targets() -> list[Target]:
    """The targets of the issue, in the order of the Performance page's table."""
    t = [
        Target(
            "l2-vs-numpy",
            "l2_norm at most 1.1x np.linalg.norm",
            "l2-numpy",
            "largest",
            "nd.l2_norm(x)",
            ["np.linalg.norm(x)"],
            1.1,
        ),
        Target(
            "l2-vs-scipy",
            "l2_norm at most 0.5x scipy.linalg.norm",
            "l2-numpy",
            "largest",
            "nd.l2_norm(x)",
            ["scipy.linalg.norm(x)"],
            0.5,
        ),
        Target(
            "l1-vs-floor",
            "l1_norm at most 1.5x one read of x (np.dot(x, x))",
            "l1-numpy",
            "largest",
            "nd.l1_norm(x)",
            ["np.dot(x, x)"],
            1.5,
        ),
        Target(
            "linf-vs-floor",
            "linf_norm at most 1.5x one read of x (np.dot(x, x))",
            "linf-numpy",
            "largest",
            "nd.linf_norm(x)",
            ["np.dot(x, x)"],
            1.5,
        ),
    ]
    for op, ref in (("l2", "np.linalg.norm(x)"), ("l1", "np.linalg.norm(x, 1)")):
        t.append(
            Target(
                f"{op}-small",
                f"{op}_norm of 1,000 elements at most 3x {ref}",
                f"{op}-numpy",
                1000,
                f"nd.{op}_norm(x)",
                [ref],
                3.0,
            )
        )
    t.append(
        Target(
            "linf-small",
            "linf_norm of 1,000 elements at most 3x np.linalg.norm(x, np.inf)",
            "linf-numpy",
            1000,
            "nd.linf_norm(x)",
            ["np.linalg.norm(x, np.inf)"],
            3.0,
        )
    )
    for op, ref in (
        ("l1", "torch.linalg.vector_norm(t, 1)"),
        ("l2", "torch.linalg.vector_norm(t)"),
        ("linf", "torch.linalg.vector_norm(t, inf)"),
    ):
        t.append(
            Target(
                f"{op}-torch",
                f"{op}_norm of a float32 tensor at most 1.1x {ref}",
                f"{op}-torch",
                "largest",
                f"nd.{op}_norm(t)",
                [ref],
                1.1,
            )
        )
    for op in ("l1", "l2"):
        t.append(
            Target(
                f"{op}-penalty",
                f"{op}_penalty, forward and backward, at most 1.2x the fastest plain PyTorch",
                f"{op}-penalty-torch",
                "largest",
                f"nd.{op}_penalty(params)",
                [],  # filled in: every plain PyTorch method of the case
                1.2,
            )
        )
    t.append(
        Target(
            "clip-grad-norm",
            "clip_grad_norm_ at most 1.1x torch.nn.utils.clip_grad_norm_(foreach=True)",
            "clip-grad-norm-torch",
            "largest",
            "nd.clip_grad_norm_(params, max_norm)",
            ["torch.nn.utils.clip_grad_norm_(params, max_norm, foreach=True)"],
            1.1,
        )
    )
    for op, fname in (("mse", "mse_loss"), ("l1-loss", "l1_loss"), ("huber", "huber_loss")):
        for size in ("smallest", "largest"):
            t.append(
                Target(
                    f"{op}-{size}",
                    f"{fname} at most 1.1x F.{fname} ({size} size)",
                    f"{op}-torch",
                    size,
                    f"nd.{fname}(input, target)",
                    [f"F.{fname}(input, target)"],
                    1.1,
                )
            )
    return t


def evaluate_targets(cases: dict[str, CaseResult]) -> list[TargetResult]:
    """Every target whose case and size were measured, with its ratio (a missing one is left
    out: a run of ``--only`` some cases)."""
    out: list[TargetResult] = []
    for t in targets():
        case = cases.get(t.case)
        if case is None:
            continue
        sizes = case["sizes"]
        n = sizes[-1] if t.size == "largest" else sizes[0] if t.size == "smallest" else t.size
        if not isinstance(n, int) or n not in sizes:
            continue
        against = t.against or [
            m["name"] for m in case["methods"] if m["role"] == "alternative" and m["correct"]
        ]
        if not against:  # penalties have no edge cases: every plain PyTorch way competes
            against = [m["name"] for m in case["methods"] if m["role"] == "alternative"]

        def result(name: str, n: int = n, case: CaseResult = case) -> SizeResult:
            m = next(m for m in case["methods"] if m["name"] == name)
            return next(r for r in m["results"] if r["n"] == n)

        base = min(against, key=lambda name: result(name)["median_s"])
        ratio = paired_ratio(result(t.method), result(base))
        out.append(
            {
                "id": t.id,
                "text": t.text,
                "case": t.case,
                "n": n,
                "method": t.method,
                "baseline": base,
                "max_ratio": t.max_ratio,
                "ratio": ratio,
                "ratio_best": result(t.method)["min_s"] / result(base)["min_s"],
                "met": ratio <= t.max_ratio,
            }
        )
    return out
