"""`kizuna matching fit`: fit the affinity part weights to the decisions made on pairs."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kizuna.mentoring.domain.decisions import weight_fit_shortfall, weights_fit_record
from kizuna.mentoring.models import MatchingRound
from kizuna.programmes.models import Programme


class Command(BaseCommand):
    help = _("Fit the matching weights to the decisions made on pairs (kept, rejected, accepted, declined, outcomes).")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        fit = actions.add_parser("fit", help=_("Fit the weights and print them beside the current ones."))
        fit.add_argument("--programme", help=_("Only the decisions of this programme (its code)."))
        fit.add_argument("--round", type=int, help=_("Only the decisions of this round (its id), against its weights."))
        fit.add_argument("--folds", type=int, default=5, help=_("Folds of the cross-validation (default 5)."))

    def handle(self, *args, action: str, programme: str | None = None, round: int | None = None,
               folds: int = 5, **options):
        if folds < 2:
            raise CommandError(_("--folds must be at least 2, not %(value)s.") % {"value": folds})
        prog = rnd = None
        if programme:
            prog = Programme.objects.filter(code=programme).first()
            if prog is None:
                raise CommandError(_("No programme has the code %(code)s.") % {"code": programme})
        if round is not None:
            rnd = MatchingRound.objects.select_related("programme").filter(pk=round).first()
            if rnd is None:
                raise CommandError(_("No matching round has the id %(id)s.") % {"id": round})
        fit = weights_fit_record(programme=prog, round=rnd, folds=folds)
        if not fit.usable:
            raise CommandError(weight_fit_shortfall(fit))
        m = fit.metrics
        current = _("Round") if rnd else _("Default")
        self.stdout.write(f"{_('Part'):<16}{current:>10}{_('Fitted'):>10}")
        for name in sorted(fit.weights):
            mark = "" if name in m["learned"] else "  " + _("(not fitted: kept)")
            self.stdout.write(f"{name:<16}{m['baseline'].get(name, 0.0):>10.3f}{fit.weights[name]:>10.3f}{mark}")
        figures = {"folds": len(m["fitted_accuracy"]), "baseline": m["baseline_mean"], "fitted": m["fitted_mean"]}
        if rnd:
            line = _("Held-out pairwise accuracy over %(folds)d folds: the round's weights %(baseline).3f, "
                     "fitted %(fitted).3f.")
        else:
            line = _("Held-out pairwise accuracy over %(folds)d folds: default weights %(baseline).3f, "
                     "fitted %(fitted).3f.")
        self.stdout.write(line % figures)
        self.stdout.write(
            _("Fitted on %(decisions)d decisions (%(comparisons)d comparisons); kept as weight fit %(id)d.")
            % {"decisions": fit.decisions, "comparisons": m["comparisons"], "id": fit.pk}
        )
