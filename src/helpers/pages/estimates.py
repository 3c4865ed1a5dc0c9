"""Small-sample statistics that stay honest: linear trends with prediction intervals, and robust or
bootstrap intervals for ratios across models. statsmodels is imported only here.

>>> import pandas as pd
>>> pts = pd.DataFrame({"t": [2021.8, 2022.0, 2022.5, 2023.0], "value": [12e3, 17e3, 21e3, 29e3]})
>>> fit = linear_trend(pts, until=2025.0)
>>> round(fit.slope) > 0
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.pages.i18n import t


def decimal_year(as_of: str) -> float:
    """``2022`` → end of 2022 (2022.999); ``2023-01`` → mid-January; ``2021-11-05`` → that day."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.999
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = dt.date(*parts).timetuple().tm_yday
    return parts[0] + (day - 0.5) / 365.25


@dataclass
class Trend:
    results: object  # statsmodels RegressionResults, time measured in years since ``origin``
    points: pd.DataFrame
    prediction: pd.DataFrame  # t, mean, mean_low, mean_high, obs_low, obs_high
    alpha: float
    origin: int = 0

    @property
    def slope(self) -> float:
        return float(np.asarray(self.results.params)[1])

    def at(self, t: float) -> pd.Series:
        """The prediction row nearest to ``t``."""
        i = (self.prediction["t"] - t).abs().idxmin()
        return self.prediction.loc[i]

    def crossing(self, level: float) -> float | None:
        """When the fitted line reaches ``level`` (None if it never does going forward)."""
        a, b = (float(x) for x in self.results.params)
        return self.origin + (level - a) / b if b > 0 else None


def linear_trend(points: pd.DataFrame, until: float, alpha: float = 0.05, steps: int = 60) -> Trend:
    """OLS of ``value`` on time ``t`` with (1 - alpha) intervals for the mean and for a new observation.

    Time is counted from ``origin`` = the first point's year, so the intercept is the level then."""
    import statsmodels.api as sm

    pts = points.sort_values("t").reset_index(drop=True)
    origin = int(np.floor(pts["t"].min()))
    X = sm.add_constant(pts["t"].to_numpy(float) - origin)
    res = sm.OLS(pts["value"].to_numpy(float), X).fit()
    grid = np.linspace(pts["t"].min(), max(until, pts["t"].max()), steps)
    frame = res.get_prediction(sm.add_constant(grid - origin, has_constant="add")).summary_frame(alpha=alpha)
    pred = pd.DataFrame({"t": grid, "mean": frame["mean"].to_numpy(), "mean_low": frame["mean_ci_lower"].to_numpy(),
                         "mean_high": frame["mean_ci_upper"].to_numpy(), "obs_low": frame["obs_ci_lower"].to_numpy(),
                         "obs_high": frame["obs_ci_upper"].to_numpy()})
    return Trend(res, pts, pred, alpha, origin)


def coef_table(results, names=("intercept", "slope (per year)"), lang: str = "en") -> pd.DataFrame:
    """The model summary as a plain table (statsmodels' own summary stamps the run date); headers in ``lang``."""
    ci = np.asarray(results.conf_int())
    table = pd.DataFrame({
        t("ols_term", lang): list(names),
        t("ols_coef", lang): np.asarray(results.params, float),
        t("ols_std_err", lang): np.asarray(results.bse, float),
        t("ols_ci_low", lang): ci[:, 0], t("ols_ci_high", lang): ci[:, 1],
    })
    return table.round(3)


def fit_stats(results, lang: str = "en") -> pd.DataFrame:
    stats = {t("ols_n", lang): int(results.nobs), t("ols_df_resid", lang): int(results.df_resid)}
    if hasattr(results, "rsquared"):
        stats[t("ols_r2", lang)] = round(float(results.rsquared), 3)
    return pd.DataFrame([stats])


def one_per_date(points: pd.DataFrame, stock: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """One observation per date for a time series of facts (``as_of``, ``value``, ``qualifier``, ``fact_id``,
    ``duplicate_of``): duplicates dropped; a year-only stock placed at that year's end; figures for the same date
    averaged (their qualifier the weakest); for a stock, a later figure that repeats an earlier value unchanged is
    a restatement and dropped. Returns the points and the fact ids dropped.

    >>> pts = pd.DataFrame({"fact_id": ["a", "b", "c", "d"], "as_of": ["2021", "2022-04-26", "2022", "2022-12-31"],
    ...                     "value": [737e3, 737e3, 931e3, 929e3], "qualifier": ["exact"] * 4, "duplicate_of": [""] * 4})
    >>> kept, dropped = one_per_date(pts)
    >>> list(kept["as_of"]), list(kept["value"]), dropped
    (['2021-12-31', '2022-12-31'], [737000.0, 930000.0], ['b'])
    """
    p = points[points["duplicate_of"].fillna("") == ""].copy()
    if stock:
        p["as_of"] = [f"{a}-12-31" if len(a) == 4 else a for a in p["as_of"]]
    p = p.sort_values(["as_of", "fact_id"])
    dropped = list(points.loc[points["duplicate_of"].fillna("") != "", "fact_id"])
    if stock:
        seen: dict[float, str] = {}
        keep = []
        for _, r in p.iterrows():
            if r["value"] in seen and seen[r["value"]] < r["as_of"]:
                dropped.append(r["fact_id"])
                keep.append(False)
            else:
                seen.setdefault(r["value"], r["as_of"])
                keep.append(True)
        p = p[pd.Series(keep, index=p.index, dtype=bool)]  # a list would pick columns when p is empty
    order = ["exact", "range", "at_least", "at_most", "approx"]
    rows = []
    for as_of, g in p.groupby("as_of", sort=True):
        rows.append({"as_of": as_of, "value": float(g["value"].mean()),
                     "qualifier": max(g["qualifier"], key=lambda q: order.index(q) if q in order else 0),
                     "fact_id": "|".join(g["fact_id"]), "n": len(g)})
    out = pd.DataFrame(rows, columns=["as_of", "value", "qualifier", "fact_id", "n"])
    out["t"] = out["as_of"].map(decimal_year)
    return out, sorted(dropped)


def bootstrap_median(values, n: int = 5000, alpha: float = 0.05, seed: int = 20201) -> tuple[float, float, float]:
    """Median of ``values`` with a percentile bootstrap interval (fixed seed: same data, same answer)."""
    v = np.asarray(values, float)
    rng = np.random.default_rng(seed)
    meds = np.median(rng.choice(v, size=(n, len(v)), replace=True), axis=1)
    return float(np.median(v)), float(np.quantile(meds, alpha / 2)), float(np.quantile(meds, 1 - alpha / 2))


def robust_mean(values):
    """Huber M-estimate of the centre (statsmodels RLM, intercept only); returns the fitted results."""
    import statsmodels.api as sm

    v = np.asarray(values, float)
    return sm.RLM(v, np.ones((len(v), 1)), M=sm.robust.norms.HuberT()).fit()
