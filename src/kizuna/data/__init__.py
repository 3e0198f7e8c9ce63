"""Reference data shipped with Kizuna (taxonomy, industry groups, provinces, countries, demo)."""
