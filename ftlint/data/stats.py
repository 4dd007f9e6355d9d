"""The arithmetic of the data rules (numpy), each measure with what its number means."""

from __future__ import annotations

import math

import numpy as np


def shares(counts: dict[str, int]) -> dict[str, float]:
    total = sum(counts.values()) or 1
    return {k: v / total for k, v in counts.items()}


def total_variation(a: dict[str, int], b: dict[str, int]) -> float:
    """Half the L1 distance of the two label distributions, in [0, 1]: the share of
    examples whose class would have to change to turn one distribution into the other."""
    p, q = shares(a), shares(b)
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in p.keys() | q.keys())


def standardized_mean_difference(before: np.ndarray, after: np.ndarray) -> float:
    """|mean difference| in units of the pooled standard deviation (Cohen's d): 0.2 small,
    0.5 medium, 0.8 large."""
    pooled = math.sqrt((float(np.var(before)) + float(np.var(after))) / 2)
    difference = abs(float(np.mean(after)) - float(np.mean(before)))
    if pooled == 0:
        return 0.0 if difference == 0 else math.inf
    return difference / pooled


def population_stability(before: np.ndarray, after: np.ndarray, bins: int = 10) -> float:
    """Population stability index over the deciles of `before`: sum (q - p) ln(q / p).
    Common reading: under 0.1 stable, 0.1-0.25 a moderate shift, over 0.25 a large one."""
    edges = np.unique(np.quantile(before, np.linspace(0, 1, bins + 1)[1:-1]))
    p = np.bincount(np.searchsorted(edges, before, side="right"), minlength=len(edges) + 1)
    q = np.bincount(np.searchsorted(edges, after, side="right"), minlength=len(edges) + 1)
    p = np.maximum(p / max(len(before), 1), 1e-4)
    q = np.maximum(q / max(len(after), 1), 1e-4)
    return float(np.sum((q - p) * np.log(q / p)))


def finite(values: np.ndarray) -> np.ndarray:
    return values[np.isfinite(values)]


def share_over(lengths: np.ndarray, limit: int) -> float:
    return float(np.mean(lengths > limit)) if len(lengths) else 0.0
