"""No tables yet: the figures are counted from the work and consultation areas' own rows
(`congvu.oversight.queries`). The oversight rooms to come (signals, inspections, reviews, reports)
keep theirs here."""
from congvu.oversight import models_directives, models_public  # noqa: E402,F401  (issue 11)
