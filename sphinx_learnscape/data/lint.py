"""The outcome lint: outcomes that say what was learned, not only how much happened."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.model import Landscape

ACTIVITY_ONLY = (
    "form {form!r} has only activity counts as outcomes; add a learning, "
    "behaviour or results indicator, or a qualitative success story"
)
ROI_WITHOUT_RESULTS = (
    "outcome {outcome} claims return on investment (level 'roi') but form {form!r} "
    "has no 'results' outcome to stand behind it"
)
DIRECTION_CONTRADICTS = (
    "outcome {outcome}: direction {direction!r} contradicts baseline {baseline} -> "
    "target {target}, which is a{n} {numeric}"
)


def lint_outcomes(landscape: Landscape) -> Iterator[Diagnostic]:
    """Warnings for forms whose outcomes cannot show that learning happened."""
    by_form: dict[str, list[int]] = {}
    for index, outcome in enumerate(landscape.outcomes):
        by_form.setdefault(outcome.form, []).append(index)
    for form in landscape.forms:
        indexes = by_form.get(form.id)
        if not indexes:
            continue  # forms without outcomes are not judged (SPEC)
        outcomes = [landscape.outcomes[i] for i in indexes]
        if all(o.level == "activity" for o in outcomes):
            first = outcomes[0].origin
            yield Diagnostic(
                Severity.WARNING,
                Subtype.OUTCOMES,
                first.file,
                first.line,
                first.col,
                ACTIVITY_ONLY.format(form=form.id),
            )
        if not any(o.level == "results" for o in outcomes):
            for outcome in outcomes:
                if outcome.level == "roi":
                    yield Diagnostic(
                        Severity.WARNING,
                        Subtype.OUTCOMES,
                        outcome.origin.file,
                        outcome.origin.line,
                        outcome.origin.col,
                        ROI_WITHOUT_RESULTS.format(
                            outcome=repr(outcome.id or str(outcome.indicator)),
                            form=form.id,
                        ),
                    )
    for outcome in landscape.outcomes:
        numeric = outcome.numeric_direction
        if outcome.direction and numeric and outcome.direction != numeric:
            assert outcome.baseline is not None and outcome.target is not None
            yield Diagnostic(
                Severity.WARNING,
                Subtype.OUTCOMES,
                outcome.origin.file,
                outcome.origin.line,
                outcome.origin.col,
                DIRECTION_CONTRADICTS.format(
                    outcome=repr(outcome.id or str(outcome.indicator)),
                    direction=outcome.direction,
                    baseline=_number(outcome.baseline),
                    target=_number(outcome.target),
                    n="n" if numeric == "increase" else "",
                    numeric=numeric,
                ),
            )


def _number(value: float) -> str:
    """``1000000`` as written, not ``1e+06`` as ``:g`` would put it."""
    return str(int(value)) if float(value).is_integer() else str(value)
