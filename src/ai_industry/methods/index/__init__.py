"""Composite indicators after the OECD/JRC Handbook on Constructing Composite Indicators (2008) and COINr: a
declarative spec (`spec`), the construction steps (`steps`: missing data, outliers, normalisation, weights,
aggregation, ranks), one nominal build (`build`), statistical coherence (`coherence`) and uncertainty and
sensitivity analysis over the uncertain choices (`uncertainty`, Sobol indices with SALib)."""
