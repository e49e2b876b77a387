"""Hand-curated policy registers (programmes, projects, partners, action plan) and their checks."""
