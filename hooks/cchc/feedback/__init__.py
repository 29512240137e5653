"""The parents' pages: feedback channels, published Q&A, working days, the privacy guard."""
