"""Technology-transfer plans of accepted pairs, and onward links to CLMV."""

__all__: list[str] = []
